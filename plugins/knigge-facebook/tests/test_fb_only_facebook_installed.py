"""With only the Facebook plugin installed, the core says that no installed plugin
provides XING and LinkedIn (KE002 listing the installed platforms, never advice to
install a package named after the event's value) and still evaluates their events with
the generic rules, while Facebook events get the Facebook spec. With the other plugins
installed but disabled, KE002 names them as left out (from the installed metadata).

The first test builds a fresh virtual environment and pip-installs the core and this
plugin from their local folders (dependencies from the package index, as a user gets
them; about 5 s with a warm pip cache). The second asks the same of an engine in the
development environment with the other plugins disabled."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PLUGIN = Path(__file__).resolve().parents[1]
AT = "2026-03-02T09:00:00+01:00"


def _events(path: Path) -> Path:
    def request(platform: str, direction: str = "incoming", **extra) -> dict:
        me = {"id": "me", "name": "Jana Müller", "contact_count": 5000}
        them = {"id": f"{platform}-u1", "name": "Björn Äpfelbäck"}
        sender, recipient = (them, me) if direction == "incoming" else (me, them)
        return {"kind": "contact_request", "id": f"{platform}-{direction}",
                "platform": platform, "direction": direction, "at": AT, "sender": sender,
                "recipient": recipient, "note": None, **extra}

    lines = [request("xing"), request("linkedin"), request("facebook"),
             request("facebook", "outgoing")]
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in lines) + "\n",
                    encoding="utf-8")
    return path


def _check(report: dict, rules_listing: str, *, left_out: bool = False) -> None:
    by_id = {a["event"]: {f["code"]: f for f in a["findings"]} for a in report["assessments"]}
    for event, dist in (("xing-incoming", "knigge-xing"),
                        ("linkedin-incoming", "knigge-linkedin")):
        message = by_id[event]["KE002"]["message"]
        assert "Installed platforms: facebook, generic." in message
        assert "pip install" not in message
        # Named only where the metadata of an installed, disabled plugin says so.
        assert (dist in message) is left_out
    # the generic rules still ran for them: the generic spec allows notes, so KN201 fires
    assert "KN201" in by_id["xing-incoming"] and "KN201" in by_id["linkedin-incoming"]
    # Facebook events are not "unknown": the spec applies (no note rules, friend cap)
    for event in ("facebook-incoming", "facebook-outgoing"):
        assert "KE002" not in by_id[event] and "KN201" not in by_id[event]
        assert "KN101" not in by_id[event]
        assert "FB401" in by_id[event]
    listed = {line.split()[0] for line in rules_listing.splitlines() if line.strip()}
    assert {"FB401", "FB402", "FB403"} <= listed
    assert not any(code.startswith(("XI", "LI")) for code in listed)


@pytest.mark.slow
def test_fresh_venv_with_only_the_facebook_plugin(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--disable-pip-version-check", str(ROOT), str(PLUGIN)],
        capture_output=True, text=True, timeout=600)
    if install.returncode != 0 and any(
            s in install.stderr for s in ("NewConnectionError", "Network is unreachable",
                                          "Temporary failure in name resolution")):
        pytest.skip("no package index reachable for the dependencies: " +
                    install.stderr.strip().splitlines()[-1])
    assert install.returncode == 0, install.stderr
    installed = subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True,
                               text=True)
    assert installed.returncode != 0  # no pip inside: nothing else could sneak in
    dists = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(sorted(e.dist.name for e "
         "in m.entry_points(group='knigge_engine')))"],
        capture_output=True, text=True, check=True)
    assert dists.stdout.strip() == "['knigge-engine', 'knigge-facebook']"
    events = _events(tmp_path / "mixed.jsonl")
    run = subprocess.run([str(python), "-m", "knigge_engine.cli", "check", str(events),
                          "--format", "json", "--fail-on", "never"],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    rules = subprocess.run([str(python), "-m", "knigge_engine.cli", "rules"],
                           capture_output=True, text=True, timeout=120, cwd=tmp_path)
    _check(json.loads(run.stdout), rules.stdout)


def test_disabling_the_other_platform_plugins_reports_them_missing(tmp_path):
    events = _events(tmp_path / "mixed.jsonl")
    disable = ["--disable-plugin", "xing", "--disable-plugin", "linkedin"]
    run = subprocess.run([sys.executable, "-m", "knigge_engine.cli", "check", str(events),
                          "--format", "json", "--fail-on", "never", *disable],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    rules = subprocess.run([sys.executable, "-m", "knigge_engine.cli", "rules", *disable],
                           capture_output=True, text=True, timeout=120, cwd=tmp_path)
    _check(json.loads(run.stdout), rules.stdout, left_out=True)
