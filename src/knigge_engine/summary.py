"""A summary of a run, built one assessment at a time: what a reader wants before the
details.

[`RunSummary`][knigge_engine.summary.RunSummary] counts, while a run streams past it, the events per
action, the events per rule (with the rule's most severe finding), the period the events cover,
the templated batches that KN110 `mass-template` found (one [`Batch`][knigge_engine.summary.Batch]
per template: how many recipients, over what time span, one example event) and the input
errors, grouped by file and reason (one [`ErrorGroup`][knigge_engine.summary.ErrorGroup] for "rows
2–139 of Invitations.csv: 'Sent At' has no time zone"). It holds counts, ids, dates and row
numbers only — never a note or message text — so it can be shown or stored freely.

[`needs_attention`][knigge_engine.summary.needs_attention] says which events a reader must look at:
`knigge check` lists only those (`--all` lists every one).

[`group_due`][knigge_engine.summary.group_due] groups a follow-through list (`DueList`) by rule,
newest first, with the items the horizon left out counted per rule
([`DueGroup`][knigge_engine.summary.DueGroup]), and
[`due_summary`][knigge_engine.summary.due_summary] counts them.

The summary knows nothing about the command line; `knigge check`'s text report and
other reports render it:

```python
summary = RunSummary()
for event in events:
    summary.add(engine.evaluate(event), event)
print(summary.by_action, summary.period)
```
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .model import Action, Severity

if TYPE_CHECKING:
    from .engine import Assessment
    from .io import InputError
    from .model import Event

__all__ = [
    "QUIET_ACTIONS",
    "Batch",
    "DueGroup",
    "ErrorGroup",
    "RuleCount",
    "RunSummary",
    "due_summary",
    "group_due",
    "needs_attention",
]

#: The actions that ask nothing special of the reader: a draft that can be sent as it is
#: (`send`), a request that can simply be accepted (`accept`) and an incoming
#: message to answer in the ordinary course (`reply`: whether an answer is still owed
#: is for `knigge due` to say, from the history). `None` — a resolution or a profile
#: view, kept as context — asks nothing either.
QUIET_ACTIONS: frozenset[Action | None] = frozenset(
    {Action.SEND, Action.ACCEPT, Action.REPLY, None})

#: The rule whose findings make up templated batches.
MASS_TEMPLATE = "KN110"


def needs_attention(assessment: Assessment, *,
                    level: Severity = Severity.WARNING) -> bool:
    """Whether an event needs the reader: its action is not one of the
    [`QUIET_ACTIONS`][knigge_engine.summary.QUIET_ACTIONS] (revise, don't send, ask for an
    introduction, decline, ask first, accept and ask, …), or a finding is at `level` (default
    `warning`) or above. A `send`, `accept` or `reply` with at most `info` findings, and
    anything noted without an action,
    does not."""
    if assessment.action not in QUIET_ACTIONS:
        return True
    worst = assessment.max_severity()
    return worst is not None and worst.rank >= level.rank


@attrs.frozen(slots=True)
class RuleCount:
    """How many events a rule fired on (`events`) and the most severe `severity` its
    findings had."""

    code: str
    name: str
    severity: Severity
    events: int


@attrs.frozen(slots=True)
class Batch:
    """One templated batch (KN110): the same or nearly the same note sent to
    `recipients` different people; `events` of them are in this run, sent from
    `first` to `last`; `example` is the id of the earliest one. Copies that share a
    recipient count as one batch."""

    recipients: int
    events: int
    first: _dt.datetime
    last: _dt.datetime
    example: str

    @property
    def span_days(self) -> float:
        """Days from the first copy to the last."""
        return (self.last - self.first).total_seconds() / 86400


_NUMBERED = re.compile(r"^(row|line) (\d+)$")


@attrs.frozen(slots=True)
class ErrorGroup:
    """Input errors of one file with the same reason: `count` of them, at
    `locations` (`row 12`, `line 3`, `$[2]`; in input order)."""

    source: str
    reason: str
    locations: tuple[str, ...]

    @property
    def count(self) -> int:
        """How many errors the group holds."""
        return len(self.locations)

    def where(self, max_ranges: int = 8) -> str:
        """The locations, compressed: `rows 2–139 (138 rows)`, `lines 3, 7–9 (4
        lines)`, `line 7`; at most `max_ranges` ranges, then `…`. Locations that
        are not a row or line number are listed as they are."""
        if not self.locations:
            return ""
        numbers: list[int] = []
        unit: str | None = None
        others: list[str] = []
        for loc in self.locations:
            m = _NUMBERED.match(loc)
            if m and unit in (None, m.group(1)):
                unit = m.group(1)
                numbers.append(int(m.group(2)))
            else:
                others.append(loc)
        parts: list[str] = []
        if numbers:
            ranges = _ranges(numbers)
            shown = [f"{a}" if a == b else f"{a}–{b}" for a, b in ranges[:max_ranges]]
            if len(ranges) > max_ranges:
                shown.append("…")
            n = len(set(numbers))
            text = f"{unit}{'s' if n > 1 else ''} {', '.join(shown)}"
            if n > 1:
                text += f" ({n} {unit}s)"
            parts.append(text)
        if others:
            parts.append(", ".join(others[:max_ranges]) + (", …" if len(others) > max_ranges
                                                             else ""))
            if len(others) > 1:
                parts[-1] += f" ({len(others)} places)"
        return "; ".join(parts)

    def __str__(self) -> str:
        """`FILE:line 7: reason` for one error (as `InputError`
        prints it), `FILE:rows 2–139 (138 rows): reason` for a group."""
        where = self.where()
        return f"{self.source}:{where}: {self.reason}" if where else \
            f"{self.source}: {self.reason}"


def _ranges(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted, distinct numbers as closed ranges: [2, 3, 4, 9] -> [(2, 4), (9, 9)]."""
    out: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


class RunSummary:
    """Counts of a run, updated with [`add`][knigge_engine.summary.RunSummary.add] (an assessment)
    and [`add_error`][knigge_engine.summary.RunSummary.add_error] (an input error) as they come.
    Memory grows with the number of rules, error groups and KN110 findings, not with the number of
    events.

    `read` counts events and errors, `assessed` the assessments, `rejected` the
    errors, `attention` the assessments [`needs_attention`][knigge_engine.summary.needs_attention]
    picks; `by_action` maps an action's value (`"noted"` for none) to its count; `first` and `last`
    are the earliest and latest event time seen (`None` before any event).
    """

    #: The `by_action` key of assessments without an action.
    NOTED = "noted"

    def __init__(self, *, level: Severity = Severity.WARNING) -> None:
        self.level = level
        self.read = 0
        self.assessed = 0
        self.rejected = 0
        self.attention = 0
        self.by_action: dict[str, int] = {}
        self.by_severity: dict[str, int] = {}
        self.first: _dt.datetime | None = None
        self.last: _dt.datetime | None = None
        self._rules: dict[str, list[Any]] = {}
        self._errors: dict[tuple[str, str], list[str]] = {}
        # KN110: union-find over recipients; per root, the copies seen in this run.
        self._parent: dict[str, str] = {}
        self._copies: dict[str, list[tuple[_dt.datetime, str]]] = {}

    # ------------------------------------------------------------------ feeding
    def add(self, assessment: Assessment, event: Event | None = None) -> bool:
        """Count one assessment (`event`, when given, adds its time to the period and
        its recipient to a templated batch). Returns
        [`needs_attention`][knigge_engine.summary.needs_attention]'s answer."""
        self.read += 1
        self.assessed += 1
        action = assessment.action
        key = self.NOTED if action is None else action.value
        self.by_action[key] = self.by_action.get(key, 0) + 1
        at = getattr(event, "at", None)
        if isinstance(at, _dt.datetime):
            if self.first is None or at < self.first:
                self.first = at
            if self.last is None or at > self.last:
                self.last = at
        worst: Severity | None = None
        seen: set[str] = set()
        for f in assessment.findings:
            if worst is None or f.severity.rank > worst.rank:
                worst = f.severity
            entry = self._rules.get(f.code)
            if entry is None:
                self._rules[f.code] = [f.name, f.severity, 1]
                seen.add(f.code)
            else:
                if f.severity.rank > entry[1].rank:
                    entry[1] = f.severity
                if f.code not in seen:
                    entry[2] += 1
                    seen.add(f.code)
            if f.code == MASS_TEMPLATE and event is not None and isinstance(at, _dt.datetime):
                self._batch(f.evidence, event, at, assessment.event)
        if worst is not None:
            self.by_severity[worst.value] = self.by_severity.get(worst.value, 0) + 1
        attention = action not in QUIET_ACTIONS or (
            worst is not None and worst.rank >= self.level.rank)
        if attention:
            self.attention += 1
        return attention

    def add_error(self, error: InputError) -> None:
        """Count one input error, grouped with the others of its file and reason."""
        self.read += 1
        self.rejected += 1
        self._errors.setdefault((error.source, error.reason), []).append(error.location)

    def merge(self, later: RunSummary) -> None:
        """Fold in the summary of the assessments and errors that came after this one's
        (a later stretch of the same input, counted elsewhere, e.g. by a worker of
        `knigge check --jobs`). The result is what [`add`][knigge_engine.summary.RunSummary.add] and
        [`add_error`][knigge_engine.summary.RunSummary.add_error] over the whole input would have
        built: counts add up, keys keep the order first seen, the period keeps the first of equal
        earliest and latest times, rule entries keep their first name and most severe severity, and
        the templated batches join over the recipients both stretches share."""
        self.read += later.read
        self.assessed += later.assessed
        self.rejected += later.rejected
        self.attention += later.attention
        for mine, theirs in ((self.by_action, later.by_action),
                             (self.by_severity, later.by_severity)):
            for name, n in theirs.items():
                mine[name] = mine.get(name, 0) + n
        if later.first is not None and (self.first is None or later.first < self.first):
            self.first = later.first
        if later.last is not None and (self.last is None or later.last > self.last):
            self.last = later.last
        rules, errors, parents, copies = later.tallies()
        for code, (name, severity, n) in rules.items():
            entry = self._rules.get(code)
            if entry is None:
                self._rules[code] = [name, severity, n]
                continue
            if severity.rank > entry[1].rank:
                entry[1] = severity
            entry[2] += n
        for where, locations in errors.items():
            self._errors.setdefault(where, []).extend(locations)

        # The same recipients end up in the same batch: the union of both forests'
        # edges, and each of the later batches' copies under its new root.
        def root(party: str) -> str:
            while parents[party] != party:
                party = parents[party]
            return party

        for party in parents:
            self._union(root(party), party)
        for top, batch in copies.items():
            self._copies.setdefault(self._find(top), []).extend(batch)

    def tallies(self) -> tuple[dict[str, list[Any]], dict[tuple[str, str], list[str]],
                               dict[str, str], dict[str, list[tuple[_dt.datetime, str]]]]:
        """What [`merge`][knigge_engine.summary.RunSummary.merge] folds in besides the counts: per
        rule `[name, severity, events]`, the error locations per `(source, reason)`, the templated
        batches' recipient forest (party → parent) and the copies per root. Read-only."""
        return self._rules, self._errors, self._parent, self._copies

    def _find(self, party: str) -> str:
        parent = self._parent.setdefault(party, party)
        while parent != party:
            grand = self._parent[parent]
            self._parent[party] = grand
            party, parent = parent, grand
        return party

    def _union(self, a: str, b: str) -> str:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return ra
        self._parent[rb] = ra
        copies = self._copies.pop(rb, None)
        if copies:
            self._copies.setdefault(ra, []).extend(copies)
        return ra

    def _batch(self, evidence: Mapping[str, Any] | None, event: Event, at: _dt.datetime,
               event_id: str) -> None:
        me = str(event.other.id)
        root = self._find(me)
        for party in (evidence or {}).get("parties", ()) or ():
            root = self._union(root, str(party))
        self._copies.setdefault(root, []).append((at, event_id))

    # ------------------------------------------------------------------ reading
    @property
    def period(self) -> tuple[_dt.datetime, _dt.datetime] | None:
        """`(first, last)` event time, `None` before any event with a time."""
        if self.first is None or self.last is None:
            return None
        return self.first, self.last

    def rules(self) -> list[RuleCount]:
        """Per rule that fired: most severe first, then most events, then by code."""
        counts = [RuleCount(code, name, severity, n)
                  for code, (name, severity, n) in self._rules.items()]
        counts.sort(key=lambda r: (-r.severity.rank, -r.events, r.code))
        return counts

    def batches(self) -> list[Batch]:
        """The templated batches (KN110), most recipients first."""
        members: dict[str, int] = {}
        for party in self._parent:
            root = self._find(party)
            members[root] = members.get(root, 0) + 1
        out = []
        for root, copies in self._copies.items():
            copies = sorted(copies)
            out.append(Batch(recipients=members.get(root, 1), events=len(copies),
                             first=copies[0][0], last=copies[-1][0],
                             example=copies[0][1]))
        out.sort(key=lambda b: (-b.recipients, b.first, b.example))
        return out

    def errors(self) -> list[ErrorGroup]:
        """The input errors grouped by file and reason, in the order first seen."""
        return [ErrorGroup(source, reason, tuple(locations))
                for (source, reason), locations in self._errors.items()]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of everything above (times in ISO 8601)."""
        period = self.period
        return {
            "read": self.read,
            "assessed": self.assessed,
            "rejected": self.rejected,
            "attention": self.attention,
            "actions": dict(self.by_action),
            "severities": dict(self.by_severity),
            "period": None if period is None
            else {"first": period[0].isoformat(), "last": period[1].isoformat()},
            "rules": [{"code": r.code, "name": r.name, "severity": r.severity.value,
                       "events": r.events} for r in self.rules()],
            "batches": [{"recipients": b.recipients, "events": b.events,
                         "first": b.first.isoformat(), "last": b.last.isoformat(),
                         "example": b.example} for b in self.batches()],
            "errors": [{"source": g.source, "reason": g.reason, "count": g.count,
                        "where": g.where()} for g in self.errors()],
        }


# --------------------------------------------------------------------------- due lists


@attrs.frozen(slots=True)
class DueGroup:
    """The due items of one rule: `items` newest first, and how many `older` ones
    the horizon (or `--since`) left out."""

    code: str
    name: str
    items: tuple[Any, ...]
    older: int = 0


def group_due(items: Iterable[Any], older_by_code: Mapping[str, int] | None = None,
              names: Mapping[str, str] | None = None) -> list[DueGroup]:
    """[`DueItem`][knigge_engine.DueItem]s grouped by rule code (in code order), newest
    `since` first within a group; `older_by_code` (as a
    `DueList` has it) adds the count of items left out, and a
    group of only such items; `names` gives those groups their rule names."""
    by_code: dict[str, list[Any]] = {}
    for item in items:
        by_code.setdefault(item.code, []).append(item)
    older = dict(older_by_code or {})
    groups = []
    for code in sorted(set(by_code) | {c for c, n in older.items() if n}):
        listed = sorted(by_code.get(code, ()), key=lambda i: (i.since, i.event or ""),
                        reverse=True)
        name = listed[0].name if listed else (names or {}).get(code, "")
        groups.append(DueGroup(code, name, tuple(listed), older.get(code, 0)))
    return groups


def due_summary(groups: Iterable[DueGroup]) -> dict[str, Any]:
    """Counts of grouped due items, JSON-ready: `due` (listed), `older` (left out),
    `actions` (listed items per action) and `rules` (per group: code, name, due,
    older)."""
    groups = list(groups)
    actions: dict[str, int] = {}
    for g in groups:
        for item in g.items:
            key = RunSummary.NOTED if item.action is None else item.action.value
            actions[key] = actions.get(key, 0) + 1
    return {
        "due": sum(len(g.items) for g in groups),
        "older": sum(g.older for g in groups),
        "actions": actions,
        "rules": [{"code": g.code, "name": g.name, "due": len(g.items), "older": g.older}
                  for g in groups],
    }
