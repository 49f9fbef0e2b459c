"""The hook implementations the engine loads through the entry point `linkedin`.

Every hook is called once when an engine is built; nothing here runs per event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from knigge_engine import PlatformSpec, Rule, hookimpl
from knigge_engine.io import Importer, ImportOptions

from .rules import RULES
from .spec import LINKEDIN


def _importer() -> Importer:
    from .importer import IMPORTER

    return IMPORTER


def _detect(path: Path) -> bool:
    # Only a folder, a .zip or a .csv file can be an export: anything else is answered
    # here, without importing the importer module (the start-up of a one-event check).
    if path.suffix.casefold() not in (".zip", ".csv") and not path.is_dir():
        return False
    return _importer().detect(path)


def _read(path: Path, options: ImportOptions) -> Iterator[Any]:
    return _importer().read(path, options)


#: `knigge_linkedin.importer.IMPORTER` with its module imported on first use.
LAZY_IMPORTER = Importer(
    name="linkedin-export",
    description="LinkedIn data export: the zip as downloaded, its folder, or "
    "Invitations.csv / Connections.csv / messages.csv (times without a zone need "
    "--timezone)",
    detect=_detect,
    read=_read,
    priority=50,
)


@hookimpl
def knigge_rules() -> Iterable[Rule]:
    """The LI4xx rules."""
    return RULES


@hookimpl
def knigge_platforms() -> Iterable[PlatformSpec]:
    """The `linkedin` platform."""
    return [LINKEDIN]


@hookimpl
def knigge_importers() -> Iterable[Importer]:
    """LinkedIn's data export (the zip as downloaded, its folder, or one of its CSVs)."""
    return [LAZY_IMPORTER]
