"""Suppressions: the policy's standing exceptions (`[[suppress]]`), applied per event.

A suppression silences one rule for everyone, every rule for one sender, or one rule for
one sender. Each has a required `reason` and an optional `expires` date. The engine
builds a `SuppressionIndex` once: the suppressions go into two dicts keyed by rule
code and by sender id, so checking an event's findings costs a dict lookup or two — and
nothing at all when the policy has no suppression.

A suppressed finding is removed from the assessment (it adds nothing to the score and
proposes no action) and shows up in the trace with the status `suppressed`. Findings of
the engine itself (`KE…`: a crashed rule, an unknown platform) are never suppressed.

Time is an input: expiry is judged at the **evaluation's** `now` (the event's own time
unless the caller passes `now`), never at the date an engine happens to be built. A
suppression with `expires = 2026-12-31` applies to events up to and including that day
(in the event's own offset) and not to later ones, so re-checking an old export gives the
verdicts it gave then. `SuppressionIndex.report` names the suppressions that have
expired at the time it is asked for (the engine's clock, see `Engine(clock=...)`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from .model import Severity
from .policy import Suppression
from .rules import Finding

__all__ = ["SuppressionIndex", "SuppressionNotice", "SuppressionReport"]

_ENGINE_PLUGIN = "engine"


@attrs.frozen
class SuppressionNotice:
    """One suppression worth a look: `problem` is `"expired"` or `"unused"`;
    `index` is its position in the policy's `[[suppress]]` list."""

    index: int
    suppression: Suppression
    problem: str
    message: str

    def __str__(self) -> str:
        return self.message


@attrs.frozen
class SuppressionReport:
    """Expired suppressions (they no longer apply) and unused ones (they silenced nothing
    while this engine ran): both are candidates for removal from the policy."""

    expired: tuple[SuppressionNotice, ...] = ()
    unused: tuple[SuppressionNotice, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.expired or self.unused)

    def __iter__(self) -> Iterator[SuppressionNotice]:
        return iter((*self.expired, *self.unused))

    def lines(self) -> list[str]:
        """One human-readable line per notice, expired first."""
        return [n.message for n in (*self.expired, *self.unused)]


def describe(index: int, sup: Suppression) -> str:
    """`suppress[2] (rule KN204, sender x-1: "reason")` for messages."""
    parts = []
    if sup.rule is not None:
        parts.append(f"rule {sup.rule}")
    if sup.sender is not None:
        parts.append(f"sender {sup.sender}")
    return f"suppress[{index}] ({', '.join(parts)}: \"{sup.reason}\")"


class SuppressionIndex:
    """The policy's suppressions, compiled for the per-event path.

    `active` is false when nothing can be suppressed; the engine then skips
    `apply` entirely. `apply` records which suppressions matched in a set
    (`set.add` is atomic, so engines shared between threads need no lock here); read
    it with `used` and merge usage from elsewhere (parallel workers) with
    `record_used`.
    """

    __slots__ = ("_by_rule", "_by_sender", "_expires", "_used", "active", "items")

    def __init__(
        self,
        suppressions: Sequence[Suppression],
        resolve: Callable[[str], Sequence[str]],
    ) -> None:
        """`resolve` turns a rule code or name into the codes of the rules it names
        (a name may be shared by several plugins' rules: it suppresses all of them)."""
        self.items: tuple[Suppression, ...] = tuple(suppressions)
        self._expires: dict[int, _dt.date] = {}
        self._by_rule: dict[str, tuple[int, ...]] = {}
        # sender id -> {rule code or None for every rule: suppression indexes}
        self._by_sender: dict[str, dict[str | None, tuple[int, ...]]] = {}
        self._used: set[int] = set()
        for i, sup in enumerate(self.items):
            if sup.expires is not None:
                self._expires[i] = _dt.date.fromisoformat(sup.expires)
            codes: Sequence[str | None] = (None,) if sup.rule is None else resolve(sup.rule)
            for code in codes:
                if sup.sender is None:
                    assert code is not None  # the policy loader requires rule or sender
                    self._by_rule[code] = (*self._by_rule.get(code, ()), i)
                else:
                    table = self._by_sender.setdefault(sup.sender, {})
                    table[code] = (*table.get(code, ()), i)
        self.active = bool(self._by_rule or self._by_sender)

    @property
    def used(self) -> frozenset[int]:
        """The indexes of the suppressions that have silenced a finding so far."""
        return frozenset(self._used)

    def record_used(self, indexes: Iterable[int]) -> None:
        """Count suppressions as used that silenced findings elsewhere (a worker)."""
        self._used.update(indexes)

    def expired_at(self, at: _dt.datetime) -> list[int]:
        """The indexes of the suppressions that have expired at `at`."""
        day = at.date()
        return [i for i, until in self._expires.items() if until < day]

    def apply(
        self, sender: str, findings: list[Finding], at: _dt.datetime
    ) -> tuple[list[Finding], tuple[tuple[Finding, int], ...]]:
        """Split `findings` into those that stay and `(finding, suppression index)`
        pairs for those a suppression silences (the first matching one, most specific
        first: sender and rule, then sender, then rule), judging expiry at `at`."""
        by_sender = self._by_sender.get(sender)
        by_rule = self._by_rule
        if by_sender is None:
            # The common case: no standing exception for this sender. Only rebuild the
            # list when a rule-wide suppression matches one of the findings.
            if not by_rule:
                return findings, ()
            for f in findings:
                if f.code in by_rule:
                    break
            else:
                return findings, ()
        kept: list[Finding] = []
        dropped: list[tuple[Finding, int]] = []
        used = self._used
        expires = self._expires
        day = at.date() if expires else None
        for f in findings:
            if f.plugin == _ENGINE_PLUGIN:
                kept.append(f)
                continue
            matches: tuple[int, ...] = ()
            if by_sender is not None:
                matches = by_sender.get(f.code, ()) + by_sender.get(None, ())
            matches += by_rule.get(f.code, ())
            if day is not None and matches:
                matches = tuple(i for i in matches if i not in expires or expires[i] >= day)
            if not matches:
                kept.append(f)
                continue
            for i in matches:
                if i not in used:
                    used.add(i)
            dropped.append((f, matches[0]))
        return kept, tuple(dropped)

    def silences(self, sender: str, code: str, at: _dt.datetime) -> int | None:
        """The index of the suppression that silences rule `code` for `sender` at
        `at` (most specific first, counted as used), or `None`: for results that are
        not findings, such as due items."""
        probe = Finding(code, "", Severity.INFO, 0.0, "", None, None, None, None)
        dropped = self.apply(sender, [probe], at)[1]
        return dropped[0][1] if dropped else None

    def report(self, at: _dt.datetime) -> SuppressionReport:
        """What [`Engine.suppression_report`][knigge_engine.Engine.suppression_report] returns: the
        suppressions expired at `at`, and the others that have not silenced a finding since the
        engine was built."""
        used = set(self._used)
        expired_list = self.expired_at(at)
        expired = tuple(
            SuppressionNotice(i, self.items[i], "expired",
                              f"{describe(i, self.items[i])} expired on "
                              f"{self.items[i].expires} and no longer applies; remove it or "
                              "set a new date")
            for i in expired_list
        )
        unused = tuple(
            SuppressionNotice(i, sup, "unused",
                              f"{describe(i, sup)} silenced nothing in this run; is it "
                              "still needed?")
            for i, sup in enumerate(self.items)
            if i not in used and i not in expired_list
        )
        return SuppressionReport(expired, unused)
