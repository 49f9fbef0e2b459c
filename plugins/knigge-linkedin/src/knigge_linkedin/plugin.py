"""The hook implementations the engine loads through the entry point ``linkedin``.

Every hook is called once when an engine is built; nothing here runs per event.
"""

from __future__ import annotations

from collections.abc import Iterable

from knigge_engine import PlatformSpec, Rule, hookimpl
from knigge_engine.io import Importer

from .importer import IMPORTER
from .rules import RULES
from .spec import LINKEDIN


@hookimpl
def knigge_rules() -> Iterable[Rule]:
    """The LI4xx rules."""
    return RULES


@hookimpl
def knigge_platforms() -> Iterable[PlatformSpec]:
    """The ``linkedin`` platform."""
    return [LINKEDIN]


@hookimpl
def knigge_importers() -> Iterable[Importer]:
    """LinkedIn's data export (the zip as downloaded, its folder, or one of its CSVs)."""
    return [IMPORTER]
