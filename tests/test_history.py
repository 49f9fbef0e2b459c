"""The history stores: SQLite files in temporary folders (modes, WAL, schema versions,
faults, kills, concurrent writers) and the in-memory twin behind the same protocol."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from knigge_engine.history import (
    SCHEMA_VERSION,
    History,
    HistoryError,
    HistoryView,
    InMemoryHistory,
    SQLiteHistory,
)
from knigge_engine.model import Direction, Kind, event_from_dict

T0 = dt.datetime(2026, 11, 2, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))
ROOT = Path(__file__).resolve().parents[1]


def req(i, *, direction="outgoing", note="Hallo {name}, wir haben uns beim Barcamp Kiel "
        "über Wärmepumpen unterhalten. Ich würde gern in Kontakt bleiben.", hours=0.0,
        party=None, platform="generic", owner_contacts=None):
    party = party or f"u-{i}"
    me = {"id": "me", "name": "Jana Owner"}
    if owner_contacts is not None:
        me["contact_count"] = owner_contacts
    them = {"id": party, "name": f"Person {i}"}
    sender, recipient = (me, them) if direction == "outgoing" else (them, me)
    return {"kind": "contact_request", "id": f"r-{i}", "platform": platform,
            "direction": direction, "at": (T0 + dt.timedelta(hours=hours)).isoformat(),
            "sender": sender, "recipient": recipient,
            "note": None if note is None else note.format(name=f"Person {i}")}


def events(n, **kw):
    return [event_from_dict(req(i, hours=i, **kw)) for i in range(n)]


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture(params=["memory", "sqlite"])
def store(request, tmp_path):
    if request.param == "memory":
        yield InMemoryHistory()
    else:
        h = SQLiteHistory(tmp_path / "h.sqlite3")
        yield h
        h.close()


# ----------------------------------------------------------------------------- protocol


def test_both_stores_implement_the_protocol(store):
    assert isinstance(store, History)
    assert isinstance(store, HistoryView)


def test_reimport_records_nothing_twice(store):
    batch = events(30)
    first = store.record(batch)
    second = store.record(batch)
    assert (first.added, first.duplicates) == (30, 0)
    assert (second.added, second.duplicates, second.conflicts) == (0, 30, 0)
    assert store.count() == 30


def test_same_id_with_changed_content_is_a_conflict_and_the_first_is_kept(store):
    store.record(events(3))
    changed = event_from_dict({**req(1, hours=1), "note": "Ganz andere Notiz."})
    result = store.record([changed])
    assert (result.added, result.conflicts, result.conflict_ids) == (0, 1, ("r-1",))
    assert store.get("generic", "r-1").note.startswith("Hallo Person 1")


def test_unstable_ids_fall_back_to_a_content_hash(store):
    # Exports that number rows anew each time: the same content under a new id is the
    # same event; different content is a new one.
    a = events(5)
    renumbered = [event_from_dict({**req(i, hours=i), "id": f"row-{i + 100}"})
                  for i in range(5)]
    assert store.record(a, stable_ids=False).added == 5
    again = store.record(renumbered, stable_ids=False)
    assert (again.added, again.duplicates) == (0, 5)


def test_windows_are_half_open_and_note_counts_split(store):
    store.record([
        *events(4),
        event_from_dict({**req(10, hours=10, note=None)}),
        event_from_dict({**req(11, hours=11, note="   ")}),
        event_from_dict(req(12, hours=12, direction="incoming")),
    ])
    t = T0
    # Outgoing requests at hours 0, 1, 2, 3, 10, 11 (two of them without a real note).
    assert store.count_outgoing_requests("generic", t, t + dt.timedelta(hours=3)) == 3
    assert store.count_outgoing_requests("generic", t, t + dt.timedelta(hours=12)) == 6
    assert store.count_outgoing_requests("generic", t, t + dt.timedelta(hours=12),
                                         with_note=True) == 4
    assert store.count_outgoing_requests("generic", t, t + dt.timedelta(hours=12),
                                         with_note=False) == 2
    assert store.count_outgoing_requests("other", t, t + dt.timedelta(days=1)) == 0


def test_count_filters_requests_with_and_without_a_note(store):
    # The generic counted query a plugin's quota reads (LinkedIn's monthly note quota
    # passes its own calendar-month window): only contact requests carry a note.
    t = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
    store.record([
        event_from_dict({**req(1), "at": t.isoformat()}),
        event_from_dict({**req(2, note="   "), "at": (t + dt.timedelta(hours=1)).isoformat()}),
        event_from_dict({**req(3, note=None), "at": (t + dt.timedelta(hours=2)).isoformat()}),
        event_from_dict({**req(4), "at": (t + dt.timedelta(hours=3)).isoformat()}),
    ])
    window = {"platform": "generic", "kind": Kind.CONTACT_REQUEST,
              "direction": Direction.OUTGOING, "since": t, "until": t + dt.timedelta(hours=3)}
    assert store.count(**window) == 3
    assert store.count(**window, with_note=True) == 1   # request 4 is at `until`: outside
    assert store.count(**window, with_note=False) == 2  # a blank note is no note
    assert store.count(with_note=True) == 2
    assert store.count(with_note=True, platform="other") == 0


def test_awaiting_and_events_and_owner_count(store):
    store.record([
        event_from_dict(req(1, direction="incoming", hours=0)),
        event_from_dict(req(2, direction="incoming", hours=1)),
        event_from_dict({"kind": "request_resolved", "id": "d-1", "platform": "generic",
                         "direction": "outgoing", "at": (T0 + dt.timedelta(hours=5)).isoformat(),
                         "sender": {"id": "me", "contact_count": 321},
                         "recipient": {"id": "u-1"}, "request": "r-1",
                         "outcome": "accepted"}),
    ])
    responses = [(Kind.REQUEST_RESOLVED, None)]
    pending = [e.id for e in store.awaiting(platform="generic", kind=Kind.CONTACT_REQUEST,
                                            direction=Direction.INCOMING,
                                            responses=responses,
                                            until=T0 + dt.timedelta(days=1))]
    assert pending == ["r-2"]
    # As of hour 4 the resolution has not happened yet.
    early = [e.id for e in store.awaiting(platform="generic", kind=Kind.CONTACT_REQUEST,
                                          direction=Direction.INCOMING, responses=responses,
                                          until=T0 + dt.timedelta(hours=4))]
    assert early == ["r-1", "r-2"]
    assert [e.id for e in store.events(party="u-1")] == ["r-1", "d-1"]
    assert [e.id for e in store.events(newest_first=True, limit=1)] == ["d-1"]
    assert store.owner_contact_count(platform="generic", until=T0 + dt.timedelta(days=1)) == 321
    assert store.owner_contact_count(platform="generic", until=T0 + dt.timedelta(hours=5)) is None
    assert store.platforms() == ["generic"]


# ----------------------------------------------------------------------------- SQLite file


def test_file_wal_and_shm_are_owner_only_even_with_a_lax_umask(tmp_path):
    path = tmp_path / "sub" / "dir" / "history.sqlite3"
    old = os.umask(0)
    try:
        with SQLiteHistory(path) as h:
            h.record(events(10))
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()}
    finally:
        os.umask(old)
    assert modes == {"history.sqlite3": 0o600, "history.sqlite3-wal": 0o600,
                     "history.sqlite3-shm": 0o600}
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_wal_mode_and_schema_version(tmp_path):
    path = tmp_path / "h.sqlite3"
    with SQLiteHistory(path) as h:
        assert h.schema_version() == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_a_version_2_file_gets_the_event_id_index(tmp_path):
    path = tmp_path / "v2.sqlite3"
    with SQLiteHistory(path) as h:
        h.record(events(3))
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX events_id")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with SQLiteHistory(path) as h:
        assert h.schema_version() == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    plan = " ".join(str(row) for row in conn.execute(
        "EXPLAIN QUERY PLAN SELECT data FROM events WHERE platform = ? AND event_id = ?",
        ("generic", "nope")))
    conn.close()
    assert "events_id" in plan  # a lookup by id no longer scans the table


def test_a_version_1_file_is_migrated_and_its_notes_indexed(tmp_path):
    path = tmp_path / "old.sqlite3"
    with SQLiteHistory(path) as h:
        h.record(events(6))
    # Turn it back into what version 1 wrote: no note index yet.
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE note_keys")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with SQLiteHistory(path) as h:
        assert h.schema_version() == SCHEMA_VERSION
        found = h.similar_notes(
            "Hallo Person 9, wir haben uns beim Barcamp Kiel über Wärmepumpen unterhalten. "
            "Ich würde gern in Kontakt bleiben.", platform="generic", since=T0,
            until=T0 + dt.timedelta(days=1), min_similarity=0.9)
        assert len(found) == 6


def test_queries_see_only_committed_state_of_another_connection(tmp_path):
    path = tmp_path / "h.sqlite3"
    with SQLiteHistory(path) as writer, SQLiteHistory(path, readonly=True) as reader:
        writer.record(events(5))
        assert reader.count() == 5


def test_readonly_open_of_a_missing_file_names_it(tmp_path):
    with pytest.raises(HistoryError) as err:
        SQLiteHistory(tmp_path / "nope.sqlite3", readonly=True)
    assert "nope.sqlite3" in str(err.value)
    assert not (tmp_path / "nope.sqlite3").exists()


# ----------------------------------------------------------------------------- faults


def test_not_a_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("Liebe Grüße an alle, das ist eine Textdatei.\n" * 200)
    before = digest(path)
    with pytest.raises(HistoryError) as err:
        SQLiteHistory(path)
    assert err.value.path == str(path)
    assert "not a knigge history database" in err.value.reason
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_a_corrupted_history_gives_a_history_error(tmp_path):
    path = tmp_path / "h.sqlite3"
    with SQLiteHistory(path) as h:
        h.record(events(400))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data), page):  # keep the header page intact
        data[start:start + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(HistoryError) as err, SQLiteHistory(path) as h:
        h.count()
        list(h.events())
    assert str(path) in str(err.value)
    assert "corrupted" in err.value.reason


def test_another_sqlite_database_is_not_taken_over(tmp_path):
    path = tmp_path / "crm.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(HistoryError, match="not a knigge history"):
        SQLiteHistory(path)
    assert digest(path) == before


def test_a_newer_schema_is_refused_unchanged(tmp_path):
    path = tmp_path / "h.sqlite3"
    with SQLiteHistory(path) as h:
        h.record(events(3))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(path)
    for readonly in (False, True):
        with pytest.raises(HistoryError) as err:
            SQLiteHistory(path, readonly=readonly)
        assert f"schema version {SCHEMA_VERSION + 1}" in err.value.reason
        assert "newer" in err.value.reason
    assert digest(path) == before


_HOLD_LOCK = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE events SET party = party WHERE id = 1")
    print("locked", flush=True)
    time.sleep(120)
""")


def test_a_database_locked_by_another_process_gives_an_error_and_changes_nothing(tmp_path):
    path = tmp_path / "h.sqlite3"
    with SQLiteHistory(path) as h:
        h.record(events(5))
    before = dump(path)
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with SQLiteHistory(path, timeout=0.2) as h:
            with pytest.raises(HistoryError) as err:
                h.record(events(20))
            assert "locked by another process" in err.value.reason
            assert err.value.path == str(path)
            assert h.count() == 5  # reading still works in WAL mode
    finally:
        holder.kill()
        holder.wait()
    assert dump(path) == before


def _make_read_only(paths) -> list[Path]:
    """Make files read-only for this process: by mode, or for root (whom modes do not
    stop) with the immutable attribute. Returns the files to release afterwards."""
    if os.geteuid() != 0:
        for p in paths:
            os.chmod(p, 0o444)
        return []
    done = []
    for p in paths:
        if subprocess.run(["chattr", "+i", str(p)], capture_output=True).returncode != 0:
            _release(done)
            pytest.skip("running as root without chattr: cannot make a file read-only")
        done.append(p)
    return done


def _release(paths) -> None:
    for p in paths:
        subprocess.run(["chattr", "-i", str(p)], check=True)


def test_a_read_only_file_gives_an_error_changes_nothing_and_can_still_be_read(tmp_path):
    path = tmp_path / "h.sqlite3"
    with SQLiteHistory(path) as h:
        h.record(events(3))
    assert not (tmp_path / "h.sqlite3-wal").exists()  # checkpointed on the last close
    locked = _make_read_only([path])
    try:
        before = digest(path)
        with pytest.raises(HistoryError) as err:
            SQLiteHistory(path).record(events(5))
        assert "read-only" in err.value.reason and err.value.path == str(path)
        assert digest(path) == before
        with SQLiteHistory(path, readonly=True) as h:  # `knigge due` only reads
            assert h.count() == 3
    finally:
        _release(locked)


# ----------------------------------------------------------------------------- crashes


_IMPORTER = textwrap.dedent("""
    import json, os, sys, time
    from knigge_engine.history import SQLiteHistory
    from knigge_engine.model import event_from_dict

    path, source, hang_after = sys.argv[1], sys.argv[2], int(sys.argv[3])
    h = SQLiteHistory(path, batch_size=100)
    begun = 0
    inserts = 0

    def trace(sql):
        # Hang inside the (hang_after + 1)-th transaction, after 50 of its inserts: the
        # parent kills us there, mid-transaction.
        global begun, inserts
        if sql.startswith("BEGIN"):
            begun += 1
        elif sql.startswith("INSERT OR IGNORE") and begun == hang_after + 1:
            inserts += 1
            if inserts == 50:
                print("mid-batch", flush=True)
                time.sleep(120)

    if hang_after >= 0:
        h._conn.set_trace_callback(trace)
    with open(source, encoding="utf-8") as f:
        result = h.record(event_from_dict(json.loads(line)) for line in f)
    print(json.dumps([result.added, result.duplicates]), flush=True)
""")


def _write_jsonl(path: Path, dicts) -> None:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dicts),
                    encoding="utf-8")


def test_a_killed_import_leaves_whole_batches_and_a_rerun_completes_it(tmp_path):
    db = tmp_path / "h.sqlite3"
    source = tmp_path / "export.jsonl"
    _write_jsonl(source, [req(i, hours=i) for i in range(1000)])
    proc = subprocess.Popen([sys.executable, "-c", _IMPORTER, str(db), str(source), "3"],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "mid-batch"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Three whole batches of 100, nothing of the fourth.
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 300
    # Every stored note has its index keys, and no key points at a missing event.
    assert conn.execute("SELECT count(DISTINCT event) FROM note_keys").fetchone()[0] == 300
    assert conn.execute("SELECT count(*) FROM note_keys WHERE event NOT IN "
                        "(SELECT id FROM events)").fetchone()[0] == 0
    conn.close()
    rerun = subprocess.run([sys.executable, "-c", _IMPORTER, str(db), str(source), "-1"],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads(rerun.stdout.strip().splitlines()[-1]) == [700, 300]
    with SQLiteHistory(db, readonly=True) as h:
        assert h.count() == 1000
        assert sorted(int(e.id[2:]) for e in h.events()) == list(range(1000))


_WRITER = textwrap.dedent("""
    import json, os, sys, time
    from knigge_engine.history import SQLiteHistory
    from knigge_engine.model import event_from_dict

    path, source, go = sys.argv[1], sys.argv[2], sys.argv[3]
    h = SQLiteHistory(path, batch_size=50, timeout=60)
    with open(source, encoding="utf-8") as f:
        items = [event_from_dict(json.loads(line)) for line in f]
    print("ready", flush=True)
    while not os.path.exists(go):
        time.sleep(0.01)
    result = h.record(items)
    print(json.dumps([result.added, result.duplicates]), flush=True)
""")


def test_two_processes_recording_at_once_lose_nothing(tmp_path):
    db = tmp_path / "h.sqlite3"
    SQLiteHistory(db).close()  # created and migrated once, so both start equal
    shared = [req(i, hours=i, party=f"shared-{i}") for i in range(5000, 5500)]
    a = [req(i, hours=i) for i in range(0, 2000)] + shared
    b = [req(i, hours=i) for i in range(2000, 4000)] + shared
    _write_jsonl(tmp_path / "a.jsonl", a)
    _write_jsonl(tmp_path / "b.jsonl", b)
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(db),
                               str(tmp_path / f"{n}.jsonl"), str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in ("a", "b")]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    go.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    with SQLiteHistory(db, readonly=True) as h:
        assert h.count() == 4500
    # Each shared event was added by exactly one of them.
    assert sum(r[0] for r in results) == 4500
    assert sum(r[1] for r in results) == 500
