"""The LI4xx rules on realistic German and English invitations.

The engines here are built from exactly this plugin (entry points off), so the tests do
not depend on what else is installed; ``test_linkedin_cli.py`` checks the installed
distribution is found through its entry point.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import pytest
from knigge_engine import Action, Engine, Severity, event_from_dict, policy_from_dict
from knigge_engine.testing import assert_fires, assert_silent, check_example, example_cases

import knigge_linkedin.plugin as linkedin_plugin
from knigge_linkedin.rules import RULES, request

PLUGIN = ("linkedin", linkedin_plugin)
CODES = [r.code for r in RULES]


def engine(policy: dict[str, Any] | None = None) -> Engine:
    """An engine with the built-in rules and this plugin only, strict."""
    return Engine(policy_from_dict({"extends": "default", **(policy or {})}),
                  plugins=[PLUGIN], entry_points=False, strict=True)


def findings(e: Engine, event: dict[str, Any], code: str, **kwargs: Any) -> list[Any]:
    return [f for f in e.evaluate(event, **kwargs).findings if f.code == code]


# --------------------------------------------------------------------------- examples


@pytest.mark.parametrize("case", example_cases(plugins=[PLUGIN], entry_points=False,
                                               codes=CODES), ids=str)
def test_linkedin_rule_examples(case):
    check_example(case)


def _history(events: Any) -> Any:
    # The in-memory history is the engine's documented store for tests and short-lived
    # hosts; the rules themselves only read ctx.history.
    from knigge_engine.history import InMemoryHistory

    return InMemoryHistory(event_from_dict(e) for e in events)


HISTORY_CASES = [(r, ex, fires) for r in RULES if r.needs_history
                 for fires, group in ((True, r.bad), (False, r.good)) for ex in group]


@pytest.mark.parametrize(
    ("rule", "example", "fires"), HISTORY_CASES,
    ids=[f"{r.code}-{'bad' if f else 'good'}-{i}" for i, (r, _, f) in enumerate(HISTORY_CASES)])
def test_linkedin_history_examples_against_an_in_memory_history(rule, example, fires):
    e = engine(dict(example.policy) if example.policy else None)
    hits = findings(e, example.event, rule.code, history=_history(example.history))
    assert bool(hits) is fires, (example.title, hits)


def test_every_linkedin_rule_is_registered_with_both_examples():
    e = engine()
    for code in ("LI401", "LI402", "LI403", "LI404", "LI405"):
        rule = e.rule(code)
        assert rule.plugin == "linkedin"
        assert rule.bad and rule.good
        assert {"de", "en"} <= set(rule.messages)


# --------------------------------------------------------------------------- LI401

# Realistic notes of exact lengths. The German ones hold ä, ö, ü and ß: counted in UTF-8
# bytes they would be longer, so a byte-counting rule fails these tests.
EN_199 = ("Hi Daniel, I'm a data engineer at a logistics company in Rotterdam. I read your "
          "post on testing Airflow DAGs with pytest and tried the fixture pattern on our "
          "pipelines. Happy to connect. Cheers, Jana")
EN_200 = ("Hi Daniel, I'm a data engineer at a logistics company in Rotterdam. I read your "
          "post on testing Airflow DAGs with pytest and tried the fixture pattern on our "
          "pipelines. I'd like to connect. Best, Jana")
EN_201 = ("Hi Daniel, I'm a data engineer at a logistics company in Rotterdam. I read your "
          "post on testing Airflow DAGs with pytest and tried the fixture pattern on our "
          "pipelines. Let's connect. Best wishes, Jana")
EN_300 = ("Hi Daniel, I'm a data engineer at a logistics company in Rotterdam. I read your "
          "post on testing Airflow DAGs with pytest and tried the fixture pattern on our "
          "pipelines. It caught two bugs in our first week, and I'd like to hear how you "
          "handle backfills across time zones. I'd be glad to connect. Jana")
EN_301 = ("Hi Daniel, I'm a data engineer at a logistics firm in Rotterdam. I read your post "
          "on testing Airflow DAGs with pytest and tried the fixture pattern on our "
          "pipelines. It caught two bugs in our first week, and I'd like to hear how you "
          "handle backfills across time zones. Let's connect. Best wishes, Jana")
DE_199 = ("Hallo Frau Weißmüller, ich bin Ingenieurin bei einem Lübecker Medizintechnik-"
          "Hersteller und habe Ihren Vortrag über Reinraumplanung auf der COMPAMED gehört. "
          "Ich würde mich gern vernetzen. Viele Grüße")
DE_200 = ("Hallo Frau Weißmüller, ich bin Ingenieurin bei einem Lübecker Medizintechnik-"
          "Hersteller und habe Ihren Vortrag über Reinraumplanung auf der COMPAMED gehört. "
          "Ich würde mich gerne vernetzen. Viele Grüße")
DE_201 = ("Hallo Frau Weißmüller, ich bin Ingenieurin bei einem Lübecker Medizintechnik-"
          "Hersteller und habe Ihren Vortrag über Reinraumplanung auf der COMPAMED gehört. "
          "Ich freue mich auf den Austausch. Gruß, Jana")
DE_300 = ("Hallo Frau Weißmüller, ich bin Ingenieurin bei einem Lübecker Medizintechnik-"
          "Hersteller und habe Ihren Vortrag über Reinraumplanung auf der COMPAMED in "
          "Düsseldorf gehört. Ihre Hinweise zur Validierung von Lüftungsanlagen haben uns im "
          "Projekt geholfen. Ich würde mich gern vernetzen. Viele Grüße, Jana")
DE_301 = ("Hallo Frau Weißmüller, ich bin Ingenieurin bei einem Lübecker Medizintechnik-"
          "Hersteller und habe Ihren Vortrag über Reinraumplanung auf der COMPAMED gehört. "
          "Ihre Hinweise zur Validierung von Lüftungsanlagen haben uns im aktuellen Projekt "
          "sehr geholfen. Ich würde mich gern vernetzen. Viele Grüße, Jana")

NOTES = {"en": {199: EN_199, 200: EN_200, 201: EN_201, 300: EN_300, 301: EN_301},
         "de": {199: DE_199, 200: DE_200, 201: DE_201, 300: DE_300, 301: DE_301}}


def test_the_li401_test_notes_have_the_lengths_they_claim():
    for lang, notes in NOTES.items():
        for length, note in notes.items():
            assert len(note) == length, (lang, length)
    # In bytes even the German 199 would be over 200: the rule must count characters.
    assert len(DE_199.encode("utf-8")) > 200


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(
    ("length", "premium", "fires"),
    [(199, False, False), (200, False, False), (201, False, True),
     (201, True, False), (300, True, False), (301, True, True),
     # Unknown account type: the permissive Premium limit, never a guess.
     (201, None, False), (300, None, False), (301, None, True)],
)
def test_li401_note_over_limit_by_account_type(lang, length, premium, fires):
    sender = {} if premium is None else {"premium": premium}
    event = request("outgoing", NOTES[lang][length], sender=sender)
    hits = findings(engine(), event, "LI401")
    assert bool(hits) is fires
    if fires:
        (hit,) = hits
        assert hit.severity is Severity.ERROR
        limit = 200 if premium is False else 300
        assert hit.evidence["chars"] == length
        assert hit.evidence["limit"] == limit
        assert hit.evidence["over"] == length - limit
        assert hit.span == (limit, length)


def test_li401_messages_name_chars_limit_and_account_type_in_both_languages():
    event = request("outgoing", DE_201, sender={"premium": False})
    (en,) = findings(engine({"locale": "en"}), event, "LI401")
    assert "201 characters" in en.message and "200" in en.message and "free" in en.message
    (de,) = findings(engine({"locale": "de"}), event, "LI401")
    assert "201 Zeichen" in de.message and "200" in de.message
    assert "kostenlosen Konto" in de.message
    premium = request("outgoing", EN_301, sender={"premium": True})
    (en,) = findings(engine({"locale": "en"}), premium, "LI401")
    assert "301 characters" in en.message and "Premium" in en.message
    unknown = request("outgoing", EN_301)
    (de,) = findings(engine({"locale": "de"}), unknown, "LI401")
    assert "selbst mit Premium" in de.message and "300" in de.message


def test_li401_proposes_revising_and_outweighs_a_clean_note():
    a = engine().evaluate(request("outgoing", DE_201, sender={"premium": False}))
    assert a.action is Action.REVISE


def test_li401_uses_the_owners_account_type_from_the_policy():
    event = request("outgoing", EN_201)  # the event does not say; the policy does
    assert findings(engine({"owner": {"premium": False}}), event, "LI401")
    assert not findings(engine({"owner": {"premium": True}}), event, "LI401")


def test_li401_limit_is_a_policy_option_per_account_type():
    free_201 = request("outgoing", EN_201, sender={"premium": False})
    raised = engine({"platforms": {"linkedin": {"limits": {"note_max_chars": 250}}}})
    assert not findings(raised, free_201, "LI401")
    lowered = engine({"platforms": {"linkedin": {"premium_limits": {"note_max_chars": 250}}}})
    assert findings(lowered, request("outgoing", EN_300, sender={"premium": True}), "LI401")
    assert findings(lowered, free_201, "LI401")  # the free limit is untouched


def test_li401_ignores_incoming_invitations_and_missing_notes():
    e = engine()
    assert_silent(e, request("incoming", EN_301, sender={"premium": True}), "LI401")
    assert_silent(e, request("outgoing", None, sender={"premium": False}), "LI401")


# --------------------------------------------------------------------------- LI404

STRANGER = {"name": "Ole Jensen", "degree": 3, "prior_contact": False, "mutual_contacts": 0}


@pytest.mark.parametrize("note", [
    "Hi Ole, I'm a sales manager in Kiel and would like to add you to my network.",
    "Hallo Herr Jensen, ich bin Vertriebsleiter in Kiel und möchte mich gern mit Ihnen "
    "vernetzen.",
    None,
])
def test_li404_fires_for_a_stranger_without_a_stated_context(note):
    assert_fires(engine(), request("outgoing", note, recipient=STRANGER), "LI404")


@pytest.mark.parametrize("note", [
    "Hi Ole, we met at the Nordic Fintech Week in Copenhagen. I'm a sales manager in Kiel.",
    "Hallo Herr Jensen, wir haben uns auf der Hannover Messe am Stand von Festo "
    "kennengelernt. Ich bin Vertriebsleiter in Kiel.",
])
def test_li404_is_silent_when_the_note_names_the_shared_context(note):
    assert_silent(engine(), request("outgoing", note, recipient=STRANGER), "LI404")


@pytest.mark.parametrize("recipient", [
    {"degree": 3, "prior_contact": None, "mutual_contacts": 0},  # unknown: no evidence
    {"degree": 3, "prior_contact": True, "mutual_contacts": 0},
    {"degree": 2, "prior_contact": False, "mutual_contacts": 6},
    {"degree": None, "prior_contact": False, "mutual_contacts": None},
])
def test_li404_needs_known_facts_that_show_no_connection(recipient):
    event = request("outgoing", "Hi Ole, I'd like to connect.", recipient=recipient)
    assert_silent(engine(), event, "LI404")


def test_li404_counts_context_met_at_as_shared_context():
    event = request("outgoing", "Hi Ole, I'd like to connect.", recipient=STRANGER,
                    context={"met_at": "Nordic Fintech Week"})
    assert_silent(engine(), event, "LI404")


def test_li404_min_degree_option_and_german_message():
    second = {"name": "Ole Jensen", "degree": 2, "prior_contact": False}
    event = request("outgoing", "Hallo Herr Jensen, ich möchte mich gern vernetzen.",
                    recipient=second)
    assert not findings(engine(), event, "LI404")
    (hit,) = findings(engine({"locale": "de", "rules": {"LI404": {"min_degree": 2}}}),
                      event, "LI404")
    assert "Ole Jensen" in hit.message and "Ich kenne diese Person nicht" in hit.message
    assert "2. Grades" in hit.message


# --------------------------------------------------------------------------- LI405

NOTE_OK = ("Hi Sam, great to meet you at the DevOps Days in Amsterdam yesterday. I'm an "
           "SRE at a bank.")


@pytest.mark.parametrize(("count", "severity"), [
    (800, None), (28_499, None), (28_500, Severity.WARNING), (29_999, Severity.WARNING),
    (30_000, Severity.ERROR), (30_450, Severity.ERROR)])
def test_li405_warns_from_95_percent_and_errs_at_the_cap(count, severity):
    hits = findings(engine(), request("outgoing", NOTE_OK, sender={"contact_count": count}),
                    "LI405")
    if severity is None:
        assert not hits
    else:
        (hit,) = hits
        assert hit.severity is severity
        assert hit.evidence["count"] == count and hit.evidence["limit"] == 30_000


def test_li405_at_the_cap_an_outgoing_invitation_is_not_sent():
    a = engine().evaluate(request("outgoing", NOTE_OK, sender={"contact_count": 30_000}))
    assert a.action is Action.DONT_SEND


def test_li405_reads_the_owner_count_from_the_policy_and_the_incoming_recipient():
    e = engine({"owner": {"contact_count": 29_700}})
    assert_fires(e, request("outgoing", NOTE_OK), "LI405")
    incoming = request("incoming", "Hallo Jana, ich habe Ihren Vortrag beim Barcamp Kiel "
                       "gehört.", recipient={"contact_count": 30_000})
    (hit,) = findings(engine({"locale": "de"}), incoming, "LI405")
    assert "erst annehmen, wenn Sie einen Kontakt entfernt haben" in hit.message
    # Nobody says how many connections the owner has: no evidence, no finding.
    assert_silent(engine(), request("outgoing", NOTE_OK), "LI405")


def test_li405_cap_and_ratio_are_policy_options():
    event = request("outgoing", NOTE_OK, sender={"contact_count": 4_900})
    assert_silent(engine(), event, "LI405")
    assert_fires(engine({"platforms": {"linkedin": {"limits": {"max_connections": 5000}}}}),
                 event, "LI405")
    assert_fires(engine({"rules": {"LI405": {"warn_ratio": 0.1}}}), event, "LI405")


def test_li405_policy_severity_info_is_respected_at_the_cap():
    e = engine({"rules": {"LI405": {"severity": "info"}}})
    (hit,) = findings(e, request("outgoing", NOTE_OK, sender={"contact_count": 30_000}),
                      "LI405")
    assert hit.severity is Severity.INFO


# --------------------------------------------------------------------------- LI402 / LI403

AT = _dt.datetime.fromisoformat("2026-11-12T10:00:00+01:00")


def _sent(n: int, *, end: _dt.datetime = AT, every: _dt.timedelta = _dt.timedelta(hours=1),
          note: str | None = "Hallo, wir kennen uns vom Barcamp Kiel.",
          platform: str = "linkedin") -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        event = request("outgoing", note, id=f"h{i}", at=(end - every * (i + 1)).isoformat(),
                        recipient={"id": f"p{i}", "name": f"Person {i}"})
        event["platform"] = platform
        out.append(event)
    return out


@pytest.mark.parametrize(("earlier", "severity"), [
    (78, None), (79, Severity.WARNING), (99, Severity.WARNING), (100, Severity.ERROR)])
def test_li402_counts_the_last_seven_days(earlier, severity):
    event = request("outgoing", NOTE_OK, at=AT.isoformat())
    hits = findings(engine(), event, "LI402", history=_history(_sent(earlier)))
    if severity is None:
        assert not hits
    else:
        (hit,) = hits
        assert hit.severity is severity
        assert hit.evidence["count"] == earlier + 1


def test_li402_ignores_older_invitations_other_platforms_and_no_history():
    event = request("outgoing", NOTE_OK, at=AT.isoformat())
    old = _sent(120, end=AT - _dt.timedelta(days=7), every=_dt.timedelta(minutes=10))
    assert not findings(engine(), event, "LI402", history=_history(old))
    other = _sent(120, platform="xing")
    assert not findings(engine(), event, "LI402", history=_history(other))
    assert not findings(engine(), event, "LI402")


def test_li402_over_the_limit_proposes_not_sending_and_says_until_when():
    event = request("outgoing", NOTE_OK, at=AT.isoformat())
    e = engine({"locale": "de"})
    a = e.evaluate(event, history=_history(_sent(100)))
    (hit,) = [f for f in a.findings if f.code == "LI402"]
    assert a.action is Action.DONT_SEND
    assert "101. Einladung" in hit.message
    # The oldest of the 100 was sent 100 hours before AT and leaves the window 7 days
    # after it was sent.
    assert hit.evidence["until"] == (AT - _dt.timedelta(hours=100) + _dt.timedelta(days=7)
                                     ).date().isoformat()


FREE_NOTE_DE = ("Hallo Frau Jung, wir haben uns beim Barcamp Kiel kennengelernt. Ich bin "
                "Entwicklerin bei einer Reederei.")


@pytest.mark.parametrize(("earlier", "severity"), [
    (2, None), (3, Severity.WARNING), (4, Severity.WARNING), (5, Severity.ERROR),
    (9, Severity.ERROR)])
def test_li403_counts_notes_of_the_calendar_month_on_a_free_account(earlier, severity):
    event = request("outgoing", FREE_NOTE_DE, sender={"premium": False}, at=AT.isoformat())
    hits = findings(engine(), event, "LI403", history=_history(_sent(earlier)))
    assert (hits[0].severity if hits else None) is severity


def test_li403_starts_afresh_each_month_and_skips_bare_invitations():
    first = _dt.datetime.fromisoformat("2026-12-01T09:00:00+01:00")
    november = _sent(5, end=first, every=_dt.timedelta(hours=10))  # 29 and 30 November
    event = request("outgoing", FREE_NOTE_DE, sender={"premium": False},
                    at=first.isoformat())
    assert not findings(engine(), event, "LI403", history=_history(november))
    bare = _sent(8, note=None)
    event = request("outgoing", FREE_NOTE_DE, sender={"premium": False}, at=AT.isoformat())
    assert not findings(engine(), event, "LI403", history=_history(bare))


@pytest.mark.parametrize("store", ["memory", "sqlite"])
def test_li403_month_is_the_calendar_month_in_the_events_own_offset(store, tmp_path):
    # 00:30 on 1 November in Berlin is still 31 October in UTC: LinkedIn's month (as
    # the plugin defines it, through the core's generic count) starts at local midnight.
    # Four notes on 31 October, four after local midnight, then the event: with the
    # monthly quota of 5 the fifth note warns only if the October ones are left out.
    from knigge_engine.history import SQLiteHistory

    berlin = _dt.timezone(_dt.timedelta(hours=1))
    midnight = _dt.datetime(2026, 11, 1, 0, 0, tzinfo=berlin)
    october = _sent(4, end=midnight, every=_dt.timedelta(minutes=10))     # 23:20-23:50
    november = _sent(3, end=midnight + _dt.timedelta(hours=1), every=_dt.timedelta(minutes=10))
    for i, e in enumerate(november):
        e["id"] = f"n{i}"
    at = midnight + _dt.timedelta(hours=1)
    events = [event_from_dict(e) for e in october + november]
    if store == "memory":
        history = _history(october + november)
    else:
        history = SQLiteHistory(tmp_path / "h.sqlite3")
        history.record(events)
    event = request("outgoing", FREE_NOTE_DE, sender={"premium": False}, at=at.isoformat())
    (hit,) = findings(engine(), event, "LI403", history=history)
    assert hit.evidence["used"] == 3  # November's three, not October's four
    assert hit.severity is Severity.WARNING
    # One microsecond before local midnight the October notes count: over the limit.
    event = request("outgoing", FREE_NOTE_DE, sender={"premium": False},
                    at=(midnight - _dt.timedelta(microseconds=1)).isoformat())
    (hit,) = findings(engine(), event, "LI403", history=history)
    assert hit.evidence["used"] == 4
    if store == "sqlite":
        history.close()


def test_li403_is_silent_on_premium_and_unknown_accounts():
    history = _history(_sent(6))
    for sender in ({"premium": True}, {}):
        event = request("outgoing", FREE_NOTE_DE, sender=sender, at=AT.isoformat())
        assert not findings(engine(), event, "LI403", history=history)


def test_li403_quota_is_a_policy_option():
    event = request("outgoing", "Hi Erin, we met at the Cloud Summit in Dublin. I'm a "
                    "platform engineer.", sender={"premium": False}, at=AT.isoformat())
    e = engine({"platforms": {"linkedin": {"limits": {"personalized_notes_per_month": 20}}}})
    assert not findings(e, event, "LI403", history=_history(_sent(5)))
    (hit,) = findings(engine({"locale": "en"}), event, "LI403", history=_history(_sent(5)))
    assert "all 5 personalised notes" in hit.message and "2026-12-01" in hit.message
