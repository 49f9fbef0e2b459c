"""The built-in KN rules on realistic German and English notes.

Each test names the rule and the situation; every rule is checked where it must fire,
where it must stay silent, that its message names the evidence, and that unknown facts
(None) are never evidence.
"""

from __future__ import annotations

import pytest

from knigge_engine import Action, Engine, Policy, hookimpl, policy_from_dict
from knigge_engine.testing import assert_fires, assert_silent, make_event


def out_request(note, **recipient):
    return make_event("contact_request", "outgoing", note=note,
                      sender={"name": "Jana Schröder", "premium": True},
                      recipient={"name": "Alex Example", **recipient})


def in_request(note, **sender):
    return make_event("contact_request", "incoming", note=note,
                      sender={"name": "Alex Example", **sender})


def codes(assessment):
    return {f.code for f in assessment.findings}


def finding(assessment, code):
    return next(f for f in assessment.findings if f.code == code)


GOOD_DE = ("Guten Tag Frau Berger, ich bin Projektleiterin bei den Stadtwerken Kiel und "
           "habe Ihren Vortrag zur Wärmewende auf der Messe in Husum gehört. Gern teile "
           "ich unsere Erfahrungen mit Wärmepumpen. Viele Grüße, Jana Schröder")
GOOD_EN = ("Hi Tom, I'm a data engineer at a Leeds retailer. I enjoyed your talk on "
           "streaming pipelines at PyCon UK and I'm happy to share our Kafka benchmarks "
           "if useful. Best, Jana")


@pytest.mark.parametrize("note", [GOOD_DE, GOOD_EN])
def test_a_well_written_note_passes_every_coach_rule(core_engine, note):
    a = core_engine.evaluate(out_request(note, degree=2, prior_contact=True))
    assert codes(a) == set(), a.findings
    assert a.action is Action.SEND


# --------------------------------------------------------------------------- KN101


def test_kn101_missing_note_fires_for_null_note(core_engine):
    a = assert_fires(core_engine, out_request(None), "KN101")
    assert a.action is Action.REVISE


def test_kn101_missing_note_names_the_blank_note(core_engine):
    a = assert_fires(core_engine, out_request(" \n\t "), "KN101")
    assert "4" in finding(a, "KN101").message


def test_kn101_blank_note_is_not_also_judged_by_text_rules(core_engine):
    a = core_engine.evaluate(out_request(""))
    assert codes(a) == {"KN101"}


def test_kn101_missing_note_is_silent_for_incoming_requests(core_engine):
    assert_silent(core_engine, in_request(None), "KN101")


# --------------------------------------------------------------------------- KN102


@pytest.mark.parametrize("note", [
    "Hallo Herr Vogt, ich bin Steuerberater in Kassel und würde Sie gern zu meinen "
    "Kontakten hinzufügen. Viele Grüße",
    "Hi Sam, I'm a recruiter at Acme. I'd like to add you to my professional network.",
    "Liebe Frau Yilmaz, ich bin Coach. Lassen Sie uns vernetzen!",
])
def test_kn102_no_stated_reason_fires_for_generic_notes(core_engine, note):
    a = assert_fires(core_engine, out_request(note), "KN102")
    words = len(note.split())
    # The message names what is missing (the reason), not the length.
    message = finding(a, "KN102").message
    assert "warum Sie gerade diese Person" in message or "why you are contacting" in message
    assert str(finding(a, "KN102").evidence["words"]) not in message
    assert abs(finding(a, "KN102").evidence["words"] - words) <= 3


@pytest.mark.parametrize("note", [
    "Hallo Herr Vogt, wir haben uns auf dem Steuerberatertag in Kassel kennengelernt.",
    "Hallo Herr Vogt, Ihr Beitrag zur Grundsteuerreform hat mir sehr geholfen.",
    "Hi Sam, we met at the DevOps meetup in Leeds last Thursday.",
    "Hi Sam, I'm writing because I read your post on incident reviews.",
    "Hallo Sam, wir sind beide in der Gruppe Agile Coaches Rhein-Main aktiv.",
])
def test_kn102_is_silent_when_the_note_gives_a_reason(core_engine, note):
    assert_silent(core_engine, out_request(note), "KN102")


# --------------------------------------------------------------------------- KN103


@pytest.mark.parametrize("note", [
    "Hallo Frau Lindner, Ihr Artikel über Lieferketten hat mir gefallen.",
    "Hi Priya, your article on supply chains was great. Let's connect!",
])
def test_kn103_no_self_introduction_fires(core_engine, note):
    assert_fires(core_engine, out_request(note), "KN103")


@pytest.mark.parametrize("note", [
    "Hallo Frau Lindner, mein Name ist Jana Schröder, ich leite den Einkauf bei Elbfracht.",
    "Hallo Frau Lindner, ich arbeite als Einkäuferin bei einem Maschinenbauer.",
    "Hi Priya, my name is Jana and I run procurement at a freight start-up.",
    "Hi Priya, I work at a freight start-up in Hamburg.",
])
def test_kn103_is_silent_when_the_sender_introduces_themselves(core_engine, note):
    assert_silent(core_engine, out_request(note), "KN103")


# --------------------------------------------------------------------------- KN104


def _words(n, lang="de"):
    filler = ("Wir sprechen über Logistik und Nachhaltigkeit " if lang == "de"
              else "We talk about logistics and sustainability ")
    words = ("Hallo Frau Berger, ich bin Jana. " + filler * 40).split()
    return " ".join(words[:n])


def test_kn104_note_too_long_fires_above_80_words(core_engine):
    a = assert_fires(core_engine, out_request(_words(81)), "KN104")
    assert finding(a, "KN104").evidence == {"words": 81, "limit": 80}
    assert "81" in finding(a, "KN104").message and "80" in finding(a, "KN104").message


def test_kn104_note_too_long_is_silent_at_80_words(core_engine):
    assert_silent(core_engine, out_request(_words(80)), "KN104")


def test_kn104_note_too_long_fires_for_executive_over_50_words(core_engine):
    a = assert_fires(core_engine, out_request(_words(51, "en"), seniority="executive"), "KN104")
    assert finding(a, "KN104").evidence["limit"] == 50


def test_kn104_executive_limit_does_not_apply_to_unknown_seniority(core_engine):
    assert_silent(core_engine, out_request(_words(60)), "KN104")


def test_kn104_limits_are_policy_options():
    engine = Engine(policy_from_dict({"rules": {"note-too-long": {"max_words": 20}}}),
                    entry_points=False)
    a = assert_fires(engine, out_request(_words(21)), "KN104")
    assert finding(a, "KN104").evidence["limit"] == 20


# --------------------------------------------------------------------------- KN105


@pytest.mark.parametrize("note,quoted", [
    ("Sehr geehrter Herr Müller, mit unseren 7 supergeheimen Tipps steigern Sie Ihren "
     "Umsatz. Jetzt kostenloses Erstgespräch sichern!", "7 supergeheimen Tipps"),
    ("Hi Dana, I'm the founder of LeadRocket. Book a demo and get 30% off our product.",
     "Book a demo"),
    ("Hallo Frau Kaya, ich bin Vertriebscoach. Unser exklusives Angebot: 20 % Rabatt auf "
     "mein Akquise-Seminar.", "Rabatt"),
])
def test_kn105_sales_pitch_fires_and_quotes_the_phrase(core_engine, note, quoted):
    a = assert_fires(core_engine, out_request(note), "KN105")
    f = finding(a, "KN105")
    assert quoted in f.message
    start, end = f.span
    assert note[start:end] in f.message


@pytest.mark.parametrize("note", [
    GOOD_DE,
    "Hallo Herr Kaya, ich bin Berater in Leipzig und habe Ihren Beitrag zum Angebotswesen "
    "im Handwerk gelesen.",
])
def test_kn105_is_silent_for_a_personal_note(core_engine, note):
    assert_silent(core_engine, out_request(note), "KN105")


def test_kn105_phrases_are_a_policy_option():
    engine = Engine(policy_from_dict({"rules": {"KN105": {"phrases": ["webinar-gutschein"]}}}),
                    entry_points=False)
    assert_fires(engine, out_request("Hallo, hier ist Ihr Webinar-Gutschein!"), "KN105")
    # The default list is replaced, not extended.
    assert_silent(engine, out_request("Hallo, book a demo today!"), "KN105")


# --------------------------------------------------------------------------- KN106


def test_kn106_cold_second_degree_proposes_an_introduction(core_engine):
    a = assert_fires(core_engine, out_request(GOOD_DE, degree=2, prior_contact=False,
                                              mutual_contacts=3, name="Clara Roth"), "KN106")
    assert a.action is Action.ASK_FOR_INTRODUCTION
    assert "Clara Roth" in finding(a, "KN106").message
    assert a.reply is not None and "Clara Roth" in a.reply.text
    assert a.reply.key == "introduction_request"


@pytest.mark.parametrize("facts", [
    {"degree": 2, "prior_contact": True},
    {"degree": 2},  # prior contact unknown: no evidence
    {"degree": 1, "prior_contact": False},
    {"degree": None, "prior_contact": False},
])
def test_kn106_is_silent_without_evidence_of_a_cold_second_degree(core_engine, facts):
    assert_silent(core_engine, out_request(GOOD_DE, **facts), "KN106")


# --------------------------------------------------------------------------- KN107


def test_kn107_stranger_request_fires_without_shared_context(core_engine):
    a = assert_fires(core_engine, out_request(None, degree=3, prior_contact=False,
                                              mutual_contacts=0, name="Ole Jensen"), "KN107")
    assert "Ole Jensen" in finding(a, "KN107").message


@pytest.mark.parametrize("facts,note", [
    ({"degree": 3, "prior_contact": False, "mutual_contacts": 0},
     "Hi Ole, we met at the Nordic Fintech Week in Copenhagen."),
    ({"degree": 3, "prior_contact": False, "mutual_contacts": 2}, None),
    ({"degree": 3, "prior_contact": None, "mutual_contacts": 0}, None),
    ({"degree": None, "prior_contact": False}, None),
])
def test_kn107_is_silent_with_shared_context_or_unknown_facts(core_engine, facts, note):
    assert_silent(core_engine, out_request(note, **facts), "KN107")


def test_kn107_met_at_context_counts_as_shared_context(core_engine):
    event = out_request(None, degree=3, prior_contact=False, mutual_contacts=0)
    event["context"] = {"met_at": "Barcamp Stuttgart"}
    assert_silent(core_engine, event, "KN107")


# --------------------------------------------------------------------------- KN108


@pytest.mark.parametrize("note", [
    "Hallo Herr Brandt, ich bin Entwickler in Bremen. Könnten Sie mich für eine Stelle "
    "in Ihrem Team empfehlen?",
    "Hi Maria, I'm a data engineer in Berlin. Could you introduce me to your CTO?",
    "Hi Maria, I'm a designer. Would you have 15 minutes for a quick call next week?",
])
def test_kn108_takes_without_giving_fires_for_asks_without_offers(core_engine, note):
    a = assert_fires(core_engine, out_request(note), "KN108")
    f = finding(a, "KN108")
    start, end = f.span
    assert note[start:end] in f.message


@pytest.mark.parametrize("note", [
    "Hallo Herr Brandt, ich bin Entwickler in Bremen. Gerne helfe ich beim Testen Ihrer "
    "App. Hätten Sie Zeit für ein kurzes Gespräch?",
    "Hi Maria, I'm a data engineer. Happy to share our migration notes. Could we talk?",
    GOOD_DE,
])
def test_kn108_is_silent_when_the_note_offers_something(core_engine, note):
    assert_silent(core_engine, out_request(note), "KN108")


# --------------------------------------------------------------------------- KN109


@pytest.mark.parametrize("note", [
    "Ich bin Steuerberaterin in Graz und lese Ihre Beiträge gern.",
    "Saw your post on Kubernetes costs; I run platform teams at a bank.",
])
def test_kn109_missing_greeting_fires(core_engine, note):
    a = assert_fires(core_engine, out_request(note), "KN109")
    assert note.split()[0] in finding(a, "KN109").message


@pytest.mark.parametrize("note", [
    "Hallo Frau Huber, ich bin Steuerberaterin.",
    "Guten Tag Herr Dr. Weiß, ich bin Steuerberaterin.",
    "Sehr geehrte Frau Huber, ich bin Steuerberaterin.",
    "Moin Jens, ich bin Steuerberaterin.",
    "Dear Ms Huber, I am a tax adviser.",
    "Hello Tom, I run platform teams at a bank.",
])
def test_kn109_is_silent_with_a_greeting(core_engine, note):
    assert_silent(core_engine, out_request(note), "KN109")


# --------------------------------------------------------------------------- KN111


def test_kn111_mixed_address_fires_and_names_both_forms(core_engine):
    note = ("Hallo Herr Nowak, ich bin Tischlerin in Kassel. Können Sie mir sagen, ob du "
            "noch Aufträge vergibst?")
    a = assert_fires(core_engine, out_request(note), "KN111")
    msg = finding(a, "KN111").message
    assert "Sie" in msg and "du" in msg


@pytest.mark.parametrize("note", [
    "Hallo Herr Nowak, ich bin Tischlerin. Können Sie mir sagen, ob Sie Aufträge vergeben?",
    "Hallo Piotr, ich bin Tischlerin. Kannst du mir sagen, ob du Aufträge vergibst?",
    "Hallo Herr Nowak, ich bin Tischlerin. Sie hat mir Ihren Namen genannt.",
    GOOD_EN,
])
def test_kn111_is_silent_for_consistent_address(core_engine, note):
    assert_silent(core_engine, out_request(note), "KN111")


def test_kn111_form_option_flags_du_where_sie_is_expected():
    engine = Engine(policy_from_dict({"rules": {"mixed-address": {"form": "sie"}}}),
                    entry_points=False)
    a = assert_fires(engine, out_request("Hallo Lena, ich bin Grafikerin und mag deine "
                                         "Illustrationen."), "KN111")
    assert "Du" in finding(a, "KN111").message


# --------------------------------------------------------------------------- KN201


def test_kn201_incoming_without_note_asks_the_reason(core_engine):
    a = assert_fires(core_engine, in_request(None, name="Tobias Keller"), "KN201")
    assert a.action is Action.ACCEPT_AND_ASK
    assert a.reply is not None and a.reply.key == "accept_and_ask"
    # English greets by first name.
    assert a.reply.text.startswith("Hi Tobias,\n")


def test_kn201_is_silent_for_outgoing_and_for_a_real_note(core_engine):
    assert_silent(core_engine, out_request(None), "KN201")
    assert_silent(core_engine, in_request("Hallo Jana, wir kennen uns vom Barcamp."), "KN201")


# --------------------------------------------------------------------------- KN202


@pytest.mark.parametrize("headline,company", [("tba", "tba"), ("  N/A ", None),
                                              ("Berater", "-"), ("", "Acme")])
def test_kn202_opaque_profile_fires_for_placeholders(core_engine, headline, company):
    a = assert_fires(core_engine, in_request(None, headline=headline, company=company),
                     "KN202")
    message = finding(a, "KN202").message
    # The placeholder is quoted with the message's own marks (English here: “…”).
    assert "headline" in message or "company" in message
    assert "“" in message and "„" not in message


@pytest.mark.parametrize("headline,company", [(None, None), ("Controller", None),
                                              ("Key Account Manager", "Elbe Logistik")])
def test_kn202_is_silent_for_unknown_or_real_profiles(core_engine, headline, company):
    assert_silent(core_engine, in_request(None, headline=headline, company=company), "KN202")


# --------------------------------------------------------------------------- KN203


def test_kn203_hidden_contacts_fires_only_on_known_false(core_engine):
    assert_fires(core_engine, in_request(None, contacts_visible=False), "KN203")
    assert_silent(core_engine, in_request(None, contacts_visible=True), "KN203")
    assert_silent(core_engine, in_request(None), "KN203")


# --------------------------------------------------------------------------- KN204


def test_kn204_contact_collector_fires_above_4000(core_engine):
    a = assert_fires(core_engine, in_request(None, contact_count=4001,
                                             headline="Vertriebscoach"), "KN204")
    # English groups digits with a comma.
    assert "4,001 contacts (more than 4,000)" in finding(a, "KN204").message
    assert finding(a, "KN204").evidence["count"] == 4001


@pytest.mark.parametrize("facts", [
    {"contact_count": 4000},
    {"contact_count": 9000, "recruiter": True},
    {"contact_count": 9000, "headline": "Senior Recruiter IT"},
    {"contact_count": 9000, "headline": "Personalberaterin für Ingenieure"},
    {"contact_count": None},
])
def test_kn204_is_silent_for_recruiters_small_or_unknown_networks(core_engine, facts):
    assert_silent(core_engine, in_request(None, **facts), "KN204")


def test_kn204_explicit_non_recruiter_beats_headline(core_engine):
    assert_fires(core_engine, in_request(None, contact_count=9000, recruiter=False,
                                         headline="Recruiter (früher)"), "KN204")


# --------------------------------------------------------------------------- KN205


@pytest.mark.parametrize("facts,word", [
    ({"name": "K.", "has_photo": True}, "name"),
    ({"name": "  ", "has_photo": True}, "name"),
    ({"name": "Mitglied", "has_photo": True}, "name"),
    ({"name": "Karin Vogel", "has_photo": False}, "photo"),
])
def test_kn205_anonymous_sender_fires(core_engine, facts, word):
    a = assert_fires(core_engine, in_request(None, **facts), "KN205")
    assert word in finding(a, "KN205").message


@pytest.mark.parametrize("facts", [
    {"name": "Karin Vogel", "has_photo": True},
    {"name": "Karin Vogel"},
    {"name": None, "has_photo": None},
    {"name": "Ö. Yıldız", "has_photo": True},
])
def test_kn205_is_silent_for_real_names_or_unknown_facts(core_engine, facts):
    assert_silent(core_engine, in_request(None, **facts), "KN205")


# --------------------------------------------------------------------------- KN206


def test_kn206_shared_context_lowers_the_score(core_engine):
    plain = core_engine.evaluate(in_request(None))
    shared = core_engine.evaluate(in_request(None, mutual_contacts=4))
    assert shared.score == plain.score - 1.5
    assert "4" in finding(shared, "KN206").message


def test_kn206_uses_the_owners_groups_from_the_policy():
    engine = Engine(policy_from_dict({"owner": {"id": "me", "groups": ["Agile Rhein-Main"]}}),
                    entry_points=False)
    a = assert_fires(engine, in_request(None, groups=["Agile Rhein-Main", "Golf"]), "KN206")
    assert "Agile Rhein-Main" in finding(a, "KN206").message
    assert_silent(engine, in_request(None, groups=["Golf"]), "KN206")


# --------------------------------------------------------------------------- KN207


def test_kn207_incoming_sales_pitch_leads_to_decline_with_other_signals(core_engine):
    a = assert_fires(core_engine, in_request(
        "Hallo! Ich zeige Ihnen 5 geheime Tipps für mehr Umsatz. Jetzt kostenloses "
        "Erstgespräch buchen!", contact_count=9000), "KN207")
    assert a.action is Action.DECLINE
    assert a.reply is not None and a.reply.key == "decline"


def test_kn207_is_silent_for_replies_in_a_thread(core_engine):
    event = make_event("message", "incoming", text="Here is the discount code you asked for.",
                       in_reply_to="m-1", sender={"name": "Dana"})
    assert_silent(core_engine, event, "KN207")


# --------------------------------------------------------------------------- presets


def test_selective_preset_declines_what_default_asks_about():
    event = in_request(None, headline="tba", contacts_visible=False)
    default = Engine(policy_from_dict({"extends": "default"}), entry_points=False)
    selective = Engine(policy_from_dict({"extends": "selective"}), entry_points=False)
    assert default.evaluate(event).action is Action.ASK_FIRST
    assert selective.evaluate(event).action is Action.DECLINE


def test_open_preset_accepts_an_anonymous_request_and_asks():
    event = in_request(None, name="K.", has_photo=False, contacts_visible=False)
    open_ = Engine(policy_from_dict({"extends": "open"}), entry_points=False)
    a = open_.evaluate(event)
    assert a.action is Action.ACCEPT_AND_ASK
    assert "KN203" not in codes(a)


def test_default_policy_object_equals_default_preset_thresholds():
    assert Policy().thresholds == policy_from_dict({"extends": "default"}).thresholds


def test_a_new_chat_with_a_known_contact_is_not_coached(core_engine):
    text = "Saw this and thought of you: the Hamburg logistics meetup is on Thursday."
    stranger = make_event("message", "outgoing", text=text, recipient={"degree": 3})
    friend = make_event("message", "outgoing", text=text, recipient={"degree": 1})
    assert {"KN102", "KN109"} <= codes(core_engine.evaluate(stranger))
    assert not {"KN102", "KN103", "KN109"} & codes(core_engine.evaluate(friend))


def test_kn104_executive_limit_is_inclusive(core_engine):
    assert_silent(core_engine, out_request(_words(50, "en"), seniority="executive"), "KN104")


@pytest.mark.parametrize("note,chars", [("", 0), ("   ", 3)])
def test_kn101_empty_note_gets_the_blank_message(core_engine, note, chars):
    a = assert_fires(core_engine, out_request(note), "KN101")
    f = finding(a, "KN101")
    assert f.evidence == {"chars": chars}
    assert "empty" in f.message or "leer" in f.message


def test_a_message_in_a_thread_without_history_is_not_coached(core_engine):
    reply = make_event("message", "outgoing", thread="t-1",
                       text="Gern, bis bald. Können Sie mir die Folien schicken?")
    assert codes(core_engine.evaluate(reply)) == set()


def test_a_thread_message_is_coached_only_when_history_shows_no_earlier_exchange():
    from knigge_engine import InMemoryHistory

    engine = Engine(Policy(), entry_points=False)
    text = "Können Sie mir die Folien schicken?"
    first = make_event("message", "outgoing", id="m-2", thread="t-1", text=text,
                       at="2026-11-03T10:00:00+01:00")
    empty = InMemoryHistory()
    assert "KN109" in codes(engine.evaluate(first, history=empty))
    earlier = make_event("message", "incoming", id="m-1", thread="t-1",
                         text="Hallo Jana, schön, dass wir gesprochen haben.",
                         at="2026-11-02T10:00:00+01:00")
    talked = InMemoryHistory()
    talked.record([earlier])
    assert codes(engine.evaluate(first, history=talked)) == set()


def test_kn206_gives_no_bonus_to_a_flattering_pitch(core_engine):
    pitch = in_request("Hi Jana, I read your article and our product will boost your "
                       "sales. Book a demo today!")
    a = core_engine.evaluate(pitch)
    assert "KN207" in codes(a) and "KN206" not in codes(a)


def test_messages_name_a_message_a_message(core_engine):
    text = "Ich bin Jana. Könnten Sie mir einen Job geben?"
    message = core_engine.evaluate(make_event("message", "outgoing", text=text))
    request = core_engine.evaluate(make_event("contact_request", "outgoing", note=text))
    assert "Die Nachricht bittet" in finding(message, "KN108").message
    assert "Die Notiz bittet" in finding(request, "KN108").message
    assert "subject" not in (finding(message, "KN108").evidence or {})


def test_a_new_chat_with_someone_met_before_is_not_coached(core_engine):
    text = "Saw this and thought of you: the Hamburg logistics meetup is on Thursday."
    stranger = make_event("message", "outgoing", text=text, recipient={"degree": 2})
    met = make_event("message", "outgoing", text=text,
                     recipient={"degree": 2, "prior_contact": True})
    assert {"KN102", "KN109"} <= codes(core_engine.evaluate(stranger))
    assert not {"KN102", "KN103", "KN109"} & codes(core_engine.evaluate(met))


def test_plugins_add_sales_phrases_through_a_hook():
    """The engine takes sales phrases from ``knigge_sales_phrases`` (the built-in plugin
    gives KN105's option), not from a rule it knows by code."""

    class TradeFair:
        @hookimpl
        def knigge_sales_phrases(self, plan):
            return ["besuchen Sie uns am Stand"]

    class Broken:
        @hookimpl
        def knigge_sales_phrases(self, plan):
            return "not a list"

    note = out_request("Hallo Frau Berger, besuchen Sie uns am Stand 4 in Halle 2!")
    assert_silent(Engine(entry_points=False), note, "KN105")
    engine = Engine(plugins=[TradeFair(), Broken()], entry_points=False)
    assert_fires(engine, note, "KN105")
    # The built-in list still counts beside the plugin's.
    assert_fires(engine, out_request("Hallo, book a demo today!"), "KN105")
    assert [p.hook for p in engine.problems] == ["knigge_sales_phrases"]
