"""Facebook's own rules: FB401 friend-cap, FB402 stranger-friend-request, FB403
promotion-is-fine.

They complement the generic KN rules as shaped by the `facebook` spec: friend requests
carry no note there (so KN101, KN102, KN103 and KN201 never apply to them), and sales
pitches are only `info`.
"""

from __future__ import annotations

from typing import Any

import attrs
from knigge_engine import (
    Action,
    ContactRequest,
    Direction,
    Kind,
    Message,
    RuleContext,
    RuleResult,
    Severity,
    rule,
    say,
)
from knigge_engine.builders import make_event

from .spec import CAP_PROMOTION_ACCEPTED, CAP_REQUESTS_ARE_PERSONAL, LIMIT_MAX_FRIENDS

__all__ = ["RULES", "FriendCapOptions"]

_AT = "2026-11-02T09:15:00+01:00"
OWNER = {"id": "me", "name": "Jana Owner"}
_OTHER = {"id": "fb:u-1", "name": "Alex Example"}


def _request(direction: str, *, owner: dict[str, Any] | None = None,
             other: dict[str, Any] | None = None, context: dict[str, Any] | None = None,
             id: str = "fb-ex-1") -> dict[str, Any]:
    """A Facebook friend request in the event contract's shape (no note: Facebook has
    none)."""
    extra: dict[str, Any] = {"context": context} if context else {}
    return make_event("contact_request", direction, platform="facebook",
                      owner={**OWNER, **(owner or {})}, other={**_OTHER, **(other or {})},
                      id=id, at=_AT, **extra)


def _message(direction: str, text: str, *, id: str = "fb-ex-m1") -> dict[str, Any]:
    """A first Facebook message (no `in_reply_to`) in the contract's shape."""
    return make_event("message", direction, platform="facebook", owner=OWNER, other=_OTHER,
                      id=id, at=_AT, text=text)


# --------------------------------------------------------------------------- FB401


@attrs.frozen
class FriendCapOptions:
    """Options of FB401."""

    #: Warn from this share of the friend limit on (0.95 of 5,000 = 4,750 friends; the
    #: same default as LinkedIn's LI405 connection-cap).
    warn_ratio: float = attrs.field(default=0.95)

    @warn_ratio.validator
    def _check(self, attribute: Any, value: float) -> None:
        if not 0 < value <= 1:
            raise ValueError(f"expected a ratio above 0 and at most 1, found {value!r}")


def _owner_count(event: Any, ctx: RuleContext[Any]) -> int | None:
    """The owner's friend count: the owner's side of the event first (the freshest
    fact), then the policy's `[owner] contact_count`."""
    mine = event.sender if event.direction is Direction.OUTGOING else event.recipient
    if mine.contact_count is not None:
        return int(mine.contact_count)
    if ctx.owner is not None and ctx.owner.contact_count is not None:
        return int(ctx.owner.contact_count)
    return None


@rule(
    code="FB401",
    platforms=["facebook"],
    name="friend-cap",
    summary="The owner is at or near Facebook's friend limit.",
    why="Facebook caps an account at 5,000 friends; at the cap neither sending nor "
    "accepting a friend request works until someone is removed. Long before that, the "
    "reader comments of seed 002 ask for a network one can still keep up with.",
    source="PLATFORMS.md (max_friends, wide); seed 002 (comments)",
    kinds=[Kind.CONTACT_REQUEST],
    directions=tuple(Direction),
    severity=Severity.WARNING,
    weight=1.0,
    options=FriendCapOptions,
    messages={
        "en": "You have {count} friends; {platform} stops at {limit}: room for only {left} "
        "more.",
        "de": "Sie haben {count} Freunde; {platform} erlaubt höchstens {limit}: Platz für "
        "nur noch {left} weitere.",
        "en.full": "You have {count} friends and {platform}'s limit is {limit}: this "
        "request cannot go through until you remove friends.",
        "de.full": "Sie haben {count} Freunde, die Grenze von {platform} liegt bei "
        "{limit}: Diese Anfrage geht erst durch, wenn Sie Freunde entfernen.",
    },
    bad=[
        _request("outgoing", owner={"contact_count": 4820}),
        _request("outgoing", owner={"contact_count": 5000}),
        _request("incoming", owner={"contact_count": 4999}),
        {"event": _request("outgoing"), "policy": {"owner": {"contact_count": 4800}}},
    ],
    good=[
        _request("outgoing", owner={"contact_count": 380}),
        _request("incoming", owner={"contact_count": 4749}),
        _request("outgoing"),  # count unknown: no evidence
    ],
)
def friend_cap(event: ContactRequest, ctx: RuleContext[FriendCapOptions]) -> RuleResult:
    """Fires when the owner's friend count (from the owner's profile on the event, else
    the policy's `[owner] contact_count`) reaches `warn_ratio` of `max_friends`.
    At or above the limit an outgoing request proposes `dont_send`: Facebook would
    refuse it. Silent when the count or the limit is unknown, and so on every platform
    that declares no `max_friends` limit."""
    limit = ctx.limit(LIMIT_MAX_FRIENDS)
    count = _owner_count(event, ctx)
    if limit is None or count is None:
        return None
    if count < ctx.options.warn_ratio * limit:
        return None
    if count >= limit:
        action = Action.DONT_SEND if event.direction is Direction.OUTGOING else None
        return ctx.report(message_key="full", action=action,
                          shown={"count": ctx.number(count), "limit": ctx.number(limit)},
                          platform=ctx.spec.title or ctx.spec.name, count=count, limit=limit)
    left = limit - count
    return ctx.report(shown={"count": ctx.number(count), "limit": ctx.number(limit),
                             "left": ctx.number(left)},
                      platform=ctx.spec.title or ctx.spec.name, count=count, limit=limit,
                      left=left)


# --------------------------------------------------------------------------- FB402


@rule(
    code="FB402",
    platforms=["facebook"],
    name="stranger-friend-request",
    summary="A friend request to someone with no mutual friends whom you have never met.",
    why="Seed 002 advises against linking up with people you have had no contact with, "
    "online or offline; its reader comments add that other platforms serve other "
    "purposes. On Facebook the request is personal: it opens private posts and photos. "
    "Write a message first, or follow the person's public posts (a request also makes "
    "you follow them).",
    source="seed 002 (b) and comments; PLATFORMS.md (requests_carry_note false)",
    kinds=[Kind.CONTACT_REQUEST],
    directions=[Direction.OUTGOING],
    requires=[CAP_REQUESTS_ARE_PERSONAL],
    severity=Severity.WARNING,
    weight=2.0,
    messages={
        "en": "You share no friends with {name} and have never met: a friend request on "
        "Facebook is personal. Write a message first or follow their public posts.",
        "de": "Sie haben mit {name} keine gemeinsamen Freunde und kennen sich nicht: Eine "
        "Freundschaftsanfrage auf Facebook ist persönlich. Schreiben Sie zuerst eine "
        "Nachricht, oder folgen Sie den öffentlichen Beiträgen der Person.",
    },
    bad=_request("outgoing", other={"name": "Ole Jensen", "mutual_contacts": 0,
                                    "prior_contact": False}),
    good=[
        _request("outgoing", other={"name": "Ole Jensen", "mutual_contacts": 3,
                                    "prior_contact": False}),
        _request("outgoing", other={"name": "Ole Jensen", "mutual_contacts": 0,
                                    "prior_contact": True}),
        _request("outgoing", other={"name": "Ole Jensen", "mutual_contacts": 0}),
        _request("outgoing", other={"name": "Ole Jensen", "mutual_contacts": 0,
                                    "prior_contact": False},
                 context={"met_at": "Sommerfest Kleingartenverein"}),
    ],
)
def stranger_friend_request(event: ContactRequest, ctx: RuleContext[None]) -> RuleResult:
    """Fires when `mutual_contacts` is known to be 0 and `prior_contact` is known to
    be false, and the event names no place where you met (`context.met_at`). Unknown
    facts are no evidence. On Facebook it replaces KN107 (off in the spec)."""
    other = event.recipient
    if other.mutual_contacts != 0 or other.prior_contact is not False:
        return None
    if event.context and event.context.get("met_at"):
        return None
    return ctx.report(name=other.name or other.id)


# --------------------------------------------------------------------------- FB403


@rule(
    code="FB403",
    platforms=["facebook"],
    name="promotion-is-fine",
    summary="A policy note: promotion in a first message is accepted on Facebook, so "
    "KN105/KN207 count only as info here.",
    why="In the reader comments of seed 002 a commenter points out that on Facebook one "
    "wants to reach everyone with one's products, and the author agrees that other "
    "rules apply there than on XING. The Facebook spec therefore lowers KN105 and KN207 "
    "to info; this note says why where it matters, so the mild verdict is not mistaken "
    "for a missed pitch.",
    source="seed 002 (comments on Facebook); seed 004 for the contrast",
    kinds=[Kind.CONTACT_REQUEST, Kind.MESSAGE],
    directions=tuple(Direction),
    requires=[CAP_PROMOTION_ACCEPTED],
    severity=Severity.INFO,
    weight=0.0,
    messages={
        "en": "Promotion ({phrases}) is accepted on Facebook, so it counts only as info "
        "here. The same text would be a sales pitch on XING or LinkedIn.",
        "de": "Werbung ({phrases}) ist auf Facebook akzeptiert und zählt hier nur als "
        "Hinweis. Auf XING oder LinkedIn wäre derselbe Text ein Verkaufsgespräch.",
    },
    bad=[
        _message("outgoing", "Hallo zusammen! Unser Hofladen hat neue Öffnungszeiten – "
                 "jetzt 20 % Rabatt auf alle Marmeladen, kostenloses Probierpaket sichern!"),
        _message("incoming", "Hi! Check out our new yoga studio, book a free trial class "
                 "today and get a 30% discount on your first month."),
    ],
    good=[
        _message("outgoing", "Hallo Ole, schön, dass wir uns beim Sommerfest getroffen "
                 "haben! Schickst du mir das Rezept für den Rhabarberkuchen?"),
        _message("incoming", "Hi Jana, great to see you at the reunion last weekend."),
    ],
)
def promotion_is_fine(event: ContactRequest | Message, ctx: RuleContext[None]) -> RuleResult:
    """Fires (as a weightless info note) on a first note or first message with the same
    sales phrases KN105/KN207 look for; silent on replies and on texts without them."""
    text = ctx.text
    if text is None or text.blank or not text.sales_phrases:
        return None
    if isinstance(event, Message) and event.in_reply_to is not None:
        return None
    first = text.sales_phrases[0]
    quoted = say.quotes((p[0] for p in text.sales_phrases), ctx.locale)
    return ctx.report(span=(first[1], first[2]), phrases=quoted)


RULES = (friend_cap, stranger_friend_request, promotion_is_fine)
