"""Explanations: the trace of an assessment (API, ``--explain`` in every format).

A tiny platform plugin defined here lets the tests compare the neutral ``generic``
platform (requests carry a note) with one whose requests cannot carry a note, and one
where only premium accounts can attach a note.
"""

from __future__ import annotations

import json
import subprocess
import sys
import types

from knigge_engine import (
    CAP_REQUEST_NOTE,
    Action,
    Engine,
    PlatformSpec,
    hookimpl,
    policy_from_dict,
)
from knigge_engine.testing import make_event


def platform_plugin(*specs):
    module = types.ModuleType("test_platforms")
    module.knigge_platforms = hookimpl(lambda: list(specs))
    return module


NOTELESS = PlatformSpec(name="noteless", capabilities={CAP_REQUEST_NOTE: False})
PREMIUM_NOTES = PlatformSpec(name="premium-notes", capabilities={CAP_REQUEST_NOTE: False},
                             premium_capabilities={CAP_REQUEST_NOTE: True})


def build(policy=None):
    return Engine(policy_from_dict(policy or {}), entry_points=False,
                  plugins=[platform_plugin(NOTELESS, PREMIUM_NOTES)])


def outgoing(platform, premium=None, note=None):
    return make_event("contact_request", "outgoing", platform=platform, note=note,
                      sender={"premium": premium})


def trace_of(engine, event):
    a = engine.evaluate(event, explain=True)
    return a, {t.code: t for t in a.trace.rules}


def test_without_explain_there_is_no_trace():
    assert build().evaluate(outgoing("generic")).trace is None


def test_on_generic_missing_note_runs_and_fires_with_its_weight():
    a, t = trace_of(build(), outgoing("generic"))
    assert t["KN101"].status == "fired"
    weight = next(f.weight for f in a.findings if f.code == "KN101")
    assert f"weight {weight:+g}" in t["KN101"].detail


def test_on_a_platform_without_notes_missing_note_is_skipped_as_capability_missing():
    a, t = trace_of(build(), outgoing("noteless", premium=False))
    assert "KN101" not in {f.code for f in a.findings}
    assert t["KN101"].status == "capability missing"
    assert "noteless does not offer requests_carry_note for a free account" in \
        t["KN101"].detail


def test_an_unknown_account_type_is_a_fact_unknown_not_a_guess():
    _, t = trace_of(build(), outgoing("premium-notes", premium=None))
    assert t["KN101"].status == "capability missing"
    assert "unknown (fact unknown)" in t["KN101"].detail
    _, t = trace_of(build(), outgoing("premium-notes", premium=True))
    assert t["KN101"].status == "fired"


def test_rules_for_another_kind_or_direction_are_not_applicable():
    _, t = trace_of(build(), outgoing("generic"))
    assert t["KN201"].status == "not applicable"
    assert t["KN201"].detail == "applies to incoming contact_request"


def test_ignored_and_disabled_rules_say_which_policy_setting():
    engine = build({"ignore": ["KN10"], "extend_select": ["KN101"],
                    "rules": {"KN111": {"enabled": False}}})
    _, t = trace_of(engine, outgoing("generic", note="Hallo"))
    assert t["KN103"].status == "disabled by policy"
    assert t["KN103"].detail == "ignored by the policy"
    assert t["KN101"].status != "disabled by policy"  # exact code beats the prefix
    assert t["KN111"].status == "disabled by policy"
    assert t["KN111"].detail == "disabled by the policy"


def test_a_disabled_platform_runs_nothing_and_says_so():
    engine = build({"platforms": {"generic": {"enabled": False}}})
    a, t = trace_of(engine, outgoing("generic"))
    assert a.findings == ()
    assert t["KN101"].status == "disabled by policy"
    assert "platform generic is disabled" in t["KN101"].detail


def test_the_decision_names_the_score_and_the_thresholds_that_applied():
    engine = build({"platforms": {"generic": {"thresholds": {"revise": 0.25}}}})
    a, _ = trace_of(engine, outgoing("generic", note="Hallo"))
    assert a.action is Action.REVISE
    assert a.trace.thresholds.revise == 0.25
    assert f"score {a.score:g}" in a.trace.decision
    assert "revise from 0.25" in a.trace.decision
    assert a.trace.decision.endswith("-> revise")
    assert a.trace.job == "coach"


def test_a_proposed_action_is_named_in_the_decision():
    engine = build()
    event = make_event("contact_request", "outgoing",
                       note="Hallo Frau Roth, ich bin Jana, Einkäuferin bei Nordwind. Ich "
                            "habe Ihren Vortrag gehört und würde mich gern vernetzen.",
                       recipient={"degree": 2, "mutual_contacts": 1, "prior_contact": False})
    a, _ = trace_of(engine, event)
    assert a.action is Action.ASK_FOR_INTRODUCTION
    assert "KN106 proposes ask_for_introduction" in a.trace.decision


def test_a_plugin_decider_is_named_instead_of_thresholds():
    module = types.ModuleType("always_send")
    module.knigge_decider = hookimpl(lambda policy: lambda e, f, s, t: Action.SEND)
    engine = Engine(policy_from_dict({}), entry_points=False, plugins=[module])
    a = engine.evaluate(outgoing("generic"), explain=True)
    assert "decider of plugin always_send" in a.trace.decision
    assert a.trace.decision.endswith("-> send")


def test_every_installed_rule_appears_once_in_the_trace():
    engine = build()
    a, _ = trace_of(engine, outgoing("generic"))
    listed = [t.code for t in a.trace.rules]
    per_event = [c for c, r in engine.rules.items() if not r.follow_through]
    assert sorted(listed) == sorted(per_event)


def run_check(tmp_path, fmt):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(outgoing("generic", note=None)) + "\n")
    return subprocess.run(
        [sys.executable, "-m", "knigge_engine.cli", "check", str(path), "--explain",
         "--format", fmt, "--fail-on", "never"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path)


def test_text_format_prints_the_trace(tmp_path):
    done = run_check(tmp_path, "text")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "trace:" in out
    fired = next(line for line in out.splitlines() if "KN101 missing-note" in line
                 and "fired" in line)
    assert "weight +" in fired
    assert any("KN201" in line and "not applicable" in line for line in out.splitlines())
    assert "decision: score" in out


def test_jsonl_format_carries_the_same_trace(tmp_path):
    done = run_check(tmp_path, "jsonl")
    trace = json.loads(done.stdout.splitlines()[0])["trace"]
    statuses = {r["code"]: r["status"] for r in trace["rules"]}
    assert statuses["KN101"] == "fired" and statuses["KN201"] == "not applicable"
    assert trace["job"] == "coach" and "->" in trace["decision"]
