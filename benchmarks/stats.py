"""Paired timing for the benchmarks: medians and spread, never a single best run.

The machine the benchmarks run on is shared (two cores, other work on them), so every
figure is taken the same way:

* **paired rounds**: each round runs every contender once, back to back, in an order
  that rotates from round to round, so a burst of outside load hits all of them alike;
* **CPU time** of the measuring process (`time.process_time`) where one process does
  the work, or of the child (`RUSAGE_CHILDREN`) for a subprocess; wall time only
  where several processes share the work (`--jobs`, Spark);
* a **ratio** is computed per round (contender ÷ its reference in the same round) and
  reported as the median of those ratios with their spread (min–max), so a slow round
  of one side never pairs with a fast round of the other.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def paired(rounds: int, contenders: Mapping[str, Callable[[], object]],
           clock: Callable[[], float] = time.process_time) -> dict[str, list[float]]:
    """Run every contender once per round, order rotated per round; the seconds of each
    run, per contender, in round order."""
    names = list(contenders)
    samples: dict[str, list[float]] = {name: [0.0] * rounds for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            gc.collect()
            start = clock()
            contenders[name]()
            samples[name][r] = clock() - start
    return samples


def describe(values: Sequence[float], scale: float = 1.0, digits: int = 2) -> dict[str, Any]:
    """Median and spread (min, max) of `values` times `scale`."""
    scaled = [v * scale for v in values]
    return {"median": round(statistics.median(scaled), digits),
            "min": round(min(scaled), digits), "max": round(max(scaled), digits),
            "n": len(scaled)}


def ratio(samples: Mapping[str, Sequence[float]], top: str, bottom: str,
          digits: int = 3) -> dict[str, Any]:
    """`top` ÷ `bottom` per round: median and spread."""
    per_round = [t / b for t, b in zip(samples[top], samples[bottom], strict=True) if b > 0]
    return describe(per_round, digits=digits)


def per_event_us(samples: Mapping[str, Sequence[float]], events: int) -> dict[str, Any]:
    """Microseconds per event of every contender: median and spread."""
    return {name: describe(values, 1e6 / events) for name, values in samples.items()}
