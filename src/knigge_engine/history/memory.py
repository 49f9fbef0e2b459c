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
from ._rows import EPOCH, Row, load_event, make_row, month_start, to_us
from .protocol import NoteMatch, RecordResult, Response
from .similarity import length_bounds, normalise_note, note_keys, verify


class InMemoryHistory:
    """A `History` in a Python list: for tests, examples and short-lived hosts.

    Time-ordered rows with a per-party index and the same LSH note index as the SQLite
    store (so that KN110 compares a note only with candidates, not with every note of
    the window); other queries scan the time range. Meant for one run or a short-lived
    host (`knigge check` keeps the run's events in one); use `SQLiteHistory`
    for a history that lasts."""

    def __init__(self, events: Iterable[Event] = ()) -> None:
        """Start empty, or with `events` recorded."""
        self._rows: list[tuple[int, int, Row]] = []  # (at, seq, row), time-ordered
        self._by_party: dict[str, list[tuple[int, int, Row]]] = {}
        self._by_band: dict[int, list[tuple[int, int, Row]]] = {}
        self._sorted = True  # rows are appended and sorted on the next query
        self._by_key: dict[str, Row] = {}
        self._seq = 0
        self.record(events)

    def _order(self) -> None:
        if not self._sorted:
            self._rows.sort(key=_row_order)
            for rows in self._by_party.values():
                rows.sort(key=_row_order)
            for rows in self._by_band.values():
                rows.sort(key=_row_order)
            self._sorted = True

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
            if row.note is not None and row.direction == Direction.OUTGOING.value:
                for band in note_keys(row.note):
                    self._by_band.setdefault(band, []).append(entry)
            added += 1
        return RecordResult(added, dups, len(conflicts), tuple(conflicts))

    def close(self) -> None:
        """Nothing to release."""

    def _select(self, platform: str | None = None, kind: Kind | None = None,
                direction: Direction | None = None, party: str | None = None,
                since: _dt.datetime | None = None,
                until: _dt.datetime | None = None) -> Iterator[Row]:
        self._order()
        rows = self._rows if party is None else self._by_party.get(party, [])
        lo = 0 if since is None else bisect_left(rows, (to_us(since),))
        hi = len(rows) if until is None else bisect_left(rows, (to_us(until),))
        for _, _, row in rows[lo:hi]:
            if platform is not None and row.platform != platform:
                continue
            if kind is not None and row.kind != kind.value:
                continue
            if direction is not None and row.direction != direction.value:
                continue
            if party is not None and row.party != party:
                continue
            yield row

    def get(self, platform: str, event_id: str) -> Event | None:
        """The stored event with this platform and id, or `None`."""
        row = self._by_key.get(f"{platform}\x1f{event_id}")
        if row is None:
            self._order()
            for _, _, r in self._rows:
                if r.platform == platform and r.event_id == event_id:
                    row = r
                    break
        return None if row is None else load_event(row.data)

    def platforms(self) -> list[str]:
        """The platforms of the stored events, sorted."""
        return sorted({r.platform for _, _, r in self._rows})

    def count(self, *, platform: str | None = None, kind: Kind | None = None,
              direction: Direction | None = None, party: str | None = None,
              since: _dt.datetime | None = None, until: _dt.datetime | None = None) -> int:
        """How many stored events match every given filter."""
        return sum(1 for _ in self._select(platform, kind, direction, party, since, until))

    def count_outgoing_requests(self, platform: str, since: _dt.datetime,
                                until: _dt.datetime, *, with_note: bool | None = None) -> int:
        """Outgoing contact requests on `platform` in `[since, until)`."""
        return sum(
            1 for r in self._select(platform, Kind.CONTACT_REQUEST, Direction.OUTGOING,
                                    None, since, until)
            if with_note is None or bool(r.has_note) is with_note
        )

    def count_outgoing_requests_in_month(self, platform: str, at: _dt.datetime, *,
                                         with_note: bool | None = True) -> int:
        """Outgoing requests from the start of `at`'s calendar month up to `at`."""
        return self.count_outgoing_requests(platform, month_start(at), at, with_note=with_note)

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
        lo, hi = length_bounds(len(query), min_similarity)
        start, end = to_us(since), to_us(until)
        seen: set[int] = set()
        found: list[tuple[int, int, Row]] = []
        for band in note_keys(query):
            rows = self._by_band.get(band)
            if not rows:
                continue
            for entry in rows[bisect_left(rows, (start,)):bisect_left(rows, (end,))]:
                seq, r = entry[1], entry[2]
                # Indexed rows always have a note.
                if seq in seen or r.party == exclude_party or not lo <= len(r.note or "") <= hi:
                    continue
                if platform is not None and r.platform != platform:
                    continue
                seen.add(seq)
                found.append(entry)
        # Newest first, like the SQLite store (tuples compare by time, then sequence),
        # verified in chunks that stop once ``limit`` people matched or ``max_candidates``
        # were compared: the copies of a large batch are found among the first candidates.
        found.sort(key=_row_order, reverse=True)
        del found[max_candidates:]
        verified: list[tuple[Any, float]] = []
        parties: set[str] = set()
        step = max(64, 2 * limit)
        for i in range(0, len(found), step):
            hits = verify(query, [(e[2], e[2].note or "") for e in found[i:i + step]],
                           min_similarity)
            verified += hits
            parties.update(row.party for row, _ in hits)
            if len(parties) >= limit:
                break
        return _matches(verified, limit)

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


def _row_order(entry: tuple[int, int, Any]) -> tuple[int, int]:
    return entry[0], entry[1]


def _matches(verified: list[tuple[Any, float]], limit: int) -> list[NoteMatch]:
    best: dict[str, NoteMatch] = {}
    for row, score in verified:
        if row.party in best:
            continue
        best[row.party] = NoteMatch(row.event_id, row.platform, row.party,
                                    EPOCH + _dt.timedelta(microseconds=row.at), score)
        if len(best) >= limit:
            break
    return list(best.values())
