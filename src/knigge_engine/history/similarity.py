"""Notes compared for KN110: the normalised form, the text of an event that counts, the
LSH keys of the note index, and the rapidfuzz check of candidates (docs/history.md)."""

from __future__ import annotations

import heapq
import re
import zlib
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import islice
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
    above `cutoff`, in the candidates' own order (the stores pass them newest first,
    so the first hit of a person is their newest similar note)."""
    if not candidates:
        return []
    process, fuzz = rapidfuzz_modules()
    found = process.extract_iter(query, [c[1] for c in candidates], scorer=fuzz.ratio,
                                 score_cutoff=cutoff * 100.0)
    return [(candidates[i][0], score / 100.0) for _, score, i in found]


#: A recorded note joins the cluster of the most similar of at most `_JOIN_PROBES`
#: clusters that share an index key with it, if at least this alike (rapidfuzz ratio);
#: otherwise it starts a cluster. Clusters only group the walk: every query still
#: checks each row for a shared key and verifies it with rapidfuzz, so the answer does
#: not depend on how the notes were grouped.
_JOIN_SIMILARITY = 80.0
_JOIN_PROBES = 8
#: Below this many rows in the window, candidate clusters are merged by one sort.
_SORT_BELOW = 512

#: A clustered row: (time in µs, sequence, the store's row, its index keys).
Member = tuple[int, int, Any, tuple[int, ...]]


class NoteClusters:
    """The in-memory store's note index: notes grouped, as they are recorded, into
    clusters of near-copies, each cluster's rows in time order, and for every index key
    the clusters that hold a note with that key.

    A query walks the candidate clusters' rows in the window newest first, each row
    once, and can stop when it has its answer: a batch of `n` copies costs a query
    what the answer needs instead of `n` rows times the keys they share (issue 12:
    5,000 copies of one note took a minute when every query gathered its whole
    batch)."""

    __slots__ = ("_by_key", "_dirty", "_members", "_reps")

    def __init__(self) -> None:
        self._reps: list[str] = []
        self._members: list[list[Member]] = []
        self._by_key: dict[int, list[int]] = {}
        self._dirty: set[int] = set()

    def add(self, note: str, keys: Sequence[int], entry: tuple[int, int, Any]) -> None:
        """Record `entry` (time, sequence, row) of the normalised `note`."""
        cid = self._join(note, keys)
        members = self._members[cid]
        item = (entry[0], entry[1], entry[2], tuple(keys))
        if members and item[:2] < members[-1][:2]:
            self._dirty.add(cid)
        members.append(item)
        by_key = self._by_key
        for key in keys:
            clusters = by_key.get(key)
            if clusters is None:
                by_key[key] = [cid]
            elif clusters[-1] != cid and (len(clusters) > 16 or cid not in clusters):
                clusters.append(cid)  # rare repeats in long lists are dropped at query

    def _join(self, note: str, keys: Sequence[int]) -> int:
        probes: dict[int, None] = {}
        for key in keys:
            for cid in reversed(self._by_key.get(key, ())):
                probes[cid] = None
                if len(probes) >= _JOIN_PROBES:
                    break
            if len(probes) >= _JOIN_PROBES:
                break
        if probes:
            process, fuzz = rapidfuzz_modules()
            ids = list(probes)
            best = process.extractOne(note, [self._reps[c] for c in ids], scorer=fuzz.ratio,
                                      score_cutoff=_JOIN_SIMILARITY)
            if best is not None:
                return ids[int(best[2])]
        self._reps.append(note)
        self._members.append([])
        return len(self._reps) - 1

    def order(self) -> None:
        """Sort the clusters whose rows were recorded out of time order."""
        for cid in self._dirty:
            self._members[cid].sort(key=_member_order)
        self._dirty.clear()

    def newest_first(self, keys: Sequence[int], start: int, end: int) -> Iterator[Member]:
        """The rows in `[start, end)` that share one of `keys`, newest first (time,
        then sequence), each once. Call `order` first."""
        wanted = frozenset(keys)
        return (m for m in self._walk(keys, start, end) if not wanted.isdisjoint(m[3]))

    def _walk(self, keys: Sequence[int], start: int, end: int) -> Iterator[Member]:
        # The rows in the window of every cluster holding a note with one of ``keys``.
        clusters: set[int] = set()
        for key in keys:
            found = self._by_key.get(key)
            if found:
                clusters.update(found)
        spans = []
        total = 0
        for cid in clusters:
            members = self._members[cid]
            lo = bisect_left(members, (start,))
            hi = bisect_left(members, (end,))
            if lo < hi:
                spans.append((members, lo, hi))
                total += hi - lo
        if len(spans) == 1:
            members, lo, hi = spans[0]
            return islice(reversed(members), len(members) - hi, len(members) - lo)
        if total < _SORT_BELOW or len(spans) > 64:
            wanted = frozenset(keys)
            rows = [m for members, lo, hi in spans for m in members[lo:hi]
                    if not wanted.isdisjoint(m[3])]
            rows.sort(reverse=True)  # unique sequences: tuples never compare the rows
            return iter(rows)
        return heapq.merge(*(islice(reversed(members), len(members) - hi, len(members) - lo)
                             for members, lo, hi in spans), key=_member_order, reverse=True)


def _member_order(member: Member) -> tuple[int, int]:
    return member[0], member[1]
