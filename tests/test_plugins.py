"""Plugin discovery through real installed distributions.

Each test builds a tiny plugin distribution as a wheel, installs it with pip into a
temporary folder, and runs the engine in a subprocess with that folder on the path, so
discovery goes through ``importlib.metadata`` entry points exactly as for a user.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

TINY_PLUGIN = '''
"""A tiny third-party plugin: one rule."""
from knigge_engine import Direction, Kind, hookimpl, rule

EX_BAD = {"kind": "contact_request", "id": "b", "platform": "generic",
          "direction": "outgoing", "at": "2026-11-02T09:15:00+01:00",
          "sender": {"id": "me"}, "recipient": {"id": "u"},
          "note": "Hallo Frau Roth, ich bin Jana 🎉🎉"}
EX_GOOD = dict(EX_BAD, note="Hallo Frau Roth, ich bin Jana.")


@rule(code="TY101", name="no-party-emoji", summary="No party emoji in a first note.",
      why="Our outreach code of conduct.", source="ACME code of conduct §3",
      kinds=[Kind.CONTACT_REQUEST], directions=[Direction.OUTGOING],
      messages={"en": "The note has {count} party emoji.",
                "de": "Die Notiz enthält {count} Party-Emoji."},
      bad=[EX_BAD], good=[EX_GOOD])
def no_party_emoji(event, ctx):
    count = (event.note or "").count("🎉")
    if count:
        return ctx.report(count=count)


@hookimpl
def knigge_rules():
    return [no_party_emoji]
'''


def build_wheel(tmp: Path, dist: str, version: str, module: str, source: str,
                entry_name: str) -> Path:
    """Write a minimal, valid wheel for a one-module distribution."""
    norm = dist.replace("-", "_")
    dist_info = f"{norm}-{version}.dist-info"
    files = {
        f"{module}.py": source.encode(),
        f"{dist_info}/METADATA": (f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n"
                                  "Requires-Dist: knigge-engine\n").encode(),
        f"{dist_info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                              b"Tag: py3-none-any\n",
        f"{dist_info}/entry_points.txt": f"[knigge_engine]\n{entry_name} = {module}\n".encode(),
    }
    record = []
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(data)}")
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = tmp / f"{norm}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return wheel


def pip_install(wheel: Path, target: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-index", "--target", str(target), str(wheel)], check=True,
                   capture_output=True)


def run_python(code: str, target: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("plugins")
    target = tmp / "site"
    pip_install(build_wheel(tmp, "knigge-tiny", "1.2.3", "knigge_tiny", TINY_PLUGIN, "tiny"),
                target)
    pip_install(build_wheel(tmp, "knigge-broken", "0.0.1", "knigge_broken",
                            "import does_not_exist_anywhere\n", "broken"), target)
    pip_install(build_wheel(tmp, "knigge-typo", "2.0", "knigge_typo",
                            "from knigge_engine import hookimpl\n\n@hookimpl\n"
                            "def knigge_rule():\n    return []\n", "typo"), target)
    return target


REPORT = """
import json
from knigge_engine import Engine
engine = Engine()
print(json.dumps({
    "rules": {code: r.plugin for code, r in engine.rules.items()},
    "problems": [[p.plugin, p.distribution, p.version, p.hook, p.reason]
                 for p in engine.problems],
    "plugins": engine.plugins.names(),
}))
"""


def test_installed_plugin_is_discovered_through_its_entry_point(site):
    proc = run_python(REPORT, site)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["rules"]["TY101"] == "tiny"
    assert report["rules"]["KN101"] == "builtin"
    assert "tiny" in report["plugins"]


def test_a_plugin_that_fails_to_import_is_named_with_distribution_and_version(site):
    report = json.loads(run_python(REPORT, site).stdout)
    broken = [p for p in report["problems"] if p[0] == "broken"]
    assert broken, report["problems"]
    _plugin, dist, version, _hook, reason = broken[0]
    assert (dist, version) == ("knigge-broken", "0.0.1")
    assert "does_not_exist_anywhere" in reason


def test_a_misspelled_hook_is_named(site):
    report = json.loads(run_python(REPORT, site).stdout)
    typo = [p for p in report["problems"] if p[0] == "typo"]
    assert typo and "knigge_rule" in typo[0][4] and "knigge_rules" in typo[0][4]
    assert typo[0][1:3] == ["knigge-typo", "2.0"]
    assert "typo" not in report["plugins"]


def test_plugins_can_be_blocked(site):
    proc = run_python("""
        from knigge_engine import Engine
        e = Engine(blocked=["tiny", "broken", "typo"])
        names = e.plugins.names()
        print("builtin" in names, "tiny" in names, "TY101" in e.rules,
              [p.plugin for p in e.problems])
    """, site)
    assert proc.stdout.split() == ["True", "False", "False", "[]"], proc.stderr


def test_the_cli_reports_plugin_problems_and_exits_2(site, tmp_path):
    events = tmp_path / "e.jsonl"
    events.write_text(json.dumps({
        "kind": "contact_request", "id": "b", "platform": "generic",
        "direction": "outgoing", "at": "2026-11-02T09:15:00+01:00",
        "sender": {"id": "me"}, "recipient": {"id": "u"},
        "note": "Hallo Frau Roth, ich bin Jana 🎉"}) + "\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    cmd = [sys.executable, "-m", "knigge_engine.cli", "check", str(events), "--format", "jsonl"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert proc.returncode == 2
    assert "knigge-broken" in proc.stderr and "knigge-typo" in proc.stderr
    assert "TY101" in proc.stdout  # the healthy plugin still ran
    ok = subprocess.run([*cmd, "--disable-plugin", "broken", "--disable-plugin", "typo",
                         "--fail-on", "never"], capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr


def test_each_engine_gets_a_fresh_plugin_manager():
    from knigge_engine import Engine, Policy

    a = Engine(Policy(), entry_points=False)
    b = Engine(Policy(), entry_points=False)
    assert a.plugins.manager is not b.plugins.manager
