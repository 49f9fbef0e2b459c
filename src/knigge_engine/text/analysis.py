"""The analysis of one note or message: `TextAnalysis`, computed by a
`TextAnalyser` (or `analyse`, with the shared default one).

The analyser compiles the phrase lists of `knigge_engine.text.phrases` into one
pattern on its first text (`knigge_engine.text.compiler`), reads the language
(`knigge_engine.text.language`), then the salutation, the forms of address and the
phrases; the post-checks here decide the rare ambiguous matches (a name after "I am", a
role in a signature, an offer or a pitch that is someone else's).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import filterfalse, repeat
from typing import Any

import attrs

from .compiler import combine, expand, literal_fragments
from .fragments import any_of
from .language import (
    BEYOND_GERMAN_AND_ENGLISH,
    EN_WEIGHT,
    MIN_LANGUAGE_HITS,
    NAME_PARTICLES,
    OTHER_STOPWORDS,
    OTHER_WEIGHT,
    UNKNOWN_MIN_WORDS,
    WORD_RE,
    address_hits,
    address_words,
    foreign_words,
    script_language,
)
from .phrases import (
    AMBIGUOUS_GREETINGS,
    ASKS,
    DE_ROLES,
    DEFAULT_SALES_PHRASES,
    DU_FORMS,
    EN_ROLES,
    ENGLISH_STOPWORDS,
    GERMAN_STOPWORDS,
    GREETINGS,
    LISTICLE,
    OFFERS,
    REASONS,
    SALES_PATTERNS,
    SELF_INTRODUCTIONS,
    SHARED_CONTEXT,
    SIE_ANYWHERE,
    SIE_FORMS,
)

Evidence = tuple[str, int, int]
"""`(matched text as it appears in the input, start offset, end offset)`.

Offsets index the original string: `text[start:end] == matched_text` always holds.
"""

# How far into the note a salutation may start (in words before it), and a character
# window that certainly contains that many ordinary words.
_GREETING_MAX_WORDS_BEFORE = 5
_GREETING_WINDOW = 160

# A salutation followed by at most this many words (a name) says nothing else.
_HOLLOW_MAX_WORDS = 2


@attrs.frozen(slots=True)
class TextAnalysis:
    """What a note or message says, as far as the etiquette rules care.

    Computed once per event by `TextAnalyser`; every rule reads the same instance.
    All evidence offsets index the original text.
    """

    chars: int
    """`len(text)`."""
    words: int
    """Number of `\\w+` tokens (Unicode aware: "Grüße" is one word, "E-Mail" two)."""
    blank: bool
    """True when the text is empty or only whitespace."""
    language: str | None = None
    """`"de"`, `"en"` or `None` when undecidable (too little signal, or a tie)."""
    greeting: Evidence | None = None
    """A salutation among the first few words ("Hallo", "Sehr geehrte", "Dear", ...)."""
    address_form: str | None = None
    """`"sie"`, `"du"`, `"mixed"`, or `None` (no marker, or the text is English)."""
    sie_markers: tuple[Evidence, ...] = ()
    """Formal-address tokens (capitalised "Sie"/"Ihr*" not at sentence start; "Ihnen")."""
    du_markers: tuple[Evidence, ...] = ()
    """Informal-address tokens ("du", "dich", "dir", "dein*", "euch", "euer", "eure*")."""
    self_introduction: Evidence | None = None
    """The first place where the sender says who they are or what they do."""
    reasons: tuple[Evidence, ...] = ()
    """Why this person: their work, where you met, shared groups or contacts, a concern
    (includes `shared`)."""
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
    """True when the text is longer than `ANALYSIS_LIMIT` characters: only that
    many, from its first non-blank character on, were read (`chars` is still the whole
    length); what lies beyond is no evidence either way."""

    @property
    def readable(self) -> bool:
        """Whether the heuristics can read this text: German, English, or too short to
        tell. A text in another language (`language` is another code) is no evidence
        for or against any text rule."""
        return self.language is None or self.language in ("de", "en")


EMPTY: TextAnalysis = TextAnalysis(chars=0, words=0, blank=True)
"""The analysis of `""`: blank, no words, no evidence (what `analyse("")` returns)."""

#: How many characters of a note or message the heuristics read (from its first non-blank
#: character). Far above any note or message a platform lets one write (contact-request
#: notes hold a few hundred characters; messages a few thousand): a longer text is no
#: personal message, and reading all of a megabyte would let one event stall a worker.
#: See `docs/decisions.md`.
ANALYSIS_LIMIT = 20_000

_EVIDENCE_FIELDS = ("greeting", "self_introduction")
_EVIDENCE_TUPLES = ("sie_markers", "du_markers", "reasons", "shared", "asks", "offers",
                    "sales_phrases")


def _moved(analysis: TextAnalysis, offset: int, chars: int) -> TextAnalysis:
    """`analysis` of a window that starts `offset` characters into a text of
    `chars` characters, with every evidence offset made an offset into that text."""
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
    `_signature_role`). Built and compiled on first use: only self-introductions that
    may be a name and signatures after a closing line read them (start-up,
    docs/performance.md)."""
    roles = any_of(DE_ROLES + EN_ROLES)
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
        if len(WORD_RE.findall(tail, start, len(tail) if end < 0 else end)) < 2:
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
    nxt = WORD_RE.search(text, after, after + 40)
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
# The formal-address forms, for the capital check on the original text.
_SIE_SET = frozenset(SIE_FORMS)


def _outermost(found: list[Evidence]) -> list[Evidence]:
    """Drop evidence lying inside an earlier piece ("Rabatt" in "20 % Rabatt").

    `found` is sorted by start offset. Overlapping phrases of one category would
    otherwise be quoted and counted twice.
    """
    kept = [found[0]]
    for evidence in found[1:]:
        if evidence[2] > kept[-1][2]:
            kept.append(evidence)
    return kept


def _shifted(text: str, span: tuple[int, int]) -> Evidence:
    """Evidence for a span of `" " + text.lower()` (one character ahead of `text`)."""
    a = span[0] - 1
    b = span[1] - 1
    return (text[a:b], a, b)


class TextAnalyser:
    """Computes `TextAnalysis` for texts; compile once, call per event.

    `sales_phrases` replaces `DEFAULT_SALES_PHRASES` (KN105's `phrases` option):
    literal phrases, matched case-insensitively on word boundaries. The listicle pattern
    ("7 geheime Tipps") and the `SALES_PATTERNS` ("30% off", "10 new clients a
    month") are always active. A phrase lying inside another ("Rabatt" in "20 % Rabatt")
    is reported once, as the longer one.

    The patterns are compiled on the first call (or by `compile`), not when the
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
        "_weights",
    )  # fmt: skip

    def __init__(self, sales_phrases: Sequence[str] = DEFAULT_SALES_PHRASES) -> None:
        """Keep `sales_phrases` (literal phrases); the patterns are compiled on first
        use (`compile`)."""
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
        entries += [(_OFFER, expand(f)) for f in OFFERS]
        loose_sales: list[str] = []
        for phrase in self._sales_phrases:
            for fragment in literal_fragments(phrase):
                if fragment[:1].isalnum() and _SEPARATOR_SET.isdisjoint(phrase):
                    entries.append((_SALES, fragment))
                else:
                    # Starts with a symbol ("% rabatt"): no word boundary to anchor on;
                    # or contains a separator: matched on the lower-cased text instead.
                    boundary = r"(?<!\w)" if fragment[:1].isalnum() else ""
                    loose_sales.append(boundary + fragment)
        # "7 Tipps", "5 secret tips", "sieben supergeheime Verkaufstipps".
        entries.append((_SALES, LISTICLE))
        entries += [(_SALES, expand(f)) for f in SALES_PATTERNS]
        entries += [(_ASK, expand(f)) for f in ASKS]
        entries += [(_SHARED, expand(f)) for f in SHARED_CONTEXT]
        entries += [(_REASON, expand(f)) for f in REASONS]
        entries += [(_INTRO, expand(f)) for f in SELF_INTRODUCTIONS]
        self._phrase_re, self._categories = combine(entries)
        self._sales_loose_re = (
            re.compile("|".join(f"(?:{f})" for f in loose_sales)) if loose_sales else None
        )
        self._greet_re = combine((0, expand(g)) for g in GREETINGS)[0]
        # Matched on the matching copy, like the phrases: a literal space first.
        self._du_re = re.compile(" (" + any_of(DU_FORMS) + r")(?!\w)")
        self._du_words = frozenset(DU_FORMS)
        # Candidates in any case from the matching copy; the capital is checked on the
        # original text afterwards.
        self._sie_re = re.compile(" (" + any_of(f.lower() for f in SIE_FORMS) + r")(?!\w)")
        # One dict lookup per token counts both languages: a German hit adds 1, an
        # English hit adds 2**32 (no text has 2**32 tokens, so the halves never mix).
        weights: dict[str, int] = {}
        other_language: dict[str, tuple[str, ...]] = {}
        for lang, words in OTHER_STOPWORDS.items():
            for word in words:
                weights[word] = OTHER_WEIGHT * (1 if word in NAME_PARTICLES else 2)
                other_language[word] = (*other_language.get(word, ()), lang)
        weights.update(dict.fromkeys(ENGLISH_STOPWORDS, EN_WEIGHT))
        weights.update(dict.fromkeys(GERMAN_STOPWORDS, 1))
        self._other_language = other_language
        self._sie_words = frozenset(f.lower() for f in SIE_FORMS)
        # Set last: __call__ takes it as the sign that everything else is set.
        self._weights = weights
        self._stopword_weight = weights.get
        return self

    def __call__(self, text: str) -> TextAnalysis:
        """Analyse one note or message; never raises on any `str`. Reads at most
        `ANALYSIS_LIMIT` characters, so the cost is bounded whatever the input."""
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
        more = WORD_RE.findall(" ".join(mixed)) if mixed else []
        words = len(tokens) - len(mixed) + len(more)
        # Stop words are alphanumeric, so the punctuated tokens never count twice.
        try:
            weight = self._stopword_weight
        except AttributeError:  # the first call: compile the patterns now
            self.compile()
            weight = self._stopword_weight
        hits = sum(map(weight, tokens, repeat(0))) + sum(map(weight, more, repeat(0)))
        en_hits, rest = divmod(hits, EN_WEIGHT)
        # Another language's evidence counts in halves (NAME_PARTICLES weigh one half).
        other_halves, de_hits = divmod(rest, OTHER_WEIGHT)
        if text.isascii() or BEYOND_GERMAN_AND_ENGLISH.search(text) is None:
            # Nothing for an ASCII note, one search for a German one with umlauts.
            script = hint = None
        elif (script := script_language(text)) is None:
            # Lower-case words with a letter German and English never use ("gustaría",
            # "réseau"): evidence of another language like its stop words.
            foreign, hint = foreign_words(text, self._weights)
            other_halves += 2 * foreign
        if other_halves >= 2 * MIN_LANGUAGE_HITS and other_halves > 2 * (de_hits + en_hits) \
                and script is None and (in_address := address_hits(low, weight)):
            # Stop words inside a web or e-mail address ("acme.com", "shop.de") are
            # no evidence of any language (rare path: another language would win).
            en_out, rest = divmod(in_address, EN_WEIGHT)
            other_out, de_out = divmod(rest, OTHER_WEIGHT)
            en_hits, other_halves, de_hits = en_hits - en_out, other_halves - other_out, \
                de_hits - de_out
        if script is not None:
            language: str | None = script
        elif other_halves >= 2 * MIN_LANGUAGE_HITS \
                and other_halves > 2 * (de_hits + en_hits):
            language = self._which_other(tokens, more, hint)
        elif (plain := words - address_words(s)) >= UNKNOWN_MIN_WORDS \
                and de_hits + en_hits <= plain // 12:
            # A sentence or two with (almost) no German or English stop word is in a
            # language the lists do not know (Polish, Turkish, Swedish …): unreadable.
            language = "und"
        elif de_hits + en_hits < MIN_LANGUAGE_HITS or de_hits == en_hits:
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
            rest = words - len(WORD_RE.findall(greeting[0]))
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

    def _which_other(self, tokens: list[str], more: list[str], hint: str | None) -> str:
        """The other language with the most stop-word hits, a word shared by several
        languages counting for each; a tie goes to the one a foreign letter points to
        (`hint`), then to the first listed; with no stop word at all, `hint` or "und"
        (rare path)."""
        counts: dict[str, int] = {}
        which = self._other_language
        for token in (*tokens, *more):
            for lang in which.get(token, ()):
                counts[lang] = counts.get(lang, 0) + 1
        if hint is not None:
            counts[hint] = counts.get(hint, 0) + 1
        return max(counts, key=counts.__getitem__) if counts else "und"

    def _greeting(self, s: str, text: str) -> Evidence | None:
        """The first salutation among the first few words, or None."""
        window = min(len(s), _GREETING_WINDOW)
        # Most notes open with the salutation: try that place alone first.
        first = self._greet_re.match(s, 0, window)
        for m in (first,) if first else self._greet_re.finditer(s, 0, window):
            a = m.start()  # in `text`; the greeting starts at a + 1 in `s`
            b = m.start(m.lastindex) - 1  # type: ignore[arg-type]
            if b + 1 == window and WORD_RE.match(s, b + 1):
                continue  # the window cut a longer word ("hi" of "hint")
            if a and len(WORD_RE.findall(s, 0, a + 1)) > _GREETING_MAX_WORDS_BEFORE:
                return None
            if a and s[a + 1 : b + 1] in AMBIGUOUS_GREETINGS:
                # Must open a sentence: no word since the last sentence end.
                start = max(text.rfind(c, 0, a) for c in ".!?\n") + 1
                if WORD_RE.search(text, start, a):
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
            if word not in SIE_ANYWHERE:
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
    """Analyse `text` with a shared default `TextAnalyser`."""
    return _DEFAULT(text)


