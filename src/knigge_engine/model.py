"""The data model: profiles, contact events and the enums around them.

Every class is an `attrs` frozen, slotted class. Unknown facts are `None`: a rule must
treat `None` as "no evidence", never as `False` or `0`.

All events (un)structure to and from the JSON shapes of the event contract
(`docs/events.md`) through one shared `converter`; see
[`event_from_dict`][knigge_engine.model.event_from_dict] and
[`event_to_dict`][knigge_engine.model.event_to_dict].
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
import cattrs
import orjson
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._fastbind import make_binder

__all__ = [
    "Action",
    "ContactRequest",
    "Direction",
    "Event",
    "EventError",
    "Kind",
    "Message",
    "Outcome",
    "Profile",
    "ProfileView",
    "RequestResolved",
    "Seniority",
    "Severity",
    "converter",
    "event_from_dict",
    "event_to_dict",
]


class Direction(enum.StrEnum):
    """Direction of an event relative to the owner (the account judged for)."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"


class Kind(enum.StrEnum):
    """The event kinds of the contract; the `kind` field of the JSON shape."""

    CONTACT_REQUEST = "contact_request"
    MESSAGE = "message"
    REQUEST_RESOLVED = "request_resolved"
    PROFILE_VIEW = "profile_view"


class Outcome(enum.StrEnum):
    """How a contact request ended."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Severity(enum.StrEnum):
    """Severity of a finding, mildest first."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error: for `--fail-on` comparisons."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Seniority(enum.StrEnum):
    """Seniority of a profile; a busy executive reads less."""

    STAFF = "staff"
    MANAGER = "manager"
    EXECUTIVE = "executive"


class Action(enum.StrEnum):
    """What the engine advises.

    Coach (outgoing): `send` < `revise` < `ask_for_introduction` < `dont_send`.
    Triage (incoming request): `accept` < `accept_and_ask` < `ask_first` < `decline`.
    Incoming message: `reply`. Follow-through: `decide`, `reply`, `answer`,
    `decline`, `slow_down`.
    """

    SEND = "send"
    REVISE = "revise"
    ASK_FOR_INTRODUCTION = "ask_for_introduction"
    DONT_SEND = "dont_send"
    ACCEPT = "accept"
    ACCEPT_AND_ASK = "accept_and_ask"
    ASK_FIRST = "ask_first"
    DECLINE = "decline"
    REPLY = "reply"
    DECIDE = "decide"
    ANSWER = "answer"
    SLOW_DOWN = "slow_down"


#: Escalation order of the coach and triage actions, mildest first. The decision takes the
#: strongest of the threshold action and any action a finding proposes.
COACH_ORDER: tuple[Action, ...] = (
    Action.SEND,
    Action.REVISE,
    Action.ASK_FOR_INTRODUCTION,
    Action.DONT_SEND,
)
TRIAGE_ORDER: tuple[Action, ...] = (
    Action.ACCEPT,
    Action.ACCEPT_AND_ASK,
    Action.ASK_FIRST,
    Action.DECLINE,
)


#: The longest excerpt of an input value an error or warning quotes.
EXCERPT = 40


def elide(value: object, limit: int = EXCERPT) -> str:
    """`repr` of `value`, cut to about `limit` characters with an ellipsis: errors
    and warnings never echo more of an input than that (it may be a personal note)."""
    if not isinstance(value, str):
        return describe(value)  # bounded for any value (deep, huge, 5,000 digits)
    text = repr(value[: limit + 1])
    if len(text) <= limit + 2:
        return text
    return text[: limit - 1] + "…" + text[-1]


def describe(value: Any) -> str:
    """A value for an error message without echoing personal data: short scalars as
    they are, longer strings and containers by type and size (notes and messages must
    never reach a log or a terminal through an error)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"a {value.bit_length()}-bit integer"  # repr of 5,000 digits raises
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if isinstance(value, str):
        return repr(value) if len(value) <= 32 else f"a string of {len(value)} characters"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, Mapping):
        return f"an object with {len(value)} key(s)"
    return f"a value of type {type(value).__name__}"


def _tuple_or_none(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        # A bare string is almost certainly a mistake for a one-element list; say so
        # instead of splitting it into characters.
        raise TypeError("expected a list of strings, found a string")
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"expected a list of strings, found {describe(value)}")
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"expected a list of strings, found an item {describe(item)}")
        problem = text_problem(item)
        if problem is not None:
            raise ValueError(problem)
    return tuple(value)


def _non_empty(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if isinstance(value, str) and not value.strip():
        raise ValueError(f"'{attribute.name}' must not be empty")


def _count(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if isinstance(value, int) and value < 0:
        raise ValueError(f"'{attribute.name}' must not be negative, found {value}")
    if isinstance(value, int) and value >= 2**63:
        # JSON output (orjson) and the history (SQLite INTEGER) hold 64-bit integers only.
        raise ValueError(f"'{attribute.name}' is out of range: a {value.bit_length()}-bit "
                         "integer")


def _degree(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and value not in (1, 2, 3):
        raise ValueError(f"'degree' must be 1, 2 or 3, found {describe(value)}")


def _platform_name(value: Any) -> Any:
    # Platform names are identifiers: "Generic" and "generic" are the same network.
    return value.strip().lower() if isinstance(value, str) else value


@attrs.frozen(slots=True)
class Profile:
    """A person on a network, as far as the event tells.

    Only `id` is required. Every other fact may be `None` (unknown). `degree`,
    `mutual_contacts` and `prior_contact` are relative to the owner.
    """

    id: str = attrs.field(validator=_non_empty)
    name: str | None = None
    headline: str | None = None
    company: str | None = None
    contact_count: int | None = attrs.field(default=None, validator=_count)
    contacts_visible: bool | None = None
    has_photo: bool | None = None
    premium: bool | None = None
    recruiter: bool | None = None
    groups: tuple[str, ...] | None = attrs.field(default=None, converter=_tuple_or_none)
    language: str | None = None
    seniority: Seniority | None = None
    degree: int | None = attrs.field(default=None, validator=_degree)
    mutual_contacts: int | None = attrs.field(default=None, validator=_count)
    prior_contact: bool | None = None


def _aware(instance: Any, attribute: attrs.Attribute[Any], value: _dt.datetime) -> None:
    if not isinstance(value, _dt.datetime):
        raise TypeError(f"'{attribute.name}' must be a datetime, found {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"'{attribute.name}' has no UTC offset: {value.isoformat()}")


@attrs.frozen(slots=True, kw_only=True)
class _EventBase:
    id: str = attrs.field(validator=_non_empty)
    platform: str = attrs.field(converter=_platform_name, validator=_non_empty)
    direction: Direction
    at: _dt.datetime = attrs.field(validator=_aware)
    sender: Profile
    recipient: Profile
    context: Mapping[str, Any] | None = None

    @property
    def other(self) -> Profile:
        """The other party: the sender of an incoming event, the recipient of an outgoing."""
        return self.sender if self.direction is Direction.INCOMING else self.recipient


@attrs.frozen(slots=True, kw_only=True)
class ContactRequest(_EventBase):
    """A request to connect. `note` is `None` when no note was attached; `""` is an
    empty note that was attached."""

    note: str | None = None
    kind: Kind = attrs.field(default=Kind.CONTACT_REQUEST, init=False)

    @property
    def text(self) -> str | None:
        """The request's note, under the name every event with text uses."""
        return self.note


@attrs.frozen(slots=True, kw_only=True)
class Message(_EventBase):
    """A message. `subject` is the subject line where the platform has one (paid
    InMail), never part of `text`; `in_reply_to` is the id of the request or message
    it answers; `asks_reason` says whether it asks the other party why they made
    contact."""

    text: str | None = None
    subject: str | None = None
    thread: str | None = None
    in_reply_to: str | None = None
    asks_reason: bool | None = None
    kind: Kind = attrs.field(default=Kind.MESSAGE, init=False)


@attrs.frozen(slots=True, kw_only=True)
class RequestResolved(_EventBase):
    """A contact request was accepted, declined or withdrawn. `sender` is the party who
    resolved it; `request` is the id of the request."""

    request: str
    outcome: Outcome
    kind: Kind = attrs.field(default=Kind.REQUEST_RESOLVED, init=False)

    @property
    def text(self) -> None:
        """Resolutions carry no text."""
        return None


@attrs.frozen(slots=True, kw_only=True)
class ProfileView(_EventBase):
    """`sender` viewed `recipient`'s profile."""

    kind: Kind = attrs.field(default=Kind.PROFILE_VIEW, init=False)

    @property
    def text(self) -> None:
        """Profile views carry no text."""
        return None


Event: TypeAlias = ContactRequest | Message | RequestResolved | ProfileView

EVENT_CLASSES: Mapping[Kind, type[Event]] = {
    Kind.CONTACT_REQUEST: ContactRequest,
    Kind.MESSAGE: Message,
    Kind.REQUEST_RESOLVED: RequestResolved,
    Kind.PROFILE_VIEW: ProfileView,
}


class EventError(ValueError):
    """An event dict that does not fit the contract. `path` names the key
    (`$.sender.contact_count`), `reason` says what was expected and what was found."""

    #: The event's position in the input of `Engine.evaluate_many(..., errors="yield")`.
    index: int | None = None

    def __init__(self, reason: str, path: str = "$") -> None:
        super().__init__(f"{path}: {reason}" if path != "$" else reason)
        self.path = path
        self.reason = reason


def _parse_datetime(value: Any, _: Any) -> _dt.datetime:
    if isinstance(value, _dt.datetime):
        result = value
    elif isinstance(value, str):
        try:
            result = _dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not an ISO 8601 time: {describe(value)}") from None
    else:
        raise TypeError(f"expected an ISO 8601 string, found {type(value).__name__}")
    if result.tzinfo is None or result.utcoffset() is None:
        raise ValueError(f"time without UTC offset: {value!r} (write e.g. {value}+01:00)")
    return result


def _strict_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, found {describe(value)}")


def _strict_int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, found {describe(value)}")
    return value


def _enum_hook(cls: type[enum.Enum]) -> Any:
    allowed = ", ".join(str(m.value) for m in cls)

    def structure(value: Any, _: Any) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            raise ValueError(f"{describe(value)} is not one of {allowed}") from None

    return structure


def _strict_str(value: Any, _: Any) -> str:
    if isinstance(value, str):
        problem = text_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value
    raise TypeError(f"expected a string, found {describe(value)}")


_SURROGATE = re.compile("[\ud800-\udfff]")

#: How deep `context` values may nest, and the integer range JSON output and the
#: history (SQLite INTEGER) hold.
MAX_DEPTH = 32
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


def text_problem(value: str) -> str | None:
    """Why `value` cannot be event text, or `None`: a lone surrogate (`"\\ud800"`
    from a broken escape) is no character and cannot be written as UTF-8. Says where,
    never what the text is."""
    if value.isascii():
        return None
    try:
        value.encode("utf-8")  # the C codec: a megabyte in about a millisecond
    except UnicodeEncodeError as exc:
        return (f"text with a lone surrogate (U+{ord(value[exc.start]):04X}) at character "
                f"{exc.start}: not a character, cannot be written as UTF-8")
    return None


def json_value_problem(value: Any, path: str = "", depth: int = 0) -> str | None:
    """Why `value` is no plain JSON value the engine can store and write back, or
    `None`: only objects with string keys, lists, strings without lone surrogates,
    64-bit integers, finite numbers, booleans and null, nested at most
    `MAX_DEPTH` deep. The answer names the key path below the value."""
    kind = type(value)
    if value is None or kind is bool:
        return None
    if kind is str:
        problem = text_problem(value)
        return None if problem is None else f"{path or '$'}: {problem}"
    if kind is int:
        if _INT_MIN <= value <= _INT_MAX:
            return None
        return f"{path or '$'}: integer out of range (a {value.bit_length()}-bit integer)"
    if kind is float:
        return None if value == value and value not in (float("inf"), float("-inf")) \
            else f"{path or '$'}: {value!r} is no JSON number"
    if depth >= MAX_DEPTH and isinstance(value, (dict, list, tuple)):
        return f"{path or '$'}: nested deeper than {MAX_DEPTH} levels"
    if isinstance(value, Mapping):
        for key, item in value.items():
            if type(key) is not str:
                return f"{path or '$'}: keys must be strings, found {type(key).__name__}"
            problem = json_value_problem(item, f"{path}.{key[:40]}", depth + 1)
            if problem is not None:
                return problem
        return None
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            problem = json_value_problem(item, f"{path}[{index}]", depth + 1)
            if problem is not None:
                return problem
        return None
    return f"{path or '$'}: {describe(value)} is no JSON value"


def json_dumps(data: Any) -> bytes:
    """`data` as JSON (orjson). Values the model's edge would have refused but that a
    host built directly (a name with a lone surrogate, an integer beyond 64 bits) are
    written, not raised on: lone surrogates become U+FFFD, such integers strings."""
    try:
        return orjson.dumps(data)
    except TypeError:
        return orjson.dumps(_json_safe(data, 0))


def _json_safe(value: Any, depth: int) -> Any:
    kind = type(value)
    if kind is str:
        return _SURROGATE.sub("\ufffd", value)
    if kind is int and not _INT_MIN <= value <= _INT_MAX:
        return str(value)
    if depth > 200:
        return None  # deeper than any serialiser will go; nothing the engine makes
    if isinstance(value, Mapping):
        return {_json_safe(str(k), depth + 1): _json_safe(v, depth + 1)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v, depth + 1) for v in value]
    return value


def _context(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        _not_obj(value)
    problem = json_value_problem(value)
    if problem is not None:
        raise ValueError(problem.removeprefix("$: ").removeprefix("$"))
    return dict(value)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(_dt.datetime, _parse_datetime)
    conv.register_unstructure_hook(_dt.datetime, lambda d: d.isoformat())
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(str, _strict_str)
    # StrEnums are str subclasses: without their own hooks the str hook would take them.
    for enum_cls in (Direction, Kind, Outcome, Severity, Seniority, Action):
        conv.register_structure_hook(enum_cls, _enum_hook(enum_cls))
        conv.register_unstructure_hook(enum_cls, lambda e: e.value)
    conv.register_structure_hook_func(
        lambda t: t == Mapping[str, Any] or t == (Mapping[str, Any] | None),
        lambda v, _: _context(v),
    )
    conv.register_structure_hook_func(
        lambda t: t == (tuple[str, ...] | None),
        lambda v, _: _tuple_or_none(v),
    )

    # Profiles drop unknown facts when written: the contract says "left out or null".
    # The generated function is made once: generating it per call costs ~0.5 ms.
    profile_fn = make_dict_unstructure_fn(Profile, conv)
    conv.register_unstructure_hook(
        Profile,
        lambda p: {k: v for k, v in profile_fn(p).items() if v is not None},
    )
    for cls in EVENT_CLASSES.values():
        conv.register_structure_hook(
            cls, make_dict_structure_fn(cls, conv, kind=override(omit=True))
        )
        conv.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, conv)
        )
    return conv


def _not_obj(value: Any) -> Any:
    raise TypeError(f"expected an object, found {describe(value)}")


# Annotations are strings under ``from __future__ import annotations``: resolve them so
# cattrs and the fast binder see the real types (enums, unions).
for _cls in (Profile, *EVENT_CLASSES.values()):
    attrs.resolve_types(_cls, globals())
del _cls

if TYPE_CHECKING:
    #: The one converter for events, configured once (datetimes need an offset; extra
    #: keys are errors; booleans and integers are strict, so `"yes"` is not `true`).
    #: Made on first use (`__getattr__` below): generating its functions costs tens of
    #: milliseconds, and binding plain JSON takes the fast path (start-up,
    #: docs/performance.md).
    converter: cattrs.Converter

_CONVERTER: cattrs.Converter | None = None


def _converter() -> cattrs.Converter:
    global _CONVERTER
    if _CONVERTER is None:
        _CONVERTER = _make_converter()
    return _CONVERTER


def __getattr__(name: str) -> Any:
    # ``model.converter``: made on first use.
    if name == "converter":
        return _converter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The hot path binds plain JSON dicts without the converter when it is sure to build the
# same object; anything else (and every error message) still comes from the converter.
_fast_bind = make_binder(EVENT_CLASSES, Profile, _parse_datetime, _tuple_or_none,
                         text_problem, json_value_problem)


def format_exception(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exc.extra_fields))}"
    detail = str(exc)
    return detail or f"invalid value (expected {type_})"


def _error_path(exc: BaseException) -> tuple[str, str]:
    """Return (key path, reason) for the first leaf error of a cattrs exception."""
    messages = cattrs.transform_error(exc, path="$", format_exception=format_exception)
    first = messages[0] if messages else str(exc)
    # transform_error gives "reason @ $.path"; split it back.
    reason, sep, path = first.rpartition(" @ ")
    if not sep:
        path, reason = "$", first
    # A field validator failed inside the class: its message starts with the field name.
    named = re.match(r"'(\w+)' must ", reason)
    if named and not path.endswith("." + named.group(1)):
        path = f"{path}.{named.group(1)}"
    # A free JSON value (context) names the key path below the field: ".met_at: …".
    inner = re.match(r"([.\[][^:]*): ", reason)
    if inner:
        below = inner.group(1)
        if len(below) > 60:
            below = below[:40] + "…" + below[-19:]
        path, reason = path + below, reason[inner.end():]
    return path, reason


def event_from_dict(data: Any) -> Event:
    """Build an event from its JSON shape.

    Raises [`EventError`][knigge_engine.model.EventError] naming the key path and the reason on any
    mismatch: an unknown `kind`, a missing field, a time without offset, an extra key.
    """
    if type(data) is dict:
        fast: Event | None = _fast_bind(data)
        if fast is not None:
            return fast
    if not isinstance(data, Mapping):
        raise EventError(f"expected a JSON object, found {type(data).__name__}")
    kind = data.get("kind")
    if kind is None:
        raise EventError("missing required field 'kind'", "$.kind")
    try:
        cls = EVENT_CLASSES[Kind(kind)]
    except (ValueError, TypeError):
        known = ", ".join(k.value for k in Kind)
        raise EventError(f"unknown kind {describe(kind)} (expected one of {known})",
                         "$.kind") from None
    body = dict(data)
    del body["kind"]
    for where, part in (("$", body), ("$.sender", body.get("sender")),
                        ("$.recipient", body.get("recipient"))):
        if isinstance(part, Mapping):
            for key in part:
                if type(key) is not str:
                    raise EventError(f"keys must be strings, found {describe(key)}", where)
    try:
        return _converter().structure(body, cls)
    except Exception as exc:
        path, reason = _error_path(exc)
        raise EventError(reason, path) from None


#: What the converter's unstructuring does per field (`_plain_event`): `None` keep
#: as is, else a function of the value. Filled on first use.
_UNSTRUCTURE: dict[type, tuple[tuple[str, Any], ...]] = {}


def _plain(value: Any) -> Any:
    """A context value as the converter writes it (`Any`: dicts and lists copied,
    tuples as lists); `_NOT_PLAIN` for anything else."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is dict:
        out = {}
        for k, v in value.items():
            v = _plain(v)
            if v is _NOT_PLAIN or type(k) is not str:
                return _NOT_PLAIN
            out[k] = v
        return out
    if kind is list or kind is tuple:
        items = [_plain(v) for v in value]
        return _NOT_PLAIN if any(v is _NOT_PLAIN for v in items) else items
    return _NOT_PLAIN


_NOT_PLAIN: Any = object()
_EVENT_TYPES = frozenset(EVENT_CLASSES.values())


def _field_writers(cls: type) -> tuple[tuple[str, Any], ...]:
    found = _UNSTRUCTURE.get(cls)
    if found is None:
        writers: list[tuple[str, Any]] = []
        for f in attrs.fields(cls):
            if not f.init:
                continue  # the converter leaves such fields (``kind``) out
            if f.type is _dt.datetime:
                writers.append((f.name, _dt.datetime.isoformat))
            elif isinstance(f.type, type) and issubclass(f.type, enum.Enum):
                writers.append((f.name, _enum_value))
            elif f.type is Profile:
                writers.append((f.name, _plain_profile))
            elif f.name == "context":
                writers.append((f.name, _plain))
            elif f.name == "groups":
                writers.append((f.name, _list_or_none))
            elif f.name == "seniority":
                writers.append((f.name, _enum_value))
            else:
                writers.append((f.name, None))
        found = _UNSTRUCTURE[cls] = tuple(writers)
    return found


def _enum_value(value: Any) -> Any:
    return None if value is None else value.value


def _list_or_none(value: Any) -> Any:
    return None if value is None else list(value)


def _plain_profile(profile: Profile) -> Any:
    if type(profile) is not Profile:
        return _NOT_PLAIN
    out = {}
    for name, write in _field_writers(Profile):
        value = getattr(profile, name)
        if value is None:
            continue
        out[name] = value if write is None else write(value)
    return out


def _plain_event(event: Event) -> dict[str, Any] | None:
    """What the converter's `unstructure` gives for an event of the four classes with
    plain values, without making the converter (start-up: recording the first event of
    a run in its history would otherwise generate the converter's code); `None`
    where only the converter can say (a subclass, a context value that is no JSON
    value). tests/test_model.py compares the two."""
    if type(event) not in _EVENT_TYPES:
        return None
    out: dict[str, Any] = {}
    for name, write in _field_writers(type(event)):
        value = getattr(event, name)
        if write is not None and value is not None:
            value = write(value)
            if value is _NOT_PLAIN:
                return None
        out[name] = value
    return out


def event_to_dict(event: Event) -> dict[str, Any]:
    """The event's JSON shape (`kind` first, unknown facts left out)."""
    raw = _plain_event(event)
    if raw is None:
        raw = (_CONVERTER or _converter()).unstructure(event)
    out: dict[str, Any] = {"kind": event.kind.value}
    for key, value in raw.items():
        if key == "kind" or value is None:
            continue
        out[key] = value
    return out
