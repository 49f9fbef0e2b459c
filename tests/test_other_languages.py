"""Short notes and messages in languages the text heuristics cannot read.

A note of a sentence or two in Spanish, French, Italian, Portuguese, Dutch, Polish,
Turkish or Swedish is no evidence: `TextAnalysis.readable` is false and no text rule
speaks, whatever the event (docs/accuracy.md, "Language identification";
docs/decisions.md). German and English notes that carry a foreign name, an accented
loanword, a foreign company name or a one-word foreign greeting stay readable in their
language and lose no finding.

The notes are written for these tests (no corpus item, no seed sentence).
"""

from __future__ import annotations

import unicodedata

import pytest

from knigge_engine import Engine
from knigge_engine.text import analyse

# Short notes and messages: greetings, referrals, recruiting, thanks, meeting again.
OTHER_LANGUAGE_NOTES: dict[str, tuple[str, ...]] = {
    "es": (
        "Hola Jana, me gustaría añadirte a mi red profesional.",
        "Buenos días Carlos, te escribo de parte de Lucía, que me habló muy bien de tu "
        "trabajo.",
        "Hola, estamos buscando un desarrollador backend para nuestro equipo en Barcelona. "
        "¿Te interesaría hablar?",
        "¡Muchas gracias por aceptar mi invitación! Un saludo.",
        "Encantado de conocerte ayer en la feria, seguimos en contacto.",
        "Me encantaría conectar contigo, vi tu charla sobre datos abiertos.",
        "Estimada Laura, he visto tu perfil y creo que podríamos colaborar en proyectos "
        "de energía.",
        "Hola Pablo, gracias por la recomendación, ya he hablado con tu compañero.",
    ),
    "fr": (
        "Bonjour Claire, j'aimerais vous ajouter à mon réseau professionnel.",
        "Salut Marc, c'est Julie qui m'a donné ton nom, elle pense qu'on devrait se parler.",
        "Bonjour, je recrute un chef de projet pour une entreprise lyonnaise, seriez-vous "
        "ouvert à un échange ?",
        "Merci beaucoup pour votre réponse rapide, à bientôt !",
        "Ravi de vous avoir rencontré au salon hier.",
        "Je travaille aussi dans la logistique et j'aimerais rester en contact avec toi.",
        "Bonsoir Hélène, suite à notre échange téléphonique, voici mon profil.",
        "Salut ! On s'est croisés à la conférence de Nantes, ça te dit de garder contact ?",
    ),
    "it": (
        "Ciao Luca, mi piacerebbe aggiungerti alla mia rete professionale.",
        "Buongiorno, mi ha parlato di te Giulia e vorrei conoscerti.",
        "Salve, stiamo cercando un ingegnere per il nostro team di Milano: ti andrebbe di "
        "parlarne?",
        "Grazie mille per il collegamento, a presto!",
        "È stato un piacere conoscerti alla conferenza di ieri.",
        "Ho letto il tuo articolo sulla sostenibilità e vorrei restare in contatto.",
        "Buonasera Francesca, ti contatto perché cerchiamo una sviluppatrice per il "
        "nostro studio.",
        "Ciao, grazie per avermi accettato! Ci sentiamo presto.",
    ),
    "pt": (
        "Olá Ana, gostaria de adicioná-la à minha rede profissional.",
        "Bom dia João, o Pedro me indicou o seu nome e disse que você pode me ajudar.",
        "Oi, estamos contratando uma designer para nossa equipe em Lisboa. Tem interesse "
        "em conversar?",
        "Muito obrigada pela conexão, até breve!",
        "Foi um prazer conhecê-lo no evento de ontem.",
        "Vi a sua apresentação sobre energia solar e adoraria trocar ideias.",
        "Boa tarde Marta, tudo bem? Sou recrutadora e tenho uma vaga que pode interessar.",
        "Obrigado pelo convite, fico feliz em fazer parte da sua rede.",
    ),
    "nl": (
        "Hoi Sanne, ik zou je graag toevoegen aan mijn netwerk.",
        "Goedemiddag, via Pieter kwam ik bij jou terecht; hij zei dat je veel weet van "
        "logistiek.",
        "Hallo, wij zoeken een ervaren projectleider in Rotterdam. Sta je open voor een "
        "gesprek?",
        "Dank je wel voor het accepteren, tot snel!",
        "Leuk je gisteren op de beurs te ontmoeten.",
        "Ik werk ook in de zorg en wil graag met u in contact komen.",
        "Beste Joost, ik kwam je profiel tegen en zou graag kennismaken.",
        "Bedankt voor de uitnodiging, leuk om contact te hebben!",
    ),
    "pl": (
        "Dzień dobry, chciałbym dodać Panią do mojej sieci kontaktów.",
        "Cześć Marek, Ania poleciła mi kontakt z Tobą w sprawie projektu.",
        "Szukamy programisty Python do zespołu w Krakowie, czy byłbyś zainteresowany "
        "rozmową?",
        "Dziękuję za przyjęcie zaproszenia, pozdrawiam serdecznie!",
        "Miło było Cię poznać na konferencji w zeszłym tygodniu.",
        "Witam serdecznie, widziałem Pana prezentację i chciałbym porozmawiać o "
        "współpracy.",
        "Hej, dzięki za zaproszenie! Do usłyszenia.",
    ),
    "tr": (
        "Merhaba Ayşe Hanım, sizi profesyonel ağıma eklemek isterim.",
        "Selam Emre, Can bana senden bahsetti, tanışmak isterim.",
        "İstanbul'daki ekibimiz için yazılım mühendisi arıyoruz, görüşmek ister misiniz?",
        "Bağlantı isteğimi kabul ettiğiniz için çok teşekkür ederim.",
        "Dünkü etkinlikte tanıştığımıza çok memnun oldum.",
        "Merhaba, profilinizi inceledim ve ekibimize katılmanızı çok isteriz.",
        "Davetiniz için teşekkürler, görüşmek üzere.",
    ),
    "sv": (
        "Hej Erik, jag skulle gärna vilja lägga till dig i mitt nätverk.",
        "Hej! Anna tipsade om dig och sa att du jobbar med hållbarhet.",
        "Vi söker en utvecklare till vårt team i Göteborg, är du intresserad av att prata?",
        "Tack för att du accepterade min förfrågan, ha en bra dag!",
        "Trevligt att träffas på mässan igår.",
        "Hej Maria, tack för en trevlig pratstund på mässan i går.",
        "Vi letar efter en projektledare i Stockholm, är det något för dig?",
    ),
}

_CASES = [(lang, note) for lang, notes in OTHER_LANGUAGE_NOTES.items() for note in notes]


def _case_id(case: tuple[str, str]) -> str:
    lang, note = case
    return f"{lang}-{OTHER_LANGUAGE_NOTES[lang].index(note)}"


@pytest.mark.parametrize("lang,note", _CASES, ids=[_case_id(c) for c in _CASES])
def test_short_notes_in_other_languages_are_not_read(lang: str, note: str) -> None:
    result = analyse(note)
    assert not result.readable, result.language
    assert result.language not in (None, "de", "en")
    assert result.greeting is None and result.self_introduction is None
    assert not (result.reasons or result.asks or result.offers or result.sales_phrases)


# A Cyrillic letter for every Latin one: the same length, the same words, the same
# punctuation, and a script the heuristics cannot read. What the engine says about such a
# twin is what it says without any evidence from the text.
_CYRILLIC = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "абцдефгхийклмнопярстуввхызАБЦДЕФГХИЙКЛМНОПЯРСТУВВХЫЗ",
)


def _cyrillic_twin(text: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text)
                    if not unicodedata.combining(c))
    return plain.translate(_CYRILLIC)


OWNER = {"id": "me", "name": "Jana Example"}
OTHER = {"id": "u-1", "name": "Claire Dubois"}


def _event(kind: str, direction: str, platform: str, text: str) -> dict:
    sender, recipient = (OWNER, OTHER) if direction == "outgoing" else (OTHER, OWNER)
    field = "note" if kind == "contact_request" else "text"
    return {"kind": kind, "id": "e-1", "platform": platform, "direction": direction,
            "at": "2026-11-20T09:30:00+01:00", "sender": sender, "recipient": recipient,
            field: text}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _codes(engine: Engine, event: dict) -> list[str]:
    return sorted(f.code for f in engine.evaluate(event).findings)


@pytest.mark.parametrize("kind", ["contact_request", "message"])
@pytest.mark.parametrize("direction", ["outgoing", "incoming"])
@pytest.mark.parametrize("platform", ["linkedin", "xing", "generic"])
def test_no_text_rule_fires_on_other_languages(
        engine: Engine, kind: str, direction: str, platform: str) -> None:
    wrong = []
    for _lang, note in _CASES:
        twin = _cyrillic_twin(note)
        assert not analyse(twin).readable
        got = _codes(engine, _event(kind, direction, platform, note))
        without_evidence = _codes(engine, _event(kind, direction, platform, twin))
        if got != without_evidence:
            wrong.append((note, got, without_evidence))
    assert wrong == []


def test_the_reported_spanish_note_raises_nothing(engine: Engine) -> None:
    event = _event("contact_request", "outgoing", "linkedin",
                   "Hola Jana, me gustaría añadirte a mi red profesional.")
    codes = set(_codes(engine, event))
    assert not codes & {"KN102", "KN103", "KN104", "KN108", "KN109"}


# German and English notes with foreign names, accented loanwords, a foreign company or
# a one-word foreign greeting: read in their own language.
READABLE_WITH_FOREIGN_WORDS: tuple[tuple[str, str], ...] = (
    ("de", "Hola Anna, ich bin Jana und arbeite als Entwicklerin bei Telefónica in "
           "München."),
    ("de", "Hallo René, wir haben uns im Café am Marktplatz über Ihr Exposé unterhalten."),
    ("de", "Liebe Frau Núñez, ich würde mich freuen, mit Ihnen in Kontakt zu treten."),
    ("de", "Hallo Herr Øster, ich bin Søren und arbeite bei Nestlé in Frankfurt."),
    ("de", "Bonjour Frau Lefèvre! Ich habe Ihren Vortrag über Lieferketten gesehen."),
    ("de", "Hallo Anna, ich bin Jan de Vries, mehr über mich auf www.devries.de."),
    ("de", "Servus Łukasz, wir kennen uns von der Konferenz in Kraków."),
    ("en", "Bonjour! I'm Pierre, a data engineer at Société Générale, and I loved your "
           "talk on Kafka."),
    ("en", "Hi José, thanks for sharing your résumé, I would be happy to pass it on."),
    ("en", "Dear Françoise, I am a recruiter at Crédit Agricole and would love to "
           "connect."),
    ("en", "Hola María! We met at the café after the keynote, great to connect."),
    ("en", "Hi Anna, I'm Jan de Vries from Utrecht, we met at the meetup last week."),
    ("en", "Ciao Marco, thanks for the intro to Ayşe at Türk Telekom, much appreciated."),
    ("en", "Merci for the chat yesterday! I'm the founder of Señor Taco and would love "
           "to stay in touch."),
    ("en", "Hi Åsa, I saw your post about the Malmö office and would like to connect."),
    ("de", "Hallo Herr García, ich habe Ihren Beitrag über Lieferketten gelesen und fand "
           "ihn sehr spannend."),
    ("de", "Grazie für das nette Gespräch gestern, ich melde mich nächste Woche bei dir."),
    ("de", "Liebe Inès, wir haben uns beim Barcamp in Köln getroffen, ich würde mich über "
           "eine Vernetzung freuen."),
    ("de", "Ich arbeite bei der Caixa Geral in Lissabon und bin zurzeit für ein Projekt in "
           "Berlin."),
    ("en", "Hi Jürgen, I'm a product manager at Banco Santander and would love to connect."),
    ("en", "Salut Amélie! I enjoyed your keynote on accessibility, can I send you a few "
           "questions?"),
    ("en", "Dear Mr. Øberg, I am reaching out about the open role at Ericsson in Göteborg."),
    ("en", "Thanks for the coffee at Café Olé yesterday, it was great to meet you."),
)


def _plain(text: str) -> str:
    """`text` without its foreign accents (NFKD without combining marks, ø ł ı œ æ
    spelled out); German umlauts stay."""
    text = text.translate(str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i",
                                         "œ": "oe", "æ": "ae"}))
    return "".join(c if c in "äöüÄÖÜ" else "".join(
        d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))
        for c in text)


@pytest.mark.parametrize("lang,note", READABLE_WITH_FOREIGN_WORDS,
                         ids=[f"{lang}-{i}" for i, (lang, _) in
                              enumerate(READABLE_WITH_FOREIGN_WORDS)])
def test_foreign_words_in_german_and_english_notes_stay_readable(
        engine: Engine, lang: str, note: str) -> None:
    result = analyse(note)
    assert result.readable and result.language == lang
    # The accents are no evidence either way: the note without them reads the same.
    plain = analyse(_plain(note))
    assert plain.language == lang
    assert (result.greeting is None) == (plain.greeting is None)
    assert bool(result.self_introduction) == bool(plain.self_introduction)
    assert len(result.reasons) == len(plain.reasons)
    for platform in ("linkedin", "xing", "generic"):
        event = _event("contact_request", "outgoing", platform, note)
        assert _codes(engine, event) == _codes(engine, {**event, "note": _plain(note)})


def test_other_stop_words_are_no_german_or_english_stop_words() -> None:
    # A word on both sides would count for German or English only (the analyser's
    # weights): listed as another language's, it would be dead weight and misleading.
    from knigge_engine.text import ENGLISH_STOPWORDS, GERMAN_STOPWORDS, OTHER_STOPWORDS

    read = set(ENGLISH_STOPWORDS) | set(GERMAN_STOPWORDS)
    for lang, words in OTHER_STOPWORDS.items():
        assert not read & set(words), lang
        assert len(set(words)) == len(words), lang


@pytest.mark.parametrize("note", [
    "See acme.com/la/en/de or tienda.com, thanks",
    "Hallo, siehe acme.com/de/en und tienda.com/la",
])
def test_stop_words_inside_addresses_make_no_language(note: str) -> None:
    # "com", "de", "la", "en" inside a web address are no Portuguese, Spanish or Dutch.
    result = analyse(note)
    assert result.readable
    assert analyse(note.replace(".", " ").replace("/", " ")).language not in ("de", "en",
                                                                              None)
