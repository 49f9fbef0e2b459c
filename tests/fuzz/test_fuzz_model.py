"""Fuzz target: the event model and ``Engine.evaluate`` (issue 13, docs/reliability.md).

Properties, for any mutation of a realistic event: ``evaluate`` returns an assessment
that serialises (``to_json``) or raises ``EventError`` — nothing else — whose message
names a key path and quotes no more than 40 characters of any value; no rule crashes
(KE001) on a valid event; ``evaluate_many(errors="yield")`` answers every record once,
in order."""

from __future__ import annotations

import orjson
from fuzzkit import (
    FUZZ,
    assert_no_long_quote,
    count,
    json_values,
    long_strings,
    mutated_events,
)
from hypothesis import given
from hypothesis import strategies as st

from knigge_engine import Assessment, Engine, EventError

ENGINE = Engine()


@FUZZ
@given(mutated_events())
def test_evaluate_answers_or_names_the_problem(event):
    count("events (model, evaluate)")
    try:
        assessment = ENGINE.evaluate(event)
    except EventError as exc:
        message = str(exc)
        assert exc.path.startswith("$"), message
        assert len(message) <= 400, message[:200]
        assert_no_long_quote(message, long_strings([event]))
        return
    assert isinstance(assessment, Assessment)
    assert not [f for f in assessment.findings if f.code == "KE001"], assessment.findings
    doc = orjson.loads(assessment.to_json())
    assert doc["event"] == assessment.event
    # --explain takes the same path plus the trace: it must serialise too.
    orjson.loads(ENGINE.evaluate(event, explain=True).to_json())


records = st.lists(st.one_of(mutated_events(max_changes=2), json_values), min_size=1,
                   max_size=6)


@FUZZ
@given(records)
def test_evaluate_many_yields_one_answer_per_record_in_order(items):
    count("records (model, evaluate_many)", len(items))
    out = list(ENGINE.evaluate_many(items, errors="yield"))
    assert len(out) == len(items)
    for index, answer in enumerate(out):
        if isinstance(answer, EventError):
            assert answer.index == index
        else:
            assert isinstance(answer, Assessment)
            orjson.loads(answer.to_json())
