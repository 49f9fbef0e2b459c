"""Follow-through: what the account owes people at a moment `now`.

`run_due` (behind [`Engine.due`][knigge_engine.engine.Engine.due]) runs every
follow-through rule (a [`DueRule`][knigge_engine.rules.DueRule], written with
[`due_rule`][knigge_engine.rules.due_rule]) once per platform found in the history, as the
plan compiled it for that platform ([`Plan.due_rules`][knigge_engine.plan.Plan.due_rules]), and
collects the [`DueItem`][knigge_engine.due.DueItem]s they yield, oldest first.

A follow-through rule's check is called as `check(ctx)` with a
[`DueContext`][knigge_engine.due.DueContext]: `ctx.history` and `ctx.now` are what it reads, and
[`DueContext.report_due`][knigge_engine.due.DueContext.report_due] makes one item that is due (the
event that started it, since when, the action, the suggested reply). A check that raises becomes one
KE001 item in the context's language; the other rules' items are kept. The engine chooses each
item's language: the policy's locale, or with `locale = "auto"` the language of the message
that started it (else the other party's profile language, else the platform's).

Also here: `check_history_example`, which checks a rule's examples that carry
history (`Example.history`, `Example.now`) for the bundled pytest plugin.
"""

from __future__ import annotations

import datetime as _dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .errors import HistoryError
from .history import HistoryView, InMemoryHistory
from .model import Action, Event, Severity, event_from_dict
from .plan import RULE_CRASHED
from .replies import Reply, late_key
from .rules import Example, OptionsT, Rule, RuleContext, format_message
from .text import TextAnalysis, formal_salutation

if TYPE_CHECKING:
    from .engine import Assessment, Engine

__all__ = ["DueContext", "DueItem", "check_history_example", "run_due"]

log = logging.getLogger("knigge_engine")

_DAY = _dt.timedelta(days=1)
#: `report_due(action=RULE_ACTION)`: the rule's own action (`action=None`: no action).
RULE_ACTION: Any = object()


@attrs.frozen(slots=True)
class DueItem:
    """One thing the account owes someone (or itself) at `now`.

    `event` is the id of the event that started it (`None` for account-wide items
    such as KN307), `party` the other person's id and `party_name` their name,
    `since` when it started, `due` when it became due (`since` + the rule's delay),
    `waited_days` whole days since `since` and `overdue_days` whole days since
    `due`. `message` is localized in `locale`; `reply` is a suggested text to
    send, in the same locale, or `None`.
    """

    code: str
    name: str
    action: Action | None
    severity: Severity
    platform: str
    event: str | None
    party: str | None
    party_name: str | None
    since: _dt.datetime
    due: _dt.datetime
    waited_days: int
    overdue_days: int
    message: str
    locale: str
    reply: Reply | None = None
    evidence: Mapping[str, Any] | None = None
    plugin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (times in ISO 8601)."""
        return {
            "code": self.code,
            "name": self.name,
            "action": None if self.action is None else self.action.value,
            "severity": self.severity.value,
            "platform": self.platform,
            "event": self.event,
            "party": self.party,
            "party_name": self.party_name,
            "since": self.since.isoformat(),
            "due": self.due.isoformat(),
            "waited_days": self.waited_days,
            "overdue_days": self.overdue_days,
            "message": self.message,
            "locale": self.locale,
            "reply": None if self.reply is None
            else {"key": self.reply.key, "locale": self.reply.locale, "text": self.reply.text},
        }


class DueContext(RuleContext[OptionsT]):
    """The context of a follow-through rule: a [`RuleContext`][knigge_engine.due.RuleContext] for
    one platform (`event` is `None`) plus [`report_due`][knigge_engine.due.DueContext.report_due]
    and [`assess`][knigge_engine.due.DueContext.assess]."""

    __slots__ = ("_engine", "_locale_setting")

    #: The history the rule reads (never `None` here, unlike a per-event context).
    history: HistoryView

    def __init__(self, engine: Engine, locale_setting: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._engine = engine
        self._locale_setting = locale_setting

    def assess(self, event: Event) -> Assessment:
        """The engine's per-event verdict on `event` (as at its own time, against the
        same history): KN301 suggests what triage would."""
        return self._engine.evaluate(event, history=self.history)

    def analyse(self, text: str) -> TextAnalysis:
        """The engine's shared `TextAnalysis` of `text`."""
        return self._engine.analyse(text)

    def locale_for(self, event: Event | None) -> tuple[str, str | None]:
        """The (locale, form of address) an item about `event` is written in."""
        locale = self._locale_setting
        form = self.form
        analysis = None
        text = getattr(event, "text", None) if event is not None else None
        if text:
            analysis = self._engine.analyse(text)
            if analysis.address_form in ("sie", "du"):
                form = analysis.address_form
            elif (analysis.greeting is not None and analysis.language != "en"
                  and formal_salutation(text, analysis.greeting)):
                form = "sie"
        known = self._engine.locales
        if locale == "auto":
            found = analysis.language if analysis is not None else None
            if found not in known and event is not None:
                found = event.other.language
            locale = found if found is not None and found in known else self.spec.locale
        return (locale if locale in known else "en"), form

    def report_due(
        self,
        event: Event | None,
        *,
        since: _dt.datetime,
        days: float = 0,
        action: Action | None = RULE_ACTION,
        reply: str | None = None,
        message_key: str | None = None,
        locale_from: Event | None = None,
        **evidence: Any,
    ) -> DueItem:
        """Make one due item (yield it from the check): `event` started it at
        `since` and it became due `days` later; `reply` names a reply template
        (`replies.py`; for an item whose action is `decide`, a triage reply becomes
        its late counterpart). `evidence` fills the message; `name`, `days`,
        `waited` and `overdue` are added. `locale_from` is the event whose language
        the item takes (default `event`)."""
        compiled = self.compiled
        locale, form = self.locale_for(locale_from if locale_from is not None else event)
        if locale not in compiled.messages:
            locale = "en"  # a locale a plugin added that this rule does not speak
        due = since + _dt.timedelta(days=days)
        waited = max(0, (self.now - since) // _DAY)
        overdue = max(0, (self.now - due) // _DAY)
        other = event.other if event is not None else None
        name = other.name if other is not None and other.name else (
            other.id if other is not None else "")
        values = {"name": name, "days": _fmt_days(days), "waited": waited,
                  "overdue": overdue, **evidence}
        message = format_message(compiled.messages, locale, message_key, values)
        action = compiled.action if action is RULE_ACTION else action
        rendered = None
        if reply is not None:
            if action is Action.DECIDE:
                # A decision that comes late opens with an apology, and a triage text
                # such as "I was glad to accept" would claim what has not happened yet.
                reply = late_key(reply)
            owner = self.owner.name if self.owner is not None else None
            rendered = self._engine.replies.render(
                reply, locale, form, name=other.name if other is not None else None,
                owner=owner)
        item = DueItem(
            code=compiled.code,
            name=compiled.name,
            action=action,
            severity=compiled.severity,
            platform=self.spec.name,
            event=event.id if event is not None else None,
            party=other.id if other is not None else None,
            party_name=other.name if other is not None else None,
            since=since,
            due=due,
            waited_days=int(waited),
            overdue_days=int(overdue),
            message=message,
            locale=locale,
            reply=rendered,
            evidence={k: v for k, v in evidence.items()},
            plugin=compiled.plugin,
        )
        return item


class DueList(list[DueItem]):
    """The items `run_due` lists (a `list` of [`DueItem`][knigge_engine.due.DueItem]), plus what the
    horizon left out: `older` items that started more than `horizon_days` before
    `now`, counted per rule code in `older_by_code`."""

    older: int
    older_by_code: dict[str, int]
    horizon_days: int

    def __init__(self, items: Iterable[DueItem] = (), *, horizon_days: int = 0,
                 older_by_code: dict[str, int] | None = None) -> None:
        super().__init__(items)
        self.horizon_days = horizon_days
        self.older_by_code = dict(older_by_code or {})
        self.older = sum(self.older_by_code.values())


def _fmt_days(days: float) -> str:
    return f"{days:g}"


def run_due(engine: Engine, now: _dt.datetime, history: HistoryView,
            only: Iterable[str] | None = None,
            horizon_days: int | None = None) -> DueList:
    """Run the follow-through rules over `history` as of `now`; see the module doc.

    One item per event: when several rules report the same event, the most severe, then
    the most specific (higher code) is kept. Items are sorted oldest `since` first.
    The policy's suppressions apply, with the other party as the sender. Items that
    started more than `horizon_days` (default: the policy's `horizon_days`; 0 = no
    horizon) before `now` are not listed but counted (`DueList`); account-wide
    items (no event, such as KN307) are always listed."""
    horizon = engine.policy.horizon_days if horizon_days is None else horizon_days
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now needs a UTC offset: {now.isoformat()}")
    wanted = None if only is None else set(only)
    items: list[DueItem] = []
    plan = engine.plan
    for platform in history.platforms():
        compiled_rules = [c for c in plan.due_rules(platform)
                          if wanted is None or c.code in wanted]
        if not compiled_rules:
            continue
        entry = plan.base_entry(platform)
        for compiled in compiled_rules:
            ctx: DueContext[Any] = DueContext(
                engine, entry.locale,
                event=None, spec=entry.spec, owner=engine.owner,
                locale=entry.locale if entry.locale in engine.locales else entry.spec.locale,
                form=entry.form, text=None, history=history, now=now, premium=None,
            )
            ctx.options = compiled.options
            ctx.compiled = compiled
            items.extend(_run_one(engine, compiled.rule, ctx))
    kept = _dedupe(items)
    if horizon <= 0:
        return DueList(kept, horizon_days=0)
    cut = now - _dt.timedelta(days=horizon)
    listed: list[DueItem] = []
    older: dict[str, int] = {}
    for item in kept:
        if item.event is not None and item.since < cut:
            older[item.code] = older.get(item.code, 0) + 1
        else:
            listed.append(item)
    return DueList(listed, horizon_days=horizon, older_by_code=older)


def _run_one(engine: Engine, rule: Rule, ctx: DueContext[Any]) -> list[DueItem]:
    out: list[DueItem] = []
    suppressions = engine.suppressions if engine.suppressions.active else None
    try:
        result = rule.check(ctx)
        if result is None:
            return out
        if isinstance(result, DueItem):
            result = [result]
        for item in result:
            if not isinstance(item, DueItem):
                raise TypeError(f"the check yielded {type(item).__name__}, not a DueItem "
                                "(make items with ctx.report_due)")
            # The policy's standing exceptions ([[suppress]] by rule and/or sender, the
            # sender being the other party) silence due items as they silence findings.
            if suppressions is not None and suppressions.silences(
                    item.party or "", item.code, ctx.now) is not None:
                continue
            out.append(item)
    except HistoryError:
        raise  # the store failed, not the rule
    except Exception as exc:
        if engine.strict:
            raise
        plugin = engine.plugins.describe(rule.plugin or "?")
        log.error("follow-through rule %s (%s) of plugin %s raised %s", rule.code, rule.name,
                  plugin, type(exc).__name__)
        locale = ctx.locale if ctx.locale in engine.locales else "en"
        evidence = {"code": rule.code, "name": rule.name, "plugin": plugin,
                    "error": type(exc).__name__}
        out.append(DueItem(
            code=RULE_CRASHED.code, name=RULE_CRASHED.name, action=None,
            severity=Severity.ERROR, platform=ctx.spec.name, event=None, party=None,
            party_name=None, since=ctx.now, due=ctx.now, waited_days=0, overdue_days=0,
            message=format_message(RULE_CRASHED.messages, locale, "due", evidence),
            locale=locale, evidence=evidence, plugin="engine"))
    return out


def _dedupe(items: Sequence[DueItem]) -> list[DueItem]:
    best: dict[tuple[str, str], DueItem] = {}
    rest: list[DueItem] = []
    for item in items:
        if item.event is None:
            rest.append(item)
            continue
        k = (item.platform, item.event)
        old = best.get(k)
        if old is None or (item.severity.rank, item.code) > (old.severity.rank, old.code):
            best[k] = item
    out = [*best.values(), *rest]
    out.sort(key=lambda i: (i.since, i.code, i.platform, i.event or ""))
    return out


# --------------------------------------------------------------------------- examples


def check_history_example(engine: Engine, rule: Rule, example: Example) -> bool:
    """Whether `rule` fires on `example`: a follow-through rule is run by
    `run_due` at `example.now` over `example.history` (plus `example.event`
    when given); a per-event rule evaluates `example.event` against that history."""
    history = InMemoryHistory(event_from_dict(e) for e in example.history)
    now = _dt.datetime.fromisoformat(example.now) if example.now else None
    if rule.follow_through:
        if example.event is not None:
            history.record([event_from_dict(example.event)])
        if now is None:
            raise ValueError(f"{rule.code}: a follow-through example needs 'now'")
        return any(i.code == rule.code for i in run_due(engine, now, history, [rule.code]))
    if example.event is None:
        raise ValueError(f"{rule.code}: a history example of a per-event rule needs 'event'")
    assessment = engine.evaluate(event_from_dict(example.event), history=history, now=now)
    return any(f.code == rule.code for f in assessment.findings)
