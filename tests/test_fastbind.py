"""The fast path from event dicts to the model must bind exactly as the cattrs converter
does, or step aside: same objects for valid events, the converter's errors otherwise."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from knigge_engine import EventError, event_from_dict, model

AT = "2026-11-02T09:15:00+01:00"
SENDER = {"id": "u-42", "name": "Max Beispiel", "headline": "tba", "company": "tba",
          "contact_count": 4500, "contacts_visible": False, "has_photo": True,
          "premium": False, "recruiter": False, "groups": ["Akquisition und Kundengewinnung"],
          "language": "de", "seniority": "manager", "degree": 3, "mutual_contacts": 0,
          "prior_contact": False}
VALID = [
    {"kind": "contact_request", "id": "r-1", "platform": "xing", "direction": "incoming",
     "at": AT, "sender": SENDER, "recipient": {"id": "me", "name": "Jana Schröder"},
     "note": "Hallo Frau Schröder, wir haben uns beim IHK-Vortrag kennengelernt.",
     "context": {"met_at": "IHK Hamburg"}},
    {"kind": "contact_request", "id": "r-2", "platform": "generic", "direction": "outgoing",
     "at": "2026-11-02T08:15:00+00:00", "sender": {"id": "me", "premium": True},
     "recipient": {"id": "u-1", "seniority": "executive", "degree": 2}, "note": None},
    {"kind": "message", "id": "m-1", "platform": "generic", "direction": "outgoing",
     "at": AT, "sender": {"id": "me"}, "recipient": {"id": "u-42"},
     "text": "Warum möchten Sie sich vernetzen?", "thread": "t-1", "in_reply_to": "r-1",
     "asks_reason": True},
    {"kind": "request_resolved", "id": "x-1", "platform": "generic", "direction": "outgoing",
     "at": AT, "sender": {"id": "me"}, "recipient": {"id": "u-42"}, "request": "r-1",
     "outcome": "declined"},
    {"kind": "profile_view", "id": "v-1", "platform": "generic", "direction": "incoming",
     "at": "2026-11-02T09:15:00-05:00", "sender": {"id": "u-42"}, "recipient": {"id": "me"}},
]

# Values of every JSON type and of every shape the contract uses, right and wrong.
VALUES = [None, True, False, 0, 7, -3, 2.5, "", "x", AT, "2026-11-02T09:15:00", "yesterday",
          [], ["a"], [1], {}, {"a": 1}, "incoming", "outgoing", "executive", "declined",
          "contact_request"]


def converter_only(data):
    """event_from_dict as it is without the fast path: the converter's verdict."""
    saved = model._fast_bind
    model._fast_bind = lambda _: None
    try:
        return event_from_dict(data)
    finally:
        model._fast_bind = saved


def outcome(fn, data):
    try:
        return ("ok", fn(data))
    except EventError as exc:
        return ("error", exc.path, exc.reason)


@pytest.mark.parametrize("data", VALID, ids=lambda d: d["kind"])
def test_valid_events_take_the_fast_path_and_equal_the_converters_objects(data):
    fast = model._fast_bind(data)
    assert fast is not None, "the fast path should handle a plain valid event"
    assert fast == converter_only(data)
    assert type(fast.direction) is model.Direction
    assert isinstance(fast.at, dt.datetime) and fast.at.utcoffset() is not None


def _mutations():
    for base in VALID:
        for where in (None, "sender", "recipient"):
            target = base if where is None else base[where]
            for key in [*target, "bogus"]:
                if where is None and key == "kind":
                    continue
                yield base, where, key, "drop"
                for value in VALUES:
                    yield base, where, key, value


MUTATIONS = list(_mutations())


def test_every_single_field_mutation_binds_or_fails_exactly_as_the_converter():
    assert len(MUTATIONS) > 1000
    seen = {"ok": 0, "error": 0}
    for base, where, key, value in MUTATIONS:
        data = copy.deepcopy(base)
        target = data if where is None else data[where]
        if value == "drop":
            target.pop(key, None)
        else:
            target[key] = copy.deepcopy(value)
        got = outcome(event_from_dict, data)
        want = outcome(converter_only, data)
        assert got == want, (where, key, value)
        seen[got[0]] += 1
    # Both branches were really exercised.
    assert seen["ok"] > 100 and seen["error"] > 500


def test_the_input_dict_is_not_changed_and_results_are_independent():
    data = copy.deepcopy(VALID[0])
    before = copy.deepcopy(data)
    a, b = event_from_dict(data), event_from_dict(data)
    assert data == before
    assert a == b and a.context == {"met_at": "IHK Hamburg"}
    assert a.context is not data["context"]  # copied, as the converter copies


def test_subclasses_and_mappings_go_to_the_converter():
    class Text(str):
        pass

    data = copy.deepcopy(VALID[1])
    data["id"] = Text("r-2")
    assert model._fast_bind(data) is None
    assert event_from_dict(data) == converter_only(data)
    from collections import OrderedDict

    ordered = OrderedDict(VALID[3])
    assert event_from_dict(ordered) == converter_only(dict(VALID[3]))


@pytest.mark.parametrize("a", ["sender", "recipient"])
def test_profiles_with_unknown_seniority_are_rejected_with_the_converters_message(a):
    data = copy.deepcopy(VALID[0])
    data[a] = {**data[a], "seniority": "intern"}
    got = outcome(event_from_dict, data)
    assert got[0] == "error" and got[1] == f"$.{a}.seniority"
    assert "is not one of" in got[2]


@pytest.mark.parametrize(("field", "first", "second"), [
    ("premium", True, 1), ("contact_count", 1, True), ("contact_count", 0, False),
    ("name", "1", 1), ("degree", 2, 2.0),
])
def test_a_profile_kept_for_reuse_is_never_given_for_a_value_of_another_type(
        field, first, second):
    # Profiles made of plain fields are reused for equal input; True == 1 and 2 == 2.0 in
    # Python, so the reuse must not let a value of the wrong type through.
    for value in (first, second, first):
        data = copy.deepcopy(VALID[1])
        data["recipient"] = {"id": "u-1", field: value}
        got = outcome(event_from_dict, data)
        want = outcome(converter_only, data)
        assert got == want
        if got[0] == "ok":
            assert type(getattr(got[1].recipient, field)) is type(value)


def test_reused_profiles_are_equal_to_new_ones_and_long_texts_are_not_kept():
    data = copy.deepcopy(VALID[1])
    a, b = event_from_dict(data), event_from_dict(data)
    assert a.recipient == b.recipient == converter_only(data).recipient
    data["recipient"] = {"id": "u-1", "headline": "x" * 5000}
    c, d = event_from_dict(data), event_from_dict(data)
    assert c.recipient == d.recipient and c.recipient is not d.recipient
