"""Building blocks of the phrase lists' regex fragments (`knigge_engine.text.phrases`).

The phrase lists are regex fragments over lower-cased text (the syntax is in the
`knigge_engine.text` docstring). These helpers spell the recurring shapes so that no
quantifier is nested in another (linear matching): `any_of` (literal words as a
prefix tree, in all their spellings), `within` ("a few words between two
anchors"), `compound`, `unless`, and the spelling variants `UE`,
`AE`, `OE` and `SZ`. They build plain strings at import; nothing here
compiles a pattern (that is `knigge_engine.text.compiler`, on first use).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Spelling variants used inside fragments: umlauts may be transliterated, ß may be "ss".
UE = "(?:ü|ue)"
AE = "(?:ä|ae)"
OE = "(?:ö|oe)"
SZ = "(?:ß|ss)"
_SPELLINGS = {"ä": ("ä", "ae"), "ö": ("ö", "oe"), "ü": ("ü", "ue"), "ß": ("ß", "ss")}
# One intermediate word in "Ihren <adjective> Vortrag" shapes (see within); a comma
# may follow it ("Ihren kurzen, klugen Vortrag").
# Possessive ("++", Python 3.11+): a word that is not followed by a space fails at once
# instead of being retried at every shorter length.
_WORD_STEP = r"[\w-]{1,25}+,?\s++"
# How many words may stand between the parts of "wir haben uns ... kennengelernt" and
# "biete ... an" shapes.
CLAUSE_WORDS = 8


def _variants(word: str) -> list[str]:
    """Spellings of a literal word: umlauts also transliterated, ß also as "ss"."""
    spellings = [""]
    for ch in word:
        spellings = [s + alt for s in spellings for alt in _SPELLINGS.get(ch, (ch,))]
    return spellings


def _literal(word: str) -> str:
    """Regex for one literal word: `re.escape` character by character, a space
    standing for any run of whitespace (what `_tree` makes of a single word)."""
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


def any_of(words: Iterable[str]) -> str:
    """One alternation matching any of the literal words, in all their spellings.

    Shaped as a prefix tree because the regex engine tries alternatives one by one: a
    tree rejects a whole family of words on a shared first letter.
    """
    key = tuple(words)
    found = _WORDS_BUILT.get(key)
    if found is None:
        found = _WORDS_BUILT[key] = _tree(sorted({v for w in key for v in _variants(w)}))
    return found


# any_of by its words: several phrase lists use the same word lists (start-up).
_WORDS_BUILT: dict[tuple[str, ...], str] = {}


def compound(nouns: str) -> str:
    """`nouns` alone or as the last part of a hyphenated compound ("IHK-Veranstaltung")."""
    return f"(?:|\\w{{1,25}}+-){nouns}"


def within(target: str, words: int = 2) -> str:
    """`target`, directly or after at most `words` other words (nearest first).

    Spelled `(?:|W(?:|W))target` rather than `(?:W){0,2}target`: an empty
    alternative instead of a quantifier, so no quantifier is nested in another, each
    level does bounded work, and `target` appears once in the pattern.
    """
    gap = ""
    for _ in range(words):
        gap = f"(?:|{_WORD_STEP}{gap})"
    return gap + target


def unless(tail: str) -> str:
    """Lookahead: the phrase before it does not count when ` tail` follows it."""
    return f"(?! {tail}(?!\\w))"

