"""The in-memory store: tests and short-lived hosts."""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..model import (
    Direction,
    Event,
    Kind,
)
from ._rows import EPOCH, Row, load_event, make_row, to_us
from .protocol import NoteMatch, RecordResult, Response
from .similarity import (
    NoteClusters,
    length_bounds,
    normalise_note,
    note_keys,
    verify,
)


class InMemoryHistory:
    """A `History` in a Python list: for tests, examples and short-lived hosts.

    Time-ordered rows with a per-party index and the same LSH note keys as the SQLite
    store (so that KN110 compares a note only with candidates, not with every note of
    the window), with the notes grouped into clusters of near-copies as they are
    recorded, so that a query walks each candidate once, newest first, and stops as soon
    as it has its answer (docs/history.md); other queries scan the time range. Meant for
    one run or a short-lived host (`knigge check` keeps the run's events in one); use
    `SQLiteHistory` for a history that lasts."""

    def __init__(self, events: Iterable[Event] = ()) -> None:
        """Start empty, or with `events` recorded."""
        self._rows: list[tuple[int, int, Row]] = []  # (at, seq, row), time-ordered
        self._by_party: dict[str, list[tuple[int, int, Row]]] = {}
        # (platform, kind, direction) -> its rows: counts of one shape in a window (the
        # weekly invitation limit) bisect instead of scanning every event of the window.
        self._by_shape: dict[tuple[str, str, str], list[tuple[int, int, Row]]] = {}
        # platform + event id -> the earliest row with that id (time, then recording
        # order), for `get` when identities are content hashes (``stable_ids=False``).
        self._by_id: dict[str, tuple[int, int, Row]] = {}
        self._by_band: dict[int, list[tuple[int, int, Row]]] = {}
        self._notes = NoteClusters()
        self._sorted = True  # rows are appended and sorted on the next query
        self._by_key: dict[str, Row] = {}
        self._seq = 0
        self.record(events)

    def _order(self) -> None:
        if not self._sorted:
            self._rows.sort(key=_row_order)
            for rows in self._by_party.values():
                rows.sort(key=_row_order)
            for rows in self._by_shape.values():
                rows.sort(key=_row_order)
            for rows in self._by_band.values():
                rows.sort(key=_row_order)
            self._sorted = True
        self._notes.order()

    def __len__(self) -> int:
        return len(self._rows)

    def record(self, events: Iterable[Event | Mapping[str, Any]], *,
               stable_ids: bool = True) -> RecordResult:
        """Store `events`; identities already stored are skipped (see `History`)."""
        added = dups = 0
        conflicts: list[str] = []
        for event in events:
            row = make_row(event, stable_ids)
            old = self._by_key.get(row.key)
            if old is not None:
                if old.digest == row.digest:
                    dups += 1
                else:
                    conflicts.append(row.event_id)
                continue
            self._by_key[row.key] = row
            self._seq += 1
            entry = (row.at, self._seq, row)
            if self._rows and entry[:2] < self._rows[-1][:2]:
                self._sorted = False
            self._rows.append(entry)
            self._by_party.setdefault(row.party, []).append(entry)
            self._by_shape.setdefault((row.platform, row.kind, row.direction), []
                                      ).append(entry)
            id_key = f"{row.platform}\x1f{row.event_id}"
            first = self._by_id.get(id_key)
            if first is None or entry[:2] < first[:2]:
                self._by_id[id_key] = entry
            if row.note is not None and row.direction == Direction.OUTGOING.value:
                keys = note_keys(row.note)
                for band in keys:
                    self._by_band.setdefault(band, []).append(entry)
                self._notes.add(row.note, keys, entry)
            added += 1
        return RecordResult(added, dups, len(conflicts), tuple(conflicts))

    def close(self) -> None:
        """Nothing to release."""

    def _select(self, platform: str | None = None, kind: Kind | None = None,
                direction: Direction | None = None, party: str | None = None,
                since: _dt.datetime | None = None,
                until: _dt.datetime | None = None) -> Iterator[Row]:
        self._order()
        kind_value = None if kind is None else kind.value
        direction_value = None if direction is None else direction.value
        if party is not None:
            rows = self._by_party.get(party, [])
        elif platform is not None and kind_value is not None and direction_value is not None:
            rows = self._by_shape.get((platform, kind_value, direction_value), [])
            platform = kind_value = direction_value = None  # the index has filtered them
        else:
            rows = self._rows
        lo = 0 if since is None else bisect_left(rows, (to_us(since),))
        hi = len(rows) if until is None else bisect_left(rows, (to_us(until),))
        for _, _, row in rows[lo:hi]:
            if platform is not None and row.platform != platform:
                continue
            if kind_value is not None and row.kind != kind_value:
                continue
            if direction_value is not None and row.direction != direction_value:
                continue
            yield row

    def get(self, platform: str, event_id: str) -> Event | None:
        """The stored event with this platform and id, or `None`."""
        id_key = f"{platform}\x1f{event_id}"
        row = self._by_key.get(id_key)
        if row is None:
            first = self._by_id.get(id_key)
            row = None if first is None else first[2]
        return None if row is None else load_event(row.data)

    def platforms(self) -> list[str]:
        """The platforms of the stored events, sorted."""
        return sorted({r.platform for _, _, r in self._rows})

    def count(self, *, platform: str | None = None, kind: Kind | None = None,
              direction: Direction | None = None, party: str | None = None,
              since: _dt.datetime | None = None, until: _dt.datetime | None = None,
              with_note: bool | None = None) -> int:
        """How many stored events match every given filter."""
        rows = self._select(platform, kind, direction, party, since, until)
        if with_note is None:
            return sum(1 for _ in rows)
        return sum(1 for r in rows if bool(r.has_note) is with_note)

    def count_outgoing_requests(self, platform: str, since: _dt.datetime,
                                until: _dt.datetime, *, with_note: bool | None = None) -> int:
        """Outgoing contact requests on `platform` in `[since, until)`."""
        return sum(
            1 for r in self._select(platform, Kind.CONTACT_REQUEST, Direction.OUTGOING,
                                    None, since, until)
            if with_note is None or bool(r.has_note) is with_note
        )


    def events(self, *, platform: str | None = None, kind: Kind | None = None,
               direction: Direction | None = None, party: str | None = None,
               since: _dt.datetime | None = None, until: _dt.datetime | None = None,
               limit: int | None = None, newest_first: bool = False) -> Iterator[Event]:
        """The matching events in time order."""
        rows = list(self._select(platform, kind, direction, party, since, until))
        if newest_first:
            rows.reverse()
        for row in rows[:limit]:
            yield load_event(row.data)

    def similar_notes(self, text: str, *, platform: str | None, since: _dt.datetime,
                      until: _dt.datetime, min_similarity: float,
                      exclude_party: str | None = None, limit: int = 100,
                      max_candidates: int = 20000) -> list[NoteMatch]:
        """Outgoing notes like `text` in `[since, until)`: one match per other party,
        newest first (candidates from the LSH index, verified with rapidfuzz)."""
        self._order()
        query = normalise_note(text)
        keys = note_keys(query)
        lo, hi = length_bounds(len(query), min_similarity)
        start, end = to_us(since), to_us(until)
        # The rows sharing a key with the query, in the window, newest first, each once,
        # checked in chunks: a person's newest similar note is their match, and the walk
        # stops as soon as ``limit`` people matched or ``max_candidates`` were compared.
        # Few candidates are gathered from the key lists and sorted; many (a large batch
        # of copies shares every key) are walked lazily through the note clusters, so a
        # query costs what its answer needs, not the size of the batch. Both give the
        # same rows in the same order (docs/history.md).
        spans = []
        total = 0
        for band in keys:
            rows = self._by_band.get(band)
            if rows:
                first, last = bisect_left(rows, (start,)), bisect_left(rows, (end,))
                if first < last:
                    spans.append((rows, first, last))
                    total += last - first
        walk: Iterable[tuple[Any, ...]]
        if total <= EAGER_CANDIDATES:
            seen: dict[int, tuple[int, int, Row]] = {}
            for rows, first, last in spans:
                for entry in rows[first:last]:
                    seen[entry[1]] = entry
            # (time, sequence, row): sequences are unique, so tuples compare without
            # reaching the row, and the plain sort is the time order.
            walk = sorted(seen.values(), reverse=True)
        else:
            walk = self._notes.newest_first(keys, start, end)
        best: dict[str, NoteMatch] = {}
        examined = 0
        step = max(64, 2 * limit)
        chunk: list[tuple[Row, str]] = []
        for entry in walk:
            row = entry[2]
            party = row.party
            if party in best or party == exclude_party:
                continue
            note = row.note or ""
            if not lo <= len(note) <= hi or (platform is not None and row.platform != platform):
                continue
            chunk.append((row, note))
            examined += 1
            if len(chunk) >= step or examined >= max_candidates:
                _take(best, verify(query, chunk, min_similarity), limit)
                chunk = []
                if len(best) >= limit or examined >= max_candidates:
                    return list(best.values())
        _take(best, verify(query, chunk, min_similarity), limit)
        return list(best.values())

    def awaiting(self, *, platform: str, kind: Kind, direction: Direction,
                 responses: Sequence[Response], until: _dt.datetime,
                 before: _dt.datetime | None = None) -> Iterator[Event]:
        """Events not (yet) answered by a response with the same other party at the same
        time or later."""
        self._order()
        end = to_us(until)
        cut = end + 1 if before is None else min(end + 1, to_us(before))
        last: dict[str, int] = {}
        for _, _, r in self._rows:
            if r.at > end or r.platform != platform:
                continue
            for rk, rd in responses:
                if r.kind == rk.value and (rd is None or r.direction == rd.value):
                    last[r.party] = max(last.get(r.party, r.at), r.at)
        for r in self._select(platform, kind, direction):
            if r.at < cut and last.get(r.party, -1 << 62) < r.at:
                yield load_event(r.data)

    def owner_contact_count(self, *, platform: str, until: _dt.datetime) -> int | None:
        """The owner's contact count as last seen on `platform` before `until`."""
        found = None
        for r in self._select(platform, until=until):
            if r.owner_contacts is not None:
                found = r.owner_contacts
        return found


#: Up to this many key hits in the window, a query gathers and sorts its candidates; above,
#: it walks the note clusters lazily (the answer is the same; tests run both ways).
EAGER_CANDIDATES = 4096


def _row_order(entry: tuple[int, int, Any]) -> tuple[int, int]:
    return entry[0], entry[1]


def _take(best: dict[str, NoteMatch], hits: list[tuple[Any, float]], limit: int) -> None:
    """Add verified rows, in the order they were walked (newest first), one per party,
    up to `limit` parties."""
    for row, score in hits:
        if len(best) >= limit:
            return
        if row.party not in best:
            best[row.party] = NoteMatch(row.event_id, row.platform, row.party,
                                        EPOCH + _dt.timedelta(microseconds=row.at), score)
