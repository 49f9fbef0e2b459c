"""The Python API's edges (hardening): ``Engine.evaluate`` raises only ``EventError`` for
a bad event, the model refuses values it could not write back (lone surrogates, integers
beyond 64 bits, deep or non-JSON ``context``), errors name the key path without quoting
text, ``evaluate_many`` has an error mode, and every assessment serialises."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from knigge_engine import Engine, EventError
from knigge_engine.model import ContactRequest, Direction, Profile, event_from_dict

NOTE = ("Guten Tag Frau Berg, wir haben uns beim IHK-Vortrag in Hamburg über "
        "Lieferketten unterhalten. Viele Grüße, Max Beispiel")


def event(**fields):
    base = {"kind": "contact_request", "id": "r-1", "platform": "xing",
            "direction": "incoming", "at": "2026-11-02T09:15:00+01:00",
            "sender": {"id": "u-1", "name": "Max Beispiel"}, "recipient": {"id": "me"},
            "note": NOTE}
    base.update(fields)
    return base


@pytest.fixture(scope="module")
def engine():
    return Engine()


@pytest.mark.parametrize("value", [None, 5, "ein Text", ["a"], 3.5, object()])
def test_anything_but_an_event_or_a_mapping_is_an_event_error(engine, value):
    with pytest.raises(EventError, match="expected an event or a JSON object"):
        engine.evaluate(value)


@pytest.mark.parametrize(("data", "path"), [
    ({**event(), 1: "x"}, "$"),
    (event(sender={"id": "u-1", 2: "y"}), "$.sender"),
])
def test_keys_that_are_not_strings_name_where(engine, data, path):
    with pytest.raises(EventError, match="keys must be strings") as info:
        engine.evaluate(data)
    assert info.value.path == path


@pytest.mark.parametrize(("data", "path"), [
    (event(note="Hallo Frau Berg \ud800 Viele Grüße"), "$.note"),
    (event(sender={"id": "u-1", "name": "Max\udcff"}), "$.sender.name"),
    (event(id="r\udc80"), "$.id"),
    (event(sender={"id": "u-1", "groups": ["Alumni", "X\ud83d"]}), "$.sender.groups"),
    (event(context={"met_at": "IHK \ud800"}), "$.context.met_at"),
])
def test_a_lone_surrogate_is_refused_at_the_edge(engine, data, path):
    with pytest.raises(EventError, match="lone surrogate") as info:
        engine.evaluate(data)
    assert info.value.path == path
    assert "Hallo" not in str(info.value) and "IHK" not in str(info.value)


def test_surrogate_pairs_and_emoji_are_fine(engine):
    a = engine.evaluate(event(note=NOTE + " 🙂", sender={"id": "u", "name": "Zoë 🦊"}))
    assert json.loads(a.to_json())["event"] == "r-1"


@pytest.mark.parametrize(("context", "path", "reason"), [
    ({"n": 2**64}, "$.context.n", "out of range"),
    ({"n": -(2**63) - 1}, "$.context.n", "out of range"),
    ({"x": float("nan")}, "$.context.x", "no JSON number"),
    ({"x": float("inf")}, "$.context.x", "no JSON number"),
    ({"x": {1, 2}}, "$.context.x", "no JSON value"),
    ({"x": {"y": {3: "z"}}}, "$.context.x.y", "keys must be strings"),
])
def test_context_holds_plain_json_only(engine, context, path, reason):
    with pytest.raises(EventError, match=reason) as info:
        engine.evaluate(event(context=context))
    assert info.value.path == path


def test_context_nesting_is_bounded_and_the_path_is_elided(engine):
    deep: list = []
    cur = deep
    for _ in range(5000):  # deeper than Python's recursion limit allows to walk naively
        nxt: list = []
        cur.append(nxt)
        cur = nxt
    with pytest.raises(EventError, match="nested deeper than 32") as info:
        engine.evaluate(event(context={"x": deep}))
    assert info.value.path.startswith("$.context.x[0]") and len(info.value.path) < 100
    ok = engine.evaluate(event(context={"met_at": "Barcamp", "n": 2**63 - 1,
                                        "tags": [1, 2.5, True, None, {"a": "b"}]}))
    assert json.loads(ok.to_json())["event"] == "r-1"


def test_fast_and_converter_paths_agree_on_refusals():
    # plain dicts try the fast binder first; the same value through a Mapping that is
    # not a dict goes to the converter: both must refuse, with the same path.
    from types import MappingProxyType

    for data in (event(note="a\ud800"), event(context={"n": 2**70})):
        errors = []
        for shape in (data, MappingProxyType(data)):
            with pytest.raises(EventError) as info:
                event_from_dict(shape)
            errors.append((info.value.path, info.value.reason))
        assert errors[0] == errors[1]


def test_evaluate_many_raises_by_default_and_yields_errors_in_place_on_request(engine):
    items = [event(id="a"), "kein Ereignis", event(id="c", note="x\ud800"), event(id="d")]
    with pytest.raises(EventError):
        list(engine.evaluate_many(items))
    out = list(engine.evaluate_many(items, errors="yield"))
    assert len(out) == 4
    assert [getattr(o, "event", None) for o in out] == ["a", None, None, "d"]
    assert [o.index for o in out if isinstance(o, EventError)] == [1, 2]
    assert out[2].path == "$.note"
    with pytest.raises(ValueError, match="'raise' or 'yield'"):
        list(engine.evaluate_many(items, errors="skip"))


def test_an_assessment_of_a_directly_built_event_always_serialises(engine):
    # A host that builds events itself bypasses the JSON edge: the output still writes.
    ev = ContactRequest(
        id="r\udcff", platform="generic", direction=Direction.INCOMING,
        at=dt.datetime(2026, 11, 2, 9, 15, tzinfo=dt.UTC),
        sender=Profile(id="u", name="Max\ud800 Beispiel"), recipient=Profile(id="me"),
        note=None)
    a = engine.evaluate(ev)
    data = json.loads(a.to_json())
    assert data["event"] == "r\ufffd"
    assert "\ufffd" in json.dumps(data, ensure_ascii=False)
