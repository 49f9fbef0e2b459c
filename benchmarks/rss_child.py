"""Peak memory while streaming: ``python rss_child.py N`` assesses N generated events
through ``Engine.evaluate_many`` (dicts in, JSON lines out to the null device) and prints
one JSON object with the peak resident set size (``ru_maxrss``) and the CPU time.

Run in a fresh process per size so that each peak belongs to one stream only."""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import orjson
from events import generate

from knigge_engine import Engine


def main() -> None:
    n = int(sys.argv[1])
    logging.disable(logging.WARNING)
    engine = Engine()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    count = 0
    with open(os.devnull, "wb") as sink:
        for assessment in engine.evaluate_many(generate(n)):
            sink.write(orjson.dumps(assessment.to_dict()) + b"\n")
            count += 1
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"events": count, "maxrss_kb": usage.ru_maxrss,
                      "maxrss_after_build_kb": base,
                      "cpu_s": round(time.process_time() - start, 3)}))


if __name__ == "__main__":
    main()
