"""Rules, findings, platform specs and the per-event rule context.

A rule is a check function plus metadata. Write one with the [`rule`][knigge_engine.rules.rule]
decorator:

```python
from knigge_engine import Kind, Direction, rule

@rule(code="AC101", name="no-emoji", summary="A first note carries no emoji.",
      why="Emoji read as casual in a first business contact.", source="our code of conduct",
      kinds=[Kind.CONTACT_REQUEST], directions=[Direction.OUTGOING],
      messages={"en": "The note has {count} emoji.", "de": "Die Notiz enthält {count} Emoji."},
      bad=[...], good=[...])
def no_emoji(event, ctx):
    count = sum(1 for ch in event.note or "" if ord(ch) >= 0x1F300)
    if count:
        return ctx.report(count=count)
```

The check receives the event and a [`RuleContext`][knigge_engine.rules.RuleContext] and returns
`None`, one [`Finding`][knigge_engine.rules.Finding] or an iterable of findings.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar, overload

import attrs

from . import locales as _locales
from .model import Action, Direction, Event, Kind, Profile, Severity

if TYPE_CHECKING:
    from .due import DueContext, DueItem
    from .history import HistoryView
    from .text import TextAnalysis

__all__ = [
    "CAP_CONTACTS_HIDEABLE",
    "CAP_REQUEST_NOTE",
    "CAP_VISITORS_VISIBLE",
    "DueRule",
    "Example",
    "Finding",
    "PlatformSpec",
    "Rule",
    "RuleContext",
    "RuleDefinitionError",
    "RuleResult",
    "due_rule",
    "rule",
]

#: Capability: a contact request can carry a personal note.
CAP_REQUEST_NOTE = "requests_carry_note"
#: Capability: members can hide their contact list.
CAP_CONTACTS_HIDEABLE = "contacts_can_be_hidden"
#: Capability: the viewed member can see who visited their profile.
CAP_VISITORS_VISIBLE = "visitors_visible"

#: The options class of a rule (its `RuleContext`'s `options`).
OptionsT = TypeVar("OptionsT")
#: The event classes a rule's check takes.
EventT = TypeVar("EventT", bound=Event)

_CODE_RE = re.compile(r"[A-Z]{2,4}[0-9]{3}")
_NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class RuleDefinitionError(ValueError):
    """A rule's metadata is incomplete or malformed (raised when the rule is defined or
    when an engine is built from the plugin that provides it)."""


def _tuple(value: Iterable[Mapping[str, Any]]) -> tuple[Mapping[str, Any], ...]:
    # Not ``converter=tuple``: attrs reads a converter's signature, and a builtin's costs
    # a tokenizer pattern compiled at start-up (about 2.5 ms; docs/performance.md).
    return tuple(value)


@attrs.frozen
class Example:
    """A worked example of a rule, in the event contract's JSON shape.

    `history` holds earlier events (also JSON shapes) a history rule needs, `policy` a
    policy fragment (as parsed TOML) to evaluate under, `now` the moment of a
    follow-through check, `owner` the owner id for history rules.
    """

    event: Mapping[str, Any] | None = None
    history: tuple[Mapping[str, Any], ...] = attrs.field(default=(), converter=_tuple)
    policy: Mapping[str, Any] | None = None
    now: str | None = None
    title: str | None = None


def _examples(value: Any) -> tuple[Example, ...]:
    if value is None:
        return ()
    if isinstance(value, (Example, Mapping)):
        value = [value]
    out = []
    for item in value:
        if isinstance(item, Example):
            out.append(item)
        elif isinstance(item, Mapping) and "kind" in item:
            out.append(Example(event=item))
        elif isinstance(item, Mapping):
            out.append(Example(**item))
        else:
            raise RuleDefinitionError(f"an example must be an Example or an event dict: {item!r}")
    return tuple(out)


def _frozenset(value: Any) -> frozenset[Any]:
    return frozenset(value or ())


@attrs.frozen(eq=False)
class Rule:
    """A rule: stable `code` and `name` (public identifiers), documentation, examples,
    defaults, applicability and the `check` function.

    `options` is an attrs class whose fields are the rule's parameters (with defaults);
    the policy's per-rule table is structured into it. `requires` names platform
    capabilities that must be true for the rule to run. `action` is an action the rule
    proposes whenever it fires (the decision escalates to at least that action).
    `follow_through` is true for a [`DueRule`][knigge_engine.rules.DueRule] (made with
    [`due_rule`][knigge_engine.rules.due_rule]), which runs in `Engine.due` over a history instead
    of per event.
    """

    code: str
    name: str
    summary: str
    why: str
    source: str
    check: Callable[..., Any]
    messages: Mapping[str, str]
    kinds: frozenset[Kind] = attrs.field(converter=_frozenset)
    directions: frozenset[Direction] = attrs.field(
        default=frozenset(Direction), converter=_frozenset
    )
    bad: tuple[Example, ...] = attrs.field(default=(), converter=_examples)
    good: tuple[Example, ...] = attrs.field(default=(), converter=_examples)
    severity: Severity = Severity.WARNING
    weight: float = 1.0
    options: type | None = None
    requires: frozenset[str] = attrs.field(default=frozenset(), converter=_frozenset)
    #: Platforms the rule runs on; empty means every platform. A platform plugin's own
    #: rules name their platform here, so they never run on another network's events.
    platforms: frozenset[str] = attrs.field(default=frozenset(), converter=_frozenset)
    action: Action | None = None
    needs_history: bool = False
    follow_through: bool = False
    enabled: bool = True
    details: str = ""
    plugin: str | None = None

    def __attrs_post_init__(self) -> None:
        if not _CODE_RE.fullmatch(self.code):
            raise RuleDefinitionError(
                f"rule code {self.code!r} must be 2-4 capital letters and 3 digits, e.g. KN101"
            )
        if not _NAME_RE.fullmatch(self.name):
            raise RuleDefinitionError(
                f"{self.code}: rule name {self.name!r} must be kebab-case, e.g. missing-note"
            )
        for field in ("summary", "why", "source"):
            if not getattr(self, field).strip():
                raise RuleDefinitionError(f"{self.code} ({self.name}): '{field}' is empty")
        missing = {"de", "en"} - set(self.messages)
        if missing:
            raise RuleDefinitionError(
                f"{self.code} ({self.name}): messages lack the locale(s) {sorted(missing)}; "
                "every rule speaks German and English"
            )
        if self.follow_through and not isinstance(self, DueRule):
            raise RuleDefinitionError(
                f"{self.code} ({self.name}): a follow-through rule is written with "
                "@due_rule, whose check takes the context only: check(ctx) -> DueItems")
        if not self.kinds and not self.follow_through:
            raise RuleDefinitionError(f"{self.code} ({self.name}): no event kinds given")
        if self.options is not None and not attrs.has(self.options):
            raise RuleDefinitionError(
                f"{self.code} ({self.name}): options must be an attrs class, "
                f"found {self.options!r}"
            )

    def default_options(self) -> Any:
        """An instance of the options class with its defaults (`None` without one)."""
        return None if self.options is None else self.options()

    def with_plugin(self, plugin: str) -> Rule:
        """The same rule, labelled with the plugin that registered it."""
        return attrs.evolve(self, plugin=plugin)


@overload
def rule(
    *,
    code: str,
    name: str,
    summary: str,
    why: str,
    source: str,
    messages: Mapping[str, str],
    kinds: Iterable[Kind] = (),
    directions: Iterable[Direction] = tuple(Direction),
    bad: Any = (),
    good: Any = (),
    severity: Severity | str = Severity.WARNING,
    weight: float = 1.0,
    options: None = None,
    requires: Iterable[str] = (),
    platforms: Iterable[str] = (),
    action: Action | str | None = None,
    needs_history: bool = False,
    follow_through: bool = False,
    enabled: bool = True,
) -> Callable[[Callable[[EventT, RuleContext[None]], RuleResult]], Rule]: ...


@overload
def rule(
    *,
    code: str,
    name: str,
    summary: str,
    why: str,
    source: str,
    messages: Mapping[str, str],
    kinds: Iterable[Kind] = (),
    directions: Iterable[Direction] = tuple(Direction),
    bad: Any = (),
    good: Any = (),
    severity: Severity | str = Severity.WARNING,
    weight: float = 1.0,
    options: type[OptionsT],
    requires: Iterable[str] = (),
    platforms: Iterable[str] = (),
    action: Action | str | None = None,
    needs_history: bool = False,
    follow_through: bool = False,
    enabled: bool = True,
) -> Callable[[Callable[[EventT, RuleContext[OptionsT]], RuleResult]], Rule]: ...


def rule(
    *,
    code: str,
    name: str,
    summary: str,
    why: str,
    source: str,
    messages: Mapping[str, str],
    kinds: Iterable[Kind] = (),
    directions: Iterable[Direction] = tuple(Direction),
    bad: Any = (),
    good: Any = (),
    severity: Severity | str = Severity.WARNING,
    weight: float = 1.0,
    options: type | None = None,
    requires: Iterable[str] = (),
    platforms: Iterable[str] = (),
    action: Action | str | None = None,
    needs_history: bool = False,
    follow_through: bool = False,
    enabled: bool = True,
) -> Callable[[Callable[[Any, Any], Any]], Rule]:
    """Decorate a check function into a [`Rule`][knigge_engine.rules.Rule].

    The check is typed by its own annotations: `check(event: ContactRequest, ctx:
    RuleContext[MyOptions]) -> RuleResult`, where the options class must be the one
    given as `options` (`RuleContext[None]` without one; mypy holds the two together).
    The function's docstring becomes the rule's longer description in the rule reference.
    """

    def wrap(fn: Callable[[Any, Any], Any]) -> Rule:
        return Rule(
            code=code,
            name=name,
            summary=summary,
            why=why,
            source=source,
            check=fn,
            messages=dict(messages),
            kinds=kinds,
            directions=directions,
            bad=bad,
            good=good,
            severity=Severity(severity),
            weight=float(weight),
            options=options,
            requires=requires,
            platforms=platforms,
            action=None if action is None else Action(action),
            needs_history=needs_history,
            follow_through=follow_through,
            enabled=enabled,
            details=(fn.__doc__ or "").strip(),
        )

    return wrap


@attrs.frozen(slots=True)
class Finding:
    """One thing a rule found about an event.

    `weight` is positive for a concern and negative for a good sign; the assessment's
    score is the sum. `message` is localized and names the evidence; `evidence` holds
    the same facts as data; `span` is the (start, end) of the evidence in the text.
    """

    code: str
    name: str
    severity: Severity
    weight: float
    message: str
    span: tuple[int, int] | None = None
    action: Action | None = None
    evidence: Mapping[str, Any] | None = None
    plugin: str | None = None


@attrs.frozen
class PlatformSpec:
    """What a platform is and allows: registered by a platform plugin.

    `capabilities` and `limits` hold the values for a free account;
    `premium_capabilities` and `premium_limits` override them for a premium account.
    `rule_defaults` sets per-rule defaults on this platform, in the shape of a policy's
    per-rule table (`{"KN105": {"severity": "info"}}`); the policy can override all of
    them. `sources` says where each value comes from (shown in the docs).
    """

    name: str
    title: str = ""
    capabilities: Mapping[str, bool | None] = attrs.field(factory=dict)
    premium_capabilities: Mapping[str, bool | None] = attrs.field(factory=dict)
    limits: Mapping[str, int | None] = attrs.field(factory=dict)
    premium_limits: Mapping[str, int | None] = attrs.field(factory=dict)
    locale: str = "en"
    address_form: str | None = None
    rule_defaults: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    sources: Mapping[str, str] = attrs.field(factory=dict)
    description: str = ""
    generic: bool = False
    plugin: str | None = None

    def capability(self, name: str, premium: bool | None = None) -> bool | None:
        """The capability for an account of the given kind; `None` when it depends on
        an account type that is unknown, or the platform does not say."""
        free = self.capabilities.get(name)
        paid = self.premium_capabilities.get(name, free)
        if premium is True:
            return paid
        if premium is False:
            return free
        return free if free == paid else None

    def limit(self, name: str, premium: bool | None = None) -> int | None:
        """A hard limit for an account of the given kind. With an unknown account type the
        more permissive value is used, so a rule never fires on a guess."""
        free = self.limits.get(name)
        paid = self.premium_limits.get(name, free)
        if premium is True:
            return paid
        if premium is False:
            return free
        if free is None or paid is None:
            return None
        return max(free, paid)

    @classmethod
    def generic_for(cls, name: str) -> PlatformSpec:
        """The spec used for a platform no installed plugin provides: requests may carry
        a note, contacts may be hidden, nothing else is known."""
        return cls(
            name=name,
            title=name,
            capabilities={CAP_REQUEST_NOTE: True, CAP_CONTACTS_HIDEABLE: True},
            generic=True,
            description="generic: no plugin provides this platform",
        )


class RuleContext(Generic[OptionsT]):
    """What a rule's check sees besides the event. Read-only for rules.

    The engine makes one context per rule and event, with the rule's own options and
    reporter: no rule sees another's settings, and a context a rule keeps does not
    change under it. `RuleContext[MyOptions]` types `options` as the rule's options
    class (`RuleContext[None]` for a rule without options).

    Attributes: `options` (the rule's resolved options), `spec` (the
    [`PlatformSpec`][knigge_engine.rules.PlatformSpec]), `owner` (the owner's
    [`Profile`][knigge_engine.rules.Profile] or `None`), `locale` (`"de"`, `"en"` or a code
    a plugin added), `form` (`"sie"`, `"du"` or `None`), `text` (the shared
    `TextAnalysis` of the note or message, `None` for events without text), `history`
    (a read-only history view or `None`), `now` (the evaluation time), `premium`
    (whether the acting account is premium, or `None`).
    """

    __slots__ = (
        "compiled",
        "event",
        "form",
        "history",
        "locale",
        "now",
        "options",
        "owner",
        "premium",
        "spec",
        "text",
    )

    event: Event | None
    spec: PlatformSpec
    owner: Profile | None
    locale: str
    form: str | None
    text: TextAnalysis | None
    history: HistoryView | None
    now: _dt.datetime
    premium: bool | None
    options: OptionsT
    #: The rule as compiled into the plan (its settings and reporter), or `None` for a
    #: context made by hand (a test): then `report` needs `compiled` set.
    compiled: Any

    def __init__(
        self,
        *,
        event: Event | None,
        spec: PlatformSpec,
        owner: Profile | None,
        locale: str,
        form: str | None,
        text: TextAnalysis | None,
        history: HistoryView | None,
        now: _dt.datetime,
        premium: bool | None,
        options: OptionsT = None,  # type: ignore[assignment]
        compiled: Any = None,
    ) -> None:
        self.event = event
        self.spec = spec
        self.owner = owner
        self.locale = locale
        self.form = form
        self.text = text
        self.history = history
        self.now = now
        self.premium = premium
        self.options = options
        self.compiled = compiled

    def capability(self, name: str) -> bool | None:
        """A platform capability for the acting account (see
        [`PlatformSpec.capability`][knigge_engine.rules.PlatformSpec.capability])."""
        return self.spec.capability(name, self.premium)

    def limit(self, name: str) -> int | None:
        """A platform limit for the acting account (see
        [`PlatformSpec.limit`][knigge_engine.rules.PlatformSpec.limit])."""
        return self.spec.limit(name, self.premium)

    def number(self, n: int) -> str:
        """`n` with the digit grouping of the context's locale ("12.800", "12,800"):
        for `shown` values of [`report`][knigge_engine.rules.RuleContext.report]."""
        return _locales.get(self.locale).number(n)

    def date(self, day: _dt.date) -> str:
        """`day` in the date format of the context's locale ("05.11.2026")."""
        return _locales.get(self.locale).date(day)

    def quote(self, text: str) -> str:
        """`text` in the quotation marks of the context's locale („…“, “…”)."""
        return _locales.get(self.locale).quote(text)

    def report(
        self,
        *,
        span: tuple[int, int] | None = None,
        action: Action | None = None,
        message_key: str | None = None,
        shown: Mapping[str, Any] | None = None,
        **evidence: Any,
    ) -> Finding:
        """A finding of the running rule, with its message in the context's locale.

        `evidence` fills the message template's placeholders and is kept on the finding.
        `shown` gives display values for some of them: the message shows those (a
        number grouped by the locale, `ctx.number(12800)`), the finding's evidence keeps
        the raw ones (`12800`). `message_key` picks an alternative template
        (`messages["de.executive"]`).
        """
        compiled = self.compiled
        templates = compiled.templates
        if templates is not None and message_key is None and not shown:
            # The common case, without a second call: a plain template (no `{subject}`)
            # in this locale, as `CompiledRule.report` picks it.
            plain = templates.get(self.locale)
            if plain is not None and plain[1] is None:
                try:
                    message = plain[0].format(**evidence)
                except (KeyError, IndexError, ValueError) as exc:
                    message = f"{plain[0]} [message could not be filled: {exc!r}]"
                return Finding(compiled.code, compiled.name, compiled.severity,
                               compiled.weight, message, span,
                               action if action is not None else compiled.action,
                               evidence or None, compiled.plugin)
        finding: Finding = compiled.report(self.locale, span, action, message_key,
                                           evidence, self.event, shown)
        return finding


RuleResult: TypeAlias = Finding | Iterable[Finding] | None
"""What a rule's check returns: nothing (`None`), one finding, or several."""


@attrs.frozen(eq=False)
class DueRule(Rule):
    """A follow-through rule: instead of judging one event, its `check(ctx)` reads the
    account's history as of `ctx.now` (a [`DueContext`][knigge_engine.due.DueContext]) and
    yields [`DueItem`][knigge_engine.due.DueItem]s, each made with `ctx.report_due`.
    `Engine.due` and `knigge due` run it once per platform of the history. Write one
    with [`due_rule`][knigge_engine.rules.due_rule]; it has the metadata, messages, examples,
    options and generated documentation of any rule."""

    kinds: frozenset[Kind] = attrs.field(default=frozenset(), converter=_frozenset)
    follow_through: bool = True

    def __attrs_post_init__(self) -> None:
        if not self.follow_through:
            raise RuleDefinitionError(f"{self.code} ({self.name}): a DueRule is follow-through")
        super().__attrs_post_init__()


@overload
def due_rule(
    *,
    code: str,
    name: str,
    summary: str,
    why: str,
    source: str,
    messages: Mapping[str, str],
    bad: Any = (),
    good: Any = (),
    severity: Severity | str = Severity.WARNING,
    weight: float = 1.0,
    options: None = None,
    requires: Iterable[str] = (),
    platforms: Iterable[str] = (),
    action: Action | str | None = None,
    enabled: bool = True,
) -> Callable[[Callable[[DueContext[None]], Iterable[DueItem] | DueItem | None]], DueRule]: ...


@overload
def due_rule(
    *,
    code: str,
    name: str,
    summary: str,
    why: str,
    source: str,
    messages: Mapping[str, str],
    bad: Any = (),
    good: Any = (),
    severity: Severity | str = Severity.WARNING,
    weight: float = 1.0,
    options: type[OptionsT],
    requires: Iterable[str] = (),
    platforms: Iterable[str] = (),
    action: Action | str | None = None,
    enabled: bool = True,
) -> Callable[[Callable[[DueContext[OptionsT]], Iterable[DueItem] | DueItem | None]], DueRule]: ...


def due_rule(
    *,
    code: str,
    name: str,
    summary: str,
    why: str,
    source: str,
    messages: Mapping[str, str],
    bad: Any = (),
    good: Any = (),
    severity: Severity | str = Severity.WARNING,
    weight: float = 1.0,
    options: type | None = None,
    requires: Iterable[str] = (),
    platforms: Iterable[str] = (),
    action: Action | str | None = None,
    enabled: bool = True,
) -> Callable[[Callable[[Any], Any]], DueRule]:
    """Decorate a follow-through check `check(ctx) -> Iterable[DueItem]` into a
    [`DueRule`][knigge_engine.rules.DueRule], typed like the checks of
    [`rule`][knigge_engine.rules.rule]: `check(ctx: DueContext[MyOptions])`. Examples are
    history examples (`history`, `now`); the function's docstring becomes the rule's
    longer description in the rule reference."""

    def wrap(fn: Callable[[Any], Any]) -> DueRule:
        return DueRule(
            code=code,
            name=name,
            summary=summary,
            why=why,
            source=source,
            check=fn,
            messages=dict(messages),
            bad=bad,
            good=good,
            severity=Severity(severity),
            weight=float(weight),
            options=options,
            requires=requires,
            platforms=platforms,
            action=None if action is None else Action(action),
            needs_history=True,
            enabled=enabled,
            details=(fn.__doc__ or "").strip(),
        )

    return wrap


def format_message(
    templates: Mapping[str, str],
    locale: str,
    key: str | None,
    evidence: Mapping[str, Any],
    kind: str | None = None,
) -> str:
    """Format a rule message: `locale.key` first, then `locale`, then English.

    Besides the evidence, a template may use `{subject}`: "note" for a contact request,
    "message" for a message (German "Notiz" / "Nachricht"; an added locale's own words,
    `knigge_engine.locales`), in the language the template is written in."""
    template = None
    if key is not None:
        template = templates.get(f"{locale}.{key}")
        if not template:
            template = templates.get(f"en.{key}")
            if template:
                locale = "en"
    if not template:
        template = templates.get(locale)
        if not template:
            template, locale = templates["en"], "en"
    try:
        if "{subject}" in template:
            subject = _locales.get(locale).subject(kind)
            return template.format_map({**evidence, "subject": subject})
        return template.format(**evidence)
    except (KeyError, IndexError, ValueError) as exc:
        # A template naming evidence the rule did not give is the rule's bug; keep the
        # finding and say what is missing rather than lose it.
        return f"{template} [message could not be filled: {exc!r}]"


def _options_fields(options: type | None) -> Sequence[attrs.Attribute[Any]]:
    return () if options is None else attrs.fields(options)
