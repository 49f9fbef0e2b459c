"""The benchmark harness's contenders are like for like (no timing is asserted here).

Smoke runs of ``benchmarks/peers.py`` (the same five profile checks in rule-engine,
zen-engine, CEL and cel-python) and ``benchmarks/plain.py`` (the plain script) on a
handful of events, checking that every contender fires exactly the codes the engine
fires. A peer whose package is not installed is skipped with the reason; ``nox -s
tests`` installs all of them (and ``nox -s bench`` does for the figures).
"""

from __future__ import annotations

import importlib
import json
import logging
import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import peers  # noqa: E402
import plain  # noqa: E402
import stats  # noqa: E402


@pytest.fixture(autouse=True)
def _logging_back_on():
    # A benchmark run switches warnings off for its whole process (logging.disable);
    # here that process is the test session: switch them back on for later tests.
    yield
    logging.disable(logging.NOTSET)


# The module each peer imports, and the distribution that provides it.
MODULES = {"rule_engine": ("rule_engine", "rule-engine"), "zen": ("zen", "zen-engine"),
           "cel": ("cel", "common-expression-language"), "celpy": ("celpy", "cel-python")}


def _require(peer: str) -> None:
    module, dist = MODULES[peer]
    try:
        mod = importlib.import_module(module)
    except ImportError:
        pytest.skip(f"{dist} is not installed (nox -s tests installs it)")
    if peer == "cel" and not hasattr(mod, "compile"):
        pytest.skip("the installed 'cel' module is not common-expression-language's")


def _event(kind: str, direction: str, *, sender: dict[str, Any] | None = None,
           recipient: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    me = {"id": "me", "name": "Jana Schröder"}
    other = {"id": "u-1", "name": "Tobias Keller"}
    ev = {"kind": kind, "id": f"e-{len(extra)}-{kind}-{direction}", "platform": "generic",
          "direction": direction, "at": "2026-11-20T09:30:00+01:00",
          "sender": {**(other if direction == "incoming" else me), **(sender or {})},
          "recipient": {**(me if direction == "incoming" else other), **(recipient or {})}}
    ev.update(extra)
    return ev


# One event per code (and per edge of its condition), plus ones where nothing fires.
EDGES = [
    _event("contact_request", "outgoing", recipient={"degree": 2, "prior_contact": False},
           note="Hallo Tobias, wir kennen uns vom Barcamp."),           # KN106
    _event("contact_request", "outgoing", recipient={"degree": 2}, note=None),  # unknown
    _event("contact_request", "incoming", note=None),                  # KN201
    _event("contact_request", "incoming", note="   "),                 # KN201 (blank)
    _event("contact_request", "incoming"),                             # KN201 (no key)
    _event("contact_request", "incoming", note="Hi Jana, we met at PyCon.",
           sender={"contacts_visible": False}),                        # KN203
    _event("message", "incoming", text="Hallo!", sender={"contacts_visible": False}),
    _event("contact_request", "incoming", note="Hello Jana, I'm Tom.",
           sender={"contact_count": 9000}),                            # KN204
    _event("contact_request", "incoming", note="Hello Jana, I'm Tom.",
           sender={"contact_count": 9000, "headline": "Senior Recruiter"}),
    _event("contact_request", "incoming", note="Hello Jana, I'm Tom.",
           sender={"contact_count": 9000, "headline": "Senior Recruiter",
                   "recruiter": False}),                               # KN204 by the flag
    _event("contact_request", "incoming", note="Hello Jana, I'm Tom.",
           sender={"contact_count": None}),
    _event("message", "incoming", text="Hallo Jana", sender={"name": "K."}),  # KN205
    _event("contact_request", "incoming", note="Hallo", sender={"name": " member "}),
    _event("contact_request", "incoming", note="Hallo", sender={"has_photo": False}),
    _event("contact_request", "incoming", note="Hallo", sender={"name": None,
                                                                 "has_photo": True}),
    _event("profile_view", "incoming"),
    _event("request_resolved", "outgoing", request="e-1", outcome="accepted"),
]


def _events(n: int = 150) -> list[dict[str, Any]]:
    return EDGES + peers.sample(n)


@pytest.mark.parametrize("peer", sorted(MODULES))
def test_peer_fires_what_knigge_fires(peer: str) -> None:
    _require(peer)
    fire = peers.BUILDERS[peer]()
    reference = peers.knigge()
    dicts = _events()
    check = peers.parity(dicts, reference, {peer: fire})[peer]
    assert check["events"] == len(dicts)
    assert check["disagreements"] == 0, check["examples"]
    # Not vacuous: every check fires somewhere, on the edge events alone too.
    assert all(peers.fired_counts(EDGES, fire).values())


def test_hand_written_fires_what_knigge_fires() -> None:
    check = peers.parity(_events(), peers.knigge(), {"hand": peers.hand_written()})["hand"]
    assert check["disagreements"] == 0, check["examples"]


def test_parity_reports_a_disagreement() -> None:
    """The check can fail: a contender that misses KN205 is caught, with an example."""
    def broken(ev: dict[str, Any]) -> list[str]:
        return [c for c in peers.third_party.hand_written(ev) if c != "KN205"]

    check = peers.parity(EDGES, peers.knigge(), {"broken": broken})["broken"]
    assert check["disagreements"] >= 3
    assert check["examples"][0]["knigge"] != check["examples"][0]["broken"]


def test_peers_run_smoke() -> None:
    result = peers.run(40, rounds=1, slow_events=5)
    installed = {p for p in MODULES if p not in result["missing"]}
    assert set(result["ratio_to_knigge"]) == {"hand_written", *installed}
    assert all(v["disagreements"] == 0 for v in result["parity"].values())
    assert all(v["median"] > 0 for v in result["us_per_event"].values())
    assert set(result["missing"]) == set(MODULES) - installed


def test_zen_decision_model_is_a_collect_table_with_one_row_per_check() -> None:
    model = peers.zen_decision_model()
    table = next(n for n in model["nodes"] if n["type"] == "decisionTableNode")
    assert table["content"]["hitPolicy"] == "collect"
    assert [r["code"] for r in table["content"]["rules"]] == [f"'{c}'" for c in peers.CODES]
    json.dumps(model)  # plain JSON


def test_plain_script_fires_what_the_engine_fires(tmp_path: Path) -> None:
    """The lighter baseline: the engine's KN codes and weights on the generic platform,
    as code and weight only, through its own process entry point too."""
    from knigge_engine import Engine

    engine = Engine()
    dicts = [{**d, "platform": "generic"} for d in peers.events.generate(300)] + EDGES
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in dicts) + "\n")
    out = tmp_path / "out.jsonl"
    assert plain.main([str(src), str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == len(dicts)
    fired = 0
    for d, row in zip(dicts, rows, strict=True):
        want = sorted((f.code, f.weight) for f in engine.evaluate(d).findings
                      if f.code.startswith("KN"))
        assert row["event"] == d["id"]
        assert all(set(f) == {"code", "weight"} for f in row["findings"])
        assert sorted((f["code"], f["weight"]) for f in row["findings"]) == want, d["id"]
        fired += bool(want)
    assert fired > 100


def test_plain_script_counts_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"kind": "contact_request", "id": \n' + json.dumps(EDGES[0]) + "\n")
    out = tmp_path / "out.jsonl"
    assert plain.main([str(src), str(out)]) == 2
    assert len(out.read_text().splitlines()) == 1


def test_paired_rotates_and_ratios_are_per_round() -> None:
    order: list[str] = []
    ticks = iter(range(1000))
    samples = stats.paired(3, {"a": lambda: order.append("a"), "b": lambda: order.append("b")},
                           clock=lambda: float(next(ticks)))
    assert order == ["a", "b", "b", "a", "a", "b"]
    assert all(len(v) == 3 for v in samples.values())
    r = stats.ratio({"x": [2.0, 4.0, 9.0], "y": [1.0, 1.0, 3.0]}, "x", "y")
    assert r == {"median": 3.0, "min": 2.0, "max": 4.0, "n": 3}


def test_run_writes_summary_json_and_markdown(tmp_path: Path) -> None:
    import run

    assert run.main(["--quick", "--only", "h,parity", "--events", "40",
                     "--no-note-calls", "30", "--out", str(tmp_path)]) == 0
    data = json.loads((tmp_path / "latest.json").read_text())
    figures = {row["figure"]: row for row in data["summary"]}
    row = figures["Engine.evaluate, incoming request without a note"]
    assert row["target"] == "≤ 6" and row["min"] <= row["median"] <= row["max"]
    assert data["parity"]["baseline"]["rule_mismatches"] == 0
    assert data["parity"]["plain"]["code_or_weight_mismatches"] == 0
    md = (tmp_path / "latest.md").read_text()
    assert "cores" in md and "Engine.evaluate, incoming request without a note" in md
    assert data["h_no_note"]["findings"] and data["h_no_note"]["action"]
