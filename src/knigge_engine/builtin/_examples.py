"""Small builders for the JSON-shaped examples of the built-in rules."""

from __future__ import annotations

from typing import Any

_AT = "2026-11-02T09:15:00+01:00"


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
    me = {"id": "me", "name": "Jana Owner"}
    them = {"id": "u-1", "name": "Alex Example"}
    if direction == "outgoing":
        s, r = {**me, "premium": True, **(sender or {})}, {**them, **(recipient or {})}
    else:
        s, r = {**them, **(sender or {})}, {**me, **(recipient or {})}
    event: dict[str, Any] = {
        "kind": "contact_request",
        "id": id,
        "platform": platform,
        "direction": direction,
        "at": _AT,
        "sender": s,
        "recipient": r,
        "note": note,
    }
    if context:
        event["context"] = context
    return event


def message(direction: str, text: str, *, platform: str = "generic",
            sender: dict[str, Any] | None = None, id: str = "ex-m1") -> dict[str, Any]:
    """A first message (no ``in_reply_to``) in the event contract's shape."""
    event = request(direction, None, platform=platform, sender=sender, id=id)
    del event["note"]
    event["kind"] = "message"
    event["text"] = text
    return event
