"""Shared text analysis of a contact-request note or message.

Every rule that looks at the words of a note reads one `TextAnalysis`, computed once
per event by a `TextAnalyser`. The analysis is heuristic: it looks for salutations,
forms of address ("Sie"/"Du"), self-introductions, stated reasons, asks, offers and sales
phrases in German and English notes, and reports each finding as `Evidence`, a slice
of the original text, so that rule messages can quote it.

Design constraints, because this runs on the per-event hot path:

* Linear in the text size. No pattern has a quantifier nested in another quantifier.
  "A few words between two anchors" is spelled as a chain of empty-or-one-word
  alternatives (see `within`), each word bounded and
  matched possessively, so every anchor occurrence costs bounded work.
* Offsets always index the original string. Matching runs on `text.lower()` (which keeps
  the length, unlike `casefold()`, which turns "ß" into "ss"); the rare characters whose
  lowercase is longer than one code point are left as they are. Separators are turned
  into spaces in that copy, one character for one, so offsets still hold.
* One regex pass covers all phrase categories (plus small passes for the salutation and
  the forms of address). The phrases form a prefix tree behind a literal space, inside a
  lookahead: the engine jumps from word start to word start with a fast string search,
  rejects most words on their first letter, and phrases of different categories may
  overlap. Where two phrases start at the same word, only the longer-prefixed one counts.

The phrase lists (`phrases`) are *regex fragments* over lower-
cased text, with two conveniences: a space stands for any run of whitespace, and an
apostrophe matches `'` or `’`. A fragment should begin with a plain letter, digit or
a group of alternatives (which is distributed into the tree), and must not contain
capturing groups. `ß`/`ss` and umlauts versus their transliterations ("ü"/"ue") are
spelled out where they are common; the word lists (`*_NOUNS`, `*_NOT_INTRO`) get
both spellings automatically.

Known limits (heuristics, not grammar): a phrase must follow a space or common separator
(",Ich bin" after a comma with no space is found; "xIch" is not); decomposed umlauts
("u" + combining diaeresis) do not match the precomposed phrases; "Sie"/"Ihr" at the
start of a sentence are never counted as formal, even when they are; the lists are
German and English only.

Where things are (one module per job; this package re-exports the public names):

* `phrases` — the phrase and word lists, German and English
  (greetings, self-introductions, reasons, shared context, asks, offers, sales phrases
  and pitch shapes, forms of address, stop words): what a rule author extends;
* `fragments` — the helpers those lists are spelled with
  (`any_of`, `within`, spelling variants);
* `compiler` — the phrase lists in one combined pattern,
  compiled on first use; `regex_cache` keeps its compiled code
  once per machine;
* `language` — language and script identification;
* `analysis` — `TextAnalysis`, `TextAnalyser`,
  `analyse` and the post-checks of ambiguous matches;
* `followthrough` — closers and questions about the reason of a
  contact (the follow-through rules).
"""

from __future__ import annotations

from .analysis import (
    ANALYSIS_LIMIT,
    EMPTY,
    Evidence,
    TextAnalyser,
    TextAnalysis,
    analyse,
    formal_salutation,
)
from .followthrough import (
    CLOSER_WORDS,
    REASON_QUESTIONS,
    is_closer,
    reason_question,
)
from .language import OTHER_STOPWORDS
from .phrases import (
    ASKS,
    DE_PLACE_NOUNS,
    DE_ROLES,
    DE_WORK_NOUNS,
    DEFAULT_SALES_PHRASES,
    DU_FORMS,
    EN_PLACE_NOUNS,
    EN_ROLES,
    EN_WORK_NOUNS,
    ENGLISH_STOPWORDS,
    GERMAN_STOPWORDS,
    GREETINGS,
    I_AM_ADVERBS,
    I_AM_NOT_INTRO,
    ICH_BIN_ADVERBS,
    ICH_BIN_NOT_INTRO,
    OFFERS,
    REASONS,
    SALES_COUNT_NOUNS,
    SALES_NUMBER_WORDS,
    SALES_PATTERNS,
    SELF_INTRODUCTIONS,
    SHARED_CONTEXT,
    SIE_FORMS,
)

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
