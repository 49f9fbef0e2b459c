"""The `facebook` plugin's hook implementations (entry point `facebook` in the
`knigge_engine` group): the platform spec, the FB rules and the export importer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from knigge_engine import PlatformSpec, Rule, hookimpl
from knigge_engine.io import Importer, ImportOptions

from .rules import RULES
from .spec import FACEBOOK


def _importer() -> Importer:
    from .importer import FACEBOOK_EXPORT

    return FACEBOOK_EXPORT


def _detect(path: Path) -> bool:
    # Only a folder, a .zip or a .json file can be (part of) an export: anything else
    # is answered here, without importing the importer module (the start-up of a
    # one-event check).
    if path.suffix.lower() not in (".zip", ".json") and not path.is_dir():
        return False
    return _importer().detect(path)


def _read(path: Path, options: ImportOptions) -> Iterator[Any]:
    return _importer().read(path, options)


#: `knigge_facebook.importer.FACEBOOK_EXPORT` with its module imported on first use.
LAZY_EXPORT = Importer(
    name="facebook",
    description="Facebook 'download your information' export in JSON (folder or zip; "
    "2022+, ~2021 and 2020 layouts): friend requests, friends, message threads",
    detect=_detect,
    read=_read,
    priority=10,
)


@hookimpl
def knigge_platforms() -> Iterable[PlatformSpec]:
    """The `facebook` platform."""
    return [FACEBOOK]


@hookimpl
def knigge_rules() -> Iterable[Rule]:
    """FB401 friend-cap, FB402 stranger-friend-request, FB403 promotion-is-fine."""
    return RULES


@hookimpl
def knigge_importers() -> Iterable[Any]:
    """Facebook's "download your information" JSON export (folder, zip or one file)."""
    return [LAZY_EXPORT]
