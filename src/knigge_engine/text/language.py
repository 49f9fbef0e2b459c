"""Which language a text is in: stop words, scripts, addresses.

`TextAnalyser` counts the German and English stop
words (`knigge_engine.text.phrases`) and those of `OTHER_STOPWORDS` in one
pass, one dict lookup per token weighted by `OTHER_WEIGHT` and `EN_WEIGHT`
(`NAME_PARTICLES` at half weight), adds the lower-case words with a letter of
`FOREIGN_LETTERS` (`foreign_words`, only for a text `BEYOND_GERMAN_AND_ENGLISH` finds
something in), and decides with `MIN_LANGUAGE_HITS` and `UNKNOWN_MIN_WORDS` (the
decision stays inline in the analyser's call: the per-event hot path). A text written
mostly in a non-Latin script is named by `script_language`; the words of web and e-mail
addresses (`address_words`, `address_hits`) are no evidence of a language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

# A word: a run of \w characters (Unicode aware), the unit of every word count.
WORD_RE = re.compile(r"\w+")

# Fewer stop-word hits than this in total: too little signal to name a language.
MIN_LANGUAGE_HITS = 2
# At least this many words with no German or English stop word: another language.
UNKNOWN_MIN_WORDS = 8
# Packed counters: one dict lookup per token counts three buckets at once (German in
# the low 21 bits, other languages in the next 21, English above); a text would need
# more than 2**20 stop words (several megabytes) for a bucket to overflow into the next.
# The other languages count in halves: a stop word of theirs adds OTHER_WEIGHT twice, a
# name particle (NAME_PARTICLES) once.
OTHER_WEIGHT = 1 << 21
EN_WEIGHT = 1 << 42
# Stop words of other languages that are also particles of names ("Maria de la Cruz",
# "Jan de Vries", "Al Amin", "Della Valle"): half the weight of another stop word, so a
# German or English note with such a name is not taken for another language.
NAME_PARTICLES = frozenset(("de", "la", "le", "del", "della", "di", "el", "al", "dos"))

# Stop words of languages the heuristics cannot read: function words, salutations and the
# words of thanks that a note of a sentence or two is made of. Only words that are neither
# German nor English words (or names) often enough to matter: not "die", "den", "es",
# "du", "des", "da", "na", "um", "nie", "er", "tot"... (German), nor "a", "me", "do", "to",
# "on", "no", "os", "eu", "ma", "ci", "size", "till", "dig", "heel", "per", "met", "min",
# "ben", "van", "ai", "non", "ve" (English words, abbreviations, names, or the tails of
# "I've" and "non-profit"). A word shared by several of these languages ("de", "en",
# "la", "un") is listed under each. A text where these (and lower-case words with a
# letter German and English never use, FOREIGN_LETTERS) outnumber the German and
# English stop words is in another language: no text rule reads it.
# docs/decisions.md, "A language the heuristics cannot read".
OTHER_STOPWORDS: dict[str, tuple[str, ...]] = {
    "fr": ("je", "j", "qu", "vous", "nous", "les", "est", "et", "pour", "avec", "une", "un",
           "le", "la", "de", "en", "au", "ce", "ces", "mon", "mes", "tes", "toi", "moi",
           "il", "elle", "se", "si", "ou", "où", "à", "mais", "aussi", "bonjour", "salut",
           "merci", "beaucoup", "votre", "vos", "notre", "nos", "pas", "dans", "sur",
           "aux", "cette", "très", "serait", "cordialement", "qui", "suis", "avez", "sont",
           "être", "ravi", "ravie", "bien", "bientôt"),
    "es": ("hola", "el", "los", "las", "la", "de", "en", "un", "una", "por", "para", "con",
           "usted", "su", "muy", "gracias", "muchas", "soy", "estoy", "estamos", "mi",
           "mis", "tu", "te", "del", "al", "lo", "se", "si", "como", "pero", "más",
           "también", "sobre", "saludos", "saludo", "y", "que", "buenos", "buenas",
           "estimado", "estimada", "encantado", "encantada", "contigo", "nuestro",
           "nuestra", "gustaría", "está", "este", "esta"),
    "it": ("ciao", "salve", "sono", "il", "la", "di", "un", "una", "della", "delle", "del",
           "dei", "alla", "al", "nel", "nella", "che", "mi", "ti", "si", "io", "tu", "noi",
           "voi", "è", "grazie", "mille", "mio", "tuo", "tua", "nostro", "nostra",
           "buongiorno", "buonasera", "vorrei", "piacere", "presto", "anche", "molto",
           "questo", "questa", "gentile", "saluti", "cordiali", "lavoro"),
    "pt": ("olá", "oi", "obrigado", "obrigada", "você", "vocês", "não", "uma", "de", "em",
           "ao", "à", "dos", "pelo", "pela", "para", "com", "que", "é", "meu", "minha",
           "sua", "seu", "nossa", "nosso", "está", "muito", "tudo", "bem", "bom", "boa",
           "dia", "tarde", "também", "até", "gostaria", "prazer", "abraço", "abraços",
           "atenciosamente"),
    "nl": ("het", "een", "de", "en", "op", "te", "dat", "je", "jou", "ik", "jij", "uw",
           "wij", "zijn", "niet", "voor", "naar", "bij", "aan", "om", "dit", "deze", "zou",
           "kan", "kunt", "wel", "tot", "zo", "nog", "mij", "ons", "onze", "jullie", "hij",
           "zij", "hebben", "veel", "leuk", "graag", "groet", "groeten", "groetjes",
           "vriendelijke", "bedankt", "hoi", "ook", "maar", "heb", "wil", "kunnen", "mijn",
           "jouw", "hartelijk", "goedemorgen", "goedemiddag", "goedendag"),
    "pl": ("jestem", "się", "że", "jak", "czy", "w", "z", "mnie", "pan", "pani", "panią",
           "państwa", "dzień", "dobry", "cześć", "witam", "pozdrawiam", "dziękuję",
           "dzięki", "bardzo", "chciałbym", "chciałabym", "mój", "moja", "mojej", "jest",
           "są", "oraz", "także", "też", "zapraszam", "serdecznie"),
    "tr": ("merhaba", "selam", "bir", "bu", "için", "ile", "çok", "teşekkür",
           "teşekkürler", "ederim", "sizi", "sizinle", "bana", "benim", "olarak", "iyi",
           "günler", "saygılarımla", "hanım", "bey", "isterim", "mı", "mi", "misiniz",
           "gibi", "daha", "de"),
    "sv": ("jag", "och", "att", "det", "är", "för", "med", "mig", "mitt", "vill", "hej",
           "tack", "som", "på", "av", "om", "inte", "vi", "har", "kan", "skulle", "gärna",
           "hälsningar", "mvh", "trevligt", "också", "ett", "en"),
}
"""Stop words of other languages (lower case): evidence that a text is in none of the
languages the heuristics read."""

# Letters German and English never use (lower case): the accents and letters of French,
# Spanish, Italian, Portuguese, Polish, Czech, Turkish and the Nordic languages; not
# "ä ö ü ß". A lower-case word with one of them ("gustaría", "réseau", "dziękuję") is
# evidence of another language as much as a stop word is; a capitalised one is not (a
# name, a company or a German noun: "René", "Telefónica", "Café", "Exposé").
FOREIGN_LETTERS = "àáâãåæçèéêëìíîïñòóôõøùúûýÿāăąćčďđēęěğīıłńňōőœřśşšţťūůűźżž"


def _beyond_german_and_english() -> re.Pattern[str]:
    """A letter of another script (beyond U+024F) or one of FOREIGN_LETTERS: a single
    negated class, so a note of German or English letters costs one scan for both."""
    foreign = {ord(c) for c in FOREIGN_LETTERS}
    ranges, start = [], None
    for code in range(0x250):
        if code in foreign:
            if start is not None:
                ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
                start = None
        elif start is None:
            start = code
    if start is not None:
        ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(0x24F))}")
    return re.compile(r"[^\W\d_" + "".join(ranges) + "]")


# Does a text hold a letter German and English never use (FOREIGN_LETTERS, lower case)
# or one of another script? Most notes hold neither: one search decides both.
BEYOND_GERMAN_AND_ENGLISH = _beyond_german_and_english()
_FOREIGN_LETTER = re.compile(f"[{FOREIGN_LETTERS}]")
# The language a foreign letter points to when no stop word names one (rare path).
_LETTER_LANGUAGE = {
    "ñ": "es", "ã": "pt", "õ": "pt", "å": "sv", "œ": "fr",
    **dict.fromkeys("ąćęłńśźż", "pl"), **dict.fromkeys("ğış", "tr"),
}


def foreign_words(text: str, known: dict[str, int]) -> tuple[int, str | None]:
    """How many lower-case words of `text` have a letter of `FOREIGN_LETTERS` and are no
    stop word of `known` (a stop word is counted by its list already), and the language
    the first such letter points to (or `None`). For texts that
    `BEYOND_GERMAN_AND_ENGLISH` finds something in (rare path); linear: each word is
    walked once, from its first foreign letter back to its start and on to its end."""
    count = 0
    hint = None
    end = 0
    for m in _FOREIGN_LETTER.finditer(text):
        a = m.start()
        if a < end:
            continue  # another foreign letter of a word already judged
        start = a
        while start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # \w
            start -= 1
        word = WORD_RE.match(text, start).group()  # type: ignore[union-attr]
        end = start + len(word)
        if not word[0].islower() or word.lower() in known:
            continue  # a name, a company, a German noun; or a stop word, counted already
        count += 1
        if hint is None:
            hint = _LETTER_LANGUAGE.get(m.group())
    return count, hint


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


# Tried at token starts only (the lookbehind), so a 20,000-letter token is one linear
# scan, not one per position.
_ADDRESS_CANDIDATE = re.compile(r"(?<!\S)\S*?(?:[.@]|http|www)\S*")


# What every address word needs (see address_words): an "@", "http"/"www", or a dot
# inside a token once its sentence-end characters are trimmed. Most notes have none, and
# this test is a single fast search instead of a lazy match at every token start.
_ADDRESS_HINT = re.compile(r"@|http|www|[^\s.!?][.!?]*\.[.!?]*[^\s.!?]")


# A dot followed (after more dots, "!" or "?") by something else: the necessary part of
# _ADDRESS_HINT's last alternative, searched for fast (the pattern starts with a literal).
_DOT_THEN_MORE = re.compile(r"\.[.!?]*[^\s.!?]")


def address_words(s: str) -> int:
    """How many of the words of `s` belong to web or e-mail addresses
    ("acme.com/audit" is three): they are no evidence of a language. Rare path."""
    if _ADDRESS_HINT.search(s) is None:
        return 0
    count = 0
    # Only tokens with a dot, an "@" or an address prefix can be addresses: the regex
    # engine finds those, so a long text of plain words costs one pass in C.
    for token in _ADDRESS_CANDIDATE.findall(s):
        core = token.strip(".!?")
        if "." in core or "@" in core or core.startswith(("http", "www")):
            count += len(WORD_RE.findall(core))
    return count


def address_hits(s: str, weight: Callable[[str, int], int]) -> int:
    """The packed stop-word hits (`weight` of each word, as the analyser counts them)
    of the words of `s` (lower case, its slashes kept) that belong to web or e-mail
    addresses ("acme.com/de/" is no Portuguese "com" and no Dutch "de"). Rare path: only
    when another language would win."""
    # Substring searches first (fast in C): most texts in another language hold no
    # "@", no "http"/"www" and no dot followed by a letter.
    quick = "@" in s or "http" in s or "www" in s or _DOT_THEN_MORE.search(s) is not None
    if not quick or _ADDRESS_HINT.search(s) is None:
        return 0
    hits = 0
    for token in _ADDRESS_CANDIDATE.findall(s):
        core = token.strip(".!?")
        if "." in core or "@" in core or core.startswith(("http", "www")):
            hits += sum(weight(word, 0) for word in WORD_RE.findall(core))
    return hits


def script_language(text: str) -> str | None:
    """The language of a text written mostly (over half its letters) in a non-Latin
    script, or `None`. Linear, and counted by the regex engine (no loop per character
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


