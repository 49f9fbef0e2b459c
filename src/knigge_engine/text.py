"""Shared text analysis of a contact-request note or message.

Every rule that looks at the words of a note reads one :class:`TextAnalysis`, computed once
per event by a :class:`TextAnalyser`. The analysis is heuristic: it looks for salutations,
forms of address ("Sie"/"Du"), self-introductions, stated reasons, asks, offers and sales
phrases in German and English notes, and reports each finding as :data:`Evidence`, a slice
of the original text, so that rule messages can quote it.

Design constraints, because this runs on the per-event hot path:

* Linear in the text size. No pattern has a quantifier nested in another quantifier.
  "A few words between two anchors" is spelled as a chain of empty-or-one-word
  alternatives (see ``_within``), each word bounded and matched possessively, so every
  anchor occurrence costs bounded work.
* Offsets always index the original string. Matching runs on ``text.lower()`` (which keeps
  the length, unlike ``casefold()``, which turns "ß" into "ss"); the rare characters whose
  lowercase is longer than one code point are left as they are. Separators are turned
  into spaces in that copy, one character for one, so offsets still hold.
* One regex pass covers all phrase categories (plus small passes for the salutation and
  the forms of address). The phrases form a prefix tree behind a literal space, inside a
  lookahead: the engine jumps from word start to word start with a fast string search,
  rejects most words on their first letter, and phrases of different categories may
  overlap. Where two phrases start at the same word, only the longer-prefixed one counts.

The phrase lists below are *regex fragments* over lower-cased text, with two conveniences:
a space stands for any run of whitespace, and an apostrophe matches ``'`` or ``’``. A
fragment should begin with a plain letter, digit or a group of alternatives (which is
distributed into the tree), and must not contain capturing groups. ``ß``/``ss`` and
umlauts versus their transliterations ("ü"/"ue") are spelled out where they are common;
the word lists (``*_NOUNS``, ``*_NOT_INTRO``) get both spellings automatically.

Known limits (heuristics, not grammar): a phrase must follow a space or common separator
(",Ich bin" after a comma with no space is found; "xIch" is not); decomposed umlauts
("u" + combining diaeresis) do not match the precomposed phrases; "Sie"/"Ihr" at the
start of a sentence are never counted as formal, even when they are; the lists are
German and English only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import filterfalse, repeat
from typing import Any

import attrs

from ._patterns import compile_cached

__all__ = [
    "ANALYSIS_LIMIT",
    "ASKS",
    "CLOSER_WORDS",
    "DEFAULT_SALES_PHRASES",
    "DE_PLACE_NOUNS",
    "DE_ROLES",
    "DE_WORK_NOUNS",
    "DU_FORMS",
    "EMPTY",
    "ENGLISH_STOPWORDS",
    "EN_PLACE_NOUNS",
    "EN_ROLES",
    "EN_WORK_NOUNS",
    "GERMAN_STOPWORDS",
    "GREETINGS",
    "ICH_BIN_ADVERBS",
    "ICH_BIN_NOT_INTRO",
    "I_AM_ADVERBS",
    "I_AM_NOT_INTRO",
    "OFFERS",
    "OTHER_STOPWORDS",
    "REASONS",
    "REASON_QUESTIONS",
    "SALES_COUNT_NOUNS",
    "SALES_NUMBER_WORDS",
    "SALES_PATTERNS",
    "SELF_INTRODUCTIONS",
    "SHARED_CONTEXT",
    "SIE_FORMS",
    "Evidence",
    "TextAnalyser",
    "TextAnalysis",
    "analyse",
    "formal_salutation",
    "is_closer",
    "reason_question",
]

Evidence = tuple[str, int, int]
"""``(matched text as it appears in the input, start offset, end offset)``.

Offsets index the original string: ``text[start:end] == matched_text`` always holds.
"""

# --------------------------------------------------------------------------------------
# Word lists. Rule authors: these are the heuristics; extend them here, with tests.
# --------------------------------------------------------------------------------------

# Spelling variants used inside fragments: umlauts may be transliterated, ß may be "ss".
_UE = "(?:ü|ue)"
_AE = "(?:ä|ae)"
_OE = "(?:ö|oe)"
_SZ = "(?:ß|ss)"
_SPELLINGS = {"ä": ("ä", "ae"), "ö": ("ö", "oe"), "ü": ("ü", "ue"), "ß": ("ß", "ss")}
# One intermediate word in "Ihren <adjective> Vortrag" shapes (see _within); a comma
# may follow it ("Ihren kurzen, klugen Vortrag").
# Possessive ("++", Python 3.11+): a word that is not followed by a space fails at once
# instead of being retried at every shorter length.
_WORD_STEP = r"[\w-]{1,25}+,?\s++"
# How many words may stand between the parts of "wir haben uns ... kennengelernt" and
# "biete ... an" shapes.
_CLAUSE_WORDS = 8


def _variants(word: str) -> list[str]:
    """Spellings of a literal word: umlauts also transliterated, ß also as "ss"."""
    spellings = [""]
    for ch in word:
        spellings = [s + alt for s in spellings for alt in _SPELLINGS.get(ch, (ch,))]
    return spellings


def _literal(word: str) -> str:
    """Regex for one literal word: ``re.escape`` character by character, a space
    standing for any run of whitespace (what ``_tree`` makes of a single word)."""
    return "".join(r"\s+" if ch == " " else re.escape(ch) for ch in word)


def _tree(words: list[str]) -> str:
    """Regex alternation of literal words, shaped as a prefix tree."""
    if len(words) == 1:
        # A branch with one word left (most of a tree's depth): no recursion per
        # character (start-up: the phrase lists are built at import).
        return _literal(words[0])
    heads: dict[str, list[str]] = {}
    for word in words:
        if word:
            heads.setdefault(word[0], []).append(word[1:])
    alternatives = [
        (r"\s+" if head == " " else re.escape(head)) + _tree(tails) for head, tails in heads.items()
    ]
    if "" in words:
        alternatives.append("")  # last, so that longer words are tried first
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def _words(words: Iterable[str]) -> str:
    """One alternation matching any of the literal words, in all their spellings.

    Shaped as a prefix tree because the regex engine tries alternatives one by one: a
    tree rejects a whole family of words on a shared first letter.
    """
    key = tuple(words)
    found = _WORDS_BUILT.get(key)
    if found is None:
        found = _WORDS_BUILT[key] = _tree(sorted({v for w in key for v in _variants(w)}))
    return found


# _words by its words: several phrase lists use the same word lists (start-up).
_WORDS_BUILT: dict[tuple[str, ...], str] = {}


def _compound(nouns: str) -> str:
    """``nouns`` alone or as the last part of a hyphenated compound ("IHK-Veranstaltung")."""
    return f"(?:|\\w{{1,25}}+-){nouns}"


def _within(target: str, words: int = 2) -> str:
    """``target``, directly or after at most ``words`` other words (nearest first).

    Spelled ``(?:|W(?:|W))target`` rather than ``(?:W){0,2}target``: an empty
    alternative instead of a quantifier, so no quantifier is nested in another, each
    level does bounded work, and ``target`` appears once in the pattern.
    """
    gap = ""
    for _ in range(words):
        gap = f"(?:|{_WORD_STEP}{gap})"
    return gap + target


# Salutations that open a note. Matched only among the first few words of the text.
GREETINGS: tuple[str, ...] = (
    # German
    "hallo",
    f"hall{_OE}chen",
    "hallihallo",
    "hi",
    "hey",
    "hej",
    "moin moin",
    "moin",
    "moinsen",
    "servus",
    f"gr{_UE}{_SZ} gott",
    f"gr{_UE}{_SZ} dich",
    f"gr{_UE}{_SZ} sie",
    f"gr{_UE}{_SZ} euch",
    f"gr{_UE}ezi",
    "guten tag",
    "guten morgen",
    "guten abend",
    "sehr geehrter",
    "sehr geehrte",
    "sehr geehrtes",
    "werter",
    "werte",
    # "Liebe/r" also closes a letter ("Liebe Grüße"): excluded right here.
    f"lieber(?! gr{_UE}{_SZ})",
    f"liebes(?! gr{_UE}{_SZ})",
    f"liebe(?! gr{_UE}{_SZ})",
    # English
    "hello",
    "hiya",
    "howdy",
    "greetings",
    "good morning",
    "good afternoon",
    "good evening",
    "good day",
    "dear",
)
"""Salutation fragments (lower case); see the module docstring for the syntax."""

# Greetings that are also ordinary words ("ich liebe", "my dear colleague"): they count
# only as the first word of a sentence.
_AMBIGUOUS_GREETINGS = frozenset({"liebe", "lieber", "liebes", "dear", "werte", "werter"})

# How far into the note a salutation may start (in words before it), and a character
# window that certainly contains that many ordinary words.
_GREETING_MAX_WORDS_BEFORE = 5
_GREETING_WINDOW = 160

# Whom a German sender's business serves ("ich zeige Freelancern …").
_PITCH_CLIENTS_EN = (
    "founders", "companies", "businesses", "startups", "start-ups", "agencies", "brands",
    "entrepreneurs", "clients", "organizations", "organisations", "smbs", "freelancers",
)  # fmt: skip
_PITCH_CLIENTS_DE = (
    "unternehmen", "firmen", "kmu", "kmus", "freelancern", "selbstständigen",
    "selbststaendigen", "agenturen", "gründern", "gruendern", "kunden", "teams",
)  # fmt: skip

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
"""Adverbs skipped after "ich bin" before :data:`ICH_BIN_NOT_INTRO` is consulted."""
I_AM_NOT_INTRO: tuple[str, ...] = (
    "writing", "reaching", "contacting", "messaging", "looking", "hoping", "interested",
    "sure", "happy", "glad", "excited", "curious", "impressed", "sorry", "afraid", "not",
    "just", "really", "very", "so", "keen", "eager", "thrilled", "delighted", "grateful",
    "thankful", "wondering", "trying", "reading", "following", "going", "sending", "asking",
    "inviting", "pleased", "honored", "honoured", "certain", "confident", "convinced",
    "moving", "switching", "transitioning", "starting", "leaving", "relocating", "hiring",
    "aware", "here", "available", "free", "planning", "attending", "coming", "connecting",
    "building", "always", "still", "a fan", "a big fan", "a huge fan", "new to", "in touch",
    "inspired", "fascinated", "intrigued", "amazed", "seeking", "exploring", "open",
    "considering", "applying", "researching", "searching", "unsure", "unable", "able",
    "ready", "willing", "hopeful", "humbled", "motivated", "in the process",
    "in search", "on the lookout", "on the hunt", "in need", "a believer",
    "a big believer", "a firm believer", "a strong believer", "a great believer",
    "an admirer", "a big admirer", "a great admirer", "a huge admirer", "a follower",
    "a long-time follower", "a longtime follower", "a regular reader", "a long-time reader",
    "a longtime reader", "a reader of", "back", "writing to", "enjoying", "loving",
    "struck", "blown away", "preparing", "gathering", "kinda", "kind of", "sort of",
    "a bit", "a little", "unfamiliar", "familiar", "positive", "wondering",
)  # fmt: skip
"""Words after "I am"/"I'm" that make it a mood, not a self-introduction."""
# Adverbs that may stand between "I'm" and what follows; the words after them decide
# ("I'm currently looking" is a mood, "I'm currently a data analyst at …" an
# introduction).
I_AM_ADVERBS: tuple[str, ...] = (
    "currently", "also", "now", "actually", "particularly", "especially", "truly",
    "genuinely", "personally", "deeply", "quite", "incredibly", "extremely", "actively",
    "presently", "definitely", "certainly", "absolutely", "even", "already", "finally",
    "too", "honestly", "totally", "super",
)  # fmt: skip
"""Adverbs skipped after "I am"/"I'm" before :data:`I_AM_NOT_INTRO` is consulted."""

# Roles and occupations: "as a data engineer", "als Vertriebsleiterin", "I'm Anna, CEO of".
EN_ROLES: tuple[str, ...] = (
    "engineer", "developer", "recruiter", "manager", "founder", "co-founder",
    "consultant", "designer", "student", "researcher", "scientist", "analyst",
    "director", "ceo", "cto", "cfo", "coo", "cmo", "vp", "head", "lead", "specialist",
    "professional", "entrepreneur", "coach", "trainer", "marketer", "writer", "owner",
    "partner", "advisor", "adviser", "architect", "executive", "officer", "freelancer",
    "graduate", "intern", "teacher", "professor", "physician", "doctor", "nurse",
    "lawyer", "attorney", "accountant", "journalist", "photographer", "investor",
    "strategist", "editor", "producer", "programmer", "administrator", "associate",
    "assistant", "coordinator", "representative", "rep", "president", "principal",
    "undergraduate", "undergrad", "phd", "alum", "veteran", "expert",
)  # fmt: skip
"""English role nouns (lower case)."""
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

# The sender says who they are or what they do. The first match is reported.
SELF_INTRODUCTIONS: tuple[str, ...] = (
    # German
    "mein name ist",
    "mein name lautet",
    "ich hei(?:ße|sse)",
    f"ich bin(?! (?:{_words(ICH_BIN_ADVERBS)} |){_words(ICH_BIN_NOT_INTRO)}(?!\\w))",
    f"ich arbeite (?:als|bei|f{_UE}r|im|in|seit)",
    "ich leite",
    "ich verantworte",
    "ich betreue",
    "ich berate",
    "ich begleite",
    "ich studiere",
    "ich betreibe",
    f"ich gr{_UE}nde",
    "ich komme aus der",
    "ich helfe",
    "ich unterst(?:ü|ue)tze",
    "ich analysiere",
    "ich entwickle",
    "ich arbeite mit",
    "ich arbeite an",
    "ich bin teil",
    "seit [0-9][0-9]{0,1} jahren",
    "jahre erfahrung",
    "jahren erfahrung",
    "mein hintergrund",
    "beruflich (?:bin|arbeite|besch(?:ä|ae)ftige)",
    "wir helfen",
    "wir automatisieren",
    "wir analysieren",
    "wir entwickeln",
    "wir unterst(?:ü|ue)tzen",
    "wir bieten",
    "wir haben " + _within(_words(("entwickelt", "gebaut", "gegründet", "gegruendet")), 4),
    "ich habe " + _within(_words(("entwickelt", "gebaut")), 4),
    "besch(?:ä|ae)ftige ich mich",
    "hier (?:ist|schreibt) [\\w-]{1,25}+ (?:von|aus|bei)",
    "ich komme von der",
    "ich habe " + _within(f"gegr{_UE}ndet", 3),
    "bei uns",
    "in meiner (?:rolle|funktion|position|t(?:ä|ae)tigkeit) als",
    "darf ich mich vorstellen",
    "darf ich mich kurz vorstellen",
    f"ich m{_OE}chte mich kurz vorstellen",
    "kurz zu mir",
    "zu meiner person",
    "mein unternehmen",
    "meine firma",
    "mein team",
    "unser unternehmen",
    "unsere firma",
    "unser team",
    "wir sind ein",
    "wir sind eine",
    # The sender's firm in the "wir" form: "Wir sind die Acme GmbH und …", "Wir bauen
    # …", "Wir beraten …", "wir von Acme", "Unsere Agentur …" ("Wir sind der Meinung"
    # is an opinion, not a firm)
    "wir sind (?:die|das|der(?! (?:meinung|ansicht|auffassung|(?:ü|ue)berzeugung)))",
    "wir sind (?:spezialisiert|spezialisten|experten|ein team|seit [0-9])",
    "wir (?:bauen|betreiben|produzieren|vertreiben|beraten|begleiten|programmieren"
    "|gestalten|digitalisieren|organisieren|vermitteln|fertigen|liefern|schulen)",
    "wir von",
    "unsere (?:agentur|kanzlei|praxis|beratung|manufaktur|werkstatt)",
    "unser (?:startup|start-up|betrieb|b(?:ü|ue)ro|studio|produkt)",
    # English
    "my name is",
    "my name's",
    f"i am(?! (?:{_words(I_AM_ADVERBS)} |){_words(I_AM_NOT_INTRO)}(?!\\w))",
    f"i'm(?! (?:{_words(I_AM_ADVERBS)} |){_words(I_AM_NOT_INTRO)}(?!\\w))",
    "i work (?:at|as|for|in|on|with)",
    "i've been working",
    "i have been working",
    "i lead",
    "i run",
    "i head",
    "i manage",
    "i founded",
    "i co-founded",
    "i own",
    "i study",
    "i teach",
    "let me introduce myself",
    "i help",
    "i'm helping",
    "i specialize",
    "i specialise",
    "i build",
    "i built",
    "i've built",
    "i have built",
    "i develop",
    "i design",
    "i coach",
    "i advise",
    "i consult",
    "i recruit",
    "i focus on",
    "i do " + _within(_words(("strategy", "writing", "design", "consulting", "marketing",
                              "development", "research", "recruiting", "coaching")), 3),
    "my background",
    "background in",
    "i have a background",
    "i've spent",
    "i have spent",
    "i spent " + _within("years", 2),
    "i have " + _within("years", 3),
    "i've " + _within("years", 3),
    "with [0-9][0-9]{0,1}\\+? years",
    "i (?:just |recently |have |)applied",
    "i've (?:just |recently |)applied",
    "i (?:just |recently |)submitted my",
    "my consultancy",
    "my agency",
    "my business",
    "my startup",
    "my start-up",
    "my firm",
    "my studio",
    "my practice",
    "fellow " + _within("(?:here|too)", 3),
    "built (?:a|an|the|my|our)",
    "i (?:just |recently |)(?:finished|launched|created|developed|released|shipped|"
    "co-founded|started) (?:a|an|my|our)",
    "i just finished helping",
    "i do these",
    "ich zeige " + _within(_words(_PITCH_CLIENTS_DE), 1),
    "als [\\w-]{1,30}+ (?:bei|f(?:ü|ue)r) (?:der|die|dem|den|einer|einem|einem)",
    "fellow (?:sales|marketing|product|data|software|design|content|hr|finance|tech|it)",
    "as someone who",
    "most recently as",
    "just helped",
    "i recently helped",
    "i've helped",
    "i have helped",
    "i work with",
    "i'm working (?:at|with|for|on)",
    "i'm also in",
    "i am also in",
    "we help",
    "we work with",
    "we build",
    "we provide",
    "we offer",
    "we specialize",
    "we specialise",
    "we connect",
    "allow me to introduce myself",
    # with an adverb between: "I currently work at", "I also run", "I recently joined"
    "i (?:currently|also|now|recently|previously|actually|just) (?:work|lead|run|head|manage"
    "|study|teach|coach|advise|build|help|founded|joined|started|graduated|worked|led|ran"
    "|managed|completed|moved into|oversee|own)",
    "i (?:just |recently |)joined",
    "i (?:worked|have worked|'ve worked|previously worked) (?:at|as|for|in|with|on)",
    "(?:i graduated|graduated from|recent graduate|a graduate of|i'm graduating|i am graduating)",
    "being (?:a|an) " + _within(_words(EN_ROLES), 3),
    # a title without article: "as Head of Data at …", "as CEO of …"
    "as (?:head|ceo|cto|cfo|coo|cmo|vp|director|founder|co-founder|lead|managing director"
    "|partner|owner|president|chair) (?:of|at|for)",
    "currently (?:working|studying|leading|running|pursuing|completing|serving|employed"
    "|based|teaching|building) (?:at|as|in|for|on|with|a|an|my|the)",
    "i'm responsible for",
    "i am responsible for",
    "i oversee",
    # German, with an adverb or the verb second: "ich arbeite derzeit als", "bin ich als"
    "ich arbeite (?:derzeit |aktuell |momentan |gerade |seit [\\w-]{1,20}+ |)"
    f"(?:als|bei|f{_UE}r|im|in)",
    f"(?:bin|arbeite) ich (?:als|bei|seit|f{_UE}r|im|in der|verantwortlich|zust{_AE}ndig"
    f"|t{_AE}tig)",
    f"(?:ich bin |bin ich |)(?:verantwortlich|zust{_AE}ndig) f{_UE}r",
    f"t{_AE}tig (?:als|bei|im)",
    "ich habe " + _within("studiert", 4),
    "mein studium",
    "meine ausbildung",
    "ich mache (?:gerade |derzeit |aktuell |)(?:meinen|meine|ein|eine|mein) (?:master|bachelor"
    "|ausbildung|studium|promotion|praktikum|mba|referendariat)",
    "im rahmen meines (?:studiums|masters|bachelors|praktikums|mba)",
    "ich schreibe (?:gerade |derzeit |)(?:meine|eine) (?:bachelorarbeit|masterarbeit"
    "|abschlussarbeit|doktorarbeit|dissertation)",
    "ich komme aus dem",
    "as (?:a|an|the) " + _within(_words(EN_ROLES), 3),
    # "als Junior Product Manager", "als Vertriebsleiterin" (a compound ends in the role)
    "als " + _within(r"[\w-]{0,25}?" + _words(DE_ROLES + EN_ROLES), 2),
    # "after 6 years in student events", "nach 10 Jahren im Vertrieb"
    "(?:[0-9][0-9]?\\+?|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty) "
    "years (?:in|as|at|of experience|of work|working|leading|building)",
    f"(?:nach|mit|{_UE}ber) (?:[0-9][0-9]?|zwei|drei|vier|f{_UE}nf|sechs|sieben|acht|neun|zehn"
    "|zw(?:ö|oe)lf|f(?:ü|ue)nfzehn|zwanzig) jahren (?:als|im|in|bei|erfahrung)",
    "this is [\\w-]{1,25}+ (?:from|at|with|here)",
    "[\\w-]{1,25}+ here from",
    "a bit about me",
    "about myself",
    "my company",
    "my team",
    "our company",
    "our team",
    "we are a",
    "we're a",
    "we(?:'re| are) building",
    "i support " + _within(_words((*_PITCH_CLIENTS_EN, "people", "teams", "leaders")), 2),
    "(?:i've|i have) been doing " + _within("for (?:[0-9][0-9]?\\+?|over [0-9]+) years", 6),
    "here at",
)
"""Self-introduction fragments (lower case), German then English."""

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
EN_WORK_NOUNS: tuple[str, ...] = (
    "talk", "talks", "post", "posts", "article", "articles", "book", "books", "work",
    "podcast", "paper", "papers", "presentation", "keynote",
    "session", "workshop", "webinar", "research", "project", "projects", "startup", "blog",
    "newsletter", "interview", "video", "videos", "course", "comment", "comments", "thread",
    "product", "publication", "study", "panel", "discussion", "contribution", "answer",
    "achievement", "achievements", "promotion", "posting", "job posting", "listing",
    "opening", "efforts", "initiative", "campaign", "launch", "release", "library",
    "repository", "repo", "package", "app", "tool", "team", "piece", "story", "speech",
    "remarks", "ideas", "writing", "essay", "op-ed", "episode", "show", "channel",
    "organization", "organisation", "business", "firm", "agency", "mission", "leadership",
    "approach", "transition", "move", "recent", "latest", "keynote",
    "lecture", "book", "series", "company's", "team's", "startup's", "work's", "report",
    "analysis", "take", "tips", "advice", "role", "department", "lab",
)  # fmt: skip
"""English nouns for the recipient's work, after "your"."""
# What every profile shows ("your experience", "your career"): a reason only with
# something specific after it ("your experience at Siemens", "your career in audit").
EN_GENERIC_NOUNS: tuple[str, ...] = (
    "insights", "perspective", "thoughts", "experience", "background", "career", "journey",
    "expertise", "path", "success",
)  # fmt: skip
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
EN_PLACE_NOUNS: tuple[str, ...] = (
    "conference", "meetup", "meet-up", "summit", "event", "workshop", "webinar", "fair",
    "expo", "trade show", "session", "panel", "hackathon", "group", "community", "forum",
    "program", "programme", "course", "class", "bootcamp", "university", "school", "alumni",
    "networking", "dinner", "talk", "keynote", "seminar", "convention", "festival", "party",
    "mixer", "offsite", "slack", "channel", "discord", "career fair", "job fair",
    "bootcamp", "cohort", "chapter", "meetup group",
)  # fmt: skip
"""English nouns for shared places, events and groups ("at the meetup")."""

# "Ihr/dein/euer" in all cases, and the articles before a place ("auf der", "bei einem").
_POSSESSIVES = (
    "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres", "dein", "deine", "deinen", "deinem",
    "deiner", "deines", "euer", "eure", "euren", "eurem", "eurer", "eures",
)  # fmt: skip
_ARTICLES = (
    "der", "dem", "den", "die", "das", "einer", "einem", "eine", "unserer", "unserem",
    "unsere",
)  # fmt: skip

# Pages every visitor sees ("your profile", "Ihre Website", "your company page"): no
# reason to contact *this* person, so phrases that would otherwise count ("I came across
# your", "weil ich Ihr Profil") do not when one of these follows.
_EN_PAGES = _words((
    "profile", "website", "web site", "site", "homepage", "home page", "page",
    "company page", "company profile", "company website", "business page",
))  # fmt: skip
_DE_PAGES = _words((
    "profil", "profils", "website", "webseite", "homepage", "seite", "internetseite",
    "unternehmensseite", "firmenseite", "unternehmensprofil", "firmenprofil",
))  # fmt: skip
_EN_SAW = "(?:saw|found|came across|visited|viewed|checked|looked at)"
_DE_YOUR_PAGE = f"(?:|auf ){_words(_POSSESSIVES)} {_DE_PAGES}"


# Growing one's own network is no reason to contact *this* person ("because I want to
# expand my network", "weil ich mein Netzwerk erweitern möchte").
_EN_MY_NETWORK = ("i (?:want|would like|'d like|am looking|'m looking|hope|wish|aim|am trying"
                  "|'m trying) to (?:expand|grow|build|broaden|extend|widen) my")
_EN_GROWING_NETWORK = ("(?:looking|trying|hoping|keen|eager|aiming|working) to (?:expand|grow"
                       "|build|broaden|extend|widen) my")
_DE_MY_NETWORK = ("ich (?:mein|meine) " + _within("(?:netzwerk|kontakte|reichweite)", 2))
# Where anyone is seen: "I saw you in my feed", "noticed you in People you may know".
_EN_ANYWHERE = ("(?:on|in|via|through) (?:here|this platform|this site|the platform|my feed"
                "|the feed|people you may know|my suggestions|the suggestions|search"
                "|my network|social media)")


def _unless(tail: str) -> str:
    """Lookahead: the phrase before it does not count when `` tail`` follows it."""
    return f"(?! {tail}(?!\\w))"


# Where the two met, a group or community they share, a mutual contact or a referral:
# a shared context (KN206), and also a reason to write (KN102). All matches are reported.
SHARED_CONTEXT: tuple[str, ...] = (
    # German: where you met
    "wir haben uns "
    + _within(
        _words(
            (
                "kennengelernt",
                "kennen gelernt",
                "getroffen",
                "gesehen",
                "unterhalten",
                "ausgetauscht",
                "gesprochen",
            )
        ),
        _CLAUSE_WORDS,
    ),
    "wir sind uns " + _within("begegnet", _CLAUSE_WORDS),
    f"wir kennen uns (?:von|aus|{_UE}ber|vom|seit)",
    "kennengelernt",
    "kennen gelernt",
    _words(("auf", "bei", "von", "nach", "seit", "aus", "in", "über", "während"))
    + " "
    + _words(_ARTICLES)
    + " "
    + _within(_compound(_words(DE_PLACE_NOUNS))),
    _words(("beim", "vom", "zum", "am")) + " " + _within(_compound(_words(DE_PLACE_NOUNS))),
    # German: mutual contacts and recommendations
    "gemeinsame (?:kontakte|bekannte|freunde|interessen|gruppe|gruppen)",
    "gemeinsamen (?:kontakt|kontakte|kontakten|bekannten|freund|freunde|interessen|gruppen)",
    "gemeinsamer (?:kontakt|bekannter|freund)",
    "empfohlen",
    "weiterempfohlen",
    "empfehlung",
    "verwiesen",
    f"{_UE}ber (?:die|unsere) gruppe",
    "in der gruppe",
    "aus der gruppe",
    "in der community",
    "aus der community",
    "gleiche (?:schule|uni|universit(?:ä|ae)t|hochschule)",
    "ehemalige kollegin",
    "ehemaliger kollege",
    "ehemalige kollegen",
    # English: where you met
    "we met",
    "met you",
    "meeting you",
    "we spoke",
    "we talked",
    "we chatted",
    "saw you (?:speak|present|at|on stage|attended)",
    "you attended",
    "heard you speak",
    "(?:at|during|after|from|in|through|via) (?:the|a|an|our|this|last|your|yesterday's|"
    "last week's|today's) "
    + _within(_compound(_words(EN_PLACE_NOUNS)), 3),
    # English: mutual contacts and recommendations
    # "mutual contacts", not "mutual benefit"
    "mutual" + _unless(_words(("benefit", "benefits", "interest", "interests", "growth",
                               "support", "success", "value", "respect", "opportunities",
                               "learning", "gain"))),
    "common connection",
    "common connections",
    "shared connection",
    "shared connections",
    "recommended",
    "referred me",
    "referred by",
    "suggested (?:i|that i|we|you)",
    "introduced me",
    "pointed me",
    "mentioned you",
    "we both",
    "we share",
    "fellow (?:alum|alums|alumni|alumnus|alumna|member|members|student|students|attendee|"
    "attendees|speaker|speakers|participant|participants|volunteer|volunteers|mentor|mentors)",
    "alumni",
    "alumnus",
    "alumna",
    "former colleague",
    "former colleagues",
    "we worked together",
    "worked with you",
    "connecting from the",
    "connect from",
    "connecting from",
    "(?:great|nice|good|lovely) (?:talking|speaking|chatting|meeting) (?:to|with) you",
    "(?:great|nice|good|lovely) to (?:talk|speak|chat|meet) (?:to|with) you",
    "talk to you at",
    "career fair",
    "job fair",
    "group member",
    "both connected to",
    "we're both",
    "we are both",
    "in the same group",
    "slack channel",
    "slack group",
    "discord server",
    "(?:also|both) (?:a )?members? of",
    # Praise of an occasion both attended: "what a great web meeting!", "thanks for a
    # lovely evening at the meetup"
    "(?:what a|such a|thanks for a|thank you for a|thanks for the|thank you for the|enjoyed "
    "the|loved the) "
    + _within(_compound(_words((*EN_PLACE_NOUNS, "meeting", "evening", "call", "roundtable"))),
              6),
    f"(?:was f{_UE}r ein|danke f{_UE}r (?:den|das|die)) "
    + _within(_compound(_words(DE_PLACE_NOUNS)), 3),
)
"""Shared-context fragments (lower case): where you met, shared groups, mutual contacts,
referrals. They also count as reasons."""

# Why *this* person besides a shared context: a reference to their work or a concrete
# concern. All matches are reported (with the shared-context matches) as reasons.
REASONS: tuple[str, ...] = (
    # German: their work ("Ihr Vortrag", "Ihren spannenden Beitrag", "dein Post")
    _words(_POSSESSIVES) + " " + _within(_compound(_words(DE_WORK_NOUNS))),
    # German: a concrete concern
    "weil" + _unless("ich " + _DE_YOUR_PAGE) + _unless(_DE_MY_NETWORK),
    "da ich" + _unless(_DE_YOUR_PAGE) + _unless(_DE_MY_NETWORK),
    "da wir",
    "ich interessiere mich",
    "interessiere mich",
    "mein interesse",
    f"ich besch{_AE}ftige mich",
    "aus diesem grund",
    f"bez{_UE}glich",
    "bzgl",
    "es geht um",
    "zum thema",
    "ich habe gesehen",
    "ich habe gelesen",
    "habe gesehen",
    "ich sehe(?:,|) (?:dass |)(?:sie|du)",
    "(?:sie|du) (?:sind|bist) (?:in|im|als|bei)",
    "(?:analysiert|verglichen)",
    "mir sind " + _within("aufgefallen", 4),
    "(?:dein|deine|ihr|ihre) (?:portfolio|arbeiten|beitr(?:ä|ae)ge|website analysiert)",
    f"(?:sie|du) (?:arbeiten|arbeitest|sind|bist) (?:bei|f{_UE}r)",
    f"(?:ihre|deine) (?:arbeit|rolle|position|t{_AE}tigkeit|aufgabe) (?:bei|f{_UE}r|im|in)",
    "(?:die|der|ihre|deine|eine) (?:diskussion|debatte) (?:zu|zum|zur|um|über|ueber|in)",
    f"(?:gleichen|selben|{_AE}hnlichen) (?:branche|bereich|feld|gebiet)",
    # English: their work ("your talk", "your recent post")
    "your " + _within(_compound(_words(EN_WORK_NOUNS))),
    "your " + _within(_words(EN_GENERIC_NOUNS) + " (?:at|in|with|on|as|building|leading|"
                      "across|from|moving|going)", 1),
    # "your company", but not "your company page" or "your company's website"
    # "your company" fits every reader: a reason only with something about it ("your
    # company's move into Spain", "your company is hiring", "your company, Acme,").
    "your " + _within(
        "company(?:'s (?!" + _EN_PAGES + "(?!\\w))[\\w-]{2,25}+"
        "|(?:,? [\\w.&-]{2,30}+,?|) (?:is|was) (?:hiring|expanding|growing|launching|building"
        "|moving|opening|looking|recruiting"
        "|searching)| (?:just |recently |)(?:launched"
        "|released|announced|opened|won|raised|acquired|hired)| (?:runs|handles|does|uses"
        "|approaches|manages|builds|makes|treats|hires|scales|ships|serves|supports))"),
    "same field",
    "same industry",
    # English: their employer or a discussion they took part in
    "you (?:work|worked|are working) (?:at|for|in|on)",
    "you're (?:at|with|working)",
    "your (?:role|team|work|position|time) (?:at|with|in)",
    "(?:the|your|a) (?:discussion|thread|debate|conversation) (?:on|about|in|around)",
    "your (?:comment|comments|answer|question|reply|contribution) (?:on|in|to|about|under)",
    "(?:i |i've |i have |just |recently |)applied (?:for|to)",
    "submitted my (?:application|resume|cv)",
    "(?:the|this|a|your) [\\w-]{1,30}+ (?:role|position|opening|vacancy) "
    "(?:at|on|with|through|in|you)",
    "role (?:at|on|with) (?:your|the)",
    "saw your" + _unless(_EN_PAGES),
    "noticed your" + _unless(_EN_PAGES),
    "saw (?:you're|you are|that you|you)" + _unless(_EN_ANYWHERE),
    "noticed (?:you|that you)" + _unless(_EN_ANYWHERE),
    "(?:been |)following (?:your|[\\w-]{1,30}+'s)",
    "'s (?:work|approach|mission|growth|journey) (?:on|to|in|with)",
    "you're (?:hiring|building|scaling|growing|recruiting|the)",
    "you are (?:hiring|building|scaling|growing|recruiting|the)",
    "you recruit",
    "learning from how",
    "learn from how",
    "your (?:note|content|intro|introduction|portfolio|message|request|newsletter)",
    "you subscribed",
    "your (?:recent |)(?:connection |)(?:request|invitation|invite)",
    "checked out my",
    "i (?:analyzed|analysed|reviewed|audited|researched) your",

    # English: a concrete concern
    "because" + _unless(f"i {_EN_SAW} your {_EN_PAGES}") + _unless(_EN_MY_NETWORK),
    "since i" + _unless(f"{_EN_SAW} your {_EN_PAGES}") + _unless(_EN_MY_NETWORK[2:]),
    "since we",
    "as i am" + _unless(_EN_GROWING_NETWORK),
    "as i'm" + _unless(_EN_GROWING_NETWORK),
    "interested in your" + _unless(_EN_PAGES),
    "interested in learning",
    "curious about your" + _unless(_EN_PAGES),
    "regarding",
    "i noticed" + _unless(f"(?:|on )your {_EN_PAGES}"),
    "i saw that you",
    "i read your" + _unless(_EN_PAGES),
    "i came across your" + _unless(_EN_PAGES),
    "i admire",
    # English: news, interests and questions that concern this person
    # "I read data-monk often", "I follow Bytes religiously": their publication by name
    "i (?:read|follow|watch|listen to) [\\w.-]{2,30}+ (?:often|regularly|religiously|daily"
    "|weekly|every)",
    "congratulations on",
    "congrats on",
    "(?:enjoyed|loved|liked|appreciated) (?:reading|hearing|listening|watching|learning)",
    "what you(?:'re| are) (?:building|doing|working on|creating)",
    "you (?:posted|shared|wrote|published|presented|spoke|gave|hosted|organized|organised"
    "|recently|mentioned)",
    "(?:told|tells|telling) me about you",
    "(?:mentioned|gave me|passed along|shared) your name",
    "your name came up",
    "(?:speaks|spoke|speak) (?:highly|very highly) of you",
    "at the suggestion of",
    "on the recommendation of",
    "sent me your way",
    "applying (?:for|to)",
    "interested in (?:the|joining|working|roles|opportunities|positions|a career|careers"
    "|pursuing|transitioning|moving|breaking|getting)",
    "(?:reaching out|writing|getting in touch|contacting you) (?:about|regarding|with a "
    "question|to ask|to learn|to inquire|to enquire|in connection with)",
    "(?:a|one|quick|short|specific) question (?:about|regarding|on|for you about)",
    "in common",
    "(?:same|similar) (?:role|roles|space|area|city|team|program|programme|school|university"
    "|company|background|path|journey|interests|field|industry|work)",
    "my (?:research|thesis|dissertation|project|paper|study) (?:on|about|into|in)",
    "i'm (?:working on|writing|researching|putting together) (?:a|an|my)",
    # German: news, interests and questions that concern this person
    f"(?:gratulation|gratuliere|herzlichen gl{_UE}ckwunsch) (?:zu|zum|zur|ihnen|dir)",
    "ausgeschrieben",
    "ausgeschriebene",
    "ausgeschriebenen",
    "ich verfolge",
    "verfolge ich",
    "folge (?:ihnen|dir|euch)",
    f"ich lese (?:ihre|deine|regelm{_AE}{_SZ}ig|gerne|gern|seit)",
    "da (?:sie|du)",
    "(?:wie|genau wie) (?:sie|du) (?:auch|bin|arbeite)",
    "(?:eine|meine|kurze) frage (?:zu|zum|zur|bez|an sie|an dich|zu ihrem|zu deinem)",
    "(?:melde|wende) mich (?:bei (?:ihnen|dir|euch) |an (?:sie|dich|euch) |)"
    "(?:wegen|bez|aufgrund|mit einer frage|mit einer bitte|in sachen)",
    "(?:ihr|dein) name (?:fiel|ist gefallen|wurde)",
    # What the sender knows about the recipient's role, employer or move, said to them:
    # "I see you lead the data team", "looks like you're based in Hamburg", "you made
    # the same switch", "Sie leiten das Controlling bei …", "du hast … gewechselt"
    "i see (?:that |)(?:you|your)" + _unless(_EN_ANYWHERE) + _unless(_EN_PAGES),
    "(?:it |)(?:looks|seems) like (?:you|your)" + _unless(_EN_PAGES),
    "i (?:heard|learned|read|understand) (?:that |about |)(?:you|your)" + _unless(_EN_PAGES),
    "you (?:lead|head|run|manage|oversee|founded|co-founded|started|launched|joined|made"
    "|moved|switched|transitioned|passed|organize|organise|host|teach|built|grew|scaled)"
    " (?:the|a|an|your|this|that|it|[\\w-]{1,25}+'s|at|for|into|from|to|over)",
    "where you (?:work|lead|are|'re|run|teach|study|studied|worked)",
    "(?:sie|du) (?:leiten|leitest|verantworten|verantwortest|f(?:ü|ue)hren|f(?:ü|ue)hrst"
    "|betreuen|betreust|organisieren|organisierst|unterrichten|unterrichtest) "
    "(?:das|die|den|ein|eine|einen|bei|seit|f(?:ü|ue)r|im|in)",
    "(?:sie haben|du hast|haben sie|hast du) " + _within(_words((
        "geschrieben", "gepostet", "geteilt", "veröffentlicht", "veroeffentlicht",
        "erwähnt", "erwaehnt", "vorgestellt", "gesprochen", "präsentiert", "praesentiert",
        "gegründet", "gegruendet", "aufgebaut", "gewechselt", "übernommen", "uebernommen",
        "gestartet", "organisiert", "moderiert", "gewonnen", "abgeschlossen")), 5),
    "(?:wie ich sehe|ich sehe gerade)",
    "(?:gehört|gehoert|gelesen|erfahren)(?:,|) dass (?:sie|du)",
    "ich habe von (?:ihnen|ihrer|ihrem|ihren|dir|deiner|deinem|deinen)",
    # Both in one place or plan: "we'll both be at Web Summit", "wir sind beide in
    # Hamburg im E-Commerce"
    "we(?:'ll| will) both",
    "both of us",
    "wir (?:sind|waren|arbeiten|kommen|studieren|haben|werden) beide",
    "wir beide",
    # A reason tied to them in a subordinate clause or as praise of something specific:
    # "since you've led …", "given your work in …", "impressed by Acme's growth", "the
    # work you do on …", "how you scaled …", "noticed Acme is hiring"
    "since you(?:'ve| have|'re| are| were| did| led| built| work| worked|)",
    "given (?:your|that you|you)",
    "(?:impressed|inspired|fascinated|intrigued|struck) by (?:your|what|how|the way"
    "|[\\w.&-]{1,30}+'s)",
    "the work you(?:'re| are|'ve| have| do| did)",
    "how you (?:built|grew|scaled|lead|led|approach|approached|handle|handled|run|ran"
    "|managed|made|got|went|moved|switched|transitioned)",
    "(?:noticed|saw|see|read|heard) (?:that |)[\\w.&-]{2,30}+ (?:is|are|has|have|just"
    "|recently|was|won|raised|launched|opened)" + _unless(_words(("a", "an", "the"))),
    "aufmerksam geworden (?:durch|(?:ü|ue)ber|bei|auf)",
    # A job application naming the reader's firm or opening: "dass Ihr Unternehmen
    # einen Data Engineer sucht", "dass Sie eine Werkstudentin suchen", "Ihr Team
    # stellt ein", "I saw that your company Acme was hiring"
    "dass (?:sie|du|ihr unternehmen|ihr team|ihre firma|ihre abteilung|euer team) "
    + _within(_words(("suchen", "sucht", "suchst", "einstellen", "einstellt", "einstellst",
                      "verstärken", "verstaerken", "verstärkung", "verstaerkung")), 5),
    "(?:ihr|dein|euer) (?:unternehmen|team|firma) (?:sucht|stellt|expandiert|w(?:ä|ae)chst)",
    # A question or a figure about the reader's firm, or the reader as the source: "Does
    # Acme have a plan for NIS2?", "Hat Acme schon einen Plan …?", "Acme wächst 30% pro
    # Jahr", "du und Tom habt mir erzählt …", "eures Werbebudgets"
    "does (?!(?:anyone|anybody|someone|somebody|everyone|that|this|it|he|she|one|what|not"
    "|the|a|an)(?!\\w))[\\w.&-]{2,30}+ (?:have|use|already|still|plan|need|run|offer)",
    "hat (?!(?:er|sie|es|man|jemand|das|dies|mir|sich)(?!\\w))[\\w.&-]{2,30}+ (?:schon|bereits"
    "|eigentlich|aktuell) (?:einen|eine|ein)",
    "(?:is growing|grows|w(?:ä|ae)chst) (?:by |um |)[0-9]",
    "(?:hat|haben|hast|habt) mir (?:von (?:ihnen|dir|euch) |)(?:erz(?:ä|ae)hlt|berichtet)",
    "(?:sie|du) (?:arbeiten|arbeitest) (?:im|in der|in|als|an|am)",
    "wie (?:sie|du) (?:ihr|ihre|ihren|dein|deine|deinen|das|die|den) ",
)
"""Reason fragments (lower case): their work or a concern (see also SHARED_CONTEXT)."""

# The note asks for something: a job, an introduction, a call or meeting, a purchase,
# feedback, or is phrased as a request ("könnten Sie", "could you").
ASKS: tuple[str, ...] = (
    # German: job
    "offene stelle",
    "offene stellen",
    "eine stelle",
    "die stelle",
    "neue stelle",
    "stellenangebot",
    "stellenangebote",
    "jobangebot",
    "offene position",
    "eine position",
    "neue position",
    "praktikum",
    "praktikumsplatz",
    "werkstudentenstelle",
    "bewerbung",
    "bewerben",
    "auf der suche nach",
    "ich suche",
    # German: introduction
    f"vorstellen k{_OE}nnten",
    f"vorstellen k{_OE}nnen",
    f"vorstellen w{_UE}rden",
    f"vorstellen k{_OE}nntest",
    "stellen sie mich",
    "stellst du mich",
    "bekannt machen",
    "kontakt herstellen",
    "kontakt vermitteln",
    f"vermitteln k{_OE}nnten",
    f"empfehlen k{_OE}nnten",
    "in kontakt bringen",
    # German: call, meeting, time
    "telefonat",
    "telefonieren",
    "anruf",
    "anrufen",
    "termin",
    "terminvorschlag",
    f"gespr{_AE}ch",
    "videocall",
    "call",
    "einen call",
    "ein meeting",
    "ein kurzes meeting",
    "auf einen kaffee",
    "kaffee trinken",
    "[0-9][0-9]{0,2} minuten",
    f"(?:zehn|f{_UE}nfzehn|zwanzig|drei{_SZ}ig|ein paar|einige) minuten",
    f"h{_AE}tten sie zeit",
    "haben sie zeit",
    "hast du zeit",
    f"h{_AE}ttest du zeit",
    "wann passt es",
    f"wann h{_AE}tten sie",
    # German: a request
    f"k{_OE}nnten sie",
    f"k{_OE}nnen sie",
    f"w{_UE}rden sie",
    f"w{_AE}ren sie",
    "kannst du",
    f"k{_OE}nntest du",
    f"w{_UE}rdest du",
    f"w{_AE}rst du",
    f"w{_AE}re es m{_OE}glich",
    "darf ich sie fragen",
    "darf ich dich fragen",
    f"ich m{_OE}chte sie bitten",
    "ich bitte",
    "bitte um",
    "meine frage",
    f"h{_AE}tten sie interesse",
    "haben sie interesse",
    # German: purchase
    "kaufen",
    "kauf",
    "bestellen",
    "bestellung",
    "erwerben",
    "buchen",
    "auftrag",
    # German: feedback, advice
    "feedback",
    f"r{_UE}ckmeldung",
    f"ihre einsch{_AE}tzung",
    "ihre meinung",
    "ihren rat",
    f"deine einsch{_AE}tzung",
    "deine meinung",
    "deinen rat",
    # English: job ("job" alone is a topic, not an ask)
    "a job",
    "any jobs",
    "open position",
    "a position",
    "the position",
    "new role",
    "opening",
    "openings",
    "vacancy",
    "vacancies",
    "are you hiring",
    "looking for a job",
    "looking for work",
    "looking for a new",
    "referral",
    "refer me",
    "apply for",
    "apply to",
    # English: introduction
    "introduce me",
    "introduction to",
    "an introduction",
    "an intro",
    "intro to",
    "put me in touch",
    "connect me with",
    "connect me to",
    "put in a good word",
    # English: call, meeting, time
    "a call",
    "phone call",
    "quick call",
    "quick chat",
    "a chat",
    "coffee",
    "a meeting",
    "meet up",
    "[0-9][0-9]{0,2} minutes",
    "(?:ten|fifteen|twenty|thirty|a few) minutes",
    "your time",
    "hop on",
    "jump on",
    "schedule a",
    "schedule time",
    "book a time",
    "set up a time",
    "time to talk",
    "available for",
    "do you have time",
    # English: a request
    "would you",
    "could you",
    "can you",
    "will you",
    "would it be possible",
    "are you open to",
    "may i ask",
    "i was wondering if",
    "i'd like to ask",
    # English: purchase
    "buy",
    "purchase",
    "place an order",
    "sign up",
    "subscribe",
    # English: feedback, advice
    "feedback",
    "your advice",
    "your opinion",
    "your thoughts on",
    "your input",
    "pick your brain",
    "your perspective",
    "learn more about (?:[\\w-]{1,25}+'s |)" + _within(_words((
        "hiring", "process", "role", "roles", "position", "positions", "recruiting",
        "interview", "interviews", "openings", "internship", "internships", "vacancy")), 3),
    "curious to learn",
    "curious to hear",
    "love to hear",
    "let me know when",
    "(?:love|like|want|glad|happy|able) to (?:chat|talk|speak) (?:with|to) you",
    "(?:like|love|want) to know more",
    "please let me know",
    "get some leads",
    "would like to ask",
    "i'd appreciate",
    "i would appreciate",
    "on your radar",
    "keep me in mind",
    "keep me posted",
    "find my resume",
    # German: conversation, advice, information
    "freue mich auf (?:einen|ein|das|den) (?:kurzen |)(?:gespr(?:ä|ae)ch|telefonat)",
    "interesse an einem",
    "wollen sie wissen",
    "lassen sie mich wissen",
    "lass mich wissen",
    "melden sie sich",
    "ihre perspektive",
    "deine perspektive",
    # English: learning from them, advice, guidance
    "(?:love|like|hoping|hope|keen|eager|want|glad) to learn (?:more |a bit more |)"
    "(?:about|from|how)",
    "(?:any|some) (?:advice|tips|guidance|insights|suggestions|recommendations|pointers"
    "|direction)",
    "words of wisdom",
    "mentorship",
    "mentor me",
    "informational (?:interview|chat|call|conversation)",
    "virtual coffee",
    "coffee chat",
    "grab (?:a |)coffee",
    "catch up",
    "catch-up",
    "(?:brief|short|quick|15-minute|15-min|20-minute|20-min|30-minute|phone|video|zoom"
    "|intro|exploratory) (?:call|chat|conversation|meeting)",
    "a (?:brief |short |quick |)(?:conversation|discussion)",
    "let's (?:chat|talk|connect for|meet|grab|set up|schedule|find a time|hop)",
    "(?:speak|talk|chat) with you (?:about|more|further|briefly|sometime)",
    "if you have (?:a few minutes|a moment|a minute|some time|time)",
    "when you have (?:a moment|a minute|some time|time)",
    "would you be (?:open|willing|available|interested|able)",
    "are you (?:available|free|open to)",
    "do you have (?:a few|any|some|a moment|a minute|15|10|20|30)",
    "would you mind",
    "(?:i'd|i would|i'll|i will) be (?:very |really |so |truly |)grateful",
    "grateful if",
    "appreciate (?:it if|any|your help|your advice|your time|a)",
    "it would mean a lot",
    "(?:review|take a look at|look at|check out|glance at) my",
    "feedback on my",
    "consider me",
    "considered for",
    "recommend me",
    "vouch for me",
    "(?:pass|forward|share) (?:along |on |)my (?:resume|cv|name|profile|application)",
    "are there any (?:openings|opportunities|roles|positions)",
    "any (?:opportunities|open roles|job openings)",
    "(?:open roles|job openings) (?:at|on|in|with)",
    # English: a job search, a referral by someone they know, a request in other words
    "(?:seeking|looking for|searching for|pursuing) (?:a |an |new |my next |)(?:new |)"
    "(?:opportunities|opportunity|roles|role|position|positions|job|jobs|internship"
    "|internships|employment|work|career opportunities)",
    "open to (?:new |)(?:opportunities|roles|positions)",
    "my next (?:role|position|opportunity|job)",
    "(?:if|whether) you know (?:anyone|anybody|someone|of any|of anyone|any)",
    "know (?:anyone|anybody|someone) who",
    "(?:could|can|shall) we",
    "i was hoping (?:you|we|to)",
    "hoping (?:you|we) (?:can|could|might|would)",
    "i hope (?:you|we) (?:can|could|might|would)",
    # German: exchange, advice, time
    "(?:einen|ein|zum|zu einem|auf einen|für einen|fuer einen) (?:kurzen |kleinen "
    "|persönlichen |persoenlichen |virtuellen |unverbindlichen |fachlichen |)austausch",
    "austauschen w(?:ü|ue)rden",
    "kennenzulernen",
    "kennen zu lernen",
    f"(?:ein paar |einige |)(?:tipps|ratschl{_AE}ge|ratschlag|einen rat|einblicke|einblick)",
    "von ihnen lernen",
    "von dir lernen",
    f"(?:w{_UE}rde|w{_UE}rden) mich (?:sehr |riesig |)freuen(?:,|) wenn (?:sie|du)",
    f"(?:w{_UE}rde|w{_UE}rden) mich (?:sehr |riesig |)(?:{_UE}ber|auf) (?:eine|ihre|deine"
    "|einen|ein) (?:kurze |)(?:r(?:ü|ue)ckmeldung|antwort|nachricht|einsch(?:ä|ae)tzung"
    "|tipps|austausch|gespr(?:ä|ae)ch|telefonat|empfehlung|vermittlung|einladung|chance"
    "|gelegenheit|m(?:ö|oe)glichkeit|hinweis|tipp|rat)",
    f"(?:kurz |etwas |ein wenig |)zeit h{_AE}tten",
    f"(?:kurz |etwas |ein wenig |)zeit h{_AE}ttest",
    "minuten zeit",
    "ansprechpartner",
    "weiterleiten",
    "(?:meinen|meine) (?:lebenslauf|unterlagen|bewerbungsunterlagen)",
    "in betracht ziehen",
    "(?:freie|offene|vakante) (?:stelle|stellen|position|positionen)",
    f"einstiegsm{_OE}glichkeiten",
    "neue herausforderung",

    "jobsuche",
    "stellensuche",
    "(?:kennen sie|kennst du) (?:jemanden|jemand)",
    f"(?:k{_OE}nnten|k{_OE}nnen) wir",
    f"ich hoffe(?:,|) (?:sie|du) (?:k{_OE}nnen|k{_OE}nnten|kannst|k{_OE}nntest)",
    # To be considered, pointed to the right person, told about openings, or to have
    # their work looked at: "I'd love to be considered", "who would be the right person
    # to talk to", "let me know if you hear of any openings", "Schauen Sie sich gern
    # mein Portfolio an"
    "(?:love|like|hope|want|glad|happy|keen) to be considered",
    "(?:the |)(?:right|best|correct|appropriate) (?:person|contact|people) (?:to|for)",
    f"(?:der|die) (?:richtige|passende|zust{_AE}ndige) (?:person|kontakt|ansprechpartnerin)",
    "let me know if (?:there (?:is|are|'s)|you (?:hear of|know of|come across|have any "
    "(?:openings|roles|positions|opportunities))|your (?:team|company) (?:has|needs|is))",
    "looking for someone (?:to|who)",
    "(?:schauen|sehen) sie sich (?:gern |gerne |doch |ruhig |)(?:mal |)(?:mein|meine|meinen)",
    "(?:schau|sieh) dir (?:gern |gerne |doch |ruhig |)(?:mal |)(?:mein|meine|meinen)",
    # Information and advice asked in German: "ich würde gern erfahren, wie …", "Gibt es
    # bei Ihnen Praktikumsplätze?", "Dürfte ich Ihnen ein paar Fragen stellen?", "einen
    # Tipp", "Sind Sie offen für …"
    f"(?:w{_UE}rde|m{_OE}chte|w{_UE}rden|m{_OE}chten) (?:sehr |)(?:gern|gerne) "
    f"(?:erfahren|wissen|h{_OE}ren|lernen|verstehen)",
    "gibt es bei (?:ihnen|euch|dir)",
    f"praktikumspl{_AE}tze",
    f"(?:d{_UE}rfte|darf|k{_OE}nnte|kann) ich (?:ihnen|dir|euch) (?:ein paar |einige |eine |"
    f"kurz |)(?:fragen|frage)",
    "(?:can|could|may) i ask you (?:a|some|a few|one)",
    "einen tipp",
    f"(?:sind sie|bist du|w{_AE}ren sie|w{_AE}rst du) offen f{_UE}r",
    "open to (?:a|an) (?:quick |short |brief |virtual |informal |)(?:chat|call|conversation"
    "|coffee|meeting|intro)",
    "worth a (?:quick |short |brief |)(?:chat|call|conversation|look)",
    # Openings asked about, a chance welcomed, a conditional request: "Are there any
    # internships at BMW?", "I'd welcome the chance to …", "if you could …", "point me
    # to …", "I'd love to chat"
    "are there any (?:internships|internship|jobs|vacancies|open roles|roles|positions"
    "|openings|opportunities)",
    "(?:any|some) (?:openings|opportunities|internships|roles|positions|vacancies) "
    "(?:at|on|in|with|for)",
    "(?:would|'d) (?:welcome|value|appreciate) (?:the chance|the opportunity|your|any|a)"
    + _unless("to (?:connect|stay in touch|be connected)"),
    "if you (?:could|would|might|'d be (?:willing|open|able)|are (?:willing|open|able))",
    "(?:point|direct|steer) me (?:to|toward|towards|in)",
    "(?:i'd|i would|would) (?:love|like) to (?:chat|talk|speak|meet)",
    # A job seeker asking to talk about their fit: "discuss more how I may fit", "I'd
    # be thrilled if I can speak to you"
    "(?:discuss|talk about|chat about|explore) (?:more |further |)how i (?:may|might|could"
    "|can|would) fit",
    "if i (?:can|could|may|might) (?:speak|talk) (?:to|with) you",
)
"""Ask fragments (lower case): job, introduction, call or meeting, purchase, feedback."""

# Verbs of giving after "Ihnen/dir ... ": "Ihnen gerne die Folien schicken".
_GIVING_VERBS = (
    "helfen", "weiterhelfen", "zeigen", "schicken", "senden", "zusenden", "vorstellen",
    "vermitteln", "empfehlen", "geben", "weitergeben", "teilen", "anbieten",
)  # fmt: skip

# Verbs of giving after "I'd be happy to …": "happy to share my notes".
_GIVING_VERBS_EN = (
    "help", "share", "introduce", "send", "show", "answer", "provide", "offer", "review",
    "give", "pass", "support", "assist", "contribute", "return", "recommend", "refer",
    "make an intro", "make an introduction", "put you in touch", "connect you", "point you",
    "walk you through", "lend", "mentor", "advise", "host", "sponsor", "volunteer", "forward",
)  # fmt: skip

# The note offers something: help, an introduction, material, an idea.
OFFERS: tuple[str, ...] = (
    # German
    "(?:gerne|gern) (?:helfe|teile|vermittle|unterst(?:ü|ue)tze|stelle|sende|schicke|gebe|"
    "zeige|empfehle|verbinde|berate) ich",
    "(?:helfe|teile|vermittle|unterst(?:ü|ue)tze|sende|schicke|gebe|zeige|empfehle|verbinde)"
    " (?:ihnen|dir|euch|sie|dich) (?:gerne|gern)",
    "(?:helfe|teile|vermittle|unterst(?:ü|ue)tze|sende|schicke|gebe|zeige|empfehle|verbinde)"
    " (?:gerne|gern)",
    f"(?:kann|k{_OE}nnte|darf) ich (?:ihnen|dir|euch) (?:helfen|behilflich)",
    f"(?:kann|k{_OE}nnte) ich (?:helfen|etwas f{_UE}r (?:sie|dich|euch) tun)",
    f"was kann ich f{_UE}r (?:sie|dich|euch) tun",
    "wie kann ich (?:ihnen|dir|euch) helfen",
    f"etwas f{_UE}r (?:sie|dich|euch) tun",
    "(?:ihnen|dir|euch) " + _within(_words(_GIVING_VERBS), 3),
    "(?:ihnen|dir|euch|sie|dich) (?:gerne|gern) " + _within(_words(_GIVING_VERBS), 3),
    "helfen kann",
    "weiterhelfen kann",
    "behilflich sein",
    "stehe " + _within(f"zur verf{_UE}gung", 3),
    "(?:biete|bieten) " + _within("an", _CLAUSE_WORDS),
    "ich biete",
    f"ich habe eine idee f{_UE}r (?:sie|dich|euch)",
    f"ich h{_AE}tte eine idee",
    f"eine idee f{_UE}r (?:sie|dich|euch)",
    "im gegenzug",
    "revanchieren",
    "revanchiere",
    # English
    "happy to help",
    "glad to help",
    "happy to share",
    "glad to share",
    "happy to introduce",
    "glad to introduce",
    "happy to connect you",
    # "I'd be happy to share …" gives; "I'd be happy to chat/connect/hear …" does not.
    "(?:i'd be|i would be|i'm|i am|i'll be|i will be) (?:more than |very |always |)"
    "(?:happy|glad|pleased) to " + _within(_words(_GIVING_VERBS_EN), 1),
    "i'd love to help",
    "can i help",
    "how can i help",
    "what can i do for you",
    "if i can help",
    "if i can be of",
    "i can help",
    "i can share",
    "i can introduce",
    "i could introduce",
    "i can send",
    "i can connect you",
    "i can put you in touch",
    "i have an idea for you",
    "in return",
    "return the favou?r",
    "offer you",
    "i'd like to offer",
    "can i send you",
    "mind if i send you",
    "mind if i share",
    "i can show you",
    "i'll show you",
    "i will show you",
    "happy to show you",
    "i'll send you",
    "ich zeige (?:ihnen|dir|euch)",
    "ich schicke (?:ihnen|dir|euch)",
    "ich sende (?:ihnen|dir|euch)",
    "soll ich (?:ihnen|dir|euch)",
)
"""Offer fragments (lower case): help, an introduction, material, an idea."""

# Default sales/pitch phrases (casefolded literals, matched on word boundaries, with
# "ss" also matching "ß" and umlauts also matching their transliteration).
DEFAULT_SALES_PHRASES: tuple[str, ...] = (
    # German
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
    # English
    "our product",
    "our products",
    "our services",
    "our solution",
    "our platform",
    "free trial",
    "special offer",
    "limited offer",
    "limited time offer",
    "exclusive offer",
    "discount",
    "promo code",
    "buy now",
    "order now",
    "book a demo",
    "schedule a demo",
    "boost your sales",
    "grow your business",
    "scale your business",
    "generate leads",
    "lead generation",
    "more leads",
    "passive income",
    "financial freedom",
    "make money",
    "free consultation",
    "free webinar",
    "our webinar",
    "join our webinar",
    "no obligation",
    "act now",
    "secret tips",
    "sell you",
    "book a call",
    "book a free call",
    "book a discovery call",
    "discovery call",
    "strategy call",
    "hop on a call",
    "jump on a call",
    "free demo",
    "free audit",
    "website audit",
    "video audit",
    "free website audit",
    "free analysis",
    "free assessment",
    "free strategy session",
    "free strategy call",
    "my rate",
    "white-label",
    "white label",
    "i have a solution for you",
    "solution for you",
    "investment opportunities",
    "high-net-worth",
    "technological partner",
    "development services",
    "best solutions",
    "external partners",
    "i provide",
    "we provide",
    "teams use our",
    "companies use our",
    "take a look at our",
    "i'm taking on",
    "capability to secure",
    "kostenlose analyse",
    "kostenloser check",
    "kostenlose potenzialanalyse",
    "potenzialanalyse",
    "festpreis",
    "unsere analyse",
    "unverbindlichen austausch",
    "unverbindlicher austausch",
    "unverbindliches erstgespräch",
    "geld-zurück-garantie",
    "mehr leads",
    "keine verpflichtung",
    "wir automatisieren",
)
"""Default pitch phrases (casefolded literals); KN105/KN207 may replace them."""

# "<number> (up to two words) Tipps": the counted nouns of listicle pitches ...
SALES_COUNT_NOUNS: tuple[str, ...] = (
    "tipps",
    "tips",
    "tricks",
    "geheimnisse",
    "secrets",
    "hacks",
    "strategien",
    "strategies",
)
"""Nouns counted by listicle pitches: "7 geheime Tipps", "5 secret tips"."""
# ... and the number words that may stand for the digits.
SALES_NUMBER_WORDS: tuple[str, ...] = (
    "zwei",
    "drei",
    "vier",
    "fünf",
    "fuenf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
    "zwoelf",
    "zwanzig",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
)
"""Number words that stand for digits in listicles ("sieben Tipps")."""
# A listicle may have at most this many words between the number and the noun.
_SALES_COUNT_MAX_WORDS_BETWEEN = 2
# Digits, not a year: one to three of them.
_SALES_COUNT_NUMBER = r"[0-9][0-9]{0,2}"
_SALES_NUMBER = f"(?:{_SALES_COUNT_NUMBER}|{_words(SALES_NUMBER_WORDS)})"
# "<number> new clients a month": the qualifier (with its space) and the period.
_SALES_MORE = "(?:new|more|extra|additional|neue|weitere|zus(?:ä|ae)tzliche|mehr) "
_SALES_PER_MONTH = " (?:a|per|each|every|pro|im|jeden|jede|in the) (?:month|week|monat|woche)"
_SALES_MORE_NOUNS = (
    "patients", "appointments", "bookings", "sales", "patienten", "termine", "anfragen",
    "aufträge",
)  # fmt: skip
# Packages that are no pitch: "our benefits package", "unser Willkommenspaket".
_NOT_PITCH_PACKAGES = _words((
    "benefits", "benefit", "compensation", "relocation", "salary", "severance", "welcome",
    "press", "media", "info", "information", "sponsorship", "gehalts", "vergütungs",
    "willkommens", "umzugs", "presse", "sponsoring", "sozial",
))  # fmt: skip

# Pitch shapes that a literal list cannot spell: a number, a noun after "our", a verb in
# several forms. Regex fragments in the syntax of the phrase lists (a space is any run of
# whitespace), always active like the listicle pattern, also when KN105 replaces the
# literal phrases. Each shape needs pitch wording around its key word: "call" alone is an
# ask and "package" alone may be a parcel, so neither counts by itself.
_PITCH_FREE_NOUNS = (
    "demo", "audit", "trial", "analysis", "assessment", "consultation", "strategy",
    "session", "review", "check", "report", "webinar", "test", "probemonat", "analyse",
    "erstgespräch", "erstgespraech", "beratung", "potenzialanalyse", "potentialanalyse",
    "check-up", "quote", "estimate", "angebot",
)  # fmt: skip
_PITCH_CLIENTS = (
    "companies", "businesses", "brands", "agencies", "teams", "founders", "startups",
    "start-ups", "entrepreneurs", "clients", "organizations", "organisations", "smbs",
    "freelancers", "owners", "professionals", "coaches", "creators", "retailers",
    "unternehmen", "firmen", "kmu", "kmus", "freelancern", "selbstständigen",
    "selbststaendigen", "agenturen", "gründern", "gruendern", "kunden", "mittelständlern",
    "mittelständler", "mittelstaendler", "mittelstaendlern", "mittelstand",
    "firms", "shops", "practices", "clinics", "stores", "restaurants", "hotels",
)  # fmt: skip
# Firms a consultant serves ("I support founders", "ich unterstütze Mittelständler").
_FIRM_CLIENTS = (
    "founders", "companies", "businesses", "startups", "start-ups", "agencies", "brands",
    "entrepreneurs", "smbs", "unternehmen", "firmen", "kmu", "kmus", "agenturen",
    "gründer", "gründern", "gruender", "gruendern", "mittelständler", "mittelständlern",
    "mittelstaendler", "mittelstaendlern", "selbstständige", "selbstständigen",
)  # fmt: skip
# People a coach or trainer sells to ("I've helped 300 engineers …").
_PITCH_GROUPS = (
    "engineers", "developers", "managers", "leaders", "executives", "people", "women",
    "men", "candidates", "job seekers", "students", "sales teams", "salespeople",
)  # fmt: skip
# What a business sells, presented as built by the sender ("we built a platform that").
_PRODUCT_NOUNS = (
    "platform", "tool", "system", "app", "software", "solution", "product", "plugin",
    "dashboard", "service", "saas", "engine", "bot", "chatbot", "agent", "api", "suite",
    "plattform", "lösung", "loesung", "produkt", "anwendung", "dienst", "programm",
    "erp", "crm", "solutions", "systems", "services", "systeme", "lösungen", "loesungen",
)  # fmt: skip
# What a course or programme seller enrols ("our Data Science programme"), and the job
# programmes that are no pitch ("our graduate programme").
_PROGRAMME_NOUNS = (
    "program", "programme", "course", "courses", "bootcamp", "masterclass", "certification",
    "cohort", "batch", "training", "mba", "diploma",
)  # fmt: skip
_NOT_SOLD_PROGRAMMES = (
    "graduate", "trainee", "internship", "intern", "apprenticeship", "rotational",
    "early", "leadership", "alumni", "mentoring", "mentorship", "volunteer", "community",
    "referral", "ambassador",
)  # fmt: skip
_DE_PROGRAMME_NOUNS = (
    "kurs", "onlinekurs", "online-kurs", "programm", "coaching", "coaching-programm",
    "lehrgang", "masterclass", "bootcamp", "akademie", "intensivkurs", "mentoring-programm",
)  # fmt: skip
_MONEY = r"(?:[$€£]\s*[0-9][0-9.,]*k?|[0-9][0-9.,]*\s*(?:€|eur|euro|usd|dollars?)(?!\w))"

SALES_PATTERNS: tuple[str, ...] = (
    # "a free 15-minute website audit", "kostenlosen 15-Min Check", "free demo"
    "(?:free|kostenlos|kostenlose|kostenlosen|kostenloser|kostenloses|gratis) (?!to )"
    + _within(r"[\w-]{0,20}?" + _words(_PITCH_FREE_NOUNS), 3),
    # The sender's business offered to the reader: "we help agencies", "I help SaaS
    # founders", "Wir helfen Unternehmen", "ich helfe Freelancern"
    # (Spelled out, not "(?:we|i) help": the literal prefix must be longer than the
    # self-introduction "we help", or that shorter phrase wins at the same place.)
    *(f"{who} " + _within(_words(_PITCH_CLIENTS), 3) for who in (
        "we help", "i help", "wir helfen", "ich helfe", "we connect", "wir verbinden",
        "wir vermitteln", "ich zeige", "wir zeigen", "we show", "i show")),
    # "companies like yours", "entrepreneurs like you"
    _words(("companies", "businesses", "brands", "agencies", "founders", "startups",
            "entrepreneurs", "retailers")) + " like (?:you|yours|yourself)",
    # A price: "my rate: $500", "Kosten: 399€/Monat", "zum Festpreis 197 €"
    "(?:my rate|our rate|price|pricing|preis|fee|for only|für nur|fuer nur|ab nur|"
    "zum festpreis|kosten) " + _MONEY + " (?:|per |pro |a |im )(?:month|monat|mo|project|"
    "projekt|dashboard|woche|week|hour|stunde)",
    _MONEY + " (?:|per |pro |a |im )(?:month|monat|mo|dashboard|project|projekt|woche|week)",
    # "save your team 10+ hours", "increase your conversions"
    "save (?:you|your team|your company|your business) (?:[0-9][0-9,.]*\\+? |up to [0-9])"
    + _within(
        _words(("hours", "time", "money", "months", "weeks", "days")), 3),
    "(?:increase|increasing|boost|boosting|grow|growing|improve) (?:your|their) "
    "(?:conversions|conversion|revenue|sales|leads|margins|roi|bookings|pipeline)",
    "wie wir (?:ihnen|dir|euch|ihr|dein|deinen|ihren) " + _within(
        _words(("helfen", "unterstützen", "erleichtern", "zeigen")), 3),
    # "30% off", "20 % Rabatt", "50 Prozent Nachlass"
    _SALES_COUNT_NUMBER
    + r"\s*(?:%|prozent|percent|per cent) (?:off|rabatt|discount|nachlass|sale)",
    # "10 new clients a month", "20 Neukunden pro Monat", "five more leads every week"
    _SALES_NUMBER
    + f" (?:|{_SALES_MORE})"
    + _words(("clients", "customers", "leads", "kunden", "neukunden", "mandanten"))
    + _SALES_PER_MONTH,
    # "30 more patients a week" is a pitch; "I see 30 patients a week" is a job.
    _SALES_NUMBER + " " + _SALES_MORE + _words(_SALES_MORE_NOUNS) + _SALES_PER_MONTH,
    # "double your revenue", "10x your sales"
    "(?:double|triple|quadruple|doubling|tripling|2x|3x|5x|10x|skyrocket) your "
    "(?:revenue|sales|income|profits?|turnover|leads|clients|customers|bookings)",
    # "Wir verdoppeln Ihren Umsatz", "verdreifachen Sie Ihre Umsätze"
    "(?:verdoppeln|verdoppelt|verdreifachen|verdreifacht|vervielfachen) (?:|sie )"
    + _words(("ihren", "ihre", "deinen", "deine", "euren", "eure", "den", "die"))
    + " "
    + _words(("umsatz", "umsätze", "gewinn", "kundenzahl", "anfragen", "einnahmen")),
    # "Ihren Umsatz zu verdoppeln", not "unseren Umsatz verdoppeln" (a report, no pitch)
    _words(("ihren", "deinen", "euren", "den"))
    + " umsatz (?:|zu )(?:verdoppeln|verdreifachen|vervielfachen)",
    # The firm's help as the subject of a call: "explore how we can help", "discuss how
    # our platform could support your team" ("how I can help" may be a job seeker's).
    "(?:explore|discuss|see|show you|talk about|chat about|share) how (?:we|our [\\w-]{1,25}+)"
    " (?:can|could|might) (?:help|support|assist|benefit|add value)",
    "(?:wie|inwiefern) wir (?:sie|dich|euch|ihr unternehmen|ihr team|ihre firma) "
    + _within(_words(("unterstützen", "helfen", "entlasten", "voranbringen")), 3),
    # A product presented: "we built a platform that …", "Wir haben ein KI-System
    # entwickelt, das …"
    # (Also without a subject, as DMs write it: "Built an AI system that …"; not when
    # the reader built it, see _mine.)
    "(?:i |we |i've |we've |i have |we have |)(?:just |recently |)(?:built|developed"
    "|created|launched|designed) (?:a|an|our) "
    + _within(r"[\w-]{0,25}?" + _words(_PRODUCT_NOUNS), 3) + " (?:that|which|to|for)",
    "(?:ein|eine|einen|unser|unsere|unseren) " + _within(
        r"[\w-]{0,25}?" + _words(_PRODUCT_NOUNS), 2) + " entwickelt (?:das|die|der|mit)",
    # "show you a quick demo", "give you a short walkthrough"
    "(?:show|give) you a (?:quick |short |brief |live |free |personal |)(?:demo|walkthrough"
    "|walk-through|tour of)",
    # A price with no period: "197€ Investment", "for just $99"
    _MONEY + " (?:investment|investition|einmalig|one-time|flat|pauschal)",
    "(?:for just|for only|only|nur|für nur|ab) " + _MONEY,
    "(?:roi|erfolg|ergebnisse|results|roi-garantie) (?:garantiert|guaranteed)",
    "(?:guaranteed|garantierter|garantierte) (?:roi|results|erfolg|ergebnisse|leads)",
    # "our SEO package", "unser Starter-Paket", "our premium coaching packages"
    _words(("our", "unser", "unsere", "unseres", "unserem", "unseren"))
    + f"(?! {_NOT_PITCH_PACKAGES}[\\s-]?pa)"
    + " "
    + _within(r"[\w-]{0,20}?" + _words(("package", "packages", "paket", "pakete", "paketen"))),
    # A track record sold to the reader: "We've helped 40+ logistics firms …", "Wir
    # haben bereits über 200 Unternehmen …"
    "(?:we've|we have|i've|i have) helped (?:over |more than |)(?:[0-9][0-9,.]*\\+?|dozens of"
    "|hundreds of|thousands of) " + _within(_words(_PITCH_CLIENTS + _PITCH_GROUPS), 2),
    "wir haben (?:bereits |schon |)(?:(?:ü|ue)ber |mehr als |)[0-9][0-9.]*\\+? "
    + _within(_words(_PITCH_CLIENTS), 2),
    # What the sender's clients get: "our clients typically see a 30% lift", "Unsere
    # Kunden sparen im Schnitt 20 Stunden"
    "(?:our|my) (?:clients|customers) (?:typically |usually |often |on average |"
    "|consistently |)(?:see|get|save|achieve|report|gain|increase|grow|cut|reduce|double"
    "|generate|land|close|book)",
    "(?:unsere|meine) kunden (?:sparen|erzielen|steigern|gewinnen|erreichen|verdoppeln"
    "|senken|profitieren|generieren)",
    # Probing for the vendor the reader has: "Are you currently working with anyone on
    # your paid social?", "who handles payroll at your company?", "Sind Sie mit Ihrer
    # IT-Betreuung zufrieden?"
    "are you (?:currently |still |)(?:working with|using|happy with|satisfied with) "
    "(?:anyone|an agency|an outside|a partner|a provider|a vendor|a supplier|your current"
    "|an external)",
    "who (?:handles|manages|takes care of|is responsible for|looks after) "
    + _within("(?:at|for) your (?:company|business|firm|team|organization|organisation)", 4),
    "(?:sind sie|bist du) mit (?:ihrer|ihrem|ihren|deiner|deinem|deinen) "
    + _within("zufrieden", 3),
    # The firm's service offered to a group: "we partner with SaaS companies to …",
    # "Wir unterstützen mittelständische Unternehmen bei …"
    *(f"{who} " + _within(_words(_PITCH_CLIENTS), 3) for who in (
        "we partner with", "we work with", "wir unterstützen", "wir unterstuetzen",
        "wir begleiten", "wir beraten")),
    # A product shown to the reader: "I'd love to show you how our ERP can …",
    # "Darf ich Ihnen zeigen, wie …"
    "show you how (?:our|my) [\\w-]{1,25}+ (?:can|could|will|helps|would)",
    "(?:ihnen|dir|euch) (?:gerne |gern |kurz |)zeigen(?:,|) wie",
    # Goods, prices and returns: "surplus laptops at wholesale prices", "for $499",
    # "12 % Rendite pro Jahr", "crypto returns"
    "(?:wholesale|discounted|special|unbeatable|factory|clearance) (?:prices|price|rates)",
    "(?:surplus|excess|overstock|clearance) (?:stock|inventory|units|lots|goods)",
    "stock (?:list|lots|lot)",
    "(?:restposten|sonderposten|lagerware)",
    "(?:for|f(?:ü|ue)r) " + _MONEY,
    "[0-9][0-9]{0,2}(?:[.,][0-9]|)\\s*(?:%|prozent|percent) (?:rendite|returns?|roi|yield"
    "|zinsen|p\\.a\\.|per year|pro jahr|im jahr|a year|monthly|weekly)",
    "(?:rendite|returns?|yield) (?:von|of|up to|bis zu) [0-9]",
    "(?:crypto|krypto|bitcoin|forex) " + _within(_words((
        "investment", "investments", "trading", "returns", "profits", "gewinne",
        "rendite", "signals", "signale", "opportunity", "portfolio")), 2),
    # A call to sign up or buy, with the link: "Book here: acme.com/demo", "Jetzt
    # testen: www.beispiel.de" (":" and "/" read as spaces)
    "(?:sign up|register|book|buy|order|download|grab|claim|try it|get started|get yours"
    "|learn more|find out more|check it out|click here|jetzt anmelden|jetzt testen"
    "|hier buchen|hier anmelden|hier klicken|mehr erfahren|jetzt sichern|hier testen)"
    " (?:here |hier |now |jetzt |today |heute |free |kostenlos |)(?:https? "
    "|(?:www[.]|)[\\w-]{2,30}+[.](?:com|io|de|net|org|app|ai|co|example|ly|at|ch|eu)(?!\\w))",
    # A quantified promise to the reader: "help engineers negotiate 20% higher
    # salaries", "get you 30% more leads" (not the sender's record: "achieved 30% higher
    # conversion" is a job seeker's)
    "(?:get|bring|save|earn|land|negotiate|win|make) (?:you |your [\\w-]{1,25}+ "
    "|yourself |)[0-9][0-9]{0,2}\\s*(?:%|percent) (?:higher|more|faster|lower|cheaper"
    "|lift|increase|uplift|boost)",
    # A course or programme sold to the reader: "a Data Science programme specifically
    # for professionals", "join our bootcamp", "do this program with us", "we just
    # opened up enrollment", "Pay fees in EMI", "90% employment rate", "limited seats",
    # "nur noch 5 Plätze", "melden Sie sich für unser Coaching an" (not a job programme:
    # "join our graduate programme" is a job offer)
    _words(_PROGRAMME_NOUNS) + " (?:specifically |especially |designed |tailored |built "
    "|made |)for (?:working |busy |experienced |)(?:professionals|people like you|you)(?!\\w)",
    "(?:join|do|take|enrol in|enroll in|sign up for|register for|be part of) our "
    "(?!" + _words(_NOT_SOLD_PROGRAMMES) + "(?!\\w))" + _within(
        r"[\w-]{0,20}?" + _words(_PROGRAMME_NOUNS), 2),
    "(?:join|do|take) this " + _within(_words(_PROGRAMME_NOUNS), 2) + " with us",
    "(?:opened up|opened|opening|open) enrol(?:l|)ment",
    "enrol(?:l|)ments? (?:is |are |)(?:now |)open",
    "enrol(?:l|) (?:now|today)",
    "fees in emi",
    "[0-9]{1,3}\\s*% (?:employment|placement) rate",
    "(?:placement|job) (?:assistance|guarantee)",
    "guaranteed (?:placement|job|interview)",
    "(?:limited|few) seats",
    "only [0-9]{1,3} (?:seats|spots|places) (?:left|remaining|available)",
    "seats (?:are |)(?:limited|filling)",
    "(?:reserve|secure|grab|claim) your (?:seat|spot|place)",
    "(?:nur noch|begrenzte|wenige|limitierte) (?:[0-9]{1,3} |)(?:freie |)pl(?:ä|ae)tze",
    "pl(?:ä|ae)tze sind (?:begrenzt|limitiert)",
    "(?:sichern sie sich|sichere dir) (?:ihren|deinen|einen) platz",
    "einschreibung (?:ist |l(?:ä|ae)uft |)(?:offen|ge(?:ö|oe)ffnet|gestartet)",
    "(?:f(?:ü|ue)r|an|zu) (?:unserem|unser|unsere|unseren|unserer) " + _within(
        r"[\w-]{0,20}?" + _words(_DE_PROGRAMME_NOUNS), 2)
    + " (?:an(?!\\w)|anmelden|teilnehmen|teil(?!\\w)|buchen)",
    # Income or a business offered to the reader: "a secondary source of income",
    # "partners who are looking for business opportunity", "ein zweites Standbein"
    "(?:second|secondary|additional|extra|side|alternative|multiple) (?:sources? of |)"
    "incomes?(?!\\w)",
    "income (?:opportunity|opportunities|stream|streams)",
    "(?:hunt of|looking for|searching for|seeking|in search of) partners who (?:are|want"
    "|would|wish)",
    "(?:develop|build|start) a (?:business|side business|second business) outside",
    "(?:nebeneinkommen|nebenverdienst|zusatzeinkommen|zweites einkommen"
    "|zus(?:ä|ae)tzliches einkommen|zweites standbein)",
    # A product the sender's firm offers: "We offer Microsoft ERP system", "Wir bieten
    # Ihnen eine Software-Lösung" (not "we offer a competitive salary")
    # (Spelled out, as "we help" above: the literal prefix must be longer than the
    # self-introductions "we offer" and "wir bieten".)
    *(f"{who} " + _within(r"[\w-]{0,25}?" + _words(_PRODUCT_NOUNS), 3) for who in (
        "we offer", "we sell", "we supply", "i offer", "i sell")),
    *(f"{who} (?:ihnen |dir |euch |)" + _within(r"[\w-]{0,25}?" + _words(_PRODUCT_NOUNS), 3)
      for who in ("wir bieten", "wir verkaufen", "wir liefern", "wir vertreiben")),
    # A consultant prospecting: "Ich unterstütze Mittelständler bei …", "Can I show you
    # in 15 minutes …", "wie viele meiner Kunden"
    # (Firms as clients, not "teams" or "Kunden": "I support teams as a Scrum Master" is
    # a job.)
    *(f"{who} " + _within(_words(_FIRM_CLIENTS), 3) for who in (
        "ich unterstütze", "ich unterstuetze", "i support")),
    # (Not one's own work: "Ihnen in 10 Minuten mein Portfolio zeigen".)
    "(?:show you|ihnen|dir|euch) in [0-9]{1,2} (?:minutes|minuten|min)(?!\\w)"
    "(?! (?:my|mein|meine|meinen|meinem)(?!\\w))",
    "(?:many|most) of (?:my|our) (?:clients|customers)",
    "(?:viele|die meisten) (?:meiner|unserer) kunden",
    # Investments offered: "invest with us", "an investment plan", "guaranteed daily
    # profits", "minimum deposit", "Mindesteinlage", "garantierte Rendite"
    "invest (?:with us|in our|now|today)",
    "(?:investment|investing|trading) (?:plan|plans|package|packages|scheme|schemes"
    "|account|accounts)",
    "(?:guaranteed|fixed|daily|weekly) (?:profits?|returns?|income|payouts?|earnings)",
    "minimum (?:investment|deposit)",
    "mindesteinlage",
    "(?:garantierte|garantierten|t(?:ä|ae)gliche|t(?:ä|ae)glichen|feste) (?:rendite|gewinne"
    "|auszahlungen|zinsen)",
    "(?:earn|make|verdienen sie|verdiene) (?:up to |bis zu |)" + _MONEY,
)
"""Regex fragments for pitch shapes (percent off, clients a month, double your revenue)."""

# Formal address, matched case-sensitively: only the capitalised forms are formal. "Sie"
# and "Ihr*" at the start of a sentence may mean she/they/her and are not counted.
SIE_FORMS: tuple[str, ...] = ("Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres")
"""Capitalised formal-address forms (matched case-sensitively)."""
_SIE_SET = frozenset(SIE_FORMS)
# Formal forms that are unambiguous even at the start of a sentence.
_SIE_ANYWHERE = frozenset({"Ihnen"})
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
ENGLISH_STOPWORDS: tuple[str, ...] = (
    "the", "and", "i", "you", "your", "to", "of", "is", "with", "for", "my", "me", "we",
    "our", "are", "am", "be", "this", "that", "it", "on", "at", "would", "could", "have",
    "has", "not", "from", "like", "about", "if", "can", "a", "been", "do", "they", "what",
    "which", "there", "their", "just", "love", "looking", "forward", "thanks", "regards",
    "best", "hello", "dear",
)  # fmt: skip
"""English stop words for language detection (lower case)."""
# Fewer stop-word hits than this in total: too little signal to name a language.
_MIN_LANGUAGE_HITS = 2
# At least this many words with no German or English stop word: another language.
_UNKNOWN_MIN_WORDS = 8
# Packed counters: one dict lookup per token counts three buckets at once (German in
# the low 21 bits, other languages in the next 21, English above); a text would need
# more than 2**21 stop words (several megabytes) for a bucket to overflow into the next.
_OTHER_WEIGHT = 1 << 21
_EN_WEIGHT = 1 << 42

# Stop words of languages the heuristics cannot read. Only words that are neither German
# nor English words (or names) often enough to matter. A text where these outnumber
# the German and English ones is in another language: no text rule reads it.
OTHER_STOPWORDS: dict[str, tuple[str, ...]] = {
    "fr": ("je", "vous", "nous", "les", "des", "est", "et", "pour", "avec", "une", "suis",
           "bonjour", "merci", "votre", "vos", "mon", "mes", "pas", "dans", "sur", "aux",
           "du", "cette", "très", "serait", "cordialement", "qui"),
    "es": ("hola", "los", "las", "por", "para", "con", "una", "usted", "su",
           "muy", "gracias", "soy", "estoy", "mi", "tu", "del", "como", "pero",
           "más", "saludos", "y", "que", "buenos", "buenas", "estimado", "estimada"),
    "nl": ("het", "een", "ik", "jij", "uw", "wij", "zijn", "niet", "voor", "naar",
           "graag", "groet", "groeten", "bedankt", "hoi", "ook", "maar", "heb", "wil",
           "kunnen", "mijn", "jouw", "hartelijk", "goedemorgen"),
    "it": ("ciao", "sono", "il", "della", "che", "grazie", "mio", "tuo",
           "buongiorno", "lavoro", "anche", "molto", "questo", "di", "gentile", "saluti"),
    "pt": ("olá", "obrigado", "obrigada", "você", "não", "uma", "meu", "sua", "seu",
           "está", "muito", "tudo", "bem", "abraço"),
}
"""Stop words of other languages (lower case): evidence that a text is in none of the
languages the heuristics read."""

# Scripts other than Latin, by code point range, with the language most likely meant
# (a guess, good enough to say "not German or English").
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "el"), (0x0400, 0x052F, "ru"), (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"), (0x0900, 0x097F, "hi"), (0x0E00, 0x0E7F, "th"),
    (0x3040, 0x30FF, "ja"), (0x4E00, 0x9FFF, "zh"), (0xAC00, 0xD7AF, "ko"),
)
# A letter beyond the Latin blocks (not a digit, not punctuation, not an emoji).
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u024f]")


@cache
def _script_patterns() -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """A letter of the Latin blocks (up to U+024F), and the letters of each script of
    _SCRIPTS (first block listed wins). Compiled on first use: only texts with a letter
    beyond the Latin blocks need them, and the character classes cost tens of
    milliseconds to compile (start-up, docs/performance.md)."""
    latin = re.compile(r"[^\W\d_\u0250-\U0010ffff]")
    return latin, tuple(
        (lang, re.compile(f"[^\\W\\d_{chr(0)}-{chr(lo - 1)}{chr(hi + 1)}-\U0010ffff]"))
        for lo, hi, lang in _SCRIPTS)


# How many characters decide the script (and so a non-Latin language) of a text.
_SCRIPT_SAMPLE = 4000
# A salutation followed by at most this many words (a name) says nothing else.
_HOLLOW_MAX_WORDS = 2


# Tried at token starts only (the lookbehind), so a 20,000-letter token is one linear
# scan, not one per position.
_ADDRESS_CANDIDATE = re.compile(r"(?<!\S)\S*?(?:[.@]|http|www)\S*")


# What every address word needs (see _address_words): an "@", "http"/"www", or a dot
# inside a token once its sentence-end characters are trimmed. Most notes have none, and
# this test is a single fast search instead of a lazy match at every token start.
_ADDRESS_HINT = re.compile(r"@|http|www|[^\s.!?][.!?]*\.[.!?]*[^\s.!?]")


def _address_words(s: str) -> int:
    """How many of the words of ``s`` belong to web or e-mail addresses
    ("acme.com/audit" is three): they are no evidence of a language. Rare path."""
    if _ADDRESS_HINT.search(s) is None:
        return 0
    count = 0
    # Only tokens with a dot, an "@" or an address prefix can be addresses: the regex
    # engine finds those, so a long text of plain words costs one pass in C.
    for token in _ADDRESS_CANDIDATE.findall(s):
        core = token.strip(".!?")
        if "." in core or "@" in core or core.startswith(("http", "www")):
            count += len(_WORD_RE.findall(core))
    return count


def _script_language(text: str) -> str | None:
    """The language of a text written mostly (over half its letters) in a non-Latin
    script, or ``None``. Linear, and counted by the regex engine (no loop per character
    in Python): a regex search first, so that German notes and notes with an emoji
    (non-ASCII, but no letter outside Latin) cost about a microsecond."""
    if _NON_LATIN_LETTER.search(text) is None:
        return None
    # The script of the first few thousand characters is the script of the text; a
    # longer text costs no more.
    text = text[:_SCRIPT_SAMPLE]
    latin_letter, script_patterns = _script_patterns()
    other = _NON_LATIN_LETTER.subn("", text)[1]
    latin = latin_letter.subn("", text)[1]
    if other <= latin:
        return None
    counts = {lang: n for lang, pattern in script_patterns
              if (n := pattern.subn("", text)[1])}
    return max(counts, key=counts.__getitem__) if counts else "und"


# --------------------------------------------------------------------------------------
# The analysis
# --------------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class TextAnalysis:
    """What a note or message says, as far as the etiquette rules care.

    Computed once per event by :class:`TextAnalyser`; every rule reads the same instance.
    All evidence offsets index the original text.
    """

    chars: int
    """``len(text)``."""
    words: int
    """Number of ``\\w+`` tokens (Unicode aware: "Grüße" is one word, "E-Mail" two)."""
    blank: bool
    """True when the text is empty or only whitespace."""
    language: str | None = None
    """``"de"``, ``"en"`` or ``None`` when undecidable (too little signal, or a tie)."""
    greeting: Evidence | None = None
    """A salutation among the first few words ("Hallo", "Sehr geehrte", "Dear", ...)."""
    address_form: str | None = None
    """``"sie"``, ``"du"``, ``"mixed"``, or ``None`` (no marker, or the text is English)."""
    sie_markers: tuple[Evidence, ...] = ()
    """Formal-address tokens (capitalised "Sie"/"Ihr*" not at sentence start; "Ihnen")."""
    du_markers: tuple[Evidence, ...] = ()
    """Informal-address tokens ("du", "dich", "dir", "dein*", "euch", "euer", "eure*")."""
    self_introduction: Evidence | None = None
    """The first place where the sender says who they are or what they do."""
    reasons: tuple[Evidence, ...] = ()
    """Why this person: their work, where you met, shared groups or contacts, a concern
    (includes :attr:`shared`)."""
    shared: tuple[Evidence, ...] = ()
    """A shared context: where you met, a group or community both are in, a mutual
    contact or a referral (the recipient's own work is a reason, not a shared context)."""
    asks: tuple[Evidence, ...] = ()
    """Requests: a job, an introduction, a call or meeting, a purchase, feedback."""
    offers: tuple[Evidence, ...] = ()
    """Offers: help, an introduction, material, an idea."""
    sales_phrases: tuple[Evidence, ...] = ()
    """Sales/pitch phrases, listicles ("7 geheime Tipps") and pitch shapes ("30% off");
    none lies inside another."""
    hollow: bool = False
    """True when the text says nothing beyond a salutation and a name ("Hi", "Hallo Anna
    :)"): a note in form only, judged like an empty one."""
    truncated: bool = False
    """True when the text is longer than :data:`ANALYSIS_LIMIT` characters: only that
    many, from its first non-blank character on, were read (``chars`` is still the whole
    length); what lies beyond is no evidence either way."""

    @property
    def readable(self) -> bool:
        """Whether the heuristics can read this text: German, English, or too short to
        tell. A text in another language (``language`` is another code) is no evidence
        for or against any text rule."""
        return self.language is None or self.language in ("de", "en")


EMPTY: TextAnalysis = TextAnalysis(chars=0, words=0, blank=True)
"""The analysis of ``""``: blank, no words, no evidence (what ``analyse("")`` returns)."""

#: How many characters of a note or message the heuristics read (from its first non-blank
#: character). Far above any note or message a platform lets one write (contact-request
#: notes hold a few hundred characters; messages a few thousand): a longer text is no
#: personal message, and reading all of a megabyte would let one event stall a worker.
#: See ``docs/decisions.md``.
ANALYSIS_LIMIT = 20_000

_EVIDENCE_FIELDS = ("greeting", "self_introduction")
_EVIDENCE_TUPLES = ("sie_markers", "du_markers", "reasons", "shared", "asks", "offers",
                    "sales_phrases")


def _moved(analysis: TextAnalysis, offset: int, chars: int) -> TextAnalysis:
    """``analysis`` of a window that starts ``offset`` characters into a text of
    ``chars`` characters, with every evidence offset made an offset into that text."""
    changes: dict[str, Any] = {"chars": chars, "truncated": True}
    if offset:
        for name in _EVIDENCE_FIELDS:
            ev = getattr(analysis, name)
            if ev is not None:
                changes[name] = (ev[0], ev[1] + offset, ev[2] + offset)
        for name in _EVIDENCE_TUPLES:
            changes[name] = tuple((t, a + offset, b + offset)
                                  for t, a, b in getattr(analysis, name))
    return attrs.evolve(analysis, **changes)


# Categories of the combined phrase pattern: indexes into the per-call result lists.
_INTRO = 0
_REASON = 1
_ASK = 2
_OFFER = 3
_SALES = 4
_SHARED = 5

_WORD_RE = re.compile(r"\w+")
# A pitch that describes the sender's own business ("we help agencies", "I provide",
# "Wir automatisieren") says who they are; "our analysis shows" or "I have a solution
# for you" does not.
_FIRST_PERSON = re.compile(r"(?:i|we|ich|wir)(?!\w)(?!\s+(?:have|habe|haben)(?!\w))",
                           re.IGNORECASE)

# Self-introductions that are only a name ("I'm Anna.", "Mein Name ist Jonas Weber und
# ich …"): what follows the name decides. A name is one to three capitalised words or a
# template placeholder ("[Your Name]", "{{first_name}}").
_NAME_INTROS = frozenset((
    "i am", "i'm", "i’m", "my name is", "my name's", "my name’s", "ich bin", "mein name ist",
    "mein name lautet", "ich heiße", "ich heisse",
))  # fmt: skip
_GERMAN_NAME_INTROS = frozenset(("ich bin", "mein name ist", "mein name lautet", "ich heiße",
                                 "ich heisse"))
# Endings of German occupation nouns ("Bäcker", "Juristin", "Doktorand", "Kaufmann").
_DE_ROLE_SUFFIXES = ("er", "erin", "in", "ent", "entin", "ant", "antin", "eur", "eurin",
                     "ist", "istin", "or", "orin", "mann", "frau", "ler", "lerin", "oge",
                     "ogin", "ker", "kerin", "iker", "ikerin", "at", "atin")
_NAME = re.compile(
    r"\s*+(?:\[[^\]\n]{1,40}\]|\{\{?[^}\n]{1,40}\}?\}|[A-ZÄÖÜ][\w'’.-]{0,30}+)"
    r"(?:[ \t]++(?:\[[^\]\n]{1,40}\]|\{\{?[^}\n]{1,40}\}?\}|[A-ZÄÖÜ][\w'’.-]{0,30}+)){0,2}")
# After the name: a role, an employer or a place of work makes it an introduction.
_AFTER_NAME = re.compile(
    r"\s*+(?:[,;(–—-]\s*+|and\s++|und\s++)?"
    r"(?:a|an|the|from|at|with|of|in|on|working|studying|currently|here|ein|eine|einer|der"
    r"|die|das|von|bei|aus|für|fuer|im"
    r"|(?:und )?ich (?:bin|arbeite|leite|studiere|verantworte|betreue|berate|helfe|komme)"
    r"|(?:and )?i(?:'m|’m| am)? (?:a|an|the|work|lead|run|study|manage|head|help|teach)"
    r")(?!\w)",
    re.IGNORECASE)


@cache
def _role_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A role word ("Vertriebsleiter", "CEO"), and a role in a signature (see
    ``_signature_role``). Built and compiled on first use: only self-introductions that
    may be a name and signatures after a closing line read them (start-up,
    docs/performance.md)."""
    roles = _words(DE_ROLES + EN_ROLES)
    role_word = re.compile(r"[\w-]{0,25}?" + f"(?:{roles})" + r"(?!\w)", re.IGNORECASE)
    signature_role = re.compile(
        r"(?<!\w)(?:[\w-]{0,25}?(?:" + roles + r")(?!\w)|head of|@\s?\w)", re.IGNORECASE)
    return role_word, signature_role


# The word before an offer that makes it someone else's ("Sie bieten … an") or no offer
# ("darf ich mich Ihnen kurz vorstellen": the sender introduces themself).
_NOT_GIVING_BEFORE = re.compile(r"(?:^|\W)(sie|die|welche|ihr|du|mich)\W*$")


_PRODUCT_VERBS = ("built", "developed", "created", "launched", "designed", "just",
                  "recently")
# Whose product: "you built a tool that" is the reader's work, not a pitch.
_OTHERS_BEFORE = re.compile(r"(?:^|\W)(?:you|you've|you have|your \w+|they|he|she|team)"
                            r"\W*$")


# A discount the writer asks about is the reader's price, not the writer's offer: "is
# there a student discount on your course fees?", "Gibt es einen Rabatt auf Ihre Kurse?"
_ASKED_PRICE_WORDS = ("discount", "rabatt", "rabattcode", "gutschein", "promo code",
                      "fees in emi", "placement", "job assistance", "job guarantee",
                      "guaranteed", "limited seats", "few seats")
_ASKED_BEFORE = re.compile(
    r"(?:is there|are there|do you (?:offer|have|give)|does \w+ (?:offer|have)|any|gibt es"
    r"|bieten sie|bietest du|haben sie|hast du|can i pay|could i pay|can we pay|is it"
    r" possible to pay)\W+(?:[\w-]+\W+){0,2}$")
# (Matched at the end of the word, with ``match``: anchored there.)
_READERS_AFTER = re.compile(
    r"\W*(?:[\w-]+\W+){0,2}?(?:on|for|auf|f(?:ü|ue)r) (?:your|ihre|ihren|ihr|ihrem|deine"
    r"|deinen|dein|deinem)(?!\w)")


def _mine(low: str, pitch: Evidence) -> bool:
    """Whether a "built a platform that" pitch, or a discount, is the sender's (rare
    path)."""
    word, start, end = pitch
    w = word.lower()
    if w.startswith(_ASKED_PRICE_WORDS):
        before = low[max(0, start - 40):start]
        cut = max(before.rfind(c) for c in ".!?\n")
        return (_ASKED_BEFORE.search(before[cut + 1:]) is None
                and _READERS_AFTER.match(low, end, min(len(low), end + 40)) is None)
    if not w.startswith(_PRODUCT_VERBS):
        return True
    before = low[max(0, start - 20):start]
    cut = max(before.rfind(c) for c in ".!?\n")
    return _OTHERS_BEFORE.search(before[cut + 1:]) is None


# Sending one's own papers or answering questions about oneself gives the reader
# nothing: "happy to send you my resume", "Ihnen meine Unterlagen schicken", "für
# Rückfragen stehe ich zur Verfügung". Read up to this many characters after the offer.
_OWN_PAPERS_WINDOW = 40
_OWN_PAPERS = re.compile(
    r"(?<!\w)(?:my|meine[nm]?|mein) (?:\w+ )?(?:resume|résumé|cv|portfolio|application|profile"
    r"|background|experience|details|lebenslauf|bewerbung|bewerbungsunterlagen|unterlagen"
    r"|profil|zeugnisse|arbeitsproben|projects|work samples|references|qualifications|skills"
    r"|availability|candidacy)(?!\w)|(?:more |)(?:about|regarding|on) (?:me|myself|my)(?!\w)"
    r"|(?:r(?:ü|ue)ck)?fragen|vorstellungsgespr(?:ä|ae)ch", re.IGNORECASE)


def _gives(low: str, offer: Evidence) -> bool:
    """Whether an offer match is the sender giving something (rare path: runs only on
    offer matches)."""
    word, start, end = offer
    w = word.lower()
    if _OWN_PAPERS.search(low, start, min(len(low), end + _OWN_PAPERS_WINDOW)):
        return False  # "I can send you my CV", "stehe für Rückfragen zur Verfügung"
    if not (w.startswith("bieten") or w.endswith("vorstellen")):
        return True
    before = _NOT_GIVING_BEFORE.search(low, max(0, start - 12), start)
    if before is None:
        return True
    return before.group(1) == "mich" and not w.endswith("vorstellen")


# A signature after a closing ("Best,\nAnna Roth\nHead of Sales, Acme"): a role in it
# introduces the sender; a name alone does not. Only the tail of the text is read.
_SIGNATURE_TAIL = 200
_SIGNATURE_MIN_WORDS = 6
_CLOSING = re.compile(
    r"(?:^|\W)(?:best|regards|cheers|thanks|thank you|sincerely|warmly|kind regards"
    r"|best wishes|grüße|grüsse|gruesse|gruß|gruss|lg|vg|mfg|beste grüße|herzliche grüße)"
    r"\W*$", re.IGNORECASE | re.MULTILINE)


def _signature_role(text: str) -> list[Evidence]:
    """A role in the signature after the last closing line, as a self-introduction
    (rare path: only for texts without one elsewhere; reads the last 200 characters)."""
    base = max(0, len(text) - _SIGNATURE_TAIL)
    tail = text[base:]
    closings = list(_CLOSING.finditer(tail))
    if not closings:
        return []
    closing = closings[-1]
    for m in _role_patterns()[1].finditer(tail, closing.end()):
        start = tail.rfind("\n", 0, m.start()) + 1
        end = tail.find("\n", m.end())
        if len(_WORD_RE.findall(tail, start, len(tail) if end < 0 else end)) < 2:
            continue  # a word alone on its line is a name ("Owner", "Becker")
        a, b = base + m.start(), base + m.end()
        return [(text[a:b], a, b)]
    return []


def _introduces(text: str, intro: Evidence) -> bool:
    """Whether a self-introduction match says more than the sender's name (rare path:
    runs only on the matches of the phrases that may be followed by a name)."""
    word, _, end = intro
    key = " ".join(word.lower().split())
    if key not in _NAME_INTROS:
        return True
    name = _NAME.match(text, end)
    if name is None:
        return True  # "I'm a data engineer", "ich bin seit …": no capitalised name
    first = text[end:name.end()].split()[0]
    first = first.strip(".,!;:")
    role_word = _role_patterns()[0]
    if key in _GERMAN_NAME_INTROS and (role_word.fullmatch(first)
                                        or first.lower().endswith(_DE_ROLE_SUFFIXES)):
        # "Ich bin Vertriebsleiter", "ich bin Bäcker": German nouns are capitalised
        # and roles go without an article; a name ending like a role counts too.
        return True
    if first.isupper() and role_word.fullmatch(first):
        return True  # "I'm CEO of …": English roles without article only as titles
    after = name.end()
    if _AFTER_NAME.match(text, after):
        return True
    nxt = _WORD_RE.search(text, after, after + 40)
    return nxt is not None and role_word.fullmatch(nxt.group()) is not None \
        and not text[after:nxt.start()].strip(" ,;-–—(").strip() and nxt.start() > after
# Characters that separate words often enough to matter, besides the space: they are
# replaced by a space in the matching copy of the text (see TextAnalyser.__call__).
# Sentence ends (".!?") stay, so that phrase shapes do not run across sentences.
_SEPARATORS = tuple('\n\r\t\f\v\x00\xa0\u2009\u202f,;:()[]{}"„“”«»‚‘/*•…')
# Also blanked, but only in the copy used for counting words.
_SENTENCE_ENDS_BLANKED = (".", "!", "?")
# Configured sales phrases containing one of these cannot match the matching copy.
_SEPARATOR_SET = frozenset(_SEPARATORS)
# Characters to skip when looking back from "Sie" for the end of the previous sentence.
_OPENERS = frozenset(" \t\r\n\f\v\u00a0\u2009\u202f\"'„“”‚‘’»«›‹([{*-–—•")
_SENTENCE_ENDS = frozenset(".!?…:")
# Beyond this distance the previous sentence is not searched: a long gap of whitespace
# and quotes is treated like a sentence start (safe: the token is then not counted).
_SIE_LOOKBACK = 40


def _expand(fragment: str) -> str:
    """Turn the list conventions (space, apostrophe) into regex syntax."""
    return fragment.replace(" ", r"\s+").replace("'", "['’]")


_LITERAL_VARIANTS = {
    "ä": "(?:ä|ae)",
    "ö": "(?:ö|oe)",
    "ü": "(?:ü|ue)",
    "ß": "(?:ß|ss)",
    " ": r"\s+",
    "'": "['’]",
    "’": "['’]",
}
_HEAD_VARIANTS = {"ä": ("ä", "ae"), "ö": ("ö", "oe"), "ü": ("ü", "ue"), "\0": ("ss", "ß")}


def _literal_fragments(phrase: str) -> list[str]:
    """Regex fragments for one configured literal phrase (two if it starts with an umlaut).

    The combined pattern dispatches on a fragment's first character, so a leading umlaut
    or "ss" becomes two fragments ("ä..." and "ae...") instead of a leading group.
    """
    phrase = " ".join(phrase.casefold().replace("\0", "").split())
    if not phrase:
        return []
    tail = r"(?!\w)" if re.match(r"\w", phrase[-1]) else ""
    # casefold() turned "ß" into "ss": let "ss" match both spellings again.
    body = phrase.replace("ss", "\0")
    rest = "".join(
        "(?:ss|ß)" if ch == "\0" else _LITERAL_VARIANTS.get(ch) or re.escape(ch) for ch in body[1:]
    )
    heads = _HEAD_VARIANTS.get(body[0], (body[0],))
    return [re.escape(h) + rest + tail for h in heads]


# Units that may form the literal prefix of a fragment, besides plain characters.
_PREFIX_UNITS = (r"\s+", "['’]", "[0-9]")
_METACHARS = frozenset("\\()[]{}.*+?|^$")
_QUANTIFIERS = ("?", "*", "+", "{")


def _walk(text: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """The structural characters of a regex fragment: ``(index, char, depth)`` for every
    character outside escapes and character classes, ``depth`` being the group nesting
    after that character."""
    depth = 0
    i = start
    in_class = False
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            yield i, ch, depth
        i += 1


def _group_end(fragment: str, start: int) -> int:
    """Index of the ")" that closes the group opened at ``fragment[start]``."""
    for i, ch, depth in _walk(fragment, start):
        if ch == ")" and depth == 0:
            return i
    raise ValueError(f"unbalanced group in phrase fragment: {fragment!r}")


def _top_level_split(body: str) -> list[str]:
    """Split a group body on its top-level ``|``."""
    parts = []
    last = 0
    for i, ch, depth in _walk(body):
        if ch == "|" and depth == 0:
            parts.append(body[last:i])
            last = i + 1
    parts.append(body[last:])
    return parts


def _unfold(fragment: str) -> list[str]:
    """Distribute a leading ``(?:a|b)rest`` into ``arest``, ``brest`` (recursively).

    Fragments that start with a literal can be merged into the prefix trie, where the
    engine rejects them with one character comparison; a leading group would be entered
    at every word start.
    """
    if not fragment.startswith("(?:"):
        return [fragment]
    end = _group_end(fragment, 0)
    rest = fragment[end + 1 :]
    if rest[:1] in _QUANTIFIERS:
        return [fragment]
    return [u for alt in _top_level_split(fragment[3:end]) for u in _unfold(alt + rest)]


def _literal_prefix(fragment: str) -> tuple[list[str], str]:
    """Split a fragment into literal prefix units (characters, ``\\s+``) and the rest."""
    units: list[str] = []
    i = 0
    while i < len(fragment):
        for unit in _PREFIX_UNITS:
            if fragment.startswith(unit, i):
                break
        else:
            unit = fragment[i]
            if unit in _METACHARS:
                break
        nxt = fragment[i + len(unit) : i + len(unit) + 1]
        if nxt in _QUANTIFIERS and nxt:
            break
        units.append(unit)
        i += len(unit)
    return units, fragment[i:]


class _Trie:
    """Prefix tree of fragments: shared prefixes are matched once, siblings dispatch fast."""

    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.ends: list[tuple[int, str]] = []  # (category, remaining regex)

    def add(self, units: list[str], rest: str, category: int) -> None:
        node = self
        for unit in units:
            node = node.children.setdefault(unit, _Trie())
        node.ends.append((category, rest))

    def emit(self, categories: list[int]) -> str:
        """Regex for this subtree; appends one category per emitted marker group.

        Longer literal prefixes come first: when two phrases start at the same place,
        only the first alternative that matches is reported, and the longer one is the
        more specific ("meeting you" is a reason, not the ask "meeting").
        """
        alternatives = []
        for unit, child in self.children.items():
            token = unit if unit in _PREFIX_UNITS else re.escape(unit)
            alternatives.append(token + child.emit(categories))
        for category, rest in self.ends:
            categories.append(category)
            alternatives.append(f"{rest}(?!\\w)()" if rest else "(?!\\w)()")
        if len(alternatives) == 1 and not self.ends:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"


def _combine(entries: Iterable[tuple[int, str]]) -> tuple[re.Pattern[str], tuple[int, ...]]:
    """Compile (category, fragment) pairs into one pattern over ``" " + text.lower()``.

    Shape: `` (?=<prefix trie of all fragments>)``. The leading space is a literal prefix,
    so the engine skips from word start to word start with a fast search; the trie makes the
    work at a word start proportional to the matching prefixes, not to the number of
    phrases; the lookahead lets overlapping phrases of different categories all be found;
    the empty group at the end of each alternative tells which alternative matched
    (``lastindex``) and where the phrase ends (its ``start``).
    """
    entries = tuple(entries)
    cached = _COMBINED.get(entries)
    if cached is not None:
        return cached

    def build() -> tuple[str, list[int]]:
        trie = _Trie()
        for category, fragment in entries:
            # Checked on the structure, not by re.compile: hundreds of fragments would
            # evict the combined patterns from re's own cache (512 entries).
            if any(ch == "(" and fragment[i + 1 : i + 2] != "?"
                   for i, ch, _ in _walk(fragment)):
                raise ValueError(f"phrase fragment has a capturing group: {fragment!r}")
            for unfolded in _unfold(fragment):
                if unfolded:
                    units, rest = _literal_prefix(unfolded)
                    trie.add(units, rest, category)
        categories: list[int] = [-1]  # group 0 is the whole match
        body = trie.emit(categories) if trie.children or trie.ends else "(?!)"
        return " (?=" + body + ")", categories

    # Built and compiled once per machine, not per process: the entries decide the
    # pattern, and the default phrases take about half a second (docs/performance.md).
    pattern, categories = compile_cached(repr(entries), build)
    result = pattern, tuple(categories)
    if len(_COMBINED) < _COMBINED_MAX:
        _COMBINED[entries] = result
    return result


# Compiled combined patterns by their entries: engines with the default phrases (and
# the module's default analyser) share one compilation per process. Bounded: a host that
# builds engines with ever new phrase lists compiles those anew.
_COMBINED: dict[tuple[tuple[int, str], ...], tuple[re.Pattern[str], tuple[int, ...]]] = {}
_COMBINED_MAX = 16


def _outermost(found: list[Evidence]) -> list[Evidence]:
    """Drop evidence lying inside an earlier piece ("Rabatt" in "20 % Rabatt").

    ``found`` is sorted by start offset. Overlapping phrases of one category would
    otherwise be quoted and counted twice.
    """
    kept = [found[0]]
    for evidence in found[1:]:
        if evidence[2] > kept[-1][2]:
            kept.append(evidence)
    return kept


def _shifted(text: str, span: tuple[int, int]) -> Evidence:
    """Evidence for a span of ``" " + text.lower()`` (one character ahead of ``text``)."""
    a = span[0] - 1
    b = span[1] - 1
    return (text[a:b], a, b)


class TextAnalyser:
    """Computes :class:`TextAnalysis` for texts; compile once, call per event.

    ``sales_phrases`` replaces :data:`DEFAULT_SALES_PHRASES` (KN105's ``phrases`` option):
    literal phrases, matched case-insensitively on word boundaries. The listicle pattern
    ("7 geheime Tipps") and the :data:`SALES_PATTERNS` ("30% off", "10 new clients a
    month") are always active. A phrase lying inside another ("Rabatt" in "20 % Rabatt")
    is reported once, as the longer one.

    The patterns are compiled on the first call (or by :meth:`compile`), not when the
    analyser is made: an engine that never reads a note, or a command that ends before
    one, does not pay for them (hundreds of milliseconds; docs/performance.md). Analysers
    with the same phrases share one compilation per process.
    """

    __slots__ = (
        "_categories",
        "_du_re",
        "_du_words",
        "_greet_re",
        "_other_language",
        "_phrase_re",
        "_sales_loose_re",
        "_sales_phrases",
        "_sie_re",
        "_sie_words",
        "_stopword_weight",
    )  # fmt: skip

    def __init__(self, sales_phrases: Sequence[str] = DEFAULT_SALES_PHRASES) -> None:
        """Keep ``sales_phrases`` (literal phrases); the patterns are compiled on first
        use (:meth:`compile`)."""
        if isinstance(sales_phrases, str):
            raise TypeError("sales_phrases must be a sequence of phrases, not one string")
        self._sales_phrases = tuple(sales_phrases)
        # Every other slot stays unset until compile(): __call__ reads the first of them
        # inside a try block, which costs nothing per call (Python 3.11+) until it fails.

    def compile(self) -> TextAnalyser:
        """Compile every pattern and set now (the first call does it otherwise); returns
        the analyser. For hosts that would rather pay at start than on the first note."""
        entries: list[tuple[int, str]] = []
        # When two phrases share a prefix node in the tree, the earlier entry is tried
        # first: offers before sales before asks, so "i'd be glad to introduce" is an
        # offer rather than an ask.
        entries += [(_OFFER, _expand(f)) for f in OFFERS]
        loose_sales: list[str] = []
        for phrase in self._sales_phrases:
            for fragment in _literal_fragments(phrase):
                if fragment[:1].isalnum() and _SEPARATOR_SET.isdisjoint(phrase):
                    entries.append((_SALES, fragment))
                else:
                    # Starts with a symbol ("% rabatt"): no word boundary to anchor on;
                    # or contains a separator: matched on the lower-cased text instead.
                    boundary = r"(?<!\w)" if fragment[:1].isalnum() else ""
                    loose_sales.append(boundary + fragment)
        # "7 Tipps", "5 secret tips", "sieben supergeheime Verkaufstipps" (a compound
        # noun may carry a prefix of up to 20 characters).
        counted = _within(
            r"[\w-]{0,20}?" + _words(SALES_COUNT_NOUNS), _SALES_COUNT_MAX_WORDS_BETWEEN
        )
        entries.append((_SALES, f"{_SALES_NUMBER}[.:]?\\s+{counted}"))
        entries += [(_SALES, _expand(f)) for f in SALES_PATTERNS]
        entries += [(_ASK, _expand(f)) for f in ASKS]
        entries += [(_SHARED, _expand(f)) for f in SHARED_CONTEXT]
        entries += [(_REASON, _expand(f)) for f in REASONS]
        entries += [(_INTRO, _expand(f)) for f in SELF_INTRODUCTIONS]
        self._phrase_re, self._categories = _combine(entries)
        self._sales_loose_re = (
            re.compile("|".join(f"(?:{f})" for f in loose_sales)) if loose_sales else None
        )
        self._greet_re = _combine((0, _expand(g)) for g in GREETINGS)[0]
        # Matched on the matching copy, like the phrases: a literal space first.
        self._du_re = re.compile(" (" + _words(DU_FORMS) + r")(?!\w)")
        self._du_words = frozenset(DU_FORMS)
        # Candidates in any case from the matching copy; the capital is checked on the
        # original text afterwards.
        self._sie_re = re.compile(" (" + _words(f.lower() for f in SIE_FORMS) + r")(?!\w)")
        # One dict lookup per token counts both languages: a German hit adds 1, an
        # English hit adds 2**32 (no text has 2**32 tokens, so the halves never mix).
        weights: dict[str, int] = {}
        self._other_language: dict[str, str] = {}
        for lang, words in OTHER_STOPWORDS.items():
            for word in words:
                weights[word] = _OTHER_WEIGHT
                self._other_language.setdefault(word, lang)
        weights.update(dict.fromkeys(ENGLISH_STOPWORDS, _EN_WEIGHT))
        weights.update(dict.fromkeys(GERMAN_STOPWORDS, 1))
        self._sie_words = frozenset(f.lower() for f in SIE_FORMS)
        # Set last: __call__ takes it as the sign that everything else is set.
        self._stopword_weight = weights.get
        return self

    def __call__(self, text: str) -> TextAnalysis:
        """Analyse one note or message; never raises on any ``str``. Reads at most
        :data:`ANALYSIS_LIMIT` characters, so the cost is bounded whatever the input."""
        n = len(text)
        if not n:
            return EMPTY
        if text.isspace():
            return TextAnalysis(chars=n, words=0, blank=True)
        if n > ANALYSIS_LIMIT:
            start = n - len(text.lstrip())
            return _moved(self(text[start:start + ANALYSIS_LIMIT]), start, n)
        low = text.lower()
        if len(low) != n:
            # A few characters ("İ") lower-case to two code points; keep those as they
            # are so that offsets into `low` stay offsets into `text`.
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)

        # The phrase patterns start with a literal space, which the regex engine finds
        # with a fast string search (a "\W" start would test every character's Unicode
        # category). So: one space in front for offset 0, the usual non-space separators
        # turned into spaces (same length, so offsets still hold).
        s = " " + low
        for separator in _SEPARATORS:
            if separator in s:
                s = s.replace(separator, " ")

        # Words are \w+ runs. Separators and sentence ends are not word characters, so
        # blanking them keeps the runs. Splitting on whitespace is much cheaper than a
        # regex pass, and a token made only of letters and digits is exactly one \w+
        # run (str.isalnum is the test re's \w uses); only the rest needs the regex.
        w = s
        for separator in _SENTENCE_ENDS_BLANKED:
            if separator in w:
                w = w.replace(separator, " ")
        tokens = w.split()
        mixed = list(filterfalse(str.isalnum, tokens))
        more = _WORD_RE.findall(" ".join(mixed)) if mixed else []
        words = len(tokens) - len(mixed) + len(more)
        # Stop words are alphanumeric, so the punctuated tokens never count twice.
        try:
            weight = self._stopword_weight
        except AttributeError:  # the first call: compile the patterns now
            self.compile()
            weight = self._stopword_weight
        hits = sum(map(weight, tokens, repeat(0))) + sum(map(weight, more, repeat(0)))
        en_hits, rest = divmod(hits, _EN_WEIGHT)
        other_hits, de_hits = divmod(rest, _OTHER_WEIGHT)
        script = None if text.isascii() else _script_language(text)
        if script is not None:
            language: str | None = script
        elif other_hits >= _MIN_LANGUAGE_HITS and other_hits > de_hits + en_hits:
            language = self._which_other(tokens, more)
        elif (plain := words - _address_words(s)) >= _UNKNOWN_MIN_WORDS \
                and de_hits + en_hits <= plain // 12:
            # A sentence or two with (almost) no German or English stop word is in a
            # language the lists do not know (Polish, Turkish, Swedish …): unreadable.
            language = "und"
        elif de_hits + en_hits < _MIN_LANGUAGE_HITS or de_hits == en_hits:
            language = None
        else:
            language = "de" if de_hits > en_hits else "en"
        if language is not None and language not in ("de", "en"):
            # Another language: the heuristics would only invent evidence.
            return TextAnalysis(chars=n, words=words, blank=False, language=language)

        greeting = self._greeting(s, text)
        if self._sie_words.isdisjoint(tokens) and self._sie_words.isdisjoint(more):
            sie: tuple[Evidence, ...] = ()
        else:
            sie = self._sie_markers(s, text)
        if self._du_words.isdisjoint(tokens) and self._du_words.isdisjoint(more):
            du: tuple[Evidence, ...] = ()
        else:
            du = tuple(_shifted(text, m.span(1)) for m in self._du_re.finditer(s))
        if language == "en" or not (sie or du):
            address_form = None
        elif sie and du:
            address_form = "mixed"
        else:
            address_form = "sie" if sie else "du"

        found: tuple[list[Evidence], ...] = ([], [], [], [], [], [])
        categories = self._categories
        for m in self._phrase_re.finditer(s):
            index = m.lastindex
            a = m.start()  # the space's index in `s` is the phrase's index in `text`
            b = m.start(index) - 1  # type: ignore[arg-type]  # every alternative has one
            found[categories[index]].append((text[a:b], a, b))  # type: ignore[index]
        intros, reasons, asks, offers, sales, shared = found
        if intros:
            intros = [e for e in intros if _introduces(text, e)]
        if offers:
            offers = [e for e in offers if _gives(low, e)]
        if sales:
            sales = [e for e in sales if _mine(low, e)]
        if not intros and words >= _SIGNATURE_MIN_WORDS:
            intros = _signature_role(text)
        if not intros:
            # A pitch of the sender's own business ("we help agencies …", "I provide …",
            # "Wir automatisieren …") says who they are, whatever else it does.
            # So does "Built a tool that …" (the reader's own work was dropped above).
            intros = [e for e in sales if _FIRST_PERSON.match(e[0])
                      or e[0].lower().startswith(_PRODUCT_VERBS)][:1]
        if reasons:
            # Lower-case "ihr/ihre …" is "her/their" ("ihre digitale Position" of the
            # firms the sender serves), not the formal "your": no reference to the reader.
            reasons = [e for e in reasons if not e[0].startswith("ihr")]
        if shared:
            reasons = sorted(reasons + shared, key=lambda e: (e[1], e[2]))
        if self._sales_loose_re is not None:
            for m in self._sales_loose_re.finditer(low):
                a, b = m.span()
                sales.append((text[a:b], a, b))
            sales.sort(key=lambda e: (e[1], -e[2]))
        if len(sales) > 1:
            sales = _outermost(sales)

        if words == 0:
            hollow = True  # emoji or punctuation only
        elif greeting is not None and words <= _HOLLOW_MAX_WORDS + 2:
            rest = words - len(_WORD_RE.findall(greeting[0]))
            hollow = rest <= _HOLLOW_MAX_WORDS and not (intros or reasons or asks or offers
                                                        or sales)
        else:
            hollow = False
        return TextAnalysis(
            chars=n,
            words=words,
            blank=False,
            hollow=hollow,
            language=language,
            greeting=greeting,
            address_form=address_form,
            sie_markers=sie,
            du_markers=du,
            self_introduction=intros[0] if intros else None,
            reasons=tuple(reasons),
            shared=tuple(shared),
            asks=tuple(asks),
            offers=tuple(offers),
            sales_phrases=tuple(sales),
        )

    def _which_other(self, tokens: list[str], more: list[str]) -> str:
        """The other language with the most stop-word hits (rare path)."""
        counts: dict[str, int] = {}
        which = self._other_language
        for token in (*tokens, *more):
            lang = which.get(token)
            if lang is not None:
                counts[lang] = counts.get(lang, 0) + 1
        return max(counts, key=counts.__getitem__)

    def _greeting(self, s: str, text: str) -> Evidence | None:
        """The first salutation among the first few words, or None."""
        window = min(len(s), _GREETING_WINDOW)
        # Most notes open with the salutation: try that place alone first.
        first = self._greet_re.match(s, 0, window)
        for m in (first,) if first else self._greet_re.finditer(s, 0, window):
            a = m.start()  # in `text`; the greeting starts at a + 1 in `s`
            b = m.start(m.lastindex) - 1  # type: ignore[arg-type]
            if b + 1 == window and _WORD_RE.match(s, b + 1):
                continue  # the window cut a longer word ("hi" of "hint")
            if a and len(_WORD_RE.findall(s, 0, a + 1)) > _GREETING_MAX_WORDS_BEFORE:
                return None
            if a and s[a + 1 : b + 1] in _AMBIGUOUS_GREETINGS:
                # Must open a sentence: no word since the last sentence end.
                start = max(text.rfind(c, 0, a) for c in ".!?\n") + 1
                if _WORD_RE.search(text, start, a):
                    continue
            return (text[a:b], a, b)
        return None

    def _sie_markers(self, s: str, text: str) -> tuple[Evidence, ...]:
        """Capitalised formal-address tokens that are not at the start of a sentence."""
        found: list[Evidence] = []
        for m in self._sie_re.finditer(s):
            a = m.start()  # the space's index in `s` is the word's index in `text`
            b = m.end()
            word = text[a : b - 1]
            if word not in _SIE_SET:
                continue  # lower case ("sie" = she/they) or all capitals: not formal
            if word not in _SIE_ANYWHERE:
                j = a - 1
                stop = max(a - _SIE_LOOKBACK, 0) - 1
                while j > stop and text[j] in _OPENERS:
                    j -= 1
                if j <= stop or text[j] in _SENTENCE_ENDS:
                    continue  # sentence start: "Sie" may be she/they, "Ihr" her/their
            found.append((word, a, b - 1))
        return tuple(found)


_DEFAULT = TextAnalyser()


_FORMAL_AFTER_GREETING = re.compile(
    r"\s*,?\s*(?:herr|frau|dr\.|prof\.|professor|professorin)(?!\w)", re.IGNORECASE)


def formal_salutation(text: str, greeting: Evidence) -> bool:
    """Whether a German salutation is formal by itself: "Sehr geehrte…", or a greeting
    followed by Herr/Frau/Dr./Prof. ("Hallo Frau Schröder") — the Sie form even when
    the note uses no pronoun that shows it."""
    word, _, end = greeting
    if word.lower().startswith("sehr geehrt"):
        return True
    return _FORMAL_AFTER_GREETING.match(text, end, min(len(text), end + 40)) is not None


def analyse(text: str) -> TextAnalysis:
    """Analyse ``text`` with a shared default :class:`TextAnalyser`."""
    return _DEFAULT(text)


# --------------------------------------------------------------------------------------
# Follow-through: closers and questions about the reason of a contact
# --------------------------------------------------------------------------------------

#: Words a conversation closer is made of ("Thanks!", "You're welcome", "Gerne, dir
#: auch!", "👍"): a message of only these (and at most two capitalised names) owes no
#: reply.
CLOSER_WORDS: frozenset[str] = frozenset((
    # English
    "thanks", "thank", "you", "so", "much", "very", "many", "thx", "ty", "tyvm", "cheers",
    "great", "ok", "okay", "k", "cool", "perfect", "sure", "welcome", "you're", "youre",
    "your", "likewise", "same", "to", "too", "np", "no", "problem", "worries", "anytime",
    "will", "do", "sounds", "good", "awesome", "nice", "got", "it", "noted", "the",
    "again", "a", "lot", "for", "all", "best", "regards", "kind", "wishes", "and",
    "congrats", "congratulations", "pleasure", "my", "glad", "happy",
    "helped", "of", "course", "appreciate", "appreciated", "definitely", "absolutely",
    "are", "yes", "yep", "yup", "indeed", "wonderful", "excellent", "brilliant", "lovely",
    "fantastic", "amazing", "haha", "lol", "s", "re", "ll", "talk", "soon", "bye",
    "have", "day", "weekend", "week", "take", "care", "well", "done", "fine", "alright",
    "all", "right", "as", "always", "back", "at", "ya",
    # German
    "danke", "dankeschön", "dankeschoen", "vielen", "dank", "herzlichen", "besten",
    "gerne", "gern", "ebenso", "gleichfalls", "dir", "ihnen", "euch", "auch", "super",
    "prima", "alles", "klar", "passt", "top", "sehr", "schön", "schoen",
    "perfekt", "toll", "liebe", "lieben", "grüße", "gruesse", "grüsse", "gruß", "gruss",
    "lg", "vg", "bg", "mfg", "viele", "beste", "freut", "mich", "ja", "genau", "okay",
    "einverstanden", "sehr", "gut", "ganz", "herzlich",
    "ich", "dich", "sie", "schönen", "schoenen", "tag", "abend", "wochenende", "noch",
    "einen", "mach", "machs", "es", "bis", "bald", "dann", "gerngeschehen", "geschehen",
    "nichts", "zu", "für", "fuer", "das", "den", "die", "glückwunsch", "glueckwunsch",
    "gratuliere", "merci", "viel", "erfolg", "wünsche", "wuensche", "connect", "connecting",
    "connected", "connection", "invite", "invitation", "accepting", "adding", "with",
    "touch", "stay", "keep", "in", "meet", "vernetzung", "vernetzen", "kontaktanfrage",
    "anfrage", "annahme", "bestätigung", "kontakt", "bleiben", "verbindung", "👍", "any",
    "time", "see", "pleasure",
))  # fmt: skip
# At most this many words: a longer message says something, whatever its words.
_CLOSER_MAX_WORDS = 10
_CLOSER_NAMES = 2
# The words that make a short message a closer; the others may only accompany them.
_CLOSER_CORE = frozenset((
    "thanks", "thank", "thx", "ty", "tyvm", "cheers", "welcome", "likewise", "same",
    "np", "anytime", "noted", "ok", "okay", "sure", "great", "perfect", "cool",
    "awesome", "congrats", "congratulations", "pleasure", "bye", "danke", "dankeschön",
    "dankeschoen", "dank", "gerne", "gern", "ebenso", "gleichfalls", "super", "prima",
    "passt", "top", "perfekt", "toll", "merci", "lg", "vg", "bg", "mfg", "👍", "yes",
    "yep", "yup", "wonderful", "excellent", "lovely", "fantastic", "amazing", "haha",
    "lol", "einverstanden", "genau", "glückwunsch", "glueckwunsch", "gratuliere",
    "nice", "any", "schönen", "schoenen",
))  # fmt: skip
_QUESTION_WORDS = frozenset((
    "have", "has", "could", "can", "would", "will", "do", "did", "are", "is", "when",
    "where", "what", "how", "why", "hast", "haben", "kannst", "können", "koennen",
    "könnten", "koennten", "wann", "wo", "was", "wie", "warum", "bist", "sind", "hättest",
))  # fmt: skip
_ADDRESSEES = frozenset(("you", "u", "we", "sie", "du", "ihr", "wir"))


def is_closer(text: str | None) -> bool:
    """Whether a message only closes a conversation: thanks, "you're welcome",
    "likewise", "sure", a thumbs-up or an emoji alone, in German or English, with at
    most two names, no question and at most ten words. ``None`` and blank texts are not
    closers (there is nothing to judge)."""
    if not text or text.isspace():
        return False
    if "?" in text or len(text) > 200:
        return False
    tokens = _WORD_RE.findall(text)
    if len(tokens) > _CLOSER_MAX_WORDS:
        return False
    if len(tokens) > 1 and tokens[0].lower() in _QUESTION_WORDS \
            and tokens[1].lower() in _ADDRESSEES:
        return False  # "Have you got time to talk" (a question without its mark)
    names = 0
    thanks = False
    for token in tokens:
        low = token.lower()
        if low in CLOSER_WORDS:
            thanks = thanks or low in _CLOSER_CORE
            continue
        if token[:1].isupper() and names < _CLOSER_NAMES:
            names += 1  # "Thanks Anna!"
            continue
        return False
    # At least one word that closes ("thanks", "welcome", "likewise", "👍" …), or no
    # word at all (an emoji alone).
    return thanks or not tokens


#: Questions about why someone made contact ("Woher kennen wir uns?", "Have we met?").
REASON_QUESTIONS: tuple[str, ...] = (
    # German
    "woher kennen wir uns", "kennen wir uns", "wo haben wir uns", "wie kommen sie auf mich",
    "wie sind sie auf mich", "wie bist du auf mich", "wie kommst du auf mich",
    "was ist der anlass", "was ist der grund", "was ist ihr anliegen",
    "was ist dein anliegen", "worum geht es", "worum geht's", "was kann ich für sie tun",
    "was kann ich für dich tun", "was kann ich fuer sie tun", "was kann ich fuer dich tun",
    "wie kann ich ihnen helfen", "wie kann ich dir helfen", "aus welchem grund",
    "warum möchten sie", "warum möchtest du", "warum moechten sie", "warum wollen sie",
    "was führt sie zu mir", "was fuehrt sie zu mir", "helfen sie mir auf die sprünge",
    "hilf mir auf die sprünge", "was war der anlass", "welches anliegen",
    # English
    "how do we know each other", "do we know each other", "have we met",
    "where did we meet", "where do we know each other", "how did you find me",
    "how did you find my profile", "how did you come across", "why did you want to",
    "why did you contact", "why did you reach out", "why did you add", "why did you send",
    "why are you contacting", "why are you reaching out", "what is this about",
    "what's this about", "what is it about", "what's it about", "what can i do for you",
    "what can i help you with", "how can i help you", "what brings you",
    "reason for connecting", "reason for the connection", "reason for your request",
    "reason for reaching out", "what made you reach out", "what made you connect",
    "remind me how we", "remind me where we", "what would you like to discuss",
    "what did you want to discuss",
)  # fmt: skip

_REASON_QUESTION_RE: re.Pattern[str] | None = None


def reason_question(text: str | None) -> Evidence | None:
    """The first question about why the other party made contact, or ``None``. For the
    follow-through (KN305), not the per-event path: the pattern is compiled on first
    use. Reads at most :data:`ANALYSIS_LIMIT` characters from the first non-blank one,
    like :class:`TextAnalyser`; offsets index the whole text."""
    global _REASON_QUESTION_RE
    if not text:
        return None
    if _REASON_QUESTION_RE is None:
        _REASON_QUESTION_RE = re.compile(
            r"(?<!\w)(?:" + "|".join(
                _expand(re.escape(q).replace(r"\ ", " ").replace("\\'", "'"))
                for q in sorted(REASON_QUESTIONS, key=len, reverse=True))
            + r")(?!\w)", re.IGNORECASE)
    # Read like the text analysis: ANALYSIS_LIMIT characters from the first non-blank
    # (the pattern has no literal prefix, so every position is tried: ~1.5 s for a
    # megabyte of spaces unbounded). Offsets index the whole text.
    start = len(text) - len(text.lstrip())
    m = _REASON_QUESTION_RE.search(text, start, start + ANALYSIS_LIMIT)
    return None if m is None else (m.group(0), m.start(), m.end())
