"""The engine: compile plugins and a policy into a plan once, then evaluate events fast.

Building an engine collects rules, platforms and presets from the plugins, validates the
policy against them (unknown rule codes, option types) and compiles a **plan**: for each
platform × event kind × direction × account type, the tuple of rules to run with their
resolved severity, weight and options. After that the engine is immutable, and
:meth:`Engine.evaluate` does no hook dispatch, no policy lookups and no option parsing:
it analyses the text once, runs the tuple, sums the weights and asks the decider.
"""

from __future__ import annotations

import datetime as _dt
import logging
import math
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import cattrs

from .decision import Decider, default_decider, job_of
from .model import (
    Action,
    Direction,
    Event,
    Kind,
    Profile,
    Severity,
    _format_exception,
    event_from_dict,
)
from .plugins import PluginError, PluginSet, load_plugins
from .policy import Policy, PolicyError, Thresholds, did_you_mean, load_policy
from .presets import PRESETS
from .replies import Reply, ReplyBook, reply_key
from .rules import Finding, PlatformSpec, Rule, RuleContext, format_message
from .suppress import SuppressionIndex, SuppressionReport
from .text import TextAnalyser, formal_salutation

__all__ = ["Assessment", "Engine", "EngineError", "RuleTrace", "Trace"]

log = logging.getLogger("knigge_engine")

_RESERVED = ("severity", "weight", "enabled")
_PREMIUM_STATES: tuple[bool | None, ...] = (True, False, None)


class EngineError(RuntimeError):
    """The engine cannot be built: conflicting plugins or a policy that names rules or
    options that do not exist."""


@attrs.frozen(slots=True)
class RuleTrace:
    """One rule's part in an assessment: ``status`` is ``ran``, ``fired`` or a reason it
    was skipped (``not applicable``, ``disabled by policy``, ``capability missing``,
    ``suppressed``)."""

    code: str
    name: str
    status: str
    detail: str = ""


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

    def max_severity(self) -> Severity | None:
        """The most severe finding's severity, ``None`` without findings."""
        best: Severity | None = None
        for f in self.findings:
            if best is None or f.severity.rank > best.rank:
                best = f.severity
        return best

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the event contract (``docs/events.md``)."""
        out: dict[str, Any] = {
            "event": self.event,
            "platform": self.platform,
            "kind": self.kind.value,
            "direction": self.direction.value,
            "action": None if self.action is None else self.action.value,
            "score": self.score,
            "findings": [_finding_dict(f) for f in self.findings],
            "reply": None
            if self.reply is None
            else {"locale": self.reply.locale, "text": self.reply.text, "key": self.reply.key},
        }
        if self.trace is not None:
            out["trace"] = _trace_dict(self.trace)
        return out


def _finding_dict(f: Finding) -> dict[str, Any]:
    d: dict[str, Any] = {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "weight": f.weight,
        "message": f.message,
    }
    if f.span is not None:
        d["span"] = list(f.span)
    if f.action is not None:
        d["action"] = f.action.value
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


class _Compiled:
    """A rule bound to its resolved settings for one plan entry."""

    __slots__ = ("action", "check", "code", "messages", "name", "options", "plugin", "rule",
                 "severity", "weight")

    def __init__(self, rule: Rule, severity: Severity, weight: float, options: Any) -> None:
        self.rule = rule
        self.check = rule.check
        self.code = rule.code
        self.name = rule.name
        self.severity = severity
        self.weight = weight
        self.options = options
        self.messages = rule.messages
        self.action = rule.action
        self.plugin = rule.plugin

    def finding(
        self,
        locale: str,
        span: tuple[int, int] | None,
        action: Action | None,
        key: str | None,
        evidence: Mapping[str, Any],
        kind: str | None = None,
    ) -> Finding:
        return Finding(
            self.code,
            self.name,
            self.severity,
            self.weight,
            format_message(self.messages, locale, key, evidence, kind),
            span,
            action if action is not None else self.action,
            evidence or None,
            self.plugin,
        )


@attrs.frozen
class _Entry:
    """One plan entry: what runs for a platform × kind × direction × account type."""

    spec: PlatformSpec
    rules: tuple[_Compiled, ...]
    skipped: tuple[RuleTrace, ...]
    thresholds: Thresholds
    locale: str
    form: str | None
    needs_text: bool
    enabled: bool
    notice: Finding | None


#: How many rendered replies an engine keeps (see ``Engine._reply``).
_REPLY_CACHE_SIZE = 4096

_UNKNOWN_PLATFORM = Rule(
    code="KE002",
    name="unknown-platform",
    summary="No installed plugin provides the event's platform.",
    why="Platform norms and limits come from platform plugins; without one only the "
    "generic rules can run.",
    source="engine",
    check=lambda e, c: None,
    kinds=tuple(Kind),
    messages={
        "en": "No installed plugin provides the platform '{platform}': only the generic "
        "rules ran. Install a plugin for it (e.g. pip install knigge-{platform}).",
        "de": "Kein installiertes Plugin stellt die Plattform '{platform}' bereit: nur die "
        "allgemeinen Regeln liefen. Installieren Sie ein Plugin dafür "
        "(z. B. pip install knigge-{platform}).",
    },
    severity=Severity.INFO,
    weight=0.0,
    plugin="engine",
)

_RULE_CRASHED = Rule(
    code="KE001",
    name="rule-crashed",
    summary="A rule raised an exception; the other rules still ran.",
    why="One faulty plugin must not stop an evaluation.",
    source="engine",
    check=lambda e, c: None,
    kinds=tuple(Kind),
    messages={
        "en": "Rule {code} ({name}) of plugin {plugin} raised {error}; its verdict is missing.",
        "de": "Regel {code} ({name}) aus Plugin {plugin} ist mit {error} abgebrochen; "
        "ihr Ergebnis fehlt.",
    },
    severity=Severity.ERROR,
    weight=0.0,
    plugin="engine",
)


def _selector_match(selector: str, rule: Rule) -> int:
    """How specifically ``selector`` names ``rule``: 0 not at all, else a rank where an
    exact code or name beats a longer prefix beats a shorter one (like ruff)."""
    if selector == rule.code or selector == rule.name:
        return 100
    if selector == "ALL":
        return 1
    if rule.code.startswith(selector):
        return 1 + len(selector)
    return 0


class Engine:
    """Evaluates contact events against the rules of its plugins under a policy.

    Build it once and reuse it: it is immutable after construction and safe to share
    between threads. ``Engine()`` uses the ``default`` preset and every installed plugin.

    :param policy: a :class:`Policy`, a path to a policy file, or ``None`` for the file
        :func:`~knigge_engine.policy.find_policy` finds (else the ``default`` preset).
    :param plugins: extra plugin objects to register (modules or objects with hooks).
    :param entry_points: load the plugins of the ``knigge_engine`` entry-point group.
    :param blocked: plugin names to leave out (added to the policy's ``plugins.disable``).
    :param strict: raise on a crashing rule or a broken plugin instead of reporting it.
    :param history: the default history for rules that read it.
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
        history: Any = None,
    ) -> None:
        plugins = tuple(plugins)
        blocked = tuple(blocked)
        pset = load_plugins(plugins=plugins, entry_points=entry_points, builtin=builtin,
                            blocked=blocked, strict=bool(strict))
        presets = dict(PRESETS)
        for _plugin, provided in pset.call("knigge_presets"):
            for preset_name, text in dict(provided).items():
                presets.setdefault(preset_name, text)
        if policy is None or isinstance(policy, (str, Path)):
            policy = load_policy(policy, presets=presets)
        disabled = tuple(n for n in policy.plugins.disable if n not in blocked)
        if disabled:
            pset = load_plugins(plugins=plugins, entry_points=entry_points, builtin=builtin,
                                blocked=(*blocked, *disabled), strict=bool(strict))
        self.policy: Policy = policy
        self.presets: Mapping[str, str] = presets
        self.plugins: PluginSet = pset
        self.strict: bool = policy.strict if strict is None else strict
        self.history = history
        self.rules: Mapping[str, Rule] = self._collect_rules()
        self.platforms: Mapping[str, PlatformSpec] = self._collect_platforms()
        self._by_name = {r.name: r for r in self.rules.values()}
        self._validate_policy()
        self._warn_unknown_platforms()
        self._replies = ReplyBook(policy.replies)
        # Rendered replies by (key, locale, form, name, owner, other): a reply is a pure,
        # immutable function of these and the engine's fixed reply book, and the same
        # few people and templates recur in a stream.
        self._reply_cache: dict[tuple[Any, ...], Reply] = {}
        decided = pset.first("knigge_decider", policy=policy)
        self._decide: Decider = decided[1] if decided else default_decider
        self._decider_plugin: str | None = decided[0] if decided else None
        # Compiled once; ``_suppress`` is None unless a suppression can apply, so an
        # event costs one attribute test when the policy has none.
        self._suppressions = SuppressionIndex(policy.suppress, lambda k: tuple(
            r.code for r in self.rules.values() if k in (r.code, r.name)))
        self._suppress = self._suppressions if self._suppressions.active else None
        self._owner: Profile | None = policy.owner_profile()
        # The text analyser is built once, with the policy's sales phrases.
        self._analyse = TextAnalyser(**self._analyser_options())
        self._lock = threading.Lock()
        self._plan: dict[tuple[str, Kind, Direction, bool | None], _Entry] = {}
        for platform in self.platforms:
            self._compile_platform(platform)

    # ----------------------------------------------------------------- build time

    @property
    def problems(self) -> list[Any]:
        """Plugins that failed to load or register (see :class:`PluginProblem`)."""
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
                unusable = _options_problem(item)
                if unusable is not None:
                    self.plugins.problem(plugin, "knigge_rules", unusable)
                    continue
                other = rules.get(item.code)
                twin = names.get(item.name)
                # Platform plugins share names by design (LI401 and XI401 are both
                # note-over-limit; RULES.md): a name must be unique within a plugin only,
                # and a policy key or selector naming it addresses every such rule.
                if other is None and twin is not None and twin.plugin == item.plugin:
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

    def _resolve_rule_key(self, key: str, where: str) -> Rule:
        found = self.rules.get(key) or self._by_name.get(key)
        if found is None:
            known = [*self.rules, *self._by_name]
            raise PolicyError(
                f"no rule has the code or name '{key}'{did_you_mean(key, known)}",
                source=self.policy.source, path=where,
            )
        return found

    def _validate_selectors(self, selectors: Sequence[str], where: str) -> None:
        for sel in selectors:
            if not any(_selector_match(sel, r) for r in self.rules.values()):
                known = [*self.rules, *self._by_name]
                raise PolicyError(
                    f"'{sel}' selects no rule{did_you_mean(sel, known)}",
                    source=self.policy.source, path=where,
                )

    def _validate_policy(self) -> None:
        p = self.policy
        for field in ("select", "ignore", "extend_select", "extend_ignore"):
            self._validate_selectors(getattr(p, field) or (), field)
        for key in p.rules:
            self._resolve_rule_key(key, f"rules.{key}")
        for pname, pp in p.platforms.items():
            for field in ("select", "ignore", "extend_select", "extend_ignore"):
                self._validate_selectors(getattr(pp, field) or (), f"platforms.{pname}.{field}")
            for key in pp.rules:
                self._resolve_rule_key(key, f"platforms.{pname}.rules.{key}")
        for path, reason in ReplyBook.validate(p.replies):
            raise PolicyError(reason, source=p.source, path=path)
        for i, sup in enumerate(p.suppress):
            if sup.rule is not None:
                self._resolve_rule_key(sup.rule, f"suppress[{i}].rule")
            if sup.rule is None and sup.sender is None:
                raise PolicyError("a suppression needs a 'rule', a 'sender' or both",
                                  source=p.source, path=f"suppress[{i}]")
        # Structure every rule's options once globally, so an error is reported even for a
        # platform that no event uses.
        for rule in self.rules.values():
            self._settings(rule, None, PlatformSpec.generic_for("*"))

    def _warn_unknown_platforms(self) -> None:
        # Not an error: the plugin for a platform may simply not be installed here. But a
        # typo would silently disable an override, so say which names are unknown.
        for name in self.policy.platforms:
            if name not in self.platforms:
                log.warning(
                    "%s: platforms.%s: no installed plugin provides this platform%s; "
                    "its overrides apply only to events of that exact name",
                    self.policy.source or "policy", name,
                    did_you_mean(name, self.platforms),
                )

    def _analyser_options(self) -> dict[str, Any]:
        rule = self.rules.get("KN105")
        if rule is None:
            return {}
        opts = self._settings(rule, None, PlatformSpec.generic_for("*"))[3]
        phrases = getattr(opts, "phrases", None)
        return {} if phrases is None else {"sales_phrases": tuple(phrases)}

    def _settings(
        self, rule: Rule, platform: str | None, spec: PlatformSpec
    ) -> tuple[bool, Severity, float, Any]:
        """Resolve (enabled, severity, weight, options) for a rule on a platform:
        platform spec defaults < policy ``[rules]`` < policy ``[platforms.X.rules]``."""
        layers: list[tuple[str, Mapping[str, Any]]] = []
        for key in (rule.code, rule.name):
            if key in spec.rule_defaults:
                layers.append((f"platform spec {spec.name}", spec.rule_defaults[key]))
        for key in (rule.code, rule.name):
            if key in self.policy.rules:
                layers.append((f"rules.{key}", self.policy.rules[key]))
        pp = self.policy.platforms.get(platform) if platform else None
        if pp is not None:
            for key in (rule.code, rule.name):
                if key in pp.rules:
                    layers.append((f"platforms.{platform}.rules.{key}", pp.rules[key]))
        enabled, severity, weight = rule.enabled, rule.severity, rule.weight
        options: dict[str, Any] = {}
        for where, table in layers:
            for k, v in table.items():
                if k == "enabled":
                    if not isinstance(v, bool):
                        raise PolicyError(f"expected true or false, found {v!r}",
                                          source=self.policy.source, path=f"{where}.enabled")
                    enabled = v
                elif k == "severity":
                    try:
                        severity = Severity(v)
                    except ValueError:
                        raise PolicyError(
                            f"expected 'info', 'warning' or 'error', found {v!r}",
                            source=self.policy.source, path=f"{where}.severity",
                        ) from None
                elif k == "weight":
                    if isinstance(v, bool) or not isinstance(v, (int, float)):
                        raise PolicyError(f"expected a number, found {v!r}",
                                          source=self.policy.source, path=f"{where}.weight")
                    weight = float(v)
                    if not math.isfinite(weight):
                        raise PolicyError(f"expected a finite number, found {v!r}",
                                          source=self.policy.source, path=f"{where}.weight")
                else:
                    options[k] = (where, v)
        return enabled, severity, weight, self._structure_options(rule, options)

    def _structure_options(self, rule: Rule, given: Mapping[str, tuple[str, Any]]) -> Any:
        if rule.options is None:
            if given:
                key, (where, _) = next(iter(given.items()))
                raise PolicyError(
                    f"rule {rule.code} ({rule.name}) has no option '{key}'; it takes only "
                    "severity, weight and enabled",
                    source=self.policy.source, path=f"{where}.{key}",
                )
            return None
        fields = {a.name for a in attrs.fields(rule.options)}
        for key, (where, _) in given.items():
            if key not in fields:
                raise PolicyError(
                    f"rule {rule.code} ({rule.name}) has no option '{key}'"
                    f"{did_you_mean(key, fields)}; options: "
                    + ", ".join(sorted(fields | set(_RESERVED))),
                    source=self.policy.source, path=f"{where}.{key}",
                )
        try:
            return _options_converter.structure({k: v for k, (_, v) in given.items()},
                                                rule.options)
        except Exception as exc:
            messages = cattrs.transform_error(exc, path="", format_exception=_format_exception)
            first = messages[0] if messages else str(exc)
            reason, _, path = first.rpartition(" @ ")
            if not path.lstrip(".") and given:
                # A validator of the options class failed: find the key it belongs to
                # by structuring the given options one at a time.
                for name, (_, value) in given.items():
                    try:
                        _options_converter.structure({name: value}, rule.options)
                    except Exception:  # noqa: BLE001
                        path = f".{name}"
                        break
            key = path.lstrip(".").split(".")[0].split("[")[0]
            where = given[key][0] if key in given else f"rules.{rule.code}"
            raise PolicyError(reason or first, source=self.policy.source,
                              path=f"{where}.{path.lstrip('.')}") from None

    def _selected(self, rule: Rule, platform: str | None) -> tuple[bool, str]:
        p = self.policy
        pp = p.platforms.get(platform) if platform else None
        select = p.select
        if pp is not None and pp.select is not None:
            select = pp.select
        selects = [*(select or ()), *p.extend_select, *(pp.extend_select if pp else ())]
        ignores = [*p.ignore, *p.extend_ignore, *((*pp.ignore, *pp.extend_ignore) if pp else ())]
        sel = max((_selector_match(s, rule) for s in selects), default=0)
        ign = max((_selector_match(s, rule) for s in ignores), default=0)
        if select is None and sel == 0:
            sel = 1 if rule.enabled else 0  # every rule that is on by default
        if sel == 0:
            return False, "not selected by the policy"
        if ign >= sel:
            return False, "ignored by the policy"
        return True, ""

    def _compile_platform(self, platform: str, spec: PlatformSpec | None = None) -> None:
        spec = spec or self.platforms[platform]
        pp = self.policy.platforms.get(platform)
        if pp is not None and (pp.capabilities or pp.limits or pp.premium_limits):
            spec = attrs.evolve(
                spec,
                capabilities={**spec.capabilities, **pp.capabilities},
                premium_capabilities={**spec.premium_capabilities, **pp.capabilities},
                limits={**spec.limits, **pp.limits},
                premium_limits={**spec.premium_limits, **pp.limits, **pp.premium_limits},
            )
        thresholds = self.policy.thresholds
        if pp is not None and pp.thresholds:
            thresholds = attrs.evolve(thresholds, **pp.thresholds)
        locale = (pp.locale if pp and pp.locale else None) or self.policy.locale
        form = (pp.form if pp and pp.form else None) or spec.address_form
        enabled = pp.enabled if pp is not None else True
        settings = {}
        for rule in self.rules.values():
            if rule.follow_through:
                continue
            selected, why_not = self._selected(rule, platform)
            on, severity, weight, options = self._settings(rule, platform, spec)
            if not rule.enabled:
                # A rule that is off by default runs when the policy sets enabled = true
                # for it or names it in a selection, unless the policy also ignores it.
                if on:
                    selected, why_not = self._selected(attrs.evolve(rule, enabled=True),
                                                       platform)
                elif selected:
                    on = True
            if not on and selected:
                selected, why_not = False, "disabled by the policy"
            settings[rule.code] = (selected, why_not, severity, weight, options)
        notice = None
        if spec.generic:
            notice = _Compiled(_UNKNOWN_PLATFORM, Severity.INFO, 0.0, None)
        for kind in Kind:
            for direction in Direction:
                for premium in _PREMIUM_STATES:
                    run: list[_Compiled] = []
                    skipped: list[RuleTrace] = []
                    for rule in self.rules.values():
                        if rule.follow_through:
                            continue
                        selected, why_not, severity, weight, options = settings[rule.code]
                        if kind not in rule.kinds or direction not in rule.directions:
                            skipped.append(RuleTrace(rule.code, rule.name, "not applicable",
                                                     f"applies to {_applies(rule)}"))
                            continue
                        if rule.platforms and platform not in rule.platforms:
                            skipped.append(RuleTrace(
                                rule.code, rule.name, "not applicable",
                                f"runs on {', '.join(sorted(rule.platforms))} only"))
                            continue
                        if not selected:
                            skipped.append(RuleTrace(rule.code, rule.name, "disabled by policy",
                                                     why_not))
                            continue
                        missing = [c for c in sorted(rule.requires)
                                   if spec.capability(c, premium) is not True]
                        if missing:
                            skipped.append(_capability_trace(rule, spec, premium, missing))
                            continue
                        compiled = _Compiled(rule, severity, weight, options)
                        compiled.options = options
                        run.append(compiled)
                    self._plan[(platform, kind, direction, premium)] = _Entry(
                        spec=spec,
                        rules=tuple(run),
                        skipped=tuple(skipped),
                        thresholds=thresholds,
                        locale=locale,
                        form=form,
                        needs_text=bool(run),
                        enabled=enabled,
                        notice=None if notice is None else notice.finding(
                            "en", None, None, None, {"platform": platform}),
                    )

    def _generic_entry(self, platform: str, key: tuple[Any, ...]) -> _Entry:
        with self._lock:
            if key not in self._plan:
                log.warning(
                    "no installed plugin provides the platform %r; evaluating its events "
                    "with the generic rules only", platform,
                )
                self._compile_platform(platform, PlatformSpec.generic_for(platform))
            return self._plan[key]

    # ----------------------------------------------------------------- per event

    def evaluate(
        self,
        event: Event | Mapping[str, Any],
        *,
        history: Any = None,
        now: _dt.datetime | None = None,
        explain: bool = False,
    ) -> Assessment:
        """Assess one event (an event object or its JSON dict).

        ``history`` overrides the engine's default history for this call; ``now``
        defaults to the event's own time. ``explain=True`` attaches a :class:`Trace`.
        Raises :class:`~knigge_engine.model.EventError` for a dict that does not fit the
        event contract.
        """
        if isinstance(event, Mapping):
            event = event_from_dict(event)
        sender = event.sender
        direction = event.direction
        premium = sender.premium
        if premium is None and direction is Direction.OUTGOING and self._owner is not None:
            premium = self._owner.premium
        key = (event.platform, event.kind, direction, premium)
        entry = self._plan.get(key)
        if entry is None:
            entry = self._generic_entry(event.platform, key)
        text_value = event.text
        analysis = self._analyse(text_value) if text_value is not None and entry.needs_text \
            else None
        locale = entry.locale
        if locale == "auto":
            locale = (analysis.language if analysis is not None else None) or entry.spec.locale
            if locale not in ("de", "en"):
                locale = "en"
        form = entry.form
        if analysis is not None:
            if analysis.address_form in ("sie", "du"):
                form = analysis.address_form
            elif (analysis.greeting is not None and analysis.language != "en"
                  and formal_salutation(text_value or "", analysis.greeting)):
                # "Hallo Frau Schröder" without a single pronoun is still the Sie form.
                form = "sie"
        ctx = RuleContext(
            event=event,
            spec=entry.spec,
            owner=self._owner,
            locale=locale,
            form=form,
            text=analysis,
            history=history if history is not None else self.history,
            now=now or event.at,
            premium=premium,
        )
        findings: list[Finding] = []
        if entry.notice is not None:
            findings.append(self._localized_notice(entry, locale, event.platform))
        if entry.enabled:
            for compiled in entry.rules:
                ctx.options = compiled.options
                ctx._compiled = compiled
                try:
                    result = compiled.check(event, ctx)
                except Exception as exc:
                    if self.strict:
                        raise
                    findings.append(self._crash(compiled, exc, locale))
                    continue
                if result is None:
                    continue
                if isinstance(result, Finding):
                    findings.append(result)
                else:
                    try:
                        findings.extend(result)
                    except Exception as exc:
                        if self.strict:
                            raise
                        findings.append(self._crash(compiled, exc, locale))
        suppressed: tuple[tuple[Finding, int], ...] = ()
        if self._suppress is not None and findings:
            findings, suppressed = self._suppress.apply(sender.id, findings)
        score = 0.0
        for f in findings:
            score += f.weight
        score = round(score, 6)
        action = self._decide(event, findings, score, entry.thresholds)
        reply = self._reply(event, action, locale, form, findings)
        trace = self._trace(entry, findings, score, action, event, suppressed) \
            if explain else None
        return Assessment(event.id, event.platform, event.kind, direction, action, score,
                          tuple(findings), reply, locale, trace)

    def evaluate_many(
        self,
        events: Iterable[Event | Mapping[str, Any]],
        *,
        history: Any = None,
        now: _dt.datetime | None = None,
        explain: bool = False,
    ) -> Iterator[Assessment]:
        """Assess a stream of events lazily, one at a time, in constant memory."""
        evaluate = self.evaluate
        for event in events:
            yield evaluate(event, history=history, now=now, explain=explain)

    def due(self, now: _dt.datetime, history: Any = None,
            *, rules: Iterable[str] | None = None,
            horizon_days: int | None = None) -> Any:
        """Follow-through: what is due at ``now`` according to ``history`` (default: the
        engine's history), as a :class:`~knigge_engine.due.DueList` of
        :class:`~knigge_engine.due.DueItem` s, oldest first. ``rules`` limits the run to
        these rule codes; items older than ``horizon_days`` (default: the policy's,
        90) are counted in ``.older``, not listed. See ``docs/history.md``."""
        from .due import run_due

        history = history if history is not None else self.history
        if history is None:
            raise ValueError("Engine.due needs a history (Engine(history=...) or due(now, h))")
        return run_due(self, now, history, rules, horizon_days)

    def check_history_example(self, rule: Rule, example: Any) -> bool:
        """Whether ``rule`` fires on an example with ``history``/``now`` (used by
        :func:`knigge_engine.testing.check_example`)."""
        from .due import check_history_example

        return check_history_example(self, rule, example)

    def _localized_notice(self, entry: _Entry, locale: str, platform: str) -> Finding:
        assert entry.notice is not None
        if locale == "en":
            return entry.notice
        return attrs.evolve(entry.notice, message=format_message(
            _UNKNOWN_PLATFORM.messages, locale, None, {"platform": platform}))

    def _crash(self, compiled: _Compiled, exc: BaseException, locale: str) -> Finding:
        plugin = self.plugins.describe(compiled.plugin or "?")
        log.error("rule %s (%s) of plugin %s raised %s", compiled.code, compiled.name,
                  plugin, type(exc).__name__)
        evidence = {"code": compiled.code, "name": compiled.name, "plugin": plugin,
                    "error": type(exc).__name__}
        return Finding("KE001", "rule-crashed", Severity.ERROR, 0.0,
                       format_message(_RULE_CRASHED.messages, locale, None, evidence),
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
        owner = self._owner.name if self._owner is not None else None
        cache_key = (key, locale, form, name, owner, via)
        reply = self._reply_cache.get(cache_key)
        if reply is None:
            reply = self._replies.render(key, locale, form, name=name, owner=owner, other=via)
            if len(self._reply_cache) >= _REPLY_CACHE_SIZE:
                self._reply_cache.clear()  # bounded: a long stream of new names
            self._reply_cache[cache_key] = reply
        return reply

    def _trace(self, entry: _Entry, findings: Sequence[Finding], score: float,
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

    def suppression_report(self) -> SuppressionReport:
        """The policy's suppressions worth a look: those that have expired (they no
        longer apply) and those that have not silenced any finding since this engine was
        built. Call it after a run; ``knigge check`` prints it to standard error."""
        return self._suppressions.report()

    def rule(self, code_or_name: str) -> Rule:
        """A rule by code or name; raises ``KeyError`` with a suggestion."""
        found = self.rules.get(code_or_name)
        if found is not None:
            return found
        # Names are unique within a plugin, not across plugins (LI401 and XI401 are both
        # note-over-limit): a shared name must not silently pick one of them.
        named = [r for r in self.rules.values() if r.name == code_or_name]
        if len(named) > 1:
            codes = ", ".join(r.code for r in named)
            raise KeyError(f"the name '{code_or_name}' is ambiguous ({codes}): use the code")
        if not named:
            known = [*self.rules, *self._by_name]
            raise KeyError(f"no rule '{code_or_name}'{did_you_mean(code_or_name, known)}")
        return named[0]

    def platform(self, name: str) -> PlatformSpec:
        """The spec of a platform (the generic spec when no plugin provides it)."""
        return self.platforms.get(name) or PlatformSpec.generic_for(name)


def _capability_trace(rule: Rule, spec: PlatformSpec, premium: bool | None,
                      missing: Sequence[str]) -> RuleTrace:
    account = {True: "a premium", False: "a free", None: "an unknown"}[premium]
    unknown = [c for c in missing if spec.capability(c, premium) is None]
    absent = [c for c in missing if c not in unknown]
    parts = []
    if absent:
        parts.append(f"{spec.name} does not offer {', '.join(absent)} for {account} account")
    if unknown:
        # Unknown is no evidence: a rule that needs the capability does not guess.
        parts.append(f"whether {spec.name} offers {', '.join(unknown)} for {account} "
                     "account is unknown (fact unknown)")
    return RuleTrace(rule.code, rule.name, "capability missing", "; ".join(parts))


def _applies(rule: Rule) -> str:
    kinds = "/".join(sorted(k.value for k in rule.kinds))
    dirs = "/".join(sorted(d.value for d in rule.directions))
    return f"{dirs} {kinds}"


def _make_options_converter() -> cattrs.Converter:
    from .policy import _make_converter

    return _make_converter()


_options_converter = _make_options_converter()


def _options_problem(rule: Rule) -> str | None:
    """Why a policy could not set ``rule``'s options, or ``None`` when it can: every
    option needs a default, and a type a TOML value can be read into. Checked when the
    engine is built, so the plugin author hears of it before any policy names the rule."""
    cls = rule.options
    if cls is None:
        return None
    try:
        defaults = cls()
    except Exception as exc:
        return (f"rule {rule.code} ({rule.name}): its options class {cls.__name__} cannot "
                f"be made with defaults ({type(exc).__name__}: {exc}); give every option a "
                "default value")
    try:
        attrs.resolve_types(cls)  # string annotations (from __future__ import annotations)
    except Exception as exc:
        return (f"rule {rule.code} ({rule.name}): the option types of {cls.__name__} cannot "
                f"be resolved ({type(exc).__name__}: {exc})")
    conv = _options_converter
    for field in attrs.fields(cls):
        value = getattr(defaults, field.name)
        try:
            conv.get_structure_hook(field.type)(conv.unstructure(value), field.type)
        except Exception as exc:
            kind = getattr(field.type, "__name__", None) or str(field.type)
            return (f"rule {rule.code} ({rule.name}): option '{field.name}' of type "
                    f"{kind} cannot be read from a TOML policy ({type(exc).__name__}: "
                    f"{exc}); use str, int, float, bool, a tuple or list of those, or a "
                    "nested attrs class")
    try:
        conv.structure(conv.unstructure(defaults), cls)
    except Exception as exc:
        return (f"rule {rule.code} ({rule.name}): the defaults of {cls.__name__} do not "
                f"survive a round trip through a policy ({type(exc).__name__}: {exc})")
    return None

__all__ += ["PluginError"]
