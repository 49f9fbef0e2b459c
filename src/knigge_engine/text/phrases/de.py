"""The German lists of the text analysis: salutations, the moods after "ich bin", role,
work and place nouns, the forms of address (Sie/Du), stop words, offers and the default
sales phrases.

Rule authors: a German word, salutation, offer or sales phrase the heuristics miss goes
here, with a test (`tests/test_text.py`). The phrase lists that interleave both
languages (self-introductions, shared context, reasons, asks, pitch shapes) are in
`knigge_engine.text.phrases.bilingual`. `knigge_engine.text.phrases` joins
each list German first, then English.
"""

from __future__ import annotations

from ..fragments import AE, CLAUSE_WORDS, OE, SZ, UE, any_of, within

# Salutations that open a note, German (see :data:`knigge_engine.text.phrases.GREETINGS`).
GREETINGS: tuple[str, ...] = (
    "hallo",
    f"hall{OE}chen",
    "hallihallo",
    "hi",
    "hey",
    "hej",
    "moin moin",
    "moin",
    "moinsen",
    "servus",
    f"gr{UE}{SZ} gott",
    f"gr{UE}{SZ} dich",
    f"gr{UE}{SZ} sie",
    f"gr{UE}{SZ} euch",
    f"gr{UE}ezi",
    "guten tag",
    "guten morgen",
    "guten abend",
    "sehr geehrter",
    "sehr geehrte",
    "sehr geehrtes",
    "werter",
    "werte",
    # "Liebe/r" also closes a letter ("Liebe Grüße"): excluded right here.
    f"lieber(?! gr{UE}{SZ})",
    f"liebes(?! gr{UE}{SZ})",
    f"liebe(?! gr{UE}{SZ})",
)
"""German salutation fragments (lower case)."""

# Continuations after "ich bin" / "I am" that describe a mood or an action, not the sender
# ("ich bin gespannt", "I'm reaching out"): these are not self-introductions.
ICH_BIN_NOT_INTRO: tuple[str, ...] = (
    "auf", "über", "durch", "gespannt", "sicher", "überzeugt", "froh", "neugierig",
    "dankbar", "gerade", "kürzlich", "zufällig", "mir", "ihnen", "dir", "euch",
    "interessiert", "begeistert", "beeindruckt", "nicht", "ganz", "sehr", "so", "immer",
    "schon", "noch", "gern", "gerne", "erreichbar", "bereit", "heute", "morgen", "da",
    "jetzt", "mal", "leider", "ja", "eben", "offen", "hier", "auch gespannt", "der",
    "auch der", "ebenfalls der", "ganz", "fasziniert", "inspiriert", "angetan",
    "zuversichtlich", "erfreut", "unsicher", "dabei", "darauf", "ein fan", "ein großer fan",
    "ein riesiger fan", "kein", "keine", "am überlegen", "vorhin", "vor kurzem",
)  # fmt: skip
"""Words after "ich bin" that make it a mood, not a self-introduction."""
# Adverbs that may stand between "ich bin"/"I'm" and what follows; the words after them
# decide ("ich bin derzeit auf der Suche" is a mood, "ich bin derzeit Werkstudent bei …"
# an introduction).
ICH_BIN_ADVERBS: tuple[str, ...] = (
    "derzeit", "aktuell", "momentan", "gerade", "besonders", "wirklich", "total",
    "ziemlich", "auch", "ebenfalls", "jetzt", "nun", "zurzeit", "persönlich", "wirklich",
    "echt", "absolut", "natürlich",
)  # fmt: skip
"""Adverbs skipped after "ich bin" before `ICH_BIN_NOT_INTRO` is consulted."""

DE_ROLES: tuple[str, ...] = (
    "leiter", "leiterin", "berater", "beraterin", "entwickler", "entwicklerin",
    "ingenieur", "ingenieurin", "studentin", "gründer", "gründerin", "inhaber",
    "inhaberin", "geschäftsführer", "geschäftsführerin", "trainerin", "designerin",
    "recruiterin", "analystin", "architektin", "experte", "expertin", "spezialist",
    "spezialistin", "referent", "referentin", "assistent", "assistentin", "koordinator",
    "koordinatorin", "journalistin", "lehrer", "lehrerin", "freiberufler",
    "freiberuflerin", "werkstudent", "werkstudentin", "praktikant", "praktikantin",
    "absolvent", "absolventin", "doktorand", "doktorandin", "wissenschaftler",
    "wissenschaftlerin", "mitarbeiter", "mitarbeiterin", "partnerin", "unternehmer",
    "unternehmerin", "vorstand", "managerin", "sachbearbeiter", "sachbearbeiterin",
    "kaufmann", "kauffrau", "verkäufer", "verkäuferin", "techniker", "technikerin",
    "beauftragter", "beauftragte", "dozent", "dozentin", "ärztin", "arzt", "anwalt",
    "anwältin", "steuerberater", "steuerberaterin",
)  # fmt: skip
"""German role nouns (lower case); compounds ("Vertriebsleiterin") end in one."""

# Nouns for "your <work>": talk, post, article, book, company ... Not "profile" or
# "website": having seen someone's profile or web page says nothing about why *this*
# person (every profile visitor could write that), so those never count. German
# entries include the common inflections and closed compounds; hyphenated compounds such
# as "Netzwerk-Beitrag" match anyway. Umlauts also match their transliterations.
DE_WORK_NOUNS: tuple[str, ...] = (
    "vortrag", "vortrags", "vortrages", "vorträge", "fachvortrag", "gastvortrag",
    "impulsvortrag", "beitrag", "beitrags", "beiträge", "gastbeitrag", "fachbeitrag",
    "blogbeitrag", "artikel", "artikels", "fachartikel", "blogartikel", "buch", "buches",
    "buchs", "fachbuch", "post", "posts", "posting", "postings", "arbeit", "arbeiten",
    "projekt", "projekts",
    "projektes", "projekte", "interview", "interviews", "podcast", "podcasts", "blog",
    "blogs", "präsentation", "keynote", "workshop", "webinar", "studie", "publikation",
    "veröffentlichung", "kommentar", "kommentare", "expertise", "erfahrung", "erfahrungen",
    "werdegang", "karriere", "engagement", "initiative", "startup", "start-up", "produkt",
    "produkte", "kanal", "newsletter", "forschung", "paper", "talk", "session",
    "panel", "kurs", "thesen", "gedanken", "einschätzung", "laufbahn", "weg", "station",
    "stationen", "tätigkeit", "rolle", "position", "team", "abteilung", "schwerpunkt",
    "schwerpunkte", "fachgebiet", "ansatz", "stellenanzeige", "stellenausschreibung",
    "ausschreibung", "anzeige", "sendung", "video", "videos", "organisation", "agentur",
    "kanzlei", "praxis", "marke", "arbeitsweise", "erfolg", "erfolge", "wechsel",
    "wachstum", "werbebudget", "werbebudgets",
)  # fmt: skip
"""German nouns for the recipient's work, after "Ihr/dein/euer"."""

# Places and occasions where people meet, and groups they share ("auf der Messe",
# "in der Gruppe", "at the conference").
DE_PLACE_NOUNS: tuple[str, ...] = (
    "messe", "fachmesse", "jobmesse", "karrieremesse", "konferenz", "fachkonferenz",
    "tagung", "fachtagung", "jahrestagung", "kongress", "veranstaltung", "meetup",
    "meet-up", "barcamp", "event", "seminar", "workshop", "webinar", "networking",
    "netzwerktreffen", "stammtisch", "treffen", "afterwork", "session", "summit",
    "hackathon", "podiumsdiskussion", "sommerfest", "weihnachtsfeier", "schulung",
    "fortbildung", "weiterbildung", "kurs", "studium", "uni", "universität", "hochschule",
    "schule", "gruppe", "community", "forum", "alumni", "alumni-netzwerk", "verband",
    "verein", "netzwerk", "vortrag", "vortrags", "keynote", "panel", "kundentermin",
    "projekt",
)  # fmt: skip
"""German nouns for shared places, events and groups ("auf der Messe")."""

# Formal address, matched case-sensitively: only the capitalised forms are formal. "Sie"
# and "Ihr*" at the start of a sentence may mean she/they/her and are not counted.
SIE_FORMS: tuple[str, ...] = ("Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres")
"""Capitalised formal-address forms (matched case-sensitively)."""
# Formal forms that are unambiguous even at the start of a sentence.
SIE_ANYWHERE = frozenset({"Ihnen"})
# Informal address, any case (Du is capitalised in letters, lower-case in chat).
DU_FORMS: tuple[str, ...] = (
    "du",
    "dich",
    "dir",
    "dein",
    "deine",
    "deinen",
    "deinem",
    "deiner",
    "deines",
    "euch",
    "euer",
    "eure",
    "euren",
    "eurem",
    "eurer",
    "eures",
)
"""Informal-address forms (matched in any case)."""

# Stop words for language detection (lower case, whole \w+ tokens). Words common in both
# languages ("in", "an", "so", "was", "will", "also", "man", "war") are left out.
GERMAN_STOPWORDS: tuple[str, ...] = (
    "und", "ich", "sie", "nicht", "mit", "für", "fuer", "der", "die", "das", "ist", "ein",
    "eine", "einen", "einem", "auf", "zu", "den", "dem", "des", "wir", "es", "sich", "auch",
    "von", "bei", "wie", "dass", "daß", "sind", "habe", "haben", "hat", "mich", "mir",
    "ihnen", "ihr", "ihre", "ihren", "bin", "uns", "oder", "aber", "noch", "würde", "wuerde",
    "gerne", "gern", "über", "ueber", "sehr", "wenn", "nach", "im", "zum", "zur", "vom",
    "beim", "schon", "kann", "können", "koennen", "du", "dich", "dir", "dein", "deine",
    "mein", "meine", "meinen", "wäre", "freue", "viele", "grüße", "grüßen", "gruesse",
    "grüsse", "hallo", "vielen", "dank", "danke", "bis",
)  # fmt: skip
"""German stop words for language detection (lower case)."""

# Verbs of giving after "Ihnen/dir ... ": "Ihnen gerne die Folien schicken".
GIVING_VERBS = (
    "helfen", "weiterhelfen", "zeigen", "schicken", "senden", "zusenden", "vorstellen",
    "vermitteln", "empfehlen", "geben", "weitergeben", "teilen", "anbieten",
)  # fmt: skip

# Offers in German: help, an introduction, material, an idea.
OFFERS: tuple[str, ...] = (
    "(?:gerne|gern) (?:helfe|teile|vermittle|unterst(?:ü|ue)tze|stelle|sende|schicke|gebe|"
    "zeige|empfehle|verbinde|berate) ich",
    "(?:helfe|teile|vermittle|unterst(?:ü|ue)tze|sende|schicke|gebe|zeige|empfehle|verbinde)"
    " (?:ihnen|dir|euch|sie|dich) (?:gerne|gern)",
    "(?:helfe|teile|vermittle|unterst(?:ü|ue)tze|sende|schicke|gebe|zeige|empfehle|verbinde)"
    " (?:gerne|gern)",
    f"(?:kann|k{OE}nnte|darf) ich (?:ihnen|dir|euch) (?:helfen|behilflich)",
    f"(?:kann|k{OE}nnte) ich (?:helfen|etwas f{UE}r (?:sie|dich|euch) tun)",
    f"was kann ich f{UE}r (?:sie|dich|euch) tun",
    "wie kann ich (?:ihnen|dir|euch) helfen",
    f"etwas f{UE}r (?:sie|dich|euch) tun",
    "(?:ihnen|dir|euch) " + within(any_of(GIVING_VERBS), 3),
    "(?:ihnen|dir|euch|sie|dich) (?:gerne|gern) " + within(any_of(GIVING_VERBS), 3),
    "helfen kann",
    "weiterhelfen kann",
    "behilflich sein",
    "stehe " + within(f"zur verf{UE}gung", 3),
    "(?:biete|bieten) " + within("an", CLAUSE_WORDS),
    "ich biete",
    f"ich habe eine idee f{UE}r (?:sie|dich|euch)",
    f"ich h{AE}tte eine idee",
    f"eine idee f{UE}r (?:sie|dich|euch)",
    "im gegenzug",
    "revanchieren",
    "revanchiere",
)
"""German offer fragments (lower case)."""

# Default sales/pitch phrases in German (see
# :data:`knigge_engine.text.phrases.DEFAULT_SALES_PHRASES`).
DEFAULT_SALES_PHRASES: tuple[str, ...] = (
    "unser angebot",
    "unsere angebote",
    "exklusives angebot",
    "sonderangebot",
    "limitiertes angebot",
    "unverbindliches angebot",
    "unverbindliche beratung",
    "rabatt",
    "rabattcode",
    "gutschein",
    "jetzt kaufen",
    "jetzt bestellen",
    "jetzt zugreifen",
    "kostenloses erstgespräch",
    "kostenloses beratungsgespräch",
    "kostenlose beratung",
    "kostenlos testen",
    "gratis testen",
    "neukunden gewinnen",
    "mehr kunden",
    "umsatz steigern",
    "steigern sie ihren umsatz",
    "mehr umsatz",
    "umsatzsteigerung",
    "unsere dienstleistungen",
    "unsere leistungen",
    "unser produkt",
    "unsere produkte",
    "unsere lösung",
    "kostenloses webinar",
    "unser webinar",
    "unserem webinar",
    "zum webinar anmelden",
    "nur für kurze zeit",
    "geheimtipp",
    "geheimtipps",
    "passives einkommen",
    "finanzielle freiheit",
    "leadgenerierung",
    "leads generieren",
    "termin buchen",
    "termin sichern",
    "jetzt buchen",
)
"""German default pitch phrases (casefolded literals)."""
