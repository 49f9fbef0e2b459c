"""knigge_engine.spark with a real local Spark session (``nox -s spark``).

Skipped cleanly when pyspark is not installed (the default ``nox -s tests`` run) or when
no Java runtime can start a session. Every test compares the DataFrame path with the
plain engine in this process, so the Spark code must give exactly what ``Engine`` gives.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys

import orjson
import pytest

pyspark = pytest.importorskip("pyspark")

from knigge_engine import Engine  # noqa: E402
from knigge_engine.recipe import EngineRecipe  # noqa: E402
from knigge_engine.spark import ASSESSMENT_COLUMNS, Counters, assess, due, summary  # noqa: E402

pytestmark = pytest.mark.spark

AT = "2026-11-02T09:15:00+01:00"
ME = {"id": "me", "name": "Jana Schröder", "premium": True}


def request(eid, direction, note, other, owner=ME, platform="generic", at=AT):
    sender, recipient = (other, owner) if direction == "incoming" else (owner, other)
    return {"kind": "contact_request", "id": eid, "platform": platform,
            "direction": direction, "at": at, "sender": sender, "recipient": recipient,
            "note": note}


def message(eid, direction, text, other, owner=ME, at=AT, in_reply_to=None):
    sender, recipient = (other, owner) if direction == "incoming" else (owner, other)
    ev = {"kind": "message", "id": eid, "platform": "generic", "direction": direction,
          "at": at, "sender": sender, "recipient": recipient, "text": text}
    if in_reply_to:
        ev["in_reply_to"] = in_reply_to
    return ev


EVENTS = [
    request("r-1", "incoming", None,
            {"id": "u-1", "name": "Max Beispiel", "headline": "tba", "company": "tba",
             "contact_count": 6200, "contacts_visible": False}),
    request("r-2", "incoming", "Hallo Frau Schröder, wir saßen gestern beim IHK-Vortrag "
            "nebeneinander. Ich bin Controller bei Hanse Logistik.",
            {"id": "u-2", "name": "Tobias Keller", "mutual_contacts": 3}),
    request("r-3", "outgoing", "Hi Sam, I'd like to add you to my professional network.",
            {"id": "u-3", "name": "Sam Lee", "degree": 2, "prior_contact": False,
             "mutual_contacts": 2}),
    request("r-4", "outgoing", "Hallo Herr Kaya, mit unseren 7 geheimen Tipps steigern Sie "
            "Ihren Umsatz. Jetzt kostenloses Erstgespräch sichern!",
            {"id": "u-4", "name": "Deniz Kaya"}),
    message("m-1", "incoming", "Hi Jana, boost your sales with our lead generation "
            "product. Book a demo today!", {"id": "u-5", "name": "Growth Bot"}),
]


def java_available() -> bool:
    return shutil.which("java") is not None


@pytest.fixture(scope="module")
def spark():
    if not java_available():
        pytest.skip("no Java runtime on PATH: Spark cannot start")
    from pyspark.sql import SparkSession

    # Executors must run a Python that has knigge_engine and the plugins installed:
    # this one (Spark would otherwise start whatever "python3" is on PATH).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("knigge-tests")
               .config("spark.pyspark.python", sys.executable)
               .config("spark.pyspark.driver.python", sys.executable)
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def engine():
    return Engine()


def json_frame(spark, lines, partitions=2):
    rows = [(i, line) for i, line in enumerate(lines)]
    return spark.createDataFrame(rows, "row long, event string").repartition(partitions)


def by_row(df):
    return {r["row"]: r for r in df.collect()}


def test_json_rows_are_assessed_exactly_as_the_engine_assesses_them(spark, engine):
    lines = [orjson.dumps(e).decode() for e in EVENTS]
    out = assess(json_frame(spark, lines), keep=["row"])
    assert out.columns == ["row", *ASSESSMENT_COLUMNS]
    rows = by_row(out)
    assert len(rows) == len(EVENTS)
    for i, ev in enumerate(EVENTS):
        expected = engine.evaluate(ev)
        row = rows[i]
        assert row["error"] is None
        assert orjson.loads(row["assessment"]) == orjson.loads(orjson.dumps(expected.to_dict()))
        assert row["action"] == expected.action.value
        assert row["codes"] == [f.code for f in expected.findings]
        assert row["owner"] == "me"
    # The collector with hidden contacts and no note is declined; the cold 2nd-degree
    # request is turned into an introduction; the pitch is not sent.
    assert rows[0]["action"] == "decline" and "KN204" in rows[0]["codes"]
    assert rows[2]["action"] == "ask_for_introduction"
    assert "KN105" in rows[3]["codes"]


def test_bad_rows_become_error_rows_and_the_job_still_succeeds(spark):
    naive = dict(EVENTS[1], at="2026-11-02T09:15:00")
    unknown = dict(EVENTS[1], kind="poke")
    lines = [orjson.dumps(EVENTS[0]).decode(), '{"kind": "contact_request", "id": ',
             orjson.dumps(naive).decode(), orjson.dumps(unknown).decode(), None,
             orjson.dumps(EVENTS[2]).decode()]
    counters = Counters(spark.sparkContext)
    # A policy of its own, so no Python worker has an engine for it yet.
    policy = {"extends": "default", "thresholds": {"decline": 4.75}}
    out = assess(json_frame(spark, lines, partitions=3), keep=["row"], counters=counters,
                 policy=policy)
    rows = by_row(out)
    # Accumulators count what the one action so far computed.
    assert counters.as_dict()["read"] == 6 and counters.as_dict()["rejected"] == 4
    assert rows[0]["error"] is None and rows[5]["error"] is None
    assert rows[1]["error"].startswith("invalid JSON")
    assert rows[2]["error"].startswith("$.at: time without UTC offset")
    assert rows[2]["event"] == "r-2" and rows[2]["action"] is None
    assert "unknown kind 'poke'" in rows[3]["error"]
    assert rows[4]["error"] == "the column 'event' is null"
    # At least one engine, at most one per partition (Python workers reuse theirs).
    assert 1 <= counters.engines_built.value <= 3
    # summary() counts the result itself, however often it is computed.
    assert summary(out).first().asDict() == {"read": 6, "assessed": 2, "rejected": 4}


def test_a_byte_order_mark_before_the_first_line_of_a_file_is_skipped(spark, engine,
                                                                     tmp_path):
    # As the JSONL reader does (knigge check): Windows editors write one, and
    # spark.read.text keeps it in the first line's text.
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b"\n".join(orjson.dumps(e) for e in EVENTS[:3])
                     + b"\n")
    frame = spark.read.text(str(path)).withColumnRenamed("value", "event")
    rows = assess(frame).collect()
    assert len(rows) == 3
    assert [r["error"] for r in rows] == [None, None, None]
    assert sorted(r["event"] for r in rows) == ["r-1", "r-2", "r-3"]
    first = next(r for r in rows if r["event"] == "r-1")
    assert first["action"] == engine.evaluate(EVENTS[0]).action.value


def test_struct_columns_give_the_same_assessments_as_json_text(spark):
    lines = [orjson.dumps(e).decode() for e in EVENTS]
    structs = spark.read.json(spark.sparkContext.parallelize(lines))
    from_structs = {r["event"]: r for r in assess(structs, column=None).collect()}
    from_json = {r["event"]: r for r in assess(json_frame(spark, lines)).collect()}
    assert from_structs.keys() == {e["id"] for e in EVENTS}
    for eid, row in from_json.items():
        assert from_structs[eid]["error"] is None
        assert from_structs[eid]["assessment"] == row["assessment"]


def test_a_plugin_missing_on_the_executor_fails_the_job_and_names_it(spark):
    import attrs

    # What a driver with one more plugin than its executors would send.
    recipe = attrs.evolve(
        EngineRecipe.from_policy(None, plugins=["builtin", "knigge-nowhere"]),
        labels={"knigge-nowhere": "knigge-nowhere (knigge-nowhere 9.9)"})
    out = assess(json_frame(spark, [orjson.dumps(EVENTS[0]).decode()]), recipe=recipe)
    with pytest.raises(Exception) as info:
        out.collect()
    text = str(info.value)
    assert "MissingPluginError" in text
    assert "knigge-nowhere (knigge-nowhere 9.9)" in text


def test_a_policy_error_stops_on_the_driver_before_any_job(spark):
    from knigge_engine.policy import PolicyError

    with pytest.raises(PolicyError, match="KN999"):
        assess(json_frame(spark, ["{}"]), policy={"extends": "default", "select": ["KN999"]})


def test_by_owner_judges_each_event_against_that_owners_history(spark, engine):
    template = ("Hallo {name}, ich bin Vertriebsleiterin bei der Nordlicht Software GmbH und "
                "baue gerade mein Netzwerk in der Logistikbranche aus. Ich würde mich freuen, "
                "wenn wir uns vernetzen. Viele Grüße, Jana")
    names = ["Herr Albers", "Frau Brandt", "Herr Cordes", "Frau Dietz", "Herr Ehlers",
             "Frau Fink"]
    events = []
    for owner in ({"id": "jana", "name": "Jana"}, {"id": "olaf", "name": "Olaf"}):
        count = len(names) if owner["id"] == "jana" else 2
        for i, name in enumerate(names[:count]):
            at = (dt.datetime(2026, 11, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=1)))
                  + dt.timedelta(hours=6 * i)).isoformat()
            events.append(request(f"{owner['id']}-{i}", "outgoing",
                                  template.format(name=name),
                                  {"id": f"{owner['id']}-u{i}", "name": name},
                                  owner=owner, at=at))
    lines = [orjson.dumps(e).decode() for e in events]
    plain = {r["event"]: r["codes"] for r in assess(json_frame(spark, lines)).collect()}
    owned = {r["event"]: r for r in assess(json_frame(spark, lines), by_owner=True).collect()}
    # Without history nobody is a mass mailer; with it, Jana's batch of six copies within
    # a week is (every copy, the first ones too), and Olaf's two copies are not (and
    # Jana's copies do not count against Olaf).
    assert not any("KN110" in codes for codes in plain.values())
    assert all("KN110" in owned[f"jana-{i}"]["codes"] for i in range(6))
    assert owned["jana-5"]["owner"] == "jana"
    assert not any("KN110" in owned[f"olaf-{i}"]["codes"] for i in range(2))


def test_due_lists_follow_through_per_owner(spark):
    pitchless = ("Guten Tag Frau Owner, ich habe Ihren Beitrag zur Wärmepumpenförderung "
                 "gelesen. Dürfte ich Ihnen zwei Fragen zu unserem Neubauprojekt stellen?")
    ana = {"id": "ana", "name": "Ana"}
    ben = {"id": "ben", "name": "Ben"}
    asker = {"id": "u-9", "name": "Paula Kern"}
    events = [
        message("a-1", "incoming", pitchless, asker, owner=ana),
        message("b-1", "incoming", pitchless, asker, owner=ben),
        message("b-2", "outgoing", "Guten Tag Frau Kern, gern, rufen Sie mich an.", asker,
                owner=ben, at="2026-11-03T10:00:00+01:00", in_reply_to="b-1"),
    ]
    lines = [orjson.dumps(e).decode() for e in events] + ["not json"]
    now = dt.datetime(2026, 11, 10, 9, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    rows = due(json_frame(spark, lines), now, rules=["KN302"]).collect()
    real = [r for r in rows if r["error"] is None]
    assert [(r["owner"], r["code"], r["event"]) for r in real] == [("ana", "KN302", "a-1")]
    assert real[0]["overdue_days"] >= 1 and real[0]["reply"]
    # The unreadable line has no owner: it is reported, not silently dropped.
    assert [r["error"] for r in rows if r["error"] is not None] == [
        "no readable events for this owner"]
