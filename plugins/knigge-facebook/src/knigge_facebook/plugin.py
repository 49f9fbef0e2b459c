"""The ``facebook`` plugin's hook implementations (entry point ``facebook`` in the
``knigge_engine`` group): the platform spec, the FB rules and the export importer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from knigge_engine import PlatformSpec, Rule, hookimpl

from .importer import FACEBOOK_EXPORT
from .rules import RULES
from .spec import FACEBOOK


@hookimpl
def knigge_platforms() -> Iterable[PlatformSpec]:
    """The ``facebook`` platform."""
    return [FACEBOOK]


@hookimpl
def knigge_rules() -> Iterable[Rule]:
    """FB401 friend-cap, FB402 stranger-friend-request, FB403 promotion-is-fine."""
    return RULES


@hookimpl
def knigge_importers() -> Iterable[Any]:
    """Facebook's "download your information" JSON export (folder, zip or one file)."""
    return [FACEBOOK_EXPORT]
