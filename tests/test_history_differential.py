"""The two stores answer alike: ``InMemoryHistory`` and ``SQLiteHistory`` (a real file)
are given the same generated events and must agree on every query of
:class:`~knigge_engine.history.HistoryView` and on what ``record`` reports.

The events come from small pools (two platforms, four people, a few note variants, times
within a few weeks, repeated ids with changed content), so that filters, windows, month
starts, same-time responses, duplicates and conflicts all occur often."""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knigge_engine.history import InMemoryHistory, SQLiteHistory
from knigge_engine.model import Direction, Kind

OWNER = {"id": "me", "name": "Jana Schröder", "contact_count": 311}
PEOPLE = ("u-1", "u-2", "u-3", "u-4")
PLATFORMS = ("generic", "xing")
NOTES = (
    None,
    "",
    "   ",
    "Hallo {name}, wir haben uns beim Barcamp Kiel kennengelernt. Ich bin Jana, "
    "Projektleiterin bei den Stadtwerken. Viele Grüße",
    "Hallo {name}, wir haben uns beim Barcamp Kiel kennengelernt! Ich bin Jana, "
    "Projektleiterin bei den Stadtwerken. Beste Grüße",
    "Hi {name}, I enjoyed your talk on data contracts at PyCon DE and would like to stay "
    "in touch. Best, Jana",
)
BASE = dt.datetime(2026, 10, 28, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@st.composite
def an_event(draw: st.DrawFn, index: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(("contact_request", "message", "request_resolved",
                                 "profile_view")))
    direction = draw(st.sampled_from(("incoming", "outgoing")))
    other_id = draw(st.sampled_from(PEOPLE))
    other = {"id": other_id, "name": f"Person {other_id[-1]} Muster"}
    owner = dict(OWNER)
    if draw(st.booleans()):
        owner["contact_count"] = draw(st.integers(0, 2000))
    elif draw(st.booleans()):
        del owner["contact_count"]
    sender, recipient = (owner, other) if direction == "outgoing" else (other, owner)
    # Hours, with repeats: same-time events (a same-day acceptance) are common.
    at = BASE + dt.timedelta(hours=draw(st.integers(0, 24 * 40)) // 7 * 7)
    event: dict[str, Any] = {
        "kind": kind,
        # A small id pool: the same id again is a duplicate or a conflict.
        "id": f"e-{draw(st.integers(0, max(3, index)))}",
        "platform": draw(st.sampled_from(PLATFORMS)),
        "direction": direction,
        "at": at.isoformat(),
        "sender": sender,
        "recipient": recipient,
    }
    note = draw(st.sampled_from(NOTES))
    if note is not None:
        note = note.format(name=other["name"].split()[0])
    if kind == "contact_request":
        if note is not None:
            event["note"] = note
    elif kind == "message":
        event["text"] = note or "Danke für die Annahme!"
        if draw(st.booleans()):
            event["asks_reason"] = draw(st.booleans())
    elif kind == "request_resolved":
        event["request"] = f"e-{draw(st.integers(0, 20))}"
        event["outcome"] = draw(st.sampled_from(("accepted", "declined", "withdrawn")))
    return event


@st.composite
def histories(draw: st.DrawFn) -> list[list[dict[str, Any]]]:
    n = draw(st.integers(1, 40))
    events = [draw(an_event(i)) for i in range(n)]
    # Recorded in one to three batches, as a host would.
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=2)))
    bounds = [0, *cuts, n]
    return [events[a:b] for a, b in itertools.pairwise(bounds)]


def moment(draw: st.DrawFn) -> dt.datetime:
    return BASE + dt.timedelta(hours=draw(st.integers(-24, 24 * 42)))


def ids(events: Any) -> list[tuple[str, str]]:
    return [(e.platform, e.id) for e in events]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batches=histories(), data=st.data())
def test_memory_and_sqlite_answer_every_query_alike(batches: list[list[dict[str, Any]]],
                                                    data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        memory = InMemoryHistory()
        sqlite = SQLiteHistory(Path(tmp) / "h.sqlite3")
        try:
            for batch in batches:
                assert memory.record(batch) == sqlite.record(batch)
            compare(memory, sqlite, data)
        finally:
            sqlite.close()


def compare(memory: InMemoryHistory, sqlite: SQLiteHistory, data: st.DataObject) -> None:
    draw = data.draw
    assert memory.platforms() == sqlite.platforms()
    for platform in PLATFORMS:
        for i in range(0, 25):
            assert memory.get(platform, f"e-{i}") == sqlite.get(platform, f"e-{i}")
    for _ in range(6):
        platform = draw(st.none() | st.sampled_from(PLATFORMS))
        kind = draw(st.none() | st.sampled_from(list(Kind)))
        direction = draw(st.none() | st.sampled_from(list(Direction)))
        party = draw(st.none() | st.sampled_from(PEOPLE))
        since = None if draw(st.booleans()) else moment(draw)
        until = None if draw(st.booleans()) else moment(draw)
        filters = dict(platform=platform, kind=kind, direction=direction, party=party,
                       since=since, until=until)
        assert memory.count(**filters) == sqlite.count(**filters), filters
        limit = draw(st.none() | st.integers(0, 5))
        newest = draw(st.booleans())
        assert ids(memory.events(**filters, limit=limit, newest_first=newest)) == \
            ids(sqlite.events(**filters, limit=limit, newest_first=newest)), filters

        plat = draw(st.sampled_from(PLATFORMS))
        a, b = sorted((moment(draw), moment(draw)))
        for with_note in (None, True, False):
            assert memory.count_outgoing_requests(plat, a, b, with_note=with_note) == \
                sqlite.count_outgoing_requests(plat, a, b, with_note=with_note)
            assert memory.count(**filters, with_note=with_note) == \
                sqlite.count(**filters, with_note=with_note), (filters, with_note)
        assert memory.owner_contact_count(platform=plat, until=b) == \
            sqlite.owner_contact_count(platform=plat, until=b)

        responses = draw(st.lists(st.tuples(st.sampled_from(list(Kind)),
                                            st.none() | st.sampled_from(list(Direction))),
                                  min_size=1, max_size=3))
        awaiting = dict(platform=plat, kind=draw(st.sampled_from(list(Kind))),
                        direction=draw(st.sampled_from(list(Direction))),
                        responses=responses, until=b,
                        before=None if draw(st.booleans()) else a)
        assert sorted(ids(memory.awaiting(**awaiting))) == \
            sorted(ids(sqlite.awaiting(**awaiting))), awaiting

        note = draw(st.sampled_from([n for n in NOTES if n and n.strip()]))
        query = dict(platform=draw(st.none() | st.sampled_from(PLATFORMS)), since=a,
                     until=b, min_similarity=draw(st.sampled_from((0.6, 0.85, 0.95))),
                     exclude_party=draw(st.none() | st.sampled_from(PEOPLE)),
                     limit=draw(st.integers(1, 5)))
        text = note.format(name="Person")
        left = memory.similar_notes(text, **query)
        right = sqlite.similar_notes(text, **query)
        assert [(m.event_id, m.platform, m.party, m.at) for m in left] == \
            [(m.event_id, m.platform, m.party, m.at) for m in right], query
        for x, y in zip(left, right, strict=True):
            assert abs(x.similarity - y.similarity) < 1e-9


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches=histories())
def test_content_identities_record_alike(batches: list[list[dict[str, Any]]]) -> None:
    """``stable_ids=False`` (exports that renumber rows): identity is the content."""
    with tempfile.TemporaryDirectory() as tmp:
        memory = InMemoryHistory()
        with SQLiteHistory(Path(tmp) / "h.sqlite3") as sqlite:
            for batch in batches:
                assert memory.record(batch, stable_ids=False) == \
                    sqlite.record(batch, stable_ids=False)
            assert len(memory) == sqlite.count()
            assert ids(memory.events()) == ids(sqlite.events())


# ------------------------------------------------------------------ the note clusters

TEMPLATES = (
    "Hallo {name}, ich bin Vertriebsleiterin bei der Nordlicht Software GmbH und baue "
    "gerade mein Netzwerk in der Logistikbranche aus. Viele Grüße, Jana",
    "Hi {name}, I lead sales at Nordlicht Software and am growing my network in "
    "logistics. I would be glad to connect. Best, Jana",
    "Hallo {name}, wir haben uns beim Barcamp Kiel über Wärmepumpen unterhalten. Ich "
    "würde gern in Kontakt bleiben.",
)


def _reference(rows: list[tuple[int, int, Any]], text: str, *, platform: str | None,
               since: dt.datetime, until: dt.datetime, min_similarity: float,
               exclude_party: str | None, limit: int) -> list[tuple[str, str]]:
    """The documented answer, by brute force over every recorded note: the rows that
    share an index key with ``text``, lie in the window and reach ``min_similarity``;
    newest first (time, then recording order); a person's newest such note; the
    ``limit`` people written to most recently."""
    from rapidfuzz import fuzz

    from knigge_engine.history import normalise_note, note_keys

    query = normalise_note(text)
    keys = set(note_keys(query))
    lo, hi = to_us(since), to_us(until)
    best: dict[str, tuple[str, str]] = {}
    for at, _, row in sorted(rows, key=lambda r: (r[0], r[1]), reverse=True):
        if not lo <= at < hi or row["party"] in best or row["party"] == exclude_party:
            continue
        if platform is not None and row["platform"] != platform:
            continue
        note = normalise_note(row["note"])
        if keys.isdisjoint(note_keys(note)):
            continue
        if fuzz.ratio(query, note, score_cutoff=min_similarity * 100.0):
            best[row["party"]] = (row["id"], row["party"])
            if len(best) >= limit:
                break
    return list(best.values())


def to_us(at: dt.datetime) -> int:
    return (at - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(microseconds=1)


@pytest.mark.parametrize("eager", [4096, 0], ids=["gathered", "clusters"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_note_index_answers_like_brute_force(data: st.DataObject, eager: int) -> None:
    """The in-memory store gathers few candidates from its key lists and walks many
    through clusters of near-copies grouped as they are recorded (both ways here, with
    notes recorded out of time order, many copies of a few templates with small edits);
    either way its answers must be exactly the brute-force answer over all notes, and
    the SQLite store's."""
    import knigge_engine.history.memory as memory_store

    saved, memory_store.EAGER_CANDIDATES = memory_store.EAGER_CANDIDATES, eager
    try:
        n = data.draw(st.integers(1, 120))
        rows: list[tuple[int, int, Any]] = []
        events = []
        for i in range(n):
            template = data.draw(st.sampled_from(TEMPLATES))
            name = data.draw(st.sampled_from(("Herr Albers", "Frau Brandt", "Sam", "Priya", "X")))
            note = template.format(name=name)
            if data.draw(st.booleans()):  # an edit: a word dropped
                words = note.split()
                del words[data.draw(st.integers(0, len(words) - 1))]
                note = " ".join(words)
            party = f"p-{data.draw(st.integers(0, 40))}"
            at = BASE + dt.timedelta(minutes=data.draw(st.integers(0, 60 * 24 * 20)))
            platform = data.draw(st.sampled_from(PLATFORMS))
            event = {"kind": "contact_request", "id": f"n-{i}", "platform": platform,
                     "direction": "outgoing", "at": at.isoformat(), "sender": OWNER,
                     "recipient": {"id": party, "name": party}, "note": note}
            events.append(event)
            rows.append((to_us(at), i, {"id": f"n-{i}", "party": party, "platform": platform,
                                        "note": note}))
        memory = InMemoryHistory()
        memory.record(events)
        with tempfile.TemporaryDirectory() as tmp:
            sqlite = SQLiteHistory(Path(tmp) / "h.sqlite3")
            sqlite.record(events)
            for _ in range(3):
                a = BASE + dt.timedelta(minutes=data.draw(st.integers(0, 60 * 24 * 20)))
                b = a + dt.timedelta(days=data.draw(st.integers(0, 14)))
                query = dict(platform=data.draw(st.none() | st.sampled_from(PLATFORMS)),
                             since=a, until=b,
                             min_similarity=data.draw(st.sampled_from((0.6, 0.8, 0.9, 0.97))),
                             exclude_party=data.draw(st.none() | st.just("p-1")),
                             limit=data.draw(st.integers(1, 50)))
                text = data.draw(st.sampled_from(TEMPLATES)).format(
                    name=data.draw(st.sampled_from(("Herr Cordes", "Sam"))))
                want = _reference(rows, text, **query)  # type: ignore[arg-type]
                assert [(m.event_id, m.party) for m in memory.similar_notes(text, **query)] \
                    == want, query
                assert [(m.event_id, m.party) for m in sqlite.similar_notes(text, **query)] \
                    == want, query
            sqlite.close()
    finally:
        memory_store.EAGER_CANDIDATES = saved
