"""One side of a before/after comparison of two source trees (docs/performance.md,
"The restructuring of issue 14").

Run it once per tree, alternating, with that tree's sources first on the path:

```sh
T=../other-tree
P=$T/src:$T/plugins/knigge-xing/src:$T/plugins/knigge-linkedin/src
PYTHONPATH=$P:$T/plugins/knigge-facebook/src python benchmarks/ab_child.py
```

Prints one JSON line: CPU µs per `Engine.evaluate` of an incoming request without a note
(best of 5 × 20,000 calls) and per event over 20,000 generated events of every kind
(best of 3), no history. The events come from this tree's `benchmarks/events.py`, so
both sides judge the same events.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import events  # noqa: E402

from knigge_engine import Engine  # noqa: E402

NO_NOTE = {
    "kind": "contact_request", "id": "r-1", "platform": "generic", "direction": "incoming",
    "at": "2026-11-02T09:15:00+01:00",
    "sender": {"id": "u-1", "name": "Max Muster", "headline": "Einkauf", "contact_count": 420,
               "mutual_contacts": 3, "degree": 2, "premium": False},
    "recipient": {"id": "me", "name": "Jana Owner"}, "note": None,
}


def best(fn: Callable[[], object], n: int, rounds: int = 5) -> float:
    """The smallest CPU time of `rounds` runs of `fn`, in µs per item of `n`."""
    fastest = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        fn()
        fastest = min(fastest, time.process_time() - start)
    return fastest / n * 1e6


def main() -> None:
    engine = Engine()
    generated = [d for d in events.generate(20_000) if isinstance(d, dict) and "kind" in d]

    def no_note() -> None:
        for _ in range(20_000):
            engine.evaluate(NO_NOTE)

    def mixed() -> None:
        for d in generated:
            try:
                engine.evaluate(d)
            except Exception:  # noqa: BLE001, S112 - malformed generated events count too
                continue

    print(json.dumps({"no_note_us": round(best(no_note, 20_000), 2),
                      "mixed_us": round(best(mixed, len(generated), 3), 2)}))


if __name__ == "__main__":
    main()
