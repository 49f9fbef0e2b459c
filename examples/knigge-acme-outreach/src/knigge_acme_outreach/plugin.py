"""The hooks of the `acme` plugin: its rules and a policy preset.

knigge finds this module through the entry point in `pyproject.toml`; every hook is
called once when an engine is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from knigge_engine import Rule, hookimpl

from .rules import RULES

#: The preset sales teams start from: the default etiquette, and a personal channel in a
#: first contact is an error rather than a warning.
ACME_PRESET = """\
# ACME outreach: the default etiquette plus ACME's code of conduct, strictly.
extends = "default"

[rules.no-personal-channel]
severity = "error"
weight = 5.0
"""


@hookimpl
def knigge_rules() -> Iterable[Rule]:
    """AC101 no-emoji-first-contact, AC102 no-personal-channel, AC103 name-the-company."""
    return RULES


@hookimpl
def knigge_presets() -> Mapping[str, str]:
    """The `acme` preset (`extends = "acme"` in a policy)."""
    return {"acme": ACME_PRESET}
