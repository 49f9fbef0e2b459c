"""The phrase and word lists the text analysis reads, by language.

* :mod:`~knigge_engine.text.phrases.de` — German word lists: salutations, the moods after
  "ich bin", role, work and place nouns, the forms of address (Sie/Du), stop words;
* :mod:`~knigge_engine.text.phrases.en` — the same for English;
* :mod:`~knigge_engine.text.phrases.bilingual` — the phrase lists that hold both
  languages in one list, German entries first (self-introductions, shared context,
  reasons, asks, offers, sales phrases and pitch shapes): within a list, order decides
  which of two phrases starting at the same word is tried first, so they stay together.

The names of all three are importable from here (and the public ones from
:mod:`knigge_engine.text`). :data:`GREETINGS` is the German salutations, then the English.
"""

from __future__ import annotations

from .bilingual import (
    AMBIGUOUS_GREETINGS,
    ASKS,
    DEFAULT_SALES_PHRASES,
    GREETINGS,
    LISTICLE,
    OFFERS,
    REASONS,
    SALES_COUNT_NOUNS,
    SALES_NUMBER_WORDS,
    SALES_PATTERNS,
    SELF_INTRODUCTIONS,
    SHARED_CONTEXT,
)
from .de import (
    DE_PLACE_NOUNS,
    DE_ROLES,
    DE_WORK_NOUNS,
    DU_FORMS,
    GERMAN_STOPWORDS,
    ICH_BIN_ADVERBS,
    ICH_BIN_NOT_INTRO,
    SIE_ANYWHERE,
    SIE_FORMS,
)
from .en import (
    EN_GENERIC_NOUNS,
    EN_PLACE_NOUNS,
    EN_ROLES,
    EN_WORK_NOUNS,
    ENGLISH_STOPWORDS,
    I_AM_ADVERBS,
    I_AM_NOT_INTRO,
)

__all__ = [
    "AMBIGUOUS_GREETINGS",
    "ASKS",
    "DEFAULT_SALES_PHRASES",
    "DE_PLACE_NOUNS",
    "DE_ROLES",
    "DE_WORK_NOUNS",
    "DU_FORMS",
    "ENGLISH_STOPWORDS",
    "EN_GENERIC_NOUNS",
    "EN_PLACE_NOUNS",
    "EN_ROLES",
    "EN_WORK_NOUNS",
    "GERMAN_STOPWORDS",
    "GREETINGS",
    "ICH_BIN_ADVERBS",
    "ICH_BIN_NOT_INTRO",
    "I_AM_ADVERBS",
    "I_AM_NOT_INTRO",
    "LISTICLE",
    "OFFERS",
    "REASONS",
    "SALES_COUNT_NOUNS",
    "SALES_NUMBER_WORDS",
    "SALES_PATTERNS",
    "SELF_INTRODUCTIONS",
    "SHARED_CONTEXT",
    "SIE_ANYWHERE",
    "SIE_FORMS",
]
