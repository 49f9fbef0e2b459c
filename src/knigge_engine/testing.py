"""Test helpers for rule authors, registered as a pytest plugin (``pytest11``).

Fixtures:

- ``knigge_engine_factory``: ``make(plugins=[...], policy={...} or Policy or path,
  entry_points=False, builtin=True)`` builds an engine from exactly what the test names.
- ``knigge_event``: ``make(kind="contact_request", direction="incoming", note=...,
  sender={...}, recipient={...}, platform="generic", **fields)`` builds an event dict.

Helpers (plain functions, importable): :func:`assert_fires`, :func:`assert_silent`,
:func:`example_cases` and :func:`check_example` — the one-line bad/good example check
for a plugin's own test suite::

    from knigge_engine.testing import example_cases, check_example

    @pytest.mark.parametrize("case", example_cases(plugins=[my_plugin]), ids=str)
    def test_examples(case):
        check_example(case)
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import pytest

from .engine import Assessment, Engine
from .model import event_from_dict
from .policy import Policy, policy_from_dict
from .rules import Example, Rule

__all__ = [
    "ExampleCase",
    "assert_fires",
    "assert_silent",
    "check_example",
    "example_cases",
    "make_event",
]

_AT = "2026-11-02T09:15:00+01:00"


def make_event(
    kind: str = "contact_request",
    direction: str = "incoming",
    *,
    platform: str = "generic",
    sender: Mapping[str, Any] | None = None,
    recipient: Mapping[str, Any] | None = None,
    id: str = "t-1",
    at: str = _AT,
    **fields: Any,
) -> dict[str, Any]:
    """An event dict in the contract's shape with sensible defaults: the owner is
    ``me``, the other party ``u-1``; ``fields`` adds ``note``, ``text``, … ."""
    me = {"id": "me"}
    them = {"id": "u-1"}
    if direction == "outgoing":
        s, r = {**me, **(sender or {})}, {**them, **(recipient or {})}
    else:
        s, r = {**them, **(sender or {})}, {**me, **(recipient or {})}
    event = {"kind": kind, "id": id, "platform": platform, "direction": direction,
             "at": at, "sender": s, "recipient": r}
    if kind == "contact_request":
        event.setdefault("note", None)
    event.update(fields)
    return event


def _describe(a: Assessment) -> str:
    lines = [f"assessment of {a.event}: action {a.action}, score {a.score:g}"]
    lines += [f"  {f.code} {f.name} ({f.severity.value}, {f.weight:+g}): {f.message}"
              for f in a.findings] or ["  (no findings)"]
    return "\n".join(lines)


def assert_fires(engine: Engine, event: Any, code: str, **kwargs: Any) -> Assessment:
    """Assert that rule ``code`` (or name) fires on ``event``; returns the assessment.
    The failure message lists what did fire."""
    rule = engine.rule(code)
    a = engine.evaluate(event, **kwargs)
    if not any(f.code == rule.code for f in a.findings):
        raise AssertionError(f"expected {rule.code} ({rule.name}) to fire\n{_describe(a)}")
    return a


def assert_silent(engine: Engine, event: Any, code: str, **kwargs: Any) -> Assessment:
    """Assert that rule ``code`` (or name) does not fire on ``event``."""
    rule = engine.rule(code)
    a = engine.evaluate(event, **kwargs)
    hits = [f for f in a.findings if f.code == rule.code]
    if hits:
        raise AssertionError(
            f"expected {rule.code} ({rule.name}) to stay silent, it said: {hits[0].message}"
            f"\n{_describe(a)}")
    return a


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


def example_cases(
    *, plugins: Iterable[Any] = (), entry_points: bool = True, builtin: bool = True,
    codes: Iterable[str] | None = None,
) -> list[ExampleCase]:
    """Every example of every rule the named plugins provide (all installed plugins by
    default), ready to parametrise a test over."""
    args = {"plugins": tuple(plugins), "entry_points": entry_points, "builtin": builtin}
    engine = _engine(args, None)
    wanted = None if codes is None else set(codes)
    cases = []
    for rule in engine.rules.values():
        if wanted is not None and rule.code not in wanted:
            continue
        cases += [ExampleCase(rule, ex, True, i, args) for i, ex in enumerate(rule.bad)]
        cases += [ExampleCase(rule, ex, False, i, args) for i, ex in enumerate(rule.good)]
    return cases


_ENGINES: dict[str, Engine] = {}


def _engine(args: Mapping[str, Any], policy: Mapping[str, Any] | None) -> Engine:
    key = json.dumps([repr(args), policy], sort_keys=True, default=str)
    if key not in _ENGINES:
        pol = policy_from_dict(dict(policy)) if policy else Policy()
        _ENGINES[key] = Engine(pol, strict=True, **args)
    return _ENGINES[key]


def check_example(case: ExampleCase) -> Assessment | None:
    """Evaluate one example and assert the rule fires (bad) or stays silent (good).

    Examples with ``history`` are checked by the history-aware runner
    (``Engine.due``) when the engine supports it.
    """
    engine = _engine(case.engine_args, case.example.policy)
    example = case.example
    if case.rule.follow_through or example.history:
        runner = getattr(engine, "check_history_example", None)
        if runner is None:
            pytest.skip(f"{case.rule.code}: history examples need the history module")
        fired = runner(case.rule, example)
        if fired != case.fires:
            raise AssertionError(
                f"{case}: expected {case.rule.code} to {'fire' if case.fires else 'stay silent'}")
        return None
    assert example.event is not None, f"{case}: example has no event"
    event = event_from_dict(example.event)
    now = _dt.datetime.fromisoformat(example.now) if example.now else None
    if case.fires:
        return assert_fires(engine, event, case.rule.code, now=now)
    return assert_silent(engine, event, case.rule.code, now=now)


@pytest.fixture
def knigge_engine_factory() -> Callable[..., Engine]:
    """Build an engine from exactly the plugins and policy a test names (entry points
    off by default, so the test does not depend on what else is installed)."""

    def make(
        plugins: Iterable[Any] = (),
        policy: Policy | Mapping[str, Any] | str | None = None,
        *,
        entry_points: bool = False,
        builtin: bool = True,
        **kwargs: Any,
    ) -> Engine:
        if isinstance(policy, Mapping):
            policy = policy_from_dict(dict(policy))
        elif policy is None:
            policy = Policy()
        return Engine(policy, plugins=plugins, entry_points=entry_points, builtin=builtin,
                      **kwargs)

    return make


@pytest.fixture
def knigge_event() -> Callable[..., dict[str, Any]]:
    """The :func:`make_event` factory as a fixture."""
    return make_event
