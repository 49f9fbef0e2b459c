"""One engine shared by eight threads gives the same assessments as one thread, over
events of every installed platform: the real notes and messages of the labelled corpus
(mostly LinkedIn), the bundled example inbox (XING, LinkedIn, Facebook) and the same
events moved to every other platform, evaluated with the entry-point plugins installed."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from knigge_engine import Engine

ROOT = Path(__file__).resolve().parent.parent
PLATFORMS = ("generic", "xing", "linkedin", "facebook")


def _events() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted((ROOT / "tests" / "corpus" / "items").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(json.loads(line)["event"])
    for line in (ROOT / "examples" / "inbox.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            found.append(json.loads(line))
    moved = [{**e, "id": f"{e['id']}@{p}", "platform": p}
             for e in found[::3] for p in PLATFORMS if p != e["platform"]]
    return found + moved


@pytest.fixture(scope="module")
def engine() -> Engine:
    engine = Engine()
    missing = set(PLATFORMS) - set(engine.platforms)
    if missing:
        pytest.fail(f"platform plugins not installed: {sorted(missing)}")
    return engine


def test_eight_threads_sharing_one_engine_assess_like_one(engine: Engine) -> None:
    events = _events()
    assert {e["platform"] for e in events} == set(PLATFORMS)
    expected = [a.to_dict() for a in engine.evaluate_many(events)]
    results: dict[int, list[dict[str, Any]]] = {}
    start = threading.Barrier(8)

    def work(n: int) -> None:
        start.wait()
        # Each thread walks the events from a different place, so that different rules
        # and platforms run at the same moment.
        shift = n * len(events) // 8
        order = list(range(shift, len(events))) + list(range(shift))
        got = {i: engine.evaluate(events[i]).to_dict() for i in order}
        results[n] = [got[i] for i in range(len(events))]

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter allows
    try:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert len(results) == 8
    for n, got in results.items():
        diff = [i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b]
        assert not diff, f"thread {n} differs on {[events[i]['id'] for i in diff[:5]]}"
