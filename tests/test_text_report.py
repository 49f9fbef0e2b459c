"""The text people read: ``knigge check``'s summary first and only the events that need
attention, with date and source; grouped input errors; the progress bar; ``knigge due``
grouped by rule, newest first, with ``--since``, the horizon and the json shape. On the
bundled example inbox and on a synthetic LinkedIn export of a few hundred rows."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from knigge_engine import Engine, InMemoryHistory, event_from_dict
from knigge_engine.cli import main
from knigge_engine.io import InputError
from knigge_engine.model import Action, Severity
from knigge_engine.summary import (
    QUIET_ACTIONS,
    ErrorGroup,
    RunSummary,
    group_due,
)

pytest.importorskip("knigge_linkedin")

sys.path.insert(0, str(Path(__file__).parent))
import synthetic_linkedin as syn  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
INBOX = ROOT / "examples" / "inbox.jsonl"
NOW = "2026-06-30T12:00:00+02:00"


def run(*args: Any) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def needs_attention(a: dict[str, Any]) -> bool:
    """The documented rule, computed independently from the JSON output."""
    quiet = {None if q is None else q.value for q in QUIET_ACTIONS}
    worst = max((Severity(f["severity"]).rank for f in a["findings"]), default=-1)
    return a["action"] not in quiet or worst >= Severity.WARNING.rank


def blocks(text: str) -> list[list[str]]:
    """The event blocks after the summary (paragraphs separated by a blank line)."""
    return [b.splitlines() for b in text.split("\n\n")[1:] if b.strip()]


def summary_of(text: str) -> dict[str, Any]:
    """Parse the summary paragraph back into numbers."""
    head = text.split("\n\n")[0].splitlines()
    out: dict[str, Any] = {"rules": {}, "batches": [], "errors": []}
    m = re.match(r"Summary: (\d+) events read, (\d+) assessed, (\d+) rejected", head[0])
    assert m, head[0]
    out["read"], out["assessed"], out["rejected"] = map(int, m.groups())
    section = None
    for line in head[1:]:
        if line.startswith("Actions: "):
            out["actions"] = {k: int(v) for k, v in
                              (p.rsplit(" ", 1) for p in line[9:].split(", "))}
        elif line.endswith(":") and not line.startswith(" "):
            section = line
        elif line.startswith("  ") and section == "Rules:":
            sev, code, name, count, _ = line.split()
            out["rules"][code] = (sev, name, int(count))
        elif line.startswith("  ") and section.startswith("Templated"):
            out["batches"].append(line.strip())
        elif line.startswith("  ") and section == "Input errors:":
            out["errors"].append(line.strip())
        else:
            out["footer"] = line
    return out


# ------------------------------------------------------------------ the summary module


def test_error_groups_compress_rows_into_ranges():
    group = ErrorGroup("Invitations.csv", "'Sent At' has no time zone",
                       tuple(f"row {n}" for n in [*range(2, 140), 150, 152, 153]))
    assert group.count == 141
    assert group.where() == "rows 2–139, 150, 152–153 (141 rows)"
    assert str(group) == ("Invitations.csv:rows 2–139, 150, 152–153 (141 rows): "
                          "'Sent At' has no time zone")
    one = ErrorGroup("in.jsonl", "invalid JSON", ("line 7",))
    assert str(one) == "in.jsonl:line 7: invalid JSON"  # as InputError prints it
    many = ErrorGroup("a.csv", "bad", tuple(f"row {n}" for n in range(2, 40, 2)))
    assert many.where(max_ranges=3) == "rows 2, 4, 6, … (19 rows)"
    mixed = ErrorGroup("e.json", "bad", ("$[1]", "$[4]"))
    assert mixed.where() == "$[1], $[4] (2 places)"


def test_run_summary_groups_errors_by_file_and_reason_in_order():
    s = RunSummary()
    for n in (2, 3, 4):
        s.add_error(InputError("a.csv", f"row {n}", "no time zone"))
    s.add_error(InputError("a.csv", "row 9", "bad direction"))
    s.add_error(InputError("b.csv", "row 5", "no time zone"))
    assert [str(g) for g in s.errors()] == [
        "a.csv:rows 2–4 (3 rows): no time zone", "a.csv:row 9: bad direction",
        "b.csv:row 5: no time zone"]
    assert (s.read, s.rejected, s.assessed) == (5, 5, 0)


def _outgoing(i: int, note: str, day: float, who: str) -> dict[str, Any]:
    at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC) + dt.timedelta(days=day)
    return {"kind": "contact_request", "id": f"o-{i}", "platform": "generic",
            "direction": "outgoing", "at": at.isoformat(),
            "sender": {"id": "me", "name": "Jana"},
            "recipient": {"id": f"{who}-{i}", "name": f"{who.title()} {i}"}, "note": note}


def test_run_summary_finds_each_templated_batch_and_counts_per_rule(core_engine: Engine):
    first = ("Hello {n}, I am expanding my network in the energy sector and would be "
             "happy to connect. Kind regards, Jana")
    second = ("Hi {n}! Our agency builds shops that convert. Let us talk about your "
              "online sales soon, the first call is free. Jana")
    raw = ([_outgoing(i, first.format(n=i), i * 0.3, "a") for i in range(6)]
           + [_outgoing(10 + i, second.format(n=i), 40 + i * 0.5, "b") for i in range(7)])
    events = [event_from_dict(r) for r in raw]
    history = InMemoryHistory()
    history.record(events)
    s = RunSummary()
    assessments = [core_engine.evaluate(e, history=history) for e in events]
    for a, e in zip(assessments, events, strict=True):
        s.add(a, e)
    batches = s.batches()
    assert [(b.recipients, b.events, b.example) for b in batches] == [
        (7, 7, "o-10"), (6, 6, "o-0")]
    assert batches[0].first == events[6].at and batches[0].last == events[-1].at
    assert batches[1].span_days == pytest.approx(1.5)
    assert s.period == (events[0].at, events[-1].at)
    kn110 = {r.code: r for r in s.rules()}["KN110"]
    assert kn110.events == 13 and kn110.severity is Severity.WARNING
    assert s.by_action == {k: sum(1 for a in assessments if (a.action.value if a.action
                                                              else "noted") == k)
                           for k in s.by_action}
    assert s.to_dict()["batches"][0]["recipients"] == 7
    json.dumps(s.to_dict())  # JSON-ready


def test_run_summary_attention_follows_action_and_severity(core_engine: Engine):
    s = RunSummary()
    clean = core_engine.evaluate(_outgoing(1, (
        "Guten Tag Herr Dr. Albrecht, ich bin Energieberaterin in Kiel und habe Ihren "
        "Vortrag zur Wärmewende beim IHK-Forum gehört. Ich würde gern in Kontakt bleiben. "
        "Viele Grüße, Jana Schröder"), 0, "k"))
    assert clean.action is Action.SEND and not s.add(clean)
    bare = core_engine.evaluate(_outgoing(2, None, 0, "k"))  # type: ignore[arg-type]
    assert bare.action is not Action.SEND and s.add(bare)
    assert s.attention == 1 and s.assessed == 2


# ------------------------------------------------------------------ knigge check


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return syn.write_export(tmp_path_factory.mktemp("synthetic") / "export")


@pytest.fixture(scope="module")
def checked(export: Path) -> dict[str, Any]:
    args = ("check", export, "--timezone", "Europe/Berlin", "--fail-on", "never")
    text = run(*args)
    everything = run(*args, "--all")
    report = json.loads(run(*args, "--format", "json").stdout)
    return {"text": text, "all": everything, "json": report}


def test_check_text_puts_a_summary_first_that_matches_the_json(checked: dict[str, Any]):
    text, report = checked["text"].stdout, checked["json"]
    got = summary_of(text)
    assessments = report["assessments"]
    assert (got["read"], got["assessed"], got["rejected"]) == (
        report["summary"]["read"], report["summary"]["assessed"],
        report["summary"]["rejected"])
    assert got["assessed"] == len(assessments) > 500
    actions: dict[str, int] = {}
    for a in assessments:
        key = a["action"] or "noted"
        actions[key] = actions.get(key, 0) + 1
    assert got["actions"] == actions
    rules: dict[str, int] = {}
    for a in assessments:
        for code in {f["code"] for f in a["findings"]}:
            rules[code] = rules.get(code, 0) + 1
    assert {code: n for code, (_, _, n) in got["rules"].items()} == rules
    # The templated batch: rows 2-31 of Invitations.csv, 30 recipients in six days.
    assert len(got["batches"]) == 1
    assert got["batches"][0].startswith("30 recipients, 2026-05-04 to 2026-05-09")
    first = next(a for a in assessments if a["source"].endswith("Invitations.csv:row 2"))
    assert got["batches"][0].endswith(f"e.g. {first['event']}")


def test_check_text_lists_only_what_needs_attention_with_date_and_source(
        checked: dict[str, Any]):
    text, report = checked["text"].stdout, checked["json"]
    wanted = [a for a in report["assessments"] if needs_attention(a)]
    assert 0 < len(wanted) < len(report["assessments"])
    listed = blocks(text)
    assert [b[0].split()[0] for b in listed] == [a["event"] for a in wanted]
    assert summary_of(text)["footer"].startswith(
        f"Below: the {len(wanted)} of {len(report['assessments'])} events that need")
    by_id = {a["event"]: a for a in wanted}
    for block in listed:
        a = by_id[block[0].split()[0]]
        # id, date and time in the event's zone, platform, direction, kind, other party
        assert re.match(r"^\S+  \d{4}-\d\d-\d\d \d\d:\d\d  linkedin (incoming|outgoing) ",
                        block[0]), block[0]
        assert block[1] == f"  source: {a['source']}"
        assert re.search(r"(Invitations|messages|Connections)\.csv:row \d+$", block[1])


def test_check_all_lists_every_event(checked: dict[str, Any]):
    listed = blocks(checked["all"].stdout)
    assert [b[0].split()[0] for b in listed] == [
        a["event"] for a in checked["json"]["assessments"]]
    assert "Below: all " in checked["all"].stdout.split("\n\n")[0]


def test_identical_input_errors_are_grouped_with_their_rows(export: Path):
    result = run("check", export, "--fail-on", "never")  # no --timezone
    assert result.exit_code == 2
    line = (f"{export / 'Invitations.csv'}:rows 2–301 (300 rows): 'Sent At' has no time "
            "zone")
    assert result.stderr.count("'Sent At' has no time zone") == 1
    assert f"knigge: input error: {line}" in result.stderr
    errors = summary_of(result.stdout)["errors"]
    assert len(errors) == 1 and errors[0].startswith(line)
    # The JSON format keeps one entry per row.
    report = json.loads(run("check", export, "--fail-on", "never", "--format",
                            "json").stdout)
    rows = [e["location"] for e in report["errors"] if "Sent At" in e["reason"]]
    assert rows == [f"row {n}" for n in range(2, 302)]


def test_check_text_on_the_example_inbox_matches_its_json():
    text = run("check", INBOX, "--fail-on", "never").stdout
    report = json.loads(run("check", INBOX, "--fail-on", "never", "--format", "json").stdout)
    got = summary_of(text)
    assert got["assessed"] == len(report["assessments"]) == 13
    assert sum(got["actions"].values()) == 13
    assert [b[0].split()[0] for b in blocks(text)] == [
        a["event"] for a in report["assessments"] if needs_attention(a)]
    assert f"  source: {INBOX}:line 1" in text.splitlines()


def test_progress_stays_out_of_captured_output_and_never_shows_content(tmp_path: Path):
    def knigge(*args: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "knigge_engine.cli", *map(str, args)],
                              capture_output=True, text=True, timeout=120)

    quiet = knigge("check", INBOX, "--fail-on", "never")
    assert "reading and assessing" not in quiet.stderr  # not a terminal: no bar
    forced = knigge("check", INBOX, "--fail-on", "never", "--progress")
    assert forced.stderr.count("knigge: reading and assessing") == 1
    assert forced.stdout == quiet.stdout
    assert "Max Beispiel" not in forced.stderr and "\r" not in forced.stderr


def test_progress_uses_clicks_bar_not_a_hand_rolled_counter():
    source = (ROOT / "src" / "knigge_engine" / "cli" / "check.py").read_text()
    assert "click.progressbar(" in source and "events …" not in source


# ------------------------------------------------------------------ knigge due


@pytest.fixture(scope="module")
def history(export: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("due") / "h.sqlite3"
    result = run("check", export, "--timezone", "Europe/Berlin", "--history", db,
                 "--format", "jsonl", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    return db


def due_text_groups(text: str) -> dict[str, dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for para in text.split("\n\n")[:-1]:
        lines = para.splitlines()
        code, name = lines[0].split(":")[0].split()
        items = [ln for ln in lines if ln.startswith("  since ")]
        older = [ln for ln in lines if re.match(r"  \d+ older item", ln)]
        groups[code] = {"name": name, "items": items, "older": older,
                        "count": int(lines[0].rsplit(": ", 1)[1].split()[0])}
    return groups


def test_due_groups_by_rule_newest_first_and_counts_older_per_group(history: Path):
    text = run("due", "--history", history, "--now", NOW, "--locale", "en")
    report = json.loads(run("due", "--history", history, "--now", NOW, "--format",
                            "json").stdout)
    everything = json.loads(run("due", "--history", history, "--now", NOW, "--format",
                                "json", "--horizon", "0").stdout)
    assert text.exit_code == 1
    groups = due_text_groups(text.stdout)
    assert set(groups) == {r["code"] for r in report["summary"]["rules"]} >= {"KN301",
                                                                             "KN302"}
    cut = dt.datetime.fromisoformat(NOW) - dt.timedelta(days=90)
    for rule in report["summary"]["rules"]:
        group = groups[rule["code"]]
        assert group["count"] == len(group["items"]) == rule["due"]
        mine = [i for i in report["items"] if i["code"] == rule["code"]]
        since = [i["since"] for i in mine]
        assert since == sorted(since, reverse=True)  # newest first
        assert all(dt.datetime.fromisoformat(s) >= cut for s in since)
        assert [ln.split()[1].rstrip(",") for ln in group["items"]] == [s[:10] for s in since]
        # The horizon: the older ones of this rule in one line.
        every = [i for i in everything["items"] if i["code"] == rule["code"]]
        assert rule["older"] == len(every) - len(mine) > 0
        assert group["older"] == [f"  {rule['older']} older items started more than 90 "
                                  "days ago and are not listed (--horizon 0 lists all)"]
    total, older = report["summary"]["due"], report["summary"]["older"]
    assert total == len(report["items"]) and older == everything["summary"]["due"] - total
    assert text.stdout.splitlines()[-1] == f"{total} items due; {older} older not listed"
    assert everything["summary"]["older"] == 0 and everything["summary"]["horizon_days"] is None
    assert report["summary"]["horizon_days"] == 90 and report["summary"]["now"] == NOW


def test_due_since_replaces_the_horizon(history: Path):
    since = "2026-05-01"
    report = json.loads(run("due", "--history", history, "--now", NOW, "--since", since,
                            "--format", "json").stdout)
    everything = json.loads(run("due", "--history", history, "--now", NOW, "--format",
                                "json", "--horizon", "0").stdout)
    start = dt.datetime.fromisoformat(NOW).replace(2026, 5, 1, 0, 0, 0)
    expected = [i["event"] for i in everything["items"]
                if i["event"] is None or dt.datetime.fromisoformat(i["since"]) >= start]
    assert sorted(i["event"] for i in report["items"]) == sorted(expected)
    assert report["summary"]["older"] == len(everything["items"]) - len(expected)
    assert report["summary"]["since"] == "2026-05-01T00:00:00+02:00"
    text = run("due", "--history", history, "--now", NOW, "--since", since).stdout
    assert re.search(r"^  \d+ older items started before 2026-05-01 and are not listed$",
                     text, re.M)
    bad = run("due", "--history", history, "--now", NOW, "--since", "May 1st")
    assert bad.exit_code == 2 and "--since" in bad.stderr
    naive = run("due", "--history", history, "--now", NOW, "--since", "2026-05-01T00:00")
    assert naive.exit_code == 2 and "no UTC offset" in naive.stderr


def test_due_jsonl_stays_one_item_per_line_in_the_text_order(history: Path):
    lines = run("due", "--history", history, "--now", NOW, "--format", "jsonl").stdout
    report = json.loads(run("due", "--history", history, "--now", NOW, "--format",
                            "json").stdout)
    assert [json.loads(line) for line in lines.splitlines()] == report["items"]


def test_group_due_names_groups_of_only_older_items():
    groups = group_due([], {"KN302": 3}, {"KN302": "unanswered-message"})
    assert [(g.code, g.name, g.items, g.older) for g in groups] == [
        ("KN302", "unanswered-message", (), 3)]


def test_due_text_in_german_counts_older_items_per_group(history: Path):
    text = run("due", "--history", history, "--now", NOW, "--locale", "de").stdout
    lines = text.splitlines()
    assert re.match(r"^KN301 pending-too-long: \d+ fällig$", lines[0])
    assert lines[1].startswith("  seit 2026-06-")
    assert re.search(r"^  \d+ ältere Punkte begannen vor mehr als 90 Tagen und sind nicht "
                     r"aufgeführt \(--horizon 0 zeigt alle\)$", text, re.M)
    assert re.match(r"^\d+ Punkte fällig; \d+ ältere nicht aufgeführt$", lines[-1])
