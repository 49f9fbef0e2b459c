"""FB401-FB403 at their thresholds, on realistic German and English texts, and silent
on unknown facts and on other platforms."""

from __future__ import annotations

import pytest
from knigge_engine.testing import assert_fires, assert_silent, make_event

from fbexport import make_engine


def _out(platform: str = "facebook", owner: dict | None = None, other: dict | None = None,
         **fields) -> dict:
    return make_event("contact_request", "outgoing", platform=platform,
                      sender={"name": "Jana Müller", **(owner or {})},
                      recipient={"name": "Ole Jensen", **(other or {})}, **fields)


def _in(owner: dict | None = None, **fields) -> dict:
    return make_event("contact_request", "incoming", platform="facebook",
                      sender={"name": "Ole Jensen"},
                      recipient={"name": "Jana Müller", **(owner or {})}, **fields)


# --------------------------------------------------------------------------- FB401


@pytest.mark.parametrize(("count", "fires"), [(4749, False), (4750, True), (4999, True),
                                              (5000, True), (5312, True)])
def test_fb401_friend_cap_warns_from_95_percent_of_5000(engine, count, fires):
    event = _out(owner={"contact_count": count})
    (assert_fires if fires else assert_silent)(engine, event, "FB401")


def test_fb401_at_the_cap_an_outgoing_request_is_not_sent(engine):
    a = assert_fires(engine, _out(owner={"contact_count": 5000}), "FB401")
    finding = next(f for f in a.findings if f.code == "FB401")
    assert finding.action is not None and finding.action.value == "dont_send"
    assert a.action.value == "dont_send"
    assert "5,000 friends" in finding.message and "Facebook" in finding.message
    assert finding.evidence["count"] == 5000  # the data keeps the number


def test_fb401_incoming_at_the_cap_explains_but_proposes_nothing(engine):
    a = assert_fires(engine, _in(owner={"contact_count": 5000}), "FB401")
    finding = next(f for f in a.findings if f.code == "FB401")
    assert finding.action is None
    assert "remove friends" in finding.message


def test_fb401_german_message_names_count_and_remaining(engine):
    de = make_engine({"locale": "de"})
    a = assert_fires(de, _out(owner={"contact_count": 4820}), "FB401")
    msg = next(f for f in a.findings if f.code == "FB401").message
    # German digit grouping in the message.
    assert "4.820 Freunde" in msg and "5.000" in msg and "180 weitere" in msg


def test_fb401_reads_the_owner_count_from_the_policy_when_the_event_lacks_it():
    eng = make_engine({"owner": {"contact_count": 4800}})
    assert_fires(eng, _out(), "FB401")
    assert_silent(make_engine(), _out(), "FB401")


def test_fb401_limit_and_ratio_are_policy_options():
    lower_cap = make_engine({"platforms": {"facebook": {"limits": {"max_friends": 1000}}}})
    assert_fires(lower_cap, _out(owner={"contact_count": 950}), "FB401")
    late = make_engine({"rules": {"FB401": {"warn_ratio": 0.99}}})
    assert_silent(late, _out(owner={"contact_count": 4900}), "FB401")
    assert_fires(late, _out(owner={"contact_count": 4960}), "FB401")


def test_fb401_is_silent_where_no_friend_limit_is_declared(engine):
    assert_silent(engine, _out(platform="generic", owner={"contact_count": 5000}), "FB401")


# --------------------------------------------------------------------------- FB402


def test_fb402_fires_for_a_request_to_a_stranger_without_mutual_friends(engine):
    a = assert_fires(engine, _out(other={"mutual_contacts": 0, "prior_contact": False}),
                     "FB402")
    assert "Ole Jensen" in next(f for f in a.findings if f.code == "FB402").message


@pytest.mark.parametrize("other", [
    {"mutual_contacts": None, "prior_contact": False},
    {"mutual_contacts": 0, "prior_contact": None},
    {"mutual_contacts": 2, "prior_contact": False},
    {"mutual_contacts": 0, "prior_contact": True},
])
def test_fb402_is_silent_on_unknown_facts_and_on_any_connection(engine, other):
    assert_silent(engine, _out(other={k: v for k, v in other.items() if v is not None}),
                  "FB402")


def test_fb402_replaces_kn107_on_facebook_but_not_elsewhere(engine):
    stranger = {"mutual_contacts": 0, "prior_contact": False, "degree": 3}
    on_fb = engine.evaluate(_out(other=stranger))
    on_generic = engine.evaluate(_out(platform="generic", other=stranger))
    assert {"FB402"} <= {f.code for f in on_fb.findings}
    assert "KN107" not in {f.code for f in on_fb.findings}
    assert "KN107" in {f.code for f in on_generic.findings}
    assert "FB402" not in {f.code for f in on_generic.findings}


# --------------------------------------------------------------------------- FB403


@pytest.mark.parametrize("text", [
    "Hallo ihr Lieben! Mein Online-Shop für handgemachte Seifen ist eröffnet – diese Woche "
    "20 % Rabatt mit dem Code SEIFE20, jetzt bestellen!",
    "Hey everyone, our bakery opens on Saturday! Book a free tasting and get a 30% "
    "discount on your first order.",
])
def test_fb403_notes_that_promotion_is_accepted_on_facebook(engine, text):
    a = assert_fires(engine, make_event("message", "outgoing", platform="facebook",
                                        text=text), "FB403")
    codes = {f.code: f for f in a.findings}
    assert codes["FB403"].weight == 0
    # the pitch itself is still named, but only as information
    assert codes["KN105"].severity.value == "info"


@pytest.mark.parametrize("text", [
    "Hallo Ole, danke für den schönen Abend gestern! Schickst du mir die Fotos?",
    "Hi Ole, are you coming to Tom's birthday on Saturday?",
])
def test_fb403_is_silent_on_personal_messages(engine, text):
    assert_silent(engine, make_event("message", "outgoing", platform="facebook", text=text),
                  "FB403")


def test_fb403_is_silent_on_replies_and_on_other_platforms(engine):
    pitch = "Book a demo today and get a 30% discount on our lead generation product."
    assert_silent(engine, make_event("message", "outgoing", platform="facebook", text=pitch,
                                     in_reply_to="m-0"), "FB403")
    assert_silent(engine, make_event("message", "outgoing", platform="generic", text=pitch),
                  "FB403")
