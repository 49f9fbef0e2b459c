"""Rules that read the history: KN110 (per event) and the follow-through rules KN301-KN307.

KN110 runs per outgoing event like the other coach rules and asks `ctx.history` about
the notes sent before it. KN301-KN307 are follow-through rules (`@due_rule`): the engine
runs them in [`Engine.due`][knigge_engine.engine.Engine.due] once per platform, as
`check(ctx)` with a [`DueContext`][knigge_engine.due.DueContext], and each yields what is due
as [`DueItem`][knigge_engine.due.DueItem]s made by `ctx.report_due`.

"Answered" is judged by the other party, not by thread ids (exports rarely keep them): a
message counts as answered once the owner wrote to the same person on the same platform
later. Decisions are written down in `docs/history.md`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from .. import say as _say
from ..decision import owes_reply as owes_any_reply
from ..history import HistoryView, NoteMatch, note_of
from ..model import (
    Action,
    ContactRequest,
    Direction,
    Event,
    Kind,
    Message,
    Outcome,
    RequestResolved,
    Severity,
)
from ..replies import ACTION_REPLY
from ..rules import CAP_VISITORS_VISIBLE, Example, RuleContext, RuleResult, due_rule, rule
from ..text import reason_question

if TYPE_CHECKING:
    from ..due import DueContext, DueItem

_BASE = _dt.datetime(2026, 11, 2, 9, 15, tzinfo=_dt.timezone(_dt.timedelta(hours=1)))
_ME = {"id": "me", "name": "Jana Owner"}


def _at(days: float = 0, hours: float = 0) -> str:
    return (_BASE + _dt.timedelta(days=days, hours=hours)).isoformat()


def _ev(kind: str, direction: str, *, id: str, days: float = 0, hours: float = 0,
        party: dict[str, Any] | None = None, me: dict[str, Any] | None = None,
        platform: str = "generic", **fields: Any) -> dict[str, Any]:
    """An example event: `party` is the other person, `me` the owner's facts."""
    them = {"id": "u-1", "name": "Alex Example", **(party or {})}
    owner = {**_ME, **(me or {})}
    sender, recipient = (owner, them) if direction == "outgoing" else (them, owner)
    return {"kind": kind, "id": id, "platform": platform, "direction": direction,
            "at": _at(days, hours), "sender": sender, "recipient": recipient, **fields}


def _example(**fields: Any) -> Example:
    """An [`Example`][knigge_engine.Example] with `history` (event dicts) and `now`."""
    return Example(**fields)


def _spans(ctx: Any, event: Any, since: _dt.datetime, days: int,
           locale_from: Any = None) -> dict[str, Any]:
    """`waited_for` (days since `since`) and `limit_days` (the rule's delay) as a
    follow-through message shows them, in the item's locale: "15 days" / "seit 15
    Tagen", "1 day" / "1 Tag"."""
    locale = ctx.locale_for(locale_from if locale_from is not None else event)[0]
    waited = max(0, (ctx.now - since) // _dt.timedelta(days=1))
    return {"waited_for": _say.days(waited, locale, dative=True),
            "limit_days": _say.days(days, locale)}


def _older_than(ctx: RuleContext[Any], since: _dt.datetime, days: int) -> bool:
    """'More than `days`': day 13 of 14 is not due, day 15 is; exactly 14 is not."""
    return bool(ctx.now - since > _dt.timedelta(days=days))


# --------------------------------------------------------------------------- KN110


@attrs.frozen
class MassTemplateOptions:
    """`max_recipients`: how many different people (this one included) may get the
    same note within `window_days` before it counts as a mass mailing; `similarity`:
    how alike two notes must be (0..1, rapidfuzz's normalised Indel similarity after
    folding case and white space)."""

    max_recipients: int = 5
    window_days: int = 7
    similarity: float = 0.9


_TEMPLATE_DE = ("Hallo {name}, ich bin Vertriebsleiterin bei der Nordlicht Software GmbH "
                "und baue gerade mein Netzwerk in der Logistikbranche aus. Ich würde mich "
                "freuen, wenn wir uns vernetzen. Viele Grüße, Jana Owner")
_TEMPLATE_EN = ("Hi {name}, I am head of sales at Nordlicht Software and I am growing my "
                "network in logistics. I would be glad to connect with you. Best, Jana")
_NAMES = ("Herr Albers", "Frau Brandt", "Herr Cordes", "Frau Dietz", "Herr Ehlers")
_NAMES_EN = ("Sam", "Priya", "Tom", "Alice", "Ben")


def _template_history(template: str, names: tuple[str, ...], count: int) -> list[dict[str, Any]]:
    return [
        _ev("contact_request", "outgoing", id=f"t-{i}", days=i * 0.5,
            party={"id": f"u-{i}", "name": names[i]}, note=template.format(name=names[i]))
        for i in range(count)
    ]


@rule(
    code="KN110",
    name="mass-template",
    summary="The same or nearly the same note went to many people in a short time.",
    why="Seed 004 observes that interesting people drown in dull mass communication and "
    "that mass acquisition repels them; a note that only swaps the name is such mass "
    "communication, and it cannot say why this particular person (seed 002 a).",
    source="seed 004; 002 (a)",
    kinds=(Kind.CONTACT_REQUEST, Kind.MESSAGE),
    directions=(Direction.OUTGOING,),
    needs_history=True,
    severity=Severity.WARNING,
    weight=2.0,
    options=MassTemplateOptions,
    messages={
        "en": "You sent this note, or one at least {percent}% like it, to {count} within "
        "{days}{earlier}: write each note for its recipient.",
        "de": "Diese Notiz, oder eine zu mindestens {percent} % gleiche, ging innerhalb von "
        "{days} an {count}{earlier}: Schreiben Sie jede Notiz für ihre Empfängerin oder "
        "ihren Empfänger.",
    },
    bad=[
        _example(event=_ev("contact_request", "outgoing", id="t-new", days=3,
                          party={"id": "u-new", "name": "Frau Fink"},
                          note=_TEMPLATE_DE.format(name="Frau Fink")),
                history=_template_history(_TEMPLATE_DE, _NAMES, 4),
                title="fifth copy of a German template within a week"),
        _example(event=_ev("contact_request", "outgoing", id="t-new", days=3,
                          party={"id": "u-new", "name": "Chris"},
                          note=_TEMPLATE_EN.format(name="Chris")),
                history=_template_history(_TEMPLATE_EN, _NAMES_EN, 4),
                title="fifth copy of an English template within a week"),
        _example(event=_ev("contact_request", "outgoing", id="t-first", days=-0.5,
                          party={"id": "u-first", "name": "Frau Fink"},
                          note=_TEMPLATE_DE.format(name="Frau Fink")),
                history=_template_history(_TEMPLATE_DE, _NAMES, 4),
                title="the first copy of a batch that went to five people"),
    ],
    good=[
        _example(event=_ev("contact_request", "outgoing", id="t-new", days=3,
                          party={"id": "u-new", "name": "Frau Fink"},
                          note=_TEMPLATE_DE.format(name="Frau Fink")),
                history=_template_history(_TEMPLATE_DE, _NAMES, 3),
                title="fourth copy: below the limit"),
        _example(event=_ev("contact_request", "outgoing", id="t-new", days=30,
                          party={"id": "u-new", "name": "Frau Fink"},
                          note=_TEMPLATE_DE.format(name="Frau Fink")),
                history=_template_history(_TEMPLATE_DE, _NAMES, 4),
                title="the earlier copies are older than the window"),
        _example(event=_ev("contact_request", "outgoing", id="t-new", days=3,
                          party={"id": "u-new", "name": "Frau Fink"},
                          note="Hallo Frau Fink, Ihr Vortrag zur Tourenplanung beim "
                          "Logistik-Forum Bremen hat mich beeindruckt. Ich leite den "
                          "Vertrieb bei Nordlicht Software und würde gern in Kontakt "
                          "bleiben."),
                history=_template_history(_TEMPLATE_DE, _NAMES, 5),
                title="a note written for this person after many templates"),
    ],
)
def mass_template(
    event: ContactRequest | Message, ctx: RuleContext[MassTemplateOptions]
) -> RuleResult:
    """Fires on an outgoing request note or opening message (one that answers nothing)
    when notes at least `similarity` alike went to `max_recipients - 1` or more
    *other* people within `window_days` before or after it: the batch has crossed the
    limit, and every copy of it is flagged, the first ones too. The count is exact and
    the message names up to three other recipients. The one rule that looks past the
    event's own time: a batch is known only when it is complete (`knigge check` keeps
    a history of the run, so this works without `--history` too). Silent without a
    history (no evidence)."""
    history = ctx.history
    text = note_of(event)
    if history is None or text is None:
        return None
    opts = ctx.options
    needed = max(opts.max_recipients - 1, 0)
    if needed == 0:
        return ctx.report(shown=_mass_shown(ctx, 1, opts.window_days, ()),
                           percent=round(opts.similarity * 100), count=1,
                           days=opts.window_days, earlier="-")
    window = _dt.timedelta(days=opts.window_days)
    # The batch around this note: copies in the window before it and, where the history
    # holds them (the same run, or a history recorded first), after it, so that every
    # copy of a batch is flagged once the batch crosses the limit, the first ones too.
    since, until, other = event.at - window, event.at + window, event.other.id
    # First only as many as the verdict needs (most notes are no template, and the
    # search stops early); the exact count only for the notes that are.
    matches = history.similar_notes(text, platform=None, since=since, until=until, limit=needed,
                                    min_similarity=opts.similarity, exclude_party=other)
    if len(matches) < needed:
        return None
    matches = history.similar_notes(text, platform=None, since=since, until=until,
                                    limit=_MAX_COUNTED,
                                    min_similarity=opts.similarity, exclude_party=other)
    matches = sorted(matches, key=lambda m: m.at)
    parties = tuple(m.party for m in matches)
    names = tuple(_party_name(history, m) for m in matches[:3])
    return ctx.report(shown=_mass_shown(ctx, len(matches) + 1, opts.window_days, names,
                                        len(parties)),
                       percent=round(opts.similarity * 100), count=len(matches) + 1,
                       days=opts.window_days, earlier=", ".join(names), parties=parties)


# KN110 counts the copies of a batch exactly up to this many recipients (beyond, the
# message says "more than"): counting costs one comparison per copy, per copy.
_MAX_COUNTED = 1000


def _party_name(history: HistoryView, match: NoteMatch) -> str:
    """The name of the recipient of a matched note (their id when no name is known)."""
    stored = history.get(match.platform, match.event_id)
    other = stored.other if stored is not None else None
    return (other.name or other.id) if other is not None else match.party


def _mass_shown(ctx: RuleContext[Any], count: int, days: int,
                parties: tuple[str, ...], total: int | None = None) -> dict[str, str]:
    """KN110's counts and the other recipients (names, at most three shown) as its
    message shows them."""
    de = ctx.locale == "de"
    shown = {"count": _say.plural(count, *(("Person", "Personen") if de
                                           else ("person", "people")), ctx.locale),
             "days": _say.plural(days, *(("Tag", "Tagen") if de else ("day", "days")),
                                 ctx.locale),
             "earlier": ""}
    if count > _MAX_COUNTED:
        shown["count"] = ("mehr als " if de else "more than ") + _say.plural(
            _MAX_COUNTED, *(("Person", "Personen") if de else ("person", "people")),
            ctx.locale)
    if parties:
        more = ", …" if (total if total is not None else len(parties)) > 3 else ""
        shown["earlier"] = (" (auch an: " if de else " (also to: ") + ", ".join(
            parties[:3]) + more + ")"
    return shown


# --------------------------------------------------------------------------- KN301


@attrs.frozen
class PendingOptions:
    """`days`: how long an incoming request may wait for a decision."""

    days: int = 14


@due_rule(
    code="KN301",
    name="pending-too-long",
    summary="An incoming request has waited too long for a decision.",
    why="Seed 002 asks the recipient to use the choice of confirming or declining and "
    "not to leave a request lying in the list of requests to confirm for ever.",
    source="seed 002 (b)",
    action=Action.DECIDE,
    severity=Severity.WARNING,
    weight=1.0,
    options=PendingOptions,
    messages={
        "en": "{name}'s request has been waiting {waited_for} for your decision (limit: "
        "{limit_days}): accept or decline it rather than leave it pending.",
        "de": "Die Anfrage von {name} wartet seit {waited_for} auf Ihre Entscheidung "
        "(Frist: {limit_days}): Bestätigen Sie sie oder lehnen Sie sie ab, statt sie "
        "liegen zu lassen.",
    },
    bad=_example(history=[_ev("contact_request", "incoming", id="r-1",
                             note="Hallo Frau Owner, wir haben uns auf der Hannover "
                             "Messe am Stand von Bosch kurz unterhalten.")],
                now=_at(15), title="day 15 of 14"),
    good=[
        _example(history=[_ev("contact_request", "incoming", id="r-1",
                             note="Hallo Frau Owner, wir haben uns auf der Hannover "
                             "Messe am Stand von Bosch kurz unterhalten.")],
                now=_at(13), title="day 13 of 14"),
        _example(history=[
            _ev("contact_request", "incoming", id="r-1", note="Hi Jana, we met at the "
                "PyData Berlin meetup last week."),
            _ev("request_resolved", "outgoing", id="d-1", days=1, request="r-1",
                outcome="accepted"),
        ], now=_at(20), title="accepted on day 1"),
    ],
)
def pending_too_long(ctx: DueContext[PendingOptions]) -> Iterator[DueItem]:
    """An incoming request is pending while no resolution (by either side) followed
    it; it is due once it has waited more than `days`, unless the owner asked its
    sender for the reason and still waits for the answer (KN304 decides those). The
    suggested reply is the one triage gives the request."""
    days = ctx.options.days
    for req in ctx.history.awaiting(
        platform=ctx.spec.name, kind=Kind.CONTACT_REQUEST, direction=Direction.INCOMING,
        responses=[(Kind.REQUEST_RESOLVED, None)], until=ctx.now,
        before=ctx.now - _dt.timedelta(days=days),
    ):
        if not _older_than(ctx, req.at, days) or _open_question(ctx, req) is not None:
            continue
        verdict = ctx.assess(req)
        key = ACTION_REPLY.get(verdict.action) if verdict.action is not None else None
        yield ctx.report_due(req, since=req.at, days=days, reply=key,
                             triage=None if verdict.action is None else verdict.action.value,
                             **_spans(ctx, req, req.at, days))


def _asks_reason(msg: Any, req: Event) -> bool:
    return bool(msg.asks_reason is True or msg.in_reply_to == req.id)


def _open_question(ctx: Any, req: Event) -> Any:
    """The owner's question about the reason of `req` that its sender has not
    answered: the last message between them since the request, if it is the owner's
    and asks the reason; else `None`."""
    for msg in ctx.history.events(
        platform=ctx.spec.name, kind=Kind.MESSAGE, party=req.sender.id, since=req.at,
        until=ctx.now + _dt.timedelta(microseconds=1), newest_first=True, limit=1,
    ):
        if msg.direction is Direction.OUTGOING and _asks_reason(msg, req):
            return msg
    return None


# --------------------------------------------------------------------------- KN302/303


def _is_pitch(msg: Event, ctx: Any) -> bool:
    """A message that is a sales pitch by KN207's phrases: it still deserves an answer
    (seed 002: yes or no, even when the concern seems uninteresting), a short no-thanks."""
    text = getattr(msg, "text", None)
    return bool(text) and bool(ctx.analyse(text).sales_phrases)


def owes_reply(msg: Event, ctx: Any) -> bool:
    """Whether an incoming message asks for a reply at all: not a conversation closer
    ("thanks", "you're welcome", a thumbs-up), not sponsored, automated or mass mail
    (`context.sponsored`, `context.mass_mailing`), not in an archived conversation.
    A personal sales pitch does ask for one: a short no-thanks."""
    return owes_any_reply(msg)


def _unanswered(ctx: Any, days: int) -> Iterator[Event]:
    """Per other party, the oldest incoming message the owner has not answered that
    owes a reply (`owes_reply`), when it is more than `days` old."""
    seen: set[str] = set()
    for msg in ctx.history.awaiting(
        platform=ctx.spec.name, kind=Kind.MESSAGE, direction=Direction.INCOMING,
        responses=[(Kind.MESSAGE, Direction.OUTGOING)], until=ctx.now,
        before=ctx.now - _dt.timedelta(days=days),
    ):
        party = msg.sender.id
        if party in seen or not owes_reply(msg, ctx):
            continue
        seen.add(party)
        if _older_than(ctx, msg.at, days):
            yield msg


@attrs.frozen
class UnansweredOptions:
    """`days`: how long an incoming message may go without a reply."""

    days: int = 3


_MSG_DE = ("Guten Tag Frau Owner, ich habe Ihren Beitrag zur Wärmepumpenförderung gelesen. "
           "Dürfte ich Ihnen zwei Fragen zu unserem Neubauprojekt in Lübeck stellen?")
_PITCH_EN = ("Hi Jana, boost your sales with our lead generation service! Book a free demo "
             "today and get 3 secret tips for more reach.")


@due_rule(
    code="KN302",
    name="unanswered-message",
    summary="An incoming message has had no reply for too long.",
    why="Seed 002 holds that whoever makes contact deserves an answer, short or long, "
    "yes or no, even when the concern seems uninteresting.",
    source="seed 002 (always reply)",
    action=Action.REPLY,
    severity=Severity.WARNING,
    weight=1.0,
    options=UnansweredOptions,
    messages={
        "en": "{name}'s message has been waiting {waited_for} for a reply (limit: "
        "{limit_days}): answer it, briefly if need be, even if the answer is no.",
        "de": "Die Nachricht von {name} wartet seit {waited_for} auf Antwort (Frist: "
        "{limit_days}): Antworten Sie, gern kurz, auch wenn es eine Absage ist.",
    },
    bad=[
        _example(history=[_ev("message", "incoming", id="m-1", text=_MSG_DE)], now=_at(4),
                title="day 4 of 3"),
        _example(history=[_ev("message", "incoming", id="m-1", text=_PITCH_EN)], now=_at(10),
                title="a personal pitch still deserves a short no-thanks"),
    ],
    good=[
        _example(history=[_ev("message", "incoming", id="m-1", text=_MSG_DE)], now=_at(2),
                title="day 2 of 3"),
        _example(history=[
            _ev("message", "incoming", id="m-1", text=_MSG_DE),
            _ev("message", "outgoing", id="m-2", days=1, in_reply_to="m-1",
                text="Guten Tag, gern – rufen Sie mich am Donnerstag an."),
        ], now=_at(10), title="answered on day 1"),
        _example(history=[_ev("message", "incoming", id="m-1", text=_PITCH_EN,
                              context={"mass_mailing": True})], now=_at(10),
                title="a mass mailing (marked by its importer) owes no reply"),
        _example(history=[
            _ev("message", "outgoing", id="m-1", days=-1, text="Danke für den Tipp mit "
                "dem Lübecker Architekturbüro, ich melde mich dort."),
            _ev("message", "incoming", id="m-2", text="Gerne, dir auch alles Gute! 👍"),
        ], now=_at(10), title="a closer owes no reply"),
        _example(history=[_ev("message", "incoming", id="m-1", text=_MSG_DE,
                              context={"sponsored": True})], now=_at(10),
                title="sponsored mail owes no reply"),
        _example(history=[_ev("message", "incoming", id="m-1", text=_MSG_DE,
                              context={"folder": "archive"})], now=_at(10),
                title="an archived conversation is no to-do"),
    ],
)
def unanswered_message(ctx: DueContext[UnansweredOptions]) -> Iterator[DueItem]:
    """Per person, the oldest incoming message that owes a reply (`owes_reply`)
    with no message from the owner to them since; due after more than `days`. A sales
    pitch gets the short no-thanks (`decline_pitch`) as its suggested reply."""
    days = ctx.options.days
    for msg in _unanswered(ctx, days):
        reply = "decline_pitch" if _is_pitch(msg, ctx) else "late_reply"
        yield ctx.report_due(msg, since=msg.at, days=days, reply=reply,
                             **_spans(ctx, msg, msg.at, days))


@due_rule(
    code="KN303",
    name="seen-but-silent",
    summary="An unanswered message whose sender can see that you viewed their profile.",
    why="Seed 002 reminds that premium members can usually tell a mail was read when "
    "its recipient visited their profile: silence after a visit is noticed.",
    source="seed 002 (premium members see visitors)",
    action=Action.REPLY,
    severity=Severity.WARNING,
    weight=1.5,
    options=UnansweredOptions,
    messages={
        "en": "{name}'s message has been waiting {waited_for} for a reply, and you viewed "
        "their profile on {viewed_on}, after it arrived; they can see their visitors, so "
        "they know you have read it: answer.",
        "de": "Die Nachricht von {name} wartet seit {waited_for} auf Antwort, und Sie "
        "haben danach am {viewed_on} das Profil besucht; die Person sieht ihre Besucher "
        "und weiß also, dass Sie die Nachricht gelesen haben: Antworten Sie.",
    },
    bad=_example(
        history=[
            _ev("message", "incoming", id="m-1", text=_MSG_DE, party={"premium": True}),
            _ev("profile_view", "outgoing", id="v-1", days=1),
        ],
        now=_at(4),
        policy={"platforms": {"generic": {"capabilities": {"visitors_visible": True}}}},
        title="viewed on day 1, day 4 of 3, visitors visible",
    ),
    good=[
        _example(
            history=[
                _ev("message", "incoming", id="m-1", text=_MSG_DE, party={"premium": True}),
                _ev("profile_view", "outgoing", id="v-1", days=1),
            ],
            now=_at(4), title="the platform does not show visitors"),
        _example(
            history=[
                _ev("message", "incoming", id="m-1", text=_MSG_DE, party={"premium": True}),
                _ev("profile_view", "outgoing", id="v-1", days=-1),
            ],
            now=_at(4),
            policy={"platforms": {"generic": {"capabilities": {"visitors_visible": True}}}},
            title="the visit was before the message"),
    ],
)
def seen_but_silent(ctx: DueContext[UnansweredOptions]) -> Iterator[DueItem]:
    """As KN302, and the owner viewed the sender's profile at or after the message's
    time, on a platform where the sender's account type (free or premium) sees its
    visitors. An unknown account type or capability is no evidence."""
    days = ctx.options.days
    for msg in _unanswered(ctx, days):
        if ctx.spec.capability(CAP_VISITORS_VISIBLE, msg.sender.premium) is not True:
            continue
        views = list(ctx.history.events(
            platform=ctx.spec.name, kind=Kind.PROFILE_VIEW, direction=Direction.OUTGOING,
            party=msg.sender.id, since=msg.at, until=ctx.now + _dt.timedelta(microseconds=1),
            limit=1))
        if not views:
            continue
        day = views[0].at.date()
        yield ctx.report_due(msg, since=msg.at, days=days, reply="late_reply",
                             viewed=day.isoformat(),
                             viewed_on=_say.date(day, ctx.locale_for(msg)[0]),
                             **_spans(ctx, msg, msg.at, days))


# --------------------------------------------------------------------------- KN304


@attrs.frozen
class ReasonOptions:
    """`days`: how long to wait for the answer to "why do you want to connect?"."""

    days: int = 7


_ASK_DE = ("Guten Tag Herr Keller, danke für Ihre Anfrage. Woher kennen wir uns, und was "
           "ist Ihr Anliegen?")


@due_rule(
    code="KN304",
    name="reason-never-given",
    summary="You asked a requester for their reason and they did not answer: decline.",
    why="The author of seed 003 deletes requests whose senders do not bother to answer "
    "a follow-up question about their reason.",
    source="seed 003",
    action=Action.DECLINE,
    severity=Severity.WARNING,
    weight=1.0,
    options=ReasonOptions,
    messages={
        "en": "You asked {name} {waited_for} ago why they want to connect and have had no "
        "answer (limit: {limit_days}): decline the request.",
        "de": "Sie haben {name} vor {waited_for} nach dem Anlass der Anfrage gefragt und "
        "keine Antwort erhalten (Frist: {limit_days}): Lehnen Sie die Anfrage ab.",
    },
    bad=_example(history=[
        _ev("contact_request", "incoming", id="r-1", note=None,
            party={"id": "u-7", "name": "Tobias Keller"}),
        _ev("message", "outgoing", id="m-1", days=1, in_reply_to="r-1", asks_reason=True,
            text=_ASK_DE, party={"id": "u-7", "name": "Tobias Keller"}),
    ], now=_at(9), title="asked on day 1, day 9: 8 days without answer"),
    good=[
        _example(history=[
            _ev("contact_request", "incoming", id="r-1", note=None,
                party={"id": "u-7", "name": "Tobias Keller"}),
            _ev("message", "outgoing", id="m-1", days=1, in_reply_to="r-1",
                asks_reason=True, text=_ASK_DE, party={"id": "u-7", "name": "Tobias Keller"}),
        ], now=_at(7), title="6 days after asking"),
        _example(history=[
            _ev("contact_request", "incoming", id="r-1", note=None,
                party={"id": "u-7", "name": "Tobias Keller"}),
            _ev("message", "outgoing", id="m-1", days=1, in_reply_to="r-1",
                asks_reason=True, text=_ASK_DE, party={"id": "u-7", "name": "Tobias Keller"}),
            _ev("message", "incoming", id="m-2", days=2, in_reply_to="m-1",
                text="Guten Tag Frau Owner, wir saßen beim Logistik-Forum am selben Tisch.",
                party={"id": "u-7", "name": "Tobias Keller"}),
        ], now=_at(20), title="they answered on day 2"),
    ],
)
def reason_never_given(ctx: DueContext[ReasonOptions]) -> Iterator[DueItem]:
    """For each incoming request that nobody resolved: when the owner's last message to
    its sender since the request asks the reason (`asks_reason` true, or a reply to
    the request itself) and the sender has not written since, it is due more than
    `days` after that question, with the request as the event to decline. (The same
    condition keeps KN301 quiet about the request: the ball is in the sender's court.)"""
    days = ctx.options.days
    cutoff = ctx.now - _dt.timedelta(days=days)
    for req in ctx.history.awaiting(
        platform=ctx.spec.name, kind=Kind.CONTACT_REQUEST, direction=Direction.INCOMING,
        responses=[(Kind.REQUEST_RESOLVED, None)], until=ctx.now, before=cutoff,
    ):
        question = _open_question(ctx, req)
        if question is not None and _older_than(ctx, question.at, days):
            yield ctx.report_due(req, since=question.at, days=days,
                                 reply="decline_no_answer", locale_from=question,
                                 question=question.id,
                                 **_spans(ctx, req, question.at, days, question))


# --------------------------------------------------------------------------- KN305


@attrs.frozen
class QuestionOptions:
    """`days`: how long a question about your reason may wait for your answer."""

    days: int = 2


def asks_why(msg: Any, history: HistoryView | None = None) -> bool:
    """Whether a message asks why the owner made contact: `asks_reason` as the event
    says, or, where that is unknown, a question such as "Woher kennen wir uns?" or "Have
    we met?" in its text (`reason_question`) — read from the
    text only when `history` shows that the owner did make contact first (a request or
    a message to that person before it), so that a stranger's "what is it about Rust?"
    is no such question."""
    if msg.asks_reason is not None:
        return bool(msg.asks_reason)
    if history is None or reason_question(msg.text) is None:
        return False
    return history.count(platform=msg.platform, direction=Direction.OUTGOING,
                         party=msg.sender.id, until=msg.at) > 0


@due_rule(
    code="KN305",
    name="question-unanswered",
    summary="Someone asked why you contacted them and you have not answered.",
    why="Seed 003 asks everyone who gets a follow-up question about their request to "
    "answer it.",
    source="seed 003 §4",
    action=Action.ANSWER,
    severity=Severity.WARNING,
    weight=1.5,
    options=QuestionOptions,
    messages={
        "en": "{name} asked {waited_for} ago why you contacted them and is still waiting "
        "for an answer (limit: {limit_days}): tell them your reason.",
        "de": "{name} hat vor {waited_for} gefragt, warum Sie Kontakt aufgenommen haben, "
        "und wartet noch auf Antwort (Frist: {limit_days}): Nennen Sie Ihren Anlass.",
    },
    bad=[
        _example(history=[
            _ev("contact_request", "outgoing", id="r-1", days=-2, note=None,
                party={"id": "u-3", "name": "Dr. Sabine Roth"}),
            _ev("message", "incoming", id="m-1", asks_reason=True, in_reply_to="r-1",
                party={"id": "u-3", "name": "Dr. Sabine Roth"},
                text="Guten Tag Frau Owner, danke für Ihre Anfrage. Woher kennen wir uns?"),
        ], now=_at(3), title="day 3 of 2"),
        _example(history=[
            _ev("message", "incoming", id="m-1", asks_reason=True,
                party={"id": "u-3", "name": "Sam Carter"},
                text="Hi Jana, thanks for the invite. Have we met? What is it about?"),
        ], now=_at(2, hours=1), title="two days and an hour"),
        _example(history=[
            _ev("contact_request", "outgoing", id="r-1", days=-2, note=None,
                party={"id": "u-3", "name": "Dr. Sabine Roth"}),
            _ev("message", "incoming", id="m-1",
                party={"id": "u-3", "name": "Dr. Sabine Roth"},
                text="Guten Tag, danke für die Anfrage. Helfen Sie mir auf die Sprünge: "
                "Woher kennen wir uns?"),
        ], now=_at(3), title="the question read from the text (asks_reason unknown)"),
    ],
    good=[
        _example(history=[
            _ev("message", "incoming", id="m-1", asks_reason=True,
                party={"id": "u-3", "name": "Sam Carter"},
                text="Hi Jana, thanks for the invite. Have we met? What is it about?"),
        ], now=_at(1), title="day 1 of 2"),
        _example(history=[
            _ev("message", "incoming", id="m-1", asks_reason=True,
                party={"id": "u-3", "name": "Sam Carter"},
                text="Hi Jana, thanks for the invite. Have we met? What is it about?"),
            _ev("message", "outgoing", id="m-2", days=1, party={"id": "u-3"},
                text="Hi Sam, we spoke at the PyCon DE sprint about packaging."),
        ], now=_at(5), title="answered on day 1"),
    ],
)
def question_unanswered(ctx: DueContext[QuestionOptions]) -> Iterator[DueItem]:
    """Per person, the oldest incoming message that asks the owner's reason
    (`asks_why`) with no later message from the owner to them; due after more
    than `days`."""
    days = ctx.options.days
    seen: set[str] = set()
    for msg in ctx.history.awaiting(
        platform=ctx.spec.name, kind=Kind.MESSAGE, direction=Direction.INCOMING,
        responses=[(Kind.MESSAGE, Direction.OUTGOING)], until=ctx.now,
        before=ctx.now - _dt.timedelta(days=days),
    ):
        if not asks_why(msg, ctx.history) or msg.sender.id in seen \
                or not owes_reply(msg, ctx):
            continue
        seen.add(msg.sender.id)
        if _older_than(ctx, msg.at, days):
            yield ctx.report_due(msg, since=msg.at, days=days, reply="answer_reason",
                                 **_spans(ctx, msg, msg.at, days))


# --------------------------------------------------------------------------- KN306


@attrs.frozen
class ThankOptions:
    """`days`: how soon after accepting a request a thank-you should follow."""

    days: int = 2


@due_rule(
    code="KN306",
    name="thank-after-accept",
    summary="You accepted a request and sent nothing: thank them and ask how you can help.",
    why="The trainer in seeds 000/001 always writes back after confirming a request: he "
    "thanks the person and asks what he can do for them or what the request was about.",
    source="seeds 000, 001",
    action=Action.REPLY,
    severity=Severity.INFO,
    weight=0.5,
    options=ThankOptions,
    messages={
        "en": "You accepted {name}'s request {waited_for} ago and have not written to them "
        "since (limit: {limit_days}): thank them and ask how you can help.",
        "de": "Sie haben die Anfrage von {name} vor {waited_for} bestätigt und sich "
        "seitdem nicht gemeldet (Frist: {limit_days}): Bedanken Sie sich und fragen Sie, "
        "wie Sie helfen können.",
    },
    bad=_example(history=[
        _ev("contact_request", "incoming", id="r-1", days=-1, note=None),
        _ev("request_resolved", "outgoing", id="a-1", request="r-1", outcome="accepted"),
    ], now=_at(3), title="day 3 of 2"),
    good=[
        _example(history=[
            _ev("contact_request", "incoming", id="r-1", days=-1, note=None),
            _ev("request_resolved", "outgoing", id="a-1", request="r-1", outcome="accepted"),
        ], now=_at(1), title="day 1 of 2"),
        _example(history=[
            _ev("request_resolved", "outgoing", id="a-1", request="r-1", outcome="accepted"),
            _ev("message", "outgoing", id="m-1", hours=3,
                text="Hallo Alex, danke für die Anfrage! Womit kann ich dich unterstützen?"),
        ], now=_at(5), title="thanked the same day"),
        _example(history=[
            _ev("request_resolved", "outgoing", id="a-1", request="r-1", outcome="declined"),
        ], now=_at(5), title="declined, not accepted"),
    ],
)
def thank_after_accept(ctx: DueContext[ThankOptions]) -> Iterator[DueItem]:
    """An acceptance by the owner (`request_resolved`, outgoing, `accepted`) with no
    later message from the owner to the requester; due after more than `days`."""
    days = ctx.options.days
    for res in ctx.history.awaiting(
        platform=ctx.spec.name, kind=Kind.REQUEST_RESOLVED, direction=Direction.OUTGOING,
        responses=[(Kind.MESSAGE, Direction.OUTGOING)], until=ctx.now,
        before=ctx.now - _dt.timedelta(days=days),
    ):
        if (not isinstance(res, RequestResolved) or res.outcome is not Outcome.ACCEPTED
                or not _older_than(ctx, res.at, days)):
            continue
        # The thank-you answers their request: write it in that note's language and form.
        request = ctx.history.get(res.platform, res.request)
        yield ctx.report_due(res, since=res.at, days=days, reply="thank_after_accept",
                             locale_from=request, **_spans(ctx, res, res.at, days))


# --------------------------------------------------------------------------- KN307


@attrs.frozen
class NetworkSizeOptions:
    """`max`: more contacts than one can keep up with (none by default); `min`:
    fewer than the policy wants (none by default). Both unset: the rule is silent."""

    max: int | None = None
    min: int | None = None


@due_rule(
    code="KN307",
    name="network-size",
    summary="Your own network is beyond what you can keep up with, or below your minimum.",
    why="Seed 004 holds that, recruiters aside, nobody can sensibly build more than a few "
    "hundred contacts; a reader comment on seed 002 counters that a network of fewer "
    "than 500 does not pay off. The policy picks a side (presets: selective, open).",
    source="seed 004; seed 002 (comments)",
    action=Action.SLOW_DOWN,
    severity=Severity.INFO,
    weight=0.5,
    options=NetworkSizeOptions,
    messages={
        "en": "Your network on {platform} has {count_shown} contacts, more than the "
        "{limit_shown} your policy considers manageable: slow down, and accept and send "
        "fewer requests.",
        "de": "Ihr Netzwerk auf {platform} hat {count_shown} Kontakte, mehr als die "
        "{limit_shown}, die Ihre Richtlinie für pflegbar hält: Treten Sie kürzer, nehmen "
        "Sie weniger Anfragen an und verschicken Sie weniger.",
        "en.min": "Your network on {platform} has {count_shown} contacts, fewer than the "
        "{limit_shown} your policy aims for: accept more requests and reach out to people "
        "you meet.",
        "de.min": "Ihr Netzwerk auf {platform} hat {count_shown} Kontakte, weniger als die "
        "{limit_shown}, die Ihre Richtlinie anstrebt: Nehmen Sie mehr Anfragen an und "
        "sprechen Sie Menschen an, die Sie treffen.",
    },
    bad=[
        _example(history=[_ev("contact_request", "outgoing", id="r-1",
                             me={"contact_count": 1200},
                             note="Hallo Herr Vogt, danke für das Gespräch auf der Messe.")],
                now=_at(1), policy={"rules": {"network-size": {"max": 500}}},
                title="1,200 contacts, max 500"),
        _example(history=[_ev("contact_request", "outgoing", id="r-1",
                             me={"contact_count": 120},
                             note="Hi Sam, great meeting you at the AWS summit.")],
                now=_at(1), policy={"rules": {"network-size": {"min": 500}}},
                title="120 contacts, min 500"),
    ],
    good=[
        _example(history=[_ev("contact_request", "outgoing", id="r-1",
                             me={"contact_count": 1200},
                             note="Hallo Herr Vogt, danke für das Gespräch auf der Messe.")],
                now=_at(1), title="no limits set (the default)"),
        _example(history=[_ev("contact_request", "outgoing", id="r-1",
                             me={"contact_count": 450},
                             note="Hallo Herr Vogt, danke für das Gespräch auf der Messe.")],
                now=_at(1), policy={"rules": {"network-size": {"max": 500, "min": 300}}},
                title="450 contacts within 300..500"),
    ],
)
def network_size(ctx: DueContext[NetworkSizeOptions]) -> DueItem | None:
    """The owner's contact count on the platform: as last seen on the owner's profile
    in the history (an outgoing event's sender, an incoming event's recipient), else
    the policy's `[owner] contact_count`. Unknown count: silent."""
    opts = ctx.options
    if opts.max is None and opts.min is None:
        return None
    count = ctx.history.owner_contact_count(platform=ctx.spec.name,
                                            until=ctx.now + _dt.timedelta(microseconds=1))
    if count is None and ctx.owner is not None:
        count = ctx.owner.contact_count
    if count is None:
        return None
    locale = ctx.locale_for(None)[0]
    platform = ctx.spec.title or ctx.spec.name
    if opts.max is not None and count > opts.max:
        return ctx.report_due(None, since=ctx.now, count=count, limit=opts.max,
                              platform=platform, count_shown=_say.number(count, locale),
                              limit_shown=_say.number(opts.max, locale))
    if opts.min is not None and count < opts.min:
        return ctx.report_due(None, since=ctx.now, count=count, limit=opts.min,
                              platform=platform, count_shown=_say.number(count, locale),
                              limit_shown=_say.number(opts.min, locale),
                              action=None, message_key="min")
    return None


#: The rules of this module, in code order.
RULES = (mass_template, pending_too_long, unanswered_message, seen_but_silent,
         reason_never_given, question_unanswered, thank_after_accept, network_size)
