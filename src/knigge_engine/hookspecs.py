"""The hooks a knigge_engine plugin can implement.

Every hook is called **once, when an engine is built** — never once per event — so a
plugin's cost is paid at start-up and the per-event path stays a plain loop over
precompiled rules. Implement hooks with :data:`knigge_engine.hookimpl`::

    from knigge_engine import hookimpl

    @hookimpl
    def knigge_rules():
        return [my_rule]

and make the module findable through the ``knigge_engine`` entry-point group::

    [project.entry-points.knigge_engine]
    my_plugin = "my_package.plugin"
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .decision import Decider
    from .io.base import Importer, Reporter
    from .policy import Policy
    from .rules import PlatformSpec, Rule

#: Marker for hook specifications (used by the core only).
hookspec = pluggy.HookspecMarker("knigge_engine")
#: Marker for hook implementations: ``from knigge_engine import hookimpl``.
hookimpl = pluggy.HookimplMarker("knigge_engine")

# ---------------------------------------------------------------------------------------
# Registration hooks: each returns what the plugin provides; the engine collects the
# results of all plugins.
# ---------------------------------------------------------------------------------------


@hookspec
def knigge_rules() -> Iterable[Rule]:
    """Return the rules this plugin provides.

    Called once per engine build. Each item is a :class:`~knigge_engine.Rule` (what the
    :func:`~knigge_engine.rule` decorator makes). Codes and names must be unique across
    all plugins; a duplicate is reported at build time naming both plugins.
    """


@hookspec
def knigge_platforms() -> Iterable[PlatformSpec]:
    """Return the platforms this plugin provides, as :class:`~knigge_engine.PlatformSpec`.

    Called once per engine build. A platform name may be provided by one plugin only.
    Events whose ``platform`` no plugin provides are still evaluated, with a generic spec
    and a warning naming the missing plugin.
    """


@hookspec
def knigge_importers() -> Iterable[Importer]:
    """Return input formats this plugin can read, as :class:`~knigge_engine.io.Importer`.

    Called once when the command line (or :func:`knigge_engine.io.read_paths`) needs the
    importers. ``knigge check PATH`` asks each importer's ``detect`` in turn (highest
    ``priority`` first) whether it recognises the file or folder.
    """


@hookspec
def knigge_reporters() -> Iterable[Reporter]:
    """Return output formats this plugin can write, as :class:`~knigge_engine.io.Reporter`.

    Called once per command-line run. The reporter's ``name`` is what ``--format`` takes.
    """


@hookspec
def knigge_presets() -> Mapping[str, str]:
    """Return named policy presets: a mapping of preset name to TOML text.

    Called once when a policy is loaded. A policy uses a preset with
    ``extends = "NAME"``. Preset names must be unique across plugins.
    """


# ---------------------------------------------------------------------------------------
# Decision hook: first result wins.
# ---------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def knigge_decider(policy: Policy) -> Decider | None:
    """Return the function that turns an event's findings into an action, or ``None`` to
    leave the choice to another plugin.

    Called once per engine build; the returned callable is then used for every event, so
    the per-event path does no hook dispatch. The core provides the default (threshold)
    decider with ``trylast=True``; a plugin overrides it by returning its own.

    Stops at first non-None result.
    """
