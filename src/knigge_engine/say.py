"""Localized wording for rule messages — public helpers for rule authors.

A rule's message templates are filled from the keyword arguments of `ctx.report(...)`;
these helpers render those values the way the finding's locale (`ctx.locale`: `"de"`,
`"en"` or one a plugin registers, see `knigge_engine.locales`) writes them:
numbers with the locale's digit grouping ("12.800" / "12,800"), counts with the right
singular or plural, days, dates, quotation marks („…“ / “…”), English ordinals, and
short quoted contexts from a note.

A finding's `evidence` should keep the raw facts (numbers stay numbers, so reporters
and policies can work with them); `ctx.report(shown=...)` fills the message from
localized renderings without storing those (`ctx.number`, `ctx.date` and `ctx.quote`
are these helpers in the context's locale):

```python
from knigge_engine import say

def my_check(event, ctx):
    count = event.sender.contact_count
    return ctx.report(shown={"count": say.number(count, ctx.locale)}, count=count)
```

The built-in rules use exactly these functions, so a plugin's messages read like theirs.
Everything here is pure (no I/O, no logging) and safe to call at import time.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from typing import Any

from . import locales as _locales
from .rules import Finding, RuleContext

__all__ = [
    "context",
    "date",
    "days",
    "merge_spans",
    "number",
    "ordinal_en",
    "plural",
    "quote",
    "quotes",
    "report",
]

_WORD = re.compile(r"\S+")
# How far back :func:`context` looks for the words before a span (characters).
_CONTEXT_LOOKBACK = 1_000
_ENDS = (".", "!", "?", "…")


def number(n: int, locale: str) -> str:
    """`12800` as "12,800" (en) or "12.800" (de): the locale's digit grouping."""
    return _locales.get(locale).number(n)


def plural(n: int, one: str, many: str, locale: str) -> str:
    """A count with its noun: `plural(1, "contact", "contacts", "en")` → "1 contact"
    (the locale's plural rule decides which noun)."""
    return _locales.get(locale).count(n, one, many)


def days(n: int, locale: str, *, dative: bool = False) -> str:
    """A number of days: "1 day"/"3 days"; German "1 Tag"/"3 Tage", with `dative`
    (after "seit"/"vor") "1 Tag"/"3 Tagen"."""
    one, many, many_dative = _locales.get(locale).day_words
    return plural(n, one, many_dative if dative else many, locale)


def date(day: _dt.date, locale: str) -> str:
    """A date as "2026-11-05" (en) or "05.11.2026" (de): the locale's date format."""
    return _locales.get(locale).date(day)


def quote(text: str, locale: str) -> str:
    """`text` in the locale's quotation marks: „…“ (de) or “…” (en)."""
    return _locales.get(locale).quote(text)


def quotes(texts: Iterable[str], locale: str, limit: int = 3) -> str:
    """Up to `limit` quoted texts, comma-separated."""
    return ", ".join(quote(t, locale) for t in list(texts)[:limit])


def ordinal_en(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def folded_prefix(text: str, limit: int) -> str:
    """`" ".join(text.split())[:limit]`, splitting only the words it needs: a hollow
    note of a megabyte ("€€€ " repeated) is not split whole to show 60 characters."""
    return " ".join(text.split(None, limit)[:limit])[:limit]


def first_words(text: str, n: int) -> str:
    """`" ".join(text.split()[:n])`, without splitting the whole text."""
    return " ".join(text.split(None, n)[:n])


def context(text: str, start: int, end: int, words: int = 4) -> str:
    """The span `start:end` of `text` with up to `words` words either side, not
    reaching into the sentence before or after, with "…" where the sentence goes on;
    white space is folded."""
    # Bounded reads (issue 13, regex audit): the words before are looked for in the
    # last _CONTEXT_LOOKBACK characters, the words after are taken lazily; a 1 MB text
    # costs what a short one does, not a scan of all its words per quote.
    before: list[re.Match[str]] = []
    after: list[re.Match[str]] = []
    if words:
        lo = max(0, start - _CONTEXT_LOOKBACK)
        before = list(_WORD.finditer(text, lo, start))
        if before and lo and before[0].start() == lo and not text[lo - 1].isspace():
            before = before[1:]  # a word the window cut
        before = before[-words:]
        after = list(islice(_WORD.finditer(text, end), words))
    # Stay within the span's sentence.
    for i in range(len(before) - 1, -1, -1):
        if before[i].group().endswith(_ENDS):
            before = before[i + 1:]
            break
    for i, m in enumerate(after):
        if m.group().endswith(_ENDS):
            after = after[:i + 1]
            break
    first = before[0].start() if before else start
    last = after[-1].end() if after else end
    out = " ".join(text[first:last].split())
    head = text[:first].rstrip()
    if head and not head.endswith(_ENDS):
        out = "… " + out
    if text[last:].strip() and not out.endswith(_ENDS):
        out += " …"
    return out


def merge_spans(spans: Sequence[tuple[str, int, int]], text: str) -> list[str]:
    """The texts of `spans` (`(text, start, end)`) with overlapping or adjacent ones
    (only white space or a comma between) merged into one phrase, in text order."""
    merged: list[list[int]] = []
    for _, start, end in sorted(spans, key=lambda s: (s[1], s[2])):
        if merged and not text[merged[-1][1]:start].strip(" \t\n,"):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [" ".join(text[s:e].split()) for s, e in merged]


def report(ctx: RuleContext[Any], shown: Mapping[str, Any], /, **kwargs: Any) -> Finding:
    """`ctx.report(shown=shown, **kwargs)`: the message is filled with `shown` over the
    evidence, while the finding keeps the raw evidence (`count=12800` stays a number
    in the data and reads "12.800" in a German message). Kept for rules written
    before [`RuleContext.report`][knigge_engine.rules.RuleContext.report] took `shown`."""
    return ctx.report(shown=shown, **kwargs)
