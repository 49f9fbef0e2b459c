"""Test helpers for rule authors, registered as a pytest plugin (`pytest11`).

Installing knigge-engine makes these available in every pytest run; nothing to import
for the fixtures.

**The one-line example check.** Every rule's bad examples must make it fire and its good
examples must not. In a plugin's own test suite:

```python
from knigge_engine.testing import rule_examples_test
from my_plugin import plugin

test_examples = rule_examples_test(plugin)
```

collects one test per example of every rule that `plugin` provides (and only those).
Pass the entry-point name instead (`rule_examples_test("acme")`) to check the
*installed* distribution, discovered through its entry point like a user's.

**Fixtures.**

- `knigge_engine`: an engine built from exactly what the test's `knigge` marker names
  (`@pytest.mark.knigge(plugins=[plugin], policy={"rules": {...}})`); without a marker,
  the built-in rules under the default policy. Entry points are off unless asked for, so a
  test does not depend on what else is installed; `strict` is on, so a crashing rule
  fails the test with its own traceback.
- `knigge_engine_factory`: the same as a function, for several engines in one test.
- `knigge_event` / `knigge_profile`: the [`make_event`][knigge_engine.testing.make_event] and
  `make_profile` factories.

**Assertions.** [`assert_fires`][knigge_engine.testing.assert_fires] and
[`assert_silent`][knigge_engine.testing.assert_silent] evaluate an event and, on failure, say which
rule was expected to do what, what fired instead (code, weight, message) and — from the trace —
whether the rule ran at all or why it was skipped.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest

from .builders import make_event
from .engine import Assessment, Engine
from .model import event_from_dict
from .plugins import BUILTIN_NAME
from .policy import Policy, policy_from_dict
from .rules import Example, Finding, Rule

__all__ = [
    "ExampleCase",
    "assert_fires",
    "assert_silent",
    "build_engine",
    "check_example",
    "check_import",
    "example_cases",
    "fuzz_settings",
    "long_strings",
    "make_event",
    "make_profile",
    "rule_examples_test",
]

# ------------------------------------------------------------------------- factories
# make_event lives in builders (importable without pytest, for rule examples) and is
# re-exported here for tests.


def make_profile(id: str = "u-1", **facts: Any) -> dict[str, Any]:
    """A profile in the event contract's JSON shape: `id` plus any facts
    (`name`, `headline`, `contact_count`, `premium`, `degree`, …). Facts left
    out are unknown (`None`), which rules must treat as no evidence."""
    return {"id": id, **facts}


def build_engine(
    plugins: Iterable[Any] = (),
    policy: Policy | Mapping[str, Any] | str | Path | None = None,
    *,
    entry_points: bool = False,
    builtin: bool = True,
    strict: bool | None = True,
    **kwargs: Any,
) -> Engine:
    """An engine from exactly the named plugins and policy.

    `policy` is a [`Policy`][knigge_engine.testing.Policy], a dict shaped like the TOML file, a
    preset name (`"selective"`), a path to a policy file, or `None` for the built-in defaults.
    Entry points are off and `strict` is on by default (see the module docs).
    """
    plugins = tuple(plugins)
    if isinstance(policy, str) and not policy.endswith(".toml"):
        policy = {"extends": policy}
    if isinstance(policy, Mapping):
        # The named plugins may provide the preset the policy extends.
        presets = _presets(plugins, entry_points, builtin)
        policy = policy_from_dict(dict(policy), presets=presets)
    elif policy is None:
        policy = Policy()
    return Engine(policy, plugins=plugins, entry_points=entry_points, builtin=builtin,
                  strict=strict, **kwargs)


def _presets(plugins: tuple[Any, ...], entry_points: bool, builtin: bool) -> dict[str, str]:
    from .plugins import load_plugins
    from .presets import PRESETS

    found = dict(PRESETS)
    pset = load_plugins(plugins=plugins, entry_points=entry_points, builtin=builtin)
    for _, provided in pset.call("knigge_presets"):
        for name, text in dict(provided).items():
            found.setdefault(name, text)
    return found


# ------------------------------------------------------------------------- assertions


def _finding_line(f: Finding) -> str:
    return f"  {f.code} {f.name} ({f.severity.value}, weight {f.weight:+g}): {f.message}"


def _describe(a: Assessment, rule: Rule | None = None) -> str:
    lines = [f"assessment of event {a.event!r} ({a.platform} {a.direction.value} "
             f"{a.kind.value}): action {a.action.value if a.action else None}, "
             f"score {a.score:g}",
             "what fired:"]
    lines += [_finding_line(f) for f in a.findings] or ["  nothing"]
    if rule is not None and a.trace is not None:
        mine = next((t for t in a.trace.rules if t.code == rule.code), None)
        if mine is not None:
            lines.append(f"{rule.code} in the trace: {mine.status}"
                         + (f" ({mine.detail})" if mine.detail else ""))
    return "\n".join(lines)


def _evaluate(engine: Engine, event: Any, kwargs: Mapping[str, Any]) -> Assessment:
    return engine.evaluate(event, explain=True, **kwargs)


def assert_fires(
    engine: Engine, event: Any, code: str, *, contains: str | None = None, **kwargs: Any
) -> Assessment:
    """Assert that rule `code` (or name) fires on `event`; returns the assessment.

    `contains` also requires a finding of the rule whose message contains that text
    (the evidence it names). `kwargs` go to [`Engine.evaluate`][knigge_engine.Engine.evaluate]
    (`now`, `history`). The failure message lists what fired instead and whether the rule ran
    or why it was skipped.
    """
    __tracebackhide__ = True  # the failure is the caller's line
    rule = engine.rule(code)
    a = _evaluate(engine, event, kwargs)
    mine = [f for f in a.findings if f.code == rule.code]
    if not mine:
        raise AssertionError(
            f"expected {rule.code} ({rule.name}) to fire, but it did not\n{_describe(a, rule)}")
    if contains is not None and not any(contains in f.message for f in mine):
        said = "\n".join(f"  {f.message}" for f in mine)
        raise AssertionError(
            f"{rule.code} ({rule.name}) fired, but no message contains {contains!r}; "
            f"it said:\n{said}\n{_describe(a, rule)}")
    return a


def assert_silent(engine: Engine, event: Any, code: str, **kwargs: Any) -> Assessment:
    """Assert that rule `code` (or name) does not fire on `event`; returns the
    assessment. The failure message quotes what the rule said."""
    __tracebackhide__ = True  # the failure is the caller's line
    rule = engine.rule(code)
    a = _evaluate(engine, event, kwargs)
    hits = [f for f in a.findings if f.code == rule.code]
    if hits:
        raise AssertionError(
            f"expected {rule.code} ({rule.name}) to stay silent, but it fired: "
            f"{hits[0].message}\n{_describe(a, rule)}")
    return a


# ------------------------------------------------------------------------- examples


@attrs.frozen
class ExampleCase:
    """One example of one rule, with whether it must fire."""

    rule: Rule
    example: Example
    fires: bool
    index: int
    engine_args: Mapping[str, Any]

    def __str__(self) -> str:
        return f"{self.rule.code}-{'bad' if self.fires else 'good'}{self.index}"


def _plugin_name(item: Any) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, tuple):
        return str(item[0])
    return getattr(item, "__name__", None) or type(item).__name__


def example_cases(
    *, plugins: Iterable[Any] = (), entry_points: bool = True, builtin: bool = True,
    codes: Iterable[str] | None = None, only: Iterable[str] | None = None,
) -> list[ExampleCase]:
    """Every example of every rule the engine gets from the named plugins (all installed
    plugins by default), ready to parametrise a test over. `codes` keeps only those
    rules; `only` keeps the rules of those plugin names."""
    args = {"plugins": tuple(plugins), "entry_points": entry_points, "builtin": builtin}
    engine = _engine(args, None)
    wanted = None if codes is None else set(codes)
    owners = None if only is None else set(only)
    cases = []
    for rule in engine.rules.values():
        if wanted is not None and rule.code not in wanted:
            continue
        if owners is not None and rule.plugin not in owners:
            continue
        cases += [ExampleCase(rule, ex, True, i, args) for i, ex in enumerate(rule.bad)]
        cases += [ExampleCase(rule, ex, False, i, args) for i, ex in enumerate(rule.good)]
    return cases


def rule_examples_test(*plugins: Any, codes: Iterable[str] | None = None) -> Any:
    """A parametrised pytest test over the examples of the given plugins' rules:

    ```python
    test_examples = rule_examples_test(my_plugin)           # a plugin object
    test_examples = rule_examples_test(("acme", my_plugin))  # with a name
    test_examples = rule_examples_test("acme")               # installed, by entry point
    ```

    Plugin objects are registered explicitly (no entry points); names given as strings
    are loaded through the `knigge_engine` entry-point group. The built-in plugin is
    always there (it provides the `generic` platform the examples usually use), but
    only the named plugins' rules are checked. A plugin that provides no rule at all
    fails the collected test rather than passing quietly.
    """
    objects = tuple(p for p in plugins if not isinstance(p, str))
    installed = any(isinstance(p, str) for p in plugins)
    names = {_plugin_name(p) for p in plugins}
    cases = example_cases(plugins=objects, entry_points=installed, codes=codes,
                          only=names - {BUILTIN_NAME} or names)
    if not cases:
        # An empty parametrisation would be skipped silently; say what is missing.
        def test_no_rule_examples() -> None:
            engine = _engine({"plugins": objects, "entry_points": installed,
                              "builtin": True}, None)
            problems = "; ".join(str(p) for p in engine.problems) or "none"
            raise AssertionError(
                f"no rule with examples from plugin(s) {sorted(names)}; plugin problems: "
                f"{problems}")

        return test_no_rule_examples

    @pytest.mark.parametrize("case", cases, ids=str)
    def test_rule_examples(case: ExampleCase) -> None:
        __tracebackhide__ = True
        check_example(case)

    return test_rule_examples


_ENGINES: dict[str, Engine] = {}


def _engine(args: Mapping[str, Any], policy: Mapping[str, Any] | None) -> Engine:
    # One engine per plugin set and example policy for a whole test session: building
    # engines is the slow part, evaluating examples is cheap.
    key = json.dumps([repr(args), policy], sort_keys=True, default=str)
    if key not in _ENGINES:
        pol = policy_from_dict(dict(policy)) if policy else Policy()
        _ENGINES[key] = Engine(pol, strict=True, **args)
    return _ENGINES[key]


def check_example(case: ExampleCase) -> Assessment | None:
    """Evaluate one example and assert the rule fires (bad) or stays silent (good).

    Examples with `history` are checked by the history-aware runner
    (`Engine.check_history_example`) when the engine supports it.
    """
    __tracebackhide__ = True  # the failure is the caller's line
    engine = _engine(case.engine_args, case.example.policy)
    example = case.example
    title = f" ({example.title})" if example.title else ""
    if case.rule.follow_through or example.history:
        runner = getattr(engine, "check_history_example", None)
        if runner is None:
            pytest.skip(f"{case.rule.code}: history examples need the history module")
        fired = runner(case.rule, example)
        if fired != case.fires:
            raise AssertionError(
                f"{case}{title}: expected {case.rule.code} ({case.rule.name}) to "
                f"{'fire' if case.fires else 'stay silent'} on its "
                f"{'bad' if case.fires else 'good'} example")
        return None
    assert example.event is not None, f"{case}: example has no event"
    event = event_from_dict(example.event)
    now = _dt.datetime.fromisoformat(example.now) if example.now else None
    try:
        if case.fires:
            return assert_fires(engine, event, case.rule.code, now=now)
        return assert_silent(engine, event, case.rule.code, now=now)
    except AssertionError as exc:
        which = "bad" if case.fires else "good"
        raise AssertionError(f"{which} example {case.index} of {case.rule.code}{title}: "
                             f"{exc}") from None


# ------------------------------------------------------------------------- pytest


def pytest_configure(config: pytest.Config) -> None:
    """Register the `knigge` marker."""
    config.addinivalue_line(
        "markers",
        "knigge(plugins=(), policy=None, entry_points=False, builtin=True): what the "
        "knigge_engine fixture builds its engine from",
    )


@pytest.fixture
def knigge_engine_factory() -> Callable[..., Engine]:
    """Build an engine from exactly the plugins and policy a test names:
    `make(plugins=[...], policy={...} | Policy | "preset" | path, entry_points=False,
    builtin=True, strict=True)` (see `build_engine`)."""
    return build_engine


@pytest.fixture
def knigge_engine(request: pytest.FixtureRequest) -> Engine:
    """The engine the test's `@pytest.mark.knigge(...)` marker describes (its
    arguments are those of `build_engine`); without a marker, the built-in rules
    under the default policy."""
    marker = request.node.get_closest_marker("knigge")
    kwargs = dict(marker.kwargs) if marker is not None else {}
    args = tuple(marker.args) if marker is not None else ()
    return build_engine(*args, **kwargs)


@pytest.fixture
def knigge_event() -> Callable[..., dict[str, Any]]:
    """The [`make_event`][knigge_engine.testing.make_event] factory as a fixture."""
    return make_event


@pytest.fixture
def knigge_profile() -> Callable[..., dict[str, Any]]:
    """The `make_profile` factory as a fixture."""
    return make_profile


# ------------------------------------------------------------------- importer checks

#: How many characters of an input value an input error may quote (docs/reliability.md).
EXCERPT = 40


def long_strings(values: Iterable[Any]) -> list[str]:
    """Every string longer than `EXCERPT` in `values` (recursively, dict keys
    too): the values an importer's errors must not quote in full."""
    out: list[str] = []
    stack = list(values)
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if len(v) > EXCERPT:
                out.append(v)
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, (list, tuple)):
            stack.extend(v)
    return out


def fuzz_settings(default: int = 30) -> Any:
    """Hypothesis settings for an importer's fuzz tests: `default` examples per test
    (`KNIGGE_FUZZ_EXAMPLES` raises it for a long run, docs/reliability.md), no deadline,
    no example database, no explain phase (it traces every line of a failing example:
    minutes on a large export), and the health checks that large generated exports trip
    off.
    Needs hypothesis (imported here, not when this module loads)."""
    import os

    from hypothesis import HealthCheck, Phase, settings

    return settings(max_examples=int(os.environ.get("KNIGGE_FUZZ_EXAMPLES", str(default))),
                    deadline=None, print_blob=True, database=None,
                    phases=[p for p in Phase if p is not Phase.explain],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example,
                                           HealthCheck.function_scoped_fixture])


def check_import(items: Iterable[Any], engine: Any, *, source: str,
                 secrets: Iterable[str] = (), max_reason: int = 300,
                 located: str | None = None, stride: int = 1) -> tuple[list[Any], list[Any]]:
    """The properties every import must have, whatever the input — for an importer
    plugin's own fuzz tests (the built-in platform plugins use it).

    `items` are what the importer (or `knigge_engine.io.read_paths`) yielded. Checked:
    only events, `Located` events and
    `InputError`s come out; every error names a file under
    `source` and has a reason of at most `max_reason` characters that quotes no more
    than `EXCERPT` characters of any of `secrets` (checked at every `stride`-th
    offset); a located event names a file under `source` and, with `located`, a
    location starting with it; every event goes through the history's JSON encoding and
    is judged without an engine finding about a crash (KE001), and assessments and errors
    go through `knigge check --format json`. Returns `(events, errors)`.
    """
    import io as _io

    import orjson

    from .io import InputError, Located
    from .io.base import Summary
    from .io.reporters import JSON
    from .model import event_to_dict

    items = list(items)
    for i in items:
        if isinstance(i, Located):
            assert i.source.startswith(source), i
            assert located is None or i.location.startswith(located), i
    events = [i.event if isinstance(i, Located) else i for i in items
              if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    for e in events:
        assert hasattr(e, "kind"), f"neither event nor error: {e!r}"[:200]
    secrets = list(secrets)
    for err in errors:
        assert err.source.startswith(source), err.source
        assert len(err.reason) <= max_reason, err.reason[:200]
        for secret in secrets:
            for i in range(0, len(secret) - EXCERPT, stride):
                assert secret[i:i + EXCERPT + 1] not in err.reason, (err.reason[:200], secret)
    for e in events:
        orjson.dumps(event_to_dict(e), option=orjson.OPT_SORT_KEYS)
    out = _io.StringIO()
    writer = JSON.open(out, "en")
    for e in events:
        assessment = engine.evaluate(e)
        assert not [f for f in assessment.findings if f.code == "KE001"], assessment
        writer.assessment(assessment, e)
    for err in errors:
        writer.error(err)
    writer.close(Summary(read=len(items), assessed=len(events), rejected=len(errors)))
    doc = orjson.loads(out.getvalue())
    assert len(doc["assessments"]) == len(events)
    assert len(doc["errors"]) == len(errors)
    return events, errors
