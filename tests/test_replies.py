"""Suggested replies: greetings, the decline and no-thanks texts, late decisions in
``knigge due``, the introduction request, and how the text reports label them."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys

import pytest

from knigge_engine import Action, Engine, Policy, policy_from_dict
from knigge_engine.history import InMemoryHistory, SQLiteHistory
from knigge_engine.io.base import Summary
from knigge_engine.io.reporters import TEXT
from knigge_engine.model import event_from_dict
from knigge_engine.replies import ReplyBook, first_name
from knigge_engine.testing import make_event

BERLIN = dt.timezone(dt.timedelta(hours=1))
T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=BERLIN)


@pytest.mark.parametrize("name,expected", [
    ("Max Beispiel", "Max"),
    ("Prof. Dr. Anna Berg", "Anna"),
    ("Dr. Priya Raman", "Priya"),
    ("Dipl.-Ing. Karl Maier", "Karl"),
    ("J. Robert Smith", "Robert"),
    ("Frau Anna Weiß", "Anna"),
    ("Herr Dr. Weiß", None),  # a surname after a form of address is no first name
    ("K.", None),
    ("", None),
    (None, None),
])
def test_first_name_skips_titles_and_initials(name, expected):
    assert first_name(name) == expected


@pytest.mark.parametrize("locale,form,name,greeting", [
    ("de", "sie", "Dr. Anna Berg", "Guten Tag Dr. Anna Berg,"),
    ("de", "du", "Dr. Anna Berg", "Hallo Anna,"),
    ("en", None, "Dr. Priya Raman", "Hi Priya,"),
    ("de", "sie", None, "Guten Tag,"),
    ("de", "du", "Herr Weiß", "Hallo,"),
    ("en", None, None, "Hello,"),
])
def test_greeting_by_form(locale, form, name, greeting):
    text = ReplyBook().render("ask_reason", locale, form, name=name).text
    assert text.splitlines()[0] == greeting


@pytest.mark.parametrize("locale,form,wish", [
    ("de", "sie", "Ich wünsche Ihnen alles Gute."),
    ("de", "du", "Ich wünsche dir alles Gute."),
    ("en", None, "I wish you all the best."),
])
def test_decline_invents_no_reason(locale, form, wish):
    text = ReplyBook().render("decline", locale, form, name="Sven Akquise").text
    assert text.endswith(wish)
    for invented in ("nur mit Menschen", "only connect", "worked with"):
        assert invented not in text
    for clumsy in ("Alles Gute für Sie", "Alles Gute dir"):
        assert clumsy not in text


def intro_request():
    """A well-written note to a second-degree stranger: KN106 proposes an introduction."""
    return make_event(
        "contact_request", "outgoing", id="o-1",
        note="Hallo Frau Roth, ich bin Gründerin eines Logistik-Start-ups in Hamburg und "
        "habe Ihr Interview zur letzten Meile gelesen. Gern teile ich unsere Zahlen dazu.",
        recipient={"name": "Clara Roth", "degree": 2, "prior_contact": False,
                   "mutual_contacts": 3})


def test_introduction_request_names_the_person_and_leaves_the_topic_open(core_engine):
    a = core_engine.evaluate(intro_request())
    assert a.action is Action.ASK_FOR_INTRODUCTION and a.reply is not None
    text = a.reply.text
    assert text.count("Clara Roth") == 2 and "[Anlass einfügen]" in text
    assert "ihr oder ihm" not in text
    en = ReplyBook().render("introduction_request", "en", None, other="Sam Lee").text
    assert "talk with Sam Lee about [add your reason]" in en


def pitch(text, **fields):
    return make_event("message", "incoming", text=text,
                      sender={"name": "Dana Growth"}, **fields)


def test_an_incoming_sales_pitch_gets_a_no_thanks(core_engine):
    a = core_engine.evaluate(pitch("Hi, our product helps you generate leads on autopilot. "
                                   "Book a demo today!"))
    assert "KN207" in {f.code for f in a.findings}
    assert a.action is Action.REPLY  # an incoming message is answered, not declined
    assert a.reply is not None and a.reply.key == "decline_pitch"
    assert a.reply.text == ("Hi Dana,\nThanks for your message, but I'm not interested. "
                            "I wish you all the best.")
    de = core_engine.evaluate(pitch("Guten Tag, steigern Sie Ihren Umsatz mit unserem "
                                    "Leadgenerierungs-Service! Jetzt kostenlose Demo buchen."))
    assert de.reply is not None and de.reply.locale == "de"
    assert "dafür habe ich keinen Bedarf" in de.reply.text


def test_an_ordinary_incoming_message_gets_no_canned_reply(core_engine):
    a = core_engine.evaluate(pitch("Hi Jana, we met at the Hamburg energy fair. Could I ask "
                                   "you about your heat pump project?"))
    assert a.action is Action.REPLY and a.reply is None


def test_a_suppressed_pitch_finding_gets_no_no_thanks():
    engine = Engine(policy_from_dict({"suppress": [
        {"rule": "KN207", "sender": "u-1", "reason": "my reseller"}]}),
        entry_points=False)
    a = engine.evaluate(pitch("Hi, our product helps you generate leads. Book a demo today!"))
    assert "KN207" not in {f.code for f in a.findings} and a.reply is None


# ------------------------------------------------------------------ late decisions (KN301)


def late_item(note, **sender):
    engine = Engine(Policy(), entry_points=False, strict=True)
    event = make_event("contact_request", "incoming", note=note, at=T0.isoformat(),
                       sender={"name": "Alex Example", **sender})
    verdict = engine.evaluate(event).action
    history = InMemoryHistory([event_from_dict(event)])
    items = engine.due(T0 + dt.timedelta(days=20), history)
    assert [i.code for i in items] == ["KN301"] and items[0].action is Action.DECIDE
    return verdict, items[0].reply


def test_late_decision_on_a_request_triage_would_accept():
    verdict, reply = late_item("Hallo Alex, wir haben uns auf der Hannover Messe am Stand "
                               "von Bosch kurz unterhalten.", mutual_contacts=5)
    assert verdict in (Action.ACCEPT, Action.ACCEPT_AND_ASK)
    assert reply.key == "late_accept"
    assert "entschuldigen Sie die späte Antwort" in reply.text
    assert "bestätigt" not in reply.text  # nothing has been accepted yet


def test_late_decision_on_a_request_triage_would_ask_about():
    verdict, reply = late_item(None, contact_count=9000)
    assert verdict is Action.ASK_FIRST
    assert reply.key == "late_ask_reason"
    assert reply.text.startswith("Hi Alex,\nSorry for the late answer")


def test_late_decision_on_a_request_triage_would_decline():
    verdict, reply = late_item("Hallo! Ich zeige Ihnen 5 geheime Tipps für mehr Umsatz. "
                               "Jetzt kostenloses Erstgespräch buchen!", contact_count=9000)
    assert verdict is Action.DECLINE
    assert reply.key == "decline" and "nehme ich sie nicht an" in reply.text


# ------------------------------------------------------------------ text reports


def text_report(events, locale="en", show_all=True):
    engine = Engine(Policy(), entry_points=False)
    out = io.StringIO()
    reporter = TEXT.open(out, locale)
    reporter.show_all = show_all
    summary = Summary()
    for raw in events:
        event = event_from_dict(raw)
        a = engine.evaluate(event)
        reporter.assessment(a, event)
        summary.read += 1
        summary.assessed += 1
        if a.action is not None:
            summary.by_action[a.action.value] = summary.by_action.get(a.action.value, 0) + 1
    reporter.close(summary)
    return out.getvalue()


def test_text_report_labels_what_a_reply_is_for_and_what_has_nothing_to_decide():
    intro = intro_request()
    resolved = make_event("request_resolved", "outgoing", id="d-1", request="r-0",
                          outcome="accepted")
    text = text_report([intro, resolved])
    summary, *blocks = text.split("\n\n")
    assert summary.splitlines()[0].startswith("Summary: 2 events read, 2 assessed, 0 rejected")
    assert summary.splitlines()[1] == "Actions: ask_for_introduction 1, noted 1"
    assert "  message to a mutual contact (de):" in blocks[0].splitlines()
    assert blocks[1].splitlines()[1] == "  -> noted (nothing to decide)"
    assert "-> -" not in text and "score 0)" not in blocks[1]
    de = text_report([resolved], locale="de")
    assert "-> notiert (nichts zu entscheiden)" in de
    assert de.splitlines()[0].startswith("Zusammenfassung: 1 Ereignisse gelesen")
    # Without --all, the resolution (nothing to decide) is counted but not listed.
    quiet = text_report([intro, resolved], show_all=False)
    assert "message to a mutual contact" in quiet and "d-1" not in quiet


# ------------------------------------------------------------------ knigge due (text)


def knigge(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "knigge_engine.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120, cwd=cwd, env=env)


def test_due_text_names_since_and_due_and_counts_items(tmp_path):
    db = tmp_path / "h.sqlite3"
    with SQLiteHistory(db) as h:
        h.record([event_from_dict(make_event(
            "contact_request", "incoming", id="r-1", at=T0.isoformat(),
            note="Hi Jana, we met at the PyData Berlin meetup last week.",
            sender={"name": "Dr. Priya Raman", "mutual_contacts": 4}))])
    now = (T0 + dt.timedelta(days=20)).isoformat()
    proc = knigge("due", "--history", db, "--now", now, "--locale", "en")
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "KN301 pending-too-long: 1 due"
    assert lines[1].startswith("  since 2026-11-02, due 2026-11-16  -> decide  ")
    assert "    late reply when accepting (en):" in lines
    assert "      Hi Priya," in lines
    assert lines[-1] == "1 item due"
    de = knigge("due", "--history", db, "--now", now, "--locale", "de")
    assert de.stdout.splitlines()[1].startswith("  seit 2026-11-02, fällig 2026-11-16  ")
    assert de.stdout.splitlines()[-1] == "1 Punkt fällig"


def test_due_without_a_history_says_how_to_record_one(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    proc = knigge("due", cwd=tmp_path, env=env)
    assert proc.returncode == 2
    assert "--history @default" in proc.stderr and "--history PATH" in proc.stderr
    assert str(tmp_path / "data") in proc.stderr
