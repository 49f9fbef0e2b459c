"""Peak memory while streaming: `python rss_child.py N` assesses N generated events
through `Engine.evaluate_many` (dicts in, JSON lines out to the null device) and prints
one JSON object with the peak resident set size (`ru_maxrss`) and the CPU time.

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


def status_kb(field: str) -> int | None:
    """A `/proc/self/status` figure in KiB (Linux), `None` elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (Linux >= 4.0), so that VmHWM afterwards is the
    peak of the streaming alone, not of start-up and engine build."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def main() -> None:
    n = int(sys.argv[1])
    logging.disable(logging.WARNING)
    engine = Engine()
    after_build = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    reset = reset_peak()
    start = time.process_time()
    count = 0
    with open(os.devnull, "wb") as sink:
        for assessment in engine.evaluate_many(generate(n)):
            sink.write(orjson.dumps(assessment.to_dict()) + b"\n")
            count += 1
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"events": count, "maxrss_kb": usage.ru_maxrss,
                      "maxrss_after_build_kb": after_build,
                      "streaming_peak_kb": status_kb("VmHWM") if reset else None,
                      "rss_at_end_kb": status_kb("VmRSS"),
                      "cpu_s": round(time.process_time() - start, 3)}))


if __name__ == "__main__":
    main()
