"""History integrity (issue 13): a file damaged beyond its header is refused — at open
time where a few page reads show it, on the read that meets the damage otherwise — as a
HistoryError naming the file (exit 2), never a crashing rule (KE001) or a clean exit;
``knigge history check`` reads the whole file. Real SQLite files, damaged with sqlite3
or by overwriting bytes; the real CLI in a subprocess."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from knigge_engine import Engine
from knigge_engine.history import HistoryError, InMemoryHistory, SQLiteHistory
from knigge_engine.model import event_from_dict

T0 = dt.datetime(2026, 11, 2, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))
NOTE = ("Hallo {name}, wir haben uns beim Barcamp Kiel über Wärmepumpen unterhalten. "
        "Ich würde gern in Kontakt bleiben. Viele Grüße, Jana")


def req(i: int, *, hours: float | None = None) -> dict:
    return {"kind": "contact_request", "id": f"r-{i}", "platform": "generic",
            "direction": "outgoing",
            "at": (T0 + dt.timedelta(hours=i if hours is None else hours)).isoformat(),
            "sender": {"id": "me", "name": "Jana Owner"},
            "recipient": {"id": f"u-{i}", "name": f"Person {i}"},
            "note": NOTE.format(name=f"Person {i}")}


def recorded(tmp_path: Path, n: int = 50) -> Path:
    path = tmp_path / "h.sqlite3"
    with SQLiteHistory(path) as h:
        h.record([event_from_dict(req(i)) for i in range(n)])
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def tamper(path: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def knigge(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "knigge_engine.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def test_a_sound_file_passes_history_check(tmp_path: Path) -> None:
    path = recorded(tmp_path, 30)
    with SQLiteHistory(path, readonly=True) as h:
        assert h.integrity_check() == []
    run = knigge("history", "check", "--history", path, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "sound" in run.stdout and "30 events" in run.stdout


def test_an_unreadable_stored_event_is_a_history_error_not_a_crash(tmp_path: Path) -> None:
    path = recorded(tmp_path)
    tamper(path, "UPDATE events SET data = ? WHERE event_id = 'r-7'", b"\x00not json")
    # The open-time probe reads only the newest row: this file opens ...
    with SQLiteHistory(path, readonly=True) as h:
        assert len(h) == 50
        with pytest.raises(HistoryError) as err:
            list(h.events())  # ... and the read that meets the damage names the file
        assert err.value.path == str(path)
        assert "damaged" in err.value.reason
        assert "not json" not in str(err.value)  # never the stored bytes
        problems = h.integrity_check()
    assert len(problems) == 1 and "cannot be read" in problems[0]
    run = knigge("history", "check", "--history", path, cwd=tmp_path)
    assert run.returncode == 2
    assert str(path) in run.stderr and "cannot be read" in run.stderr


def test_a_damaged_newest_event_is_refused_at_open(tmp_path: Path) -> None:
    path = recorded(tmp_path)
    tamper(path, "UPDATE events SET data = ? WHERE id = (SELECT max(id) FROM events)",
           b'{"kind": 5}')
    for readonly in (True, False):
        with pytest.raises(HistoryError, match="damaged"):
            SQLiteHistory(path, readonly=readonly)


def test_a_missing_table_or_column_is_refused_at_open(tmp_path: Path) -> None:
    path = recorded(tmp_path)
    tamper(path, "DROP TABLE note_keys")
    with pytest.raises(HistoryError, match="note_keys table is missing"):
        SQLiteHistory(path, readonly=True)
    path2 = recorded(tmp_path / "b")
    tamper(path2, "ALTER TABLE events DROP COLUMN ref")
    with pytest.raises(HistoryError, match="lacks ref"):
        SQLiteHistory(path2)


def test_a_history_error_inside_a_rule_stops_the_run(tmp_path: Path) -> None:
    """A rule reading a failing store must not turn into KE001 (the rule is fine) nor be
    swallowed: the error reaches the caller."""

    class Failing(InMemoryHistory):
        def similar_notes(self, *a: object, **k: object):  # type: ignore[override]
            raise HistoryError("h.sqlite3", "database disk image is malformed")

        def count_outgoing_requests(self, *a: object, **k: object):  # type: ignore[override]
            raise HistoryError("h.sqlite3", "database disk image is malformed")

    engine = Engine()
    with pytest.raises(HistoryError, match="malformed"):
        engine.evaluate(req(1), history=Failing())
    # The same event against a working history is judged (control).
    assessment = engine.evaluate(req(1), history=InMemoryHistory())
    assert all(f.code != "KE001" for f in assessment.findings)


def _smash(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data), page):  # the header page stays intact
        data[start:start + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def test_a_file_damaged_beyond_its_header_exits_2_everywhere(tmp_path: Path) -> None:
    path = recorded(tmp_path, 400)
    _smash(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    inbox = tmp_path / "in.jsonl"
    inbox.write_text("".join(json.dumps(req(i, hours=500 + i)) + "\n" for i in range(3)),
                     encoding="utf-8")
    for args in (("check", inbox, "--history", path),
                 ("due", "--history", path, "--now", "2026-12-01T09:00:00+01:00"),
                 ("history", "check", "--history", path)):
        run = knigge(*args, cwd=tmp_path)
        assert run.returncode == 2, (args, run.returncode, run.stderr)
        assert str(path) in run.stderr, args
        assert "KE001" not in run.stdout + run.stderr
        assert "Traceback" not in run.stderr
    # history check and due opened it read-only; check refused before writing
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_history_check_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    run = knigge("history", "check", "--history", tmp_path / "nope.sqlite3", cwd=tmp_path)
    assert run.returncode == 2
    assert "no history database here" in run.stderr
