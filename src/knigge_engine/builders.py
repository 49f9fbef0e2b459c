"""Builders for events in the event contract's JSON shape — public, for rule authors.

A rule's `bad`/`good` examples are built when its module is imported, so the builder
must be importable at runtime without any test framework: this module depends on nothing
but the standard library. ([`knigge_engine.testing`][knigge_engine.testing] re-exports
[`make_event`][knigge_engine.builders.make_event] for tests; it imports pytest, so a plugin must not
import it at runtime.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["make_event"]

_AT = "2026-11-02T09:15:00+01:00"


def make_event(
    kind: str = "contact_request",
    direction: str = "incoming",
    *,
    platform: str = "generic",
    owner: Mapping[str, Any] | None = None,
    other: Mapping[str, Any] | None = None,
    sender: Mapping[str, Any] | None = None,
    recipient: Mapping[str, Any] | None = None,
    id: str = "t-1",
    at: str = _AT,
    **fields: Any,
) -> dict[str, Any]:
    """An event dict in the contract's shape with sensible defaults.

    `owner` is the owner's profile (default `{"id": "me"}`), `other` the other
    party's (default `{"id": "u-1"}`); either gets that default `id` when it names
    none. `direction` decides who sends: the owner for `"outgoing"`, the other party
    otherwise. `sender`/`recipient` add facts to whichever side that is. `fields`
    adds `note`, `text`, `context`, … . A contact request has `note` `None`
    (unknown) unless one is given.
    """
    me = {"id": "me", **(owner or {})}
    them = {"id": "u-1", **(other or {})}
    if direction == "outgoing":
        s, r = {**me, **(sender or {})}, {**them, **(recipient or {})}
    else:
        s, r = {**them, **(sender or {})}, {**me, **(recipient or {})}
    event: dict[str, Any] = {"kind": kind, "id": id, "platform": platform,
                             "direction": direction, "at": at, "sender": s, "recipient": r}
    if kind == "contact_request":
        event.setdefault("note", None)
    event.update(fields)
    return event
