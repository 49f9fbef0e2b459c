"""The ``knigge`` command end to end, in subprocesses: exit codes, bad input, formats."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INBOX = ROOT / "examples" / "inbox.jsonl"
SECRET = "Streng vertraulich: meine Gehaltsvorstellung"


def knigge(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "knigge_engine.cli", *map(str, args)],
                          capture_output=True, text=True, input=stdin, cwd=cwd, timeout=120)


def event(i, **fields):
    base = {"kind": "contact_request", "id": f"e-{i}", "platform": "generic",
            "direction": "incoming", "at": "2026-11-02T09:15:00+01:00",
            "sender": {"id": f"u-{i}", "name": "Alex"}, "recipient": {"id": "me"},
            "note": "Hallo Jana, wir kennen uns vom Barcamp Stuttgart."}
    base.update(fields)
    return json.dumps(base, ensure_ascii=False)


def test_example_inbox_exits_1_with_findings():
    proc = knigge("check", INBOX)
    assert proc.returncode == 1, proc.stderr
    assert "in-01" in proc.stdout and "decline" in proc.stdout
    assert "13 read, 13 assessed, 0 rejected" in proc.stderr


@pytest.mark.parametrize("level,code", [("never", 0), ("error", 0), ("warning", 1),
                                        ("info", 1)])
def test_fail_on_levels(level, code):
    assert knigge("check", INBOX, "--fail-on", level).returncode == code


def test_clean_input_exits_0(tmp_path):
    path = tmp_path / "ok.jsonl"
    path.write_text(event(1, sender={"id": "u", "name": "Alex", "mutual_contacts": 2}) + "\n")
    proc = knigge("check", path, "--fail-on", "info")
    assert proc.returncode == 1  # KN206 is an info finding (a good sign)
    assert knigge("check", path).returncode == 0


def test_bad_lines_are_reported_with_file_and_line_and_the_rest_is_evaluated(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [
        event(1),
        '{"kind": "contact_request", "id": ',                      # 2: malformed JSON
        event(3, at="2026-11-02T09:15:00"),                        # 3: naive time
        event(4, kind="poke"),                                     # 4: unknown kind
        json.dumps({"kind": "message", "id": "m", "platform": "generic"}),  # 5: missing
        "",                                                        # 6: blank, skipped
        event(7, note=SECRET),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = knigge("check", path, "--format", "jsonl", "--fail-on", "never")
    assert proc.returncode == 2
    err = proc.stderr
    assert f"{path}:line 2: invalid JSON" in err
    assert f"{path}:line 3: $.at: time without UTC offset" in err
    assert f"{path}:line 4: $.kind: unknown kind 'poke'" in err
    assert f"{path}:line 5:" in err and "required field missing" in err
    assert "line 6" not in err and "line 1:" not in err and "line 7:" not in err
    assessed = [json.loads(line)["event"] for line in proc.stdout.splitlines()]
    assert assessed == ["e-1", "e-7"]
    assert "6 read, 2 assessed, 4 rejected" in err
    assert SECRET not in err


def test_note_texts_are_never_logged(tmp_path):
    path = tmp_path / "secret.jsonl"
    path.write_text(event(1, note=SECRET, platform="unknownnet") + "\n", encoding="utf-8")
    proc = knigge("-vv", "check", path, "--format", "jsonl", "--fail-on", "never")
    assert proc.returncode == 0
    assert SECRET not in proc.stderr


def test_empty_file_and_odd_but_valid_notes(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    proc = knigge("check", empty)
    assert proc.returncode == 0 and "0 read, 0 assessed, 0 rejected" in proc.stderr
    odd = tmp_path / "odd.jsonl"
    notes = ["", "🙂" * 500, "Привет, ich bin Олег aus Köln — مرحبا 你好",
             "Hallo " * 40_000, "\u0000\u200b\ufeff", "a\u0301" * 100]
    odd.write_text("\n".join(event(i, note=n) for i, n in enumerate(notes)) + "\n",
                   encoding="utf-8")
    proc = knigge("check", odd, "--format", "jsonl", "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == len(notes)


def test_stdin_and_json_format():
    data = INBOX.read_text(encoding="utf-8")
    proc = knigge("check", "-", "--format", "json", "--fail-on", "never", stdin=data)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert len(doc["assessments"]) == 13
    assert doc["summary"] == {"read": 13, "assessed": 13, "rejected": 0,
                              "actions": doc["summary"]["actions"]}
    assert doc["errors"] == []


def test_json_input_file_with_error_names_the_item(tmp_path):
    path = tmp_path / "events.json"
    path.write_text("[" + event(1) + ", " + event(2, direction="up") + "]")
    proc = knigge("check", path, "--format", "jsonl")
    assert proc.returncode == 2
    assert f"{path}:$[1].direction:" in proc.stderr


def test_policy_error_stops_before_evaluation(tmp_path):
    policy = tmp_path / "knigge.toml"
    policy.write_text("[rules.KN1O4]\nmax_words = 3\n")
    proc = knigge("check", INBOX, "--policy", policy)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert str(policy) in proc.stderr and "rules.KN1O4" in proc.stderr
    assert "did you mean 'KN104'" in proc.stderr


def test_policy_is_found_in_the_working_directory(tmp_path):
    (tmp_path / "knigge.toml").write_text('locale = "de"\n')
    proc = knigge("check", INBOX, "--fail-on", "never", cwd=tmp_path)
    assert "Punktzahl" in proc.stdout


def test_output_file_is_readable_by_the_owner_only(tmp_path):
    out = tmp_path / "report.jsonl"
    proc = knigge("check", INBOX, "--format", "jsonl", "-o", out, "--fail-on", "never")
    assert proc.returncode == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert len(out.read_text().splitlines()) == 13


def test_usage_errors_exit_2(tmp_path):
    assert knigge("check", INBOX, "--format", "yaml").returncode == 2
    assert knigge("check").returncode == 2
    missing = knigge("check", tmp_path / "nope.jsonl")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    unknown = tmp_path / "data.xyz"
    unknown.write_text("?")
    assert "no importer recognises" in knigge("check", unknown).stderr


def test_rules_and_explain():
    proc = knigge("rules", "--format", "json")
    rules = {r["code"]: r for r in json.loads(proc.stdout)}
    assert rules["KN204"]["name"] == "contact-collector"
    text = knigge("explain", "contact-collector").stdout
    assert "KN204" in text and "4000" in text and "seed 004" in text.lower()
    assert "Why" in text and "max_contacts" in text
    bad = knigge("explain", "KN2O4")
    assert bad.returncode == 2 and "did you mean 'KN204'" in bad.stderr


def test_locale_option_overrides_the_policy():
    proc = knigge("check", INBOX, "--locale", "de", "--fail-on", "never")
    assert "Punktzahl" in proc.stdout and "Guten Tag" in proc.stdout
