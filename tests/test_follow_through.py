"""Follow-through (KN301-KN307 through ``Engine.due``) and KN110 against real SQLite
histories in temporary folders, each rule on both sides of its threshold; and the
command line (``knigge check --history``, ``knigge due``) in subprocesses."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys

import pytest

from knigge_engine import Engine, Policy
from knigge_engine.history import InMemoryHistory, SQLiteHistory
from knigge_engine.hookspecs import hookimpl
from knigge_engine.model import Action, event_from_dict
from knigge_engine.policy import policy_from_dict
from knigge_engine.rules import CAP_REQUEST_NOTE, CAP_VISITORS_VISIBLE, PlatformSpec

BERLIN = dt.timezone(dt.timedelta(hours=1))
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
ME = {"id": "me", "name": "Jana Owner"}


def at(days=0.0, hours=0.0):
    return T0 + dt.timedelta(days=days, hours=hours)


def ev(kind, direction, id, *, days=0.0, hours=0.0, party="u-1", name="Max Beispiel",
       platform="generic", them=None, me=None, **fields):
    other = {"id": party, "name": name, **(them or {})}
    owner = {**ME, **(me or {})}
    s, r = (owner, other) if direction == "outgoing" else (other, owner)
    return {"kind": kind, "id": id, "platform": platform, "direction": direction,
            "at": at(days, hours).isoformat(), "sender": s, "recipient": r, **fields}


@pytest.fixture
def history(tmp_path):
    h = SQLiteHistory(tmp_path / "history.sqlite3")
    yield h
    h.close()


@pytest.fixture(scope="module")
def engine():
    return Engine(Policy(), entry_points=False, strict=True)


def due(engine, history, dicts, now, **kw):
    history.record(event_from_dict(d) for d in dicts)
    return engine.due(now, history, **kw)


def codes(items):
    return [(i.code, i.event) for i in items]


# ----------------------------------------------------------------------------- KN301

REQUEST_DE = ("Guten Tag Frau Owner, wir haben uns am Freitag beim Unternehmerfrühstück der "
              "IHK Kiel kurz über Fördermittel unterhalten. Ich würde gern in Kontakt bleiben.")


@pytest.mark.parametrize("day,fires", [(13, False), (14, False), (15, True)])
def test_kn301_at_its_threshold(engine, history, day, fires):
    items = due(engine, history, [ev("contact_request", "incoming", "r-1", note=REQUEST_DE)],
                at(day))
    assert codes(items) == ([("KN301", "r-1")] if fires else [])
    if fires:
        item = items[0]
        assert item.action is Action.DECIDE
        assert (item.waited_days, item.overdue_days) == (15, 1)
        assert item.since == at(0) and item.due == at(14)
        assert item.locale == "de" and "15 Tagen" in item.message
        assert "Max Beispiel" in item.message
        # Triage accepts a note with a shared context; given late, the reply apologises
        # for the wait instead of claiming the request was accepted already.
        assert item.reply is not None and item.reply.key == "late_accept"
        assert item.reply.locale == "de" and "Guten Tag Max Beispiel" in item.reply.text
        assert "späte Antwort" in item.reply.text and "bestätigt" not in item.reply.text


def test_kn301_a_decision_or_a_question_ends_the_wait(engine, history):
    items = due(engine, history, [
        ev("contact_request", "incoming", "r-1", note=REQUEST_DE),
        ev("request_resolved", "outgoing", "d-1", days=20, request="r-1", outcome="declined"),
        ev("contact_request", "incoming", "r-2", party="u-2", note=None),
        ev("message", "outgoing", "m-1", days=1, party="u-2", in_reply_to="r-2",
           asks_reason=True, text="Guten Tag, woher kennen wir uns?"),
    ], at(30))
    # r-1 was declined (on day 20, after it was overdue: as of day 30 it is done); r-2
    # waits for its sender's answer: KN304's business, not KN301's.
    assert [i.code for i in items] == ["KN304"]
    # As of day 19, r-1 was still pending.
    assert ("KN301", "r-1") in codes(engine.due(at(19), history))


# ----------------------------------------------------------------------------- KN302/303

MESSAGE_EN = ("Hi Jana, I read your post on heat pump subsidies. Could I ask you two "
              "questions about our new building project in Lübeck?")


@pytest.mark.parametrize("day,fires", [(2, False), (3, False), (4, True)])
def test_kn302_at_its_threshold(engine, history, day, fires):
    items = due(engine, history, [ev("message", "incoming", "m-1", text=MESSAGE_EN)], at(day))
    assert codes(items) == ([("KN302", "m-1")] if fires else [])
    if fires:
        assert items[0].action is Action.REPLY and items[0].locale == "en"
        assert items[0].reply.text.startswith("Hi Max,\n")


def test_kn302_one_item_per_person_since_the_oldest_unanswered(engine, history):
    items = due(engine, history, [
        ev("message", "incoming", "m-1", text=MESSAGE_EN),
        ev("message", "incoming", "m-2", days=2, text="Hi Jana, just following up."),
        ev("message", "incoming", "m-3", days=1, party="u-2", name="Priya",
           text="Hello Jana, we met at the Hamburg energy fair."),
        ev("message", "outgoing", "m-4", days=2, party="u-2", text="Hi Priya, yes, great!"),
    ], at(10))
    assert codes(items) == [("KN302", "m-1")]


def test_kn302_needs_no_reply_to_mass_mailings(engine, history):
    items = due(engine, history, [
        ev("message", "incoming", "m-2", party="u-2", text="Newsletter März",
           context={"mass_mailing": True}),
        ev("message", "incoming", "m-3", party="u-3", text="Try Premium free for a month",
           context={"sponsored": True}),
    ], at(10))
    assert items == []


def test_kn302_a_personal_pitch_gets_a_short_no_thanks(engine, history):
    # Seed 002: whoever writes deserves an answer, yes or no, even when the concern
    # seems uninteresting; for a pitch the suggested answer is a polite no-thanks.
    items = due(engine, history, [
        ev("message", "incoming", "m-1", text="Hallo Jana, steigern Sie Ihren Umsatz mit "
           "unserem Leadgenerierungs-Service! Jetzt kostenlose Demo buchen."),
    ], at(10))
    assert codes(items) == [("KN302", "m-1")]
    assert items[0].reply is not None and items[0].reply.key == "decline_pitch"


class VisitorsOnlyForPremium:
    """A platform where only premium members see who visited them."""

    @hookimpl
    def knigge_platforms(self):
        return [PlatformSpec(name="acme", capabilities={CAP_REQUEST_NOTE: True,
                                                        CAP_VISITORS_VISIBLE: False},
                             premium_capabilities={CAP_VISITORS_VISIBLE: True},
                             locale="de")]


@pytest.mark.parametrize("premium,expected", [(True, "KN303"), (False, "KN302"),
                                              (None, "KN302")])
def test_kn303_depends_on_the_senders_account(history, premium, expected):
    engine = Engine(Policy(), plugins=[VisitorsOnlyForPremium()], entry_points=False,
                    strict=True)
    items = due(engine, history, [
        ev("message", "incoming", "m-1", platform="acme", them={"premium": premium},
           text="Guten Tag Frau Owner, haben Sie nächste Woche Zeit für ein Telefonat?"),
        ev("profile_view", "outgoing", "v-1", platform="acme", days=1),
    ], at(4))
    # One item per message: KN303 replaces KN302 when the sender can see the visit.
    assert codes(items) == [(expected, "m-1")]
    if expected == "KN303":
        # A German item writes the visit's date the German way.
        assert items[0].locale == "de" and "am 03.03.2026" in items[0].message
        assert items[0].evidence["viewed"] == "2026-03-03"


def test_kn303_threshold_and_view_before_the_message(history):
    engine = Engine(Policy(), plugins=[VisitorsOnlyForPremium()], entry_points=False,
                    strict=True)
    history.record(event_from_dict(d) for d in [
        ev("message", "incoming", "m-1", platform="acme", them={"premium": True},
           text="Guten Tag, haben Sie Zeit für ein Telefonat?"),
        ev("profile_view", "outgoing", "v-1", platform="acme", days=1),
        ev("message", "incoming", "m-2", platform="acme", party="u-2",
           them={"premium": True}, text="Guten Tag, kurze Frage zu Ihrem Vortrag."),
        ev("profile_view", "outgoing", "v-2", platform="acme", party="u-2", days=-1),
    ])
    assert engine.due(at(3), history) == []
    # Same "since": ordered by code.
    assert codes(engine.due(at(4), history)) == [("KN302", "m-2"), ("KN303", "m-1")]


# ----------------------------------------------------------------------------- KN304

ASK_DE = "Guten Tag Herr Keller, danke für Ihre Anfrage. Woher kennen wir uns?"


@pytest.mark.parametrize("after,fires", [(6, False), (7, False), (7.1, True), (8, True)])
def test_kn304_at_its_threshold(engine, history, after, fires):
    # Asked on day 1: due when more than 7 days have passed since the question.
    items = due(engine, history, [
        ev("contact_request", "incoming", "r-1", note=None, name="Tobias Keller"),
        ev("message", "outgoing", "m-1", days=1, asks_reason=True, text=ASK_DE),
    ], at(1 + after))
    assert codes(items) == ([("KN304", "r-1")] if fires else [])
    if fires:
        assert items[0].action is Action.DECLINE
        assert items[0].reply.key == "decline_no_answer" and items[0].reply.locale == "de"
        assert items[0].since == at(1)


def test_kn304_silent_when_they_answered_or_the_question_was_not_about_the_reason(
        engine, history):
    items = due(engine, history, [
        ev("contact_request", "incoming", "r-1", note=None),
        ev("message", "outgoing", "m-1", days=1, asks_reason=True, text=ASK_DE),
        ev("message", "incoming", "m-2", days=2, text="Wir saßen beim Forum am selben Tisch."),
        ev("contact_request", "incoming", "r-2", party="u-2", note=None),
        ev("message", "outgoing", "m-3", days=1, party="u-2", asks_reason=False,
           text="Guten Tag, danke! Ich melde mich nach meinem Urlaub."),
    ], at(20))
    # r-1: they answered, so the owner owes a decision (KN301) and a reply (KN302);
    # r-2: the owner wrote but asked nothing, so the request still waits for a decision.
    assert codes(items) == [("KN301", "r-1"), ("KN301", "r-2"), ("KN302", "m-2")]


# ----------------------------------------------------------------------------- KN305


@pytest.mark.parametrize("hours,code", [(47, None), (49, "KN305"), (24 * 4, "KN305")])
def test_kn305_at_its_threshold_and_over_kn302(engine, history, hours, code):
    items = due(engine, history, [
        ev("contact_request", "outgoing", "r-1", days=-1, note="Hi Sam, great talk!"),
        ev("message", "incoming", "m-1", asks_reason=True, in_reply_to="r-1",
           text="Hi Jana, thanks for the invite. Have we met? What is it about?"),
    ], at(hours=hours))
    # After 4 days KN302 would fire too; one item per message, the question wins.
    assert codes(items) == ([] if code is None else [(code, "m-1")])
    if code:
        assert items[0].action is Action.ANSWER and items[0].reply.key == "answer_reason"
        assert items[0].reply.locale == "en"


# ----------------------------------------------------------------------------- KN306


@pytest.mark.parametrize("day,fires", [(1, False), (2, False), (3, True)])
def test_kn306_at_its_threshold(engine, history, day, fires):
    items = due(engine, history, [
        ev("contact_request", "incoming", "r-1", days=-1, note=None),
        ev("request_resolved", "outgoing", "a-1", request="r-1", outcome="accepted"),
    ], at(day))
    assert codes(items) == ([("KN306", "a-1")] if fires else [])
    if fires:
        assert items[0].reply.key == "thank_after_accept"


def test_kn306_silent_after_a_thank_you_or_a_decline(engine, history):
    items = due(engine, history, [
        ev("request_resolved", "outgoing", "a-1", request="r-1", outcome="accepted"),
        ev("message", "outgoing", "m-1", hours=2, text="Hallo Max, danke für die Anfrage!"),
        ev("request_resolved", "outgoing", "a-2", party="u-2", request="r-2",
           outcome="declined"),
        ev("request_resolved", "incoming", "a-3", party="u-3", request="r-3",
           outcome="accepted"),  # they accepted the owner's request: nothing owed
    ], at(10))
    assert items == []


# ----------------------------------------------------------------------------- KN307


@pytest.mark.parametrize("preset,count,expected", [
    ("default", 1200, None), ("default", 90, None),
    ("open", 120, "min"), ("open", 800, None),
    ("selective", 1200, "max"), ("selective", 300, None),
])
def test_kn307_follows_the_presets(history, preset, count, expected):
    engine = Engine(policy_from_dict({"extends": preset}), entry_points=False, strict=True)
    items = due(engine, history, [
        ev("contact_request", "outgoing", "r-1", me={"contact_count": count},
           note="Hallo Herr Vogt, danke für das Gespräch auf der Messe in Husum."),
    ], at(1), rules=["KN307"])
    if expected is None:
        assert items == []
        return
    assert [i.code for i in items] == ["KN307"]
    assert f"{count:,}" in items[0].message  # an English item: "1,200"
    assert items[0].evidence["count"] == count
    assert items[0].action is (Action.SLOW_DOWN if expected == "max" else None)


@pytest.mark.parametrize("count,expected", [(499, "min"), (500, None), (1000, None),
                                            (1001, "max")])
def test_kn307_bounds_are_inclusive(history, count, expected):
    engine = Engine(policy_from_dict({"rules": {"KN307": {"min": 500, "max": 1000}}}),
                    entry_points=False, strict=True)
    items = due(engine, history, [
        ev("contact_request", "outgoing", "r-1", me={"contact_count": count},
           note="Hallo Herr Vogt, danke für das Gespräch auf der Messe in Husum."),
    ], at(1), rules=["KN307"])
    assert [i.evidence["limit"] for i in items] == ([] if expected is None else
                                                    [500 if expected == "min" else 1000])


def test_kn307_takes_the_latest_count_and_else_the_policy_owner(history):
    engine = Engine(policy_from_dict({"rules": {"KN307": {"max": 500}},
                                      "owner": {"id": "me", "contact_count": 900}}),
                    entry_points=False, strict=True)
    history.record(event_from_dict(d) for d in [
        ev("contact_request", "outgoing", "r-1", me={"contact_count": 600}, note="Hallo!"),
        ev("contact_request", "outgoing", "r-2", days=2, me={"contact_count": 450},
           note="Hallo!"),
        ev("message", "incoming", "m-1", days=2, platform="other", text="Hallo Jana"),
    ])
    assert engine.due(at(1), history, rules=["KN307"])[0].evidence["count"] == 600
    latest = engine.due(at(3), history, rules=["KN307"])
    # generic: 450 (latest seen, within max); other: no count in history, the policy's 900
    assert [(i.platform, i.evidence["count"]) for i in latest] == [("other", 900)]


def test_items_come_oldest_first(engine, history):
    items = due(engine, history, [
        ev("message", "incoming", "m-1", days=5, party="u-9", text=MESSAGE_EN),
        ev("contact_request", "incoming", "r-1", note=REQUEST_DE),
        ev("request_resolved", "outgoing", "a-1", days=3, party="u-4", request="x",
           outcome="accepted"),
    ], at(20))
    assert codes(items) == [("KN301", "r-1"), ("KN306", "a-1"), ("KN302", "m-1")]


def test_in_memory_and_sqlite_agree(engine, tmp_path):
    dicts = [
        ev("contact_request", "incoming", "r-1", note=REQUEST_DE),
        ev("message", "incoming", "m-1", days=1, party="u-2", text=MESSAGE_EN),
        ev("request_resolved", "outgoing", "a-1", days=2, party="u-3", request="r-3",
           outcome="accepted"),
        ev("contact_request", "incoming", "r-4", party="u-4", note=None),
        ev("message", "outgoing", "m-4", days=1, party="u-4", asks_reason=True, text=ASK_DE),
    ]
    with SQLiteHistory(tmp_path / "h.sqlite3") as h:
        a = due(engine, h, dicts, at(30))
    b = due(engine, InMemoryHistory(), dicts, at(30))
    assert [i.to_dict() for i in a] == [i.to_dict() for i in b]
    assert len(a) == 4


# ----------------------------------------------------------------------------- KN110

TEMPLATE_DE = ("Sehr geehrte{r} {title} {name},\nich bin Key Account Managerin bei der "
               "Nordlicht Software GmbH und unterstütze Speditionen bei der Digitalisierung "
               "ihrer Disposition. Ich würde mich freuen, wenn wir uns vernetzen.\n"
               "Mit freundlichen Grüßen\nJana Owner")
PEOPLE_DE = [("r", "Herr", "Albers"), ("", "Frau", "Brandt-Meyer"), ("r", "Herr", "Cordes"),
             ("", "Frau", "Dietz"), ("r", "Herr", "Ehlers"), ("", "Frau", "Fink"),
             ("r", "Herr", "Dr. Groß")]
TEMPLATE_EN = ("Hi {name}, I came across your profile and was impressed by your background "
               "in {field}. I'd love to connect and exchange ideas about supply chain "
               "software. Best regards, Jana")
PEOPLE_EN = [("Sam", "logistics"), ("Priya", "logistics."), ("Tom", "fleet management"),
             ("Alice", "logistics"), ("Ben", "freight"), ("Chen", "logistics")]
PERSONAL = [
    "Hallo Herr Albers, Ihr Vortrag über Tourenplanung beim Logistik-Forum Bremen hat mich "
    "beeindruckt, besonders die Zahlen zur Leerfahrtenquote.",
    "Guten Tag Frau Brandt-Meyer, wir haben uns letzte Woche beim Stammtisch der "
    "Bundesvereinigung Logistik in Hamburg kurz über Ladungsträger unterhalten.",
    "Hi Sam, thanks for answering my question about EDI formats in the supply chain "
    "group yesterday. Would you be open to a short call?",
    "Hallo Frau Dietz, Herr Cordes hat mir empfohlen, mich wegen der Ausschreibung der "
    "Stadtwerke bei Ihnen zu melden.",
    "Dear Ms Fink, I enjoyed your article on cold chain monitoring in DVZ and have a "
    "question on the sensor vendors you compared.",
    "Hallo Herr Ehlers, schön, dass wir uns auf der transport logistic in München "
    "getroffen haben – ich schicke Ihnen gern die Unterlagen zur Telematik.",
]


def template_de(i, days):
    r, title, name = PEOPLE_DE[i]
    return ev("contact_request", "outgoing", f"t-{i}", days=days, party=f"de-{i}",
              name=f"{title} {name}",
              note=TEMPLATE_DE.format(r=r, title=title, name=name))


def fires_kn110(engine, history, event):
    assessment = engine.evaluate(event_from_dict(event), history=history)
    return [f for f in assessment.findings if f.code == "KN110"]


@pytest.fixture(params=["sqlite", "memory"])
def any_history(request, tmp_path):
    h = SQLiteHistory(tmp_path / "h.sqlite3") if request.param == "sqlite" \
        else InMemoryHistory()
    yield h
    h.close()


def test_kn110_flags_every_copy_once_the_batch_crosses_the_limit(engine, any_history):
    sent = [template_de(i, days=i) for i in range(6)]
    # Four copies: below the limit of five recipients, none is flagged.
    any_history.record(event_from_dict(d) for d in sent[:4])
    assert not any(fires_kn110(engine, any_history, d) for d in sent[:4])
    # Six copies within a week: every one is flagged, the first ones too, counted exactly.
    any_history.record(event_from_dict(d) for d in sent[4:])
    for i, d in enumerate(sent):
        found = fires_kn110(engine, any_history, d)
        assert found and found[0].evidence["count"] == 6, i
    found = fires_kn110(engine, any_history, sent[4])
    assert set(found[0].evidence["parties"]) == {"de-0", "de-1", "de-2", "de-3", "de-5"}
    # Names, not ids, in the message.
    assert "Frau" in found[0].message or "Herr" in found[0].message
    # The 7th (day 6) has the six within its 7 days.
    assert fires_kn110(engine, any_history, template_de(6, days=6))[0].evidence["count"] == 7
    # A week after the last copy, none is within the window.
    assert not fires_kn110(engine, any_history, template_de(6, days=12.5))


def test_kn110_english_template_with_small_changes(engine, any_history):
    sent = [ev("message", "outgoing", f"e-{i}", days=i * 0.3, party=f"en-{i}",
               name=name, text=TEMPLATE_EN.format(name=name, field=field))
            for i, (name, field) in enumerate(PEOPLE_EN)]
    any_history.record(event_from_dict(d) for d in sent[:4])
    assert not fires_kn110(engine, any_history, sent[3])
    any_history.record(event_from_dict(d) for d in sent[4:])
    assert fires_kn110(engine, any_history, sent[3])
    assert fires_kn110(engine, any_history, sent[5])
    # A reply (in_reply_to set) is not an opening note.
    reply = {**sent[5], "id": "e-reply", "in_reply_to": "x"}
    assert not fires_kn110(engine, any_history, reply)


def test_kn110_silent_on_personal_notes_and_on_repeats_to_one_person(engine, any_history):
    personal = [ev("contact_request", "outgoing", f"p-{i}", days=i * 0.5, party=f"p-{i}",
                   note=text) for i, text in enumerate(PERSONAL)]
    same_person = [template_de(0, days=d / 4) for d in range(6)]
    for i, d in enumerate(same_person):
        d["id"] = f"again-{i}"
    any_history.record(event_from_dict(d) for d in personal + same_person)
    for d in personal:
        assert not fires_kn110(engine, any_history, d)
    # Six copies, but all to Herr Albers, plus one now to Frau Brandt: two people.
    assert not fires_kn110(engine, any_history, template_de(1, days=2))


def test_kn110_is_configurable(any_history):
    engine = Engine(policy_from_dict({"rules": {"mass-template": {"max_recipients": 3}}}),
                    entry_points=False, strict=True)
    sent = [template_de(i, days=i) for i in range(3)]
    any_history.record(event_from_dict(d) for d in sent[:2])
    assert not fires_kn110(engine, any_history, sent[1])  # two recipients: below 3
    any_history.record(event_from_dict(d) for d in sent[2:])
    assert fires_kn110(engine, any_history, sent[2])
    assert fires_kn110(engine, any_history, sent[1])  # the batch reached three


def test_kn110_without_history_is_silent(engine):
    assert not fires_kn110(engine, None, template_de(4, days=4))


def _variant(rng, base: str) -> str:
    """A copy with a few character edits: what a sender changes by hand."""
    chars = list(base)
    for _ in range(rng.randint(0, len(base) // 25)):
        pos = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.4:
            chars[pos] = rng.choice("abcdefghijklmnopqrstuvwxyzäöüß ")
        elif op < 0.7:
            del chars[pos]
        else:
            chars.insert(pos, rng.choice("abcdefghijklmnopqrstuvwxyz "))
    return "".join(chars)


def test_sqlite_note_index_finds_what_brute_force_finds(tmp_path):
    # The SQLite store only compares candidates sharing an index key; brute force (the
    # in-memory store) compares everything. On varied copies near the 0.9 boundary the
    # index must find (nearly) all matches, and never a false one.
    rng = random.Random(7)
    bases = [TEMPLATE_DE.format(r="r", title="Herr", name="Albers"),
             TEMPLATE_EN.format(name="Sam", field="logistics"), *PERSONAL]
    notes = []
    for i in range(600):
        base = bases[i % len(bases)]
        notes.append(ev("contact_request", "outgoing", f"n-{i}", hours=i / 10,
                        party=f"p-{i}", note=_variant(rng, base)))
    mem = InMemoryHistory(event_from_dict(d) for d in notes)
    with SQLiteHistory(tmp_path / "h.sqlite3") as lite:
        lite.record(event_from_dict(d) for d in notes)
        found = expected = 0
        for q in range(0, 600, 7):
            query = notes[q]["note"]
            kw = dict(platform="generic", since=at(-1), until=at(10), min_similarity=0.9,
                      exclude_party=f"p-{q}", limit=10_000)
            want = {m.party for m in mem.similar_notes(query, **kw)}
            got = {m.party for m in lite.similar_notes(query, **kw)}
            assert got <= want
            found += len(got)
            expected += len(want)
    assert expected > 1000
    assert found / expected >= 0.97


# ----------------------------------------------------------------------------- CLI


def knigge(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "knigge_engine.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120, cwd=cwd)


def test_check_records_and_due_lists_from_the_same_file(tmp_path):
    events = [template_de(i, days=i) for i in range(5)]
    events.append(ev("contact_request", "incoming", "r-1", party="u-x", note=REQUEST_DE))
    events.append(ev("message", "incoming", "m-1", days=1, party="u-y", text=MESSAGE_EN))
    # Newest first, as some exports are: the verdicts must not depend on the order.
    src = tmp_path / "export.jsonl"
    src.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n"
                           for e in reversed(events)), encoding="utf-8")
    db = tmp_path / "knigge" / "history.sqlite3"
    first = knigge("check", src, "--history", db, "--format", "jsonl", "--fail-on", "never")
    assert first.returncode == 0, first.stderr
    assert "7 recorded, 0 already there" in first.stderr
    kn110 = {json.loads(line)["event"] for line in first.stdout.splitlines()
             if any(f["code"] == "KN110" for f in json.loads(line)["findings"])}
    assert kn110 == {"t-0", "t-1", "t-2", "t-3", "t-4"}  # every copy of the batch
    again = knigge("check", src, "--history", db, "--format", "jsonl", "--fail-on", "never")
    assert "0 recorded, 7 already there" in again.stderr
    assert again.stdout == first.stdout
    with SQLiteHistory(db, readonly=True) as h:
        assert h.count() == 7

    listed = knigge("due", "--history", db, "--now", at(20).isoformat(), "--format", "json")
    assert listed.returncode == 1, listed.stderr
    report = json.loads(listed.stdout)
    assert [(i["code"], i["event"], i["action"]) for i in report["items"]] == [
        ("KN301", "r-1", "decide"), ("KN302", "m-1", "reply")]
    assert report["summary"]["due"] == 2 and report["summary"]["older"] == 0
    assert [(r["code"], r["due"]) for r in report["summary"]["rules"]] == [
        ("KN301", 1), ("KN302", 1)]
    quiet = knigge("due", "--history", db, "--now", at(2).isoformat())
    assert quiet.returncode == 0 and "nothing is due" in quiet.stdout


def test_due_reads_the_policy_path_and_reports_bad_input(tmp_path):
    db = tmp_path / "h.sqlite3"
    with SQLiteHistory(db) as h:
        h.record([event_from_dict(ev("message", "incoming", "m-1", text=MESSAGE_EN))])
    (tmp_path / "knigge.toml").write_text('[history]\npath = "h.sqlite3"\n')
    listed = knigge("due", "--now", at(5).isoformat(), "--format", "jsonl", cwd=tmp_path)
    assert listed.returncode == 1, listed.stderr
    assert json.loads(listed.stdout)["code"] == "KN302"
    naive = knigge("due", "--history", db, "--now", "2026-03-05T10:00:00")
    assert naive.returncode == 2 and "UTC offset" in naive.stderr
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_text("kein SQLite\n" * 100)
    bad = knigge("due", "--history", garbage, "--now", at(5).isoformat())
    assert bad.returncode == 2
    assert str(garbage) in bad.stderr and "not a knigge history" in bad.stderr
    assert "Lübeck" not in bad.stderr + listed.stderr  # message texts are never logged


def test_policy_suppressions_silence_due_items(history):
    engine = Engine(policy_from_dict({"suppress": [
        {"rule": "unanswered-message", "sender": "u-2",
         "reason": "Priya and I talk on the phone; the inbox is not where we answer."},
    ]}), entry_points=False, strict=True)
    items = due(engine, history, [
        ev("message", "incoming", "m-1", text=MESSAGE_EN),
        ev("message", "incoming", "m-2", party="u-2", name="Priya", text=MESSAGE_EN),
    ], at(10))
    assert codes(items) == [("KN302", "m-1")]


def test_check_history_from_stdin_with_a_bad_line(tmp_path):
    db = tmp_path / "h.sqlite3"
    lines = [json.dumps(template_de(i, days=i), ensure_ascii=False) for i in range(5)]
    lines.insert(2, '{"kind": "contact_request", "id": ')
    proc = subprocess.run([sys.executable, "-m", "knigge_engine.cli", "check", "-",
                           "--history", str(db), "--format", "jsonl", "--fail-on", "never"],
                          input="\n".join(lines) + "\n", capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2  # the bad line is an input error; the rest is assessed
    assert proc.stderr.count("input error") == 1 and "<stdin>:line 3" in proc.stderr
    assert "5 recorded" in proc.stderr
    fired = [json.loads(x)["event"] for x in proc.stdout.splitlines()
             if any(f["code"] == "KN110" for f in json.loads(x)["findings"])]
    assert fired == ["t-0", "t-1", "t-2", "t-3", "t-4"]  # every copy of the batch of five


@pytest.mark.parametrize("note,form", [
    ("Hallo Frau Schröder, wir saßen gestern beim Vortrag nebeneinander.", "sie"),
    ("Hallo Jana, wir saßen gestern beim Vortrag nebeneinander, weißt du noch?", "du"),
])
def test_kn306_thanks_in_the_form_of_the_request_it_answers(history, note, form):
    duzen = PlatformSpec(name="duzen", capabilities={CAP_REQUEST_NOTE: True},
                         address_form="sie" if form == "du" else "du", locale="de")

    class Specs:
        @hookimpl
        def knigge_platforms(self):
            return [duzen]

    engine = Engine(policy_from_dict({"locale": "de"}), plugins=[Specs()],
                    entry_points=False, strict=True)
    items = due(engine, history, [
        ev("contact_request", "incoming", "r-1", platform="duzen", note=note),
        ev("request_resolved", "outgoing", "a-1", days=1, platform="duzen",
           request="r-1", outcome="accepted"),
    ], at(10), rules=["KN306"])
    assert [i.code for i in items] == ["KN306"]
    assert items[0].reply is not None and items[0].reply.form == form
