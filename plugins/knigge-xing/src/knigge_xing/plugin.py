"""The ``xing`` plugin's hook implementations (entry point ``xing`` in the
``knigge_engine`` group): the platform spec, the XI rules and the importers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from knigge_engine import PlatformSpec, Rule, hookimpl

from .importer import IMPORTERS
from .rules import RULES
from .spec import XING


@hookimpl
def knigge_platforms() -> Iterable[PlatformSpec]:
    """The ``xing`` platform."""
    return [XING]


@hookimpl
def knigge_rules() -> Iterable[Rule]:
    """XI401 xing-note-over-limit, XI402 formal-first-contact, XI403 contacts-not-shared."""
    return RULES


@hookimpl
def knigge_importers() -> Iterable[Any]:
    """vCard files (.vcf) and the documented XING CSV layouts."""
    return IMPORTERS
