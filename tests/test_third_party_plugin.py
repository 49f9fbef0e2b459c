"""The example third-party plugin (examples/knigge-acme-outreach) as a user gets it:
built and pip-installed (not editable) into a throwaway folder, then used from
subprocesses that have that folder on their path, so it is found only through its
``knigge_engine`` entry point. The folder is removed afterwards."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "knigge-acme-outreach"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("acme")
    target = root / "site"
    # A copy, so building never writes into the source tree.
    source = root / "src"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns(
        "__pycache__", "*.egg-info", "build", "dist", ".pytest_cache"))
    # --no-build-isolation: the build backend (hatchling, in the "test" extra) comes from
    # this environment, so the test needs no network.
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, (
        "pip could not build and install the example plugin (is hatchling installed? "
        f"pip install -e '.[test]'):\n{done.stderr}")
    yield target
    shutil.rmtree(root, ignore_errors=True)


def run(args, site, cwd=None, stdin=None):
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          cwd=cwd, input=stdin, timeout=120)


def test_it_is_installed_as_a_distribution_not_from_the_source_tree(site):
    assert (site / "knigge_acme_outreach" / "rules.py").is_file()
    dist_info = next(site.glob("knigge_acme_outreach-1.0.0.dist-info"))
    assert "[knigge_engine]\nacme = knigge_acme_outreach.plugin" in \
        (dist_info / "entry_points.txt").read_text()


def test_the_engine_discovers_it_through_its_entry_point(site):
    done = run(["-c", textwrap.dedent("""
        import json
        import knigge_acme_outreach
        from knigge_engine import Engine
        engine = Engine()
        print(json.dumps({
            "file": knigge_acme_outreach.__file__,
            "rules": {c: r.plugin for c, r in engine.rules.items() if c.startswith("AC")},
            "origin": engine.plugins.describe("acme"),
            "presets": sorted(engine.presets),
            "problems": [str(p) for p in engine.problems],
        }))
    """)], site)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["file"].startswith(str(site))
    assert found["rules"] == {"AC101": "acme", "AC102": "acme", "AC103": "acme"}
    assert found["origin"] == "acme (knigge-acme-outreach 1.0.0)"
    assert "acme" in found["presets"]
    assert found["problems"] == []


def test_knigge_rules_lists_its_rules_and_disable_plugin_removes_them(site):
    done = run(["-m", "knigge_engine.cli", "rules"], site)
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line for line in done.stdout.splitlines() if line.strip()}
    assert "no-emoji-first-contact" in lines["AC101"] and "acme" in lines["AC101"]
    assert {"AC102", "AC103"} <= set(lines)
    without = run(["-m", "knigge_engine.cli", "rules", "--disable-plugin", "acme"], site)
    assert "AC101" not in without.stdout and "KN101" in without.stdout


def test_its_examples_pass_when_checked_by_entry_point_name(site, tmp_path):
    (tmp_path / "test_installed_examples.py").write_text(
        "from knigge_engine.testing import rule_examples_test\n\n"
        'test_examples = rule_examples_test("acme")\n')
    done = run(["-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA",
                "test_installed_examples.py"], site, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    # 2 bad + 2 good examples for each of the three rules, and nothing else:
    assert "12 passed" in done.stdout
    assert "AC101-bad0" in done.stdout and "AC103-good1" in done.stdout


def test_its_own_test_suite_passes_against_the_installed_copy(site, tmp_path):
    tests = tmp_path / "tests"
    shutil.copytree(EXAMPLE / "tests", tests)
    done = run(["-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)], site,
               cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in done.stdout and "failed" not in done.stdout


def test_knigge_check_reports_its_findings_and_uses_its_preset(site, tmp_path):
    event = {"kind": "contact_request", "id": "out-1", "platform": "generic",
             "direction": "outgoing", "at": "2026-11-02T09:15:00+01:00",
             "sender": {"id": "me"}, "recipient": {"id": "u-1", "name": "Alex Berger"},
             "note": "Hallo Herr Berger 👋 ich bin Jana. Schreiben Sie mir per WhatsApp!"}
    (tmp_path / "knigge.toml").write_text('extends = "acme"\n')
    done = run(["-m", "knigge_engine.cli", "check", "-", "--format", "jsonl",
                "--fail-on", "never"], site, cwd=tmp_path, stdin=json.dumps(event) + "\n")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    by_code = {f["code"]: f for f in result["findings"]}
    assert {"AC101", "AC102", "AC103"} <= set(by_code)
    assert by_code["AC102"]["severity"] == "error"  # from the plugin's "acme" preset
    assert "WhatsApp" in by_code["AC102"]["message"]
    assert result["action"] == "dont_send"
