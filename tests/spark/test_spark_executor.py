"""The ``knigge check`` pipeline with its tasks run as Spark tasks (``SparkExecutor``):
the same report bytes and counts as the serial executor in this process.

Skipped cleanly when pyspark is not installed or no Java runtime can start a session."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")

from knigge_engine import Engine  # noqa: E402
from knigge_engine.io import ImportOptions, collect_importers  # noqa: E402
from knigge_engine.io.reporters import JSON, TEXT  # noqa: E402
from knigge_engine.parallel import SparkExecutor, worker_spec  # noqa: E402
from knigge_engine.pipeline import SerialExecutor, Sink, Source, run  # noqa: E402

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime")
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        session = (SparkSession.builder.master("local[2]").appName("knigge-executor")
                   .config("spark.ui.enabled", "false").getOrCreate())
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"no Spark session: {exc}")
    yield session
    session.stop()


def _lines(n: int) -> bytes:
    out = []
    for i in range(n):
        if i % 37 == 5:
            out.append('{"kind": "contact_request", "id": ')
            continue
        other = {"id": f"u-{i % 11}", "name": "Tobias Keller", "contact_count": 6200}
        me = {"id": "me", "name": "Jana Schröder"}
        out.append(json.dumps({
            "kind": "contact_request", "id": f"e-{i}", "platform": "generic",
            "direction": "incoming", "at": "2026-11-02T09:15:00+01:00", "sender": other,
            "recipient": me, "note": "Hallo, gerne vernetzen." if i % 2 else None}))
    return ("\n".join(out) + "\n").encode()


@pytest.mark.parametrize("reporter", [JSON, TEXT], ids=["json", "text"])
def test_spark_tasks_write_the_same_report_as_one_process(spark, tmp_path: Path, reporter):
    path = tmp_path / "in.jsonl"
    path.write_bytes(_lines(600))
    engine = Engine()
    importers = collect_importers(engine.plugins)
    outputs = {}
    for side in ("serial", "spark"):
        target = tmp_path / f"{side}.out"
        with target.open("w", encoding="utf-8") as stream:
            source = Source([str(path)], importers, ImportOptions(), split=side == "spark",
                            task_bytes=8 * 1024)
            sink = Sink(reporter, stream, "en")
            if side == "serial":
                executor: object = SerialExecutor(source, engine, sink)
            else:
                folder = tmp_path / "parts"
                folder.mkdir()
                spec = worker_spec(engine=engine, source=source, sink=sink, explain=False,
                                   folder=str(folder))
                executor = SparkExecutor(spark, spec)
            outcome = run(source, engine, sink, executor=executor)  # type: ignore[arg-type]
        outputs[side] = (target.read_bytes(), outcome.summary, outcome.worst,
                         [str(e) for e in outcome.errors])
    assert outputs["spark"] == outputs["serial"]
    body, summary, _, errors = outputs["serial"]
    assert summary.rejected == len(errors) == 17 and summary.assessed == 583
    assert body
