"""The plan: a policy compiled against the installed rules and platforms, once.

:func:`compile_plan` resolves, for every platform × event kind × direction × account
type, which rules run with which severity, weight and options (a :class:`PlanEntry`),
and which do not and why (:class:`RuleTrace`). The result, a :class:`Plan`, is immutable
in everything a caller can see; :class:`~knigge_engine.engine.Engine` holds one and runs
its entries. Everything that asks "what does the policy mean for this rule on this
platform" — follow-through (:mod:`knigge_engine.due`), ``knigge policy show``,
``--explain``, parallel workers — asks the plan through its public methods:

- :meth:`Plan.entry` — what runs for one event shape;
- :meth:`Plan.settings_for` — a rule's resolved :class:`RuleSettings` on a platform;
- :meth:`Plan.why_not` — why a rule does not run on a platform (``""`` if it does);
- :meth:`Plan.due_rules` — the follow-through rules that run on a platform.

Platforms no installed plugin provides share one generic compilation: an event of an
unknown platform costs a small, bounded cache entry, never a compilation of its own, and
the notice that says so is structured data (:attr:`Plan.unknown_platforms`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs
import cattrs

from . import locales as _locales
from .locales import Locale
from .model import Action, Direction, Kind, Severity, elide, format_exception
from .policy import (
    SETTING_KEYS,
    PlatformPolicy,
    Policy,
    PolicyError,
    PolicyProblem,
    Thresholds,
    converter,
    did_you_mean,
    owner_problem,
    structure_settings,
)
from .replies import ReplyBook
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

#: The name under which the generic rules are compiled for platforms without a plugin.
GENERIC = "*"



@attrs.frozen(slots=True)
class RuleTrace:
    """One rule's part in an assessment: ``status`` is ``ran``, ``fired`` or a reason it
    was skipped (``not applicable``, ``disabled by policy``, ``capability missing``,
    ``suppressed``)."""

    code: str
    name: str
    status: str
    detail: str = ""


@attrs.frozen
class RuleSettings:
    """A rule's resolved settings on one platform: platform spec defaults < policy
    ``[rules]`` < policy ``[platforms.X.rules]``. ``options`` is an instance of the rule's
    options class (``None`` for a rule without options)."""

    enabled: bool
    severity: Severity
    weight: float
    options: Any = None


class CompiledRule:
    """A rule bound to its resolved settings for one plan entry: what the engine runs and
    what :meth:`~knigge_engine.rules.RuleContext.report` turns into a finding.

    Made once, when the plan is compiled, and shared by every entry of a platform; it
    keeps what :meth:`report` needs per event ready after the rule's first finding (the
    message templates by locale and the ``{subject}`` words by event kind), so a finding
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
        #: Per locale, the template :func:`format_message` picks without a message key,
        #: and, when it names ``{subject}``, the subject word by event kind (worked out
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
        """A finding of this rule with its message rendered in ``locale``."""
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
        event: Any,
    ) -> Finding:
        """:meth:`finding` for ``event`` (or ``None``), with the template picked once per
        compiled rule: what :meth:`RuleContext.report` calls, once per finding."""
        templates = self.templates
        if templates is None:
            templates = self.templates = _plain_templates(self.messages)
        plain = templates.get(locale) if key is None else None
        if plain is None:
            return self.finding(locale, span, action, key, evidence,
                                None if event is None else event.kind.value)
        template, subjects = plain
        try:
            if subjects is None:
                message = template.format(**evidence)
            else:
                kind = None if event is None else event.kind.value
                message = template.format_map({**evidence, "subject": subjects.get(
                    kind, subjects[None])})
        except (KeyError, IndexError, ValueError) as exc:
            message = f"{template} [message could not be filled: {exc!r}]"
        return Finding(self.code, self.name, self.severity, self.weight, message, span,
                       action if action is not None else self.action, evidence or None,
                       self.plugin)


def _plain_templates(
    messages: Mapping[str, str],
) -> dict[str, tuple[str, dict[str | None, str] | None]]:
    """What :func:`format_message` does without a message key, decided once per rule:
    for every registered locale the rule has a template in, the template
    and, if it names ``{subject}``, the subject word for each event kind (``None``: the
    word for an unknown kind). A locale the rule has no template in is left to
    :func:`format_message` (its English fallback)."""
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
    #: The KE002 notice (English) when no plugin provides the platform, else ``None``.
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
    """The KE002 finding for an event of ``platform``, in ``locale``: the name elided,
    a "did you mean" among the ``installed`` platforms, the plugins ``left_out`` for the
    run (installed, but blocked or disabled: ``acme (knigge-acme-outreach)``, from the
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


def canonical_rule_ref(ref: Any, codes: Collection[str], names: Collection[str]) -> Any:
    """A rule reference (code, code prefix, name or ``ALL``) as the catalogue spells it:
    rule codes and names are case-insensitive wherever a user types them (``kn204``,
    ``Missing-Note``, ``kn1``, ``all``). Anything that names nothing is returned as is,
    for the error that says so."""
    if not isinstance(ref, str) or ref in codes or ref in names or ref == "ALL":
        return ref
    low, up = ref.lower(), ref.upper()
    if low in names:
        return low
    if up == "ALL" or up in codes or any(code.startswith(up) for code in codes):
        return up
    return ref


def selector_match(selector: str, rule: Rule) -> int:
    """How specifically ``selector`` names ``rule``: 0 not at all, else a rank where an
    exact code or name beats a longer prefix beats a shorter one (like ruff)."""
    if selector == rule.code or selector == rule.name:
        return 100
    if selector == "ALL":
        return 1
    if rule.code.startswith(selector):
        return 1 + len(selector)
    return 0


EntryKey = tuple[str, Kind, Direction, bool | None]


class Plan:
    """A policy compiled against a rule catalogue and the installed platforms.

    Build it with :func:`compile_plan`. Its answers never change after it is built; the
    only state it keeps is a bounded cache of entries for platforms no plugin provides.
    Safe to share between threads.
    """

    def __init__(self, policy: Policy, rules: Mapping[str, Rule],
                 platforms: Mapping[str, PlatformSpec], *,
                 quiet_platforms: Collection[str] = (),
                 left_out: Sequence[str] = (),
                 locales: Mapping[str, Locale] | None = None) -> None:
        self.rules: Mapping[str, Rule] = rules
        #: The locales the policy may name (German, English and those of the plugins).
        self.locales: Mapping[str, Locale] = MappingProxyType(
            dict(_locales.BUILTIN if locales is None else locales))
        self.platforms: Mapping[str, PlatformSpec] = platforms
        self._by_name = {r.name: r for r in rules.values()}
        #: The policy, with every rule reference spelled as the catalogue spells it
        #: (``kn204`` → ``KN204``): the one place where rule codes become
        #: case-insensitive for policies.
        self.policy = self._canonical(policy)
        policy = self.policy
        self._quiet_platforms = frozenset(quiet_platforms)
        self._installed = tuple(sorted(platforms))
        self._left_out = tuple(left_out)
        #: The entries of the platforms plugins provide, compiled so far (a platform is
        #: compiled on its first use, or all of them by :attr:`entries`); those of the
        #: platforms named by the policy or a rule but provided by no plugin, and the
        #: generic one, are in ``_entries``.
        self._installed_entries: dict[EntryKey, PlanEntry] = {}
        self._entries: dict[EntryKey, PlanEntry] = {}
        self._due: dict[str, tuple[CompiledRule, ...]] = {}
        self._unknown: dict[EntryKey, PlanEntry] = {}
        self._unknown_names: dict[str, None] = {}
        self._lock = threading.RLock()
        problems = self._validate()
        if problems:
            raise PolicyError.of(problems)
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
        ``(platform, kind, direction, premium)``; other platforms go through
        :meth:`entry`."""
        for name in self.platforms:
            self._ready(name)
        return self._view

    @property
    def compiled(self) -> Mapping[EntryKey, PlanEntry]:
        """A read-only, live view of the entries of :attr:`entries` compiled so far: a
        platform's appear with its first :meth:`entry` (what :class:`Engine` reads
        first, so that building it compiles no platform)."""
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
        """``rule``'s resolved settings on ``platform`` (``None``: the policy's global
        settings only). Raises :class:`PolicyError` for a setting the rule cannot take."""
        spec = self._spec(platform)
        return self._settings(rule, platform, spec)

    def why_not(self, rule: Rule, platform: str | None) -> str:
        """Why ``rule`` does not run on ``platform`` by the policy's selection and
        settings, or ``""`` when it does (a rule that is off by default runs when the
        policy sets ``enabled = true`` for it or selects it)."""
        return self.state(rule, platform)[2]

    def state(self, rule: Rule, platform: str | None) -> tuple[bool, bool, str, RuleSettings]:
        """``(selected, enabled, why not, settings)`` of ``rule`` on ``platform``, the way
        the plan decides it."""
        settings = self.settings_for(rule, platform)
        selected, why_not = self._selected(rule, platform)
        on = settings.enabled
        if not rule.enabled:
            if on:
                selected, why_not = self._selected(attrs.evolve(rule, enabled=True), platform)
            elif selected:
                on = True
        if not on and selected:
            why_not = "disabled by the policy"
        return selected, on, why_not if not (selected and on) else "", settings

    def due_rules(self, platform: str) -> tuple[CompiledRule, ...]:
        """The follow-through rules that run on ``platform``, compiled with their
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
        """The entry follow-through runs under on ``platform`` (its spec, locale, form)."""
        return self.entry(platform, Kind.MESSAGE, Direction.INCOMING, None)

    @property
    def unknown_platforms(self) -> tuple[str, ...]:
        """The platform names without a plugin seen so far (at most
        :data:`UNKNOWN_NAMES_KEPT` are remembered), in the order they were seen."""
        return tuple(self._unknown_names)

    def resolve_rule_key(self, key: str, where: str) -> Rule:
        """The rule a policy key names (code or name); a :class:`PolicyError` at
        ``where`` with a suggestion otherwise."""
        found = self.rules.get(key) or self._by_name.get(key)
        if found is None:
            known = [*self.rules, *self._by_name]
            raise PolicyError(
                f"no rule has the code or name '{key}'{did_you_mean(key, known)}",
                source=self.policy.source, path=where,
            )
        return found

    # ------------------------------------------------------------------ build time

    def _ready(self, platform: str) -> bool:
        """Compile ``platform`` if it is still to be compiled; whether it is one the plan
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

    def _spec(self, platform: str | None) -> PlatformSpec:
        if platform is None:
            return PlatformSpec.generic_for(GENERIC)
        return self.platforms.get(platform) or PlatformSpec.generic_for(platform)

    def _canonical(self, policy: Policy) -> Policy:
        """``policy`` with its rule references (selectors, ``[rules]`` keys, the
        platforms' ones, suppressions) spelled as the catalogue spells them."""
        codes, names = self.rules, self._by_name

        def ref(value: Any) -> Any:
            return canonical_rule_ref(value, codes, names)

        def refs(values: tuple[str, ...] | None) -> tuple[str, ...] | None:
            return None if values is None else tuple(ref(v) for v in values)

        def tables(given: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
            out: dict[str, dict[str, Any]] = {}
            for key, table in given.items():
                canon = ref(key)
                # [rules.KN204] from a parent and [rules.kn204] from the child: one table,
                # the later (the child's) keys winning.
                out[canon] = {**out[canon], **table} if canon in out else table
            return out

        def selection(item: Any) -> dict[str, Any]:
            return {"select": refs(item.select), "ignore": refs(item.ignore),
                    "extend_select": refs(item.extend_select),
                    "extend_ignore": refs(item.extend_ignore), "rules": tables(item.rules)}

        platforms = {name: attrs.evolve(pp, **selection(pp))
                     for name, pp in policy.platforms.items()}
        suppress = tuple(attrs.evolve(sup, rule=ref(sup.rule)) for sup in policy.suppress)
        canonical = attrs.evolve(policy, **selection(policy), platforms=platforms,
                                 suppress=suppress)
        return policy if canonical == policy else canonical

    def _selector_problems(self, selectors: Sequence[str], where: str) -> list[PolicyProblem]:
        found = []
        for sel in selectors:
            if not any(selector_match(sel, r) for r in self.rules.values()):
                known = [*self.rules, *self._by_name]
                found.append(PolicyProblem(f"'{sel}' selects no rule{did_you_mean(sel, known)}",
                                           self.policy.source, where))
        return found

    def _rule_key_problem(self, key: str, where: str) -> list[PolicyProblem]:
        try:
            self.resolve_rule_key(key, where)
        except PolicyError as exc:
            return list(exc.problems)
        return []

    def _validate(self) -> list[PolicyProblem]:
        """Every problem of the policy against the installed rules and platforms (not
        just the first), each with its key path."""
        p = self.policy
        found: list[PolicyProblem] = []
        for field in ("select", "ignore", "extend_select", "extend_ignore"):
            found += self._selector_problems(getattr(p, field) or (), field)
        for key in p.rules:
            found += self._rule_key_problem(key, f"rules.{key}")
        for pname, pp in p.platforms.items():
            found += self._platform_problems(pname, pp)
            for field in ("select", "ignore", "extend_select", "extend_ignore"):
                found += self._selector_problems(getattr(pp, field) or (),
                                                 f"platforms.{pname}.{field}")
            for key in pp.rules:
                found += self._rule_key_problem(key, f"platforms.{pname}.rules.{key}")
        owner = owner_problem(p, p.source)  # a Policy built in Python skips the loader
        if owner is not None:
            found.append(owner)
        found += self._locale_problems(p.locale, "locale")
        for pname, pp in p.platforms.items():
            if pp.locale is not None:
                found += self._locale_problems(pp.locale, f"platforms.{pname}.locale")
            if pp.form is not None:
                found += self._form_problems(pp.form, f"platforms.{pname}.form")
        for path, reason in ReplyBook.validate(p.replies, self.locales):
            found.append(PolicyProblem(reason, p.source, path))
        for i, sup in enumerate(p.suppress):
            if sup.rule is not None:
                found += self._rule_key_problem(sup.rule, f"suppress[{i}].rule")
            if sup.rule is None and sup.sender is None:
                found.append(PolicyProblem("a suppression needs a 'rule', a 'sender' or both",
                                           p.source, f"suppress[{i}]"))
        # Structure every rule's options once globally and on every platform the policy
        # has a table for, so an error is reported even for a platform no event uses.
        for rule in self.rules.values():
            self._settings(rule, None, self._spec(None), found)
            for pname in p.platforms:
                self._settings(rule, pname, self._spec(pname), found)
        # A plugin's per-rule defaults on its platform (the platforms the policy has no
        # table for; the others are above): checked here, not when the platform is
        # compiled on its first event.
        for pname, spec in self.platforms.items():
            if pname in p.platforms:
                continue
            for key in spec.rule_defaults:
                named = self.rules.get(key) or self._by_name.get(key)
                if named is not None:
                    self._settings(named, pname, spec, found)
        return found

    def _locale_problems(self, code: str, where: str) -> list[PolicyProblem]:
        """A locale no installed plugin provides, with the ones there are."""
        if code == _locales.AUTO or code in self.locales:
            return []
        known = ", ".join(f"'{c}'" for c in (_locales.AUTO, *sorted(self.locales)))
        return [PolicyProblem(
            f"no installed plugin provides the locale {elide(code)}"
            f"{did_you_mean(code, self.locales)}; expected one of {known}",
            self.policy.source, where)]

    def _form_problems(self, form: str, where: str) -> list[PolicyProblem]:
        """A form of address no locale's replies come in."""
        forms = sorted({f for loc in self.locales.values() for f in loc.forms})
        if form in forms:
            return []
        return [PolicyProblem(
            f"expected {' or '.join(repr(f) for f in forms) or 'no form'}, found "
            f"{elide(form)}", self.policy.source, where)]

    def _platform_problems(self, name: str, pp: PlatformPolicy) -> list[PolicyProblem]:
        """A ``[platforms.NAME]`` table for a platform nothing provides is a typo far more
        often than a plugin that is not installed here, and a typo silently switches
        the override off: an error, with the nearest installed platform."""
        known = {*self.platforms, *(n for r in self.rules.values() for n in r.platforms)}
        if name in known or name in self._quiet_platforms or name == GENERIC:
            return []
        if pp.optional:
            log.info("%s: platforms.%s: no installed plugin provides this platform "
                        "(optional = true: the table applies where its plugin is "
                        "installed)%s", self.policy.source or "policy", name,
                        did_you_mean(name, sorted(known)))
            return []
        installed = ", ".join(sorted(self.platforms)) or "none"
        return [PolicyProblem(
            f"no installed plugin provides the platform '{name}'"
            f"{did_you_mean(name, sorted(known))}; installed platforms: {installed} "
            "(a typo? else install its plugin, or mark the table optional = true)",
            self.policy.source, f"platforms.{name}")]

    def _settings(self, rule: Rule, platform: str | None, spec: PlatformSpec,
                  problems: list[PolicyProblem] | None = None) -> RuleSettings:
        """``rule``'s settings; with ``problems``, each bad setting is added there (and
        its default kept) instead of raising at the first."""
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
        options: dict[str, tuple[str, Any]] = {}
        for where, table in layers:
            layer, bad = structure_settings(table, where, self.policy.source)
            if bad:
                if problems is None:
                    raise PolicyError.of(bad)
                problems.extend(bad)
            if layer.enabled is not None:
                enabled = layer.enabled
            if layer.severity is not None:
                severity = layer.severity
            if layer.weight is not None:
                weight = layer.weight
            for k, v in table.items():
                if k not in SETTING_KEYS:
                    options[k] = (where, v)
        try:
            structured = self._structure_options(rule, options)
        except PolicyError as exc:
            if problems is None:
                raise
            problems.extend(exc.problems)
            structured = rule.default_options()
        return RuleSettings(enabled, severity, weight, structured)

    def _structure_options(self, rule: Rule, given: Mapping[str, tuple[str, Any]]) -> Any:
        if rule.options is None:
            if given:
                raise PolicyError.of([PolicyProblem(
                    f"rule {rule.code} ({rule.name}) has no option '{key}'; it takes only "
                    "severity, weight and enabled", self.policy.source, f"{where}.{key}")
                    for key, (where, _) in given.items()])
            return None
        fields = {a.name for a in attrs.fields(rule.options)}
        unknown = [PolicyProblem(
            f"rule {rule.code} ({rule.name}) has no option '{key}'"
            f"{did_you_mean(key, fields)}; options: "
            + ", ".join(sorted(fields | set(RESERVED))), self.policy.source, f"{where}.{key}")
            for key, (where, _) in given.items() if key not in fields]
        if unknown:
            raise PolicyError.of(unknown)
        if not given:
            # Nothing set: the defaults, as reading an empty table makes them, without
            # generating the converter's code for the class (start-up).
            try:
                return rule.options()
            except Exception:  # noqa: BLE001 - the converter names the problem below
                pass
        try:
            return options_converter.structure({k: v for k, (_, v) in given.items()},
                                               rule.options)
        except Exception as exc:
            messages = cattrs.transform_error(exc, path="", format_exception=format_exception)
            found = []
            for message in messages or [str(exc)]:
                reason, _, path = message.rpartition(" @ ")
                if not path.lstrip(".") and given:
                    # A validator of the options class failed: find the key it belongs
                    # to by structuring the given options one at a time.
                    for name, (_, value) in given.items():
                        try:
                            options_converter.structure({name: value}, rule.options)
                        except Exception:  # noqa: BLE001
                            path = f".{name}"
                            break
                key = path.lstrip(".").split(".")[0].split("[")[0]
                where = given[key][0] if key in given else f"rules.{rule.code}"
                found.append(PolicyProblem(reason or message, self.policy.source,
                                           f"{where}.{path.lstrip('.')}"))
            raise PolicyError.of(found) from None

    def _selected(self, rule: Rule, platform: str | None) -> tuple[bool, str]:
        p = self.policy
        pp = p.platforms.get(platform) if platform else None
        select = p.select
        if pp is not None and pp.select is not None:
            select = pp.select
        selects = [*(select or ()), *p.extend_select, *(pp.extend_select if pp else ())]
        ignores = [*p.ignore, *p.extend_ignore, *((*pp.ignore, *pp.extend_ignore) if pp else ())]
        sel = max((selector_match(s, rule) for s in selects), default=0)
        ign = max((selector_match(s, rule) for s in ignores), default=0)
        if select is None and sel == 0:
            sel = 1 if rule.enabled else 0  # every rule that is on by default
        if sel == 0:
            return False, "not selected by the policy"
        if ign >= sel:
            return False, "ignored by the policy"
        return True, ""

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
    """Validate ``policy`` against ``rules`` and ``platforms`` and compile it into a
    :class:`Plan`. Raises :class:`PolicyError` listing every problem, each with its
    policy key. ``quiet_platforms`` are platform names a ``[platforms.NAME]`` table
    may name although no plugin provides them (the names of plugins left out);
    ``left_out`` describes those plugins for the KE002 notice (``name (distribution)``);
    ``locales`` are the languages the policy may name (default: German and English)."""
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


#: The converter rule options are read with: the policy's own (strict scalars,
#: key-path errors).
options_converter: cattrs.Converter = converter


def options_problem(rule: Rule) -> str | None:
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
    conv = options_converter
    read: dict[str, Any] = {}
    for field in attrs.fields(cls):
        value = getattr(defaults, field.name)
        try:
            read[field.alias] = conv.get_structure_hook(field.type)(conv.unstructure(value),
                                                                    field.type)
        except Exception as exc:
            kind = getattr(field.type, "__name__", None) or str(field.type)
            return (f"rule {rule.code} ({rule.name}): option '{field.name}' of type "
                    f"{kind} cannot be read from a TOML policy ({type(exc).__name__}: "
                    f"{exc}); use str, int, float, bool, a tuple or list of those, or a "
                    "nested attrs class")
    # The round trip a policy makes (its table, each option read by its hook, the class
    # made from them), without generating the converter's code for the class: that is
    # done when a policy sets one of its options (start-up, docs/decisions.md).
    try:
        cls(**{f.alias: read[f.alias] for f in attrs.fields(cls) if f.init})
    except Exception as exc:
        return (f"rule {rule.code} ({rule.name}): the defaults of {cls.__name__} do not "
                f"survive a round trip through a policy ({type(exc).__name__}: {exc})")
    return None
