"""Peers: the same five profile checks in the rule engines a Python user can pick today.

The five checks of `third_party.py` (KN106, KN201, KN203, KN204, KN205: profile facts,
no text analysis, so every contender does the same work) written for each engine and
run through its Python API, **per event, end to end**: an event dict goes in, the codes
that fire come out.

Contenders:

* `hand_written`: one Python function (`third_party.hand_written`), the floor;
* `knigge`: `Engine.evaluate(event_dict)` with a policy that selects exactly these five
  rules — binding the dict to the attrs model, the plan, findings with their localized
  messages, the score, the decision and the suggested reply included, so it does more
  than any peer; its codes are read from `assessment.findings`;
* `rule_engine` (PyPI `rule-engine`): five `Rule` objects, `Rule.matches` per rule
  per event (its documented use);
* `zen` (PyPI `zen-engine`, GoRules' Rust core): one JSON decision model (JDM), a
  decision table with hit policy `collect` and one row per check, created once with
  `ZenEngine().create_decision` and evaluated with `ZenDecision.evaluate(event)`;
* `cel` (PyPI `common-expression-language`, the Rust `cel` interpreter): one CEL
  expression that returns the list of codes, compiled once with `cel.compile` and run
  with `Program.execute({"ev": event})`;
* `celpy` (PyPI `cel-python`, pure Python): the same CEL expression through
  `celpy.Environment().compile/program` and `Runner.evaluate` with the event
  converted by `celpy.json_to_cel`; it is slow, so it runs on fewer events, paired
  with knigge on the same ones.

Each peer gets its fastest documented shape (one compiled program or decision per event
where the engine allows it). Before timing, every contender must fire exactly the
codes knigge fires on every event (`parity`); a disagreement is reported, and the
figures of a disagreeing contender are not comparable.

`python benchmarks/peers.py [--events N] [--rounds R]` prints the figures as JSON;
`benchmarks/run.py` calls `run` as its section e.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import events  # noqa: E402
import stats  # noqa: E402
import third_party  # noqa: E402

from knigge_engine import Engine  # noqa: E402
from knigge_engine.policy import policy_from_dict  # noqa: E402

CODES = third_party.CODES
Fire = Callable[[dict[str, Any]], list[str]]

# The distributions each contender needs (for the report and the skip messages).
DISTRIBUTIONS = {"rule_engine": "rule-engine", "zen": "zen-engine",
                 "cel": "common-expression-language", "celpy": "cel-python"}
SLOW = frozenset({"celpy"})

_REQUEST_OR_MESSAGE_IN = ("(kind == 'contact_request' or kind == 'message') and "
                          "direction == 'incoming'")

# ZEN expressions (the row conditions of the decision table). A missing key reads as
# null; `matches` takes a Rust regular expression; `and`/`or` short-circuit.
ZEN_ROWS = {
    "KN106": "kind == 'contact_request' and direction == 'outgoing' and "
             "recipient.degree == 2 and recipient.prior_contact == false",
    "KN201": "kind == 'contact_request' and direction == 'incoming' and "
             r"(note == null or matches(note, '^\s*$'))",
    "KN203": "kind == 'contact_request' and direction == 'incoming' and "
             "sender.contacts_visible == false",
    "KN204": f"{_REQUEST_OR_MESSAGE_IN} and sender.contact_count != null and "
             "sender.contact_count > 4000 and sender.recruiter != true and "
             "not (sender.recruiter == null and sender.headline != null and "
             f"matches(lower(sender.headline), '{third_party._RECRUITER_RE}'))",
    "KN205": f"{_REQUEST_OR_MESSAGE_IN} and ((sender.name != null and "
             f"matches(lower(sender.name), '^{third_party._NO_NAME_RE}')) or "
             "sender.has_photo == false)",
}


def zen_decision_model() -> dict[str, Any]:
    """The JSON decision model: input -> decision table (hit policy `collect`, one
    row per check, the row's condition in one input column) -> output."""
    rules = [{"_id": f"r-{code}", "condition": text, "code": f"'{code}'"}
             for code, text in ZEN_ROWS.items()]
    return {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "event", "position": {"x": 0, "y": 0}},
            {"id": "checks", "type": "decisionTableNode", "name": "profile checks",
             "position": {"x": 200, "y": 0},
             "content": {"hitPolicy": "collect", "passThrough": False,
                         "inputs": [{"id": "condition", "name": "condition"}],
                         "outputs": [{"id": "code", "name": "code", "field": "code"}],
                         "rules": rules}},
            {"id": "out", "type": "outputNode", "name": "codes", "position": {"x": 400, "y": 0}},
        ],
        "edges": [{"id": "e1", "sourceId": "in", "targetId": "checks", "type": "edge"},
                  {"id": "e2", "sourceId": "checks", "targetId": "out", "type": "edge"}],
    }


_CEL_REQUEST_OR_MESSAGE_IN = ("(ev.kind == 'contact_request' || ev.kind == 'message') && "
                              "ev.direction == 'incoming'")


def _cel_has(path: str) -> str:
    """A missing key and an explicit null alike (`!= null` is no overload for an int
    in cel-python, so the type is compared)."""
    return f"(has({path}) && type({path}) != null_type)"


# CEL: `has()` tests a key (a missing key is an error in CEL, not null); `matches` is a
# search with RE2 syntax, so anchored; `(?i)` instead of lowering (no lower() in the
# standard library).
CEL_CHECKS = {
    "KN106": "ev.kind == 'contact_request' && ev.direction == 'outgoing' && "
             f"{_cel_has('ev.recipient.degree')} && ev.recipient.degree == 2 && "
             f"{_cel_has('ev.recipient.prior_contact')} && ev.recipient.prior_contact == false",
    "KN201": "ev.kind == 'contact_request' && ev.direction == 'incoming' && "
             f"(!{_cel_has('ev.note')} || ev.note.matches('^\\\\s*$'))",
    "KN203": "ev.kind == 'contact_request' && ev.direction == 'incoming' && "
             f"{_cel_has('ev.sender.contacts_visible')} && "
             "ev.sender.contacts_visible == false",
    "KN204": f"{_CEL_REQUEST_OR_MESSAGE_IN} && {_cel_has('ev.sender.contact_count')} && "
             "ev.sender.contact_count > 4000 && "
             f"!({_cel_has('ev.sender.recruiter')} && ev.sender.recruiter == true) && "
             f"!(!{_cel_has('ev.sender.recruiter')} && {_cel_has('ev.sender.headline')} && "
             "ev.sender.headline.matches('(?i)"
             + third_party._RECRUITER_RE.replace("\\", "\\\\") + "'))",
    "KN205": f"{_CEL_REQUEST_OR_MESSAGE_IN} && (({_cel_has('ev.sender.name')} && "
             "ev.sender.name.matches('(?i)^"
             + third_party._NO_NAME_RE.replace("\\", "\\\\") + "')) || "
             f"({_cel_has('ev.sender.has_photo')} && ev.sender.has_photo == false))",
}
CEL_EXPRESSION = " + ".join(f"(({text}) ? ['{code}'] : [])" for code, text in CEL_CHECKS.items())


# ----------------------------------------------------------------------- contenders


def knigge_engine() -> Engine:
    """The knigge engine with exactly the five checks selected."""
    return Engine(policy_from_dict({"extends": "default", "select": list(CODES)}))


def knigge(engine: Engine | None = None) -> Fire:
    evaluate = (engine or knigge_engine()).evaluate

    def fire(ev: dict[str, Any]) -> list[str]:
        return [f.code for f in evaluate(ev).findings]

    return fire


def hand_written() -> Fire:
    return third_party.hand_written


def rule_engine() -> Fire:
    rules = third_party.rule_engine_rules()

    def fire(ev: dict[str, Any]) -> list[str]:
        return [code for code, rule in rules if rule.matches(ev)]

    return fire


def zen() -> Fire:
    import zen as zen_engine

    evaluate = zen_engine.ZenEngine().create_decision(json.dumps(zen_decision_model())).evaluate

    def fire(ev: dict[str, Any]) -> list[str]:
        return [row["code"] for row in evaluate(ev)["result"]]

    return fire


def cel() -> Fire:
    import cel as cel_rust

    execute = cel_rust.compile(CEL_EXPRESSION).execute

    def fire(ev: dict[str, Any]) -> list[str]:
        return execute({"ev": ev})  # type: ignore[no-any-return]

    return fire


def celpy() -> Fire:
    import celpy as celpy_module

    env = celpy_module.Environment()
    program = env.program(env.compile(CEL_EXPRESSION))
    to_cel = celpy_module.json_to_cel

    def fire(ev: dict[str, Any]) -> list[str]:
        return [str(code) for code in program.evaluate({"ev": to_cel(ev)})]

    return fire


BUILDERS: dict[str, Callable[[], Fire]] = {"hand_written": hand_written,
                                           "rule_engine": rule_engine, "zen": zen,
                                           "cel": cel, "celpy": celpy}


def available(names: Iterable[str] = BUILDERS) -> tuple[dict[str, Fire], dict[str, str]]:
    """The contenders that can be built here, and why the others cannot."""
    built: dict[str, Fire] = {}
    missing: dict[str, str] = {}
    for name in names:
        try:
            built[name] = BUILDERS[name]()
        except ImportError as exc:
            missing[name] = f"{DISTRIBUTIONS.get(name, name)} is not installed ({exc})"
    return built, missing


def sample(n: int) -> list[dict[str, Any]]:
    """`n` benchmark events on the neutral `generic` platform."""
    return [{**d, "platform": "generic"} for d in events.generate(n)]


def parity(dicts: list[dict[str, Any]], reference: Fire,
           contenders: dict[str, Fire]) -> dict[str, dict[str, Any]]:
    """Per contender: on how many events its codes differ from the reference's, with
    a few examples (event id, reference codes, contender codes)."""
    out: dict[str, dict[str, Any]] = {}
    expected = [sorted(reference(d)) for d in dicts]
    for name, fire in contenders.items():
        wrong = []
        for d, want in zip(dicts, expected, strict=True):
            got = sorted(fire(d))
            if got != want:
                wrong.append({"event": d["id"], "knigge": want, name: got})
        out[name] = {"events": len(dicts), "disagreements": len(wrong), "examples": wrong[:3]}
    return out


def fired_counts(dicts: list[dict[str, Any]], fire: Fire) -> dict[str, int]:
    """How often each code fires on `dicts` (so parity is not vacuous)."""
    counts = dict.fromkeys(CODES, 0)
    for d in dicts:
        for code in fire(d):
            counts[code] += 1
    return counts


def _loop(fire: Fire, dicts: list[dict[str, Any]]) -> Callable[[], None]:
    def run() -> None:
        for d in dicts:
            fire(d)

    return run


def run(n: int = 20_000, rounds: int = 5, slow_events: int = 1_000) -> dict[str, Any]:
    """Parity, then paired rounds (CPU time): µs per event of every contender and its
    ratio to `knigge` (contender ÷ knigge: above 1 means knigge is faster)."""
    # The unknown-platform warning, once per engine; restored for whoever runs us next
    # (a test process: a process-wide logging.disable() silenced later tests' warnings).
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        return _run(n, rounds, slow_events)
    finally:
        logging.disable(previous)


def _run(n: int, rounds: int, slow_events: int) -> dict[str, Any]:
    dicts = sample(n)
    engine = knigge_engine()
    reference = knigge(engine)
    peers, missing = available()
    # The slow contenders are checked on fewer events (still every shape of event).
    check = parity(dicts[: min(n, max(slow_events, 2_000))], reference,
                   {k: v for k, v in peers.items() if k in SLOW})
    check.update(parity(dicts, reference, {k: v for k, v in peers.items() if k not in SLOW}))
    fast = {"knigge": reference, **{k: v for k, v in peers.items() if k not in SLOW}}
    samples = stats.paired(rounds, {name: _loop(fire, dicts) for name, fire in fast.items()})
    result: dict[str, Any] = {
        "events": n, "rounds": rounds, "checks": list(CODES),
        "fired": fired_counts(dicts, reference),
        "parity": check,
        "us_per_event": stats.per_event_us(samples, n),
        "ratio_to_knigge": {name: stats.ratio(samples, name, "knigge")
                            for name in fast if name != "knigge"},
        "missing": missing,
    }
    slow = {k: v for k, v in peers.items() if k in SLOW}
    if slow:
        few = dicts[:slow_events]
        slow_samples = stats.paired(max(rounds // 2, 1), {
            "knigge": _loop(reference, few), **{k: _loop(v, few) for k, v in slow.items()}})
        result["slow_events"] = slow_events
        for name in slow:
            result["us_per_event"][name] = stats.describe(slow_samples[name], 1e6 / slow_events)
            result["ratio_to_knigge"][name] = stats.ratio(slow_samples, name, "knigge")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--slow-events", type=int, default=1_000)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.events, args.rounds, args.slow_events), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
