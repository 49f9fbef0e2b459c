"""Notes compared for KN110: the normalised form, the text of an event that counts, the
LSH keys of the note index, and the rapidfuzz check of candidates (docs/history.md)."""

from __future__ import annotations

import re
import zlib
from functools import cache
from types import ModuleType
from typing import Any

from ..model import (
    ContactRequest,
    Direction,
    Event,
    Message,
)


@cache
def rapidfuzz_modules() -> tuple[ModuleType, ModuleType]:
    """rapidfuzz's `process` and `fuzz`, imported on first use: only a similarity
    query with candidates needs them (start-up, docs/performance.md)."""
    from rapidfuzz import fuzz, process

    return process, fuzz


_WS = re.compile(r"\s+")


def normalise_note(text: str) -> str:
    """The form notes are compared in: case-folded, whitespace runs collapsed, trimmed."""
    return _WS.sub(" ", text.casefold()).strip()


def note_of(event: Event) -> str | None:
    """The text KN110 compares, or `None`: an outgoing request's non-blank note, or an
    outgoing message that answers nothing (an opening message)."""
    if event.direction is not Direction.OUTGOING:
        return None
    if isinstance(event, ContactRequest):
        text = event.note
    elif isinstance(event, Message) and event.in_reply_to is None:
        text = event.text
    else:
        return None
    if text is None or not text.strip():
        return None
    return text


#: Shingle width (characters) and the one-permutation MinHash layout of the note index:
#: 16 bins, read as 8 bands of 2 bins; a band key is shared by two notes with
#: probability about J², J being the Jaccard similarity of their shingle sets.
_SHINGLE = 4
_BINS = 16
_BANDS = 8
_EXACT_BAND = _BANDS  # the key of the whole normalised text: exact copies always meet


def note_keys(normalised: str) -> list[int]:
    """The index keys of a normalised note (LSH bands plus an exact-text key).

    Two notes whose rapidfuzz similarity is 0.9 or more share at least one key with high
    probability (see docs/history.md); candidates are then verified with rapidfuzz, so a
    shared key never decides anything by itself. `zlib.crc32` is stable across
    processes, unlike `hash()`.
    """
    data = normalised.encode("utf-8")
    n = len(data)
    mins = [0xFFFFFFFF] * _BINS
    if n <= _SHINGLE:
        h = zlib.crc32(data)
        mins[h % _BINS] = h >> 4
    else:
        crc = zlib.crc32
        for i in range(n - _SHINGLE + 1):
            h = crc(data[i : i + _SHINGLE])
            b = h & 15
            v = h >> 4
            if v < mins[b]:
                mins[b] = v
    keys = []
    for band in range(_BANDS):
        a, b = mins[2 * band], mins[2 * band + 1]
        if a == 0xFFFFFFFF or b == 0xFFFFFFFF:
            continue
        keys.append((band << 56) | (a << 28) | b)
    keys.append((_EXACT_BAND << 56) | (zlib.crc32(data) << 20) | (n & 0xFFFFF))
    return keys


def length_bounds(length: int, similarity: float) -> tuple[int, int]:
    """Lengths a text can have and still reach `similarity` (normalised Indel) with a
    text of `length`: |a - b| <= (1 - s)(a + b)."""
    if similarity <= 0:
        return 0, 1 << 40
    lo = int(length * similarity / (2 - similarity))
    hi = int(length * (2 - similarity) / similarity) + 1
    return lo, hi




def verify(query: str, candidates: list[tuple[Any, str]],
            cutoff: float) -> list[tuple[Any, float]]:
    """rapidfuzz on the candidates only: `(payload, similarity 0..1)` of those at or
    above `cutoff`."""
    if not candidates:
        return []
    process, fuzz = rapidfuzz_modules()
    found = process.extract(query, [c[1] for c in candidates], scorer=fuzz.ratio,
                            score_cutoff=cutoff * 100.0, limit=None)
    return [(candidates[i][0], score / 100.0) for _, score, i in found]
