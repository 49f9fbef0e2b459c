"""``knigge check`` on Facebook exports, in a real subprocess, with exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from fbexport import export_files, write_export, write_zip


def knigge(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "knigge_engine.cli", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    root = tmp_path_factory.mktemp("fb")
    return {
        "folder": write_export(root / "facebook-jana", "2021"),
        "zip": write_zip(root / "facebook-jana.zip", export_files("2022"),
                         top="facebook-jana_2024/"),
        "old": write_export(root / "facebook-2019", "2020"),
    }


@pytest.mark.parametrize("kind", ["folder", "zip", "old"])
def test_check_reads_the_export_and_fails_on_warnings(exports, kind):
    run = knigge("check", str(exports[kind]), "--format", "json", "--fail-on", "info")
    # Messages in existing threads are not coached as first contacts (no history shows
    # them to open a conversation); what remains are info findings such as FB403.
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    assert report["summary"] == {"read": 14, "assessed": 14, "rejected": 0,
                                 "actions": report["summary"]["actions"]}
    by_id = {a["event"]: a for a in report["assessments"]}
    assert all(a["platform"] == "facebook" for a in by_id.values())
    codes = {f["code"] for a in by_id.values() for f in a["findings"]}
    assert not {"KN101", "KN201", "KN102"} & codes
    assert {"FB403", "KN207"} <= codes
    assert "1 removed friends" in run.stderr
    assert "14 read, 14 assessed, 0 rejected" in run.stderr


def test_check_exits_0_when_nothing_reaches_the_fail_level(exports):
    run = knigge("check", str(exports["zip"]), "--fail-on", "error", "--all")
    assert run.returncode == 0, run.stderr
    assert "Björn Äpfelbäck" in run.stdout  # repaired umlauts in the report
    # Each event says where in the zip it was read: the file and the entry's JSON path.
    assert re.search(r"source: \S+\.zip!\S+\.json:\$\.\w+\[\d+\]\n", run.stdout), run.stdout
    assert "Ã" not in run.stdout


def test_check_reports_bad_rows_and_exits_2_but_imports_the_rest(tmp_path):
    received = [{"name": "Sam Carter", "timestamp": 1_700_000_000},
                {"name": "Björn Äpfelbäck", "timestamp": "1700000001"}]
    write_export(tmp_path / "fb", "2022", received=received)
    run = knigge("check", str(tmp_path / "fb"), "--fail-on", "never", "--all")
    assert run.returncode == 2
    assert "received_friend_requests.json:$.received_requests_v2[1].timestamp" in run.stderr
    assert "14 read, 13 assessed, 1 rejected" in run.stderr
    assert "Sam Carter" in run.stdout


def test_check_truncated_zip_exits_2_with_the_reason(tmp_path):
    data = write_zip(tmp_path / "facebook-x.zip", export_files("2022")).read_bytes()
    cut = tmp_path / "facebook-cut.zip"
    cut.write_bytes(data[:4000])
    run = knigge("check", str(cut))
    assert run.returncode == 2
    assert "facebook-cut.zip" in run.stderr and "zip" in run.stderr


def test_check_with_owner_option_when_it_cannot_be_inferred(tmp_path):
    import fbexport

    threads = {"samcarter_x9y8z7": fbexport.THREADS["samcarter_x9y8z7"]}
    write_export(tmp_path / "fb", "2022", threads=threads)
    without = knigge("check", str(tmp_path / "fb"), "--fail-on", "never")
    assert without.returncode == 2 and "owner unknown" in without.stderr
    # 6 friend and request events; each of the thread's 2 messages is its own rejection.
    assert "8 read, 6 assessed, 2 rejected" in without.stderr
    given = knigge("check", str(tmp_path / "fb"), "--fail-on", "never",
                   "--owner", "Jana Müller")
    assert given.returncode == 0, given.stderr


def test_check_rejects_and_counts_a_message_without_sender_name(tmp_path):
    import fbexport

    sam = fbexport.THREADS["samcarter_x9y8z7"]
    nameless = {"timestamp_ms": 1_700_100_150_000, "content": "Hallo, kennen wir uns?"}
    threads = {**fbexport.THREADS,
               "samcarter_x9y8z7": (*sam[:3], [[sam[3][0][0], nameless, sam[3][0][1]]])}
    write_export(tmp_path / "fb", "2022", threads=threads)
    run = knigge("check", str(tmp_path / "fb"), "--fail-on", "never", "--owner",
                 "Jana Müller")
    assert run.returncode == 2
    assert ("samcarter_x9y8z7/message_1.json:$.messages[1].sender_name: required field "
            "missing") in run.stderr
    # The export's 14 events are all still assessed; the nameless message is rejected.
    assert "15 read, 14 assessed, 1 rejected" in run.stderr
