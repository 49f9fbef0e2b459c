"""The built-in plugin: the generic KN rules, the neutral `generic` platform, the
presets, the German and English locales, the default decider and the JSON/JSONL formats.

It is registered through the `knigge_engine` entry-point group like any third-party
plugin (entry point `builtin`), so `--disable-plugin builtin` or
`[plugins] disable = ["builtin"]` leaves an engine with third-party rules only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..decision import Decider, default_decider
from ..hookspecs import hookimpl
from ..locales import BUILTIN, Locale
from ..presets import PRESETS
from ..rules import CAP_CONTACTS_HIDEABLE, CAP_REQUEST_NOTE, PlatformSpec, Rule
from . import coach, follow, triage

if TYPE_CHECKING:
    from ..plan import Plan

#: Every built-in rule (per event and follow-through), in code order.
RULES: tuple[Rule, ...] = (*coach.RULES, *triage.RULES, *follow.RULES)

#: A neutral network for examples, tests and data from networks without a plugin of
#: their own: requests carry notes and contact lists can be hidden, nothing else is set.
GENERIC = PlatformSpec(
    name="generic",
    title="Generic network",
    capabilities={CAP_REQUEST_NOTE: True, CAP_CONTACTS_HIDEABLE: True},
    locale="en",
    description="A neutral network with no limits of its own; the built-in rules' "
    "examples use it.",
)


@hookimpl
def knigge_rules() -> Iterable[Rule]:
    """The KN rules."""
    return RULES


@hookimpl
def knigge_platforms() -> Iterable[PlatformSpec]:
    """The neutral `generic` platform."""
    return [GENERIC]


@hookimpl
def knigge_locales() -> Iterable[Locale]:
    """German and English (the core's own: every rule speaks both)."""
    return tuple(BUILTIN.values())


@hookimpl
def knigge_presets() -> Mapping[str, str]:
    """`default`, `selective` and `open`."""
    return PRESETS


@hookimpl
def knigge_sales_phrases(plan: Plan) -> Iterable[str] | None:
    """KN105's `phrases` option, as the policy sets it (its default: the analysis's own
    list)."""
    rule = coach.sales_pitch
    phrases = getattr(plan.settings_for(rule, None).options, "phrases", None)
    return None if phrases is None else tuple(phrases)


@hookimpl(trylast=True)
def knigge_decider(policy: Any) -> Decider:
    """The threshold decider (any plugin's decider runs first)."""
    return default_decider


@hookimpl
def knigge_importers() -> Iterable[Any]:
    """JSON and JSONL event files."""
    from ..io.formats import IMPORTERS

    return IMPORTERS


@hookimpl
def knigge_reporters() -> Iterable[Any]:
    """`text`, `json` and `jsonl`."""
    from ..io.reporters import REPORTERS

    return REPORTERS
