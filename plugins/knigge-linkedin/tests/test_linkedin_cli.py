"""The installed distribution: found through its entry point, and ``knigge check`` on an
export end to end, in a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import linkedin_exports as le
import pytest
from knigge_engine import Engine
from knigge_engine.io import ImportOptions, InputError, collect_importers

from knigge_linkedin.importer import read


def test_the_plugin_is_found_through_its_entry_point():
    engine = Engine()  # every installed plugin, as a user gets them
    rule = engine.rule("LI401")
    assert rule.plugin == "linkedin" and rule.name == "linkedin-note-over-limit"
    assert engine.rule("connection-cap").code == "LI405"
    spec = engine.platform("linkedin")
    assert spec.title == "LinkedIn" and not spec.generic
    assert spec.limit("note_max_chars", premium=False) == 200
    assert "linkedin-export" in collect_importers(engine.plugins)
    assert "knigge-linkedin" in engine.plugins.describe("linkedin")
    assert not [p for p in engine.problems if p.plugin == "linkedin"]


def knigge(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "knigge_engine.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def clean_zip(tmp_path: Path) -> Path:
    """An export without broken rows."""
    files = le.export_files()
    files["Invitations.csv"] = le.csv_text(
        [r for i, r in enumerate(le.invitations_rows()) if i not in (6, 7)]).encode()
    files["Connections.csv"] = le.csv_text(
        le.connections_rows()[:-1], preamble=le.CONNECTIONS_PREAMBLE).encode()
    files["messages.csv"] = le.csv_text(le.messages_rows()[:-1]).encode()
    return le.write_zip(tmp_path / "Complete_LinkedInDataExport_04-07-2026.zip", files)


def test_check_on_a_clean_export_fails_on_errors_only_for_a_free_account(tmp_path, clean_zip):
    policy = tmp_path / "free.toml"
    policy.write_text('extends = "default"\nlocale = "en"\n[owner]\npremium = false\n',
                      encoding="utf-8")
    free = knigge("check", str(clean_zip), "--timezone", "Europe/Berlin", "--format",
                  "json", "--fail-on", "error", "--policy", str(policy), cwd=tmp_path)
    assert free.returncode == 1, free.stderr
    report = json.loads(free.stdout)
    assert report["errors"] == []
    assert report["summary"]["rejected"] == 0
    assert report["summary"]["assessed"] == 6 + 3 + 5
    li401 = [(a["event"], f) for a in report["assessments"] for f in a["findings"]
             if f["code"] == "LI401"]
    ((_event, finding),) = li401
    assert finding["severity"] == "error" and "230 characters" in finding["message"]
    kinds = sorted(a["kind"] for a in report["assessments"])
    assert kinds.count("contact_request") == 6 and kinds.count("request_resolved") == 3
    # Premium unknown: the 230-character note fits the permissive limit, nothing is an
    # error, so the same export passes at --fail-on error.
    unknown = knigge("check", str(clean_zip), "--timezone", "Europe/Berlin", "--fail-on",
                     "error", cwd=tmp_path)
    assert unknown.returncode == 0, unknown.stderr
    assert "14 read, 14 assessed, 0 rejected" in unknown.stderr


def test_check_reports_bad_rows_and_exits_2(tmp_path):
    path = le.write_zip(tmp_path / "Complete_LinkedInDataExport_04-07-2026.zip",
                        le.export_files())
    result = knigge("check", str(path), "--timezone", "Europe/Berlin", "--fail-on", "never",
                    "--all", cwd=tmp_path)
    assert result.returncode == 2
    assert "Invitations.csv:row 7" in result.stderr
    assert "messages.csv:row 7" in result.stderr
    assert "18 read, 14 assessed, 4 rejected" in result.stderr
    assert "Lukas Brandt" in result.stdout


def test_check_without_timezone_says_to_pass_one_and_counts_every_row(tmp_path, clean_zip):
    result = knigge("check", str(clean_zip), "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 2
    assert "--timezone" in result.stderr and "Invitations.csv" in result.stderr
    # 6 invitations with local times, none imported; the 5 messages carry UTC.
    assert "11 read, 5 assessed, 6 rejected" in result.stderr
    # The six identical errors are one line that names the rows (and says it once).
    assert "Invitations.csv:rows 2–7 (6 rows): 'Sent At' has no time zone" in result.stderr
    assert result.stderr.count("'Sent At' has no time zone") == 1
    # The text report's summary lists the same group.
    assert "Invitations.csv:rows 2–7 (6 rows): 'Sent At' has no time zone" in result.stdout


@pytest.mark.parametrize("zone,rejected", [("+02:00", 0), ("Europe/Berln", 6)])
def test_the_importer_takes_fixed_offsets_and_names_a_misspelt_zone(clean_zip, zone,
                                                                     rejected):
    # The command checks --timezone up front; a host calling the importer directly gets
    # the engine's one reading of zones too: offsets work, a typo gets "did you mean".
    items = list(read(clean_zip, ImportOptions(timezone=zone)))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert len(errors) == rejected
    if rejected:
        assert "did you mean 'Europe/Berlin'?" in errors[0]
        assert "Invitations.csv" in errors[0]


def test_check_without_timezone_counts_naive_and_broken_rows_alike(tmp_path):
    path = le.write_zip(tmp_path / "Complete_LinkedInDataExport_04-07-2026.zip",
                        le.export_files())
    result = knigge("check", str(path), "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 2
    # Invitations.csv: 6 naive rows + 2 broken ones; Connections.csv: the impossible
    # date; messages.csv: 5 imported, 1 undated.
    assert "15 read, 5 assessed, 10 rejected" in result.stderr


def test_check_counts_each_rejected_row_of_a_mostly_naive_file(tmp_path):
    # A reviewer's case: 8 data rows, one dated in UTC, seven in local time.
    rows = [le.INVITATIONS_HEADER,
            [le.OWNER, "Priya Raman", "2026-03-02 15:05:00 UTC", le.NOTE_PRIYA, "OUTGOING",
             le.OWNER_URL, le.PRIYA_URL]]
    for day in range(1, 8):
        rows.append([le.OWNER, f"Person {day}", f"4/{day}/26, 9:00 AM", "", "OUTGOING",
                     le.OWNER_URL, f"https://www.linkedin.com/in/person-{day}"])
    path = le.write_folder(tmp_path / "export", {
        "Invitations.csv": le.csv_text(rows).encode("utf-8")})
    result = knigge("check", str(path), "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 2
    assert "8 read, 1 assessed, 7 rejected" in result.stderr
    with_zone = knigge("check", str(path), "--timezone", "Europe/Berlin", "--fail-on",
                       "never", cwd=tmp_path)
    assert with_zone.returncode == 0, with_zone.stderr
    assert "8 read, 8 assessed, 0 rejected" in with_zone.stderr


def test_check_counts_each_message_when_the_owner_is_unknown(tmp_path):
    rows = [le.messages_rows()[0]] + [r for r in le.messages_rows()
                                      if r[0] == "2-conv-priya" and r[6]]
    path = le.write_folder(tmp_path / "msgs", {"messages.csv": le.csv_text(rows).encode()})
    result = knigge("check", str(path), "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 2 and "--owner" in result.stderr
    assert "2 read, 0 assessed, 2 rejected" in result.stderr


def test_check_on_a_truncated_zip_is_an_input_error(tmp_path, clean_zip):
    le.truncate(clean_zip, keep=0.5)
    result = knigge("check", str(clean_zip), "--timezone", "Europe/Berlin", cwd=tmp_path)
    assert result.returncode == 2
    assert "damaged or incomplete" in result.stderr
    assert "no importer recognises" not in result.stderr


NOTES_APRIL = [
    ("Lena Hoffmann", "Hallo Frau Hoffmann, wir haben uns beim Barcamp Kiel kennengelernt. "
     "Ich bin Projektleiterin bei einem Energieversorger."),
    ("Omar Haddad", "Hi Omar, we met at the PyCon DE sprint in Berlin. I'm a product "
     "manager in Hamburg."),
    ("Chloe Martin", "Hi Chloe, I enjoyed your talk on accessible forms at the UX meetup in "
     "Hamburg. I'm a product manager."),
    ("Felix Wagner", "Hallo Herr Wagner, ich habe Ihren Vortrag zur Netzplanung auf der "
     "E-world gehört. Ich bin Projektleiterin in Kiel."),
    ("Mia Svensson", "Hi Mia, we spoke at the Nordic Energy Summit in Malmö. I'm a project "
     "lead at a utility in Kiel."),
    ("Noah Becker", "Hallo Herr Becker, wir haben uns beim Digitaltag der IHK Lübeck "
     "gesehen. Ich bin Projektleiterin in Kiel."),
]


def test_check_with_a_history_counts_the_months_notes_and_is_idempotent(tmp_path):
    rows = [le.INVITATIONS_HEADER]
    for day, (name, note) in enumerate(NOTES_APRIL, start=1):
        slug = name.lower().replace(" ", "-")
        rows.append([le.OWNER, name, f"4/{day}/26, 9:{day:02d} AM", note, "OUTGOING",
                     le.OWNER_URL, f"https://www.linkedin.com/in/{slug}"])
    path = le.write_folder(tmp_path / "export", {
        "Invitations.csv": le.csv_text(rows).encode("utf-8")})
    policy = tmp_path / "free.toml"
    policy.write_text('extends = "default"\n[owner]\npremium = false\n', encoding="utf-8")
    history = tmp_path / "history.sqlite"
    args = ("check", str(path), "--timezone", "Europe/Berlin", "--policy", str(policy),
            "--history", str(history), "--format", "json", "--fail-on", "error")
    first = knigge(*args, cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    assert "6 recorded" in first.stderr
    report = json.loads(first.stdout)
    names = {e.event.id: e.event.recipient.name
             for e in read(path, ImportOptions(timezone="Europe/Berlin"))}
    li403 = {names[a["event"]]: [f["severity"] for f in a["findings"] if f["code"] == "LI403"]
             for a in report["assessments"]}
    # Free account, 5 notes a month, warning from 80 %: the 4th and 5th warn, the 6th is
    # refused.
    assert li403 == {"Lena Hoffmann": [], "Omar Haddad": [], "Chloe Martin": [],
                     "Felix Wagner": ["warning"], "Mia Svensson": ["warning"],
                     "Noah Becker": ["error"]}
    second = knigge(*args, cwd=tmp_path)
    assert "0 recorded, 6 already there" in second.stderr
    assert json.loads(second.stdout)["assessments"] == report["assessments"]


def test_check_refuses_an_owner_that_matches_nobody_with_a_did_you_mean(tmp_path, clean_zip):
    run = knigge("check", str(clean_zip), "--timezone", "Europe/Berlin", "--owner",
                 "Jana Ownr", "--fail-on", "never", cwd=tmp_path)
    assert run.returncode == 2
    assert "'Jana Ownr'" in run.stderr and "did you mean 'Jana Owner'" in run.stderr
    assert "1 read, 0 assessed, 1 rejected" in run.stderr
