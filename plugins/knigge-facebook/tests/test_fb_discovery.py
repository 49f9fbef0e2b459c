"""The plugin is found like a third party's: through the ``knigge_engine`` entry point."""

from __future__ import annotations

import importlib.metadata as md
import subprocess
import sys

from knigge_engine import Engine


def test_entry_point_is_registered():
    eps = {ep.name: ep for ep in md.entry_points(group="knigge_engine")}
    assert eps["facebook"].value == "knigge_facebook.plugin"
    assert eps["facebook"].dist is not None and eps["facebook"].dist.name == "knigge-facebook"


def test_default_engine_loads_platform_rules_and_importer():
    engine = Engine()
    assert [p for p in engine.problems if p.plugin == "facebook"] == []
    assert engine.platform("facebook").plugin == "facebook"
    assert not engine.platform("facebook").generic
    for code in ("FB401", "FB402", "FB403"):
        assert engine.rule(code).plugin == "facebook"
    from knigge_engine.io import collect_importers

    assert collect_importers(engine.plugins)["facebook"].name == "facebook"


def test_disable_plugin_makes_facebook_generic_again():
    engine = Engine(blocked=["facebook"])
    assert "FB401" not in engine.rules
    a = engine.evaluate({"kind": "contact_request", "id": "r1", "platform": "facebook",
                         "direction": "outgoing", "at": "2026-01-05T10:00:00+01:00",
                         "sender": {"id": "me"}, "recipient": {"id": "u"}, "note": None})
    codes = {f.code: f for f in a.findings}
    assert "knigge-facebook" in codes["KE002"].message
    assert "KN101" in codes  # the generic spec assumes notes are possible


def test_knigge_rules_lists_the_fb_rules():
    run = subprocess.run([sys.executable, "-m", "knigge_engine.cli", "rules"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    lines = [line for line in run.stdout.splitlines() if line.startswith("FB4")]
    assert [line.split()[:3] for line in lines] == [
        ["FB401", "friend-cap", "facebook"], ["FB402", "stranger-friend-request", "facebook"],
        ["FB403", "promotion-is-fine", "facebook"]]
