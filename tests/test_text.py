"""Tests for knigge_engine.text: the shared analysis of notes and messages.

The notes are realistic German and English contact-request notes; every field is checked
for positive and negative cases, and every reported piece of evidence must slice the
original text to exactly the reported string.
"""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knigge_engine.text import (
    ANALYSIS_LIMIT,
    DEFAULT_SALES_PHRASES,
    EMPTY,
    OTHER_STOPWORDS,
    TextAnalyser,
    TextAnalysis,
    analyse,
)

EVIDENCE_FIELDS = ("greeting", "self_introduction")
EVIDENCE_TUPLE_FIELDS = (
    "sie_markers",
    "du_markers",
    "reasons",
    "asks",
    "offers",
    "sales_phrases",
)


def all_evidence(result: TextAnalysis) -> list[tuple[str, int, int]]:
    found = [getattr(result, f) for f in EVIDENCE_FIELDS]
    found = [e for e in found if e is not None]
    for field in EVIDENCE_TUPLE_FIELDS:
        found.extend(getattr(result, field))
    return found


def assert_offsets(text: str, result: TextAnalysis) -> None:
    for matched, start, end in all_evidence(result):
        assert 0 <= start < end <= len(text), (matched, start, end)
        assert text[start:end] == matched, (matched, start, end)


def texts(evidence: tuple[tuple[str, int, int], ...]) -> list[str]:
    return [e[0] for e in evidence]


def lowered(evidence: tuple[tuple[str, int, int], ...]) -> list[str]:
    return [e[0].lower() for e in evidence]


# --------------------------------------------------------------------------------------
# Realistic notes
# --------------------------------------------------------------------------------------

DE_EVENT = (
    "Hallo Frau Schneider, wir haben uns letzte Woche auf der IHK-Veranstaltung in Hamburg "
    "kennengelernt. Ich bin Datenanalyst bei der Nordbank und beschäftige mich mit "
    "Risikomodellen. Ihr Vortrag über Kreditrisiken hat mich sehr interessiert. Gerne würde "
    "ich mich mit Ihnen vernetzen. Viele Grüße, Jan Petersen"
)
DE_SALES = (
    "Sehr geehrter Herr Müller, mit unseren 7 geheimen Tipps steigern Sie Ihren Umsatz in "
    "nur 30 Tagen! Sichern Sie sich jetzt ein kostenloses Erstgespräch – unser Angebot gilt "
    "nur für kurze Zeit."
)
DE_DU_GROUP = (
    "Hey Lena, ich hab gesehen, dass du auch in der XING-Gruppe „Agile Coaches Berlin“ aktiv "
    "bist. Ich bin Scrum Master bei einem Start-up in Kreuzberg. Lass uns doch mal auf einen "
    "Kaffee gehen, wenn du Lust hast! LG Max"
)
DE_MIXED = (
    "Hallo Peter, können Sie mir sagen, wann das nächste Meetup stattfindet? Du weißt ja, "
    "ich war letztes Mal nicht dabei."
)
DE_JOB_NO_GREETING = (
    "Ich suche eine neue Stelle im Controlling und würde mich freuen, wenn Sie mir Kontakte "
    "in Ihrem Unternehmen vermitteln könnten."
)
DE_OFFER = (
    "Guten Tag Herr Dr. Weber, gerne stelle ich Ihnen die Ergebnisse aus unserem "
    "Forschungsprojekt vor. Falls ich Ihnen bei Ihrer Studie helfen kann, melden Sie sich "
    "gern. Mein Name ist Julia Brandt, ich leite das Labor für Materialprüfung an der TU "
    "Dresden."
)
DE_SHE = "Meine Kollegin Anna kommt auch. Sie leitet bei uns das Marketing."
DE_RECOMMENDED = (
    "Moin Jens, Katrin Vogel hat mir empfohlen, mich bei dir zu melden. Ich arbeite als "
    "UX-Designerin bei Otto und würde gern mehr über euer Designsystem erfahren."
)
DE_GRUESS_GOTT = (
    "Grüß Gott Herr Huber, da ich ab Herbst in München ein Team für Cloud-Infrastruktur "
    "aufbaue, interessiere ich mich sehr für Ihre Erfahrungen mit Kubernetes. Hätten Sie "
    "Zeit für ein kurzes Telefonat?"
)
DE_TRANSLIT = (
    "Hallo Herr Koehler, vielen Dank fuer Ihren Beitrag zur Energiewende. Waere ein kurzes "
    "Gespraech moeglich? Ich bin Berater fuer Photovoltaik."
)
DE_CLOSING_ONLY = "Danke für die Einladung! Liebe Grüße, Sabine"
DE_LIEBE = (
    "Liebe Frau Özdemir, Ihr Artikel über Diversity im Mittelstand hat mich beeindruckt. "
    "Ich bin Gründerin einer Personalberatung in Köln."
)
DE_ICH_LIEBE = "Ich liebe Ihre Fotos vom Barcamp! Ich bin gespannt auf die nächsten."
DE_SERVUS = (
    "Servus Markus, hättest du nächste Woche 15 Minuten für einen Austausch zum Thema "
    "Recruiting? Ich bin selbst seit fünf Jahren Personalberaterin."
)
DE_WEBINAR = (
    "Hallo, wir laden Sie herzlich zu unserem Webinar ein: In 60 Minuten zeigen wir, wie "
    "Sie mit unserer Software mehr Umsatz machen. Jetzt kostenlos testen!"
)
DE_DAMEN_HERREN = (
    "Sehr geehrte Damen und Herren, gerne teile ich Ihnen unsere Marktstudie mit, "
    "kostenfrei und ohne Verpflichtung."
)
DE_IHNEN_FIRST = "Ihnen ist sicher aufgefallen, dass wir beide in der Gruppe Data Science sind."
DE_CHAT = "hi, kannst du mich mal deinem chef vorstellen? wäre super"
DE_PLAIN = "Hallo, ich möchte mich gerne mit Ihnen vernetzen. Viele Grüße"

EN_TALK = (
    "Hi Tom, I enjoyed your talk at PyCon DE about async testing. I'm a backend developer at "
    "Zalando and we're facing similar issues. Would you be open to a quick call? Happy to "
    "share our benchmarks in return. Best, Anna"
)
EN_SALES = (
    "Dear Mr. Smith, our product helps agencies like yours boost your sales by 300%. Book a "
    "demo today and get 5 secret tips for lead generation – limited offer!"
)
EN_JOB_NO_GREETING = (
    "Looking for a job in data science. Could you refer me to the hiring manager at your company?"
)
EN_MET = (
    "Hello Maria, we met at the AWS Summit in Berlin last month. I lead the platform team at "
    "Delivery Hero. Let me know if you'd like to compare notes sometime."
)
EN_MUTUAL = (
    "Good morning Priya, James Carter suggested I reach out – we have several mutual "
    "connections in fintech. My name is Ole and I run a small payments startup in Oslo."
)
EN_REACHING_OUT = "Hi, I'm reaching out because I'm interested in your work on graph databases."
EN_INTRODUCE = (
    "Greetings from Toronto! I noticed you are building a React team. I can introduce you to "
    "two strong candidates from my network if that helps."
)
EN_FEEDBACK = (
    "Hey Sam, could you give me some feedback on my portfolio? I'm a junior designer based in "
    "Leeds."
)
EN_MY_DEAR = "Thanks for accepting, my dear colleague."
EN_GROUP = (
    "Good afternoon Dr. Lee, I saw your comment in the Python Data Science group and found "
    "it very helpful. I'm a PhD student at ETH Zurich working on similar models."
)
EN_WRITING = "I am writing to ask whether you would consider me for the open position."
EN_HELP = "Hello Ken, happy to help with your migration if needed. What can I do for you?"
EN_MEETING = "Hi Julia, it was great meeting you at the conference yesterday! Let's stay in touch."
EN_BUY = "Hi there, can you buy our services for your team? Special offer this week only."
EN_ADVICE = (
    "Dear Ms. Brown, since I am moving into product management, I would value your advice "
    "on the transition. I have been working as a QA engineer at SAP for six years."
)
EN_PLAIN = "I'd like to add you to my professional network on LinkedIn."

GERMAN_NOTES = [
    DE_EVENT,
    DE_SALES,
    DE_DU_GROUP,
    DE_MIXED,
    DE_JOB_NO_GREETING,
    DE_OFFER,
    DE_SHE,
    DE_RECOMMENDED,
    DE_GRUESS_GOTT,
    DE_TRANSLIT,
    DE_CLOSING_ONLY,
    DE_LIEBE,
    DE_ICH_LIEBE,
    DE_SERVUS,
    DE_WEBINAR,
    DE_DAMEN_HERREN,
    DE_IHNEN_FIRST,
    DE_CHAT,
    DE_PLAIN,
]
ENGLISH_NOTES = [
    EN_TALK,
    EN_SALES,
    EN_JOB_NO_GREETING,
    EN_MET,
    EN_MUTUAL,
    EN_REACHING_OUT,
    EN_INTRODUCE,
    EN_FEEDBACK,
    EN_MY_DEAR,
    EN_GROUP,
    EN_WRITING,
    EN_HELP,
    EN_MEETING,
    EN_BUY,
    EN_ADVICE,
    EN_PLAIN,
]


@pytest.mark.parametrize("note", GERMAN_NOTES + ENGLISH_NOTES)
def test_every_note_has_valid_offsets_and_counts(note: str) -> None:
    result = analyse(note)
    assert result.chars == len(note)
    assert result.words == len(re.findall(r"\w+", note))
    assert result.blank is False
    assert_offsets(note, result)


@pytest.mark.parametrize("note", [n for n in GERMAN_NOTES if n not in (DE_CLOSING_ONLY,)])
def test_german_notes_are_german(note: str) -> None:
    assert analyse(note).language == "de"


@pytest.mark.parametrize("note", ENGLISH_NOTES)
def test_english_notes_are_english(note: str) -> None:
    result = analyse(note)
    assert result.language == "en"
    assert result.address_form is None


# --------------------------------------------------------------------------------------
# chars / words / blank
# --------------------------------------------------------------------------------------


def test_empty_string_is_the_empty_constant() -> None:
    assert analyse("") is EMPTY
    assert TextAnalysis(chars=0, words=0, blank=True) == EMPTY
    assert EMPTY.language is None and EMPTY.greeting is None
    assert all_evidence(EMPTY) == []


@pytest.mark.parametrize("blank", [" ", "   \n\t  ", "\u00a0\u2003", "\r\n"])
def test_whitespace_only_is_blank(blank: str) -> None:
    result = analyse(blank)
    assert result.blank is True
    assert result.chars == len(blank)
    assert result.words == 0
    assert all_evidence(result) == []


def test_word_count_follows_word_runs() -> None:
    assert analyse("Grüße").words == 1
    assert analyse("E-Mail").words == 2
    assert analyse("Viele Grüße, Ihr Jan!").words == 4
    assert analyse("Straße 12, 20095 Hamburg").words == 4
    assert analyse("😀 🎉 👍").words == 0
    assert analyse("don't").words == 2


def test_emoji_only_is_not_blank_but_has_no_words() -> None:
    result = analyse("😀🎉👍")
    assert result.blank is False
    assert result.words == 0
    assert result.language is None
    assert all_evidence(result) == []


# --------------------------------------------------------------------------------------
# language
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Hi!", "ok", "Tom", "👍", "Hallo", "Moin!"])
def test_language_undecidable_on_little_signal(text: str) -> None:
    assert analyse(text).language is None


def test_language_tie_is_undecidable() -> None:
    assert analyse("ich the").language is None
    assert analyse("und and und and").language is None


def test_language_counts_stop_words_next_to_punctuation() -> None:
    assert analyse("Danke, und bis bald!").language == "de"
    assert analyse("Thanks, and see you!").language == "en"


# --------------------------------------------------------------------------------------
# greeting
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "greeting"),
    [
        (DE_EVENT, "Hallo"),
        (DE_SALES, "Sehr geehrter"),
        (DE_DU_GROUP, "Hey"),
        (DE_OFFER, "Guten Tag"),
        (DE_RECOMMENDED, "Moin"),
        (DE_GRUESS_GOTT, "Grüß Gott"),
        (DE_LIEBE, "Liebe"),
        (DE_SERVUS, "Servus"),
        (DE_DAMEN_HERREN, "Sehr geehrte"),
        (DE_CHAT, "hi"),
        (EN_TALK, "Hi"),
        (EN_SALES, "Dear"),
        (EN_MET, "Hello"),
        (EN_MUTUAL, "Good morning"),
        (EN_INTRODUCE, "Greetings"),
        (EN_FEEDBACK, "Hey"),
        (EN_GROUP, "Good afternoon"),
        (EN_ADVICE, "Dear"),
        ("Frau Dr. Schneider, guten Tag!", "guten Tag"),
        ("Gruess Gott, Herr Maier", "Gruess Gott"),
        ("GUTEN MORGEN Herr Maier", "GUTEN MORGEN"),
    ],
)
def test_greeting_found(note: str, greeting: str) -> None:
    result = analyse(note)
    assert result.greeting is not None
    assert result.greeting[0] == greeting
    assert note[result.greeting[1] : result.greeting[2]] == greeting


@pytest.mark.parametrize(
    "note",
    [
        DE_JOB_NO_GREETING,
        DE_CLOSING_ONLY,  # "Liebe Grüße" closes a letter
        DE_ICH_LIEBE,  # "ich liebe" is a verb
        DE_SHE,
        EN_JOB_NO_GREETING,
        EN_MY_DEAR,  # "my dear colleague" is not a salutation
        EN_WRITING,
        "Ich habe Ihr Profil gesehen und dachte mir, ich sage einfach mal hallo.",
        "Historisch gesehen ist das ein Hinweis.",  # "hi" inside words
    ],
)
def test_no_greeting(note: str) -> None:
    assert analyse(note).greeting is None


def test_greeting_only_near_the_start() -> None:
    late = "Ich wollte Ihnen nach unserem langen Gespräch gestern noch kurz Hallo sagen."
    assert analyse(late).greeting is None
    assert analyse("Sorry for the delay — hello Tom!").greeting is not None


# --------------------------------------------------------------------------------------
# address form: Sie / Du
# --------------------------------------------------------------------------------------


def test_formal_address() -> None:
    result = analyse(DE_SALES)
    assert result.address_form == "sie"
    assert texts(result.sie_markers) == ["Sie", "Ihren", "Sie"]
    assert result.du_markers == ()


def test_sentence_initial_sie_means_she_and_does_not_count() -> None:
    result = analyse(DE_SHE)
    assert result.sie_markers == ()
    assert result.address_form is None


def test_sentence_initial_ihr_does_not_count_but_ihnen_does() -> None:
    result = analyse(DE_EVENT)  # "... interessiert. Ihr Vortrag" and "mit Ihnen"
    assert texts(result.sie_markers) == ["Ihnen"]
    assert result.address_form == "sie"
    assert texts(analyse(DE_IHNEN_FIRST).sie_markers) == ["Ihnen"]


def test_lower_case_and_all_caps_sie_are_not_formal() -> None:
    assert analyse("Ich habe sie gestern gesehen, und ihr Team auch.").sie_markers == ()
    assert analyse("BITTE RUFEN SIE AN").sie_markers == ()


def test_formal_after_comma_and_line_break() -> None:
    note = "Guten Tag Frau Adler,\nSie haben auf der Messe Ihren Stand gezeigt."
    assert texts(analyse(note).sie_markers) == ["Sie", "Ihren"]


def test_informal_address() -> None:
    result = analyse(DE_DU_GROUP)
    assert result.address_form == "du"
    assert texts(result.du_markers) == ["du", "du"]
    assert result.sie_markers == ()
    chat = analyse(DE_CHAT)
    assert chat.address_form == "du"
    assert texts(chat.du_markers) == ["du", "deinem"]
    recommended = analyse(DE_RECOMMENDED)
    assert texts(recommended.du_markers) == ["dir", "euer"]


def test_mixed_address() -> None:
    result = analyse(DE_MIXED)
    assert result.address_form == "mixed"
    assert texts(result.sie_markers) == ["Sie"]
    assert texts(result.du_markers) == ["Du"]


def test_no_address_markers() -> None:
    result = analyse("Danke für die Einladung zum Vortrag, das war spannend.")
    assert result.address_form is None
    assert result.sie_markers == () and result.du_markers == ()


def test_du_needs_whole_words() -> None:
    result = analyse("Herr Dumont und Frau Dirksen aus Duisburg, dein Team ist toll.")
    assert texts(result.du_markers) == ["dein"]


def test_english_text_has_no_address_form() -> None:
    result = analyse("Dear Anna, thank you for the great session, it was a pleasure.")
    assert result.address_form is None


# --------------------------------------------------------------------------------------
# self-introduction
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "intro"),
    [
        (DE_EVENT, "Ich bin"),
        (DE_DU_GROUP, "Ich bin"),
        (DE_OFFER, "Mein Name ist"),
        (DE_RECOMMENDED, "Ich arbeite als"),
        (DE_TRANSLIT, "Ich bin"),
        (DE_LIEBE, "Ich bin"),
        (DE_SERVUS, "Ich bin"),
        (DE_SHE, "bei uns"),
        ("Kurz zu mir: Ich leite den Einkauf bei der Firma Bauer.", "Kurz zu mir"),
        ("Ich verantworte seit 2020 das Marketing bei Siemens.", "Ich verantworte"),
        ("Darf ich mich kurz vorstellen? Ich heiße Ömer.", "Darf ich mich kurz vorstellen"),
        (EN_TALK, "I'm"),
        (EN_MET, "I lead"),
        (EN_MUTUAL, "My name is"),
        (EN_FEEDBACK, "I'm"),
        (EN_GROUP, "I'm"),
        (EN_ADVICE, "I have been working"),
        ("I work at Spotify as a data engineer.", "I work at"),
        ("I’m Tom, a recruiter at Google.", "I’m"),
    ],
)
def test_self_introduction_found(note: str, intro: str) -> None:
    found = analyse(note).self_introduction
    assert found is not None
    assert found[0] == intro
    assert note[found[1] : found[2]] == intro


@pytest.mark.parametrize(
    "note",
    [
        DE_JOB_NO_GREETING,
        DE_MIXED,
        DE_PLAIN,
        "Ich bin gespannt auf Ihre Antwort.",
        "Ich bin auf Ihr Profil gestoßen und finde es spannend.",
        EN_REACHING_OUT,
        EN_WRITING,
        EN_HELP,
        "I'm interested in your research and looking forward to hearing from you.",
        "I am a big fan of your podcast.",
    ],
)
def test_no_self_introduction(note: str) -> None:
    assert analyse(note).self_introduction is None


# --------------------------------------------------------------------------------------
# reasons
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            DE_EVENT,
            {
                "auf der ihk-veranstaltung",
                "kennengelernt",
                "ihr vortrag",
            },
        ),
        (DE_DU_GROUP, {"in der xing-gruppe"}),
        (DE_OFFER, {"ihrer studie"}),
        (DE_RECOMMENDED, {"empfohlen"}),
        (DE_GRUESS_GOTT, {"da ich", "ihre erfahrungen"}),
        (DE_TRANSLIT, {"ihren beitrag"}),
        (DE_LIEBE, {"ihr artikel"}),
        (DE_ICH_LIEBE, {"vom barcamp"}),
        (DE_SERVUS, {"zum thema"}),
        (DE_IHNEN_FIRST, {"in der gruppe"}),
        ("Wir kennen uns von der Hochschule Mannheim.", {"wir kennen uns von"}),
        ("Ein gemeinsamer Kontakt, Herr Lang, gab mir Ihren Namen.", {"gemeinsamer kontakt"}),
        (
            "Ich habe Ihren spannenden, klugen Gastbeitrag gelesen.",
            {"ihren spannenden, klugen gastbeitrag"},
        ),
        (EN_TALK, {"your talk"}),
        (EN_MET, {"we met", "at the aws summit"}),
        (EN_MUTUAL, {"suggested i", "mutual"}),
        (EN_REACHING_OUT, {"because", "interested in your", "your work"}),
        (EN_INTRODUCE, {"i noticed"}),
        (EN_GROUP, {"your comment", "in the python data science group"}),
        (EN_MEETING, {"meeting you", "at the conference"}),
        (EN_ADVICE, {"since i"}),
    ],
)
def test_reasons_found(note: str, expected: set[str]) -> None:
    found = set(lowered(analyse(note).reasons))
    assert expected <= found, found


def test_long_meeting_clause_is_one_reason() -> None:
    reasons = texts(analyse(DE_EVENT).reasons)
    assert (
        "wir haben uns letzte Woche auf der IHK-Veranstaltung in Hamburg kennengelernt" in reasons
    )


@pytest.mark.parametrize(
    "note",
    [
        DE_PLAIN,
        DE_SALES,
        "Hallo Herr Graf, ich würde mich gerne mit Ihnen vernetzen.",
        EN_PLAIN,
        EN_SALES,
        "Hi, please accept my invitation.",
    ],
)
def test_no_reasons(note: str) -> None:
    assert analyse(note).reasons == ()


# Every visitor of a profile or web page could write these: none says why *this* person.
PROFILE_ONLY_NOTES = [
    "Hallo Herr Brandt, ich habe Ihr Profil gesehen und würde mich gerne mit Ihnen "
    "vernetzen. Viele Grüße, Ina",
    "Guten Tag Frau Yilmaz, ich bin auf Ihr Profil gestoßen und fand es interessant.",
    "Hallo Tim, ich melde mich, weil ich dein Profil gesehen habe. LG Jonas",
    "Sehr geehrte Frau Kern, da ich auf Ihre Website gestoßen bin, möchte ich mich vernetzen.",
    "Hallo Frau Roth, Ihre Website gefällt mir sehr gut. Gerne würde ich mich vernetzen.",
    "Hi Mark, I came across your profile and would like to connect.",
    "Hi Dana, I noticed your profile and thought we should connect.",
    "Hello Chris, because I saw your profile, I wanted to add you to my network.",
    "Hi, I checked out your company page and your website. Let's connect!",
    "Hi Lea, I'm interested in your profile and would love to connect.",
]


@pytest.mark.parametrize("note", PROFILE_ONLY_NOTES)
def test_seeing_a_profile_or_website_is_no_reason(note: str) -> None:
    assert analyse(note).reasons == ()


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "Hallo Herr Brandt, ich habe Ihr Profil gesehen und Ihren Vortrag zu "
            "Wärmepumpen auf der Fachmesse in Essen gehört.",
            {"ihren vortrag", "auf der fachmesse"},
        ),
        (
            "Hi Mark, I came across your profile and read your article on pricing.",
            {"your article"},
        ),
        ("Hi Kim, I noticed your post about on-call rotations.", {"i noticed", "your post"}),
        ("Hi Jo, I'd like to learn how your company runs on-call.", {"your company runs"}),
        ("Hallo Eva, da ich selbst Ihr Buch gelesen habe, schreibe ich Ihnen.", {"da ich"}),
    ],
)
def test_work_references_still_count_next_to_a_profile(note: str, expected: set[str]) -> None:
    found = set(lowered(analyse(note).reasons))
    assert expected <= found, found
    assert not any("profil" in r or "website" in r for r in found), found


# --------------------------------------------------------------------------------------
# asks
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (DE_DU_GROUP, {"auf einen kaffee"}),
        (DE_MIXED, {"können sie"}),
        (DE_JOB_NO_GREETING, {"ich suche", "neue stelle", "vermitteln könnten"}),
        (DE_GRUESS_GOTT, {"hätten sie zeit", "telefonat"}),
        (DE_TRANSLIT, {"gespraech"}),
        (DE_SERVUS, {"15 minuten"}),
        (DE_CHAT, {"kannst du"}),
        ("Könnten Sie mir Feedback zu meinem Lebenslauf geben?", {"könnten sie", "feedback"}),
        ("Ich möchte Ihre Software kaufen.", {"kaufen"}),
        (EN_TALK, {"would you be open", "quick call"}),
        (EN_JOB_NO_GREETING, {"looking for a job", "could you", "refer me"}),
        (EN_FEEDBACK, {"could you", "feedback on my"}),
        (EN_WRITING, {"open position"}),
        (EN_BUY, {"can you", "buy"}),
        (EN_ADVICE, {"your advice"}),
        (
            "Could you introduce me to your CTO? 15 minutes would be enough.",
            {"introduce me", "15 minutes"},
        ),
    ],
)
def test_asks_found(note: str, expected: set[str]) -> None:
    found = set(lowered(analyse(note).asks))
    assert expected <= found, found


@pytest.mark.parametrize(
    "note",
    [
        DE_EVENT,
        DE_PLAIN,
        "Ich freue mich auf den Austausch.",
        "Darf ich mich kurz vorstellen? Ich bin Anna.",
        EN_MET,
        EN_PLAIN,
        EN_MEETING,
        "In order to grow, the same rules apply. My schedule is full.",
        "Ich bin in einer guten Position, das zu beurteilen.",
    ],
)
def test_no_asks(note: str) -> None:
    assert analyse(note).asks == ()


# --------------------------------------------------------------------------------------
# offers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (DE_OFFER, {"gerne stelle ich", "helfen kann"}),
        (DE_DAMEN_HERREN, {"gerne teile ich"}),
        ("Ich helfe Ihnen gerne bei der Suche nach Referenten.", {"helfe ihnen gerne"}),
        ("Was kann ich für Sie tun?", {"was kann ich für sie tun"}),
        (
            "Ich biete Ihnen einen Rabatt von 20 Prozent an.",
            {"biete ihnen einen rabatt von 20 prozent an"},
        ),
        ("Gerne kann ich dir die Folien schicken.", {"dir die folien schicken"}),
        (
            "Ich habe eine Idee für Sie, die Ihr Team entlasten könnte.",
            {"ich habe eine idee für sie"},
        ),
        (EN_TALK, {"happy to share", "in return"}),
        (EN_INTRODUCE, {"i can introduce"}),
        (EN_HELP, {"happy to help", "what can i do for you"}),
        ("I’d be glad to introduce you to our head of data.", {"i’d be glad to introduce"}),
        ("Let me know if I can help with the hiring.", {"if i can help"}),
    ],
)
def test_offers_found(note: str, expected: set[str]) -> None:
    found = set(lowered(analyse(note).offers))
    assert expected <= found, found


@pytest.mark.parametrize(
    "note",
    [DE_EVENT, DE_JOB_NO_GREETING, DE_MIXED, EN_JOB_NO_GREETING, EN_FEEDBACK, EN_PLAIN],
)
def test_no_offers(note: str) -> None:
    assert analyse(note).offers == ()


def test_offer_gap_does_not_hide_sales_phrase() -> None:
    result = analyse("Ich biete Ihnen ein kostenloses Erstgespräch an.")
    assert "biete ihnen ein kostenloses erstgespräch an" in lowered(result.offers)
    assert lowered(result.sales_phrases) == ["kostenloses erstgespräch"]


# --------------------------------------------------------------------------------------
# sales phrases
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            DE_SALES,
            {
                "7 geheimen tipps",
                "steigern sie ihren umsatz",
                "kostenloses erstgespräch",
                "unser angebot",
                "nur für kurze zeit",
            },
        ),
        # "Webinar" alone is no pitch ("I'm attending the webinar too"); "our webinar" is.
        (DE_WEBINAR, {"unserem webinar", "mehr umsatz", "kostenlos testen"}),
        ("Mit unseren 7 supergeheimen Tipps gewinnen Sie Neukunden.", {"7 supergeheimen tipps"}),
        ("Sieben goldene Verkaufstipps für Ihr Team!", {"sieben goldene verkaufstipps"}),
        ("Unsere 10 Geheimnisse für mehr Erfolg", {"10 geheimnisse"}),
        ("Kostenloses Erstgespraech vereinbaren", {"kostenloses erstgespraech"}),
        (
            EN_SALES,
            {
                "our product",
                "boost your sales",
                "book a demo",
                "5 secret tips",
                "lead generation",
                "limited offer",
            },
        ),
        (EN_BUY, {"our services", "special offer"}),
        ("Discover three growth hacks for founders.", {"three growth hacks"}),
    ],
)
def test_sales_phrases_found(note: str, expected: set[str]) -> None:
    found = set(lowered(analyse(note).sales_phrases))
    assert expected <= found, found


@pytest.mark.parametrize(
    "note",
    [
        DE_EVENT,
        DE_OFFER,
        EN_TALK,
        EN_MET,
        "Ich habe 7 Jahre Erfahrung im Vertrieb.",
        "Im Jahr 2023 Tipps zu geben, war mein Job.",  # a year is not a listicle count
        "5 Dinge, die ich über Networking-Tipps gelernt habe.",  # too far apart
        "Danke für die Tipps beim Meetup!",  # no number
    ],
)
def test_no_sales_phrases(note: str) -> None:
    assert analyse(note).sales_phrases == ()


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "I saw your profile and want to sell you our SEO package with 30% off",
            ["sell you", "our seo package", "30% off"],
        ),
        ("I help coaches get 10 new clients a month. Quick call?",
         ["i help coaches", "10 new clients a month"]),
        (
            "our software can double your revenue. Book a call",
            ["double your revenue", "book a call"],
        ),
        (
            "Guten Tag, möchten Sie unser Angebot für Ihre Website kennenlernen?",
            ["unser angebot"],
        ),
        (
            "Wir verdoppeln Ihren Umsatz – jetzt Termin buchen",
            ["verdoppeln ihren umsatz", "termin buchen"],
        ),
        (
            "Hallo Frau Lenz, mit unserem Starter-Paket gewinnen Sie 20 Neukunden pro Monat. "
            "Nur diese Woche 25 Prozent Nachlass!",
            ["unserem starter-paket", "20 neukunden pro monat", "25 prozent nachlass"],
        ),
        (
            "Hey Sam, want to hop on a call? We get dentists 30 more patients a week.",
            ["hop on a call", "30 more patients a week"],
        ),
        (
            "Lieber Herr Ott, wir helfen Ihnen, Ihren Umsatz zu verdoppeln.",
            ["ihren umsatz zu verdoppeln"],
        ),
        (
            "Hi Ana, 10x your sales with our AI. Book a discovery call!",
            ["10x your sales", "book a discovery call"],
        ),
    ],
)
def test_common_pitches_are_sales(note: str, expected: list[str]) -> None:
    result = analyse(note)
    assert lowered(result.sales_phrases) == expected
    assert_offsets(note, result)


@pytest.mark.parametrize(
    "note",
    [
        "Hi Tom, would you be open to a quick call next week about your talk?",
        "Hallo Frau Beck, hätten Sie Zeit für einen Call? Ich würde gern einen Termin finden.",
        "Could we schedule a call? I'd like to hear about your migration.",
        "Hi Nora, I'm a physiotherapist and see about 30 patients a week in Leeds.",
        "Our benefits package was one topic of my talk at the HR meetup.",
        "Wir konnten unseren Umsatz verdoppeln, seit wir Ihr Buch gelesen haben.",
        "Danke, das Paket mit den Büchern ist angekommen!",
        "We doubled our revenue after your workshop, thank you!",
        "Ich habe 3 Kinder und 30% meiner Zeit gehört dem Ehrenamt.",
    ],
)
def test_pitch_shapes_need_pitch_wording(note: str) -> None:
    assert analyse(note).sales_phrases == ()


def test_phrase_inside_a_longer_one_is_reported_once() -> None:
    result = analyse("Jetzt 20 % Rabatt und 5 secret tips!")
    assert texts(result.sales_phrases) == ["20 % Rabatt", "5 secret tips"]


def test_sales_patterns_stay_when_phrases_are_replaced() -> None:
    analyser = TextAnalyser(sales_phrases=["webinar-gutschein"])
    assert texts(analyser("Get 50% off today").sales_phrases) == ["50% off"]
    assert analyser("Book a call today").sales_phrases == ()


def test_sales_phrases_match_whole_words_only() -> None:
    # "Discountable" is no hit; the hyphen in "discount-free" ends a word, so that is one.
    found = analyse("Discountable items are not a discount-free zone.").sales_phrases
    assert texts(found) == ["discount"]


def test_default_sales_phrases_are_casefolded_literals() -> None:
    assert 30 <= len(DEFAULT_SALES_PHRASES) <= 200
    for phrase in DEFAULT_SALES_PHRASES:
        assert phrase == phrase.casefold().strip()
        assert "  " not in phrase


def test_configured_sales_phrases() -> None:
    analyser = TextAnalyser(sales_phrases=["Gratis-Coaching", "Fußball-Tickets", "50% Rabatt"])
    result = analyser(
        "Hallo! Sichern Sie sich ein gratis-coaching und FUSSBALL-TICKETS, heute 50% Rabatt."
    )
    assert lowered(result.sales_phrases) == ["gratis-coaching", "fussball-tickets", "50% rabatt"]
    assert_offsets(
        "Hallo! Sichern Sie sich ein gratis-coaching und FUSSBALL-TICKETS, heute 50% Rabatt.",
        result,
    )
    # Replacing the list drops the defaults, but the listicle pattern stays.
    assert analyser("Unser Angebot: 5 geheime Tipps").sales_phrases[0][0] == "5 geheime Tipps"
    assert len(analyser("Unser Angebot: 5 geheime Tipps").sales_phrases) == 1
    assert TextAnalyser(sales_phrases=["Straße der Besten"])(
        "Willkommen in der Strasse der Besten"
    ).sales_phrases == (("Strasse der Besten", 18, 36),)


def test_configured_sales_phrase_with_separator_keeps_word_boundaries() -> None:
    analyser = TextAnalyser(sales_phrases=["Jetzt: zugreifen"])
    assert texts(analyser("Nur heute! JETZT:  zugreifen").sales_phrases) == ["JETZT:  zugreifen"]
    assert analyser("Nicht jetzt:zugreifen, xjetzt: zugreifen").sales_phrases == ()


def test_sales_phrases_must_be_a_sequence_of_phrases() -> None:
    with pytest.raises(TypeError):
        TextAnalyser(sales_phrases="rabatt")


# --------------------------------------------------------------------------------------
# offsets into the original text
# --------------------------------------------------------------------------------------


def test_offsets_after_sharp_s_and_emoji() -> None:
    note = "Grüße 😀 aus der Straße 🎉! Hallo Frau Groß, ich bin Bäcker und biete Ihnen Brot an."
    result = analyse(note)
    assert_offsets(note, result)
    assert result.self_introduction is not None
    assert result.self_introduction[0] == "ich bin"
    start = note.index("ich bin")
    assert result.self_introduction[1:] == (start, start + len("ich bin"))
    assert texts(result.offers) == ["biete Ihnen Brot an"]
    assert texts(result.sie_markers) == ["Ihnen"]


def test_offsets_when_lowercase_changes_length() -> None:
    # "İ".lower() is two code points: offsets must still index the original text.
    note = "İİİ Hallo Ayşe, İch bin Emre und ich arbeite bei Ihnen um die Ecke."
    result = analyse(note)
    assert_offsets(note, result)
    assert result.greeting is not None and result.greeting[0] == "Hallo"
    assert result.self_introduction is not None
    assert result.self_introduction[0] == "ich arbeite bei"
    assert texts(result.sie_markers) == ["Ihnen"]


def test_offsets_with_capital_sharp_s_and_combining_marks() -> None:
    note = ("GROẞE Freude! Gru\u0308ße, ich bin Lena, Ärztin in Köln, und Ihr Vortrag war "
            "toll, Sie wissen das.")
    result = analyse(note)
    assert_offsets(note, result)
    assert result.self_introduction is not None
    assert texts(result.sie_markers) == ["Ihr", "Sie"]


def test_nul_and_control_characters() -> None:
    note = "Hallo\x00ich bin Tischler\x00\x01und biete Hilfe an\x7f"
    result = analyse(note)
    assert_offsets(note, result)
    assert result.greeting is not None and result.greeting[0] == "Hallo"
    assert result.self_introduction is not None and result.self_introduction[0] == "ich bin"


def test_mixed_scripts() -> None:
    note = "Привет! مرحبا 你好 Hallo Frau Ivanova, ich bin Lehrerin in Köln. Спасибо 谢谢"
    result = analyse(note)
    assert_offsets(note, result)
    assert result.greeting == ("Hallo", note.index("Hallo"), note.index("Hallo") + 5)
    assert result.words == len(re.findall(r"\w+", note))
    assert result.language == "de" and result.readable  # mostly Latin letters
    cjk_only = analyse("你好，我是王伟。很高兴认识你！")
    assert cjk_only.language == "zh" and not cjk_only.readable
    assert all_evidence(cjk_only) == []


@pytest.mark.parametrize("note,language", [
    # A Cyrillic note with a greeting and "my name is": the heuristics cannot read it.
    ("Здравствуйте, Анна! Меня зовут Игорь, я руководитель отдела продаж. Буду рад "
     "знакомству.", "ru"),
    ("Bonjour Madame, je suis consultante en recrutement et je serais ravie d'échanger "
     "avec vous.", "fr"),
    ("Hola María, soy ingeniero de datos en Madrid y me gustaría conectar con usted.",
     "es"),
    ("Hoi Jan, ik ben recruiter bij een bureau in Utrecht en wil graag met je connecten.",
     "nl"),
    ("Ciao Marco, sono un product manager e anche io lavoro nel settore fintech.", "it"),
])
def test_other_languages_are_not_read(note: str, language: str) -> None:
    result = analyse(note)
    assert result.language == language and not result.readable
    assert all_evidence(result) == [] and result.greeting is None


@pytest.mark.parametrize("note", [
    "Hi", "  Hi  \n", "Hallo Frau Müller,", "👋", "Hello Sam 🙂", "\n\nGuten Tag!\n",
])
def test_greeting_only_notes_are_hollow(note: str) -> None:
    assert analyse(note).hollow


@pytest.mark.parametrize("note", [
    "Hi Anna, let us connect", "Hallo Frau Müller, wir kennen uns von der Messe.",
    "Dear Sam, I am a recruiter at Acme.",
])
def test_notes_with_content_are_not_hollow(note: str) -> None:
    assert not analyse(note).hollow


def test_lone_surrogates() -> None:
    note = "\ud800 Hallo \udfff ich bin Tom \ud83d"
    result = analyse(note)
    assert_offsets(note, result)
    assert result.greeting is not None


def test_result_is_frozen() -> None:
    result = analyse(DE_EVENT)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.words = 3  # type: ignore[misc]


# --------------------------------------------------------------------------------------
# size and adversarial input (no timing assertions: they only have to finish)
# --------------------------------------------------------------------------------------


def test_200k_character_text() -> None:
    note = (DE_EVENT + " " + EN_TALK + " ") * 400
    note = note[:200_000]
    result = analyse(note)
    assert result.chars == 200_000
    # Only the first ANALYSIS_LIMIT characters are read (docs/decisions.md#bounded-cost):
    # the words and the evidence are those of that window, at offsets into the whole.
    assert result.truncated
    window = note[:ANALYSIS_LIMIT]
    assert result.words == len(re.findall(r"\w+", window))
    assert len(result.reasons) > 10
    assert all(end <= ANALYSIS_LIMIT for _, _, end in result.reasons)
    assert_offsets(note, result)


@pytest.mark.parametrize(
    "adversarial",
    [
        "Sie " * 250_000,
        "a" * 10**6,
        " " * 10**6 + "x",
        "wir haben uns " * 70_000,
        "ihr " * 250_000,
        "7 " * 500_000,
        "auf der " * 120_000,
        "ich bin " * 120_000,
        "a-" * 500_000,
        "Ihr," * 250_000,
        "our " * 250_000,
        "unser x-" * 120_000,
        "10 new " * 140_000,
        "30 % " * 200_000,
        "because i saw your " * 50_000,
        "weil ich auf ihr " * 60_000,
    ],
    ids=lambda s: repr(s[:12]),
)
def test_million_character_adversarial_inputs_finish(adversarial: str) -> None:
    result = analyse(adversarial)
    assert result.chars == len(adversarial)
    for matched, start, end in all_evidence(result)[:1000]:
        assert adversarial[start:end] == matched


def test_sie_repeated_counts_all_but_the_first() -> None:
    result = analyse("Sie " * 1000)
    assert len(result.sie_markers) == 999


# --------------------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_and_offsets_slice(text: str) -> None:
    result = analyse(text)
    assert result.chars == len(text)
    assert result.blank == (text.strip() == "")
    assert result.words == len(re.findall(r"\w+", text))
    assert result.language is None or result.language in (
        "de", "en", "und", *OTHER_STOPWORDS, "el", "ru", "he", "ar", "hi", "th", "ja", "zh",
        "ko")
    assert result.readable == (result.language in (None, "de", "en"))
    assert result.address_form in (None, "sie", "du", "mixed")
    assert_offsets(text, result)


_NOTE_WORDS = st.sampled_from(
    [
        "Hallo", "Sie", "Ihr", "Ihnen", "du", "dir", "ich", "bin", "wir", "haben", "uns",
        "auf", "der", "Messe", "kennengelernt", "Ihren", "Vortrag", "7", "geheime", "Tipps",
        "I'm", "your", "talk", "at", "the", "conference", "happy", "to", "help", "Grüße",
        "Straße", "😀", "İ", "ß", ".", ",", "!", "\n", "-", "„", "“", "gerne", "biete", "an",
        "könnten", "would", "you", "Liebe", "Dear", "kostenloses", "Erstgespräch",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_NOTE_WORDS, max_size=60), st.sampled_from([" ", "", "  ", "\t"]))
def test_note_like_text_offsets_slice(words: list[str], separator: str) -> None:
    text = separator.join(words)
    result = analyse(text)
    assert_offsets(text, result)
    assert result.words == len(re.findall(r"\w+", text))
    if result.language == "en":
        assert result.address_form is None


# Ordinary notes that once tripped over-broad phrases (review of the real-data work):
# none of them is a pitch, an ask, a shared context or a self-introduction.
@pytest.mark.parametrize("note", [
    "Loved your live demo at PyCon – we met at the booth afterwards.",
    "We met at the Hamburg meetup. I got the early bird ticket too!",
    "Feel free to check out my GitHub!",
    "To save you time: the slides are attached.",
    "Try it yourself: the bug shows up in 3.2.",
    "I lead the partner program at Acme.",
    "How did you grow sales at Acme so fast?",
    "Die Kosten für die Halle liegen bei 50 € im Jahr.",
])
def test_no_pitch_in_ordinary_notes(note: str) -> None:
    assert analyse(note).sales_phrases == ()


@pytest.mark.parametrize("note,field", [
    ("I look forward to talking to you.", "shared"),
    ("We chat on Discord sometimes.", "shared"),
    ("Ich habe mir Ihr Profil angesehen.", "reasons"),
    ("Ihr Profil ist mir aufgefallen.", "reasons"),
    ("Please accept my connection request.", "reasons"),
    ("Das ist besser als jeder Artikel im Handelsblatt.", "self_introduction"),
    ("I write to ask about the slides.", "self_introduction"),
    ("I have 2 questions about the slides.", "self_introduction"),
])
def test_generic_phrases_are_no_evidence(note: str, field: str) -> None:
    value = getattr(analyse(note), field)
    assert not value, value


@pytest.mark.parametrize("note", [
    "Hi Jana, book a free audit: calendly.com/acme or acme.com/audit or acme.com/pricing",
])
def test_web_addresses_do_not_make_a_language(note: str) -> None:
    result = analyse(note)
    assert result.readable and result.sales_phrases


@pytest.mark.parametrize("text,closer", [
    ("Thanks!", True), ("👍", True), ("You're welcome Anna :)", True), ("Likewise!", True),
    ("Gerne, dir auch!", True), ("Vielen Dank, Herr Müller!", True), ("Any time", True),
    ("Have a nice day!", True),
    ("Thanks, when can we talk?", False), ("Hallo Jana", False), ("Hi", False),
    ("Bitte Rückruf", False), ("Danke, Rechnung bitte", False), ("Could you help", False),
    ("Have you got time to talk", False), ("Thanks for connecting. I run a marketing agency",
                                            False), ("", False), (None, False),
])
def test_closers(text, closer) -> None:
    from knigge_engine.text import is_closer

    assert is_closer(text) is closer


@pytest.mark.parametrize("text,found", [
    ("Hallo, woher kennen wir uns?", "woher kennen wir uns"),
    ("Hi Jana, have we met?", "have we met"),
    ("What’s this about?", "What’s this about"),
    ("Helfen Sie mir auf die Sprünge: worum geht es?", "Helfen Sie mir auf die Sprünge"),
    ("Thanks for the invite, see you Tuesday.", None),
])
def test_reason_questions(text, found) -> None:
    from knigge_engine.text import reason_question

    got = reason_question(text)
    assert (got[0] if got else None) == found


def _address_words_by_definition(s: str) -> int:
    """The definition: every whitespace token whose core (sentence ends trimmed) has a
    dot or an "@" or starts with http/www counts its words."""
    count = 0
    for token in s.split():
        core = token.strip(".!?")
        if "." in core or "@" in core or core.startswith(("http", "www")):
            count += len(re.findall(r"\w+", core))
    return count


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?@hwtp:/é-1\n")), max_size=40))
def test_address_words_counts_what_the_definition_counts(s: str) -> None:
    from knigge_engine.text.language import address_words

    # The fast path (a hint search first) must agree with the definition everywhere.
    assert address_words(" " + s) == _address_words_by_definition(" " + s)


@pytest.mark.parametrize(("text", "expected"), [
    (" schreib an jana@example.org bitte", 3),
    (" siehe acme.com/audit. danke!", 3),
    (" ende. neuer satz! noch einer?", 0),
    (" z.b. heute", 2),
    (" www beispiel", 1),
])
def test_address_words_examples(text: str, expected: int) -> None:
    from knigge_engine.text.language import address_words

    assert address_words(text) == expected
