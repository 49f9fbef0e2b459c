"""Regression floor on the labelled real-world corpus (tests/corpus, docs/accuracy.md).

The floors are the figures achieved when the corpus was last measured, rounded down: a
change that makes the advice worse on real notes fails here. Raise them when the engine
gets better; never lower them to make a change pass (fix the change, or show in its
note why a label contradicted the rule's definition).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("corpus_accuracy", HERE / "corpus" / "accuracy.py")
assert _spec is not None and _spec.loader is not None
accuracy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(accuracy)

# (precision, recall) floors per rule on German and English items, for rules with at
# least ten labels and at least one "must".
RULE_FLOORS = {
    "KN101": (1.0, 1.0),
    "KN102": (1.0, 0.92),
    "KN103": (0.98, 0.98),
    "KN104": (1.0, 1.0),
    "KN105": (1.0, 0.91),
    "KN108": (0.97, 0.95),
    "KN109": (1.0, 1.0),
    "KN206": (1.0, 1.0),
    "KN207": (0.94, 0.94),
    "LI401": (1.0, 1.0),
}


@pytest.fixture(scope="module")
def result():
    return accuracy.measure()


def test_the_corpus_is_large_and_varied_enough(result):
    assert result["items"] >= 300 and result["sources"] >= 5
    assert result["languages"].get("de", 0) >= 25
    assert result["rejected"] == []  # every item is a valid event


def test_every_item_labels_each_code_once():
    folders = [accuracy.ITEMS, *accuracy.heldout_sets().values()]
    for folder in folders:
        for item in accuracy.load_items(folder):
            labelled = [c for kind in ("must", "must_not", "unsure") for c in item.get(kind, ())]
            assert len(labelled) == len(set(labelled)), item["item"]


def test_heldout_sets_share_no_source_with_the_tuning_corpus():
    # A held-out set measures generalisation only if none of its sources was tuned on.
    seen = {i["source"] for i in accuracy.load_items()}
    sets = accuracy.heldout_sets()
    assert {"heldout", "heldout2"} <= set(sets)
    for name, folder in sets.items():
        sources = {i["source"] for i in accuracy.load_items(folder)}
        assert sources and not sources & seen, name
        seen |= sources


def test_every_heldout_set_is_reported(result):
    assert set(result["heldouts"]) == set(accuracy.heldout_sets())
    assert result["heldout"] is result["heldouts"]["heldout"]
    report = accuracy.markdown(result)
    for name in result["heldouts"]:
        assert f"Held-out set `{name}`" in report


@pytest.mark.parametrize("code", sorted(RULE_FLOORS))
def test_rule_floor(result, code):
    precision, recall = RULE_FLOORS[code]
    got = result["per_rule_read"][code]
    assert got["precision"] is not None and got["precision"] >= precision, got
    assert got["recall"] is not None and got["recall"] >= recall, got


def test_overall_floor(result):
    read = result["read_overall"]
    assert read["precision"] >= 0.98 and read["recall"] >= 0.95
    assert read["no_false_alarm"] >= 0.99
    assert result["overall"]["no_false_alarm"] >= 0.99


def test_unreadable_languages_raise_no_false_alarm(result):
    for language, tally in result["per_language"].items():
        if language not in accuracy.READ_LANGUAGES:
            assert tally["fp"] == 0, language


def test_due_never_contradicts_itself_and_keeps_its_floor(result):
    due = result["due"]
    assert due["contradictions"] == 0
    assert due["per_code"]["KN301"]["precision"] == 1.0
    assert due["per_code"]["KN301"]["recall"] == 1.0
    assert due["total"]["precision"] >= 0.98 and due["total"]["recall"] >= 0.99
    assert all(e["errors"] == 0 for e in due["exports"])


def test_heldout_floor(result):
    # The held-out items were collected and labelled after the heuristics were tuned and
    # are never used for tuning: the honest, out-of-sample figures (docs/accuracy.md).
    held = result["heldout"]
    assert held is not None and held["items"] >= 50 and held["rejected"] == []
    read = held["read_overall"]
    assert read["precision"] >= 0.88 and read["recall"] >= 0.73
    assert read["no_false_alarm"] >= 0.97


# Held-out (precision, recall) floors per rule with at least one "must" label there
# (German and English items); None where the rule made no report to measure.
HELDOUT_RULE_FLOORS = {
    "KN102": (0.85, 0.66),
    "KN103": (0.80, 0.89),
    "KN104": (1.0, 1.0),
    "KN108": (0.92, 0.53),
    "KN109": (1.0, 1.0),
    "LI401": (1.0, 1.0),
}


@pytest.mark.parametrize("code", sorted(HELDOUT_RULE_FLOORS))
def test_heldout_rule_floor(result, code):
    precision, recall = HELDOUT_RULE_FLOORS[code]
    got = result["heldout"]["per_rule_read"][code]
    assert got["precision"] is not None and got["precision"] >= precision, got
    assert got["recall"] is not None and got["recall"] >= recall, got


def test_heldout2_floor(result):
    # The second held-out set (tests/corpus/heldout2, labels committed in e4efc6c before
    # the engine was first run on it): mostly real LinkedIn exports. Floors at the figures
    # after round 4 (never used for tuning), rounded down (docs/accuracy.md).
    held = result["heldouts"]["heldout2"]
    assert held is not None and held["items"] >= 60 and held["sources"] >= 5
    assert held["rejected"] == [] and held["languages"].get("de", 0) >= 5
    read = held["read_overall"]
    assert read["precision"] >= 0.91 and read["recall"] >= 0.79
    assert read["no_false_alarm"] >= 0.98
    assert held["overall"]["no_false_alarm"] >= 0.98


# heldout2 (precision, recall) floors per rule with at least one "must" label there and at
# least one report (German and English items). KN207 (5 "must": sponsored ads, an
# investment solicitation, an event promoter, a paid MBA ad) made no report at all: its
# recall there is 0 and is not floored.
HELDOUT2_RULE_FLOORS = {
    "KN101": (1.0, 1.0),
    "KN102": (0.74, 1.0),
    "KN103": (0.5, 1.0),
    "KN104": (1.0, 1.0),
    "KN105": (1.0, 0.24),
    "KN108": (1.0, 0.8),
    "KN109": (1.0, 1.0),
    "KN201": (1.0, 1.0),
}


@pytest.mark.parametrize("code", sorted(HELDOUT2_RULE_FLOORS))
def test_heldout2_rule_floor(result, code):
    precision, recall = HELDOUT2_RULE_FLOORS[code]
    got = result["heldouts"]["heldout2"]["per_rule_read"][code]
    assert got["precision"] is not None and got["precision"] >= precision, got
    assert got["recall"] is not None and got["recall"] >= recall, got
