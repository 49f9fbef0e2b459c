"""A policy resolved against the installed catalogue: the policy layer's second step.

`knigge_engine.policy` reads a policy (every value through its one converter, with
the file, the key path and the reason for each bad one); `resolve` checks it
against what is installed — the rules, the platforms and the locales, a
`Catalogue` — and gives a `ResolvedPolicy`: the policy with its rule
references spelled as the catalogue spells them, and each rule's
`RuleSettings` on each platform (platform spec defaults < `[rules]` <
`[platforms.NAME.rules]`), each layer's settings read by the policy's converter. The
plan (`knigge_engine.plan`) compiles a resolved policy; nothing here is per event.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs
import cattrs

from . import locales as _locales
from .locales import Locale
from .model import Severity, elide, format_exception
from .policy import (
    SETTING_KEYS,
    PlatformPolicy,
    Policy,
    PolicyError,
    PolicyProblem,
    converter,
    did_you_mean,
    owner_problem,
    structure_settings,
)
from .replies import ReplyBook
from .rules import PlatformSpec, Rule

__all__ = [
    "GENERIC",
    "Catalogue",
    "ResolvedPolicy",
    "RuleSettings",
    "canonical_rule_ref",
    "options_converter",
    "options_problem",
    "resolve",
    "selector_match",
]

log = logging.getLogger("knigge_engine")

#: The name under which the generic rules are compiled for platforms without a plugin.
GENERIC = "*"


@attrs.frozen
class Catalogue:
    """What is installed: the rules and platforms by name, the locales by code, and the
    platform names a `[platforms.NAME]` table may name although no plugin provides
    them (those of plugins left out for the run)."""

    rules: Mapping[str, Rule]
    platforms: Mapping[str, PlatformSpec]
    locales: Mapping[str, Locale] = attrs.field(factory=lambda: dict(_locales.BUILTIN))
    quiet_platforms: frozenset[str] = frozenset()


@attrs.frozen
class RuleSettings:
    """A rule's resolved settings on one platform: platform spec defaults < policy
    `[rules]` < policy `[platforms.X.rules]`. `options` is an instance of the rule's
    options class (`None` for a rule without options)."""

    enabled: bool
    severity: Severity
    weight: float
    options: Any = None


def canonical_rule_ref(ref: Any, codes: Collection[str], names: Collection[str]) -> Any:
    """A rule reference (code, code prefix, name or `ALL`) as the catalogue spells it:
    rule codes and names are case-insensitive wherever a user types them (`kn204`,
    `Missing-Note`, `kn1`, `all`). Anything that names nothing is returned as is,
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
    """How specifically `selector` names `rule`: 0 not at all, else a rank where an
    exact code or name beats a longer prefix beats a shorter one (like ruff)."""
    if selector == rule.code or selector == rule.name:
        return 100
    if selector == "ALL":
        return 1
    if rule.code.startswith(selector):
        return 1 + len(selector)
    return 0


class ResolvedPolicy:
    """A policy checked against a `Catalogue`; make one with `resolve`.

    `policy` has every rule reference spelled as the catalogue spells it (`kn204` →
    `KN204`): the one place where rule codes become case-insensitive for policies.
    Its answers never change; it keeps no state besides the catalogue."""

    def __init__(self, policy: Policy, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.rules: Mapping[str, Rule] = catalogue.rules
        self.platforms: Mapping[str, PlatformSpec] = catalogue.platforms
        #: The locales the policy may name (German, English and those of the plugins).
        self.locales: Mapping[str, Locale] = MappingProxyType(dict(catalogue.locales))
        self._by_name = {r.name: r for r in catalogue.rules.values()}
        self._quiet_platforms = catalogue.quiet_platforms
        self.policy: Policy = self._canonical(policy)

    def settings_for(self, rule: Rule, platform: str | None) -> RuleSettings:
        """`rule`'s resolved settings on `platform` (`None`: the policy's global
        settings only). Raises [`PolicyError`][knigge_engine.PolicyError] for a setting the rule
        cannot take."""
        spec = self.spec(platform)
        return self._settings(rule, platform, spec)

    def why_not(self, rule: Rule, platform: str | None) -> str:
        """Why `rule` does not run on `platform` by the policy's selection and
        settings, or `""` when it does (a rule that is off by default runs when the
        policy sets `enabled = true` for it or selects it)."""
        return self.state(rule, platform)[2]

    def state(self, rule: Rule, platform: str | None) -> tuple[bool, bool, str, RuleSettings]:
        """`(selected, enabled, why not, settings)` of `rule` on `platform`, the way
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

    def resolve_rule_key(self, key: str, where: str) -> Rule:
        """The rule a policy key names (code or name); a [`PolicyError`][knigge_engine.PolicyError]
        at `where` with a suggestion otherwise."""
        found = self.rules.get(key) or self._by_name.get(key)
        if found is None:
            known = [*self.rules, *self._by_name]
            raise PolicyError(
                f"no rule has the code or name '{key}'{did_you_mean(key, known)}",
                source=self.policy.source, path=where,
            )
        return found

    def spec(self, platform: str | None) -> PlatformSpec:
        """The spec of `platform`: its plugin's, else a generic one under its name
        (`None`: the generic spec)."""
        if platform is None:
            return PlatformSpec.generic_for(GENERIC)
        return self.platforms.get(platform) or PlatformSpec.generic_for(platform)

    def _canonical(self, policy: Policy) -> Policy:
        """`policy` with its rule references (selectors, `[rules]` keys, the
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

    def problems(self) -> list[PolicyProblem]:
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
            self._settings(rule, None, self.spec(None), found)
            for pname in p.platforms:
                self._settings(rule, pname, self.spec(pname), found)
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
        """A `[platforms.NAME]` table for a platform nothing provides is a typo far more
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
        """`rule`'s settings; with `problems`, each bad setting is added there (and
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
            + ", ".join(sorted(fields | set(SETTING_KEYS))), self.policy.source, f"{where}.{key}")
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


def resolve(policy: Policy, catalogue: Catalogue) -> ResolvedPolicy:
    """`policy` checked against `catalogue`: rule references, selectors, platform
    tables, locales and forms of address, replies, suppressions and every rule's
    settings and options on every platform the policy names. Raises a
    [`PolicyError`][knigge_engine.policy.PolicyError] listing **every** problem, each with its
    file, key path and reason."""
    resolved = ResolvedPolicy(policy, catalogue)
    problems = resolved.problems()
    if problems:
        raise PolicyError.of(problems)
    return resolved


#: The converter rule options are read with: the policy's own (strict scalars,
#: key-path errors).
options_converter: cattrs.Converter = converter


def options_problem(rule: Rule) -> str | None:
    """Why a policy could not set `rule`'s options, or `None` when it can: every
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
