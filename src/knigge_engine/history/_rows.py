"""How an event becomes a stored row, and back: shared by the two stores."""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
import orjson

from ..model import (
    ContactRequest,
    Direction,
    Event,
    Message,
    event_from_dict,
    event_to_dict,
)
from .similarity import normalise_note, note_of

EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_US = _dt.timedelta(microseconds=1)


def to_us(at: _dt.datetime) -> int:
    """Microseconds since the epoch (UTC): exact, orderable, offset-independent."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"history times need a UTC offset: {at.isoformat()}")
    return (at - EPOCH) // _US


@attrs.frozen(slots=True)
class Row:
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


def make_row(event: Event | Mapping[str, Any], stable_ids: bool) -> Row:
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
    return Row(
        key=key,
        platform=event.platform,
        event_id=event.id,
        kind=event.kind.value,
        direction=event.direction.value,
        at=to_us(event.at),
        party=event.other.id,
        has_note=has_note,
        note=None if note is None else normalise_note(note),
        asks_reason=asks,
        ref=ref,
        owner_contacts=owner.contact_count,
        digest=digest,
        data=data,
    )


def load_event(data: bytes | str) -> Event:
    return event_from_dict(orjson.loads(data))


def batches(events: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for event in events:
        batch.append(event)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
