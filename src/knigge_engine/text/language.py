"""Which language a text is in: stop words, scripts, addresses.

`TextAnalyser` counts the German and English stop
words (`knigge_engine.text.phrases`) and those of `OTHER_STOPWORDS` in one
pass, one dict lookup per token weighted by `OTHER_WEIGHT` and `EN_WEIGHT`,
and decides with `MIN_LANGUAGE_HITS` and `UNKNOWN_MIN_WORDS` (the decision
stays inline in the analyser's call: the per-event hot path). A text written mostly in
a non-Latin script is named by `script_language`; the words of web and e-mail
addresses (`address_words`) are no evidence of a language.
"""

from __future__ import annotations

import re
from functools import cache

# A word: a run of \w characters (Unicode aware), the unit of every word count.
WORD_RE = re.compile(r"\w+")

# Fewer stop-word hits than this in total: too little signal to name a language.
MIN_LANGUAGE_HITS = 2
# At least this many words with no German or English stop word: another language.
UNKNOWN_MIN_WORDS = 8
# Packed counters: one dict lookup per token counts three buckets at once (German in
# the low 21 bits, other languages in the next 21, English above); a text would need
# more than 2**21 stop words (several megabytes) for a bucket to overflow into the next.
OTHER_WEIGHT = 1 << 21
EN_WEIGHT = 1 << 42

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


# Tried at token starts only (the lookbehind), so a 20,000-letter token is one linear
# scan, not one per position.
_ADDRESS_CANDIDATE = re.compile(r"(?<!\S)\S*?(?:[.@]|http|www)\S*")


# What every address word needs (see address_words): an "@", "http"/"www", or a dot
# inside a token once its sentence-end characters are trimmed. Most notes have none, and
# this test is a single fast search instead of a lazy match at every token start.
_ADDRESS_HINT = re.compile(r"@|http|www|[^\s.!?][.!?]*\.[.!?]*[^\s.!?]")


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


