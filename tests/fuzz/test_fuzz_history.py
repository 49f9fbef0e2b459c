"""Fuzz target: the SQLite history store.

Properties: (1) recording any mix of valid events (mutated from the example inbox, with
duplicates and conflicting re-sends) accounts for every event — added, duplicate or
conflict — and follow-through and KN110 run over the file without a crashing rule;
(2) for any byte-level damage of a real history file (bytes overwritten, pages zeroed,
the file cut short), every use — open, count, read, follow-through, evaluating against
it, the full integrity check — answers or raises ``HistoryError`` naming the file,
never anything else and never a crashing rule."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3

from fuzzkit import FUZZ, SEED_EVENTS, count, mutated_events
from hypothesis import given
from hypothesis import strategies as st

from knigge_engine import Engine, EventError
from knigge_engine.history import HistoryError, SQLiteHistory
from knigge_engine.model import event_from_dict

ENGINE = Engine()
NOW = dt.datetime(2027, 1, 15, tzinfo=dt.UTC)


def valid(data):
    try:
        return event_from_dict(data)
    except EventError:
        return None


@FUZZ
@given(st.lists(st.one_of(mutated_events(max_changes=2), st.sampled_from(SEED_EVENTS)),
                min_size=1, max_size=25))
def test_recording_accounts_for_every_event(tmp_path_factory, dicts):
    events = [e for e in map(valid, dicts) if e is not None]
    path = tmp_path_factory.mktemp("hist") / "h.sqlite3"
    with SQLiteHistory(path, batch_size=7) as history:
        result = history.record(events)
        assert result.added + result.duplicates + result.conflicts == len(events)
        assert len(history) == result.added
        again = history.record(events)
        assert again.added == 0
        items = ENGINE.due(NOW, history)
        assert not [i for i in items if i.code == "KE001"]
        for event in events:
            assessment = ENGINE.evaluate(event, history=history)
            assert not [f for f in assessment.findings if f.code == "KE001"]
    count("history records", len(events))


_BASE: dict[str, bytes] = {}


def base_file(tmp_path_factory) -> bytes:
    if "file" not in _BASE:
        path = tmp_path_factory.mktemp("base") / "h.sqlite3"
        rng = random.Random(5)
        events = []
        for i in range(300):
            data = dict(rng.choice(SEED_EVENTS))
            data["id"] = f"{data['id']}-{i}"
            at = dt.datetime.fromisoformat(data["at"]) + dt.timedelta(hours=i)
            data["at"] = at.isoformat()
            events.append(event_from_dict(data))
        with SQLiteHistory(path) as h:
            h.record(events)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        _BASE["file"] = path.read_bytes()
    return _BASE["file"]


def use(path) -> None:
    history = SQLiteHistory(path, readonly=True)
    try:
        len(history)
        list(history.events(limit=500))
        items = ENGINE.due(NOW, history)
        assert not [i for i in items if i.code == "KE001"]
        for data in SEED_EVENTS[:6]:
            assessment = ENGINE.evaluate(data, history=history)
            assert not [f for f in assessment.findings if f.code == "KE001"]
        history.integrity_check()
    finally:
        history.close()


@FUZZ
@given(st.integers(0, 2**32 - 1))
def test_damaged_history_file(tmp_path_factory, seed):
    rng = random.Random(seed)
    data = bytearray(base_file(tmp_path_factory))
    page = 4096
    how = rng.choice(["bytes", "page", "cut", "header"])
    if how == "bytes":
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(page, len(data))] = rng.randrange(256)
    elif how == "page":
        start = rng.randrange(1, len(data) // page) * page
        data[start:start + page] = bytes([rng.choice([0, 0xFF])]) * page
    elif how == "cut":
        del data[rng.randrange(page, len(data)):]
    else:
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(16, 100)] = rng.randrange(256)
    folder = tmp_path_factory.mktemp("damaged")
    path = folder / "h.sqlite3"
    path.write_bytes(bytes(data))
    try:
        use(path)
    except HistoryError as exc:
        assert exc.path == str(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    count(f"history files (damaged: {how})")
