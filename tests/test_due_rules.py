"""The follow-through rule API: ``@due_rule`` checks take the context and yield
``DueItem`` s; crashes and wrong results are localized KE001 items; a rule bound to
platforms runs only there; the old ``@rule(follow_through=True)`` is refused."""

from __future__ import annotations

import datetime as dt
import types

import pytest

from knigge_engine import (
    DueItem,
    DueRule,
    Engine,
    InMemoryHistory,
    Kind,
    Policy,
    RuleDefinitionError,
    due_rule,
    hookimpl,
    policy_from_dict,
    rule,
)
from knigge_engine.testing import make_event

NOW = dt.datetime(2026, 11, 9, 12, 0, tzinfo=dt.UTC)
MESSAGES = {"en": "{name} waits.", "de": "{name} wartet."}


def _event(platform="generic", i=1):
    return {**make_event("message", "incoming", platform=platform), "id": f"m-{i}",
            "text": "Hallo Jana, hast du am Freitag Zeit für einen Kaffee?",
            "sender": {"id": f"p-{i}", "name": f"Person {i}"}}


def _rule(check, code="TD301", **extra):
    example = {"history": [_event()], "now": NOW.isoformat()}
    return due_rule(code=code, name=f"test-due-{code.lower()}", summary="s", why="w",
                    source="tests", messages=MESSAGES, bad=[example], good=[example],
                    **extra)(check)


def _engine(*rules, locale="en"):
    module = types.ModuleType("duetests")
    module.knigge_rules = hookimpl(lambda: list(rules))
    return Engine(policy_from_dict({"locale": locale}), plugins=[module], entry_points=False)


def _every_message(ctx):
    for event in ctx.history.events(platform=ctx.spec.name, kind=Kind.MESSAGE,
                                    until=ctx.now):
        yield ctx.report_due(event, since=event.at, days=1)


def test_a_due_rule_yields_items_per_platform_of_the_history():
    r = _rule(_every_message)
    assert isinstance(r, DueRule) and r.follow_through and r.needs_history
    history = InMemoryHistory([_event("generic", 1), _event("elsewhere", 2)])
    items = _engine(r).due(NOW, history, rules=["TD301"])
    assert all(isinstance(i, DueItem) for i in items)
    assert sorted((i.platform, i.party_name, i.message) for i in items) == [
        ("elsewhere", "Person 2", "Person 2 waits."),
        ("generic", "Person 1", "Person 1 waits.")]


def test_a_due_rule_bound_to_a_platform_runs_only_there():
    r = _rule(_every_message, platforms=["elsewhere"])
    history = InMemoryHistory([_event("generic", 1), _event("elsewhere", 2)])
    items = _engine(r).due(NOW, history, rules=["TD301"])
    assert [i.platform for i in items] == ["elsewhere"]


@pytest.mark.parametrize("locale,words", [
    ("en", "Follow-through rule TD302 (test-due-td302) of plugin duetests raised "
           "ZeroDivisionError; its items are missing."),
    ("de", "Die Nachfass-Regel TD302 (test-due-td302) aus Plugin duetests ist mit "
           "ZeroDivisionError abgebrochen; ihre Einträge fehlen."),
])
def test_a_crashing_due_rule_is_one_localized_item_and_the_others_still_run(locale, words):
    def crash(ctx):
        yield 1 / 0

    engine = _engine(_rule(_every_message), _rule(crash, code="TD302"), locale=locale)
    items = engine.due(NOW, InMemoryHistory([_event()]))
    crashed = [i for i in items if i.code == "KE001"]
    assert [i.message for i in crashed] == [words]
    assert crashed[0].locale == locale and crashed[0].evidence["code"] == "TD302"
    assert "TD301" in {i.code for i in items}


def test_a_due_rule_yielding_something_else_than_items_is_named():
    def findings(ctx):
        yield "a string is no due item"

    items = _engine(_rule(findings)).due(NOW, InMemoryHistory([_event()]), rules=["TD301"])
    assert [(i.code, i.evidence["error"]) for i in items] == [("KE001", "TypeError")]


def test_the_old_follow_through_flag_of_rule_points_to_due_rule():
    event = make_event("message", "incoming")
    with pytest.raises(RuleDefinitionError, match="@due_rule"):
        rule(code="TD303", name="old-style", summary="s", why="w", source="t",
             messages=MESSAGES, follow_through=True, bad=[event], good=[event])(
            lambda e, c: None)


def test_a_due_rule_is_selected_and_suppressed_by_the_policy_like_any_rule():
    r = _rule(_every_message)
    module = types.ModuleType("duetests")
    module.knigge_rules = hookimpl(lambda: [r])
    history = InMemoryHistory([_event("generic", 1), _event("generic", 2)])
    ignored = Engine(Policy(ignore=("TD301",)), plugins=[module], entry_points=False)
    assert "TD301" not in {c.code for c in ignored.plan.due_rules("generic")}
    assert not [i for i in ignored.due(NOW, history) if i.code == "TD301"]
    quiet = Engine(policy_from_dict({"suppress": [{"rule": "TD301", "sender": "p-1",
                                                   "reason": "old friend"}]}),
                   plugins=[module], entry_points=False)
    assert [i.party for i in quiet.due(NOW, history) if i.code == "TD301"] == ["p-2"]
