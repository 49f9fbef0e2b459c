"""Section f: the engine in Spark `local[2]` (`python benchmarks/run.py --spark`).

N generated events are written as JSONL, read with `spark.read.text` (one JSON text
per row), assessed with `knigge_engine.spark.assess` and written to Spark's
`noop` sink, which computes every row and column without storing them. Wall time
from the read to the end of the write, session start excluded (reported separately).
Needs pyspark and a Java runtime.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import events


def run(n: int, tmp: Path, partitions: int = 8) -> dict[str, Any]:
    """Assess `n` events in Spark local[2]; wall seconds and events per second."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return {"skipped": "pyspark is not installed (nox -s bench -- --spark installs it)"}
    from knigge_engine.spark import Counters, assess

    path = events.write_jsonl(tmp / "spark.jsonl", n, bad_every=9973)
    # The baseline in the same run: one `knigge check` process over the same file
    # (JSONL out, judged event by event like assess() without by_owner).
    knigge = Path(sys.executable).with_name("knigge")
    tb = time.perf_counter()
    subprocess.run([str(knigge), "check", str(path), "--format", "jsonl", "-o",
                    str(tmp / "check-out.jsonl"), "--no-run-history", "--fail-on", "never"],
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    check_wall = time.perf_counter() - tb
    os.environ["PYSPARK_PYTHON"] = sys.executable
    t0 = time.perf_counter()
    spark = (SparkSession.builder.master("local[2]").appName("knigge-bench")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.memory", "2g")
             .config("spark.sql.shuffle.partitions", str(partitions))
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - t0
    try:
        df = spark.read.text(str(path)).withColumnRenamed("value", "event")
        df = df.repartition(partitions)
        t1 = time.perf_counter()
        counters = Counters(spark.sparkContext)
        assess(df, counters=counters).write.format("noop").mode("overwrite").save()
        wall = time.perf_counter() - t1
        counts = counters.as_dict()
    finally:
        spark.stop()
    return {"events": n, "master": "local[2]", "partitions": partitions,
            "session_start_s": round(started, 2), "wall_s": round(wall, 2),
            "events_per_s": round(n / wall), "counts": counts,
            "check_one_process_wall_s": round(check_wall, 2),
            "check_one_process_events_per_s": round(n / check_wall),
            "spark_vs_one_process": round(check_wall / wall, 2),
            "note": "read text -> assess (mapInArrow) -> noop write; counts from "
                    "accumulators; baseline: knigge check --no-run-history, jsonl out, "
                    "same file, same run"}
