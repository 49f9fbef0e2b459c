"""History: what happened before an event, and what the account still owes people.

Two sides, one protocol:

* :class:`HistoryView` is what **rules** may read, through ``ctx.history``. Every method is
  a read-only query. Time windows are half-open, ``[since, until)``, so a rule that asks
  about "the state before this event" passes ``until=event.at`` and never sees the event
  itself, nor anything at the same instant (see "Recording semantics" in
  ``docs/history.md``).
* :class:`History` adds what the **engine and importers** write: :meth:`History.record`
  stores a batch of events, each batch in one transaction, and records nothing twice.

Queries for rules (all read-only):

``count_outgoing_requests(platform, since, until, *, with_note=None)``
    Outgoing contact requests (invitations) on ``platform`` in ``[since, until)``;
    ``with_note=True`` counts only requests that carried a non-blank note, ``False`` only
    those without one. The weekly invitation limit reads this with
    ``since=event.at - 7 days, until=event.at``.
``count_outgoing_requests_in_month(platform, at, *, with_note=True)``
    Outgoing requests on ``platform`` from the start of ``at``'s calendar month (in
    ``at``'s own UTC offset) up to, not including, ``at``. The monthly note quota reads
    this with the event's time.
``count(*, platform, kind, direction, party, since, until)``
    Any other count, every filter optional.
``events(*, platform, kind, direction, party, since, until, limit, newest_first)``
    The matching events, oldest first (or newest first), rebuilt as event objects.
``get(platform, event_id)``
    One stored event by its platform and id.
``similar_notes(text, *, platform, since, until, min_similarity, exclude_party, limit)``
    Outgoing request notes and outgoing opening messages in the window whose text is at
    least ``min_similarity`` (0..1, rapidfuzz's normalised Indel similarity after
    normalising case and whitespace) like ``text``: one :class:`NoteMatch` per other
    party, at most ``limit``. KN110 reads this.
``awaiting(*, platform, kind, direction, responses, until, before=None)``
    Events of ``kind``/``direction`` at or before ``until`` (and strictly before
    ``before``, when given) that no event of the ``responses`` (``(kind, direction)``
    pairs, direction ``None`` = either) at the same time or later, with the same platform
    and the same other party, has answered, up to and including ``until``. The follow-through rules
    read this ("which incoming messages has the owner not answered?").
``owner_contact_count(*, platform, until)``
    The owner's contact count as last seen on an outgoing event's sender profile.
``platforms()``
    The platforms the history holds events of.

Two implementations ship: :class:`InMemoryHistory` (tests, short-lived hosts) and
:class:`SQLiteHistory` (the command line's default; a file only its owner can read). A
host application may implement the protocol over its own database.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import logging
import os
import re
import zlib
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs
import orjson

from .errors import HistoryError
from .model import (
    ContactRequest,
    Direction,
    Event,
    Kind,
    Message,
    event_from_dict,
    event_to_dict,
)

if TYPE_CHECKING:
    import sqlite3
else:

    class _OnFirstUse:
        """A module imported when one of its names is first read (then the module's own
        global takes its place): :class:`SQLiteHistory` needs sqlite3, importing this
        module does not (start-up, docs/performance.md)."""

        def __init__(self, name: str) -> None:
            self._name = name

        def __getattr__(self, attr: str) -> Any:
            import importlib

            module = importlib.import_module(self._name)
            globals()[self._name] = module
            return getattr(module, attr)

    sqlite3 = _OnFirstUse("sqlite3")


@cache
def _rapidfuzz() -> tuple[ModuleType, ModuleType]:
    """rapidfuzz's ``process`` and ``fuzz``, imported on first use: only a similarity
    query with candidates needs them (start-up, docs/performance.md)."""
    from rapidfuzz import fuzz, process

    return process, fuzz


__all__ = [
    "History",
    "HistoryError",
    "HistoryView",
    "NoteMatch",
    "RecordResult",
]


@attrs.frozen(slots=True)
class NoteMatch:
    """An earlier note like the one being checked: the event it came with, the other
    party it went to, when, and the similarity (0..1)."""

    event_id: str
    platform: str
    party: str
    at: _dt.datetime
    similarity: float


@attrs.frozen(slots=True)
class RecordResult:
    """What :meth:`History.record` did: ``added`` new events, ``duplicates`` already
    stored (same identity, same content), ``conflicts`` already stored under the same
    identity with different content (kept as first stored; listed in ``conflict_ids``)."""

    added: int = 0
    duplicates: int = 0
    conflicts: int = 0
    conflict_ids: tuple[str, ...] = ()

    def __add__(self, other: RecordResult) -> RecordResult:
        return RecordResult(
            self.added + other.added,
            self.duplicates + other.duplicates,
            self.conflicts + other.conflicts,
            self.conflict_ids + other.conflict_ids,
        )


#: ``(kind, direction)`` of an event that answers another; direction ``None`` = either.
Response = tuple[Kind, Direction | None]


@runtime_checkable
class HistoryView(Protocol):
    """The read-only queries a rule may make through ``ctx.history`` (see the module
    docstring for each query's meaning). Windows are ``[since, until)``; ``None`` means
    unbounded. Times must be timezone-aware."""

    def get(self, platform: str, event_id: str) -> Event | None:
        """The stored event with this platform and id, or ``None``."""
        ...

    def platforms(self) -> list[str]:
        """The platforms of the stored events, sorted."""
        ...

    def count(
        self,
        *,
        platform: str | None = None,
        kind: Kind | None = None,
        direction: Direction | None = None,
        party: str | None = None,
        since: _dt.datetime | None = None,
        until: _dt.datetime | None = None,
    ) -> int:
        """How many stored events match every given filter."""
        ...

    def count_outgoing_requests(
        self,
        platform: str,
        since: _dt.datetime,
        until: _dt.datetime,
        *,
        with_note: bool | None = None,
    ) -> int:
        """Outgoing contact requests on ``platform`` in ``[since, until)``; ``with_note``
        True/False keeps only those with/without a non-blank note."""
        ...

    def count_outgoing_requests_in_month(
        self, platform: str, at: _dt.datetime, *, with_note: bool | None = True
    ) -> int:
        """Outgoing requests on ``platform`` from the start of ``at``'s calendar month
        (in ``at``'s UTC offset) up to, not including, ``at``."""
        ...

    def events(
        self,
        *,
        platform: str | None = None,
        kind: Kind | None = None,
        direction: Direction | None = None,
        party: str | None = None,
        since: _dt.datetime | None = None,
        until: _dt.datetime | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> Iterator[Event]:
        """The matching events in time order; events at the same time in the order they
        were recorded (``newest_first`` reverses both)."""
        ...

    def similar_notes(
        self,
        text: str,
        *,
        platform: str | None,
        since: _dt.datetime,
        until: _dt.datetime,
        min_similarity: float,
        exclude_party: str | None = None,
        limit: int = 100,
    ) -> list[NoteMatch]:
        """Earlier outgoing notes like ``text``: one match per other party."""
        ...

    def awaiting(
        self,
        *,
        platform: str,
        kind: Kind,
        direction: Direction,
        responses: Sequence[Response],
        until: _dt.datetime,
        before: _dt.datetime | None = None,
    ) -> Iterator[Event]:
        """Events not (yet) answered by a response with the same other party at the same
        time or later (an export dates a same-day acceptance at its request's own time);
        ``before`` keeps only events strictly before it (those old enough to be due)."""
        ...

    def owner_contact_count(self, *, platform: str, until: _dt.datetime) -> int | None:
        """The owner's contact count as last seen on ``platform`` before ``until``."""
        ...


@runtime_checkable
class History(HistoryView, Protocol):
    """A history the engine and importers can write to."""

    def record(self, events: Iterable[Event | Mapping[str, Any]], *,
               stable_ids: bool = True) -> RecordResult:
        """Store ``events`` (event objects or their JSON dicts; a dict that does not fit
        the contract raises :class:`~knigge_engine.model.EventError`); each batch is one
        transaction, and an event whose identity is already stored is not stored again.
        Identity is platform + event id, or, with ``stable_ids=False`` (exports that
        number their rows anew each time), a hash of the event's content without its
        id."""
        ...

    def close(self) -> None:
        """Release the store (a no-op for in-memory histories)."""
        ...


# --------------------------------------------------------------------------------------
# Shared pieces: how an event becomes a stored row
# --------------------------------------------------------------------------------------


log = logging.getLogger("knigge_engine.history")

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_US = _dt.timedelta(microseconds=1)
_WS = re.compile(r"\s+")


def _us(at: _dt.datetime) -> int:
    """Microseconds since the epoch (UTC): exact, orderable, offset-independent."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"history times need a UTC offset: {at.isoformat()}")
    return (at - _EPOCH) // _US


def normalise_note(text: str) -> str:
    """The form notes are compared in: case-folded, whitespace runs collapsed, trimmed."""
    return _WS.sub(" ", text.casefold()).strip()


def note_of(event: Event) -> str | None:
    """The text KN110 compares, or ``None``: an outgoing request's non-blank note, or an
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
    shared key never decides anything by itself. ``zlib.crc32`` is stable across
    processes, unlike ``hash()``.
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


def _length_bounds(length: int, similarity: float) -> tuple[int, int]:
    """Lengths a text can have and still reach ``similarity`` (normalised Indel) with a
    text of ``length``: |a - b| <= (1 - s)(a + b)."""
    if similarity <= 0:
        return 0, 1 << 40
    lo = int(length * similarity / (2 - similarity))
    hi = int(length * (2 - similarity) / similarity) + 1
    return lo, hi


@attrs.frozen(slots=True)
class _Row:
    key: str
    platform: str
    event_id: str
    kind: str
    direction: str
    at: int
    party: str
    has_note: int
    note: str | None
    asks_reason: int | None
    ref: str | None
    owner_contacts: int | None
    digest: str
    data: bytes


def _row(event: Event | Mapping[str, Any], stable_ids: bool) -> _Row:
    if isinstance(event, Mapping):
        event = event_from_dict(event)
    body = event_to_dict(event)
    data = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
    digest = hashlib.sha256(data).hexdigest()
    if stable_ids:
        key = f"{event.platform}\x1f{event.id}"
    else:
        without_id = {k: v for k, v in body.items() if k != "id"}
        # The identity is the content: the same key means the same content, whatever id
        # this export gave it.
        digest = hashlib.sha256(orjson.dumps(without_id, option=orjson.OPT_SORT_KEYS)
                                ).hexdigest()
        key = "#" + digest
    has_note = 0
    asks = None
    ref = None
    if isinstance(event, ContactRequest):
        has_note = int(bool(event.note and event.note.strip()))
    elif isinstance(event, Message):
        asks = None if event.asks_reason is None else int(event.asks_reason)
        ref = event.in_reply_to
    else:
        ref = getattr(event, "request", None)
    note = note_of(event)
    owner = event.sender if event.direction is Direction.OUTGOING else event.recipient
    return _Row(
        key=key,
        platform=event.platform,
        event_id=event.id,
        kind=event.kind.value,
        direction=event.direction.value,
        at=_us(event.at),
        party=event.other.id,
        has_note=has_note,
        note=None if note is None else normalise_note(note),
        asks_reason=asks,
        ref=ref,
        owner_contacts=owner.contact_count,
        digest=digest,
        data=data,
    )


def _load(data: bytes | str) -> Event:
    return event_from_dict(orjson.loads(data))


def _month_start(at: _dt.datetime) -> _dt.datetime:
    return at.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _batches(events: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for event in events:
        batch.append(event)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _verify(query: str, candidates: list[tuple[Any, str]],
            cutoff: float) -> list[tuple[Any, float]]:
    """rapidfuzz on the candidates only: ``(payload, similarity 0..1)`` of those at or
    above ``cutoff``."""
    if not candidates:
        return []
    process, fuzz = _rapidfuzz()
    found = process.extract(query, [c[1] for c in candidates], scorer=fuzz.ratio,
                            score_cutoff=cutoff * 100.0, limit=None)
    return [(candidates[i][0], score / 100.0) for _, score, i in found]


# --------------------------------------------------------------------------------------
# In memory
# --------------------------------------------------------------------------------------


class InMemoryHistory:
    """A :class:`History` in a Python list: for tests, examples and short-lived hosts.

    Time-ordered rows with a per-party index and the same LSH note index as the SQLite
    store (so that KN110 compares a note only with candidates, not with every note of
    the window); other queries scan the time range. Meant for one run or a short-lived
    host (``knigge check`` keeps the run's events in one); use :class:`SQLiteHistory`
    for a history that lasts."""

    def __init__(self, events: Iterable[Event] = ()) -> None:
        """Start empty, or with ``events`` recorded."""
        self._rows: list[tuple[int, int, _Row]] = []  # (at, seq, row), time-ordered
        self._by_party: dict[str, list[tuple[int, int, _Row]]] = {}
        self._by_band: dict[int, list[tuple[int, int, _Row]]] = {}
        self._sorted = True  # rows are appended and sorted on the next query
        self._by_key: dict[str, _Row] = {}
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
        """Store ``events``; identities already stored are skipped (see :class:`History`)."""
        added = dups = 0
        conflicts: list[str] = []
        for event in events:
            row = _row(event, stable_ids)
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
                until: _dt.datetime | None = None) -> Iterator[_Row]:
        self._order()
        rows = self._rows if party is None else self._by_party.get(party, [])
        lo = 0 if since is None else bisect_left(rows, (_us(since),))
        hi = len(rows) if until is None else bisect_left(rows, (_us(until),))
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
        """The stored event with this platform and id, or ``None``."""
        row = self._by_key.get(f"{platform}\x1f{event_id}")
        if row is None:
            self._order()
            for _, _, r in self._rows:
                if r.platform == platform and r.event_id == event_id:
                    row = r
                    break
        return None if row is None else _load(row.data)

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
        """Outgoing contact requests on ``platform`` in ``[since, until)``."""
        return sum(
            1 for r in self._select(platform, Kind.CONTACT_REQUEST, Direction.OUTGOING,
                                    None, since, until)
            if with_note is None or bool(r.has_note) is with_note
        )

    def count_outgoing_requests_in_month(self, platform: str, at: _dt.datetime, *,
                                         with_note: bool | None = True) -> int:
        """Outgoing requests from the start of ``at``'s calendar month up to ``at``."""
        return self.count_outgoing_requests(platform, _month_start(at), at, with_note=with_note)

    def events(self, *, platform: str | None = None, kind: Kind | None = None,
               direction: Direction | None = None, party: str | None = None,
               since: _dt.datetime | None = None, until: _dt.datetime | None = None,
               limit: int | None = None, newest_first: bool = False) -> Iterator[Event]:
        """The matching events in time order."""
        rows = list(self._select(platform, kind, direction, party, since, until))
        if newest_first:
            rows.reverse()
        for row in rows[:limit]:
            yield _load(row.data)

    def similar_notes(self, text: str, *, platform: str | None, since: _dt.datetime,
                      until: _dt.datetime, min_similarity: float,
                      exclude_party: str | None = None, limit: int = 100,
                      max_candidates: int = 20000) -> list[NoteMatch]:
        """Outgoing notes like ``text`` in ``[since, until)``: one match per other party,
        newest first (candidates from the LSH index, verified with rapidfuzz)."""
        self._order()
        query = normalise_note(text)
        lo, hi = _length_bounds(len(query), min_similarity)
        start, end = _us(since), _us(until)
        seen: set[int] = set()
        found: list[tuple[int, int, _Row]] = []
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
            hits = _verify(query, [(e[2], e[2].note or "") for e in found[i:i + step]],
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
        end = _us(until)
        cut = end + 1 if before is None else min(end + 1, _us(before))
        last: dict[str, int] = {}
        for _, _, r in self._rows:
            if r.at > end or r.platform != platform:
                continue
            for rk, rd in responses:
                if r.kind == rk.value and (rd is None or r.direction == rd.value):
                    last[r.party] = max(last.get(r.party, r.at), r.at)
        for r in self._select(platform, kind, direction):
            if r.at < cut and last.get(r.party, -1 << 62) < r.at:
                yield _load(r.data)

    def owner_contact_count(self, *, platform: str, until: _dt.datetime) -> int | None:
        """The owner's contact count as last seen on ``platform`` before ``until``."""
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
                                    _EPOCH + _dt.timedelta(microseconds=row.at), score)
        if len(best) >= limit:
            break
    return list(best.values())


# --------------------------------------------------------------------------------------
# SQLite
# --------------------------------------------------------------------------------------

#: The schema version this code writes (``PRAGMA user_version``). A file with a higher
#: version was written by a newer release and is refused unchanged.
SCHEMA_VERSION = 3

_COLUMNS = ("key", "platform", "event_id", "kind", "direction", "at", "party", "has_note",
            "note", "asks_reason", "ref", "owner_contacts", "digest", "data")

#: Migrations: ``_MIGRATIONS[n]`` takes a file from version ``n - 1`` to ``n``. Each runs
#: in the same transaction as the version bump, so a file is never half-migrated.
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            platform TEXT NOT NULL,
            event_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            direction TEXT NOT NULL,
            at INTEGER NOT NULL,
            party TEXT NOT NULL,
            has_note INTEGER NOT NULL DEFAULT 0,
            note TEXT,
            asks_reason INTEGER,
            ref TEXT,
            owner_contacts INTEGER,
            digest TEXT NOT NULL,
            data BLOB NOT NULL
        )""",
        # due(): "which X has no later Y with the same party" walks the triggers by kind
        # and seeks the responses by party.
        "CREATE INDEX events_kind ON events (platform, kind, direction, at)",
        "CREATE INDEX events_party ON events (platform, party, kind, direction, at)",
        "CREATE INDEX events_owner ON events (platform, at) WHERE owner_contacts IS NOT NULL",
    ),
    2: (
        # KN110: candidate notes by shared LSH key within a time window. One B-tree
        # keyed (band, at): the lookup is a range scan per key, and there is no second
        # structure to update on insert.
        """CREATE TABLE note_keys (
            band INTEGER NOT NULL,
            at INTEGER NOT NULL,
            event INTEGER NOT NULL REFERENCES events (id),
            PRIMARY KEY (band, at, event)
        ) WITHOUT ROWID""",
    ),
    3: (
        # get(): an event by platform and id when its key is a content hash
        # (stable_ids=False), and the lookup of a request an acceptance refers to (KN306)
        # for ids the history does not hold — without it each miss scans the table.
        "CREATE INDEX IF NOT EXISTS events_id ON events (platform, event_id)",
    ),
}


def default_history_path() -> Path:
    """The per-user default file: ``$XDG_DATA_HOME/knigge/history.sqlite3``, else
    ``~/.local/share/knigge/history.sqlite3``."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"),
                                                           ".local", "share")
    return Path(base) / "knigge" / "history.sqlite3"


def _reason(exc: sqlite3.Error, timeout: float) -> str:
    text = str(exc)
    low = text.lower()
    if "locked" in low or "busy" in low:
        return (f"the database is locked by another process (waited {timeout:g} s); "
                "try again when it has finished")
    if "readonly" in low or "read-only" in low:
        return "the database is read-only (file or folder not writable); nothing was recorded"
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return ("not a knigge history database, or a corrupted one "
                f"(SQLite: {text}); move it away or pass another --history path")
    if "unable to open" in low:
        return f"cannot open the database file (SQLite: {text})"
    return f"SQLite error: {text}"


class SQLiteHistory:
    """A :class:`History` in a SQLite file (stdlib :mod:`sqlite3`).

    The file is created readable and writable by its owner only (mode 0o600, before
    SQLite touches it; SQLite gives its ``-wal`` and ``-shm`` files the same mode). It
    runs in WAL mode, so readers never wait for a writer; each :meth:`record` batch is
    one ``BEGIN IMMEDIATE`` transaction, so a killed import leaves whole batches only,
    and re-running it adds what is missing. Writers wait up to ``timeout`` seconds for
    each other (``busy_timeout``), then fail with :class:`HistoryError`.

    :param path: the database file (created with its folder when missing, unless
        ``readonly``).
    :param readonly: open for queries only (``knigge due``); a missing file is an error.
    :param timeout: seconds to wait for another process's write lock.
    :param batch_size: events per transaction in :meth:`record`.
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False,
                 timeout: float = 5.0, batch_size: int = 1000) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.timeout = timeout
        self.batch_size = batch_size
        self._conn: sqlite3.Connection | None = None
        name = str(self.path)
        if self.path.is_dir():
            raise HistoryError(name, "is a folder, expected a database file")
        if readonly:
            if not self.path.exists():
                raise HistoryError(name, "no history database here (record one with "
                                         "`knigge check --history PATH`)")
            uri = self.path.resolve().as_uri() + "?mode=ro"
            self._conn = self._connect(uri, uri=True)
        else:
            self._create_file()
            self._conn = self._connect(name)
        try:
            self._prepare()
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------ opening

    def _create_file(self) -> None:
        if self.path.exists():
            if not os.access(self.path, os.W_OK):
                raise HistoryError(str(self.path), "the database file is read-only; "
                                   "nothing was recorded")
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Created 0o600 before SQLite opens it: the notes inside are personal data.
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return  # another process created it a moment ago
        except OSError as exc:
            raise HistoryError(str(self.path), f"cannot create the database: "
                               f"{exc.strerror or exc}") from None
        os.close(fd)

    def _connect(self, target: str, *, uri: bool = False) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(target, uri=uri, timeout=self.timeout,
                                   isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            # 64 MiB of page cache (the default is 2 MiB): index inserts by LSH key land
            # on random pages, and a larger cache keeps recording fast as the file grows.
            conn.execute("PRAGMA cache_size = -65536")
        except sqlite3.Error as exc:
            conn.close()
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None
        return conn

    def _prepare(self) -> None:
        conn = self._require()
        # Read the version before anything writes: a foreign, corrupted or newer file
        # must be left exactly as it is.
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None
        if version > SCHEMA_VERSION:
            raise HistoryError(
                str(self.path),
                f"written by a newer knigge-engine (schema version {version}; this version "
                f"reads up to {SCHEMA_VERSION}); upgrade knigge-engine to use it",
            )
        if version == 0 and not self._is_empty():
            raise HistoryError(str(self.path), "a SQLite database, but not a knigge history "
                               "(it has tables of its own); pass another --history path")
        if version >= 1:
            self._check_shape(version)
        if self.readonly:
            if version < SCHEMA_VERSION:
                raise HistoryError(str(self.path), f"schema version {version} needs an "
                                   f"upgrade to {SCHEMA_VERSION}; open it once for writing "
                                   "(e.g. `knigge check --history PATH`)")
            return
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("history %s: journal mode is %s, not WAL", self.path, mode)
            conn.execute("PRAGMA synchronous = NORMAL")
            if version < SCHEMA_VERSION:
                self._migrate()
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None

    def _check_shape(self, version: int) -> None:
        """The open-time checks, cheap enough for every run (a few page reads whatever
        the file's size): the tables and columns this version wrote are there, and the
        newest stored event can be read back. A file damaged beyond its header usually
        fails here; :meth:`integrity_check` reads every page."""
        problems = self._shape_problems(version)
        if problems:
            raise HistoryError(str(self.path), problems[0] + "; `knigge history check` "
                               "examines the file")
        row = self._one("SELECT data FROM events ORDER BY id DESC LIMIT 1")
        if row is not None:
            self._event(row[0])

    def _shape_problems(self, version: int) -> list[str]:
        columns = {r[1] for r in self._all("PRAGMA table_info(events)")}
        problems = []
        missing = [c for c in _COLUMNS if c not in columns]
        if missing:
            problems.append(f"schema version {version}, but the events table lacks "
                            f"{', '.join(missing)}: damaged or changed outside knigge")
        if version >= 2 and not self._all("PRAGMA table_info(note_keys)"):
            problems.append(f"schema version {version}, but the note_keys table is missing")
        return problems

    def integrity_check(self, *, max_problems: int = 100) -> list[str]:
        """Examine the whole file: SQLite's ``PRAGMA integrity_check`` (every page and
        index), the schema, and that every stored event can be read back. Returns the
        problems found (at most ``max_problems``), an empty list for a sound file. It
        reads the whole file, so it takes as long as reading it (``knigge history
        check``); opening a history only runs the cheap checks."""
        problems: list[str] = []
        try:
            rows = self._all(f"PRAGMA integrity_check({int(max_problems)})")
        except HistoryError as exc:
            return [exc.reason]
        problems.extend(f"SQLite: {r[0]}" for r in rows if r[0] != "ok")
        if problems:
            return problems[:max_problems]
        version = self.schema_version()
        problems.extend(self._shape_problems(version))
        if problems:
            return problems
        conn = self._require()
        try:
            cur = conn.execute("SELECT id, data FROM events ORDER BY id")
            while len(problems) < max_problems:
                chunk = cur.fetchmany(1024)
                if not chunk:
                    break
                for rid, data in chunk:
                    try:
                        _load(data)
                    except Exception as exc:  # noqa: BLE001 - report, go on
                        problems.append(f"stored event {rid} cannot be read "
                                        f"({type(exc).__name__})")
        except sqlite3.Error as exc:
            problems.append(_reason(exc, self.timeout))
        return problems[:max_problems]

    def _is_empty(self) -> bool:
        conn = self._require()
        tables: int = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return tables == 0

    def _migrate(self) -> None:
        conn = self._require()
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated meanwhile.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise HistoryError(str(self.path), f"written by a newer knigge-engine "
                                   f"(schema version {version})")
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[target]:
                    conn.execute(statement)
                if target == 2 and version >= 1:
                    self._backfill_note_keys()
                conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _backfill_note_keys(self) -> None:
        conn = self._require()
        rows = conn.execute("SELECT id, at, note FROM events WHERE note IS NOT NULL")
        conn.executemany(
            "INSERT INTO note_keys (band, at, event) VALUES (?, ?, ?)",
            ((k, at, rid) for rid, at, note in rows.fetchall() for k in note_keys(note)),
        )

    def _require(self) -> sqlite3.Connection:
        if self._conn is None:
            raise HistoryError(str(self.path), "the history is closed")
        return self._conn

    def close(self) -> None:
        """Close the connection (the history cannot be used afterwards)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> SQLiteHistory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLiteHistory({str(self.path)!r})"

    def schema_version(self) -> int:
        """The file's schema version (``PRAGMA user_version``)."""
        return int(self._one("PRAGMA user_version")[0])

    # ------------------------------------------------------------ writing

    def record(self, events: Iterable[Event | Mapping[str, Any]], *,
               stable_ids: bool = True) -> RecordResult:
        """Store ``events`` in transactions of ``batch_size``; see :class:`History`.

        A batch is all or nothing: a crash or kill mid-import leaves the batches before it
        committed and nothing of the interrupted one; recording the same input again adds
        exactly what is missing."""
        if self.readonly:
            raise HistoryError(str(self.path), "opened read-only; nothing was recorded")
        total = RecordResult()
        for batch in _batches(events, self.batch_size):
            total = total + self._record_batch([_row(e, stable_ids) for e in batch])
        return total

    def _record_batch(self, rows: list[_Row]) -> RecordResult:
        conn = self._require()
        insert = (f"INSERT OR IGNORE INTO events ({', '.join(_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(_COLUMNS))})")
        added = dups = 0
        conflicts: list[str] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None
        try:
            cur = conn.cursor()
            keys: list[tuple[int, int, int]] = []
            for row in rows:
                cur.execute(insert, attrs.astuple(row, recurse=False))
                if cur.rowcount == 1:
                    added += 1
                    if row.note is not None:
                        rid = cur.lastrowid
                        keys.extend((k, row.at, rid) for k in note_keys(row.note))  # type: ignore[misc]
                    continue
                old = conn.execute("SELECT digest FROM events WHERE key = ?",
                                   (row.key,)).fetchone()
                if old is not None and old[0] == row.digest:
                    dups += 1
                else:
                    conflicts.append(row.event_id)
            if keys:
                conn.executemany("INSERT INTO note_keys (band, at, event) VALUES (?, ?, ?)",
                                 keys)
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return RecordResult(added, dups, len(conflicts), tuple(conflicts))

    # ------------------------------------------------------------ reading

    def _query(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self._require().execute(sql, params)
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Every row of ``sql``: a damaged page can surface on any step of a cursor, not
        only on the first, so the whole fetch is guarded."""
        try:
            return self._require().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first row of ``sql`` (or ``None``)."""
        try:
            return self._require().execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None

    def _event(self, data: Any) -> Event:
        """A stored event, or a :class:`HistoryError`: a row the store wrote and can no
        longer read means the file was damaged or altered outside knigge."""
        try:
            return _load(data)
        except Exception as exc:  # noqa: BLE001 - any decoding failure is damage
            raise self._damaged(f"a stored event ({type(exc).__name__})") from None

    def _damaged(self, what: str) -> HistoryError:
        return HistoryError(str(self.path), (
            f"{what} cannot be read: the file is damaged or was changed outside knigge; "
            "`knigge history check` examines it"))

    @staticmethod
    def _where(platform: str | None, kind: Kind | None, direction: Direction | None,
               party: str | None, since: _dt.datetime | None,
               until: _dt.datetime | None) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("platform", platform), ("kind", kind), ("direction", direction),
                              ("party", party)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(str(value))  # StrEnum: its value
        if since is not None:
            clauses.append("at >= ?")
            params.append(_us(since))
        if until is not None:
            clauses.append("at < ?")
            params.append(_us(until))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def __len__(self) -> int:
        return int(self._one("SELECT count(*) FROM events")[0])

    def get(self, platform: str, event_id: str) -> Event | None:
        """The stored event with this platform and id, or ``None``."""
        row = self._one("SELECT data FROM events WHERE key = ?",
                        (f"{platform}\x1f{event_id}",))
        if row is None:
            row = self._one("SELECT data FROM events WHERE platform = ? AND event_id = ? "
                            "LIMIT 1", (platform, event_id))
        return None if row is None else self._event(row[0])

    def platforms(self) -> list[str]:
        """The platforms of the stored events, sorted."""
        # A skip-scan over the index: one seek per platform, not one row per event.
        out: list[str] = []
        row = self._one("SELECT min(platform) FROM events")
        while row is not None and row[0] is not None:
            out.append(row[0])
            row = self._one("SELECT min(platform) FROM events WHERE platform > ?", (row[0],))
        return out

    def count(self, *, platform: str | None = None, kind: Kind | None = None,
              direction: Direction | None = None, party: str | None = None,
              since: _dt.datetime | None = None, until: _dt.datetime | None = None) -> int:
        """How many stored events match every given filter."""
        where, params = self._where(platform, kind, direction, party, since, until)
        return int(self._one(f"SELECT count(*) FROM events{where}", params)[0])

    def count_outgoing_requests(self, platform: str, since: _dt.datetime,
                                until: _dt.datetime, *, with_note: bool | None = None) -> int:
        """Outgoing contact requests on ``platform`` in ``[since, until)``."""
        where, params = self._where(platform, Kind.CONTACT_REQUEST, Direction.OUTGOING,
                                    None, since, until)
        if with_note is not None:
            where += " AND has_note = ?"
            params.append(int(with_note))
        return int(self._one(f"SELECT count(*) FROM events{where}", params)[0])

    def count_outgoing_requests_in_month(self, platform: str, at: _dt.datetime, *,
                                         with_note: bool | None = True) -> int:
        """Outgoing requests from the start of ``at``'s calendar month up to ``at``."""
        return self.count_outgoing_requests(platform, _month_start(at), at, with_note=with_note)

    def events(self, *, platform: str | None = None, kind: Kind | None = None,
               direction: Direction | None = None, party: str | None = None,
               since: _dt.datetime | None = None, until: _dt.datetime | None = None,
               limit: int | None = None, newest_first: bool = False) -> Iterator[Event]:
        """The matching events in time order."""
        where, params = self._where(platform, kind, direction, party, since, until)
        order = "DESC" if newest_first else "ASC"
        sql = f"SELECT data FROM events{where} ORDER BY at {order}, id {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        for (data,) in self._all(sql, params):
            yield self._event(data)

    def similar_notes(self, text: str, *, platform: str | None, since: _dt.datetime,
                      until: _dt.datetime, min_similarity: float,
                      exclude_party: str | None = None, limit: int = 100,
                      max_candidates: int = 20000) -> list[NoteMatch]:
        """Earlier outgoing notes like ``text``: one match per other party.

        Candidates share an LSH key with ``text`` (see :func:`note_keys`), lie in the
        window and have a length that can reach ``min_similarity``; only they are
        compared with rapidfuzz, newest batch first, until ``limit`` parties matched or
        ``max_candidates`` were compared."""
        query = normalise_note(text)
        keys = note_keys(query)
        lo, hi = _length_bounds(len(query), min_similarity)
        sql = (
            "SELECT e.id, e.event_id, e.platform, e.party, e.at, e.note "
            "FROM note_keys k JOIN events e ON e.id = k.event "
            f"WHERE k.band IN ({', '.join('?' * len(keys))}) AND k.at >= ? AND k.at < ? "
            "AND length(e.note) BETWEEN ? AND ?"
        )
        params: list[Any] = [*keys, _us(since), _us(until), lo, hi]
        if platform is not None:
            sql += " AND e.platform = ?"
            params.append(platform)
        if exclude_party is not None:
            sql += " AND e.party != ?"
            params.append(exclude_party)
        # Newest first, as the in-memory store: the match reported for a person is their
        # newest similar note, and ``limit`` keeps the people written to most recently
        # (found unordered by the differential test, tests/test_history_differential.py).
        sql += " ORDER BY k.at DESC, k.event DESC"
        cur = self._query(sql, params)
        seen: set[int] = set()
        best: dict[str, NoteMatch] = {}
        examined = 0
        while examined < max_candidates and len(best) < limit:
            try:
                chunk = cur.fetchmany(512)
            except sqlite3.Error as exc:
                raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None
            if not chunk:
                break
            candidates = []
            for rid, event_id, plat, party, at, note in chunk:
                if rid in seen or party in best:
                    continue
                if not (isinstance(note, str) and isinstance(at, int)):
                    raise self._damaged("a stored note")
                seen.add(rid)
                candidates.append(((event_id, plat, party, at), note))
            examined += len(candidates)
            for (event_id, plat, party, at), score in _verify(query, candidates,
                                                              min_similarity):
                if party not in best and len(best) < limit:
                    best[party] = NoteMatch(event_id, plat, party,
                                            _EPOCH + _dt.timedelta(microseconds=at), score)
        return list(best.values())

    def awaiting(self, *, platform: str, kind: Kind, direction: Direction,
                 responses: Sequence[Response], until: _dt.datetime,
                 before: _dt.datetime | None = None) -> Iterator[Event]:
        """Events not (yet) answered by a response with the same other party at the same
        time or later."""
        end = _us(until)
        cut = end + 1 if before is None else min(end + 1, _us(before))
        sql = ("SELECT t.data FROM events t WHERE t.platform = ? AND t.kind = ? "
               "AND t.direction = ? AND t.at < ?")
        params: list[Any] = [platform, kind.value, direction.value, cut]
        for rk, rd in responses:
            if rd is None:
                sql += (" AND NOT EXISTS (SELECT 1 FROM events r WHERE r.platform = t.platform "
                        "AND r.party = t.party AND r.kind = ? AND r.direction IN "
                        "('incoming', 'outgoing') AND r.at >= t.at AND r.at <= ?)")
                params += [rk.value, end]
            else:
                sql += (" AND NOT EXISTS (SELECT 1 FROM events r WHERE r.platform = t.platform "
                        "AND r.party = t.party AND r.kind = ? AND r.direction = ? "
                        "AND r.at >= t.at AND r.at <= ?)")
                params += [rk.value, rd.value, end]
        sql += " ORDER BY t.at"
        for (data,) in self._all(sql, params):
            yield self._event(data)

    def owner_contact_count(self, *, platform: str, until: _dt.datetime) -> int | None:
        """The owner's contact count as last seen on ``platform`` before ``until``."""
        row = self._one(
            "SELECT owner_contacts FROM events WHERE platform = ? AND at < ? "
            "AND owner_contacts IS NOT NULL ORDER BY at DESC LIMIT 1",
            (platform, _us(until)),
        )
        if row is None:
            return None
        if not isinstance(row[0], int):
            raise self._damaged("a stored contact count")
        return row[0]


def open_history(path: str | os.PathLike[str] | None = None, *, readonly: bool = False,
                 timeout: float = 5.0) -> SQLiteHistory:
    """Open (or create) the SQLite history at ``path``, or at
    :func:`default_history_path` when ``path`` is ``None``."""
    return SQLiteHistory(path if path is not None else default_history_path(),
                         readonly=readonly, timeout=timeout)
