"""A fast path from event dicts to the attrs model, for the per-event hot path.

The model's one documented converter is the cattrs converter in `.model`; binding a
JSON line through it costs several microseconds per event. This module compiles, once
at import, a plain-Python binder per event class from the classes' own attrs fields, and
[`event_from_dict`][knigge_engine.model.event_from_dict] tries it first.

The contract is one-sided, and that is what keeps behaviour identical: the fast binder
either returns exactly the object the converter would have built, or returns `None` and
the converter does the work (and produces its error message, with the key path). So it
accepts only dicts whose every value has the exact expected type (`str`, `int` that
is not a `bool`, `bool`, `None` where the field allows it, a known enum value, a
`dict` for a mapping); anything unusual — an unknown key, a missing field, a subclass,
a value of the wrong type — goes to the converter. A field type it does not know turns
the fast path off for that class, so a field added to the model later can never be bound
differently from the converter.
"""

from __future__ import annotations

import datetime as _dt
import enum
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs

__all__ = ["make_binder"]

_NONE = type(None)
#: How many profiles a binder keeps for reuse, and the longest text such a profile holds
#: (the memory they keep stays small whatever the input: at most ~64 × 15 × 200 chars).
_KEPT = 64
_KEPT_CHARS = 200

# Field checks, each ``(value) -> bound value``; raising means "ask the converter".


class _Decline(Exception):
    """Raised inside the fast path: not sure, let the converter decide."""


def _exact(t: type, optional: bool) -> Callable[[Any], Any]:
    if optional:
        def check_optional(v: Any) -> Any:
            if v is not None and type(v) is not t:
                raise _Decline
            return v

        return check_optional

    def check(v: Any) -> Any:
        if type(v) is not t:
            raise _Decline
        return v

    return check


def _enum(cls: type[enum.Enum], optional: bool) -> Callable[[Any], Any]:
    by_value = {m.value: m for m in cls}

    def check(v: Any) -> Any:
        if v is None and optional:
            return None
        if type(v) is not str:
            raise _Decline
        member = by_value.get(v)
        if member is None:
            raise _Decline
        return member

    return check


def _mapping(optional: bool, json_problem: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def check(v: Any) -> Any:
        if v is None and optional:
            return None
        if type(v) is not dict or json_problem(v) is not None:
            raise _Decline
        return dict(v)  # the converter copies too

    return check


def _split_optional(tp: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(tp) if a is not _NONE]
        optional = len(args) < len(typing.get_args(tp))
        if len(args) == 1:
            return args[0], optional
        return tp, optional
    return tp, False


def _field_check(
    tp: Any,
    nested: Mapping[type, Callable[[Any], Any]],
    parse_datetime: Callable[[Any, Any], Any],
    str_tuple: Callable[[Any], Any],
    json_problem: Callable[[Any], Any],
) -> Callable[[Any], Any] | None:
    """The check for one field type, or `None` when the fast path does not know it."""
    inner, optional = _split_optional(tp)
    if inner in (str, int, bool):
        return _exact(inner, optional)
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return _enum(inner, optional)
    if inner is _dt.datetime and not optional:
        def check_time(v: Any) -> Any:
            if type(v) is not str:
                raise _Decline
            try:
                return parse_datetime(v, None)
            except (TypeError, ValueError):
                raise _Decline from None

        return check_time
    if inner in nested and not optional:
        return nested[inner]
    if typing.get_origin(inner) is Mapping or inner is Mapping:
        return _mapping(optional, json_problem)
    if inner == tuple[str, ...] and optional:
        def check_tuple(v: Any) -> Any:
            if v is not None and type(v) is not list:
                raise _Decline
            try:
                return str_tuple(v)
            except (TypeError, ValueError):
                raise _Decline from None

        return check_tuple
    return None


def _class_binder(
    cls: type,
    nested: Mapping[type, Callable[[Any], Any]],
    parse_datetime: Callable[[Any, Any], Any],
    str_tuple: Callable[[Any], Any],
    text_problem: Callable[[str], Any],
    json_problem: Callable[[Any], Any],
    skip: frozenset[str] = frozenset(),
    keep: bool = False,
) -> Callable[[Any], Any] | None:
    """A binder for one attrs class, or `None` when a field's type is unknown here.

    Fields of a plain type (`str`, `int`, `bool`, optionally `None`) are checked
    inline in one loop; the others (enums, times, nested profiles, mappings, string
    lists) go through their check function. With `keep` (immutable classes whose
    equal fields make an equal object: profiles), the last `_KEPT` objects made
    of plain fields only, none longer than `_KEPT_CHARS`, are reused for equal
    input.
    """
    exact: dict[str, type] = {}
    nullable: set[str] = set()
    special: dict[str, Callable[[Any], Any]] = {}
    for field in attrs.fields(cls):
        if field.name in skip or not field.init:
            continue
        inner, optional = _split_optional(field.type)
        if inner in (str, int, bool):
            exact[field.name] = inner
            if optional:
                nullable.add(field.name)
            continue
        if inner == tuple[str, ...] and optional and field.converter is str_tuple:
            # The class's own converter is the converter's hook: pass the value through
            # and let construction validate it exactly as the converter would.
            special[field.name] = _passthrough
            continue
        check = _field_check(field.type, nested, parse_datetime, str_tuple, json_problem)
        if check is None:
            return None
        special[field.name] = check
    special_items = tuple(special.items())
    get_exact = exact.get
    made: dict[tuple[tuple[str, Any], ...], Any] | None = {} if keep else None

    def bind(d: Any, owned: bool = False) -> Any:
        if type(d) is not dict:
            raise _Decline
        convert = False
        small = True
        for k, v in d.items():
            t = get_exact(k)
            if t is not None:
                if type(v) is not t:
                    if v is not None or k not in nullable:
                        raise _Decline
                elif t is str:
                    if len(v) > _KEPT_CHARS:  # type: ignore[arg-type]
                        small = False
                    if not v.isascii() and text_problem(v) is not None:  # type: ignore[attr-defined,arg-type]
                        raise _Decline  # a lone surrogate: the converter names it
            elif k in special:
                convert = True
            else:
                raise _Decline  # an unknown key: the converter names it
        if convert:
            if not owned:
                d = dict(d)
            for k, check in special_items:
                if k in d:
                    d[k] = check(d[k])
        elif made is not None and small:
            # Every value is now of its field's exact type (str, int, bool or None), so
            # equal items mean an equal object: the same person in the next event (the
            # owner, as the recipient of every incoming one) is not built again.
            key = tuple(d.items())
            found = made.get(key)
            if found is None:
                try:
                    found = cls(**d)
                except (TypeError, ValueError):
                    raise _Decline from None
                if len(made) >= _KEPT:
                    made.clear()  # bounded: a stream of ever new people
                made[key] = found
            return found
        try:
            return cls(**d)
        except (TypeError, ValueError):
            raise _Decline from None  # a missing field or a failed validator

    return bind


def _passthrough(v: Any) -> Any:
    return v


def make_binder(
    event_classes: Mapping[Any, type],
    profile_cls: type,
    parse_datetime: Callable[[Any, Any], Any],
    str_tuple: Callable[[Any], Any],
    text_problem: Callable[[str], Any],
    json_problem: Callable[[Any], Any],
) -> Callable[[dict[str, Any]], Any]:
    """Compile the fast binder: `bind(data) -> event or None`.

    `event_classes` maps each `kind` value to its class; `parse_datetime` and
    `str_tuple` are the converter's own hooks for times and string lists, so both paths
    parse them identically; `text_problem` and `json_problem` are the model's checks
    of text and of free JSON values (a value they object to goes to the converter, which
    names the problem). Types must already be resolved (`attrs.resolve_types`).
    """
    profile = _class_binder(profile_cls, {}, parse_datetime, str_tuple, text_problem,
                            json_problem, keep=True)
    nested = {profile_cls: profile} if profile is not None else {}
    by_kind: dict[str, Callable[..., Any]] = {}
    for kind, cls in event_classes.items():
        binder = _class_binder(cls, nested, parse_datetime, str_tuple, text_problem,
                               json_problem, frozenset({"kind"}))
        if binder is not None:
            by_kind[str(getattr(kind, "value", kind))] = binder

    def bind(data: dict[str, Any]) -> Any:
        kind = data.get("kind")
        if type(kind) is not str:
            return None
        binder = by_kind.get(kind)
        if binder is None:
            return None
        body = dict(data)
        del body["kind"]
        try:
            return binder(body, True)
        except _Decline:
            return None

    return bind
