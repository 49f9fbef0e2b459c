"""The history protocols: what rules read (`HistoryView`) and what the engine
and importers write (`History`), and the values they exchange."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

import attrs

from ..model import (
    Direction,
    Event,
    Kind,
)


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
    """What `History.record` did: `added` new events, `duplicates` already
    stored (same identity, same content), `conflicts` already stored under the same
    identity with different content (kept as first stored; listed in `conflict_ids`)."""

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


#: `(kind, direction)` of an event that answers another; direction `None` = either.
Response = tuple[Kind, Direction | None]


@runtime_checkable
class HistoryView(Protocol):
    """The read-only queries a rule may make through `ctx.history` (see the module
    docstring for each query's meaning). Windows are `[since, until)`; `None` means
    unbounded. Times must be timezone-aware."""

    def get(self, platform: str, event_id: str) -> Event | None:
        """The stored event with this platform and id, or `None`."""
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
        with_note: bool | None = None,
    ) -> int:
        """How many stored events match every given filter; `with_note` True/False
        keeps only contact requests with/without a non-blank note (a plugin's periodic
        quota counts with this over the period it defines, e.g. a calendar month)."""
        ...

    def count_outgoing_requests(
        self,
        platform: str,
        since: _dt.datetime,
        until: _dt.datetime,
        *,
        with_note: bool | None = None,
    ) -> int:
        """Outgoing contact requests on `platform` in `[since, until)`; `with_note`
        True/False keeps only those with/without a non-blank note."""
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
        were recorded (`newest_first` reverses both)."""
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
        """Earlier outgoing notes like `text`: one match per other party."""
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
        `before` keeps only events strictly before it (those old enough to be due)."""
        ...

    def owner_contact_count(self, *, platform: str, until: _dt.datetime) -> int | None:
        """The owner's contact count as last seen on `platform` before `until`."""
        ...


@runtime_checkable
class History(HistoryView, Protocol):
    """A history the engine and importers can write to."""

    def record(self, events: Iterable[Event | Mapping[str, Any]], *,
               stable_ids: bool = True) -> RecordResult:
        """Store `events` (event objects or their JSON dicts; a dict that does not fit
        the contract raises [`EventError`][knigge_engine.model.EventError]); each batch is one
        transaction, and an event whose identity is already stored is not stored again.
        Identity is platform + event id, or, with `stable_ids=False` (exports that
        number their rows anew each time), a hash of the event's content without its
        id."""
        ...

    def close(self) -> None:
        """Release the store (a no-op for in-memory histories)."""
        ...
