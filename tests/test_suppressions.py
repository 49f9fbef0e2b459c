"""Suppressions (``[[suppress]]``): by rule, by sender, by both; expiry; the report of
expired and unused suppressions; the trace; ``knigge check`` printing the report."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading

import pytest

from knigge_engine import Engine, PolicyError, load_policy, policy_from_dict
from knigge_engine.testing import make_event

# A request from a big, silent account: KN201 (no note) and KN204 (collector) fire.
COLLECTOR = {"id": "x-4711", "name": "Max Beispiel", "contact_count": 9000,
             "headline": "Vertrieb", "company": "Nordwind GmbH", "has_photo": True}
# Time is an input (no wall clock): the events happen on EVENT_DAY, and the engine's
# clock (what the suppression report judges expiry by) says CLOCK.
EVENT_DAY = dt.date(2026, 11, 2)  # make_event's default time, 2026-11-02T09:15+01:00
TODAY = EVENT_DAY
FUTURE = (EVENT_DAY + dt.timedelta(days=30)).isoformat()
PAST = (EVENT_DAY - dt.timedelta(days=1)).isoformat()
CLOCK = dt.datetime(2026, 11, 2, 12, 0, tzinfo=dt.UTC)


def engine(*suppress, clock=CLOCK):
    return Engine(policy_from_dict({"suppress": list(suppress)}), entry_points=False,
                  clock=lambda: clock)


def request_from(sender):
    return make_event("contact_request", "incoming", note=None, sender=sender)


def codes(a):
    return {f.code for f in a.findings}


def test_without_suppressions_both_rules_fire():
    a = engine().evaluate(request_from(COLLECTOR))
    assert {"KN201", "KN204"} <= codes(a)


def test_a_rule_suppression_silences_that_rule_for_every_sender():
    e = engine({"rule": "contact-collector", "reason": "we hire through big networks"})
    a = e.evaluate(request_from(COLLECTOR))
    b = e.evaluate(request_from({**COLLECTOR, "id": "other"}))
    assert "KN204" not in codes(a) and "KN204" not in codes(b)
    assert "KN201" in codes(a)


def test_a_suppressed_finding_adds_nothing_to_the_score():
    plain = engine().evaluate(request_from(COLLECTOR))
    quiet = engine({"rule": "KN204", "reason": "known recruiter"}).evaluate(
        request_from(COLLECTOR))
    kn204 = next(f for f in plain.findings if f.code == "KN204")
    assert quiet.score == pytest.approx(plain.score - kn204.weight)


def test_a_sender_suppression_silences_every_rule_for_that_sender_only():
    e = engine({"sender": "x-4711", "reason": "my former colleague"})
    assert not {"KN201", "KN204"} & codes(e.evaluate(request_from(COLLECTOR)))
    other = e.evaluate(request_from({**COLLECTOR, "id": "x-0815"}))
    assert {"KN201", "KN204"} <= codes(other)


def test_rule_and_sender_together_silence_only_that_pair():
    e = engine({"sender": "x-4711", "rule": "KN204", "reason": "recruits for a partner"})
    mine = codes(e.evaluate(request_from(COLLECTOR)))
    assert "KN204" not in mine and "KN201" in mine
    assert "KN204" in codes(e.evaluate(request_from({**COLLECTOR, "id": "x-0815"})))


def test_engine_findings_are_never_suppressed():
    e = engine({"sender": "x-4711", "reason": "trusted"})
    a = e.evaluate({**request_from(COLLECTOR), "platform": "nowhere-net"})
    assert codes(a) == {"KE002"}


def test_an_expired_suppression_no_longer_applies_and_is_reported():
    e = engine({"rule": "KN204", "reason": "campaign", "expires": PAST})
    assert "KN204" in codes(e.evaluate(request_from(COLLECTOR)))
    report = e.suppression_report()
    assert [n.index for n in report.expired] == [0]
    assert PAST in report.expired[0].message and "suppress[0]" in report.expired[0].message
    assert report.unused == ()


def test_a_suppression_applies_through_its_expiry_day():
    e = engine({"rule": "KN204", "reason": "campaign", "expires": TODAY.isoformat()})
    assert "KN204" not in codes(e.evaluate(request_from(COLLECTOR)))
    assert not e.suppression_report().expired


def test_expiry_is_judged_at_the_events_time_not_when_the_engine_was_built():
    # An engine built long after the suppression ran out still applies it to the events
    # of its time (re-checking an old export gives the verdicts it gave then), and not
    # to events after it; the report judges by the engine's clock.
    later = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    e = engine({"rule": "KN204", "reason": "campaign", "expires": TODAY.isoformat()},
               clock=later)
    assert "KN204" not in codes(e.evaluate(request_from(COLLECTOR)))
    next_day = {**request_from(COLLECTOR), "at": "2026-11-03T09:15:00+01:00"}
    assert "KN204" in codes(e.evaluate(next_day))
    now = dt.datetime(2026, 11, 3, 9, 15, tzinfo=dt.UTC)
    assert "KN204" in codes(e.evaluate(request_from(COLLECTOR), now=now))
    assert [n.index for n in e.suppression_report().expired] == [0]
    assert not e.suppression_report(at=dt.datetime(2026, 11, 2, tzinfo=dt.UTC)).expired


def test_unused_suppressions_are_reported_until_they_silence_something():
    e = engine({"rule": "KN204", "reason": "recruiters welcome", "expires": FUTURE},
               {"sender": "nobody", "reason": "never writes"})
    assert [n.index for n in e.suppression_report().unused] == [0, 1]
    e.evaluate(request_from(COLLECTOR))
    report = e.suppression_report()
    assert [n.index for n in report.unused] == [1]
    assert "silenced nothing" in report.unused[0].message
    assert report.lines() == [report.unused[0].message]


def test_usage_is_counted_from_many_threads():
    e = engine({"rule": "KN204", "reason": "a"}, {"rule": "KN201", "reason": "b"},
               {"sender": "nobody", "reason": "c"})
    events = [request_from({**COLLECTOR, "id": f"u-{i}"}) for i in range(50)]

    def work():
        for ev in events:
            e.evaluate(ev)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [n.index for n in e.suppression_report().unused] == [2]


def test_the_trace_records_a_suppressed_rule_with_its_reason():
    e = engine({"rule": "KN204", "reason": "recruiters welcome", "expires": FUTURE})
    a = e.evaluate(request_from(COLLECTOR), explain=True)
    trace = {t.code: t for t in a.trace.rules}
    assert trace["KN204"].status == "suppressed"
    assert "suppress[0]" in trace["KN204"].detail
    assert "recruiters welcome" in trace["KN204"].detail and FUTURE in trace["KN204"].detail
    assert trace["KN201"].status == "fired"


@pytest.mark.parametrize("entry,path,words", [
    ({"rule": "KN204"}, "reason", "required"),
    ({"rule": "KN204", "reason": "  "}, "suppress[0].reason", "reason is empty"),
    ({"reason": "why"}, "suppress[0]", "'rule', a 'sender' or both"),
    ({"rule": "KN204", "reason": "x", "expires": "31.12.2026"}, "suppress[0].expires",
     "expected a date like 2026-12-31"),
    ({"rule": "KN204", "reason": "x", "expires": "2026-02-30"}, "suppress[0].expires",
     "'2026-02-30'"),
])
def test_bad_suppressions_are_policy_errors_naming_the_key(entry, path, words):
    with pytest.raises(PolicyError) as info:
        policy_from_dict({"suppress": [entry]}, source="knigge.toml")
    assert path in info.value.path and words in str(info.value)
    assert str(info.value).startswith("knigge.toml")


def test_an_unknown_rule_in_a_suppression_is_named_with_a_suggestion():
    with pytest.raises(PolicyError) as info:
        engine({"rule": "contact-colector", "reason": "x"})
    assert info.value.path == "suppress[0].rule"
    assert "did you mean 'contact-collector'" in str(info.value)


def test_an_unquoted_toml_date_is_accepted(tmp_path):
    path = tmp_path / "knigge.toml"
    path.write_text('[[suppress]]\nrule = "KN204"\nreason = "x"\nexpires = 2031-05-01\n')
    assert load_policy(path).suppress[0].expires == "2031-05-01"


def test_check_prints_expired_and_unused_suppressions_to_stderr(tmp_path):
    policy = tmp_path / "knigge.toml"
    policy.write_text(
        '[[suppress]]\nrule = "KN204"\nreason = "old campaign"\nexpires = 2020-01-01\n'
        '[[suppress]]\nsender = "x-9999"\nreason = "never seen"\n'
        '[[suppress]]\nrule = "KN201"\nreason = "silent requests are fine"\n'
    )
    events = tmp_path / "in.jsonl"
    import json

    events.write_text(json.dumps(request_from(COLLECTOR)) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "knigge_engine.cli", "check", str(events), "--policy",
         str(policy), "--fail-on", "never", "--disable-plugin", "nothing"],
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if "suppression:" in line]
    assert len(lines) == 2
    assert "suppress[0]" in lines[0] and "expired on 2020-01-01" in lines[0]
    assert "suppress[1]" in lines[1] and "silenced nothing" in lines[1]
    assert "KN201" not in done.stdout and "KN204" in done.stdout


def test_a_suppression_by_rule_name_silences_that_rule_on_its_platform():
    import types

    from knigge_engine import Kind, hookimpl, rule

    def make(code, name, platform):
        event = {**make_event("contact_request", "outgoing", platform=platform),
                 "note": "Hallo"}
        return rule(code=code, name=name, summary="s", why="w", source="tests",
                    kinds=[Kind.CONTACT_REQUEST], platforms=[platform],
                    messages={"en": "hallo", "de": "hallo"}, bad=[event], good=[event])(
            lambda e, c: c.report())

    plugins = []
    for name, code in (("one", "TS101"), ("two", "TS201")):
        module = types.ModuleType(name)
        rules = [make(code, f"{name}-says-hallo", name)]
        module.knigge_rules = hookimpl(lambda rules=rules: rules)
        plugins.append(module)
    e = Engine(policy_from_dict({"suppress": [{"rule": "one-says-hallo", "reason": "fine"}]}),
               plugins=plugins, entry_points=False)
    one = e.evaluate({**make_event("contact_request", "outgoing", platform="one"),
                      "note": "Hallo"}, explain=True)
    assert "TS101" not in codes(one)
    assert {t.code: t.status for t in one.trace.rules}["TS101"] == "suppressed"
    two = e.evaluate({**make_event("contact_request", "outgoing", platform="two"),
                      "note": "Hallo"})
    assert "TS201" in codes(two)
