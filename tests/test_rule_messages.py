"""How the built-in rules word their messages: counts agree with their nouns, unknown
facts are left out rather than shown as "?", numbers and quotes follow the locale, and
quoted evidence is a readable phrase, in German and English."""

from __future__ import annotations

import pytest

from knigge_engine import Engine, policy_from_dict
from knigge_engine import say as _say
from knigge_engine.testing import assert_fires, make_event


@pytest.fixture(scope="module")
def engines():
    """One engine per message language (the built-in rules only)."""
    return {loc: Engine(policy_from_dict({"locale": loc}), entry_points=False, strict=True)
            for loc in ("de", "en")}


def message(engine, event, code):
    a = assert_fires(engine, event, code)
    return next(f for f in a.findings if f.code == code)


def out_request(note, **recipient):
    return make_event("contact_request", "outgoing", note=note,
                      sender={"name": "Jana Schröder", "premium": True},
                      recipient={"name": "Clara Roth", **recipient})


def in_request(note, **sender):
    return make_event("contact_request", "incoming", note=note,
                      sender={"name": "Nina Lorenz", **sender})


NOTE = ("Hallo Frau Roth, ich bin Gründerin eines Start-ups in Jena und habe Ihr "
        "Interview gelesen.")


@pytest.mark.parametrize("mutual,de,en", [
    (1, "(1 gemeinsamer Kontakt): Bitten Sie diesen Kontakt,", "(1 mutual contact): ask them"),
    (3, "(3 gemeinsame Kontakte): Bitten Sie einen davon,", "(3 mutual contacts): ask one of"),
    (None, "noch nicht kennen: Bitten Sie einen gemeinsamen Kontakt,", "not met: ask a mutual"),
])
def test_kn106_names_the_mutual_contacts_in_the_right_number(engines, mutual, de, en):
    event = out_request(NOTE, degree=2, prior_contact=False, mutual_contacts=mutual)
    for loc, expected in (("de", de), ("en", en)):
        f = message(engines[loc], event, "KN106")
        assert expected in f.message
        assert "?" not in f.message
        assert f.evidence["mutual"] == mutual


def test_kn107_says_the_degree_and_leaves_out_an_unknown_count(engines):
    known = out_request(None, degree=3, prior_contact=False, mutual_contacts=0)
    unknown = out_request(None, degree=3, prior_contact=False)
    assert "(Kontakt 3. Grades, keine gemeinsamen Kontakte)" in message(
        engines["de"], known, "KN107").message
    assert "(3rd-degree contact, no mutual contacts)" in message(
        engines["en"], known, "KN107").message
    assert "(Kontakt 3. Grades)" in message(engines["de"], unknown, "KN107").message
    assert "(3rd-degree contact)" in message(engines["en"], unknown, "KN107").message


def test_kn204_groups_digits_by_locale_and_keeps_the_number_as_data(engines):
    event = in_request(None, contact_count=12800, headline="Vertriebscoach")
    de = message(engines["de"], event, "KN204")
    en = message(engines["en"], event, "KN204")
    assert "12.800 Kontakte (mehr als 4.000)" in de.message
    assert "12,800 contacts (more than 4,000)" in en.message
    assert de.evidence["count"] == en.evidence["count"] == 12800


@pytest.mark.parametrize("mutual,de,en", [(1, "1 gemeinsamer Kontakt", "1 mutual contact;"),
                                          (2, "2 gemeinsame Kontakte", "2 mutual contacts;")])
def test_kn206_counts_and_quotes_whole_phrases(engines, mutual, de, en):
    event = in_request("Hi Jana, we met at the PyData meetup in Bremen and I'm a backend "
                       "developer there.", mutual_contacts=mutual)
    got_en = message(engines["en"], event, "KN206").message
    assert en in got_en
    # Overlapping shared-context fragments are quoted as one phrase, in English marks.
    assert "“we met at the PyData meetup" in got_en and "„" not in got_en
    assert got_en.count("“") == 1
    got_de = message(engines["de"], event, "KN206").message
    assert de in got_de and "„we met at the PyData meetup" in got_de


def test_kn206_praise_of_the_owners_work_is_no_shared_context(engines):
    # Seed 001/004: a shared context is something the two share; the recipient's own
    # article is a reason to write, not a shared context.
    event = in_request("Hi Jana, I read your article on event sourcing and I'm a backend "
                       "developer in Bremen.")
    assert not [f for f in engines["en"].evaluate(event).findings if f.code == "KN206"]


def test_kn201_states_the_fact_without_advice(engines):
    de = message(engines["de"], in_request(None), "KN201").message
    en = message(engines["en"], in_request(None), "KN201").message
    assert de == "Nina Lorenz hat die Anfrage ohne Notiz geschickt; der Anlass ist unbekannt."
    assert en == "Nina Lorenz sent the request without a note; the reason is unknown."


def test_kn202_names_the_fields_in_the_message_language(engines):
    event = in_request(None, headline="tba", company="k.A.")
    assert "(Berufsbezeichnung: „tba“, Firma: „k.A.“)" in message(
        engines["de"], event, "KN202").message
    assert "(headline: “tba”, company: “k.A.”)" in message(
        engines["en"], event, "KN202").message


def test_kn111_quotes_each_form_in_its_context(engines):
    far = ("Hallo Herr Nowak, ich bin Tischlerin in Kassel und habe Ihre Küche auf der "
           "Messe gesehen. Ich baue Einbauschränke aus Eiche. Hast du Interesse an einem "
           "Austausch?")
    got = message(engines["de"], out_request(far), "KN111").message
    # A few words either side of each marker, none from a neighbouring sentence.
    assert "„… in Kassel und habe Ihre Küche auf der Messe …“" in got
    assert "„Hast du Interesse an einem Austausch?“" in got
    assert "(„Sie“ und „du“)" not in got
    near = ("Hallo Herr Nowak, ich bin Tischlerin in Kassel. Können Sie mir sagen, ob du "
            "noch Aufträge vergibst?")
    got = message(engines["en"], out_request(near), "KN111").message
    assert "(“Können Sie mir sagen, ob du noch Aufträge vergibst?”)" in got


def test_kn102_no_longer_counts_words(engines):
    f = message(engines["en"], out_request("Hi Clara, I'd like to add you to my network."),
                "KN102")
    assert "words" not in f.message and "11" not in f.message
    assert f.evidence["words"] == 11


@pytest.mark.parametrize("n,de,en", [(0, "0 Tage", "0 days"), (1, "1 Tag", "1 day"),
                                     (14, "14 Tage", "14 days")])
def test_days_agree_with_their_count(n, de, en):
    assert _say.days(n, "de") == de and _say.days(n, "en") == en
    assert _say.days(n, "de", dative=True) == (de + "n" if n != 1 else de)


def test_merge_spans_joins_overlapping_and_adjacent_fragments():
    text = "I read your article, and we met at PyCon."
    spans = [("I read your", 0, 11), ("your article", 7, 19), ("we met at PyCon", 25, 40)]
    assert _say.merge_spans(spans, text) == ["I read your article", "we met at PyCon"]


def test_say_report_makes_what_attrs_evolve_makes_of_the_rules_own_finding(engines):
    # say.report builds its finding directly instead of through attrs.evolve: the result
    # must be the same finding, field for field, whatever fields Finding has.
    import attrs

    from knigge_engine import event_from_dict
    from knigge_engine.rules import RuleContext

    engine = engines["de"]
    event = event_from_dict(in_request(None, contact_count=12800, headline="Vertriebscoach"))
    entry = engine.plan.entry(event.platform, event.kind, event.direction, None)
    compiled = next(c for c in entry.rules if c.code == "KN204")
    ctx = RuleContext(event=event, spec=entry.spec, owner=None, locale="de", form=None,
                      text=None, history=None, now=event.at, premium=None)
    ctx.options, ctx.compiled = compiled.options, compiled
    got = _say.report(ctx, {"count": "12.800"}, name="Nina Lorenz", count=12800, limit=4000,
                      span=(0, 3))
    want = attrs.evolve(ctx.report(span=(0, 3), name="Nina Lorenz", count="12.800",
                                   limit=4000),
                        evidence={"name": "Nina Lorenz", "count": 12800, "limit": 4000})
    assert got == want and attrs.asdict(got) == attrs.asdict(want)
    assert "12.800" in got.message and got.evidence["count"] == 12800
