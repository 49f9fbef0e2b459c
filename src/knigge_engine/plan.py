"""The plan: a policy compiled against the installed rules and platforms, once.

`compile_plan` takes the policy resolved against the installed rules, platforms
and locales (`knigge_engine.resolve.resolve`, the policy layer: every value
checked there, with its key path) and compiles, for every platform × event kind ×
direction × account type, which rules run with which severity, weight and options (a
`PlanEntry`), and which do not and why ([`RuleTrace`][knigge_engine.plan.RuleTrace]). The result, a
[`Plan`][knigge_engine.plan.Plan], is immutable in everything a caller can see;
[`Engine`][knigge_engine.engine.Engine] holds one and runs its entries. Everything that
asks "what does the policy mean for this rule on this platform" — follow-through
(`knigge_engine.due`), `knigge policy show`, `--explain`, parallel workers —
asks the plan through its public methods:

- [`Plan.entry`][knigge_engine.plan.Plan.entry] — what runs for one event shape;
- [`Plan.settings_for`][knigge_engine.plan.Plan.settings_for] — a rule's resolved
[`RuleSettings`][knigge_engine.plan.RuleSettings] on a platform;
- [`Plan.why_not`][knigge_engine.plan.Plan.why_not] — why a rule does not run on a platform (`""` if
it does);
- [`Plan.due_rules`][knigge_engine.plan.Plan.due_rules] — the follow-through rules that run on a
platform.

Platforms no installed plugin provides share one generic compilation: an event of an
unknown platform costs a small, bounded cache entry, never a compilation of its own, and
the notice that says so is structured data
([`Plan.unknown_platforms`][knigge_engine.plan.Plan.unknown_platforms]).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from . import locales as _locales
from .locales import Locale
from .model import Action, Direction, Event, Kind, Severity, elide
from .policy import SETTING_KEYS, Policy, Thresholds
from .resolve import (
    GENERIC,
    Catalogue,
    ResolvedPolicy,
    RuleSettings,
    canonical_rule_ref,
    options_converter,
    options_problem,
    resolve,
    selector_match,
)
from .rules import Finding, PlatformSpec, Rule, format_message

__all__ = [
    "RULE_CRASHED",
    "UNKNOWN_PLATFORM",
    "CompiledRule",
    "Plan",
    "PlanEntry",
    "RuleSettings",
    "RuleTrace",
    "canonical_rule_ref",
    "compile_plan",
    "elide",
    "options_converter",
    "options_problem",
    "selector_match",
]

log = logging.getLogger("knigge_engine")

#: Keys of a policy's rule table that are settings, not options.
RESERVED = SETTING_KEYS
#: The account types a plan distinguishes: premium, free, unknown.
PREMIUM_STATES: tuple[bool | None, ...] = (True, False, None)
#: How many plan entries of unknown platforms are kept (each is a few hundred bytes: the
#: generic entry with the platform's own name; the rules are shared).
UNKNOWN_CACHE_SIZE = 4096
#: How many distinct unknown platform names are remembered (and warned about) per plan.
UNKNOWN_NAMES_KEPT = 100



@attrs.frozen(slots=True)
class RuleTrace:
    """One rule's part in an assessment: `status` is `ran`, `fired` or a reason it
    was skipped (`not applicable`, `disabled by policy`, `capability missing`,
    `suppressed`)."""

    code: str
    name: str
    status: str
    detail: str = ""


class CompiledRule:
    """A rule bound to its resolved settings for one plan entry: what the engine runs and
    what [`report`][knigge_engine.rules.RuleContext.report] turns into a finding.

    Made once, when the plan is compiled, and shared by every entry of a platform; it
    keeps what `report` needs per event ready after the rule's first finding (the
    message templates by locale and the `{subject}` words by event kind), so a finding
    costs one template fill and one object."""

    __slots__ = ("action", "check", "code", "messages", "name", "options", "plugin", "rule",
                 "severity", "templates", "weight")

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
        #: Per locale, the template `format_message` picks without a message key,
        #: and, when it names `{subject}`, the subject word by event kind (worked out
        #: at the rule's first finding, so an engine is built without it).
        self.templates: dict[str, tuple[str, dict[str | None, str] | None]] | None = None

    def finding(
        self,
        locale: str,
        span: tuple[int, int] | None,
        action: Action | None,
        key: str | None,
        evidence: Mapping[str, Any],
        kind: str | None = None,
    ) -> Finding:
        """A finding of this rule with its message rendered in `locale`."""
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

    def report(
        self,
        locale: str,
        span: tuple[int, int] | None,
        action: Action | None,
        key: str | None,
        evidence: dict[str, Any],
        event: Event | None,
        shown: Mapping[str, Any] | None = None,
    ) -> Finding:
        """`finding` for `event` (or `None`), with the template picked once per
        compiled rule: what [`RuleContext.report`][knigge_engine.RuleContext.report] calls, once per
        finding. `shown` overrides evidence values in the message only."""
        filled = evidence if not shown else {**evidence, **shown}
        templates = self.templates
        if templates is None:
            templates = self.templates = _plain_templates(self.messages)
        plain = templates.get(locale) if key is None else None
        if plain is None:
            finding = self.finding(locale, span, action, key, filled,
                                   None if event is None else event.kind.value)
            if shown:
                return Finding(finding.code, finding.name, finding.severity, finding.weight,
                               finding.message, finding.span, finding.action,
                               evidence or None, finding.plugin)
            return finding
        template, subjects = plain
        try:
            if subjects is None:
                message = template.format(**filled)
            else:
                kind = None if event is None else event.kind.value
                message = template.format_map({**filled, "subject": subjects.get(
                    kind, subjects[None])})
        except (KeyError, IndexError, ValueError) as exc:
            message = f"{template} [message could not be filled: {exc!r}]"
        return Finding(self.code, self.name, self.severity, self.weight, message, span,
                       action if action is not None else self.action, evidence or None,
                       self.plugin)


def _plain_templates(
    messages: Mapping[str, str],
) -> dict[str, tuple[str, dict[str | None, str] | None]]:
    """What `format_message` does without a message key, decided once per rule:
    for every registered locale the rule has a template in, the template
    and, if it names `{subject}`, the subject word for each event kind (`None`: the
    word for an unknown kind). A locale the rule has no template in is left to
    `format_message` (its English fallback)."""
    out: dict[str, tuple[str, dict[str | None, str] | None]] = {}
    for locale in _locales.codes():
        template = messages.get(locale)
        if not isinstance(template, str) or not template:
            continue  # format_message's own path: English, or what is wrong
        words = _locales.get(locale)
        subjects: dict[str | None, str] | None = None
        if "{subject}" in template:
            subjects = {kind.value: words.subject(kind.value) for kind in Kind}
            subjects[None] = words.subject(None)
        out[locale] = (template, subjects)
    return out


@attrs.frozen
class PlanEntry:
    """One plan entry: what runs for a platform × kind × direction × account type."""

    spec: PlatformSpec
    rules: tuple[CompiledRule, ...]
    skipped: tuple[RuleTrace, ...]
    thresholds: Thresholds
    locale: str
    form: str | None
    needs_text: bool
    enabled: bool
    #: The KE002 notice (English) when no plugin provides the platform, else `None`.
    notice: Finding | None


UNKNOWN_PLATFORM = Rule(
    code="KE002",
    name="unknown-platform",
    summary="No installed plugin provides the event's platform.",
    why="Platform norms and limits come from platform plugins; without one only the "
    "generic rules can run.",
    source="engine",
    check=lambda e, c: None,
    kinds=tuple(Kind),
    messages={
        "en": "No installed plugin provides the platform {platform}{suggestion}: only "
        "the generic rules ran. Installed platforms: {installed}.{left_out} The "
        "documentation's Platforms pages list the platform plugins there are.",
        "de": "Kein installiertes Plugin stellt die Plattform {platform} bereit"
        "{suggestion_de}: nur die allgemeinen Regeln liefen. Installierte Plattformen: "
        "{installed}.{left_out_de} Die Seiten „Platforms“ der Dokumentation nennen die "
        "Plattform-Plugins, die es gibt.",
    },
    severity=Severity.INFO,
    weight=0.0,
    plugin="engine",
)

RULE_CRASHED = Rule(
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
        "en.due": "Follow-through rule {code} ({name}) of plugin {plugin} raised {error}; "
        "its items are missing.",
        "de.due": "Die Nachfass-Regel {code} ({name}) aus Plugin {plugin} ist mit {error} "
        "abgebrochen; ihre Einträge fehlen.",
    },
    severity=Severity.ERROR,
    weight=0.0,
    plugin="engine",
)

_UNKNOWN_COMPILED = CompiledRule(UNKNOWN_PLATFORM, Severity.INFO, 0.0, None)


def unknown_platform_notice(platform: str, locale: str = "en",
                            installed: Sequence[str] = (),
                            left_out: Sequence[str] = ()) -> Finding:
    """The KE002 finding for an event of `platform`, in `locale`: the name elided,
    a "did you mean" among the `installed` platforms, the plugins `left_out` for the
    run (installed, but blocked or disabled: `acme (knigge-acme-outreach)`, from the
    installed metadata), and never advice to install a package named after the input (a
    made-up name may be a typosquatted package)."""
    return _UNKNOWN_COMPILED.finding(locale, None, None, None,
                                     unknown_platform_evidence(platform, installed,
                                                               left_out))


def unknown_platform_evidence(platform: str, installed: Sequence[str],
                              left_out: Sequence[str] = ()) -> dict[str, Any]:
    """The evidence (and message fields) of a KE002 notice."""
    names = sorted(n for n in installed if n != GENERIC)
    import difflib  # only for a suggestion (start-up)

    close = difflib.get_close_matches(platform, names, n=1, cutoff=0.6)
    suggestion = f" (did you mean '{close[0]}'?)" if close else ""
    suggestion_de = f" (meinten Sie '{close[0]}'?)" if close else ""
    return {
        "platform": elide(platform),
        "suggestion": suggestion,
        "suggestion_de": suggestion_de,
        "did_you_mean": close[0] if close else None,
        "installed": ", ".join(names) or "none",
        "left_out": f" Left out for this run: {', '.join(left_out)}." if left_out else "",
        "left_out_de": f" Für diesen Lauf ausgelassen: {', '.join(left_out)}."
        if left_out else "",
    }


EntryKey = tuple[str, Kind, Direction, bool | None]


class Plan:
    """A policy compiled against a rule catalogue and the installed platforms.

    Build it with `compile_plan`. Its answers never change after it is built; the
    only state it keeps is a bounded cache of entries for platforms no plugin provides.
    Safe to share between threads.
    """

    def __init__(self, policy: Policy, rules: Mapping[str, Rule],
                 platforms: Mapping[str, PlatformSpec], *,
                 quiet_platforms: Collection[str] = (),
                 left_out: Sequence[str] = (),
                 locales: Mapping[str, Locale] | None = None) -> None:
        #: The policy resolved against the installed rules, platforms and locales
        #: (`resolve`; raises a `PolicyError` with
        #: every problem).
        self.resolved: ResolvedPolicy = resolve(policy, Catalogue(
            rules, platforms, dict(_locales.BUILTIN if locales is None else locales),
            frozenset(quiet_platforms)))
        self.rules: Mapping[str, Rule] = rules
        self.platforms: Mapping[str, PlatformSpec] = platforms
        #: The locales the policy may name (German, English and those of the plugins).
        self.locales: Mapping[str, Locale] = self.resolved.locales
        #: The policy, with every rule reference spelled as the catalogue spells it
        #: (`kn204` → `KN204`).
        self.policy: Policy = self.resolved.policy
        policy = self.policy
        self._installed = tuple(sorted(platforms))
        self._left_out = tuple(left_out)
        #: The entries of the platforms plugins provide, compiled so far (a platform is
        #: compiled on its first use, or all of them by `entries`); those of the
        #: platforms named by the policy or a rule but provided by no plugin, and the
        #: generic one, are in `_entries`.
        self._installed_entries: dict[EntryKey, PlanEntry] = {}
        self._entries: dict[EntryKey, PlanEntry] = {}
        self._due: dict[str, tuple[CompiledRule, ...]] = {}
        self._unknown: dict[EntryKey, PlanEntry] = {}
        self._unknown_names: dict[str, None] = {}
        self._lock = threading.RLock()
        # Platforms a policy section or a rule names but no plugin provides: compiled
        # with the generic spec under their own name (a policy's overrides apply to
        # exactly that name; a rule restricted to a platform runs on it). Every other
        # unknown name shares the generic compilation. Each platform is compiled on its
        # first use (start-up: a one-event check needs one of them; docs/decisions.md).
        named = {*policy.platforms, *(p for r in rules.values() for p in r.platforms)}
        self._pending: dict[str, list[tuple[PlatformSpec, dict[EntryKey, PlanEntry]]]] = {
            name: [(platforms[name], self._installed_entries)] for name in platforms}
        for name in sorted(named):
            if name not in platforms and name != GENERIC:
                self._pending[name] = [(PlatformSpec.generic_for(name), self._entries)]
        # The template of every platform no plugin provides (after an installed generic
        # spec's own compilation, which :attr:`entries` holds).
        self._pending.setdefault(GENERIC, []).append(
            (PlatformSpec.generic_for(GENERIC), self._entries))
        self._view: Mapping[EntryKey, PlanEntry] = MappingProxyType(self._installed_entries)

    # ------------------------------------------------------------------ public API

    @property
    def entries(self) -> Mapping[EntryKey, PlanEntry]:
        """The compiled entries of the platforms plugins provide (read-only), by
        `(platform, kind, direction, premium)`; other platforms go through
        [`entry`][knigge_engine.plan.Plan.entry]."""
        for name in self.platforms:
            self._ready(name)
        return self._view

    @property
    def compiled(self) -> Mapping[EntryKey, PlanEntry]:
        """A read-only, live view of the entries of [`entries`][knigge_engine.plan.Plan.entries]
        compiled so far: a platform's appear with its first [`entry`][knigge_engine.plan.Plan.entry]
        (what [`Engine`][knigge_engine.Engine] reads first, so that building it compiles no
        platform)."""
        return self._view

    def entry(self, platform: str, kind: Kind, direction: Direction,
              premium: bool | None) -> PlanEntry:
        """What runs for an event of this shape. A platform no plugin provides gets the
        generic rules under its own name (and a KE002 notice); see the module doc."""
        key = (platform, kind, direction, premium)
        found = self._view.get(key)
        if found is not None:
            return found
        if platform in self.platforms and self._ready(platform):
            return self._view[key]
        return self._unknown_entry(key)

    def settings_for(self, rule: Rule, platform: str | None) -> RuleSettings:
        """`rule`'s resolved settings on `platform` (`None`: the policy's global
        settings only). Raises [`PolicyError`][knigge_engine.PolicyError] for a setting the
        rule cannot take."""
        return self.resolved.settings_for(rule, platform)

    def why_not(self, rule: Rule, platform: str | None) -> str:
        """Why `rule` does not run on `platform` by the policy's selection and
        settings, or `""` when it does (a rule that is off by default runs when the
        policy sets `enabled = true` for it or selects it)."""
        return self.resolved.why_not(rule, platform)

    def state(self, rule: Rule, platform: str | None) -> tuple[bool, bool, str, RuleSettings]:
        """`(selected, enabled, why not, settings)` of `rule` on `platform`, the way
        the plan decides it."""
        return self.resolved.state(rule, platform)

    def resolve_rule_key(self, key: str, where: str) -> Rule:
        """The rule a policy key names (code or name); a
        [`PolicyError`][knigge_engine.PolicyError] at `where` with a suggestion otherwise."""
        return self.resolved.resolve_rule_key(key, where)

    def due_rules(self, platform: str) -> tuple[CompiledRule, ...]:
        """The follow-through rules that run on `platform`, compiled with their
        settings there (empty when the policy disables the platform)."""
        found = self._due.get(platform)
        if found is None and self._ready(platform):
            found = self._due[platform]
        # A platform without a plugin or a policy section runs what the generic one does.
        if found is None:
            self._ready(GENERIC)
            found = self._due[GENERIC]
        return found

    def base_entry(self, platform: str) -> PlanEntry:
        """The entry follow-through runs under on `platform` (its spec, locale, form)."""
        return self.entry(platform, Kind.MESSAGE, Direction.INCOMING, None)

    @property
    def unknown_platforms(self) -> tuple[str, ...]:
        """The platform names without a plugin seen so far (at most
        `UNKNOWN_NAMES_KEPT` are remembered), in the order they were seen."""
        return tuple(self._unknown_names)

    # ------------------------------------------------------------------ build time

    def _ready(self, platform: str) -> bool:
        """Compile `platform` if it is still to be compiled; whether it is one the plan
        compiles (a platform a plugin provides, one the policy or a rule names, or the
        generic one)."""
        if platform not in self._pending:
            return platform in self._due
        with self._lock:
            pending = self._pending.get(platform)
            if pending is not None:
                for spec, into in pending:
                    self._compile(platform, spec, into)
                del self._pending[platform]  # only once compiled: others wait for it
        return True

    def _compile(self, platform: str, spec: PlatformSpec,
                 into: dict[EntryKey, PlanEntry]) -> None:
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
        if pp is not None:
            thresholds = pp.thresholds.over(thresholds)
        locale = (pp.locale if pp and pp.locale else None) or self.policy.locale
        form = (pp.form if pp and pp.form else None) or spec.address_form
        enabled = pp.enabled if pp is not None else True
        states: dict[str, tuple[bool, str, RuleSettings]] = {}
        due: list[CompiledRule] = []
        for rule in self.rules.values():
            selected, on, why_not, settings = self.state(rule, platform)
            if rule.follow_through:
                if selected and on and enabled and all(
                        spec.capability(c) is True for c in rule.requires) and (
                        not rule.platforms or platform in rule.platforms):
                    due.append(CompiledRule(rule, settings.severity, settings.weight,
                                            settings.options))
                continue
            states[rule.code] = (selected and on, why_not, settings)
        self._due[platform] = tuple(due)
        notice = unknown_platform_notice(platform, installed=self._installed,
                                         left_out=self._left_out) if spec.generic else None
        # Each rule's "applies to …" once, not once per kind, direction and account.
        applies = {rule.code: f"applies to {_applies(rule)}" for rule in self.rules.values()}
        # A rule's settings are the same for every kind, direction and account type of
        # the platform: one compiled rule serves all of them.
        shared: dict[str, CompiledRule] = {}
        for kind in Kind:
            for direction in Direction:
                for premium in PREMIUM_STATES:
                    run: list[CompiledRule] = []
                    skipped: list[RuleTrace] = []
                    for rule in self.rules.values():
                        if rule.follow_through:
                            continue
                        selected, why_not, settings = states[rule.code]
                        if kind not in rule.kinds or direction not in rule.directions:
                            skipped.append(RuleTrace(rule.code, rule.name, "not applicable",
                                                     applies[rule.code]))
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
                        compiled = shared.get(rule.code)
                        if compiled is None:
                            compiled = shared[rule.code] = CompiledRule(
                                rule, settings.severity, settings.weight, settings.options)
                        run.append(compiled)
                    into[(platform, kind, direction, premium)] = PlanEntry(
                        spec=spec,
                        rules=tuple(run),
                        skipped=tuple(skipped),
                        thresholds=thresholds,
                        locale=locale,
                        form=form,
                        needs_text=bool(run),
                        enabled=enabled,
                        notice=notice,
                    )

    def _unknown_entry(self, key: EntryKey) -> PlanEntry:
        found = self._unknown.get(key)
        if found is not None:
            return found
        platform = key[0]
        if platform not in self._unknown_names:
            with self._lock:
                if (platform not in self._unknown_names
                        and len(self._unknown_names) < UNKNOWN_NAMES_KEPT):
                    self._unknown_names[platform] = None
                    log.warning(
                        "no installed plugin provides the platform %s%s; evaluating its "
                        "events with the generic rules only", elide(platform),
                        unknown_platform_evidence(platform, self._installed)["suggestion"],
                        extra={"knigge_notice": "unknown-platform"},
                    )
                    if len(self._unknown_names) == UNKNOWN_NAMES_KEPT:
                        log.warning(
                            "%d platforms without a plugin seen; further ones are "
                            "evaluated alike but not named", UNKNOWN_NAMES_KEPT,
                            extra={"knigge_notice": "unknown-platform"},
                        )
        self._ready(platform)
        entry = self._entries.get(key)  # named by the policy or a rule: its own entry
        if entry is None:
            self._ready(GENERIC)
            template = self._entries[(GENERIC, *key[1:])]
            entry = attrs.evolve(template, spec=PlatformSpec.generic_for(platform),
                                 notice=unknown_platform_notice(
                                     platform, installed=self._installed,
                                     left_out=self._left_out))
        if len(self._unknown) >= UNKNOWN_CACHE_SIZE:
            self._unknown.clear()  # bounded: a stream of ever new platform names
        self._unknown[key] = entry
        return entry


def compile_plan(policy: Policy, rules: Mapping[str, Rule],
                 platforms: Mapping[str, PlatformSpec], *,
                 quiet_platforms: Collection[str] = (),
                 left_out: Sequence[str] = (),
                 locales: Mapping[str, Locale] | None = None) -> Plan:
    """Validate `policy` against `rules` and `platforms` and compile it into a
    [`Plan`][knigge_engine.plan.Plan]. Raises [`PolicyError`][knigge_engine.PolicyError]
    listing every problem, each with its policy key. `quiet_platforms` are platform names a
    `[platforms.NAME]` table may name although no plugin provides them (the names of plugins left
    out); `left_out` describes those plugins for the KE002 notice (`name (distribution)`);
    `locales` are the languages the policy may name (default: German and English)."""
    return Plan(policy, rules, platforms, quiet_platforms=quiet_platforms,
                left_out=left_out, locales=locales)


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


