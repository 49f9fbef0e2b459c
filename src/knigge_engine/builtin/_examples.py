"""Small builders for the JSON-shaped examples of the built-in rules, over
[`knigge_engine.builders.make_event`][knigge_engine.builders.make_event]."""

from __future__ import annotations

from typing import Any

from ..builders import make_event

_OWNER = {"id": "me", "name": "Jana Owner"}
_OTHER = {"id": "u-1", "name": "Alex Example"}


def _owner(direction: str) -> dict[str, Any]:
    # The built-in examples were written with the owner on a premium account when
    # sending; a ``sender`` fact still overrides it.
    return {**_OWNER, "premium": True} if direction == "outgoing" else _OWNER


def request(
    direction: str,
    note: str | None,
    *,
    platform: str = "generic",
    sender: dict[str, Any] | None = None,
    recipient: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    id: str = "ex-1",
) -> dict[str, Any]:
    """A contact request in the event contract's shape."""
    extra: dict[str, Any] = {"context": context} if context else {}
    return make_event("contact_request", direction, platform=platform,
                      owner=_owner(direction), other=_OTHER, sender=sender,
                      recipient=recipient, id=id, note=note, **extra)


def message(direction: str, text: str, *, platform: str = "generic",
            sender: dict[str, Any] | None = None, id: str = "ex-m1") -> dict[str, Any]:
    """A first message (no `in_reply_to`) in the event contract's shape."""
    return make_event("message", direction, platform=platform, owner=_owner(direction),
                      other=_OTHER, sender=sender, id=id, text=text)
