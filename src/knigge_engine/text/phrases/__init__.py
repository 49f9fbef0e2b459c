"""The phrase and word lists the text analysis reads, by language.

* `de` — German: salutations, the moods after "ich bin",
  role, work and place nouns, the forms of address (Sie/Du), stop words, offers and the
  default sales phrases;
* `en` — the same for English (no forms of address);
* `bilingual` — the phrase lists whose German and
  English entries interleave (self-introductions, shared context, reasons, asks, the
  listicle and pitch shapes). Within a list, order decides which of two phrases starting
  at the same place is tried first (`knigge_engine.text.compiler.combine`), so
  these stay one list each, with `# German` / `# English` comments.

The lists split by language are joined here, German first: `GREETINGS`,
`OFFERS` and `DEFAULT_SALES_PHRASES` are `de.X + en.X` (in
`bilingual`). Every name is importable from here, and
the public ones from `knigge_engine.text`.
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
