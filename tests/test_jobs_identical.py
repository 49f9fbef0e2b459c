"""``knigge check --jobs N`` against ``--jobs 1``, on real files in real worker processes:
the same report bytes (standard output and ``-o`` files), the same standard error (input
errors with their lines, the closing counts, the suppression report, log records) and the
same exit code, for every built-in format, with the run's history (KN110 templated
batches), with ``--no-run-history``, with a history file and from standard input.

The inputs hold what is hard to split: a byte-order mark, broken lines, times without an
offset, unknown kinds, blank lines, a CRLF line, a last line without a line end, a JSON
array read by its importer, a file no importer reads, templated notes spread over the
whole input (one batch across every worker's stretch), a sender a suppression silences,
and a platform no plugin provides (its warning once)."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from knigge_engine.pipeline import MIN_BYTES, MIN_TASK_BYTES, plan_ranges

TEMPLATES = [
    "Hallo, ich bin Vertriebsleiter bei der Muster GmbH und baue mein Netzwerk in der "
    "Region aus. Über eine Vernetzung würde ich mich freuen.",
    "Hi, I'm growing my network of HR professionals in Munich and would love to connect "
    "with you here. Best regards",
]
NOTES = [
    "Hallo Frau Schröder, wir haben uns beim Barcamp Stuttgart kennengelernt. Ich bin "
    "UX-Designerin bei einer Agentur in Esslingen und würde gern in Kontakt bleiben.",
    "Hallo! Ich zeige Ihnen 7 geheime Tipps, mit denen Sie mehr Umsatz machen. Jetzt "
    "kostenloses Erstgespräch buchen!",
    "Hi Jana, I'm a data engineer in Berlin. Could you introduce me to your CTO? 🙂",
    "",
    None,
]
POLICY = """\
extends = "default"

[[suppress]]
rule = "KN204"
sender = "u-5"
reason = "a partner agency"

[[suppress]]
sender = "nobody-at-all"
reason = "never sends anything"
"""


def event(i: int) -> dict:
    me = {"id": "me", "name": "Jana Schröder", "premium": True}
    day = 1 + i % 20
    at = f"2026-11-{day:02d}T{8 + i % 10:02d}:{i % 60:02d}:00+01:00"
    if i % 7 == 3:  # a templated note, sent to many people over the whole input
        other = {"id": f"r-{i}", "name": "Tobias Keller"}
        return {"kind": "contact_request", "id": f"t-{i}", "platform": "generic",
                "direction": "outgoing", "at": at, "sender": me, "recipient": other,
                "note": TEMPLATES[i % 2]}
    other = {"id": f"u-{i % 13}", "name": ["Tobias Keller", "K.", "Sven Akquise"][i % 3],
             "contact_count": [120, 6200, 900][i % 3], "contacts_visible": i % 4 != 0,
             "degree": [1, 2, 3][i % 3], "prior_contact": i % 5 == 0,
             "mutual_contacts": i % 4}
    direction = "incoming" if i % 3 else "outgoing"
    sender, recipient = (other, me) if direction == "incoming" else (me, other)
    platform = "mastodon" if i % 97 == 7 else "generic"
    return {"kind": "contact_request", "id": f"e-{i}", "platform": platform,
            "direction": direction, "at": at, "sender": sender, "recipient": recipient,
            "note": NOTES[i % len(NOTES)]}


def jsonl(lines: list[str], *, bom: bool = False, last_newline: bool = True) -> bytes:
    text = "\n".join(lines) + ("\n" if last_newline else "")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def lines_from(start: int, count: int) -> list[str]:
    out = []
    for i in range(start, start + count):
        if i % 211 == 17:
            out.append('{"kind": "contact_request", "id": ')  # broken JSON
        elif i % 307 == 40:
            out.append(json.dumps(event(i)).replace("+01:00", ""))  # no offset
        elif i % 401 == 55:
            out.append(json.dumps(dict(event(i), kind="poke")))  # unknown kind
        elif i % 150 == 149:
            out.append("")  # a blank line, still counted
        elif i % 333 == 1:
            out.append(json.dumps(event(i), ensure_ascii=False) + "\r")  # CRLF
        else:
            out.append(json.dumps(event(i), ensure_ascii=False))
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("jobs-identical")
    (folder / "knigge.toml").write_text(POLICY, encoding="utf-8")
    (folder / "a.jsonl").write_bytes(jsonl(lines_from(0, 1300), bom=True))
    (folder / "b.json").write_text(json.dumps([event(5000 + i) for i in range(40)]),
                                   encoding="utf-8")
    (folder / "notes.txt").write_text("not an export\n", encoding="utf-8")
    (folder / "c.jsonl").write_bytes(jsonl(lines_from(1300, 499), last_newline=False))
    size = sum((folder / n).stat().st_size for n in ("a.jsonl", "b.json", "c.jsonl"))
    assert size > MIN_BYTES
    # More than one task per worker, so that stretches meet inside files.
    assert len(list(plan_ranges(str(folder / "a.jsonl"), MIN_TASK_BYTES))) >= 4
    return folder


INPUTS = ("a.jsonl", "notes.txt", "b.json", "c.jsonl")


def knigge(folder: Path, *args: str, stdin: bytes | None = None
           ) -> tuple[int, bytes, str]:
    proc = subprocess.run([sys.executable, "-m", "knigge_engine.cli", "-v", *args],
                          capture_output=True, cwd=folder, timeout=600, input=stdin)
    err = proc.stderr.decode("utf-8")
    return proc.returncode, proc.stdout, err


def comparable(err: str, jobs: int) -> str:
    """Standard error without the line that says how the run was executed."""
    lines = err.splitlines(keepends=True)
    said = [line for line in lines if "assessing in" in line]
    if jobs > 1:
        assert said == [f"knigge: INFO: assessing in {jobs} worker processes\n"], said
    return "".join(line for line in lines if "assessing in" not in line)


def runs(folder: Path, *args: str, jobs=(1, 2, 3), stdin: bytes | None = None) -> dict:
    out = {}
    for j in jobs:
        code, stdout, err = knigge(folder, "check", *args, "--no-progress", "--jobs",
                                   str(j), stdin=stdin)
        out[j] = (code, stdout, comparable(err, j))
    return out


def assert_identical(results: dict) -> tuple[int, bytes, str]:
    first = results[1]
    for j, got in results.items():
        assert got[0] == first[0], f"exit code with --jobs {j}"
        assert got[2] == first[2], f"standard error with --jobs {j}"
        assert got[1] == first[1], f"report with --jobs {j}"
    return first


@pytest.mark.parametrize("fmt", ["jsonl", "json", "text"])
def test_every_format_is_byte_identical_with_the_run_history(folder, fmt):
    code, stdout, err = assert_identical(runs(folder, *INPUTS, "--format", fmt))
    assert code == 2  # input errors
    # What the input holds reached the report and standard error.
    assert "knigge: suppression: suppress[1]" in err and "suppress[0]" not in err
    assert err.count("no installed plugin provides the platform 'mastodon'") == 1
    assert "a.jsonl:lines 18, 229, 440, 651, 862, 1073, 1284 (7 lines): invalid JSON" in err
    assert "notes.txt: no importer recognises this file" in err
    assert err.index("a.jsonl:lines 18") < err.index("notes.txt") < err.index("c.jsonl:")
    if fmt == "text":
        text = stdout.decode("utf-8")
        assert "Templated batches (KN110):" in text
    elif fmt == "json":
        doc = json.loads(stdout)
        assert doc["summary"]["rejected"] == len(doc["errors"]) > 0
        assert any("KN110" in [f["code"] for f in a["findings"]]
                   for a in doc["assessments"])
        assert doc["assessments"][0]["source"].endswith("a.jsonl:line 1")


def test_text_with_every_event_and_its_trace_is_byte_identical(folder):
    _, stdout, _ = assert_identical(runs(folder, *INPUTS, "--all", "--explain",
                                            jobs=(1, 2)))
    text = stdout.decode("utf-8")
    assert "trace:" in text and "c.jsonl:line 499\n" in text  # no line end after it
    assert "source: a.jsonl:line 1\n" in text  # after the byte-order mark


def test_without_the_run_history_and_into_files(folder):
    results = {}
    for j in (1, 2, 3):
        target = folder / f"out-{j}.json"
        code, stdout, err = knigge(folder, "check", *INPUTS, "--no-run-history",
                                   "--format", "json", "--fail-on", "never",
                                   "--no-progress", "--jobs", str(j), "-o", str(target))
        results[j] = (code, target.read_bytes(), comparable(err, j))
        assert stdout == b""
        assert (target.stat().st_mode & 0o777) == 0o600
    code, body, _ = assert_identical(results)
    assert code == 2
    assert "KN110" not in body.decode("utf-8")  # each event judged alone


def test_a_history_file_is_recorded_once_and_read_by_every_worker(folder):
    results = {}
    for j in (1, 2):
        history = folder / f"history-{j}.sqlite"
        code, stdout, err = knigge(folder, "check", "a.jsonl", "c.jsonl", "--history",
                                   str(history), "--format", "jsonl", "--no-progress",
                                   "--jobs", str(j))
        results[j] = (code, stdout, comparable(err, j).replace(str(history), "HISTORY"))
    _, stdout, err = assert_identical(results)
    assessed = err.split(" assessed")[0].rsplit(" ", 1)[-1]
    assert f"knigge: history HISTORY: {assessed} recorded, 0 already there" in err
    assert b'"KN110"' in stdout


def test_standard_input_is_split_like_a_file(folder):
    data = (folder / "a.jsonl").read_bytes()
    code, stdout, err = assert_identical(runs(folder, "-", "--format", "jsonl",
                                              stdin=data, jobs=(1, 2)))
    assert code == 2
    assert "<stdin>:lines 18, 229" in err
    assert json.loads(stdout.splitlines()[0])["source"] == "<stdin>:line 1"


def test_summaries_of_stretches_merge_into_the_summary_of_the_whole():
    """RunSummary.merge over any cut gives what one pass gives: counts, rules, period,
    grouped errors and the KN110 batches that span the cut."""
    from knigge_engine import Engine
    from knigge_engine.history import InMemoryHistory
    from knigge_engine.io import InputError
    from knigge_engine.io.reporters import summary_lines
    from knigge_engine.model import event_from_dict
    from knigge_engine.summary import RunSummary

    engine = Engine()
    events = [event_from_dict(event(i)) for i in range(160)]
    history = InMemoryHistory(events)
    items: list = []
    for i, ev in enumerate(events):
        items.append((engine.evaluate(ev, history=history), ev))
        if i % 40 == 39:
            items.append(InputError("x.jsonl", f"line {i}", "invalid JSON"))

    def feed(summary: RunSummary, part: list) -> RunSummary:
        for item in part:
            if isinstance(item, InputError):
                summary.add_error(item)
            else:
                summary.add(*item)
        return summary

    whole = feed(RunSummary(), items)
    assert whole.batches() and whole.errors()  # there is something to get wrong
    for cuts in ((1,), (57,), (3, 90), (40, 41, 120, 150), tuple(range(0, len(items), 9))):
        bounds = [0, *cuts, len(items)]
        merged = RunSummary()
        for a, b in itertools.pairwise(bounds):
            merged.merge(feed(RunSummary(), items[a:b]))
        assert merged.to_dict() == whole.to_dict(), cuts
        assert summary_lines(merged, "de") == summary_lines(whole, "de")
