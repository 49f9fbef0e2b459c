"""``knigge check`` on XING vCards, CSV files and JSONL, in a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import xingdata as x


def knigge(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "knigge_engine.cli", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def test_check_requests_csv_triages_the_collector_and_coaches_the_du(tmp_path):
    path = x.write(tmp_path / "anfragen.csv", x.REQUESTS_CSV_DE)
    run = knigge("check", str(path), "--timezone", "Europe/Berlin", "--format", "json",
                 "--locale", "de")
    assert run.returncode == 1, run.stderr  # warnings found
    report = json.loads(run.stdout)
    assert report["summary"]["read"] == 4 and report["summary"]["rejected"] == 0
    max_ = next(a for a in report["assessments"] if a["event"].startswith("xing:req:")
                and a["direction"] == "incoming"
                and any(f["code"] == "KN204" for f in a["findings"]))
    codes = {f["code"] for f in max_["findings"]}
    # a free member without a note: no KN201; hidden contacts count once, as XI403
    assert {"KN202", "KN204", "XI403"} <= codes
    assert "KN201" not in codes and "KN203" not in codes
    assert max_["action"] == "decline"
    lena = next(a for a in report["assessments"] if a["direction"] == "outgoing"
                and a["kind"] == "contact_request")
    # Lena's recipient facts (stranger?) are unknown in the CSV: XI402 stays silent
    assert "XI402" not in {f["code"] for f in lena["findings"]}


def test_check_reads_naive_times_with_a_fixed_offset_as_with_the_zone(tmp_path):
    # November: Europe/Berlin is +01:00, so both spellings give the same report.
    path = x.write(tmp_path / "anfragen.csv", x.REQUESTS_CSV_DE)
    by_name = knigge("check", str(path), "--timezone", "Europe/Berlin", "--format", "json")
    by_offset = knigge("check", str(path), "--timezone", "+01:00", "--format", "json")
    assert by_offset.returncode == by_name.returncode == 1, by_offset.stderr
    assert json.loads(by_offset.stdout) == json.loads(by_name.stdout)
    # Any other offset is read as well (and every row imported).
    shifted = knigge("check", str(path), "--timezone", "-0530", "--format", "json")
    assert shifted.returncode == 1, shifted.stderr
    assert json.loads(shifted.stdout)["summary"]["rejected"] == 0


def test_check_with_a_misspelt_timezone_stops_before_reading(tmp_path):
    path = x.write(tmp_path / "anfragen.csv", x.REQUESTS_CSV_DE)
    run = knigge("check", str(path), "--timezone", "Europe/Berln")
    assert run.returncode == 2 and run.stdout == ""
    assert "did you mean 'Europe/Berlin'?" in run.stderr


def test_check_without_timezone_rejects_the_rows_and_exits_2(tmp_path):
    path = x.write(tmp_path / "anfragen.csv", x.REQUESTS_CSV_DE)
    run = knigge("check", str(path))
    assert run.returncode == 2
    assert f"{path}:row 2: sent_at: time" in run.stderr
    assert "3 read, 0 assessed, 3 rejected" in run.stderr


def test_check_vcards_exits_0_and_reports_cards_without_time(tmp_path):
    path = x.write(tmp_path / "kontakte.vcf", x.VCARD_30 + x.VCARD_NO_REV + x.VCARD_40)
    run = knigge("check", str(path), "--fail-on", "warning")
    assert run.returncode == 0, run.stderr
    # Contacts need nothing: counted in the summary, not listed without --all.
    assert "Actions: noted 2" in run.stdout and "Jürgen Weiß" not in run.stdout
    run = knigge("check", str(path), "--fail-on", "warning", "--all")
    assert "Jürgen Weiß" in run.stdout and "Sam O'Connor" in run.stdout
    # Each contact says where it was read: the line of its BEGIN:VCARD.
    lines = x.VCARD_30.splitlines()
    begin = 1 + len(lines) + len(x.VCARD_NO_REV.splitlines())
    assert f"source: {path}:line 1\n" in run.stdout
    assert f"source: {path}:line {begin}\n" in run.stdout
    assert "1 of 3 contact card(s) not imported" in run.stderr
    assert "2 read, 2 assessed, 0 rejected" in run.stderr


def test_check_jsonl_with_platform_xing_uses_the_xing_spec(tmp_path):
    event = {"kind": "contact_request", "id": "r-1001", "platform": "xing",
             "direction": "incoming", "at": "2026-11-02T09:15:00+01:00",
             "sender": {"id": "u-42", "name": "Max Beispiel", "headline": "tba",
                        "company": "tba", "contact_count": 4500, "contacts_visible": False,
                        "has_photo": True, "premium": False, "degree": 3,
                        "mutual_contacts": 0, "prior_contact": False},
             "recipient": {"id": "me"}, "note": None}
    path = tmp_path / "inbox.jsonl"
    path.write_text(json.dumps(event) + "\n", encoding="utf-8")
    run = knigge("check", str(path), "--format", "jsonl", "--fail-on", "never")
    assert run.returncode == 0, run.stderr
    (a,) = [json.loads(line) for line in run.stdout.splitlines()]
    codes = {f["code"] for f in a["findings"]}
    assert "KE002" not in codes and "XI403" in codes and "KN201" not in codes
