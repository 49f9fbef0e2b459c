"""The data model and its one cattrs converter: round trips, and bad input named by
key path."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knigge_engine import (
    ContactRequest,
    Direction,
    EventError,
    Kind,
    Message,
    Outcome,
    Profile,
    ProfileView,
    RequestResolved,
    Seniority,
    event_from_dict,
    event_to_dict,
)

AT = "2026-11-02T09:15:00+01:00"
SENDER = {"id": "u-42", "name": "Max Beispiel", "headline": "tba", "company": "tba",
          "contact_count": 4500, "contacts_visible": False, "has_photo": True,
          "premium": False, "degree": 3, "mutual_contacts": 0, "prior_contact": False,
          "groups": ["Akquisition und Kundengewinnung"], "seniority": "manager",
          "recruiter": False, "language": "de"}

EXAMPLES = {
    "contact_request": {"kind": "contact_request", "id": "r-1", "platform": "xing",
                        "direction": "incoming", "at": AT, "sender": SENDER,
                        "recipient": {"id": "me"}, "note": "Hallo Jana, grüß dich! 👋",
                        "context": {"met_at": "Vortrag IHK Hamburg"}},
    "message": {"kind": "message", "id": "m-1", "platform": "linkedin",
                "direction": "outgoing", "at": "2026-11-02T08:15:00+00:00",
                "sender": {"id": "me"}, "recipient": {"id": "u-42"},
                "text": "Warum möchten Sie sich vernetzen?", "thread": "t-1",
                "in_reply_to": "r-1", "asks_reason": True},
    "request_resolved": {"kind": "request_resolved", "id": "x-1", "platform": "xing",
                         "direction": "outgoing", "at": AT, "sender": {"id": "me"},
                         "recipient": {"id": "u-42"}, "request": "r-1",
                         "outcome": "declined"},
    "profile_view": {"kind": "profile_view", "id": "v-1", "platform": "facebook",
                     "direction": "incoming", "at": "2026-11-02T09:15:00-05:00",
                     "sender": {"id": "u-42"}, "recipient": {"id": "me"}},
}


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_every_event_kind_round_trips_through_the_converter(kind):
    data = EXAMPLES[kind]
    event = event_from_dict(data)
    assert event.kind is Kind(kind)
    assert event_to_dict(event) == data
    assert event_from_dict(event_to_dict(event)) == event


def test_structured_types_are_the_model_types():
    event = event_from_dict(EXAMPLES["contact_request"])
    assert isinstance(event, ContactRequest)
    assert event.direction is Direction.INCOMING
    assert event.sender.seniority is Seniority.MANAGER
    assert event.sender.groups == ("Akquisition und Kundengewinnung",)
    assert event.at.utcoffset() == dt.timedelta(hours=1)
    assert event.other is event.sender
    resolved = event_from_dict(EXAMPLES["request_resolved"])
    assert isinstance(resolved, RequestResolved) and resolved.outcome is Outcome.DECLINED
    assert isinstance(event_from_dict(EXAMPLES["message"]), Message)
    assert isinstance(event_from_dict(EXAMPLES["profile_view"]), ProfileView)


def test_empty_note_is_not_null():
    empty = event_from_dict({**EXAMPLES["contact_request"], "note": ""})
    none = event_from_dict({**EXAMPLES["contact_request"], "note": None})
    assert empty.note == "" and none.note is None
    assert event_to_dict(empty)["note"] == ""
    assert "note" not in event_to_dict(none)


def test_unknown_profile_facts_stay_none_and_are_left_out():
    event = event_from_dict({**EXAMPLES["contact_request"], "sender": {"id": "u-1"}})
    assert event.sender == Profile(id="u-1")
    assert event_to_dict(event)["sender"] == {"id": "u-1"}


@pytest.mark.parametrize("change,path,words", [
    ({"at": "2026-11-02T09:15:00"}, "$.at", "without UTC offset"),
    ({"at": "gestern"}, "$.at", "not an ISO 8601"),
    ({"kind": "poke"}, "$.kind", "unknown kind 'poke'"),
    ({"direction": "sideways"}, "$.direction", "not one of incoming, outgoing"),
    ({"surprise": 1}, "$", "unknown field(s): surprise"),
    ({"sender": {"id": "u", "contact_count": "viele"}}, "$.sender.contact_count",
     "expected an integer"),
    ({"sender": {"id": "u", "contact_count": True}}, "$.sender.contact_count",
     "expected an integer"),
    ({"sender": {"id": "u", "premium": "yes"}}, "$.sender.premium", "expected true or false"),
    ({"sender": {"id": "u", "groups": "Golf"}}, "$.sender.groups", "found a string"),
    ({"sender": {"id": "u", "seniority": "boss"}}, "$.sender.seniority", "not one of"),
    ({"sender": {"name": "no id"}}, "$.sender.id", "required field missing"),
    ({"note": 42}, "$.note", "expected a string"),
    ({"context": ["met"]}, "$.context", "expected an object"),
])
def test_bad_events_are_reported_with_key_path_and_reason(change, path, words):
    with pytest.raises(EventError) as info:
        event_from_dict({**EXAMPLES["contact_request"], **change})
    assert info.value.path == path
    assert words in info.value.reason


def test_missing_required_field_names_it():
    data = dict(EXAMPLES["request_resolved"])
    del data["outcome"]
    with pytest.raises(EventError) as info:
        event_from_dict(data)
    assert info.value.path == "$.outcome"


def test_missing_kind_and_non_objects_are_errors():
    with pytest.raises(EventError, match="kind"):
        event_from_dict({"id": "x"})
    with pytest.raises(EventError, match="expected a JSON object"):
        event_from_dict(["kind", "message"])


def test_naive_datetime_object_is_rejected_by_the_class_too():
    with pytest.raises(ValueError, match="offset"):
        ContactRequest(id="r", platform="generic", direction=Direction.INCOMING,
                       at=dt.datetime(2026, 1, 1), sender=Profile("a"),
                       recipient=Profile("b"))


profiles = st.builds(
    Profile,
    id=st.text(min_size=1, max_size=20).filter(str.strip),
    name=st.none() | st.text(max_size=40),
    headline=st.none() | st.text(max_size=40),
    contact_count=st.none() | st.integers(0, 100_000),
    contacts_visible=st.none() | st.booleans(),
    premium=st.none() | st.booleans(),
    groups=st.none() | st.lists(st.text(max_size=10), max_size=3).map(tuple),
    seniority=st.none() | st.sampled_from(Seniority),
    degree=st.none() | st.integers(1, 3),
    mutual_contacts=st.none() | st.integers(0, 500),
    prior_contact=st.none() | st.booleans(),
)
times = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1),
    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=1)),
                               dt.timezone(dt.timedelta(hours=-5, minutes=-30))]),
)


@given(sender=profiles, recipient=profiles, at=times, note=st.none() | st.text(),
       direction=st.sampled_from(Direction))
def test_any_contact_request_round_trips(sender, recipient, at, note, direction):
    event = ContactRequest(id="r", platform="generic", direction=direction, at=at,
                           sender=sender, recipient=recipient, note=note)
    assert event_from_dict(event_to_dict(event)) == event


@pytest.mark.parametrize("change,path,words", [
    ({"platform": ""}, "$.platform", "must not be empty"),
    ({"id": "  "}, "$.id", "must not be empty"),
    ({"sender": {"id": "u", "degree": 7}}, "$.sender.degree", "1, 2 or 3"),
    ({"sender": {"id": "u", "contact_count": -5}}, "$.sender.contact_count", "negative"),
    ({"sender": {"id": "u", "mutual_contacts": -1}}, "$.sender.mutual_contacts", "negative"),
    ({"recipient": {"id": ""}}, "$.recipient.id", "must not be empty"),
])
def test_impossible_values_are_errors(change, path, words):
    with pytest.raises(EventError) as info:
        event_from_dict({**EXAMPLES["contact_request"], **change})
    assert info.value.path == path and words in info.value.reason


def test_platform_names_are_case_insensitive():
    event = event_from_dict({**EXAMPLES["contact_request"], "platform": " XING"})
    assert event.platform == "xing"


@pytest.mark.parametrize("field,value", [
    ("note", ["Streng vertraulich: meine Gehaltsvorstellung"]),
    ("note", {"geheim": "Streng vertraulich: meine Gehaltsvorstellung"}),
    ("at", "Streng vertraulich: meine Gehaltsvorstellung"),
])
def test_errors_never_echo_long_texts(field, value):
    with pytest.raises(EventError) as info:
        event_from_dict({**EXAMPLES["contact_request"], field: value})
    assert "vertraulich" not in str(info.value)


def test_event_to_dict_leaves_what_it_cannot_write_itself_to_the_converter():
    import attrs

    from knigge_engine import model

    @attrs.frozen
    class Annotated(ContactRequest):
        label: str = "x"

    plain = event_from_dict(EXAMPLES["contact_request"])
    odd_context = attrs.evolve(plain, context={"seen": {1, 2}})  # a set: no JSON value
    sub = Annotated(**{f.name: getattr(plain, f.name) for f in attrs.fields(ContactRequest)
                       if f.init})
    assert model._plain_event(plain) == model.converter.unstructure(plain)
    assert model._plain_event(odd_context) is None
    assert model._plain_event(sub) is None
    for event in (odd_context, sub):
        by_converter = {k: v for k, v in model.converter.unstructure(event).items()
                        if v is not None}
        assert event_to_dict(event) == {"kind": "contact_request", **by_converter}
