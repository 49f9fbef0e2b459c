"""Property tests: evaluation never raises on any valid event, whatever its text."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knigge_engine import (
    ContactRequest,
    Direction,
    Message,
    Outcome,
    Profile,
    ProfileView,
    RequestResolved,
    Seniority,
)

texts = st.none() | st.text() | st.sampled_from([
    "", " ", "Hallo Frau Müller, ich bin Jana und Sie kennen mich vom Vortrag. Du auch?",
    "7 geheime Tipps " * 50, "🎉" * 300,
])
profiles = st.builds(
    Profile,
    id=st.text(min_size=1, max_size=8).filter(str.strip),
    name=st.none() | st.text(max_size=30),
    headline=st.none() | st.text(max_size=30),
    company=st.none() | st.text(max_size=30),
    contact_count=st.none() | st.integers(0, 50_000),
    contacts_visible=st.none() | st.booleans(),
    has_photo=st.none() | st.booleans(),
    premium=st.none() | st.booleans(),
    recruiter=st.none() | st.booleans(),
    groups=st.none() | st.lists(st.text(max_size=8), max_size=3).map(tuple),
    seniority=st.none() | st.sampled_from(Seniority),
    degree=st.none() | st.integers(1, 3),
    mutual_contacts=st.none() | st.integers(0, 100),
    prior_contact=st.none() | st.booleans(),
)
common = {
    "id": st.text(min_size=1, max_size=8).filter(str.strip),
    "platform": st.sampled_from(["generic", "xing", "linkedin", "facebook", "elsewhere"]),
    "direction": st.sampled_from(Direction),
    "at": st.datetimes(min_value=dt.datetime(2001, 1, 1), max_value=dt.datetime(2090, 1, 1),
                       timezones=st.just(dt.UTC)),
    "sender": profiles,
    "recipient": profiles,
    "context": st.none() | st.dictionaries(st.sampled_from(["met_at", "x"]), st.text(max_size=10)),
}
events = st.one_of(
    st.builds(ContactRequest, note=texts, **common),
    st.builds(Message, text=texts, thread=st.none() | st.text(max_size=5),
              in_reply_to=st.none() | st.text(max_size=5),
              asks_reason=st.none() | st.booleans(), **common),
    st.builds(RequestResolved, request=st.text(max_size=5), outcome=st.sampled_from(Outcome),
              **common),
    st.builds(ProfileView, **common),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(event=events)
def test_evaluate_never_raises_on_valid_events(event):
    from knigge_engine import Engine

    engine = _ENGINE
    a = engine.evaluate(event, explain=True)
    assert a.event == event.id
    assert all(f.message for f in a.findings)
    assert not any(f.code == "KE001" for f in a.findings), a.findings
    a.to_dict()
    assert isinstance(engine, Engine)


def _engine():
    from knigge_engine import Engine

    # strict: a rule that raises fails the property test instead of becoming KE001.
    return Engine(strict=True)


_ENGINE = _engine()


# Findings that need no fact beyond the event itself: a request that carries no note is a
# fact ("note": null means none was attached), not an unknown.
_ALLOWED_ON_BARE_EVENTS = {"KN101", "KN201", "KE002"}


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(["contact_request", "message", "request_resolved",
                             "profile_view"]),
       direction=st.sampled_from(["incoming", "outgoing"]),
       platform=st.sampled_from(["generic", "xing", "linkedin", "facebook", "elsewhere"]))
def test_no_rule_fires_on_unknown_facts(kind, direction, platform):
    """Profiles that say nothing but their id, and no text: every profile- or text-based
    rule must stay silent (unknown is no evidence)."""
    from knigge_engine.builders import make_event

    fields = {"request": "r-0", "outcome": "accepted"} if kind == "request_resolved" else {}
    event = make_event(kind, direction, platform=platform, **fields)
    a = _ENGINE.evaluate(event)
    fired = {f.code for f in a.findings} - _ALLOWED_ON_BARE_EVENTS
    assert not fired, [f.message for f in a.findings]
