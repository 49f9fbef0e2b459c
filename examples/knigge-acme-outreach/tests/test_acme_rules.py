"""Tests of the ACME rules, written with knigge_engine's pytest plugin (installed with
knigge-engine: the ``knigge_engine`` and ``knigge_event`` fixtures need no import)."""

from __future__ import annotations

import pytest
from knigge_engine.testing import assert_fires, assert_silent, rule_examples_test

from knigge_acme_outreach import plugin

# The one line: every bad example of AC101-AC103 fires, every good one stays silent.
test_examples = rule_examples_test(plugin)

acme = pytest.mark.knigge(plugins=[plugin])


def note(text):
    return {"kind": "contact_request", "id": "r-1", "platform": "generic",
            "direction": "outgoing", "at": "2026-11-02T09:15:00+01:00",
            "sender": {"id": "me"}, "recipient": {"id": "u-1"}, "note": text}


GOOD_DE = ("Guten Tag Frau Roth, ich bin Jana Schröder, Data Engineer bei ACME Analytics "
           "in Hamburg. Ihr Beitrag zu Datenverträgen hat mich überzeugt; gern würde ich "
           "mich vernetzen. Viele Grüße, Jana Schröder")
GOOD_EN = ("Dear Ms Roth, I'm Jana Schröder, a data engineer at ACME Analytics in "
           "Hamburg. Your post on data contracts convinced me; I'd like to connect.")


@acme
@pytest.mark.parametrize("text", [GOOD_DE, GOOD_EN])
def test_a_careful_first_note_passes_every_acme_rule(knigge_engine, text):
    for code in ("AC101", "AC102", "AC103"):
        assert_silent(knigge_engine, note(text), code)


@acme
def test_ac101_names_the_emoji_and_counts_them(knigge_engine):
    a = assert_fires(knigge_engine, note(GOOD_DE + " 🙂🙂🚀"), "AC101", contains="3 Emoji")
    finding = next(f for f in a.findings if f.code == "AC101")
    assert finding.evidence["emoji"] == "🙂🚀"
    start, end = finding.span
    assert (GOOD_DE + " 🙂🙂🚀")[start:end] == "🙂"


@acme
def test_ac101_a_skin_tone_is_part_of_its_emoji(knigge_engine):
    a = assert_fires(knigge_engine, note(GOOD_EN + " 👋🏽"), "AC101")
    assert next(f for f in a.findings if f.code == "AC101").evidence["count"] == 1


@acme
def test_ac101_signature_symbols_are_allowed(knigge_engine):
    assert_silent(knigge_engine, note(GOOD_DE + " ☎ 040 1234567 ✉ jana@acme.example"),
                  "AC101")


@pytest.mark.knigge(plugins=[plugin], policy={"rules": {"AC101": {"allowed": ["🙂"]}}})
def test_ac101_the_policy_can_allow_more(knigge_engine):
    assert_silent(knigge_engine, note(GOOD_EN + " 🙂"), "AC101")
    assert_fires(knigge_engine, note(GOOD_EN + " ☎ 040 1234567"), "AC101")


@acme
@pytest.mark.parametrize("text,channel", [
    ("Ich bin Jana von ACME. Am schnellsten geht es über Threema.", "Threema"),
    ("I'm Jana from ACME. Ping me on WhatsApp!", "WhatsApp"),
    ("Ich bin Jana von ACME, meine private   Handynummer: 0171 5550123.",
     "private   Handynummer"),
])
def test_ac102_fires_on_personal_channels_and_quotes_them(knigge_engine, text, channel):
    a = assert_fires(knigge_engine, note(text), "no-personal-channel", contains=channel)
    finding = next(f for f in a.findings if f.code == "AC102")
    assert text[slice(*finding.span)] == channel


@acme
@pytest.mark.parametrize("text", [
    "Ich bin Jana von ACME; das Telegramm-Zeitalter ist vorbei, Daten bleiben.",
    "I'm Jana from ACME; reach me at jana.schroeder@acme.example or +49 40 1234567.",
    "Ich bin Jana von ACME. Ihr Beitrag war ein starkes Signal für unsere Branche.",
])
def test_ac102_business_channels_and_look_alike_words_pass(knigge_engine, text):
    assert_silent(knigge_engine, note(text), "AC102")


@pytest.mark.knigge(plugins=[plugin], policy="acme")
def test_the_acme_preset_makes_a_personal_channel_an_error(knigge_engine):
    a = assert_fires(knigge_engine, note("Ich bin Jana von ACME, gern per WhatsApp."),
                     "AC102")
    finding = next(f for f in a.findings if f.code == "AC102")
    assert finding.severity.value == "error" and finding.weight == 5.0
    assert a.action.value == "dont_send"


@acme
def test_ac103_fires_when_the_company_is_not_named(knigge_engine):
    text = GOOD_EN.replace("ACME Analytics", "a data company")
    assert_fires(knigge_engine, note(text), "AC103", contains="mention ACME")


@acme
def test_ac103_matches_whole_words_only(knigge_engine):
    assert_fires(knigge_engine, note("Ich bin Jana, wir sind die Acmeisten im Norden."),
                 "AC103")


@pytest.mark.knigge(plugins=[plugin],
                    policy={"rules": {"name-the-company": {"names": ["ACME", "Acme Data"]}}})
def test_ac103_other_company_names_come_from_the_policy(knigge_engine):
    assert_silent(knigge_engine, note("Ich bin Jana von Acme Data in Hamburg."), "AC103")


@acme
@pytest.mark.parametrize("code", ["AC101", "AC102", "AC103"])
def test_replies_and_incoming_events_are_not_acme_business(knigge_engine, code):
    reply = {**note(None), "kind": "message", "id": "m-2", "in_reply_to": "m-1",
             "text": "Danke! 🙂 Schreib mir per WhatsApp."}
    del reply["note"]
    assert_silent(knigge_engine, reply, code)
    incoming = {**note("Hallo 🙂 per WhatsApp?"), "direction": "incoming",
                "sender": {"id": "u-1"}, "recipient": {"id": "me"}}
    assert_silent(knigge_engine, incoming, code)


@acme
@pytest.mark.parametrize("text", [None, "", "   "])
def test_no_note_is_no_evidence_for_acme_rules(knigge_engine, text):
    for code in ("AC101", "AC102", "AC103"):
        assert_silent(knigge_engine, note(text), code)
