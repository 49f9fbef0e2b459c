"""XI401-XI403 and the XING spec's effect on the generic rules, on realistic German and
English notes; silent on unknown facts and on other platforms."""

from __future__ import annotations

import pytest
from knigge_engine.testing import assert_fires, assert_silent, make_event

from xingdata import make_engine

STRANGER = {"name": "Max Berger", "degree": 2, "prior_contact": False}


def _out(note, *, premium=True, other=None, platform="xing", kind="contact_request"):
    fields = {"note": note} if kind == "contact_request" else {"text": note}
    return make_event(kind, "outgoing", platform=platform,
                      sender={"name": "Jana Owner", "premium": premium},
                      recipient={**STRANGER, **(other or {})}, **fields)


def _in(note=None, *, sender=None, platform="xing"):
    return make_event("contact_request", "incoming", platform=platform,
                      sender={"name": "Max Beispiel", **(sender or {})}, note=note)


# ------------------------------------------------------------ spec: notes on Premium only


@pytest.mark.parametrize(("premium", "fires"), [(True, True), (False, False), (None, False)])
def test_kn101_on_xing_depends_on_the_senders_account_type(engine, premium, fires):
    event = _out(None, premium=premium)
    (assert_fires if fires else assert_silent)(engine, event, "KN101")


@pytest.mark.parametrize(("premium", "fires"), [(True, True), (False, False), (None, False)])
def test_kn201_on_xing_only_when_the_sender_could_have_written_a_note(engine, premium, fires):
    sender = {} if premium is None else {"premium": premium}
    (assert_fires if fires else assert_silent)(engine, _in(None, sender=sender), "KN201")


def test_owner_premium_from_the_policy_decides_for_outgoing_requests():
    eng = make_engine({"owner": {"premium": True}})
    event = make_event("contact_request", "outgoing", platform="xing",
                       sender={"name": "Jana Owner"}, recipient=STRANGER, note=None)
    assert_fires(eng, event, "KN101")
    assert_silent(make_engine(), event, "KN101")


def test_kn111_form_is_not_preset_on_xing(engine):
    # XING says "du", but KN111 does not flag a "Sie" note on XING (XI402 judges forms)
    note = ("Guten Tag Herr Berger, ich bin Personalentwicklerin in Hamburg und habe "
            "Ihren Beitrag in der Gruppe New Work Hamburg gelesen.")
    assert_silent(engine, _out(note), "KN111")


# --------------------------------------------------------------------------- XI401


LONG_EN = ("Hi Daniel, I'm a data engineer at a logistics company in Rotterdam. I read your "
           "post on testing Airflow DAGs with pytest and tried the fixture pattern on our "
           "pipelines in Rotterdam; it caught two bugs in one week. I'd be glad to connect "
           "and swap notes on data contracts, which our team is introducing next quarter.")


def test_xi401_is_off_by_default_even_for_a_very_long_note(engine):
    assert_silent(engine, _out(LONG_EN * 3), "XI401")


@pytest.mark.parametrize("policy", [
    {"rules": {"XI401": {"enabled": True, "max_chars": 300}}},
    {"extend_select": ["XI401"], "rules": {"XI401": {"max_chars": 300}}},
    {"platforms": {"xing": {"rules": {"XI401": {"enabled": True, "max_chars": 300}}}}},
])
def test_xi401_fires_over_a_policy_limit_however_it_is_switched_on(policy):
    eng = make_engine(policy)
    assert len(LONG_EN) > 300
    a = assert_fires(eng, _out(LONG_EN), "XI401")
    msg = next(f for f in a.findings if f.code == "XI401").message
    assert f"{len(LONG_EN)} characters" in msg and "300" in msg
    assert_silent(eng, _out(LONG_EN[:300]), "XI401")


def test_xi401_switched_on_without_a_limit_stays_silent():
    assert_silent(make_engine({"rules": {"XI401": {"enabled": True}}}), _out(LONG_EN * 3),
                  "XI401")


def test_xi401_counts_umlauts_as_one_character():
    eng = make_engine({"rules": {"XI401": {"enabled": True, "max_chars": 20}}})
    assert_silent(eng, _out("Grüße aus Düsseldorf"), "XI401")  # exactly 20 code points
    assert_fires(eng, _out("Grüße aus Düsseldorf!"), "XI401")


def test_xi401_does_not_run_on_other_platforms():
    eng = make_engine({"rules": {"XI401": {"enabled": True, "max_chars": 10}}})
    assert_silent(eng, _out(LONG_EN, platform="generic"), "XI401")


def test_xi401_rejects_a_nonsense_limit():
    from knigge_engine import PolicyError

    with pytest.raises(PolicyError, match="max_chars"):
        make_engine({"rules": {"XI401": {"max_chars": 0}}})


# --------------------------------------------------------------------------- XI402


@pytest.mark.parametrize("note", [
    "Hallo Max, ich bin Jana, Personalentwicklerin in Hamburg. Ich habe deinen Beitrag zu "
    "hybriden Teams gelesen und würde mich gern mit dir austauschen.",
    "Moin Max! Ich bin Jana von der Elbe Akademie. Hast du Zeit für einen kurzen Austausch "
    "über Weiterbildungsbudgets? Viele Grüße",
])
def test_xi402_fires_on_du_to_a_stranger(engine, note):
    a = assert_fires(engine, _out(note), "XI402")
    msg = next(f for f in a.findings if f.code == "XI402").message
    assert "Max Berger" in msg and "Sie" in msg


@pytest.mark.parametrize(("note", "other"), [
    # formal: what the default expects
    ("Guten Tag Herr Berger, ich bin Jana Owner, Personalentwicklerin in Hamburg. Ich habe "
     "Ihren Beitrag zu hybriden Teams gelesen.", None),
    # met before: "du" may be right
    ("Hallo Max, schön, dass wir uns beim Barcamp getroffen haben! Ich bin Jana.",
     {"prior_contact": True}),
    # already a contact
    ("Hallo Max, ich bin Jana. Hast du Zeit für einen Kaffee?", {"degree": 1}),
    # unknown whether they met: no evidence
    ("Hallo Max, ich bin Jana. Hast du Zeit für einen Kaffee?", {"prior_contact": None}),
    # English: no Sie/Du question
    ("Hi Max, I'm Jana, an HR developer in Hamburg. Would you have time for a call?", None),
])
def test_xi402_is_silent_when_the_form_fits_or_the_facts_are_unknown(engine, note, other):
    other = dict(other or {})
    recipient = {**STRANGER, **other}
    recipient = {k: v for k, v in recipient.items() if v is not None}
    event = make_event("contact_request", "outgoing", platform="xing",
                       sender={"premium": True}, recipient=recipient, note=note)
    assert_silent(engine, event, "XI402")


def test_xi402_leaves_mixed_notes_to_kn111(engine):
    note = ("Hallo Herr Berger, ich bin Tischlerin in Kassel. Können Sie mir sagen, ob du "
            "noch Aufträge vergibst?")
    a = assert_silent(engine, _out(note), "XI402")
    assert "KN111" in {f.code for f in a.findings}


def test_xi402_applies_to_first_messages_but_not_to_replies(engine):
    text = "Hallo Max, ich bin Jana. Hast du Lust auf einen Austausch über Lernplattformen?"
    assert_fires(engine, _out(text, kind="message"), "XI402")
    reply = make_event("message", "outgoing", platform="xing", recipient=STRANGER,
                       text=text, in_reply_to="m-1")
    assert_silent(engine, reply, "XI402")


def test_xi402_can_follow_xings_du_culture_or_be_switched_off():
    sie = ("Guten Tag Herr Berger, ich bin Jana Owner aus Hamburg. Haben Sie Zeit für ein "
           "kurzes Gespräch?")
    du = "Hallo Max, ich bin Jana aus Hamburg. Hast du Zeit für ein kurzes Gespräch?"
    du_culture = make_engine({"platforms": {"xing": {"rules": {
        "XI402": {"expected_form": "du"}}}}})
    assert_fires(du_culture, _out(sie), "XI402")
    assert_silent(du_culture, _out(du), "XI402")
    off = make_engine({"platforms": {"xing": {"rules": {"XI402": {"enabled": False}}}}})
    assert_silent(off, _out(du), "XI402")


def test_xi402_does_not_run_on_other_platforms(engine):
    du = "Hallo Max, ich bin Jana aus Hamburg. Hast du Zeit für ein kurzes Gespräch?"
    assert_silent(engine, _out(du, platform="generic"), "XI402")


# --------------------------------------------------------------------------- XI403


def test_xi403_replaces_kn203_on_xing_and_counts_the_fact_once(engine):
    hidden = {"contacts_visible": False, "premium": True}
    note = ("Hallo Frau Owner, ich bin Vertriebscoach und möchte mich vernetzen.")
    on_xing = engine.evaluate(_in(note, sender=hidden))
    on_generic = engine.evaluate(_in(note, sender=hidden, platform="generic"))
    xing = {f.code for f in on_xing.findings}
    generic = {f.code for f in on_generic.findings}
    assert "XI403" in xing and "KN203" not in xing
    assert "KN203" in generic and "XI403" not in generic
    assert on_xing.score == on_generic.score  # same weight, counted once


def test_xi403_german_message_names_the_sender():
    a = assert_fires(make_engine({"locale": "de"}),
                     _in(None, sender={"name": "Max Beispiel", "contacts_visible": False}),
                     "XI403")
    msg = next(f for f in a.findings if f.code == "XI403").message
    assert msg.startswith("XING zeigt, dass Max Beispiel")


def test_xi403_is_silent_when_visibility_is_unknown_or_shared(engine):
    assert_silent(engine, _in(None), "XI403")
    assert_silent(engine, _in(None, sender={"contacts_visible": True}), "XI403")


def test_open_preset_users_switch_xi403_off_like_kn203():
    eng = make_engine({"extends": "open",
                       "platforms": {"xing": {"rules": {"XI403": {"enabled": False}}}}})
    assert_silent(eng, _in(None, sender={"contacts_visible": False}), "XI403")


def test_xing_replies_use_the_platforms_du_when_the_note_gives_no_form(engine):
    a = engine.evaluate(_in(None, sender={"premium": True, "name": "Max Beispiel"}))
    assert a.reply is not None and a.locale == "de" and a.reply.form == "du"
    assert "deine Anfrage" in a.reply.text
    # a "Sie" note sets the form of the conversation instead
    formal = ("Guten Tag Frau Owner, ich bin Controller in Hamburg und habe Ihren Vortrag "
              "bei der IHK gehört.")
    b = engine.evaluate(_in(formal, sender={"premium": True, "name": "Max Beispiel"}))
    assert b.reply is not None and b.reply.form == "sie"
