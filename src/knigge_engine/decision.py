"""The default decision: from an event's findings and score to an action.

The score is the sum of the findings' weights (concerns positive, good signs negative).
The policy's [`Thresholds`][knigge_engine.policy.Thresholds] map the score to an action on the
escalation ladder of the event's job (coach or triage); a finding that proposes an action
(KN106 proposes `ask_for_introduction`) raises the result to at least that action. An
incoming message gets `reply` unless it owes none (sponsored or mass mail, a
conversation closer): then no action. A plugin can replace all of this through the
`knigge_decider` hook.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeAlias

from .model import COACH_ORDER, TRIAGE_ORDER, Action, Direction, Event, Kind
from .policy import Thresholds
from .rules import Finding
from .text import is_closer

__all__ = ["Decider", "default_decider", "is_archived", "job_of", "owes_reply"]

#: `decide(event, findings, score, thresholds) -> Action | None`
Decider: TypeAlias = Callable[[Event, Sequence[Finding], float, Thresholds], Action | None]

_COACH_RANK = {a: i for i, a in enumerate(COACH_ORDER)}
_TRIAGE_RANK = {a: i for i, a in enumerate(TRIAGE_ORDER)}


def job_of(kind: Kind, direction: Direction) -> str | None:
    """`"coach"` for outgoing requests and messages, `"triage"` for incoming ones,
    `None` for events that need no decision (resolutions, profile views)."""
    if kind is Kind.CONTACT_REQUEST or kind is Kind.MESSAGE:
        return "coach" if direction is Direction.OUTGOING else "triage"
    return None


def _escalate(base: Action, findings: Sequence[Finding], rank: dict[Action, int]) -> Action:
    best = base
    for finding in findings:
        proposed = finding.action
        if proposed is not None and rank.get(proposed, -1) > rank[best]:
            best = proposed
    return best


def default_decider(
    event: Event, findings: Sequence[Finding], score: float, thresholds: Thresholds
) -> Action | None:
    """The threshold decision described in the module docstring."""
    kind = event.kind
    if event.direction is Direction.OUTGOING:
        if kind is not Kind.CONTACT_REQUEST and kind is not Kind.MESSAGE:
            return None
        if score >= thresholds.dont_send:
            base = Action.DONT_SEND
        elif score >= thresholds.revise:
            base = Action.REVISE
        else:
            base = Action.SEND
        return _escalate(base, findings, _COACH_RANK)
    if kind is Kind.CONTACT_REQUEST:
        if score >= thresholds.decline:
            base = Action.DECLINE
        elif score >= thresholds.ask_first:
            base = Action.ASK_FIRST
        elif score >= thresholds.accept_and_ask:
            base = Action.ACCEPT_AND_ASK
        else:
            base = Action.ACCEPT
        return _escalate(base, findings, _TRIAGE_RANK)
    if kind is Kind.MESSAGE:
        return Action.REPLY if owes_reply(event) else None
    return None


def owes_reply(event: Event) -> bool:
    """Whether an incoming message asks for a reply: not sponsored or automated mail
    (`context.sponsored`), not a mass mailing (`context.mass_mailing`), not in an
    archived conversation (`is_archived`), not a conversation closer ("Thanks!",
    "You're welcome", a thumbs-up; see `is_closer`)."""
    context = event.context
    if context and (context.get("sponsored") is True or context.get("mass_mailing") is True
                    or is_archived(event)):
        return False
    return not is_closer(getattr(event, "text", None))


def is_archived(event: Event) -> bool:
    """Whether the owner archived the conversation (`context.archived` true, or an
    export's `context.folder` of `archive`, `archived` or `archived_threads`):
    not a to-do any more."""
    context = event.context or {}
    if context.get("archived") is True:
        return True
    folder = context.get("folder")
    return isinstance(folder, str) and folder.casefold() in ("archive", "archived",
                                                             "archived_threads")
