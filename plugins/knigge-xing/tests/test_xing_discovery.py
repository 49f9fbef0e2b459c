"""The plugin is found like a third party's: through the ``knigge_engine`` entry point."""

from __future__ import annotations

import importlib.metadata as md
import subprocess
import sys

from knigge_engine import Engine
from knigge_engine.io import collect_importers


def test_entry_point_is_registered():
    eps = {ep.name: ep for ep in md.entry_points(group="knigge_engine")}
    assert eps["xing"].value == "knigge_xing.plugin"
    assert eps["xing"].dist is not None and eps["xing"].dist.name == "knigge-xing"


def test_default_engine_loads_spec_rules_and_importers():
    engine = Engine()
    assert [p for p in engine.problems if p.plugin == "xing"] == []
    spec = engine.platform("xing")
    assert spec.plugin == "xing" and spec.locale == "de" and spec.address_form == "du"
    for code in ("XI401", "XI402", "XI403"):
        assert engine.rule(code).plugin == "xing"
    importers = collect_importers(engine.plugins)
    assert {"xing-vcard", "xing-csv"} <= set(importers)


def test_disable_plugin_reports_xing_as_missing():
    engine = Engine(blocked=["xing"])
    a = engine.evaluate({"kind": "contact_request", "id": "r1", "platform": "xing",
                         "direction": "incoming", "at": "2026-01-05T10:00:00+01:00",
                         "sender": {"id": "u"}, "recipient": {"id": "me"}, "note": None})
    assert "knigge-xing" in {f.code: f for f in a.findings}["KE002"].message


def test_knigge_rules_lists_the_xi_rules():
    run = subprocess.run([sys.executable, "-m", "knigge_engine.cli", "rules"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    lines = [line.split()[:3] for line in run.stdout.splitlines() if line.startswith("XI4")]
    assert lines == [["XI401", "xing-note-over-limit", "xing"],
                     ["XI402", "formal-first-contact", "xing"],
                     ["XI403", "contacts-not-shared", "xing"]]
