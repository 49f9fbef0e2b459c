"""How to build the same engine somewhere else: in a worker process or a Spark executor.

An [`Engine`][knigge_engine.recipe.Engine] holds compiled rules, functions and a plugin manager: it
is built, not shipped. What travels is an `EngineRecipe` — the resolved policy as plain data,
the plugins that must be there, the plugins to leave out and the strict switch — small,
picklable and readable. `EngineRecipe.build` builds the engine on the far side and
checks that every plugin the driver had is installed there too, failing with a message
that names the missing plugin (and the distribution it came from) instead of silently
assessing with fewer rules.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .policy import Policy, policy_from_dict

if TYPE_CHECKING:
    from .engine import Engine

__all__ = ["EngineRecipe", "MissingPluginError"]


class MissingPluginError(RuntimeError):
    """A plugin the driver's engine had is not installed where the engine is rebuilt."""


def _tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError("expected a list of plugin names, found one string")
    return tuple(value)


@attrs.frozen
class EngineRecipe:
    """Everything needed to rebuild an engine: plain data only.

    `policy` is the resolved policy as [`Policy.to_dict`][knigge_engine.Policy.to_dict] writes it;
    `plugins` names the plugins (entry-point names such as `"builtin"`) that must be present,
    with `labels` saying where each came from (`name (distribution version)`) for
    error messages; `modules` names importable modules registered as extra plugins;
    `blocked` are left out; `strict` raises on a crashing rule.
    """

    policy: Mapping[str, Any] = attrs.field(factory=dict)
    plugins: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    labels: Mapping[str, str] = attrs.field(factory=dict)
    modules: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    blocked: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    strict: bool = False

    @classmethod
    def from_engine(cls, engine: Engine, *, blocked: Iterable[str] = (),
                    modules: Iterable[str] = ()) -> EngineRecipe:
        """The recipe of a built engine: its policy, its plugin set, its strictness.

        `modules` names modules that were passed to `Engine(plugins=...)` (objects
        that are not importable modules cannot travel)."""
        names = engine.plugins.names()
        modules = tuple(modules)
        return cls(
            policy=engine.policy.to_dict(),
            plugins=tuple(n for n in names if n not in modules),
            labels={n: engine.plugins.describe(n) for n in names},
            modules=modules,
            blocked=tuple(blocked),
            strict=engine.strict,
        )

    @classmethod
    def from_policy(cls, policy: Policy | Mapping[str, Any] | str | None = None, *,
                    plugins: Iterable[str] = (), modules: Iterable[str] = (),
                    blocked: Iterable[str] = (), strict: bool = False) -> EngineRecipe:
        """A recipe from a policy (a [`Policy`][knigge_engine.recipe.Policy], a dict of parsed TOML,
        TOML text, or `None` for the default preset) and the plugin names that must be present."""
        if policy is None:
            policy = {"extends": "default"}
        if isinstance(policy, str):
            import tomllib

            policy = tomllib.loads(policy)
        if not isinstance(policy, Policy):
            policy = policy_from_dict(policy, source="recipe")
        return cls(policy=policy.to_dict(), plugins=tuple(plugins), modules=tuple(modules),
                   blocked=tuple(blocked), strict=strict)

    def build(self) -> Engine:
        """Build the engine here; raise `MissingPluginError` naming every plugin
        of the recipe that is not installed here."""
        from .engine import Engine

        extra = [importlib.import_module(m) for m in self.modules]
        engine = Engine(policy_from_dict(self.policy, source="recipe"), plugins=extra,
                        blocked=self.blocked, strict=self.strict)
        here = set(engine.plugins.names())
        missing = [n for n in self.plugins if n not in here]
        if missing:
            named = ", ".join(self.labels.get(n, n) for n in missing)
            raise MissingPluginError(
                f"the plugin(s) {named} are not installed here (installed: "
                f"{', '.join(sorted(here)) or 'none'}); install the same plugins on every "
                "worker or executor as on the driver"
            )
        return engine
