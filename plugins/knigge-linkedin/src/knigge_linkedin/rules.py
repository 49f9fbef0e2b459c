"""The LinkedIn rules (LI4xx): the platform's hard limits and its "I don't know this
person" enforcement, on top of the generic KN rules.

The limits come from `knigge_linkedin.spec.LINKEDIN` through `ctx.limit(...)`, so
a policy that changes a limit changes what these rules check. Unknown facts (`None`)
are no evidence: each rule is silent when the fact it needs is unknown.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import attrs
from knigge_engine import (
    CAP_REQUEST_NOTE,
    Action,
    ContactRequest,
    Direction,
    Event,
    HistoryView,
    Kind,
    RuleContext,
    RuleResult,
    Severity,
    rule,
    say,
)
from knigge_engine.builders import make_event

from .spec import (
    INVITATIONS_PER_WEEK,
    MAX_CONNECTIONS,
    NOTE_MAX_CHARS,
    PERSONALIZED_NOTES_PER_MONTH,
)

__all__ = [
    "RULES",
    "connection_cap",
    "note_over_limit",
    "note_quota",
    "request",
    "unknown_invitee",
    "weekly_invitation_limit",
]

PLATFORM = "linkedin"
_AT = "2026-11-02T09:15:00+01:00"
OUT = (Direction.OUTGOING,)
REQUEST = (Kind.CONTACT_REQUEST,)


def request(
    direction: str,
    note: str | None,
    *,
    sender: dict[str, Any] | None = None,
    recipient: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    id: str = "li-ex-1",
    at: str = _AT,
) -> dict[str, Any]:
    """A LinkedIn invitation in the event contract's JSON shape, for examples and tests.
    The owner is `me` (Jana Owner), the other party `u-1` (Alex Example)."""
    extra: dict[str, Any] = {"context": context} if context else {}
    return make_event("contact_request", direction, platform=PLATFORM,
                      owner={"id": "me", "name": "Jana Owner"},
                      other={"id": "u-1", "name": "Alex Example"}, sender=sender,
                      recipient=recipient, id=id, at=at, note=note, **extra)


def _numbers(ctx: RuleContext[Any], evidence: dict[str, Any], *keys: str) -> dict[str, str]:
    """The `keys` of `evidence` grouped by the locale ("4.820"), for `ctx.report(shown=...)`."""
    return {k: ctx.number(evidence[k]) for k in keys}


def _account(premium: bool | None) -> str:
    return {True: "Premium", False: "free", None: "unknown"}[premium]


# --------------------------------------------------------------------------- LI401

# Realistic notes for the examples, measured: 230 and 237 characters.
_NOTE_DE_230 = (
    "Hallo Frau Albers, ich bin Produktmanagerin bei einem Kieler Softwarehaus und habe "
    "Ihren Vortrag über barrierefreie Formulare beim UX-Stammtisch Hamburg gehört. Ich "
    "würde mich gern vernetzen und mich zu Prüfwerkzeugen austauschen."
)
_NOTE_EN_237 = (
    "Hi Daniel, I'm a data engineer at a logistics company in Rotterdam. I read your "
    "post on testing Airflow DAGs with pytest and tried the fixture pattern on our "
    "pipelines; it caught two bugs in a week. I'd be glad to connect and swap notes."
)
_NOTE_DE_SHORT = (
    "Hallo Frau Albers, ich bin Produktmanagerin in Kiel und habe Ihren Vortrag beim "
    "UX-Stammtisch Hamburg gehört. Ich würde mich gern vernetzen."
)


@rule(
    code="LI401",
    platforms=["linkedin"],
    name="linkedin-note-over-limit",
    summary="The invitation note is longer than LinkedIn accepts for the account type.",
    why="LinkedIn caps the note of an invitation: 200 characters on a free account, "
    "300 on Premium (platform facts: lettercounter.org, notes of exactly 300 "
    "characters seen in practice). A longer note is refused or cut off, so the "
    "recipient never reads the reason and self-introduction the seeds ask for "
    "(seeds 002 a, 003 §1-2).",
    source="PLATFORMS.md LinkedIn note_max_chars; seeds 002 (a), 003",
    kinds=REQUEST,
    directions=OUT,
    requires=[CAP_REQUEST_NOTE],
    severity=Severity.ERROR,
    weight=3.0,
    action=Action.REVISE,
    messages={
        "en": "The note has {chars} characters; LinkedIn accepts {limit} for a {account} "
        "account: cut {over}.",
        "de": "Die Notiz hat {chars} Zeichen; LinkedIn nimmt bei einem {account_de} "
        "höchstens {limit} an: Kürzen Sie um {over} Zeichen.",
        "en.unknown": "The note has {chars} characters; LinkedIn accepts at most {limit} "
        "even on Premium (free accounts: fewer): cut {over}.",
        "de.unknown": "Die Notiz hat {chars} Zeichen; LinkedIn nimmt selbst mit Premium "
        "höchstens {limit} an (kostenlose Konten: weniger): Kürzen Sie um {over} Zeichen.",
    },
    bad=[
        request("outgoing", _NOTE_DE_230, sender={"premium": False}),
        request("outgoing", _NOTE_EN_237, sender={"premium": False}),
        request("outgoing", _NOTE_EN_237 + " " + _NOTE_DE_SHORT, sender={"premium": True}),
    ],
    good=[
        request("outgoing", _NOTE_DE_230, sender={"premium": True}),
        request("outgoing", _NOTE_DE_SHORT, sender={"premium": False}),
    ],
)
def note_over_limit(event: ContactRequest, ctx: RuleContext[None]) -> RuleResult:
    """Fires when an outgoing invitation's note has more characters than the platform's
    `note_max_chars` limit for the sender's account type (200 free, 300 Premium by
    default). Characters are Unicode code points, so "ü" and "ß" count once. With an
    unknown account type the Premium limit is used: a note that fits Premium may still
    be too long for a free account, and that is not reported as a guess."""
    note = event.note
    if note is None:
        return None
    limit = ctx.limit(NOTE_MAX_CHARS)
    if limit is None:
        return None
    chars = len(note)
    if chars <= limit:
        return None
    account = _account(ctx.premium)
    over = chars - limit
    evidence: dict[str, Any] = {
        "chars": chars, "limit": limit, "over": over, "account": account,
        "account_de": {"Premium": "Premium-Konto", "free": "kostenlosen Konto"}.get(account, ""),
    }
    shown = _numbers(ctx, evidence, "chars", "limit", "over")
    if ctx.locale != "de":
        shown["over"] += " character" if over == 1 else " characters"
    return ctx.report(shown=shown, span=(limit, chars),
                      message_key="unknown" if ctx.premium is None else None, **evidence)


# --------------------------------------------------------------------------- LI402

_WEEK = _dt.timedelta(days=7)


def month_start(at: _dt.datetime) -> _dt.datetime:
    """The start of `at`'s calendar month in `at`'s own UTC offset: LinkedIn's
    monthly note quota counts from there (docs/platforms/linkedin.md)."""
    return at.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _earlier(n: int, *, note: bool, start: str = "2026-11-02T09:15:00+01:00",
             step_hours: int = 5) -> list[dict[str, Any]]:
    """`n` earlier outgoing invitations, `step_hours` apart, ending before `start`:
    the history of the LI402/LI403 examples."""
    end = _dt.datetime.fromisoformat(start)
    names = ("Lena Hoffmann", "Omar Haddad", "Chloe Martin", "Felix Wagner", "Mia Svensson",
             "Noah Becker", "Ava Rossi", "Jonas Keller", "Lea Novak", "Ben Clarke")
    out = []
    for i in range(n):
        at = end - _dt.timedelta(hours=step_hours * (i + 1))
        name = names[i % len(names)]
        text = (f"Hallo {name.split()[0]}, wir haben uns beim Meetup in Kiel gesehen."
                if note else None)
        out.append(request("outgoing", text, id=f"li-hist-{i}", at=at.isoformat(),
                           recipient={"id": f"h-{i}", "name": name}))
    return out


@attrs.frozen
class WeeklyInvitationLimitOptions:
    """Options of LI402."""

    #: Share of `invitations_per_week` from which the rule warns (0.8 = 80 %).
    warn_ratio: float = 0.8


_SMALL_WEEK = {"platforms": {"linkedin": {"limits": {"invitations_per_week": 5}}}}


@rule(
    code="LI402",
    platforms=["linkedin"],
    name="weekly-invitation-limit",
    summary="Outgoing invitations in the last 7 days reach LinkedIn's weekly limit.",
    why="LinkedIn limits how many invitations an account may send per week (about 100; "
    "the number is not published, PLATFORMS.md); beyond it further invitations are "
    "blocked until the week has passed. Sending that many is also the mass approach the "
    "seeds warn against: contacts collected in bulk are contacts nobody keeps up with "
    "(seed 004), and every request should have its own reason (seed 003).",
    source="PLATFORMS.md LinkedIn invitations_per_week; seeds 003, 004",
    kinds=REQUEST,
    directions=OUT,
    weight=1.0,
    options=WeeklyInvitationLimitOptions,
    needs_history=True,
    messages={
        "en": "This is invitation {count} within 7 days; LinkedIn allows about {limit} a "
        "week. Slow down: {left} until {until}.",
        "de": "Dies ist die {count}. Einladung innerhalb von 7 Tagen; LinkedIn erlaubt "
        "etwa {limit} pro Woche. Treten Sie kürzer: {left} bis zum {until}.",
        "en.over": "This would be invitation {count} within 7 days; LinkedIn allows about "
        "{limit} a week and blocks the rest: wait until {until}.",
        "de.over": "Dies wäre die {count}. Einladung innerhalb von 7 Tagen; LinkedIn "
        "erlaubt etwa {limit} pro Woche und blockiert den Rest: Warten Sie bis zum "
        "{until}.",
    },
    bad=[
        {"event": request("outgoing", "Hi Sam, great to meet you at the DevOps Days in "
                          "Amsterdam. I'm an SRE at a bank."),
         "history": _earlier(4, note=True), "policy": _SMALL_WEEK,
         "title": "the 5th invitation in a week with the limit set to 5"},
        {"event": request("outgoing", "Hallo Herr Kühn, schön, dass wir uns beim IHK-Abend "
                          "in Lübeck getroffen haben. Ich bin Vertriebsleiter in Kiel."),
         "history": _earlier(5, note=False), "policy": _SMALL_WEEK,
         "title": "one more than the (lowered) weekly limit"},
    ],
    good=[
        {"event": request("outgoing", "Hi Sam, great to meet you at the DevOps Days in "
                          "Amsterdam. I'm an SRE at a bank."),
         "history": _earlier(2, note=True), "policy": _SMALL_WEEK,
         "title": "the 3rd invitation in a week with the limit set to 5"},
        {"event": request("outgoing", "Hi Sam, great to meet you at the DevOps Days in "
                          "Amsterdam. I'm an SRE at a bank."),
         "history": _earlier(6, note=True, step_hours=60), "policy": _SMALL_WEEK,
         "title": "six earlier invitations, but only two of them in the last 7 days"},
    ],
)
def weekly_invitation_limit(
    event: ContactRequest, ctx: RuleContext[WeeklyInvitationLimitOptions]
) -> RuleResult:
    """Counts the outgoing invitations on the platform in the 7 days before this one
    (from the history) and adds this one. Warns from `warn_ratio` × the
    `invitations_per_week` limit; over the limit the finding is an error (unless the
    policy lowered the rule to `info`) and proposes `dont_send`. Silent without a
    history."""
    history = ctx.history
    limit = ctx.limit(INVITATIONS_PER_WEEK)
    if history is None or limit is None or limit <= 0:
        return None
    since = event.at - _WEEK
    earlier = history.count_outgoing_requests(event.platform, since, event.at)
    count = earlier + 1
    if count < ctx.options.warn_ratio * limit:
        return None
    # The oldest invitation in the window leaves it 7 days after it was sent.
    until = _first_in_window(history, event, since)
    if until is None:
        until = event.at  # no earlier one in the window: this one is the oldest
    until_day = (until + _WEEK).date()
    left = max(limit - count, 0)
    evidence: dict[str, Any] = {"count": count, "limit": limit, "left": left,
                "until": until_day.isoformat()}
    shown = {**_numbers(ctx, evidence, "count", "limit"),
             "left": _left(left, ctx.locale),
             "until": ctx.date(until_day)}
    if count <= limit:
        return ctx.report(shown=shown, **evidence)
    finding = ctx.report(shown=shown, message_key="over", action=Action.DONT_SEND, **evidence)
    if finding.severity is Severity.WARNING:
        finding = attrs.evolve(finding, severity=Severity.ERROR)
    return finding


def _left(left: int, locale: str) -> str:
    """What is left, as LI402/LI403 say it: "3 left"/"none left", "noch 3"/"keine mehr"."""
    if locale == "de":
        return f"noch {say.number(left, locale)}" if left else "keine mehr"
    return f"{say.number(left, locale)} left" if left else "none left"


def _first_in_window(history: HistoryView, event: Event,
                     since: _dt.datetime) -> _dt.datetime | None:
    for first in history.events(platform=event.platform, kind=Kind.CONTACT_REQUEST,
                                direction=Direction.OUTGOING, since=since, until=event.at,
                                limit=1):
        return first.at
    return None


# --------------------------------------------------------------------------- LI403


@attrs.frozen
class NoteQuotaOptions:
    """Options of LI403."""

    #: Share of `personalized_notes_per_month` from which the rule warns (0.8 = 80 %).
    warn_ratio: float = 0.8


@rule(
    code="LI403",
    platforms=["linkedin"],
    name="note-quota",
    summary="A free account has used (or nearly used) its personalised notes for the "
    "month.",
    why="On a free LinkedIn account only a few invitations a month may carry a "
    "personal note (5, LinkedIn help a550555); after that invitations go out bare. "
    "A request without a note is exactly what the seeds object to (seeds 000, 001, "
    "003), so spend the notes on the contacts that matter most, or write a message "
    "instead.",
    source="PLATFORMS.md LinkedIn personalized_notes_per_month (help a550555); seeds "
    "000, 001, 003",
    kinds=REQUEST,
    directions=OUT,
    requires=[CAP_REQUEST_NOTE],
    weight=1.0,
    options=NoteQuotaOptions,
    needs_history=True,
    messages={
        "en": "This is personalised note {count} of {limit} this month on a free "
        "account: {left} until {next_month}. Keep them for the contacts that "
        "matter most.",
        "de": "Dies ist die {count}. von {limit} persönlichen Notizen in diesem Monat "
        "(kostenloses Konto): {left} bis zum {next_month}. Heben Sie sie für die "
        "wichtigsten Kontakte auf.",
        "en.over": "You have used all {limit} personalised notes of this month on a free "
        "account ({used} sent): LinkedIn will not send this note. Wait until "
        "{next_month}, or write a message once you are connected.",
        "de.over": "Sie haben alle {limit} persönlichen Notizen dieses Monats verbraucht "
        "({used} gesendet, kostenloses Konto): LinkedIn verschickt diese Notiz nicht. "
        "Warten Sie bis zum {next_month}, oder schreiben Sie nach dem Vernetzen eine "
        "Nachricht.",
    },
    bad=[
        {"event": request("outgoing", "Hallo Frau Jung, wir haben uns beim Barcamp "
                          "Kiel kennengelernt. Ich bin Entwicklerin bei einer Reederei.",
                          sender={"premium": False}),
         "history": _earlier(5, note=True),
         "title": "the 6th note of the month on a free account"},
        {"event": request("outgoing", "Hi Erin, we met at the Cloud Summit in Dublin. "
                          "I'm a platform engineer at a bank.", sender={"premium": False}),
         "history": _earlier(3, note=True),
         "title": "the 4th of 5 notes: a warning"},
    ],
    good=[
        {"event": request("outgoing", "Hallo Frau Jung, wir haben uns beim Barcamp "
                          "Kiel kennengelernt. Ich bin Entwicklerin bei einer Reederei.",
                          sender={"premium": True}),
         "history": _earlier(5, note=True),
         "title": "Premium: no monthly quota"},
        {"event": request("outgoing", "Hi Erin, we met at the Cloud Summit in Dublin. "
                          "I'm a platform engineer at a bank.", sender={"premium": False}),
         "history": _earlier(6, note=False),
         "title": "earlier invitations without notes do not use the quota"},
        {"event": request("outgoing", None, sender={"premium": False}),
         "history": _earlier(5, note=True),
         "title": "no note on this invitation: the quota does not matter"},
    ],
)
def note_quota(event: ContactRequest, ctx: RuleContext[NoteQuotaOptions]) -> RuleResult:
    """For an outgoing invitation with a (non-blank) note, counts the notes sent on the
    platform since the start of the calendar month (in the event's own UTC offset) and
    adds this one. Warns from `warn_ratio` × the `personalized_notes_per_month`
    limit; over the limit the finding is an error (unless the policy lowered the rule to
    `info`). Silent without a history, on Premium (no limit), and when the account
    type is unknown (the permissive, unlimited value applies)."""
    history = ctx.history
    if history is None or event.note is None or not event.note.strip():
        return None
    limit = ctx.limit(PERSONALIZED_NOTES_PER_MONTH)
    if limit is None or limit <= 0:
        return None
    used = history.count(platform=event.platform, kind=Kind.CONTACT_REQUEST,
                         direction=Direction.OUTGOING, since=month_start(event.at),
                         until=event.at, with_note=True)
    count = used + 1
    if count < ctx.options.warn_ratio * limit:
        return None
    at = event.at
    first_next = (at.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
    evidence: dict[str, Any] = {"count": count, "used": used, "limit": limit,
                "left": max(limit - count, 0), "next_month": first_next.date().isoformat()}
    shown = {**_numbers(ctx, evidence, "count", "used", "limit"),
             "left": _left(evidence["left"], ctx.locale),
             "next_month": ctx.date(first_next.date())}
    if count <= limit:
        return ctx.report(shown=shown, **evidence)
    finding = ctx.report(shown=shown, message_key="over", **evidence)
    if finding.severity is Severity.WARNING:
        finding = attrs.evolve(finding, severity=Severity.ERROR)
    return finding


# --------------------------------------------------------------------------- LI404


@attrs.frozen
class UnknownInviteeOptions:
    """Options of LI404."""

    #: Degree from which a recipient counts as outside your network (3 = 3rd degree
    #: and beyond).
    min_degree: int = 3


@rule(
    code="LI404",
    platforms=["linkedin"],
    name="unknown-invitee",
    summary="An invitation to someone you share nothing with invites an \"I don't know "
    "this person\" answer, which restricts your account.",
    why="On LinkedIn the recipient of an invitation can answer that they do not know "
    "the sender; such answers count against the sender and can lead LinkedIn to "
    "restrict their invitations (LinkedIn help 1303). The etiquette says the same: "
    "without any earlier contact, do not connect directly (seed 002 b), and give a "
    "reason with every request (seed 003).",
    source="LinkedIn help 1303 (PLATFORMS.md ignore_notifies_sender); seeds 002 (b), 003",
    kinds=REQUEST,
    directions=OUT,
    weight=1.0,
    options=UnknownInviteeOptions,
    messages={
        "en": "You have never been in touch with {name} ({link}), and the note names no "
        "shared context: an “I don’t know this person” answer counts against your "
        "account. Say where you know them from, or write a message first.",
        "de": "Sie hatten noch keinen Kontakt mit {name} ({link_de}), und die Notiz nennt "
        "keinen gemeinsamen Bezug: Die Antwort „Ich kenne diese Person nicht“ zählt "
        "gegen Ihr Konto. Nennen Sie, woher Sie sich kennen, oder schreiben Sie "
        "zuerst eine Nachricht.",
    },
    bad=[
        request("outgoing", "Hi Ole, I'd like to add you to my professional network.",
                recipient={"name": "Ole Jensen", "degree": 3, "prior_contact": False,
                           "mutual_contacts": 0}),
        request("outgoing", None,
                recipient={"name": "Greta Vogel", "prior_contact": False,
                           "mutual_contacts": 0}),
        request("outgoing", "Hallo Frau Vogel, ich bin Steuerberaterin in Lübeck und "
                "möchte mich gern mit Ihnen vernetzen.",
                recipient={"name": "Greta Vogel", "degree": 3, "prior_contact": False}),
    ],
    good=[
        request("outgoing", "Hi Ole, we met at the Nordic Fintech Week in Copenhagen "
                "last month. I'm a product manager at a payments start-up.",
                recipient={"name": "Ole Jensen", "degree": 3, "prior_contact": False,
                           "mutual_contacts": 0}),
        request("outgoing", "Hallo Frau Vogel, ich bin Steuerberaterin in Lübeck und "
                "möchte mich gern mit Ihnen vernetzen.",
                recipient={"name": "Greta Vogel", "degree": 2, "prior_contact": False,
                           "mutual_contacts": 4}),
        request("outgoing", None,
                recipient={"name": "Greta Vogel", "degree": 3, "prior_contact": True}),
    ],
)
def unknown_invitee(event: ContactRequest, ctx: RuleContext[UnknownInviteeOptions]) -> RuleResult:
    """Fires for an outgoing invitation when `prior_contact` is known to be false, the
    recipient is outside your network (degree `min_degree` or more, or known to share
    no contact with you), and neither the note nor `context.met_at` names a shared
    context. Silent when the prior contact or both degree and mutual contacts are
    unknown."""
    other = event.recipient
    if other.prior_contact is not False:
        return None
    far = other.degree is not None and other.degree >= ctx.options.min_degree
    isolated = other.mutual_contacts == 0
    if not (far or isolated):
        return None
    if other.mutual_contacts and other.mutual_contacts > 0:
        return None
    if event.context and event.context.get("met_at"):
        return None
    # Only a shared context counts (praise of their work does not make you known to
    # them); a note the heuristics cannot read is no evidence.
    if ctx.text is not None and (ctx.text.shared or not ctx.text.readable):
        return None
    if other.degree is not None:
        link = f"{say.ordinal_en(other.degree)}-degree contact"
        link_de = f"Kontakt {other.degree}. Grades"
    else:
        link, link_de = "no mutual connections", "keine gemeinsamen Kontakte"
    if other.degree is not None and other.mutual_contacts == 0:
        link += ", no mutual connections"
        link_de += ", keine gemeinsamen Kontakte"
    return ctx.report(name=other.name or other.id, link=link, link_de=link_de,
                      degree=other.degree, mutual=other.mutual_contacts)


# --------------------------------------------------------------------------- LI405


@attrs.frozen
class ConnectionCapOptions:
    """Options of LI405."""

    #: Share of `max_connections` from which the rule warns (0.95 = 95 %).
    warn_ratio: float = 0.95


@rule(
    code="LI405",
    platforms=["linkedin"],
    name="connection-cap",
    summary="The owner is at or near LinkedIn's maximum number of connections.",
    why="LinkedIn allows at most 30,000 first-degree connections (help a551012); at the "
    "cap no invitation can be sent or accepted until connections are removed, while "
    "people can still follow you. The seeds add that beyond a few hundred contacts "
    "nobody keeps up with their network (seed 004), so a network this size is a "
    "collection rather than relationships.",
    source="PLATFORMS.md LinkedIn max_connections (help a551012); seed 004",
    kinds=REQUEST,
    weight=1.0,
    options=ConnectionCapOptions,
    messages={
        "en": "You have {count} connections, {percent}% of LinkedIn's maximum of {limit}: "
        "room for only {left} more. Prune connections you no longer keep up with.",
        "de": "Sie haben {count} Kontakte, {percent} % der Höchstzahl von {limit} bei "
        "LinkedIn: Platz für nur noch {left} weitere. Trennen Sie sich von Kontakten, die "
        "Sie nicht mehr pflegen.",
        "en.full_outgoing": "You have {count} connections and LinkedIn's maximum is "
        "{limit}: this invitation cannot be accepted. Remove connections first, or let "
        "the person follow you instead.",
        "de.full_outgoing": "Sie haben {count} Kontakte, die Höchstzahl bei LinkedIn ist "
        "{limit}: Diese Einladung kann nicht angenommen werden. Entfernen Sie erst "
        "Kontakte, oder lassen Sie die Person Ihnen folgen.",
        "en.full_incoming": "You have {count} connections and LinkedIn's maximum is "
        "{limit}: you cannot accept this invitation without removing a connection "
        "first.",
        "de.full_incoming": "Sie haben {count} Kontakte, die Höchstzahl bei LinkedIn ist "
        "{limit}: Sie können diese Einladung erst annehmen, wenn Sie einen Kontakt "
        "entfernt haben.",
    },
    bad=[
        request("outgoing", "Hi Sam, great to meet you at the DevOps Days in Amsterdam "
                "yesterday. I'm an SRE at a bank.", sender={"contact_count": 29_000}),
        request("outgoing", "Hallo Herr Kühn, schön, dass wir uns beim IHK-Abend in "
                "Lübeck getroffen haben. Ich bin Vertriebsleiter in Kiel.",
                sender={"contact_count": 30_000}),
        request("incoming", "Hi Jana, I enjoyed your talk at the Berlin Product Meetup.",
                recipient={"contact_count": 29_990}),
    ],
    good=[
        request("outgoing", "Hi Sam, great to meet you at the DevOps Days in Amsterdam "
                "yesterday. I'm an SRE at a bank.", sender={"contact_count": 28_400}),
        request("incoming", "Hi Jana, I enjoyed your talk at the Berlin Product Meetup.",
                recipient={"contact_count": 850}),
    ],
)
def connection_cap(event: ContactRequest, ctx: RuleContext[ConnectionCapOptions]) -> RuleResult:
    """Fires on invitations (outgoing and incoming) when the owner has at least
    `warn_ratio` × `max_connections` connections. The count is the owner's side of
    the event (the sender of an outgoing invitation, the recipient of an incoming one)
    or, when the event does not carry it, the policy's `[owner] contact_count`.

    At the cap the finding becomes an error (unless the policy lowered the rule to
    `info`), and on an outgoing invitation it proposes `dont_send`."""
    me = event.sender if event.direction is Direction.OUTGOING else event.recipient
    count = me.contact_count
    if count is None and ctx.owner is not None:
        count = ctx.owner.contact_count
    limit = ctx.limit(MAX_CONNECTIONS)
    if count is None or limit is None or limit <= 0:
        return None
    if count < ctx.options.warn_ratio * limit:
        return None
    evidence: dict[str, Any] = {"count": count, "limit": limit, "left": max(limit - count, 0),
                "percent": int(100 * count / limit)}
    shown = _numbers(ctx, evidence, "count", "limit", "left")
    if count < limit:
        return ctx.report(shown=shown, **evidence)
    outgoing = event.direction is Direction.OUTGOING
    finding = ctx.report(
        shown=shown,
        message_key="full_outgoing" if outgoing else "full_incoming",
        action=Action.DONT_SEND if outgoing else None,
        **evidence,
    )
    if finding.severity is Severity.WARNING:
        finding = attrs.evolve(finding, severity=Severity.ERROR)
    return finding


RULES = (note_over_limit, weekly_invitation_limit, note_quota, unknown_invitee, connection_cap)
