"""Policies: which rules run, how strictly, with which thresholds, per platform — in TOML.

A policy is read from `knigge.toml` or from `[tool.knigge]` in `pyproject.toml`.
It may `extends` a preset (`"default"`, `"selective"`, `"open"` or one a plugin
registers) or another file; the child's tables are merged over the parent's, key by key,
and lists (`select`, `ignore`) are replaced, except `extend_select` and
`extend_ignore`, which add to the parent's.

Errors name the file, the key path, what was expected and what was found, and suggest the
nearest known key for a typo. Unknown keys are errors. See `docs/policy.md`.
"""

from __future__ import annotations

import datetime as _dt
import math
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NewType

import attrs
import cattrs
import tomli_w

from .locales import AUTO, valid_code
from .model import Profile, Severity, elide, format_exception

__all__ = [
    "DEFAULT_POLICY_FILE",
    "SETTING_KEYS",
    "AddressForm",
    "LocaleCode",
    "PartialThresholds",
    "PlatformPolicy",
    "Policy",
    "PolicyError",
    "PolicyProblem",
    "RuleSettingsLayer",
    "Thresholds",
    "converter",
    "find_policy",
    "load_policy",
    "policy_from_dict",
    "policy_to_toml",
    "read_policy",
    "structure_settings",
]

DEFAULT_POLICY_FILE = "knigge.toml"

#: A policy's `locale`: `"auto"` or a language tag. Open, not an enum: a plugin adds
#: locales (`knigge_locales`), so the policy reads any well-formed code and the engine
#: checks it against the locales installed (`docs/decisions.md#locale-registry`).
LocaleCode = NewType("LocaleCode", str)
#: A form of address of replies (`"sie"`, `"du"`; open for the same reason).
AddressForm = NewType("AddressForm", str)


@attrs.frozen
class PolicyProblem:
    """One problem of a policy: `source` (the file or preset), `path` (the key path,
    `rules.KN104.max_words`) and `reason` (what was expected and what was found)."""

    reason: str
    source: str | None = None
    path: str | None = None

    def __str__(self) -> str:
        return ": ".join([p for p in (self.source, self.path) if p] + [self.reason])


class PolicyError(ValueError):
    """A policy that cannot be used. `problems` lists **every** problem found in it
    (each a [`PolicyProblem`][knigge_engine.policy.PolicyProblem] with file, key path and reason),
    so a policy is fixed in one round; `source`, `path` and `reason` are those of the first.
    `str()` gives one line per problem."""

    def __init__(self, reason: str, *, source: str | None = None, path: str | None = None,
                 problems: tuple[PolicyProblem, ...] | list[PolicyProblem] = ()):
        self.problems: tuple[PolicyProblem, ...] = (
            tuple(problems) or (PolicyProblem(reason, source, path),))
        first = self.problems[0]
        self.source = first.source
        self.path = first.path
        self.reason = first.reason
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def of(cls, problems: list[PolicyProblem] | tuple[PolicyProblem, ...]) -> PolicyError:
        """One error for several problems (duplicates left out, order kept)."""
        unique = tuple(dict.fromkeys(problems))
        return cls(unique[0].reason, problems=unique)


@attrs.frozen
class Thresholds:
    """Score thresholds of the default decider (score = sum of finding weights).

    Outgoing: below `revise` → send; below `dont_send` → revise; else dont_send.
    Incoming request: below `accept_and_ask` → accept; below `ask_first` →
    accept_and_ask; below `decline` → ask_first; else decline.
    """

    #: Outgoing request or message (coach): from this score on, advise `revise`;
    #: below it, `send`.
    revise: float = 1.0
    #: Outgoing (coach): from this score on, advise `dont_send`.
    dont_send: float = 5.0
    #: Incoming request (triage): from this score on, `accept_and_ask`; below it,
    #: `accept`.
    accept_and_ask: float = 0.5
    #: Incoming request (triage): from this score on, `ask_first` (ask the reason
    #: before accepting).
    ask_first: float = 2.5
    #: Incoming request (triage): from this score on, `decline`.
    decline: float = 4.5


@attrs.frozen
class PartialThresholds:
    """Some of the [`Thresholds`][knigge_engine.policy.Thresholds] (`[platforms.NAME.thresholds]`):
    each one set replaces the top-level one on that platform; `None` keeps it."""

    revise: float | None = None
    dont_send: float | None = None
    accept_and_ask: float | None = None
    ask_first: float | None = None
    decline: float | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, a.name) is not None for a in attrs.fields(PartialThresholds))

    def over(self, base: Thresholds) -> Thresholds:
        """`base` with the thresholds set here replacing its own."""
        given = {a.name: getattr(self, a.name) for a in attrs.fields(PartialThresholds)
                 if getattr(self, a.name) is not None}
        return attrs.evolve(base, **given) if given else base


def _unstructure_partial(value: PartialThresholds) -> dict[str, float]:
    return {a.name: getattr(value, a.name) for a in attrs.fields(PartialThresholds)
            if getattr(value, a.name) is not None}


#: A rule's weight: a finite number (an integer is read as a float).
Weight = NewType("Weight", float)


@attrs.frozen
class RuleSettingsLayer:
    """The settings one layer (a platform spec's rule defaults, `[rules.CODE]`,
    `[platforms.NAME.rules.CODE]`) gives a rule besides its options; `None` leaves the
    layer below in force. Read by the policy's converter, so a bad value is an error
    naming its key path."""

    enabled: bool | None = None
    severity: Severity | None = None
    weight: Weight | None = None


#: The keys of a rule's table that are settings, not options.
SETTING_KEYS: tuple[str, ...] = tuple(a.name for a in attrs.fields(RuleSettingsLayer))


def structure_settings(table: Mapping[str, Any], where: str,
                       source: str | None) -> tuple[RuleSettingsLayer, list[PolicyProblem]]:
    """The settings of one rule table (its keys in `SETTING_KEYS`; the others are
    options), with a problem naming `where.key` for each bad value (left unset)."""
    given = {k: table[k] for k in SETTING_KEYS if k in table}
    if not given:
        return _NO_SETTINGS, []
    try:
        return converter.structure(given, RuleSettingsLayer), []
    except Exception as exc:  # noqa: BLE001 - every cattrs error becomes a problem
        problems = []
        bad = set()
        for message in cattrs.transform_error(exc, path="",
                                              format_exception=format_exception):
            reason, _, path = message.rpartition(" @ ")
            key = path.lstrip(".")
            bad.add(key)
            problems.append(PolicyProblem(reason or message, source, f"{where}.{key}"))
        kept = {k: v for k, v in given.items() if k not in bad}
        try:
            return converter.structure(kept, RuleSettingsLayer), problems
        except Exception:  # noqa: BLE001 - the problems above say why
            return _NO_SETTINGS, problems


_NO_SETTINGS = RuleSettingsLayer()


@attrs.frozen
class PlatformPolicy:
    """Overrides for one platform (`[platforms.NAME]`): any top-level rule selection,
    rule settings, thresholds, plus the platform's capabilities and limits."""

    #: `false` runs no rule on this platform's events: they are still read and
    #: assessed, with no findings.
    enabled: bool = True
    #: `true` says that the platform's plugin may be missing where the policy is used
    #: (a policy shared between machines): the table then applies where the plugin is
    #: installed and is skipped quietly elsewhere. Without it, a table for a platform no
    #: installed plugin provides is an error, since a misspelt name (`linkdin`) would
    #: silently switch its overrides off.
    optional: bool = False
    #: Language of messages and replies for this platform's events (`"auto"`, `"de"`,
    #: `"en"` or a locale a plugin adds); unset: the top-level `locale`.
    locale: LocaleCode | None = None
    #: Form of address for German replies (`"sie"` or `"du"`; or a form of a locale a
    #: plugin adds) when the text does not show one; unset: the platform spec's default.
    form: AddressForm | None = None
    #: Replaces the top-level `select` on this platform.
    select: tuple[str, ...] | None = None
    #: Added to the top-level `ignore` on this platform.
    ignore: tuple[str, ...] = ()
    #: Added to the selected rules on this platform.
    extend_select: tuple[str, ...] = ()
    #: Added to the ignored rules on this platform.
    extend_ignore: tuple[str, ...] = ()
    #: Thresholds for this platform's events, key by key over `[thresholds]`.
    thresholds: PartialThresholds = PartialThresholds()
    #: Per-rule tables for this platform, over the top-level `[rules]` (same keys).
    rules: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: Overrides of the platform spec's capabilities (`requests_carry_note = false`),
    #: for free and premium accounts alike.
    capabilities: dict[str, bool] = attrs.field(factory=dict)
    #: Overrides of the platform spec's limits, for free and premium accounts alike
    #: (platforms change their limits without notice).
    limits: dict[str, int] = attrs.field(factory=dict)
    #: Overrides of the platform spec's limits for premium accounts only.
    premium_limits: dict[str, int] = attrs.field(factory=dict)


@attrs.frozen
class HistoryPolicy:
    """Where the history database lives (`[history]`)."""

    #: The SQLite history file (created readable by the owner only): `knigge check`
    #: records the events into it and judges each against what happened before, and
    #: `knigge due` reads it. Unset: `check` keeps no history unless `--history`
    #: names one, and `due` uses the per-user default file.
    path: str | None = None


@attrs.frozen
class PluginsPolicy:
    """Plugin switches (`[plugins]`): `disable` names plugins to leave out."""

    #: Names of plugins (entry-point names, e.g. `"builtin"`) to leave out, as with
    #: `knigge check --disable-plugin NAME`.
    disable: tuple[str, ...] = ()


@attrs.frozen
class Suppression:
    """A standing exception (`[[suppress]]`): silence `rule` (code or name), or every
    rule for `sender` (a profile id), or both; `reason` is required, `expires` an
    optional ISO date after which the suppression stops applying and is reported."""

    #: Why the findings may be ignored (required, not empty): shown when the
    #: suppression is reported.
    reason: str
    #: The rule to silence, by code or name; unset: every rule (then `sender` is
    #: required).
    rule: str | None = None
    #: The profile id whose events are concerned; unset: everyone.
    sender: str | None = None
    #: Last day the suppression applies (`2026-12-31`, quoted or not); after it, it is
    #: reported as expired.
    expires: str | None = None


@attrs.frozen
class Policy:
    """A resolved policy (after `extends`). Build one with
    [`load_policy`][knigge_engine.policy.load_policy],
    [`policy_from_dict`][knigge_engine.policy.policy_from_dict] or `Policy()` for the built-in
    defaults.

    `extends` and `source` record where the policy came from; they take no part in
    equality, so two policies that resolve to the same settings are equal.
    """

    # Provenance only: the parent's settings are already merged in.
    #: A preset name (`"default"`, `"selective"`, `"open"` or a plugin's) or a
    #: `.toml` path relative to this file, whose settings this policy builds on:
    #: tables merge key by key, lists are replaced, `extend_*` lists add up.
    extends: str | None = attrs.field(default=None, eq=False)
    #: Language of messages and replies: `"de"`, `"en"`, a locale a plugin adds
    #: (`knigge_locales`) or `"auto"` (the language of the note or message when the
    #: engine has that locale, else the platform's default).
    locale: LocaleCode = LocaleCode("auto")
    #: `true` makes a rule that raises stop the evaluation with its exception instead
    #: of becoming a `KE001` finding (for tests).
    strict: bool = False
    #: Rules to run, by code (`KN104`), code prefix (`KN1`), name
    #: (`note-too-long`) or `ALL`; unset: every rule that is on by default.
    select: tuple[str, ...] | None = None
    #: Rules to leave out (same selectors); the more specific selector wins over
    #: `select`, an equally specific `ignore` wins.
    ignore: tuple[str, ...] = ()
    #: Rules to run in addition to `select` (and to a parent's `extend_select`):
    #: the way to switch on a rule that is off by default.
    extend_select: tuple[str, ...] = ()
    #: Rules to leave out in addition to `ignore` (and to a parent's).
    extend_ignore: tuple[str, ...] = ()
    #: Facts about the owner, the account judged for, in the event contract's profile
    #: shape (`premium`, `contact_count`, `name` …).
    owner: dict[str, Any] = attrs.field(factory=dict)
    #: Score thresholds of the decision (see `[thresholds]`).
    thresholds: Thresholds = Thresholds()
    #: Per-rule settings: `[rules.CODE]` or `[rules.NAME]` with `severity`,
    #: `weight`, `enabled` and the rule's options.
    rules: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: Per-platform overrides: `[platforms.NAME]` (see below).
    platforms: dict[str, PlatformPolicy] = attrs.field(factory=dict)
    #: Custom reply texts: `[replies.de]` and `[replies.en]` (or `[replies.CODE]`
    #: for a locale a plugin adds), keyed by reply name.
    replies: dict[str, dict[str, str]] = attrs.field(factory=dict)
    #: Where the history lives (see `[history]`).
    history: HistoryPolicy = HistoryPolicy()
    #: Follow-through horizon in days: due items that started longer ago than this are
    #: counted in one line, not listed (`knigge due`, `Engine.due`). 0 lists all.
    horizon_days: int = attrs.field(default=90, validator=attrs.validators.ge(0))
    #: Plugin switches (see `[plugins]`).
    plugins: PluginsPolicy = PluginsPolicy()
    #: Standing exceptions: `[[suppress]]` tables (see below).
    suppress: tuple[Suppression, ...] = ()
    source: str | None = attrs.field(default=None, eq=False)

    def owner_profile(self) -> Profile | None:
        """The owner's facts as a [`Profile`][knigge_engine.policy.Profile] (`None` when the policy
gives none)."""
        if not self.owner:
            return None
        facts = dict(self.owner)
        facts.setdefault("id", "me")
        from .model import converter

        return converter.structure(facts, Profile)

    def to_dict(self) -> dict[str, Any]:
        """The resolved policy as plain data (what `knigge policy show` prints as TOML).

        `extends` is left out: its settings are already merged in, and extending the
        parent again would add its `extend_select` twice. Unset values (`None`) and
        empty lists and tables that are the default are left out; everything else,
        thresholds included, is written, so
        [`policy_from_dict`][knigge_engine.policy.policy_from_dict] of the result is equal to this
        policy.
        """
        plain: dict[str, Any] = _plain(self)
        return plain


def _plain(value: Any) -> Any:
    if attrs.has(type(value)):
        out: dict[str, Any] = {}
        for field in attrs.fields(type(value)):
            if field.name in ("source", "extends"):
                continue
            item = getattr(value, field.name)
            if item is None:
                continue
            if isinstance(item, (tuple, list, dict)) and not item:
                default = field.default
                if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                    default = default.factory()
                if default == item:
                    continue
            plain = _plain(item)
            if plain == {} and attrs.has(type(item)):
                continue  # a sub-table with nothing set, e.g. [history] without a path
            out[field.name] = plain
        return out
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _strict(kind: type) -> Any:
    def hook(value: Any, _: Any) -> Any:
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, bool) and kind is not bool:
            raise TypeError(f"expected {kind.__name__}, found {value!r}")
        if not isinstance(value, kind):
            raise TypeError(f"expected {_TYPE_NAMES[kind]}, found {value!r}")
        return value

    return hook


_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


def _str_tuple(value: Any, _: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise TypeError(f"expected a list of strings, found {value!r}")
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"expected a list of strings, found the item {item!r}")
    return tuple(value)


def _table(value: Any, _: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected a table, found {value!r}")
    return value


def make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    for kind in (str, int, float, bool):
        conv.register_structure_hook(kind, _strict(kind))
    def exact(target: Any, hook: Any) -> None:
        conv.register_structure_hook_func(lambda t: t == target, hook)

    exact(tuple[str, ...], _str_tuple)
    exact(tuple[str, ...] | None, lambda v, _: None if v is None else _str_tuple(v, _))
    exact(dict[str, Any], _table)
    exact(dict[str, dict[str, Any]],
          lambda v, _: {k: _table(x, _) for k, x in _table(v, _).items()})
    exact(dict[str, float],
          lambda v, _: {k: _strict(float)(x, _) for k, x in _table(v, _).items()})
    exact(dict[str, int], lambda v, _: {k: _strict(int)(x, _) for k, x in _table(v, _).items()})
    exact(dict[str, bool],
          lambda v, _: {k: _strict(bool)(x, _) for k, x in _table(v, _).items()})
    exact(dict[str, dict[str, str]], lambda v, _: {
        k: {kk: _strict(str)(vv, _) for kk, vv in _table(x, _).items()}
        for k, x in _table(v, _).items()
    })
    exact(str | None, lambda v, _: None if v is None else _strict(str)(v, _))
    exact(LocaleCode, _locale_code)
    exact(LocaleCode | None, lambda v, _: None if v is None else _locale_code(v, _))
    exact(AddressForm | None, lambda v, _: None if v is None else _address_form(v, _))
    exact(Severity | None, lambda v, _: None if v is None else _severity(v, _))
    exact(float | None, lambda v, _: None if v is None else _strict(float)(v, _))
    exact(bool | None, lambda v, _: None if v is None else _strict(bool)(v, _))
    exact(Weight | None, lambda v, _: None if v is None else _weight(v, _))
    conv.register_unstructure_hook(tuple, list)
    conv.register_unstructure_hook(PartialThresholds, _unstructure_partial)
    return conv


def _locale_code(value: Any, _: Any) -> LocaleCode:
    if value == AUTO or valid_code(value):
        return LocaleCode(value)
    raise ValueError(f"expected 'auto' or a locale code like 'de', found {_excerpt(value)}")


def _address_form(value: Any, _: Any) -> AddressForm:
    if isinstance(value, str) and value.isalpha() and value.islower():
        return AddressForm(value)
    raise ValueError(f"expected a form of address ('sie' or 'du'), found {_excerpt(value)}")


def _severity(value: Any, _: Any) -> Severity:
    try:
        return Severity(value)
    except (ValueError, TypeError):
        raise ValueError(f"expected 'info', 'warning' or 'error', found {value!r}") from None


def _weight(value: Any, _: Any) -> Weight:
    weight = _strict(float)(value, _)
    if not math.isfinite(weight):
        raise ValueError(f"expected a finite number, found {value!r}")
    return Weight(weight)


#: The policy's converter: policies, rule settings and rule options are read with it
#: (strict scalars, key-path errors).
converter: cattrs.Converter = make_converter()
_converter = converter

_KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "$": tuple(a.name for a in attrs.fields(Policy) if a.name != "source"),
    "platforms.*": tuple(a.name for a in attrs.fields(PlatformPolicy)),
    "thresholds": tuple(a.name for a in attrs.fields(Thresholds)),
    "history": tuple(a.name for a in attrs.fields(HistoryPolicy)),
    "plugins": tuple(a.name for a in attrs.fields(PluginsPolicy)),
    "suppress.*": tuple(a.name for a in attrs.fields(Suppression)),
}


def did_you_mean(word: str, choices: Any) -> str:
    """` (did you mean 'x'?)` for the closest choice, or an empty string."""
    import difflib  # only for a suggestion (start-up)

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


Segments = tuple[str | int, ...]


def _key_problems(data: Mapping[str, Any],
                  source: str | None) -> list[tuple[Segments, PolicyProblem]]:
    """Every unknown key (with its full key path and a suggestion), each with the key's
    segments, so that the rest can still be checked without it."""
    found: list[tuple[Segments, PolicyProblem]] = []

    def check(table: Any, known: tuple[str, ...], segs: Segments) -> None:
        if not isinstance(table, Mapping):
            return
        for key in table:
            if key not in known:
                found.append(((*segs, key), PolicyProblem(
                    f"unknown key '{key}'{did_you_mean(str(key), known)}; known keys: "
                    + ", ".join(known),
                    source, _dotted((*segs, key)))))

    check(data, _KNOWN_KEYS["$"], ())
    for name in ("thresholds", "history", "plugins"):
        check(data.get(name, {}), _KNOWN_KEYS[name], (name,))
    platforms = data.get("platforms", {})
    if isinstance(platforms, Mapping):
        for pname, ptable in platforms.items():
            check(ptable, _KNOWN_KEYS["platforms.*"], ("platforms", pname))
            if isinstance(ptable, Mapping):
                check(ptable.get("thresholds", {}), _KNOWN_KEYS["thresholds"],
                      ("platforms", pname, "thresholds"))
    suppress = data.get("suppress", [])
    if isinstance(suppress, list):
        for i, item in enumerate(suppress):
            check(item, _KNOWN_KEYS["suppress.*"], ("suppress", i))
    return found


def _check_keys(data: Mapping[str, Any], source: str | None) -> None:
    """Raise a [`PolicyError`][knigge_engine.policy.PolicyError] listing every unknown key (see
`_key_problems`)."""
    found = _key_problems(data, source)
    if found:
        raise PolicyError.of([problem for _, problem in found])


def _dotted(segs: Segments) -> str:
    """`("suppress", 0, "rule")` → `suppress[0].rule`."""
    out = ""
    for seg in segs:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out


def _excerpt(value: Any) -> str:
    return elide(value)


def _without(data: Any, segs: Segments) -> tuple[Any, bool]:
    """A copy of `data` without the value at `segs` (a whole list when the path ends
    in a list item, so that the other items keep their positions), and whether anything
    was removed."""
    if not segs:
        return data, False
    head, rest = segs[0], segs[1:]
    if isinstance(data, Mapping):
        if head not in data:
            return data, False
        ends_in_item = isinstance(data[head], list) and len(rest) == 1 \
            and isinstance(rest[0], int)
        if not rest or ends_in_item:
            return {k: v for k, v in data.items() if k != head}, True
        inner, changed = _without(data[head], rest)
        return ({**data, head: inner} if changed else data), changed
    if isinstance(data, list) and isinstance(head, int) and 0 <= head < len(data):
        inner, changed = _without(data[head], rest)
        if not changed:
            return data, False
        return [*data[:head], inner, *data[head + 1:]], True
    return data, False


def _segments(path: str) -> Segments:
    """cattrs' `.platforms['x'].suppress[0].reason` → `("platforms", "x", …)`."""
    import re

    segs: list[str | int] = []
    for name, quoted, index in re.findall(r"\.([^.\[]+)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]",
                                          path):
        if index:
            segs.append(int(index))
        else:
            segs.append(name or quoted)
    return tuple(segs)


def _merge(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(parent)
    for key, value in child.items():
        if key in ("extend_select", "extend_ignore") and isinstance(out.get(key), list) \
                and isinstance(value, list):
            out[key] = [*out[key], *value]
        elif isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _structure_all(data: Mapping[str, Any],
                   source: str | None) -> tuple[Policy, list[PolicyProblem]]:
    """The policy `data` describes, with **every** problem found: each bad value is
    reported with its key path and left out, and the rest is read on, so that the
    policy that comes back (with defaults where values were bad) can still be checked
    against the installed plugins."""
    problems: list[PolicyProblem] = []
    for segs, problem in _key_problems(data, source):
        problems.append(problem)
        data, _ = _without(data, segs)
    data = _dates_as_text(data)
    policy: Policy | None = None
    for _ in range(64):  # each round removes at least one bad value
        try:
            policy = _converter.structure(dict(data), Policy)
            break
        except Exception as exc:  # noqa: BLE001 - every cattrs error becomes a problem
            messages = cattrs.transform_error(exc, path="", format_exception=format_exception)
            changed = False
            for message in messages or [str(exc)]:
                reason, _, where = message.rpartition(" @ ")
                segs = _segments(where)
                problems.append(PolicyProblem(reason or message, source,
                                              _dotted(segs) or None))
                while segs:
                    data, removed = _without(data, segs)
                    if removed:
                        changed = True
                        break
                    segs = segs[:-1]
            if not changed:
                break
    if policy is None:
        policy = Policy()
    problems.extend(_suppression_problems(policy, source))
    owner_found = owner_problem(policy, source)
    if owner_found is not None:
        problems.append(owner_found)
        policy = attrs.evolve(policy, owner={})
    return attrs.evolve(policy, source=source), problems


def owner_problem(policy: Policy, source: str | None) -> PolicyProblem | None:
    """The `[owner]` table read as a profile (the event contract's shape): a value of
    the wrong type is a problem naming its key, never a crash later."""
    if not policy.owner:
        return None
    try:
        policy.owner_profile()
    except Exception as exc:  # noqa: BLE001 - cattrs or the model's validators
        messages = cattrs.transform_error(exc, path="", format_exception=format_exception) \
            if isinstance(exc, cattrs.BaseValidationError) else []
        if messages:
            reason, _, where = messages[0].rpartition(" @ ")
            segs = _segments(where)
            if not segs and reason.startswith("'") and "' " in reason:
                segs = (reason[1:reason.index("' ")],)  # a field validator names its field
            return PolicyProblem(reason or messages[0], source,
                                 _dotted(("owner", *segs)))
        return PolicyProblem(str(exc)[:200], source, "owner")
    return None


def _dates_as_text(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """TOML has a date type: `expires = 2026-12-31` (unquoted) means the same as the
    quoted ISO string, so accept both."""
    suppress = data.get("suppress")
    if not isinstance(suppress, list):
        return data
    items = [
        {**item, "expires": item["expires"].isoformat()}
        if isinstance(item, Mapping) and type(item.get("expires")) is _dt.date
        else item
        for item in suppress
    ]
    return {**data, "suppress": items}


def _suppression_problems(policy: Policy, source: str | None) -> list[PolicyProblem]:
    found = []
    for i, sup in enumerate(policy.suppress):
        where = f"suppress[{i}]"
        if not sup.reason.strip():
            found.append(PolicyProblem("the reason is empty; say why the finding is "
                                       "acceptable", source, f"{where}.reason"))
        if sup.rule is None and sup.sender is None:
            found.append(PolicyProblem("a suppression needs a 'rule', a 'sender' or both",
                                       source, where))
        if sup.expires is not None:
            try:
                _dt.date.fromisoformat(sup.expires)
            except ValueError:
                found.append(PolicyProblem(
                    f"expected a date like 2026-12-31, found {_excerpt(sup.expires)}",
                    source, f"{where}.expires"))
    return found


def _resolve(
    data: Mapping[str, Any],
    source: str | None,
    presets: Mapping[str, str],
    base_dir: Path | None,
    seen: tuple[str, ...],
) -> dict[str, Any]:
    parent_ref = data.get("extends")
    if parent_ref is None:
        return dict(data)
    if not isinstance(parent_ref, str):
        raise PolicyError(
            f"expected a preset name or a file path, found {parent_ref!r}",
            source=source, path="extends",
        )
    if parent_ref in seen:
        raise PolicyError(
            f"'extends' forms a cycle: {' -> '.join([*seen, parent_ref])}",
            source=source, path="extends",
        )
    if parent_ref in presets:
        parent_source = f"preset '{parent_ref}'"
        parent = _parse_toml(presets[parent_ref], parent_source)
        parent_dir = None
    elif parent_ref.endswith(".toml"):
        parent_path = (base_dir or Path.cwd()) / parent_ref
        if not parent_path.is_file():
            raise PolicyError(
                f"the file '{parent_ref}' to extend does not exist ({parent_path})",
                source=source, path="extends",
            )
        parent_source = str(parent_path)
        parent = _read_file(parent_path)
        parent_dir = parent_path.parent
    else:
        raise PolicyError(
            f"unknown preset '{parent_ref}'{did_you_mean(parent_ref, presets)}; "
            f"presets: {', '.join(sorted(presets))}; or give a path ending in .toml",
            source=source, path="extends",
        )
    _check_keys(parent, parent_source)
    resolved_parent = _resolve(parent, parent_source, presets, parent_dir, (*seen, parent_ref))
    merged = _merge(resolved_parent, {k: v for k, v in data.items() if k != "extends"})
    merged["extends"] = parent_ref
    return merged


def _parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message already says "(at line N, column M)".
        raise PolicyError(f"invalid TOML: {exc}", source=source) from None


def _read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None
    except UnicodeDecodeError as exc:
        raise PolicyError(f"not UTF-8 text: {exc.reason} at byte {exc.start}",
                          source=str(path)) from None
    data = _parse_toml(text, str(path))
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "knigge" not in tool:
            raise PolicyError("has no [tool.knigge] table", source=str(path))
        data = tool["knigge"]
        if not isinstance(data, dict):
            raise PolicyError("expected a table", source=str(path), path="tool.knigge")
    return data


def policy_from_dict(
    data: Mapping[str, Any],
    *,
    presets: Mapping[str, str] | None = None,
    source: str | None = None,
    base_dir: Path | None = None,
) -> Policy:
    """Build a policy from parsed TOML (a dict), resolving `extends`. Raises a
    [`PolicyError`][knigge_engine.policy.PolicyError] listing every problem of the file."""
    policy, problems = _from_dict_all(data, presets, source, base_dir)
    if problems:
        raise PolicyError.of(problems)
    return policy


def _from_dict_all(data: Mapping[str, Any], presets: Mapping[str, str] | None,
                   source: str | None,
                   base_dir: Path | None) -> tuple[Policy, list[PolicyProblem]]:
    presets = _default_presets() if presets is None else presets
    if not isinstance(data, Mapping):
        raise PolicyError("expected a table", source=source)
    resolved = _resolve(data, source, presets, base_dir, ())
    return _structure_all(resolved, source)


def load_policy(
    path: str | Path | None = None, *, presets: Mapping[str, str] | None = None
) -> Policy:
    """Load a policy file (`knigge.toml` or a `pyproject.toml` with `[tool.knigge]`).

    With `path=None` the file is looked up with `find_policy`; without one the
    `default` preset is used. Raises [`PolicyError`][knigge_engine.policy.PolicyError] listing every
    problem of the file (`PolicyError.problems`).
    """
    policy, problems = read_policy(path, presets=presets)
    if problems:
        raise PolicyError.of(problems)
    return policy


def read_policy(
    path: str | Path | None = None, *, presets: Mapping[str, str] | None = None
) -> tuple[Policy, list[PolicyProblem]]:
    """Like [`load_policy`][knigge_engine.policy.load_policy], but a file that can be parsed comes
    back with its problems instead of raising: the policy has the bad values left out (defaults in
    their place), so that the engine can check the rest against the installed plugins
    and report every problem at once. Raises [`PolicyError`][knigge_engine.policy.PolicyError] only
    for a file that cannot be read or parsed at all (or an `extends` that cannot be resolved)."""
    presets = _default_presets() if presets is None else presets
    if path is None:
        found = find_policy()
        if found is None:
            return _from_dict_all({"extends": "default"}, presets, "preset 'default'", None)
        path = found
    path = Path(path)
    if not path.is_file():
        raise PolicyError("no such file", source=str(path))
    data = _read_file(path)
    return _from_dict_all(data, presets, str(path), path.parent)


def find_policy(start: Path | None = None) -> Path | None:
    """`knigge.toml` in `start` (default: the working directory) or a parent, else a
    `pyproject.toml` with `[tool.knigge]` there; `None` when neither exists."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_POLICY_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if isinstance(data.get("tool"), dict) and "knigge" in data["tool"]:
                return pyproject
    return None


def policy_to_toml(policy: Policy) -> str:
    """The resolved policy as TOML text (`knigge policy show`)."""
    return tomli_w.dumps(policy.to_dict())


def _default_presets() -> Mapping[str, str]:
    from .presets import PRESETS

    return PRESETS
