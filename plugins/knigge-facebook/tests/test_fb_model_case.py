"""The model case of "each platform has its own norms": a Facebook friend request has
no note, so KN101, KN102, KN103 and KN201 do not apply there. The spec decides it (its
``requests_carry_note`` capability), not a platform check in a core rule: the very same
request on the neutral ``generic`` platform does get KN101 / KN201."""

from __future__ import annotations

import pytest
from knigge_engine.testing import make_event

NOTE_RULES = {"KN101", "KN102", "KN103", "KN201"}


def _friend_request(direction: str, platform: str) -> dict:
    other = {"name": "Björn Äpfelbäck"}
    return make_event("contact_request", direction, platform=platform, note=None,
                      sender=other if direction == "incoming" else None,
                      recipient=other if direction == "outgoing" else None)


@pytest.mark.parametrize("direction", ["outgoing", "incoming"])
def test_facebook_friend_request_without_note_gets_no_note_findings(engine, direction):
    a = engine.evaluate(_friend_request(direction, "facebook"))
    assert NOTE_RULES.isdisjoint(f.code for f in a.findings), a.findings
    # ... and the trace says why: the capability is missing, not that the rule ran.
    traced = engine.evaluate(_friend_request(direction, "facebook"), explain=True).trace
    statuses = {r.code: r.status for r in traced.rules}
    code = "KN101" if direction == "outgoing" else "KN201"
    assert statuses[code] == "capability missing"


def test_same_outgoing_request_on_generic_platform_fires_kn101(engine):
    a = engine.evaluate(_friend_request("outgoing", "generic"))
    assert "KN101" in {f.code for f in a.findings}


def test_same_incoming_request_on_generic_platform_fires_kn201(engine):
    a = engine.evaluate(_friend_request("incoming", "generic"))
    assert "KN201" in {f.code for f in a.findings}


def test_facebook_request_from_an_importer_has_no_note_and_no_note_findings(engine, tmp_path):
    from knigge_engine.io import ImportOptions

    from fbexport import write_export
    from knigge_facebook.importer import FACEBOOK_EXPORT

    write_export(tmp_path, "2022")
    requests = [e.event for e in FACEBOOK_EXPORT.read(tmp_path, ImportOptions())
                if getattr(getattr(e, "event", None), "kind", None) == "contact_request"]
    assert {r.direction.value for r in requests} == {"incoming", "outgoing"}
    for request in requests:
        assert request.note is None
        codes = {f.code for f in engine.evaluate(request).findings}
        assert NOTE_RULES.isdisjoint(codes)


def test_sales_pitch_is_info_on_facebook_and_a_warning_on_generic(engine):
    pitch = ("Hallo Frau Kaya, ich bin Berater bei Umsatzplus. Mit unseren 7 geheimen "
             "Tipps steigern Sie Ihren Umsatz. Jetzt kostenloses Erstgespräch sichern!")
    on_fb = engine.evaluate(make_event("message", "outgoing", platform="facebook",
                                       text=pitch))
    on_generic = engine.evaluate(make_event("message", "outgoing", platform="generic",
                                            text=pitch))
    fb = {f.code: f for f in on_fb.findings}
    gen = {f.code: f for f in on_generic.findings}
    assert fb["KN105"].severity.value == "info"
    assert gen["KN105"].severity.value == "warning"
    assert fb["KN105"].weight < gen["KN105"].weight
    assert "FB403" in fb and "FB403" not in gen


def test_policy_can_restore_the_pitch_warning_on_facebook():
    from fbexport import make_engine

    strict = make_engine({"platforms": {"facebook": {"rules": {
        "KN105": {"severity": "warning", "weight": 3.0}}}}})
    a = strict.evaluate(make_event("message", "outgoing", platform="facebook",
                                   text="Hi Dana, book a demo today and get a 30% "
                                   "discount on our lead generation product."))
    kn105 = next(f for f in a.findings if f.code == "KN105")
    assert kn105.severity.value == "warning" and kn105.weight == 3.0
