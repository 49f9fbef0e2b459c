"""The engine: compile plugins and a policy into a plan once, then evaluate events fast.

Building an engine collects rules, platforms and presets from the plugins, validates the
policy against them (unknown rule codes, option types) and compiles a **plan**: for each
platform × event kind × direction × account type, the tuple of rules to run with their
resolved severity, weight and options. After that the engine is immutable, and
[`Engine.evaluate`][knigge_engine.engine.Engine.evaluate] does no hook dispatch, no policy lookups
and no option parsing: it analyses the text once, runs the tuple, sums the weights and asks the
decider.
"""

from __future__ import annotations

import datetime as _dt
import logging
import sys
import typing
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import locales
from .decision import Decider, default_decider, job_of
from .errors import HistoryError
from .locales import Locale
from .model import (
    EVENT_CLASSES,
    Action,
    Direction,
    Event,
    EventError,
    Kind,
    Profile,
    Severity,
    describe,
    event_from_dict,
    json_dumps,
)
from .plan import (
    RULE_CRASHED,
    UNKNOWN_PLATFORM,
    CompiledRule,
    Plan,
    PlanEntry,
    RuleTrace,
    canonical_rule_ref,
    compile_plan,
    elide,
    options_problem,
)
from .plugins import PluginError, PluginProblem, PluginSet, load_plugins
from .policy import (
    Policy,
    PolicyError,
    PolicyProblem,
    Thresholds,
    did_you_mean,
    read_policy,
)
from .presets import PRESETS
from .replies import Reply, ReplyBook, reply_key
from .rules import Example, Finding, PlatformSpec, Rule, RuleContext, format_message
from .suppress import SuppressionIndex, SuppressionReport
from .text import TextAnalyser, formal_salutation

if TYPE_CHECKING:
    from .due import DueList
    from .history import HistoryView

__all__ = ["Assessment", "Engine", "EngineError", "RuleTrace", "Trace"]

log = logging.getLogger("knigge_engine")

#: What `Engine.evaluate` takes besides JSON dicts.
_EVENT_TYPES = tuple(EVENT_CLASSES.values())
_EVENT_TYPE_SET = frozenset(_EVENT_TYPES)
#: A rule context without its `__init__` (`Engine.evaluate` sets every slot itself).
_new_context = object.__new__
#: Reference counts decide whether a rule context can be handed on (see `evaluate`). Only
#: where they are known to count a local variable and a call argument alike at both
#: places it is taken: CPython 3.11-3.13 (3.14 borrows some stack references; PyPy has
#: no reference counts). Elsewhere every rule gets a new context object.
_refcount = sys.getrefcount if (sys.implementation.name == "cpython"
                                and sys.version_info < (3, 14)) else None


class _Runner:
    """What `Engine.evaluate` needs of one plan entry, worked out once per entry (the
    first event of its shape): the entry's fields as plain attributes, the locale of an
    event without text, and the KE002 notice per locale."""

    __slots__ = ("enabled", "entry", "form", "known", "locale", "locale_without_text",
                 "localize", "needs_text", "notice", "notices", "rules", "spec",
                 "spec_locale", "thresholds")

    def __init__(self, entry: PlanEntry,
                 localize: Callable[[PlanEntry, str, str], Finding],
                 known: Collection[str] = locales.BUILTIN) -> None:
        self.entry = entry
        self.spec = entry.spec
        self.rules = entry.rules
        self.enabled = entry.enabled
        self.thresholds = entry.thresholds
        self.needs_text = entry.needs_text
        self.form = entry.form
        self.locale = entry.locale
        self.spec_locale = entry.spec.locale
        #: The codes of the engine's locales ("auto" picks one of them, else English).
        self.known = frozenset(known)
        locale = entry.locale
        if locale == "auto":
            locale = entry.spec.locale
            if locale not in self.known:
                locale = "en"
        self.locale_without_text = locale
        self.notice = entry.notice
        self.notices: dict[str, Finding] = {}
        self.localize = localize

    def notice_in(self, locale: str) -> Finding:
        """The KE002 notice in `locale` (made on first use)."""
        found = self.notices.get(locale)
        if found is None:
            found = self.notices[locale] = self.localize(self.entry, locale,
                                                         self.spec.name)
        return found


class EngineError(RuntimeError):
    """The engine cannot be built: conflicting plugins or a policy that names rules or
    options that do not exist."""


@attrs.frozen(slots=True)
class Trace:
    """How an assessment came about: every rule's status, the score, the thresholds and
    the action they gave."""

    rules: tuple[RuleTrace, ...]
    score: float
    thresholds: Thresholds
    job: str | None
    decision: str


@attrs.frozen(slots=True)
class Assessment:
    """The engine's verdict on one event."""

    event: str
    platform: str
    kind: Kind
    direction: Direction
    action: Action | None
    score: float
    findings: tuple[Finding, ...]
    reply: Reply | None = None
    locale: str = "en"
    trace: Trace | None = None
    #: Where the event was read (`inbox.jsonl:line 3`, `…/Invitations.csv:row 12`),
    #: when the caller said; `None` otherwise.
    source: str | None = None

    def max_severity(self) -> Severity | None:
        """The most severe finding's severity, `None` without findings."""
        best: Severity | None = None
        for f in self.findings:
            if best is None or f.severity.rank > best.rank:
                best = f.severity
        return best

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the event contract (`docs/events.md`)."""
        out: dict[str, Any] = {
            "event": self.event,
            "platform": self.platform,
            "kind": _VALUE[self.kind],
            "direction": _VALUE[self.direction],
            "action": None if self.action is None else _VALUE[self.action],
            "score": self.score,
            "findings": [_finding_dict(f) for f in self.findings],
            "reply": None
            if self.reply is None
            else {"locale": self.reply.locale, "text": self.reply.text, "key": self.reply.key},
        }
        if self.trace is not None:
            out["trace"] = _trace_dict(self.trace)
        if self.source is not None:
            out["source"] = self.source
        return out

    def to_json(self) -> bytes:
        """[`to_dict`][knigge_engine.engine.Assessment.to_dict] as JSON (UTF-8 bytes). Always
        succeeds: text with a lone surrogate or an integer beyond 64 bits in an event a host built
        directly (the JSON edge refuses both) is written as U+FFFD and as a string."""
        return json_dumps(self.to_dict())


#: Each enum member's value: a dictionary lookup costs a quarter of `member.value` (an
#: enum property, run in Python) on the per-assessment path of `to_dict`.
_VALUE: Mapping[Any, str] = {m: m.value for e in (Kind, Direction, Action, Severity)
                             for m in e}


def _finding_dict(f: Finding) -> dict[str, Any]:
    d: dict[str, Any] = {
        "code": f.code,
        "name": f.name,
        "severity": _VALUE[f.severity],
        "weight": f.weight,
        "message": f.message,
    }
    if f.span is not None:
        d["span"] = list(f.span)
    if f.action is not None:
        d["action"] = _VALUE[f.action]
    if f.evidence:
        d["evidence"] = {k: _jsonable(v) for k, v in f.evidence.items()}
    if f.plugin is not None:
        d["plugin"] = f.plugin
    return d


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    return str(value)


def _trace_dict(t: Trace) -> dict[str, Any]:
    return {
        "rules": [attrs.asdict(r) for r in t.rules],
        "score": t.score,
        "thresholds": attrs.asdict(t.thresholds),
        "job": t.job,
        "decision": t.decision,
    }


#: How many rendered replies an engine keeps (see `Engine._reply`).
_REPLY_CACHE_SIZE = 4096
#: Scores and their `round(score, 6)`: the same few sums of weights recur, and a
#: lookup costs a fifth of the rounding. (A score starts at 0.0, so it is never -0.0,
#: which would share 0.0's entry.)
_ROUNDED: dict[float, float] = {}

class Engine:
    """Evaluates contact events against the rules of its plugins under a policy.

    Build it once and reuse it: it is immutable after construction and safe to share
    between threads. `Engine()` uses the `default` preset and every installed plugin.

    Args:
        policy: a [`Policy`][knigge_engine.engine.Policy], a path to a policy file, or `None` for
            the file `find_policy` finds (else the `default` preset).
        plugins: extra plugin objects to register (modules or objects with hooks).
        entry_points: load the plugins of the `knigge_engine` entry-point group.
        blocked: plugin names to leave out (added to the policy's `plugins.disable`).
        strict: raise on a crashing rule or a broken plugin instead of reporting it.
        history: the default history for rules that read it.
        clock: what "now" is where no event says it (the suppression report judges expiry by it);
            default: the system clock, in UTC.
    """

    def __init__(
        self,
        policy: Policy | str | Path | None = None,
        *,
        plugins: Iterable[Any] = (),
        entry_points: bool = True,
        builtin: bool = True,
        blocked: Iterable[str] = (),
        strict: bool | None = None,
        history: HistoryView | None = None,
        clock: Callable[[], _dt.datetime] | None = None,
    ) -> None:
        plugins = tuple(plugins)
        blocked = tuple(blocked)
        pset = load_plugins(plugins=plugins, entry_points=entry_points, builtin=builtin,
                            blocked=blocked, strict=bool(strict))
        presets = dict(PRESETS)
        for _plugin, provided in pset.call("knigge_presets"):
            for preset_name, text in dict(provided).items():
                presets.setdefault(preset_name, text)
        problems: list[PolicyProblem] = []
        if policy is None or isinstance(policy, (str, Path)):
            # Every problem of the file at once: the file's own (types, unknown keys)
            # and, with the bad values left out, those against the installed plugins.
            policy, problems = read_policy(policy, presets=presets)
        disabled = tuple(n for n in policy.plugins.disable if n not in blocked)
        if disabled:
            pset = load_plugins(plugins=plugins, entry_points=entry_points, builtin=builtin,
                                blocked=(*blocked, *disabled), strict=bool(strict))
        self.presets: Mapping[str, str] = presets
        self.plugins: PluginSet = pset
        self.strict: bool = policy.strict if strict is None else strict
        self.history = history
        self.rules: Mapping[str, Rule] = self._collect_rules()
        self.platforms: Mapping[str, PlatformSpec] = self._collect_platforms()
        #: The languages this engine writes in: German, English and those its plugins
        #: add (`knigge_locales`), by code.
        self.locales: Mapping[str, Locale] = self._collect_locales()
        self._by_name = {r.name: r for r in self.rules.values()}
        try:
            #: The compiled policy (`Plan`).
            self.plan: Plan = compile_plan(
                policy, self.rules, self.platforms, quiet_platforms=(*blocked, *disabled),
                locales=self.locales,
                left_out=[f"{name} ({dist})" if dist else name
                          for name, dist in sorted(pset.left_out.items())])
        except PolicyError as exc:
            raise PolicyError.of([*problems, *exc.problems]) from None
        if problems:
            raise PolicyError.of(problems)
        #: The policy, its rule references spelled as the rules spell them (codes are
        #: case-insensitive: `kn204` in a policy is `KN204` here).
        policy = self.plan.policy
        self.policy: Policy = policy
        self._entries = self.plan.compiled  # each platform compiled on its first event
        # What evaluate runs per event shape (see _Runner), by the plan's entry key.
        self._runners: dict[tuple[Any, ...], _Runner] = {}
        self._unknown_runners: dict[tuple[Any, ...], _Runner] = {}
        self.replies = ReplyBook(policy.replies)
        # Rendered replies by (key, locale, form, name, owner, other): a reply is a pure,
        # immutable function of these and the engine's fixed reply book, and the same
        # few people and templates recur in a stream.
        self._reply_cache: dict[tuple[Any, ...], Reply] = {}
        decided = pset.first("knigge_decider", policy=policy)
        self._decide: Decider = decided[1] if decided else default_decider
        self._decider_plugin: str | None = decided[0] if decided else None
        #: The policy's suppressions, compiled; expiry is judged at each evaluation's
        #: `now`. `_suppress` is None unless a suppression can apply, so an event
        #: costs one attribute test when the policy has none.
        self.suppressions = SuppressionIndex(policy.suppress, lambda k: tuple(
            r.code for r in self.rules.values() if k in (r.code, r.name)))
        self._suppress = self.suppressions if self.suppressions.active else None
        self._clock = clock or _utcnow
        #: The owner's profile from the policy's `[owner]` table, or `None`.
        self.owner: Profile | None = policy.owner_profile()
        # The text analyser is built once, with the policy's sales phrases.
        self.analyse: TextAnalyser = TextAnalyser(**self._analyser_options())

    # ----------------------------------------------------------------- build time

    def _analyser_options(self) -> dict[str, Any]:
        """The text analyser's sales phrases, from the plugins (`knigge_sales_phrases`):
        the engine itself knows no rule's options."""
        phrases: dict[str, None] = {}
        for plugin, provided in self.plugins.call("knigge_sales_phrases", plan=self.plan):
            if isinstance(provided, str) or not all(isinstance(p, str) for p in provided):
                self.plugins.problem(plugin, "knigge_sales_phrases",
                                     "returned something other than a list of phrases")
                continue
            phrases.update(dict.fromkeys(provided))
        return {"sales_phrases": tuple(phrases)} if phrases else {}

    @property
    def problems(self) -> list[PluginProblem]:
        """Plugins that failed to load or register (see
[`PluginProblem`][knigge_engine.PluginProblem])."""
        return list(self.plugins.problems)

    def _collect_rules(self) -> dict[str, Rule]:
        rules: dict[str, Rule] = {}
        names: dict[str, Rule] = {}
        for plugin, provided in self.plugins.call("knigge_rules"):
            try:
                items = list(provided)
            except TypeError:
                self.plugins.problem(plugin, "knigge_rules",
                                     f"returned {type(provided).__name__}, expected rules")
                continue
            for item in items:
                if not isinstance(item, Rule):
                    self.plugins.problem(
                        plugin, "knigge_rules",
                        f"returned {item!r}, which is not a Rule (use the @rule decorator)",
                    )
                    continue
                item = item.with_plugin(plugin)
                if not item.bad or not item.good:
                    self.plugins.problem(
                        plugin, "knigge_rules",
                        f"rule {item.code} ({item.name}) has no "
                        f"{'bad' if not item.bad else 'good'} example; every rule needs both",
                    )
                    continue
                unusable = options_problem(item)
                if unusable is not None:
                    self.plugins.problem(plugin, "knigge_rules", unusable)
                    continue
                other = rules.get(item.code)
                twin = names.get(item.name)
                # Names are public API like codes (a policy key, a selector, `knigge
                # explain NAME`): unique across every installed plugin.
                if other is None:
                    other = twin
                if other is not None:
                    raise EngineError(
                        f"rule {item.code} ({item.name}) of plugin "
                        f"{self.plugins.describe(plugin)} clashes with rule {other.code} "
                        f"({other.name}) of plugin {self.plugins.describe(other.plugin or '?')}: "
                        "codes and names must be unique; rename one or block a plugin"
                    )
                rules[item.code] = item
                names.setdefault(item.name, item)
        return dict(sorted(rules.items()))

    def _collect_platforms(self) -> dict[str, PlatformSpec]:
        specs: dict[str, PlatformSpec] = {}
        for plugin, provided in self.plugins.call("knigge_platforms"):
            for spec in provided:
                if not isinstance(spec, PlatformSpec):
                    self.plugins.problem(plugin, "knigge_platforms",
                                         f"returned {spec!r}, which is not a PlatformSpec")
                    continue
                if spec.name in specs:
                    raise EngineError(
                        f"platform '{spec.name}' is provided by both "
                        f"{self.plugins.describe(specs[spec.name].plugin or '?')} and "
                        f"{self.plugins.describe(plugin)}; block one of them"
                    )
                specs[spec.name] = attrs.evolve(spec, plugin=plugin)
        return specs

    def _collect_locales(self) -> dict[str, Locale]:
        found: dict[str, Locale] = dict(locales.BUILTIN)
        for plugin, provided in self.plugins.call("knigge_locales"):
            for loc in provided:
                if not isinstance(loc, Locale):
                    self.plugins.problem(plugin, "knigge_locales",
                                         f"returned {loc!r}, which is not a Locale")
                    continue
                try:
                    found[loc.code] = locales.register(loc)
                except locales.LocaleConflict as exc:
                    self.plugins.problem(plugin, "knigge_locales", str(exc))
        return found

    # ----------------------------------------------------------------- per event

    def evaluate(
        self,
        event: Event | Mapping[str, Any],
        *,
        history: HistoryView | None = None,
        now: _dt.datetime | None = None,
        explain: bool = False,
        source: str | None = None,
    ) -> Assessment:
        """Assess one event (an event object or its JSON dict).

        `history` overrides the engine's default history for this call; `now`
        defaults to the event's own time. `explain=True` attaches a
        [`Trace`][knigge_engine.engine.Trace]. `source` (where the event was read, e.g.
        `inbox.jsonl:line 3`) is carried into the assessment as is.
        Raises [`EventError`][knigge_engine.model.EventError] for a dict that does not fit the
        event contract.
        """
        if type(event) not in _EVENT_TYPE_SET:  # an exact event class: no ABC check
            if isinstance(event, Mapping):
                event = event_from_dict(event)
            elif not isinstance(event, _EVENT_TYPES):
                raise EventError(f"expected an event or a JSON object, found {describe(event)}")
        if TYPE_CHECKING:  # a dict was bound above; no call at run time
            event = typing.cast(Event, event)
        sender = event.sender
        direction = event.direction
        premium = sender.premium
        owner = self.owner
        if premium is None and direction is Direction.OUTGOING and owner is not None:
            premium = owner.premium
        key = (event.platform, event.kind, direction, premium)
        run = self._runners.get(key)
        if run is None:
            run = self._runner(key)
        text_value = event.text
        if text_value is not None and run.needs_text:
            analysis = self.analyse(text_value)
            locale = run.locale
            if locale == "auto":
                locale = analysis.language or run.spec_locale
                if locale not in run.known:
                    locale = "en"
            form = run.form
            if analysis.address_form in ("sie", "du"):
                form = analysis.address_form
            elif (analysis.greeting is not None and analysis.language != "en"
                  and formal_salutation(text_value or "", analysis.greeting)):
                # "Hallo Frau Schröder" without a single pronoun is still the Sie form.
                form = "sie"
        else:
            analysis = None
            locale = run.locale_without_text
            form = run.form
        history = history if history is not None else self.history
        now = now or event.at
        spec = run.spec
        findings: list[Finding] = []
        if run.notice is not None:
            findings.append(run.notice if locale == "en" else run.notice_in(locale))
        if run.enabled:
            # A locale a plugin added: a rule without messages in it runs in English
            # (its words, numbers and message alike; docs/decisions.md#locale).
            partial = locale not in locales.BUILTIN
            ctx = None
            alone = 0
            for compiled in run.rules:
                # Every rule gets a context of its own, which does not change while
                # anything refers to it. When nothing but this loop refers to the previous
                # rule's context any more (its reference count is back to what it was
                # when it was made: the rule kept no reference), the object is handed on
                # with the next rule's options instead of freed and made again, which no
                # one can tell apart and saves the allocation (docs/decisions.md).
                if ctx is None or _refcount is None or _refcount(ctx) != alone:
                    # Made without keyword parsing (what RuleContext() sets, in order).
                    ctx = _new_context(RuleContext)
                    alone = _refcount(ctx) if _refcount is not None else 0
                    ctx.event = event
                    ctx.spec = spec
                    ctx.owner = owner
                    ctx.form = form
                    ctx.text = analysis
                    ctx.history = history
                    ctx.now = now
                    ctx.premium = premium
                ctx.locale = locale if not partial or locale in compiled.messages else "en"
                ctx.options = compiled.options
                ctx.compiled = compiled
                try:
                    result = compiled.check(event, ctx)
                except HistoryError:
                    raise  # the store failed, not the rule: the run stops (exit 2)
                except Exception as exc:
                    if self.strict:
                        raise
                    findings.append(self._crash(compiled, exc, ctx.locale))
                    continue
                if result is None:
                    continue
                if type(result) is Finding or isinstance(result, Finding):
                    findings.append(result)
                else:
                    try:
                        findings.extend(result)
                    except HistoryError:
                        raise
                    except Exception as exc:
                        if self.strict:
                            raise
                        findings.append(self._crash(compiled, exc, ctx.locale))
        suppressed: tuple[tuple[Finding, int], ...] = ()
        if self._suppress is not None and findings:
            findings, suppressed = self._suppress.apply(sender.id, findings, now)
        score = 0.0
        for f in findings:
            score += f.weight
        rounded = _ROUNDED.get(score)
        if rounded is None:
            rounded = round(score, 6)
            if len(_ROUNDED) >= _REPLY_CACHE_SIZE:
                _ROUNDED.clear()
            _ROUNDED[score] = rounded
        score = rounded
        action = self._decide(event, findings, score, run.thresholds)
        reply = self._reply(event, action, locale, form, findings) \
            if action is not None else None
        trace = self._trace(run.entry, findings, score, action, event, suppressed) \
            if explain else None
        return Assessment(event.id, event.platform, event.kind, direction, action, score,
                          tuple(findings), reply, locale, trace, source)

    def _runner(self, key: tuple[Any, ...]) -> _Runner:
        """The runner of the plan entry for `key`, made on first use and kept: for a
        platform a plugin provides, for good; for any other, while the plan keeps the
        entry (its cache of unknown platforms is bounded)."""
        entry = self._entries.get(key)
        if entry is not None:
            run = self._runners[key] = _Runner(entry, self._localized_notice, self.locales)
            return run
        entry = self.plan.entry(*key)  # compiles a platform on its first event, or logs
        if self._entries.get(key) is entry:  # the unknown platform, once per name
            run = self._runners[key] = _Runner(entry, self._localized_notice, self.locales)
            return run
        found = self._unknown_runners.get(key)
        if found is not None and found.entry is entry:
            run = found
        else:
            if len(self._unknown_runners) >= _REPLY_CACHE_SIZE:
                self._unknown_runners.clear()
            run = self._unknown_runners[key] = _Runner(entry, self._localized_notice, self.locales)
        return run

    @typing.overload
    def evaluate_many(
        self,
        events: Iterable[Event | Mapping[str, Any]],
        *,
        history: HistoryView | None = None,
        now: _dt.datetime | None = None,
        explain: bool = False,
        errors: typing.Literal["raise"] = "raise",
    ) -> Iterator[Assessment]: ...

    @typing.overload
    def evaluate_many(
        self,
        events: Iterable[Event | Mapping[str, Any]],
        *,
        history: HistoryView | None = None,
        now: _dt.datetime | None = None,
        explain: bool = False,
        errors: typing.Literal["yield"],
    ) -> Iterator[Assessment | EventError]: ...

    def evaluate_many(
        self,
        events: Iterable[Event | Mapping[str, Any]],
        *,
        history: HistoryView | None = None,
        now: _dt.datetime | None = None,
        explain: bool = False,
        errors: typing.Literal["raise", "yield"] = "raise",
    ) -> Iterator[Assessment | EventError]:
        """Assess a stream of events lazily, one at a time, in constant memory.

        `errors` says what a bad event (one [`evaluate`][knigge_engine.engine.Engine.evaluate]
        refuses with [`EventError`][knigge_engine.model.EventError]) does: `"raise"` (the default)
        raises it and ends the stream; `"yield"` yields the error in the event's place and
        goes on, so the output has one item per input, in order. The error's
        `index` attribute is the event's position in `events` (from 0)."""
        if errors not in ("raise", "yield"):
            raise ValueError(f"errors must be 'raise' or 'yield', not {errors!r}")
        evaluate = self.evaluate
        if errors == "raise":
            for event in events:
                yield evaluate(event, history=history, now=now, explain=explain)
            return
        for index, event in enumerate(events):
            try:
                yield evaluate(event, history=history, now=now, explain=explain)
            except EventError as exc:
                exc.index = index
                yield exc

    def due(self, now: _dt.datetime | str, history: HistoryView | None = None,
            *, rules: Iterable[str] | None = None,
            horizon_days: int | None = None) -> DueList:
        """Follow-through: what is due at `now` according to `history` (default: the
        engine's history), as a `DueList` of
        [`DueItem`][knigge_engine.due.DueItem]s, oldest first. `rules` limits the run to
        these rules (codes or names, any case); items older than `horizon_days`
        (default: the policy's, 90) are counted in `.older`, not listed. See
        `docs/history.md`.

        `now` is a timezone-aware `datetime` or an ISO 8601 string
        with a UTC offset (`"2026-11-25T09:00:00+01:00"`, `"…Z"`). A time without
        an offset (naive) raises `ValueError`, since "9 o'clock" is a different
        moment in every zone; anything else raises `TypeError`."""
        from .due import run_due

        now = _aware_now(now)
        history = history if history is not None else self.history
        if history is None:
            raise ValueError("Engine.due needs a history (Engine(history=...) or due(now, h))")
        if rules is not None:
            if isinstance(rules, str):
                rules = (rules,)
            rules = [self.rule(r).code for r in rules]
        return run_due(self, now, history, rules, horizon_days)

    def check_history_example(self, rule: Rule, example: Example) -> bool:
        """Whether `rule` fires on an example with `history`/`now` (used by
        [`knigge_engine.testing.check_example`][knigge_engine.testing.check_example])."""
        from .due import check_history_example

        return check_history_example(self, rule, example)

    def _localized_notice(self, entry: PlanEntry, locale: str, platform: str) -> Finding:
        assert entry.notice is not None
        if locale == "en":
            return entry.notice
        return attrs.evolve(entry.notice, message=format_message(
            UNKNOWN_PLATFORM.messages, locale, None, entry.notice.evidence or {}))

    def _crash(self, compiled: CompiledRule, exc: BaseException, locale: str) -> Finding:
        plugin = self.plugins.describe(compiled.plugin or "?")
        log.error("rule %s (%s) of plugin %s raised %s", compiled.code, compiled.name,
                  plugin, type(exc).__name__)
        evidence = {"code": compiled.code, "name": compiled.name, "plugin": plugin,
                    "error": type(exc).__name__}
        return Finding("KE001", "rule-crashed", Severity.ERROR, 0.0,
                       format_message(RULE_CRASHED.messages, locale, None, evidence),
                       None, None, evidence, "engine")

    def _reply(self, event: Event, action: Action | None, locale: str,
               form: str | None, findings: Sequence[Finding] = ()) -> Reply | None:
        key = reply_key(event, action, findings)
        if key is None:
            return None
        other = event.other
        via = None
        if action is Action.ASK_FOR_INTRODUCTION:
            via = other.name
            name = None
        else:
            name = other.name
        owner = self.owner.name if self.owner is not None else None
        cache_key = (key, locale, form, name, owner, via)
        reply = self._reply_cache.get(cache_key)
        if reply is None:
            reply = self.replies.render(key, locale, form, name=name, owner=owner, other=via)
            if len(self._reply_cache) >= _REPLY_CACHE_SIZE:
                self._reply_cache.clear()  # bounded: a long stream of new names
            self._reply_cache[cache_key] = reply
        return reply

    def _trace(self, entry: PlanEntry, findings: Sequence[Finding], score: float,
               action: Action | None, event: Event,
               suppressed: Sequence[tuple[Finding, int]] = ()) -> Trace:
        fired: dict[str, list[Finding]] = {}
        for f in findings:
            fired.setdefault(f.code, []).append(f)
        silenced = {f.code: i for f, i in suppressed}
        traces = []
        for c in entry.rules:
            if c.code in fired:
                weights = " + ".join(f"{f.weight:+g}" for f in fired[c.code])
                traces.append(RuleTrace(c.code, c.name, "fired",
                                        f"weight {weights}, severity {c.severity.value}"))
            elif c.code in silenced:
                i = silenced[c.code]
                sup = self.policy.suppress[i]
                until = f", until {sup.expires}" if sup.expires else ""
                traces.append(RuleTrace(c.code, c.name, "suppressed",
                                        f"by suppress[{i}]{until}: {sup.reason}"))
            else:
                traces.append(RuleTrace(c.code, c.name, "ran",
                                        f"found nothing (weight {c.weight:+g} if it fires)"))
        if not entry.enabled:
            traces = [RuleTrace(c.code, c.name, "disabled by policy",
                                f"platform {event.platform} is disabled") for c in entry.rules]
        job = job_of(event.kind, event.direction)
        t = entry.thresholds
        if job == "coach":
            how = (f"score {score:g}: send below {t.revise:g}, revise from {t.revise:g}, "
                   f"dont_send from {t.dont_send:g}")
        elif job == "triage" and event.kind is Kind.CONTACT_REQUEST:
            how = (f"score {score:g}: accept below {t.accept_and_ask:g}, accept_and_ask from "
                   f"{t.accept_and_ask:g}, ask_first from {t.ask_first:g}, decline from "
                   f"{t.decline:g}")
        else:
            how = f"score {score:g}: no threshold applies to this event kind"
        if self._decider_plugin is not None and self._decide is not default_decider:
            how = (f"score {score:g}: decided by the decider of plugin "
                   f"{self._decider_plugin}, not by the thresholds")
        proposed = [f"{f.code} proposes {f.action.value}" for f in findings if f.action]
        if proposed:
            how += "; " + ", ".join(proposed)
        how += f" -> {action.value if action else 'no action'}"
        return Trace(tuple(traces) + entry.skipped, score, t, job, how)

    # ----------------------------------------------------------------- introspection

    def suppression_report(self, at: _dt.datetime | None = None) -> SuppressionReport:
        """The policy's suppressions worth a look: those expired at `at` (default: the
        engine's clock; they no longer apply to later events) and those that have not
        silenced any finding since this engine was built. Call it after a run; `knigge
        check` prints it to standard error."""
        return self.suppressions.report(at if at is not None else self._clock())

    def rule(self, code_or_name: str) -> Rule:
        """A rule by code or name, in any case (`kn204`, `KN204`,
        `Contact-Collector`); raises `KeyError` with a suggestion."""
        code_or_name = canonical_rule_ref(code_or_name, self.rules, self._by_name)
        found = self.rules.get(code_or_name)
        if found is not None:
            return found
        named = self._by_name.get(code_or_name)
        if named is None:
            known = [*self.rules, *self._by_name]
            raise KeyError(f"no rule '{code_or_name}'{did_you_mean(code_or_name, known)}")
        return named

    def platform(self, name: str) -> PlatformSpec:
        """The spec of a platform (the generic spec when no plugin provides it)."""
        return self.platforms.get(name) or PlatformSpec.generic_for(name)


def _aware_now(now: Any) -> _dt.datetime:
    """`Engine.due`'s `now`: an aware datetime, from a datetime or an ISO 8601 text."""
    if isinstance(now, str):
        try:
            parsed = _dt.datetime.fromisoformat(now.strip())
        except ValueError:
            raise ValueError(f"now: not an ISO 8601 time: {elide(now)} (write e.g. "
                             "'2026-11-25T09:00:00+01:00')") from None
        if parsed.tzinfo is None or parsed.utcoffset() is None:
            raise ValueError(f"now: {elide(now)} has no UTC offset; write it with one, "
                             "e.g. '2026-11-25T09:00:00+01:00' or '…Z' for UTC")
        return parsed
    if isinstance(now, _dt.datetime):
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now: a naive datetime (no tzinfo); give an aware one, e.g. "
                             "datetime.now(timezone.utc) or datetime(…, tzinfo=ZoneInfo("
                             "'Europe/Berlin'))")
        return now
    raise TypeError(f"now must be a timezone-aware datetime or an ISO 8601 string with a "
                    f"UTC offset, not {type(now).__name__}")


def _utcnow() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


__all__ += ["PluginError"]
