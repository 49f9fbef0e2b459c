"""The plugin manager: built-in rules, entry-point plugins, explicit plugins, blocking.

Every engine gets a **fresh** `pluggy.PluginManager` (never a global one), so two
engines in one process, or two tests, never share plugins. Plugins are found through the
`knigge_engine` entry-point group exactly like a third party's; the built-in rules are a
plugin of that group too.

A plugin that fails to import, declares a misspelled hook or raises inside a hook is
**named and isolated**: it is left out, and a [`PluginProblem`][knigge_engine.plugins.PluginProblem]
saying which distribution, version and hook failed is kept on the plugin set (the CLI prints them
and exits with status 2). Pass `strict=True` to raise instead.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs
import pluggy

from . import hookspecs
from ._entrypoints import entry_points as scan_entry_points

__all__ = ["ENTRY_POINT_GROUP", "PluginError", "PluginProblem", "PluginSet", "load_plugins"]

ENTRY_POINT_GROUP = "knigge_engine"
BUILTIN_NAME = "builtin"


@attrs.frozen
class PluginProblem:
    """A plugin that could not be used: which one, where it comes from, which hook, why."""

    plugin: str
    distribution: str | None
    version: str | None
    hook: str | None
    reason: str

    def __str__(self) -> str:
        origin = ""
        if self.distribution:
            origin = f" (distribution {self.distribution} {self.version or ''})".rstrip()
            origin = origin if origin.endswith(")") else origin + ")"
        where = f" in hook {self.hook}" if self.hook else ""
        return f"plugin '{self.plugin}'{origin}{where}: {self.reason}"


class PluginError(RuntimeError):
    """Raised in strict mode (and for problems that make an engine unusable)."""

    def __init__(self, problem: PluginProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@attrs.define
class PluginSet:
    """A plugin manager plus what we know about each plugin and what went wrong."""

    manager: pluggy.PluginManager
    #: Where each plugin comes from: name -> (distribution, version). Read through
    #: `origin`: an installed plugin's entry is filled in from its distribution's
    #: metadata only when a message needs it (reading it costs milliseconds per plugin
    #: at every start; docs/performance.md).
    origins: dict[str, tuple[str | None, str | None]] = attrs.field(factory=dict)
    #: Plugins whose origin is not read yet: name -> a function that reads it.
    unread: dict[str, Callable[[], tuple[str | None, str | None]]] = attrs.field(
        factory=dict)
    problems: list[PluginProblem] = attrs.field(factory=list)
    #: Installed plugins left out (blocked) for this run: entry-point name ->
    #: distribution name (from the installed metadata; `None` where unknown).
    left_out: dict[str, str | None] = attrs.field(factory=dict)
    strict: bool = False

    def names(self) -> list[str]:
        """Names of the registered plugins, in registration order."""
        # Blocked names stay listed by pluggy with a None plugin: leave them out.
        return [name for name, plugin in self.manager.list_name_plugin()
                if name is not None and plugin is not None]

    def origin(self, name: str) -> tuple[str | None, str | None]:
        """`(distribution, version)` of a plugin (`(None, None)` where unknown)."""
        read = self.unread.pop(name, None)
        if read is not None:
            self.origins[name] = read()
        return self.origins.get(name, (None, None))

    def describe(self, name: str) -> str:
        """`name (distribution version)` for messages."""
        dist, version = self.origin(name)
        return f"{name} ({dist} {version})" if dist else name

    def problem(self, plugin: str, hook: str | None, reason: str) -> None:
        dist, version = self.origin(plugin)
        found = PluginProblem(plugin, dist, version, hook, reason)
        if self.strict:
            raise PluginError(found)
        self.problems.append(found)

    def call(self, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Call a registration hook plugin by plugin, isolating failures.

        Yields `(plugin name, result)` for every implementation that returned a result;
        an implementation that raises is recorded as a problem and skipped. Unlike
        `pm.hook.NAME()`, one broken plugin does not stop the others.
        """
        for impl in self.ordered(hook):
            name = impl.plugin_name
            try:
                args = [kwargs[arg] for arg in impl.argnames]
                result = impl.function(*args)
            except Exception as exc:
                self.problem(name, hook, f"raised {type(exc).__name__}: {exc}")
                continue
            if result is not None:
                yield name, result

    def ordered(self, hook: str) -> list[pluggy.HookImpl]:
        """The implementations of `hook` in the order `call` runs them:
        `tryfirst` ones, then the others, then `trylast` ones, each group in
        registration order (built-ins, entry points, explicit plugins). pluggy runs a
        group last-registered first; registration order reads better in messages and
        makes "first one wins" conflicts predictable (docs/decisions.md)."""
        impls = getattr(self.manager.hook, hook).get_hookimpls()
        return sorted(impls, key=lambda i: 0 if i.tryfirst else 2 if i.trylast else 1)

    def first(self, hook: str, **kwargs: Any) -> tuple[str, Any] | None:
        """Call a first-result hook with the same isolation as `call`, in pluggy's
        own order (`tryfirst`, then the last registered, then `trylast`)."""
        caller = getattr(self.manager.hook, hook)
        for impl in reversed(caller.get_hookimpls()):
            try:
                result = impl.function(*[kwargs[a] for a in impl.argnames])
            except Exception as exc:
                self.problem(impl.plugin_name, hook, f"raised {type(exc).__name__}: {exc}")
                continue
            if result is not None:
                return impl.plugin_name, result
        return None


def _builtin_module() -> types.ModuleType:
    from . import builtin

    return builtin


def load_plugins(
    *,
    plugins: Iterable[Any] = (),
    entry_points: bool = True,
    builtin: bool = True,
    blocked: Iterable[str] = (),
    strict: bool = False,
    entry_point_loader: Callable[[], Iterable[Any]] | None = None,
) -> PluginSet:
    """Build a fresh plugin set.

    `plugins` are extra plugin objects (modules, classes or instances with hook
    implementations) registered under their `__name__` or a `(name, plugin)` pair.
    `entry_points` loads every plugin of the `knigge_engine` entry-point group.
    `builtin` registers the core's own rules (also reachable as the `builtin` entry
    point). `blocked` names plugins to leave out (entry-point names or given names).
    """
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    pset = PluginSet(manager=pm, strict=strict)
    for name in blocked:
        pm.set_blocked(name)

    def register(name: str, obj: Any,
                 origin: Callable[[], tuple[str | None, str | None]] | None) -> None:
        if pm.is_blocked(name) or pm.is_registered(obj) or pm.has_plugin(name):
            return
        pset.origins.pop(name, None)
        pset.unread.pop(name, None)
        if origin is not None:
            pset.unread[name] = origin
        try:
            pm.register(obj, name=name)
            # A misspelled hook name (knigge_rule instead of knigge_rules), or a hook
            # without @hookimpl, would silently never be called: fail loudly, naming
            # the plugin.
            for mistake in _hook_mistakes(obj) + _wrappers(pm, obj):
                raise pluggy.PluginValidationError(obj, mistake)
            # pluggy's own check: every implementation has a specification.
            pm.check_pending()
        except (pluggy.PluginValidationError, ValueError) as exc:
            if pm.is_registered(obj):
                pm.unregister(obj)
            pset.problem(name, None, str(exc))

    if builtin:
        register(BUILTIN_NAME, _builtin_module(), lambda: ("knigge-engine", _own_version()))

    if entry_points:
        loader = entry_point_loader or _group_entry_points
        for ep in loader():
            # The distribution's name and version are read from its metadata (an e-mail
            # style file to parse) only when a message names the plugin.
            origin = _origin_of(ep)
            if pm.is_blocked(ep.name):
                pset.left_out.setdefault(ep.name, origin()[0])
                continue
            if pm.has_plugin(ep.name):
                continue
            try:
                obj = ep.load()
            except Exception as exc:
                pset.unread[ep.name] = origin
                pset.problem(ep.name, None,
                             f"failed to load {ep.value}: {type(exc).__name__}: {exc}")
                continue
            register(ep.name, obj, origin)

    for item in plugins:
        if isinstance(item, tuple):
            name, obj = item
        else:
            obj = item
            name = getattr(obj, "__name__", None) or type(obj).__name__
        register(name, obj, None)

    return pset


def _group_entry_points() -> Iterable[Any]:
    """The `knigge_engine` entry points: read directly where that gives what
    importlib.metadata gives (the usual case; importing importlib.metadata costs start-up
    time), else from importlib.metadata (knigge_engine/_entrypoints.py)."""
    found = scan_entry_points(ENTRY_POINT_GROUP)
    if found is not None:
        return found
    import importlib.metadata as md

    return md.entry_points(group=ENTRY_POINT_GROUP)


def _origin_of(ep: Any) -> Callable[[], tuple[str | None, str | None]]:
    """A function that reads `(distribution, version)` of an entry point's plugin."""
    def read() -> tuple[str | None, str | None]:
        dist = getattr(ep, "dist", None)
        return (dist.name, dist.version) if dist is not None else (None, None)

    return read


def _hook_names() -> list[str]:
    return sorted(n for n in dir(hookspecs) if n.startswith("knigge_"))


_IMPL_MARK = f"{ENTRY_POINT_GROUP}_impl"  # the attribute pluggy's hookimpl marker sets


def _hook_mistakes(obj: Any) -> list[str]:
    """What keeps a plugin's hooks from being called, one sentence per mistake: an
    unknown `knigge_*` name, a known hook without `@hookimpl`, or a function marked
    with `@hookimpl` whose name is no hook."""
    names = _hook_names()
    known = set(names)

    def suggest(word: str) -> str:
        import difflib  # only for a mistake (start-up)

        close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
        return f"did you mean '{close[0]}'? " if close else ""

    found = []
    for attr in dir(obj):
        if attr.startswith("__"):
            continue
        value = getattr(obj, attr, None)
        if not callable(value):
            continue
        mark = getattr(value, _IMPL_MARK, None)
        marked = mark is not None
        if marked and isinstance(mark, dict) and mark.get("specname"):
            attr = mark["specname"]  # @hookimpl(specname=...): the hook it implements
        if attr in known and not marked:
            found.append(f"'{attr}' is not marked with @hookimpl, so it would never be "
                         "called; decorate it: from knigge_engine import hookimpl")
        elif attr not in known and (attr.startswith("knigge_") or marked):
            found.append(f"unknown hook '{attr}' ({suggest(attr)}known hooks: "
                         f"{', '.join(names)})")
    return found


def _wrappers(pm: pluggy.PluginManager, obj: Any) -> list[str]:
    """Wrapper implementations of `obj`, one sentence each: the engine calls each
    plugin's implementation itself (so that one broken plugin does not stop the others),
    and a wrapper around the other plugins' calls has no place in that."""
    found = []
    for caller in pm.get_hookcallers(obj) or ():
        for impl in caller.get_hookimpls():
            if impl.plugin is obj and (impl.wrapper or impl.hookwrapper):
                found.append(
                    f"hook '{caller.name}' is a wrapper (wrapper=True or hookwrapper=True), "
                    "which knigge does not support: it calls every plugin's implementation "
                    "on its own to isolate failures; return your results directly")
    return found


def _own_version() -> str | None:
    import importlib.metadata as md

    try:
        return md.version("knigge-engine")
    except md.PackageNotFoundError:
        return None
