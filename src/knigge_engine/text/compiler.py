"""The phrase-pattern compiler: every phrase list in one pattern, compiled on first use.

`combine` turns `(category, fragment)` pairs into one pattern over `" " +
text.lower()`: a prefix tree of the fragments' literal prefixes behind a literal space,
inside a lookahead, with an empty group per alternative that tells its category (see
its docstring). `expand` applies the list conventions (space, apostrophe),
`literal_fragments` turns a configured literal phrase (KN105's `phrases`) into
fragments. The regex engine's code of a combined pattern is kept once per machine
(`knigge_engine.text.regex_cache`); within a process, analysers with the same
phrases share one compilation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .regex_cache import compile_cached


def expand(fragment: str) -> str:
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


def literal_fragments(phrase: str) -> list[str]:
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
    """The structural characters of a regex fragment: `(index, char, depth)` for every
    character outside escapes and character classes, `depth` being the group nesting
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
    """Index of the ")" that closes the group opened at `fragment[start]`."""
    for i, ch, depth in _walk(fragment, start):
        if ch == ")" and depth == 0:
            return i
    raise ValueError(f"unbalanced group in phrase fragment: {fragment!r}")


def _top_level_split(body: str) -> list[str]:
    """Split a group body on its top-level `|`."""
    parts = []
    last = 0
    for i, ch, depth in _walk(body):
        if ch == "|" and depth == 0:
            parts.append(body[last:i])
            last = i + 1
    parts.append(body[last:])
    return parts


def _unfold(fragment: str) -> list[str]:
    """Distribute a leading `(?:a|b)rest` into `arest`, `brest` (recursively).

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
    """Split a fragment into literal prefix units (characters, `\\s+`) and the rest."""
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


def combine(entries: Iterable[tuple[int, str]]) -> tuple[re.Pattern[str], tuple[int, ...]]:
    """Compile (category, fragment) pairs into one pattern over `" " + text.lower()`.

    Shape: ` (?=<prefix trie of all fragments>)`. The leading space is a literal prefix,
    so the engine skips from word start to word start with a fast search; the trie makes the
    work at a word start proportional to the matching prefixes, not to the number of
    phrases; the lookahead lets overlapping phrases of different categories all be found;
    the empty group at the end of each alternative tells which alternative matched
    (`lastindex`) and where the phrase ends (its `start`).
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


