"""The numbers of a report, gathered from one run: pure Python, no optional dependency.

`collect` reads the located events and input errors of a run (what
`read_paths` yields with `located=True`), assesses each against
the run's history, and keeps what the page shows: the summary (per action, per rule, the
period, rejected input grouped by reason), the series behind the plots, the
follow-through to-do list and a capped list of per-event details. The charts and the
HTML are made from a `ReportData` by `knigge_engine.report.render`.

Texts (notes, messages, names) are personal data: they go into the report file only, and
a detail shows at most `TEXT_LIMIT` characters of a text.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from ..history import HistoryView, normalise_note, note_of
from ..io import InputError, Located
from ..model import (
    ContactRequest,
    Direction,
    Event,
    Kind,
    Message,
    RequestResolved,
    Severity,
)

__all__ = [
    "MAX_EVENTS",
    "TEXT_LIMIT",
    "DueGroup",
    "EventDetail",
    "RejectedGroup",
    "ReportData",
    "RuleCount",
    "Template",
    "collect",
    "elide",
]

#: Per-event details listed at most (newest first); the rest are counted, so that a large
#: export still makes a report of a few MB.
MAX_EVENTS = 1000
#: Characters of a note, message or reply a detail shows at most.
TEXT_LIMIT = 2000
#: Characters of a name shown at most (names are free text on every network).
NAME_LIMIT = 120
#: Characters of a template's example excerpt.
EXCERPT_LIMIT = 40
#: Due items listed at most per rule (the horizon usually keeps it far below).
MAX_DUE_PER_RULE = 200
#: How alike two flagged notes must be to count as one template (KN110's default).
TEMPLATE_SIMILARITY = 0.9

#: The note-quality classes of the acceptance plot, in order.
QUALITIES = ("no note", "note with findings", "clean note")
#: Outcomes of an outgoing request, in order.
OUTCOMES = ("accepted", "declined", "withdrawn", "pending")
#: Reply-time buckets: (label, upper bound in hours, exclusive).
REPLY_BUCKETS: tuple[tuple[str, float], ...] = (
    ("within a day", 24), ("1–3 days", 72), ("3–7 days", 168), ("1–4 weeks", 672),
    ("over 4 weeks", float("inf")),
)
NO_REPLY = "no reply (yet)"
#: Age buckets of pending items: (label, upper bound in days, exclusive).
AGE_BUCKETS: tuple[tuple[str, float], ...] = (
    ("under 1 week", 7), ("1–4 weeks", 28), ("1–3 months", 91), ("3–12 months", 365),
    ("over a year", float("inf")),
)


def elide(text: str | None, limit: int) -> str:
    """`text` cut to `limit` characters, ending with "…" when cut."""
    if text is None:
        return ""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


@attrs.frozen
class RuleCount:
    """How many findings of one rule the run had, and the rule's glossary entry."""

    code: str
    name: str
    severity: str
    count: int
    summary: str = ""


@attrs.frozen
class RejectedGroup:
    """Input rejected for one reason: how many, from which files, where (first few)."""

    reason: str
    count: int
    sources: tuple[str, ...]
    locations: tuple[str, ...]


@attrs.frozen
class Template:
    """One templated batch (notes that KN110 flagged, alike enough to be one template)."""

    label: str
    recipients: int
    first: _dt.datetime
    last: _dt.datetime
    excerpt: str

    @property
    def span_days(self) -> int:
        return (self.last - self.first).days


@attrs.frozen
class EventDetail:
    """One event's collapsed detail."""

    at: _dt.datetime
    source: str
    event: str
    platform: str
    kind: str
    direction: str
    party: str
    action: str | None
    score: float
    findings: tuple[tuple[str, str, str, str], ...]  # code, name, severity, message
    text: str
    text_cut: bool
    reply: str | None


@attrs.frozen
class DueGroup:
    """The to-do items of one rule, newest first."""

    code: str
    name: str
    items: tuple[Any, ...]
    total: int

    @property
    def capped(self) -> bool:
        return self.total > len(self.items)


@attrs.define
class ReportData:
    """Everything the page shows."""

    now: _dt.datetime
    sources: tuple[str, ...]
    read: int = 0
    assessed: int = 0
    rejected: int = 0
    by_action: dict[str, int] = attrs.Factory(dict)
    by_rule: list[RuleCount] = attrs.Factory(list)
    first: _dt.datetime | None = None
    last: _dt.datetime | None = None
    rejected_groups: list[RejectedGroup] = attrs.Factory(list)
    #: (Monday of the week, sent, received)
    weekly: list[tuple[_dt.date, int, int]] = attrs.Factory(list)
    #: quality -> outcome -> count
    acceptance: dict[str, dict[str, int]] = attrs.Factory(dict)
    reply_times: dict[str, int] = attrs.Factory(dict)
    #: (age bucket, rule code) -> count, over every pending item (no horizon)
    pending_ages: dict[tuple[str, str], int] = attrs.Factory(dict)
    templates: list[Template] = attrs.Factory(list)
    due: list[DueGroup] = attrs.Factory(list)
    due_listed: int = 0
    due_older: int = 0
    due_older_by_code: dict[str, int] = attrs.Factory(dict)
    horizon_days: int = 0
    events: list[EventDetail] = attrs.Factory(list)
    events_total: int = 0
    max_events: int = MAX_EVENTS
    glossary: dict[str, RuleCount] = attrs.Factory(dict)

    @property
    def events_capped(self) -> bool:
        return self.events_total > len(self.events)


def collect(
    engine: Any,
    items: Iterable[Any],
    evaluate: Callable[..., Any],
    history: HistoryView,
    now: _dt.datetime,
    *,
    sources: Sequence[str] = (),
    horizon_days: int | None = None,
    max_events: int = MAX_EVENTS,
    on_error: Callable[[InputError], None] | None = None,
) -> ReportData:
    """Assess `items` (located events and input errors) with `evaluate` and gather the
    report's numbers; `history` holds the run's events (recorded before any is judged)
    and whatever an earlier run recorded; `now` is when the to-do list is made."""
    data = ReportData(now=now, sources=tuple(sources), max_events=max_events)
    rejected: dict[str, list[InputError]] = defaultdict(list)
    rule_counts: Counter[str] = Counter()
    rule_meta: dict[str, tuple[str, str]] = {}
    weekly: dict[_dt.date, list[int]] = defaultdict(lambda: [0, 0])
    acceptance = {q: dict.fromkeys(OUTCOMES, 0) for q in QUALITIES}
    replies = dict.fromkeys([*(b for b, _ in REPLY_BUCKETS), NO_REPLY], 0)
    flagged: list[tuple[Event, str]] = []
    details: list[EventDetail] = []
    for item in items:
        if isinstance(item, InputError):
            data.rejected += 1
            rejected[item.reason].append(item)
            if on_error is not None:
                on_error(item)
            continue
        data.read += 1
        if type(item) is Located:
            event, source = item.event, str(item)
        else:
            event, source = item, ""
        assessment = evaluate(event, source=source or None)
        data.assessed += 1
        if assessment.action is not None:
            key = assessment.action.value
            data.by_action[key] = data.by_action.get(key, 0) + 1
        for f in assessment.findings:
            rule_counts[f.code] += 1
            rule_meta.setdefault(f.code, (f.name, f.severity.value))
        at = event.at
        data.first = at if data.first is None or at < data.first else data.first
        data.last = at if data.last is None or at > data.last else data.last
        if isinstance(event, ContactRequest):
            local = at.date()
            week = local - _dt.timedelta(days=local.weekday())
            weekly[week][0 if event.direction is Direction.OUTGOING else 1] += 1
            if event.direction is Direction.OUTGOING:
                quality = _quality(event, assessment)
                acceptance[quality][_outcome(event, history)] += 1
        elif isinstance(event, Message) and event.direction is Direction.INCOMING:
            replies[_reply_bucket(event, history)] += 1
        if any(f.code == "KN110" for f in assessment.findings):
            text = note_of(event)
            if text is not None:
                flagged.append((event, text))
        details.append(_detail(event, assessment, source))
        if len(details) >= 2 * max_events:  # keep memory bounded: the newest survive
            details.sort(key=lambda d: d.at, reverse=True)
            del details[max_events:]
    data.read += data.rejected
    data.events_total = data.assessed
    details.sort(key=lambda d: d.at, reverse=True)
    data.events = details[:max_events]
    data.rejected_groups = _rejected(rejected)
    data.weekly = [(w, s, r) for w, (s, r) in sorted(weekly.items())]
    data.acceptance = acceptance
    data.reply_times = replies
    data.templates = _templates(flagged)
    data.glossary = _glossary(engine, rule_meta, rule_counts)
    data.by_rule = sorted((data.glossary[c] for c in rule_counts),
                          key=lambda r: (-r.count, r.code))
    _due(data, engine, history, now, horizon_days)
    return data


def _quality(event: ContactRequest, assessment: Any) -> str:
    if event.note is None or not event.note.strip():
        return "no note"
    if any(f.severity.rank >= Severity.WARNING.rank for f in assessment.findings):
        return "note with findings"
    return "clean note"


def _outcome(event: ContactRequest, history: HistoryView) -> str:
    """How the outgoing request ended, as far as the history knows: its resolution (the
    one naming this request, else the first by the same person after it)."""
    found: str | None = None
    for ev in history.events(platform=event.platform, kind=Kind.REQUEST_RESOLVED,
                             party=event.other.id, since=event.at):
        if isinstance(ev, RequestResolved):
            if ev.request == event.id:
                return ev.outcome.value
            found = found or ev.outcome.value
    return found or "pending"


def _reply_bucket(event: Message, history: HistoryView) -> str:
    """How long the owner took to answer an incoming message: the first outgoing message
    to the same person at or after it."""
    for reply in history.events(platform=event.platform, kind=Kind.MESSAGE,
                                direction=Direction.OUTGOING, party=event.other.id,
                                since=event.at, limit=1):
        hours = (reply.at - event.at).total_seconds() / 3600
        for label, bound in REPLY_BUCKETS:
            if hours < bound:
                return label
    return NO_REPLY


def _age_bucket(days: int) -> str:
    for label, bound in AGE_BUCKETS:
        if days < bound:
            return label
    return AGE_BUCKETS[-1][0]  # pragma: no cover - the last bound is infinite


def _detail(event: Event, assessment: Any, source: str) -> EventDetail:
    other = event.other
    text = getattr(event, "text", None) or ""
    reply = assessment.reply.text if assessment.reply is not None else None
    return EventDetail(
        at=event.at, source=source, event=event.id, platform=event.platform,
        kind=event.kind.value, direction=event.direction.value,
        party=elide(other.name or other.id, NAME_LIMIT),
        action=assessment.action.value if assessment.action is not None else None,
        score=assessment.score,
        findings=tuple((f.code, f.name, f.severity.value, elide(f.message, TEXT_LIMIT))
                       for f in assessment.findings),
        text=elide(text, TEXT_LIMIT), text_cut=len(text) > TEXT_LIMIT,
        reply=elide(reply, TEXT_LIMIT) if reply is not None else None,
    )


def _rejected(groups: dict[str, list[InputError]]) -> list[RejectedGroup]:
    out = []
    for reason, errors in groups.items():
        sources = tuple(dict.fromkeys(e.source for e in errors))
        locations = tuple(str(e) if len(sources) > 1 else (e.location or e.source)
                          for e in errors[:5])
        out.append(RejectedGroup(reason, len(errors), sources, locations))
    out.sort(key=lambda g: (-g.count, g.reason))
    return out


def _templates(flagged: list[tuple[Event, str]]) -> list[Template]:
    """Group the notes KN110 flagged into templates: a note joins the first template whose
    first note it is at least `TEMPLATE_SIMILARITY` alike (rapidfuzz's normalised
    Indel similarity after folding case and white space, as KN110 compares)."""
    from rapidfuzz.distance import Indel

    groups: list[tuple[str, list[tuple[Event, str]]]] = []
    for event, text in sorted(flagged, key=lambda p: p[0].at):
        norm = normalise_note(text)[:2000]
        for key, members in groups:
            if Indel.normalized_similarity(norm, key) >= TEMPLATE_SIMILARITY:
                members.append((event, text))
                break
        else:
            groups.append((norm, [(event, text)]))
    out = []
    for _, members in groups:
        recipients = len({(e.platform, e.other.id) for e, _ in members})
        out.append(Template(label="", recipients=recipients, first=members[0][0].at,
                            last=members[-1][0].at,
                            excerpt=elide(" ".join(members[0][1].split()), EXCERPT_LIMIT)))
    out.sort(key=lambda t: (-t.recipients, t.first))
    return [attrs.evolve(t, label=f"T{i}") for i, t in enumerate(out, 1)]


def _glossary(engine: Any, meta: dict[str, tuple[str, str]],
              counts: Counter[str]) -> dict[str, RuleCount]:
    out = {}
    for code, (name, severity) in meta.items():
        summary = ""
        try:
            summary = engine.rule(code).summary
        except KeyError:  # engine findings such as KE001 have no rule object
            summary = ""
        out[code] = RuleCount(code, name, severity, counts[code], summary)
    return out


def _due(data: ReportData, engine: Any, history: HistoryView, now: _dt.datetime,
         horizon_days: int | None) -> None:
    """The to-do list: every due item at `now` (for the age plot), the ones within the
    horizon listed per rule, newest first, the older ones counted."""
    items = engine.due(now, history, horizon_days=0)
    horizon = engine.policy.horizon_days if horizon_days is None else horizon_days
    data.horizon_days = horizon
    cut = now - _dt.timedelta(days=horizon) if horizon > 0 else None
    groups: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        key = (_age_bucket(item.waited_days), item.code)
        data.pending_ages[key] = data.pending_ages.get(key, 0) + 1
        if cut is not None and item.event is not None and item.since < cut:
            data.due_older += 1
            data.due_older_by_code[item.code] = data.due_older_by_code.get(item.code, 0) + 1
        else:
            groups[item.code].append(item)
    for code in sorted(groups, key=lambda c: (-len(groups[c]), c)):
        listed = sorted(groups[code], key=lambda i: i.since, reverse=True)
        data.due.append(DueGroup(code, listed[0].name, tuple(listed[:MAX_DUE_PER_RULE]),
                                 len(listed)))
        data.due_listed += len(listed)
        if code not in data.glossary:
            data.glossary[code] = _glossary(engine, {code: (listed[0].name,
                                                          listed[0].severity.value)},
                                            Counter())[code]
