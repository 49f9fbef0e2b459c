"""The `xing` plugin's hook implementations (entry point `xing` in the
`knigge_engine` group): the platform spec, the XI rules and the importers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from knigge_engine import PlatformSpec, Rule, hookimpl
from knigge_engine.io import Importer, ImportOptions

from .rules import RULES
from .spec import XING


def _importer(index: int) -> Importer:
    from .importer import IMPORTERS

    return IMPORTERS[index]


# The importers' module is imported on first use: a path that is no file with one of
# their suffixes is answered without it (the start-up of a one-event check).


def _detect_vcard(path: Path) -> bool:
    if path.suffix.lower() not in (".vcf", ".vcard") or not path.is_file():
        return False
    return _importer(0).detect(path)


def _read_vcard(path: Path, options: ImportOptions) -> Iterator[Any]:
    return _importer(0).read(path, options)


def _detect_csv(path: Path) -> bool:
    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    return _importer(1).detect(path)


def _read_csv(path: Path, options: ImportOptions) -> Iterator[Any]:
    return _importer(1).read(path, options)


#: `knigge_xing.importer.IMPORTERS`, their module imported on first use.
LAZY_IMPORTERS = (
    Importer(name="xing-vcard", description="vCard files (.vcf, one or many contacts; "
             "2.1, 3.0, 4.0) as XING contacts", detect=_detect_vcard, read=_read_vcard,
             priority=5),
    Importer(name="xing-csv", description="XING contacts or requests in the documented "
             "CSV layouts (docs/platforms/xing.md)", detect=_detect_csv, read=_read_csv,
             priority=5),
)


@hookimpl
def knigge_platforms() -> Iterable[PlatformSpec]:
    """The `xing` platform."""
    return [XING]


@hookimpl
def knigge_rules() -> Iterable[Rule]:
    """XI401 xing-note-over-limit, XI402 formal-first-contact, XI403 contacts-not-shared."""
    return RULES


@hookimpl
def knigge_importers() -> Iterable[Any]:
    """vCard files (.vcf) and the documented XING CSV layouts."""
    return LAZY_IMPORTERS
