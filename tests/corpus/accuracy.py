"""Accuracy of knigge_engine on the labelled real-world corpus (``tests/corpus``).

Run as ``nox -s accuracy`` (or ``python tests/corpus/accuracy.py [OUT_DIR]``): evaluates
every labelled item with the installed engine and plugins (default policy), compares the
codes that fired with the labels, and writes ``accuracy.json`` and ``accuracy.md`` to
``build/`` (or OUT_DIR). ``tests/test_accuracy.py`` imports :func:`measure` and keeps a
regression floor.

Definitions (docs/accuracy.md):

- an item's labels name, for every code that applies to it, ``must`` (the rule must
  fire), ``must_not`` or ``unsure``; a code not named does not apply and is ignored;
- **precision** of a rule: of its reports on items that label it ``must`` or
  ``must_not``, the share on ``must`` (reports on ``unsure`` count neither way);
- **recall**: of its ``must`` labels, the share it reported;
- **no-false-alarm**: of all ``must_not`` labels, the share not reported;
- **due**: for each export with a ``due.json``, the export is read by the platform's
  importer (the real one, through the engine's importer hook), recorded in an in-memory
  history, and ``Engine.due`` runs at the file's ``now`` with no horizon; an item
  listed for (code, person) is a report. ``contradictions`` counts people listed both
  as pending (KN301) and as accepted (KN306).

Held-out sets: every ``heldout*/`` folder with an ``items/`` folder (``heldout``,
``heldout2``, …) is measured like the corpus and reported in a section of its own
(``heldouts`` in the JSON; ``heldout`` is kept as the first set's key).

Items are evaluated per source against an in-memory history of all events of that
source (as ``knigge check`` does within one run), so history rules see what the source
shows. Items the engine rejects are counted and explained, never dropped.
"""

from __future__ import annotations

import datetime as _dt
import inspect
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from knigge_engine import Engine, EventError, InMemoryHistory
from knigge_engine.model import event_from_dict

HERE = Path(__file__).resolve().parent
ITEMS = HERE / "items"
HELDOUT = HERE / "heldout" / "items"
#: Every ``heldout*/`` directory with an ``items/`` folder is a held-out set of its own
#: (``heldout`` = the first, ``heldout2`` = the second, …): never used for tuning, each
#: measured and reported separately.
HELDOUT_GLOB = "heldout*"
EXPORTS = HERE / "exports"

#: The languages the text heuristics read (docs/accuracy.md): the targets apply to
#: items in these; items in other languages are measured and reported separately (the
#: engine is silent there by design: a language it cannot read is no evidence).
READ_LANGUAGES = ("de", "en")

#: Codes reported per item are compared only where the item labels them.
_KINDS = ("must", "must_not", "unsure")


def load_items(root: Path = ITEMS) -> list[dict[str, Any]]:
    """Every labelled item, in file then line order; a line that is not JSON raises
    with its file and line (the corpus is ours: a broken line is a bug to fix)."""
    items: list[dict[str, Any]] = []
    for path in sorted(root.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name}:{number}: not JSON: {exc}") from None
            item["_where"] = f"{path.name}:{number}"
            items.append(item)
    return items


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


class _Tally:
    __slots__ = ("fn", "fp", "must", "must_not", "tp", "unsure_fired")

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.unsure_fired = self.must = self.must_not = 0

    def add(self, label: str, fired: bool) -> None:
        if label == "must":
            self.must += 1
            if fired:
                self.tp += 1
            else:
                self.fn += 1
        elif label == "must_not":
            self.must_not += 1
            if fired:
                self.fp += 1
        elif fired:
            self.unsure_fired += 1

    def as_dict(self) -> dict[str, Any]:
        return {"must": self.must, "must_not": self.must_not, "tp": self.tp, "fp": self.fp,
                "fn": self.fn, "unsure_fired": self.unsure_fired,
                "labels": self.must + self.must_not,
                "precision": _ratio(self.tp, self.tp + self.fp),
                "recall": _ratio(self.tp, self.must),
                "no_false_alarm": _ratio(self.must_not - self.fp, self.must_not)}


def _evaluate_items(engine: Engine, items: list[dict[str, Any]]) -> tuple[
        dict[str, set[str]], list[dict[str, str]]]:
    """``{item id: codes fired}`` and the rejected items (with the reason)."""
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_source[item.get("source", "?")].append(item)
    fired: dict[str, set[str]] = {}
    rejected: list[dict[str, str]] = []
    for source_items in by_source.values():
        events = []
        for item in source_items:
            try:
                events.append((item, event_from_dict(item["event"])))
            except (EventError, KeyError, TypeError, ValueError) as exc:
                rejected.append({"item": item.get("item", "?"), "where": item["_where"],
                                 "reason": str(exc)[:200]})
        history = InMemoryHistory(e for _, e in events)
        for item, event in events:
            assessment = engine.evaluate(event, history=history)
            fired[item["item"]] = {f.code for f in assessment.findings}
    return fired, rejected


def _due(engine: Engine) -> dict[str, Any]:
    """Due precision and recall over the exports that have a ``due.json``."""
    from knigge_engine.io import ImportOptions, InputError, collect_importers, read_paths

    importers = collect_importers(engine.plugins)
    per_code: dict[str, _Tally] = defaultdict(_Tally)
    contradictions = 0
    exports: list[dict[str, Any]] = []
    for labels_path in sorted(EXPORTS.glob("*/due.json")):
        folder = labels_path.parent
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        now = _dt.datetime.fromisoformat(labels["now"])
        options = ImportOptions(owner=labels.get("owner"), timezone=labels.get("timezone", "UTC"))
        events, errors = [], []
        for item in read_paths([str(folder)], importers, options):
            (errors if isinstance(item, InputError) else events).append(item)
        history = InMemoryHistory(events)
        if "horizon_days" in inspect.signature(engine.due).parameters:
            listed = engine.due(now, history, horizon_days=0)
        else:  # an engine from before the horizon (for "before" figures)
            listed = engine.due(now, history)
        found: dict[tuple[str, str], Any] = {}
        for due_item in listed:
            who = due_item.party_name or due_item.party or ""
            found[(due_item.code, who)] = due_item
        pending = {who for code, who in found if code == "KN301"}
        accepted = {who for code, who in found if code == "KN306"}
        both = sorted(pending & accepted)
        contradictions += len(both)
        wrong: list[str] = []
        for kind in ("must", "must_not"):
            for label in labels.get(kind, ()):
                key = (label["code"], label["who"])
                hit = key in found
                per_code[label["code"]].add(kind, hit)
                if (kind == "must") != hit:
                    wrong.append(f"{kind} {label['code']} {label['who']}")
        exports.append({"export": folder.name, "events": len(events), "errors": len(errors),
                        "error_reasons": sorted({str(e)[:160] for e in errors})[:10],
                        "listed": len(listed), "contradictions": both, "wrong": wrong})
    total = _Tally()
    for tally in per_code.values():
        total.tp += tally.tp
        total.fp += tally.fp
        total.fn += tally.fn
        total.must += tally.must
        total.must_not += tally.must_not
    return {"per_code": {c: t.as_dict() for c, t in sorted(per_code.items())},
            "total": total.as_dict(), "contradictions": contradictions, "exports": exports}


def heldout_sets(root: Path = HERE) -> dict[str, Path]:
    """``{set name: items folder}`` for every held-out set (``heldout*/items``), by name."""
    return {d.name: d / "items" for d in sorted(root.glob(HELDOUT_GLOB))
            if (d / "items").is_dir()}


def measure(engine: Engine | None = None) -> dict[str, Any]:
    """Evaluate the corpus; the figures as a JSON-ready dict. ``heldouts`` holds the same
    figures for each held-out set (``heldout/``, ``heldout2/``, …), which were never used
    for tuning; ``heldout`` is the first of them (kept under its old key)."""
    engine = engine or Engine()
    result = _measure_items(engine, load_items())
    result["due"] = _due(engine)
    heldouts: dict[str, Any] = {}
    for name, folder in heldout_sets().items():
        held = load_items(folder)
        heldouts[name] = _measure_items(engine, held) if held else None
    result["heldouts"] = heldouts
    result["heldout"] = heldouts.get("heldout")
    return result


def _measure_items(engine: Engine, items: list[dict[str, Any]]) -> dict[str, Any]:
    fired, rejected = _evaluate_items(engine, items)
    per_rule: dict[str, _Tally] = defaultdict(_Tally)
    per_rule_read: dict[str, _Tally] = defaultdict(_Tally)
    read_overall = _Tally()
    per_language: dict[str, _Tally] = defaultdict(_Tally)
    per_platform: dict[str, _Tally] = defaultdict(_Tally)
    overall = _Tally()
    mistakes: list[dict[str, Any]] = []
    for item in items:
        codes = fired.get(item["item"])
        if codes is None:
            continue
        lang = item.get("language") or "und"
        platform = item["event"].get("platform", "?")
        for kind in _KINDS:
            for code in item.get(kind, ()):
                hit = code in codes
                tallies = [per_rule[code], per_language[lang], per_platform[platform],
                           overall]
                if lang in READ_LANGUAGES:
                    tallies += [per_rule_read[code], read_overall]
                for tally in tallies:
                    tally.add(kind, hit)
                if kind != "unsure" and hit != (kind == "must"):
                    mistakes.append({"item": item["item"], "where": item["_where"],
                                     "code": code, "label": kind, "fired": hit,
                                     "why": item.get("why", {}).get(code, "")})
    sources = sorted({i.get("source", "?") for i in items})
    return {
        "items": len(items),
        "evaluated": len(fired),
        "rejected": rejected,
        "sources": len(sources),
        "languages": dict(sorted(_count(i.get("language") or "und" for i in items).items())),
        "quoted": sum(1 for i in items if i.get("quoted")),
        "per_rule": {c: t.as_dict() for c, t in sorted(per_rule.items())},
        "per_rule_read": {c: t.as_dict() for c, t in sorted(per_rule_read.items())},
        "read_overall": read_overall.as_dict(),
        "per_language": {c: t.as_dict() for c, t in sorted(per_language.items())},
        "per_platform": {c: t.as_dict() for c, t in sorted(per_platform.items())},
        "overall": overall.as_dict(),
        "mistakes": mistakes,
    }


def _count(values: Any) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for v in values:
        out[v] += 1
    return dict(out)


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def markdown(result: dict[str, Any]) -> str:
    """The figures as a Markdown report."""
    lines = [
        "# Accuracy on the labelled corpus", "",
        f"{result['items']} items from {result['sources']} sources "
        f"({result['quoted']} quoted examples), {result['evaluated']} evaluated, "
        f"{len(result['rejected'])} rejected. Languages: "
        + ", ".join(f"{k} {v}" for k, v in result["languages"].items()) + ".", "",
        f"Overall: precision {_fmt(result['overall']['precision'])}, recall "
        f"{_fmt(result['overall']['recall'])}, no-false-alarm on must-not labels "
        f"{_fmt(result['overall']['no_false_alarm'])}.", "",
        f"German and English items (the languages the heuristics read): precision "
        f"{_fmt(result['read_overall']['precision'])}, recall "
        f"{_fmt(result['read_overall']['recall'])}, no-false-alarm "
        f"{_fmt(result['read_overall']['no_false_alarm'])}.", "",
    ]
    for title, key in (("Per rule, German and English items", "per_rule_read"),
                       ("Per rule, all items", "per_rule")):
        lines += [f"## {title}", "",
                  "| rule | must | must not | reported on must | on must not | precision | "
                  "recall |", "|---|---|---|---|---|---|---|"]
        for code, t in result[key].items():
            lines.append(f"| {code} | {t['must']} | {t['must_not']} | {t['tp']} | {t['fp']} | "
                         f"{_fmt(t['precision'])} | {_fmt(t['recall'])} |")
        lines.append("")
    for title, key in (("Per language", "per_language"), ("Per platform", "per_platform")):
        lines += [f"## {title}", "", "| | labels | precision | recall | no-false-alarm |",
                  "|---|---|---|---|---|"]
        for name, t in result[key].items():
            lines.append(f"| {name} | {t['labels']} | {_fmt(t['precision'])} | "
                         f"{_fmt(t['recall'])} | {_fmt(t['no_false_alarm'])} |")
    for name, held in (result.get("heldouts") or {}).items():
        if not held:
            continue
        lines += ["", f"## Held-out set `{name}` (never used for tuning)", "",
                  f"{held['items']} items from {held['sources']} sources "
                  f"({held['quoted']} quoted), {held['evaluated']} evaluated, "
                  f"{len(held['rejected'])} rejected. Languages: "
                  + ", ".join(f"{k} {v}" for k, v in held["languages"].items()) + ". "
                  f"German and English: "
                  f"precision {_fmt(held['read_overall']['precision'])}, recall "
                  f"{_fmt(held['read_overall']['recall'])}, no-false-alarm "
                  f"{_fmt(held['read_overall']['no_false_alarm'])}; all items: "
                  f"no-false-alarm {_fmt(held['overall']['no_false_alarm'])}.", "",
                  "| rule | must | must not | reported on must | on must not | precision | "
                  "recall |", "|---|---|---|---|---|---|---|"]
        for code, t in held["per_rule_read"].items():
            lines.append(f"| {code} | {t['must']} | {t['must_not']} | {t['tp']} | {t['fp']} | "
                         f"{_fmt(t['precision'])} | {_fmt(t['recall'])} |")
        if held["rejected"]:
            lines += [""] + [f"- rejected {r['item']} ({r['where']}): {r['reason']}"
                             for r in held["rejected"]]
    due = result["due"]
    lines += ["", "## Follow-through (`due`) on the exports", "",
              f"Precision {_fmt(due['total']['precision'])}, recall "
              f"{_fmt(due['total']['recall'])}, people both pending and accepted: "
              f"{due['contradictions']}.", "",
              "| rule | must | must not | precision | recall |", "|---|---|---|---|---|"]
    for code, t in due["per_code"].items():
        lines.append(f"| {code} | {t['must']} | {t['must_not']} | {_fmt(t['precision'])} | "
                     f"{_fmt(t['recall'])} |")
    if result["rejected"]:
        lines += ["", "## Rejected items", ""]
        lines += [f"- {r['item']} ({r['where']}): {r['reason']}" for r in result["rejected"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("build")
    out.mkdir(parents=True, exist_ok=True)
    result = measure()
    # The mistakes quote no text, only item ids and codes; still, the corpus is
    # pseudonymised public material, so the report may be shared.
    (out / "accuracy.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    report = markdown(result)
    (out / "accuracy.md").write_text(report, encoding="utf-8")
    print(report)
    print(f"written: {out / 'accuracy.json'}, {out / 'accuracy.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
