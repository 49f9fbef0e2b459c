"""Exit codes like a linter (issue: hardening): 3 for an internal error with one line that
says it is a bug, ``--traceback`` to see it; ``-o`` at a folder or into a missing folder
is a usage error (2) before anything is read. Run as real processes, with a real plugin
installed from a wheel through its entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from test_plugins import build_wheel, pip_install

SECRET = "Streng vertraulich: Gehaltsverhandlung mit Frau Okonkwo"

CRASHING_REPORTER = '''
from knigge_engine import hookimpl
from knigge_engine.io import Reporter


class _Writer:
    def __init__(self, stream, locale):
        self.stream = stream

    def assessment(self, assessment, event):
        raise ZeroDivisionError("quoting the note: " + (event.note or ""))

    def error(self, error):
        pass

    def close(self, summary):
        pass


@hookimpl
def knigge_reporters():
    return [Reporter("crashy", "a reporter with a bug", _Writer)]
'''


def _event(i: int) -> str:
    return json.dumps({
        "kind": "contact_request", "id": f"e-{i}", "platform": "generic",
        "direction": "incoming", "at": "2026-11-02T09:15:00+01:00",
        "sender": {"id": f"u-{i}", "name": "Alex"}, "recipient": {"id": "me"},
        "note": SECRET}, ensure_ascii=False)


def _run(*args: object, path: Path | None = None, env: dict[str, str] | None = None):
    full = dict(os.environ, **(env or {}))
    if path is not None:
        full["PYTHONPATH"] = os.pathsep.join([str(path), full.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-m", "knigge_engine.cli", *map(str, args)],
                          capture_output=True, text=True, env=full, timeout=120)


def _crashy(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    wheel = build_wheel(tmp_path, "knigge-crashy", "0.1", "knigge_crashy",
                        CRASHING_REPORTER, "crashy")
    pip_install(wheel, target)
    return target


def test_an_internal_error_exits_3_with_one_line_and_no_private_text(tmp_path: Path):
    site = _crashy(tmp_path)
    events = tmp_path / "in.jsonl"
    events.write_text(_event(1) + "\n", encoding="utf-8")
    proc = _run("check", events, "--format", "crashy", "--fail-on", "never", path=site)
    assert proc.returncode == 3, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if "internal error" in line]
    assert len(lines) == 1
    assert "ZeroDivisionError" in lines[0] and "bug" in lines[0]
    assert "--traceback" in lines[0]
    assert "Traceback" not in proc.stderr
    assert SECRET not in proc.stderr and SECRET not in proc.stdout


def test_traceback_flag_and_environment_show_the_traceback(tmp_path: Path):
    site = _crashy(tmp_path)
    events = tmp_path / "in.jsonl"
    events.write_text(_event(1) + "\n", encoding="utf-8")
    flag = _run("--traceback", "check", events, "--format", "crashy", path=site)
    assert flag.returncode == 3
    assert "Traceback (most recent call last)" in flag.stderr
    assert "knigge_crashy.py" in flag.stderr
    env = _run("check", events, "--format", "crashy", path=site,
               env={"KNIGGE_TRACEBACK": "1"})
    assert env.returncode == 3 and "Traceback (most recent call last)" in env.stderr


def test_findings_and_input_errors_keep_their_codes(tmp_path: Path):
    events = tmp_path / "in.jsonl"
    events.write_text(_event(1) + "\n{broken\n", encoding="utf-8")
    assert _run("check", events, "--fail-on", "never").returncode == 2
    events.write_text(_event(1) + "\n", encoding="utf-8")
    assert _run("check", events, "--fail-on", "never").returncode == 0


def test_output_to_a_folder_or_into_a_missing_folder_is_a_usage_error(tmp_path: Path):
    events = tmp_path / "in.jsonl"
    events.write_text(_event(1) + "\n", encoding="utf-8")
    folder = _run("check", events, "-o", tmp_path)
    assert folder.returncode == 2
    assert "is a folder" in folder.stderr and "Traceback" not in folder.stderr
    missing = tmp_path / "nope" / "report.txt"
    gone = _run("check", events, "-o", missing)
    assert gone.returncode == 2
    assert "does not exist" in gone.stderr and "Traceback" not in gone.stderr
    assert not missing.parent.exists()
    history = tmp_path / "h.sqlite3"
    assert _run("check", events, "--history", history, "--fail-on", "never").returncode == 0
    due = _run("due", "--history", history, "--now",
               "2026-11-25T09:00:00+01:00", "-o", tmp_path)
    assert due.returncode == 2 and "is a folder" in due.stderr
