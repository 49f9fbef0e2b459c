"""The benchmarks (`nox -s bench`; `python benchmarks/run.py [--quick] [--spark]`).

Every figure is a RATIO against a reference measured in the same run, on the same
events, in the same process (or the same kind of process), never an absolute time
asserted anywhere. One run reports every figure of the speed issue (issue 12) in its
`summary`, each with its target. Sections:

a. `Engine.evaluate_many` over N event dicts (default policy) vs the like-for-like
   baseline function (`baseline.py`) and the plain one (`plain.py`) over the same
   dicts;
b. JSONL in -> JSONL out, the whole path: in-process, and as processes
   (`knigge check FILE --format jsonl --no-run-history` vs `python baseline.py` and
   `python plain.py`; the default `--run-history` as a further figure);
c. peak RSS while streaming 1,000,000 vs 100,000 events (fresh subprocess per size);
d. `knigge check --jobs 2` vs `--jobs 1`, paired runs, with and without the run's
   history (median wall-time ratio and spread, CPU time; outputs must be identical);
e. peers (`peers.py`): the same five profile checks in `rule-engine`, `zen-engine`
   (GoRules), `common-expression-language` (CEL, Rust) and `cel-python`, per event
   through their Python APIs, vs `Engine.evaluate`; parity of the fired codes first;
f. (`--spark`) Spark `local[2]` over a DataFrame of JSON strings;
g. adversarial text: one event with a 1 MB note (incoming and outgoing), name or
   headline of each shape in `adversarial.py`, as a ratio to one event with a typical
   note (and in ms, for the 50 ms budget; a figure, never an assertion); and the
   Facebook importer's bracket scan of 1 MB message files too deep to parse;
h. `Engine.evaluate` of an incoming contact request without a note (no text to
   analyse), in µs: one fixed event, and the generated ones of that shape;
s. start-up: `import knigge_engine` (whole process, and `-X importtime`) and
   `knigge check` of a one-event file, wall time, against `python -c pass`;
startup. the detailed start-up run (`startup.py`): import, engine, one-event checks with
   and without a note and with cold patterns, the slowest imports;
plus a like-for-like check that both baselines fire the same rules as the engine, and a
profile of where the engine's time goes.

Timing (`stats.py`): paired rounds — every contender once per round, the order
rotated — and medians with their spread (min–max); ratios are taken per round and their
median reported. CPU seconds (`time.process_time`, or the children's rusage for a
subprocess) where one process does the work, which holds up on a shared machine; wall
seconds where several processes do (`--jobs`, Spark) and for start-up. Results go to
`bench-results/bench-<time>.json` and `.md` and `bench-results/latest.json` and
`.md` (the directory is git-ignored: figures belong to a machine and a moment;
`docs/performance.md` quotes the runs it reports, with their machine).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import json
import logging
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import adversarial  # noqa: E402
import baseline  # noqa: E402
import events  # noqa: E402
import orjson  # noqa: E402
import peers  # noqa: E402
import plain  # noqa: E402
import startup  # noqa: E402
import stats  # noqa: E402

from knigge_engine import Engine  # noqa: E402
from knigge_engine.io.formats import read_jsonl_stream  # noqa: E402
from knigge_engine.io.reporters import JSONL as JSONL_REPORTER  # noqa: E402
from knigge_engine.model import event_from_dict  # noqa: E402

PY = sys.executable
KNIGGE = [PY, "-m", "knigge_engine.cli"]
#: `knigge` run so that it reports its own CPU and its workers' (`cpu_child.py`).
KNIGGE_CPU = [PY, str(HERE / "cpu_child.py")]


def log(msg: str) -> None:
    """Progress on standard error."""
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def best_of(repeat: int, *contenders: Callable[[], None]) -> list[float]:
    """Median CPU seconds of each contender over `repeat` paired rounds (the name is
    historical: the figures are medians of paired rounds, see `stats.py`)."""
    samples = stats.paired(repeat, {str(i): fn for i, fn in enumerate(contenders)})
    return [statistics.median(samples[str(i)]) for i in range(len(contenders))]



def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) // 1024 // 1024} GiB"
    except OSError:
        pass

    def version(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    engine = Engine()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "load_average_at_start": os.getloadavg(),
        "versions": {d: version(d) for d in ("knigge-engine", "orjson", "attrs", "cattrs",
                                              "pluggy", "rule-engine", "pyspark")},
        "plugins": engine.plugins.names(),
        "platforms": sorted(engine.platforms),
    }


# ----------------------------------------------------------------------- sections


PARITY_NOTE = ("events of the generic platform (whose capabilities the baselines "
               "hard-code); KN codes compared as sets")


def parity(n: int) -> dict[str, Any]:
    """The baselines fire the same KN rules as the engine on the events of the
    `generic` platform (whose capabilities they hard-code). The like-for-like baseline
    also gives the same action and the same whole output: findings (message, evidence,
    span), score, action and reply (`output_mismatches`); the plain one emits codes and
    weights only, so its codes and weights are compared."""
    engine = Engine()
    compared = mismatched = actions = outputs = plain_codes = plain_weights = 0
    examples: list[dict[str, Any]] = []
    for ev in events.generate(n):
        ev["platform"] = "generic"
        a = engine.evaluate(ev)
        ours = sorted(f.code for f in a.findings if f.code.startswith("KN"))
        theirs = baseline.assess(ev)
        compared += 1
        if ours != sorted(f["code"] for f in theirs["findings"]):
            mismatched += 1
            if len(examples) < 3:
                examples.append({"event": ev["id"], "engine": ours,
                                 "baseline": sorted(f["code"] for f in theirs["findings"])})
        if (a.action.value if a.action else None) != theirs["action"]:
            actions += 1
        full = a.to_dict()
        full["findings"] = [{k: v for k, v in f.items() if k != "plugin"}
                            for f in full["findings"] if f["code"].startswith("KN")]
        if full != theirs:
            outputs += 1
        light = orjson.loads(plain.check_line(orjson.dumps(ev)))["findings"]
        if ours != sorted(f["code"] for f in light):
            plain_codes += 1
        if sorted((f.code, f.weight) for f in a.findings if f.code.startswith("KN")) != sorted(
                (f["code"], f["weight"]) for f in light):
            plain_weights += 1
    return {"events": compared, "note": PARITY_NOTE,
            "baseline": {"rule_mismatches": mismatched, "action_mismatches": actions,
                         "output_mismatches": outputs, "examples": examples},
            "plain": {"code_mismatches": plain_codes, "code_or_weight_mismatches":
                      plain_weights}}


def section_a(n: int, repeat: int) -> dict[str, Any]:
    """evaluate_many over dicts vs the baseline functions over the same dicts."""
    engine = Engine()
    dicts = list(events.generate(n))
    bound = [event_from_dict(d) for d in dicts]
    texts = [e.text for e in bound if e.text is not None]
    analyse = engine.analyse

    def run_engine() -> None:
        for _ in engine.evaluate_many(dicts):
            pass

    def run_bound() -> None:
        for _ in engine.evaluate_many(bound):
            pass

    def run_baseline() -> None:
        assess = baseline.assess
        for d in dicts:
            assess(d)

    def run_plain() -> None:
        codes = plain.codes
        for d in dicts:
            codes(d)

    def run_text() -> None:
        for t in texts:
            analyse(t)

    def run_bind() -> None:
        for d in dicts:
            event_from_dict(d)

    samples = stats.paired(repeat, {"engine": run_engine, "baseline": run_baseline,
                                    "plain": run_plain, "bound": run_bound,
                                    "text": run_text, "bind": run_bind})
    us = stats.per_event_us(samples, n)
    med = {k: statistics.median(v) for k, v in samples.items()}
    return {
        "events": n,
        "us_per_event": us,
        "engine_us_per_event": us["engine"]["median"],
        "baseline_us_per_event": us["baseline"]["median"],
        "plain_us_per_event": us["plain"]["median"],
        "ratio": stats.ratio(samples, "engine", "baseline"),
        "ratio_to_plain": stats.ratio(samples, "engine", "plain"),
        "engine_events_per_s": round(n / med["engine"]),
        "parts_us_per_event": {
            "bind_dict_to_model": us["bind"]["median"],
            "text_analysis": us["text"]["median"],
            "evaluate_bound_events": us["bound"]["median"],
        },
        "texts_analysed": len(texts),
        "text_us_per_text": round(med["text"] * 1e6 / max(len(texts), 1), 2),
    }


def engine_jsonl_path(engine: Engine, path: Path, sink: io.StringIO) -> None:
    """The `knigge check --format jsonl` loop without the command line around it."""
    writer = JSONL_REPORTER.open(sink, "en")
    evaluate = engine.evaluate
    with path.open("rb") as stream:
        for item in read_jsonl_stream(stream, str(path)):
            if type(item).__name__ == "InputError":
                writer.error(item)
                continue
            # The reader yields Located (event and line), as pipeline.run_task reads it.
            writer.assessment(evaluate(item.event, source=str(item)), item.event)


def baseline_jsonl_path(path: Path, sink: io.StringIO,
                        assess_line: Callable[[bytes], str] = baseline.assess_line) -> None:
    """A baseline's whole path: `json.loads` -> checks -> `json.dumps` per line."""
    with path.open("rb") as stream:
        for raw in stream:
            if raw.strip():
                sink.write(assess_line(raw) + "\n")


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(cmd: list[str], **kw: Any) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds, result) of one child process."""
    cpu0 = child_cpu()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, check=False, **kw)
    return time.perf_counter() - t0, child_cpu() - cpu0, proc


def paired_processes(rounds: int, commands: dict[str, list[str]],
                     ok: tuple[int, ...] = (0, 1)) -> dict[str, dict[str, list[float]]]:
    """Run each command once per round (order rotated); CPU and wall seconds of each."""
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    wall: dict[str, list[float]] = {k: [] for k in commands}
    names = list(commands)
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            w, c, proc = run_process(commands[name])
            if proc.returncode not in ok:
                raise RuntimeError(f"{name} failed ({proc.returncode}): "
                                   f"{proc.stderr.decode(errors='replace')[-500:]}")
            cpu[name].append(c)
            wall[name].append(w)
    return {"cpu": cpu, "wall": wall}


def section_b(path: Path, n: int, repeat: int, tmp: Path) -> dict[str, Any]:
    """JSONL in -> JSONL out, in-process and as processes."""
    engine = Engine()
    sinks = [io.StringIO(), io.StringIO(), io.StringIO()]

    def run_engine() -> None:
        sinks[0] = io.StringIO()
        engine_jsonl_path(engine, path, sinks[0])

    def run_baseline() -> None:
        sinks[1] = io.StringIO()
        baseline_jsonl_path(path, sinks[1])

    def run_plain() -> None:
        sinks[2] = io.StringIO()
        baseline_jsonl_path(path, sinks[2], plain.check_line)

    samples = stats.paired(repeat, {"engine": run_engine, "baseline": run_baseline,
                                    "plain": run_plain})
    out_bytes = [len(s.getvalue().encode()) for s in sinks]
    us = stats.per_event_us(samples, n)
    in_process = {
        "us_per_event": us,
        "engine_us_per_event": us["engine"]["median"],
        "baseline_us_per_event": us["baseline"]["median"],
        "plain_us_per_event": us["plain"]["median"],
        "ratio": stats.ratio(samples, "engine", "baseline"),
        "ratio_to_plain": stats.ratio(samples, "engine", "plain"),
        "engine_events_per_s": round(n / statistics.median(samples["engine"])),
        "output_bytes": {"engine": out_bytes[0], "baseline": out_bytes[1],
                         "plain": out_bytes[2]},
    }
    # As processes: interpreter start, imports and engine build included. The
    # baselines have no history, so knigge runs with --no-run-history for the ratios;
    # the default (a run history in memory: KN110, conversation openers) is reported too.
    out = tmp / "b-out.jsonl"
    check = [*KNIGGE, "check", str(path), "--format", "jsonl", "--fail-on", "never",
             "--no-progress", "-o", str(out)]
    runs = paired_processes(max(repeat, 3), {
        "knigge_check": [*check, "--no-run-history"],
        "baseline": [PY, str(HERE / "baseline.py"), str(path), str(tmp / "b-base.jsonl")],
        "plain": [PY, str(HERE / "plain.py"), str(path), str(tmp / "b-plain.jsonl")],
        "knigge_check_run_history": check,
    }, ok=(0, 1, 2))
    cpu, wall = runs["cpu"], runs["wall"]
    processes = {
        "rounds": len(cpu["plain"]),
        "cpu_us_per_event": stats.per_event_us(cpu, n),
        "wall_s": {k: stats.describe(v) for k, v in wall.items()},
        "ratio_cpu": stats.ratio(cpu, "knigge_check", "baseline"),
        "ratio_cpu_to_plain": stats.ratio(cpu, "knigge_check", "plain"),
        "ratio_wall": stats.ratio(wall, "knigge_check", "baseline"),
        "ratio_wall_to_plain": stats.ratio(wall, "knigge_check", "plain"),
        "run_history_ratio_cpu_to_no_run_history": stats.ratio(
            cpu, "knigge_check_run_history", "knigge_check"),
        "knigge_check_events_per_s": round(n / statistics.median(wall["knigge_check"])),
        "command": " ".join(["knigge", *check[3:], "--no-run-history"]),
    }
    return {"events": n, "in_process": in_process, "processes": processes}


def section_c(small: int, large: int) -> dict[str, Any]:
    """Peak RSS streaming `large` vs `small` events, each in a fresh process."""
    out = {}
    for n in (small, large):
        log(f"c: streaming {n:,} events in a subprocess")
        proc = subprocess.run([PY, str(HERE / "rss_child.py"), str(n)], capture_output=True,
                              check=True)
        out[str(n)] = json.loads(proc.stdout)
    a, b = out[str(small)], out[str(large)]
    result = {"small": a, "large": b,
              "ratio": round(b["maxrss_kb"] / a["maxrss_kb"], 3)}
    if a.get("streaming_peak_kb") and b.get("streaming_peak_kb"):
        result["ratio_streaming_peak"] = round(
            b["streaming_peak_kb"] / a["streaming_peak_kb"], 3)
    return result


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _spread(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"median": round(statistics.median(ordered), 3), "min": round(ordered[0], 3),
            "max": round(ordered[-1], 3)}


class _Counting:
    """An executor that passes results on and adds up each worker's CPU."""

    def __init__(self, executor: Any) -> None:
        self.executor = executor
        self.workers: dict[int, float] = {}
        self.tasks = 0

    def map(self, planned: Any) -> Any:
        for r in self.executor.map(planned):
            self.workers[r.worker] = self.workers.get(r.worker, 0.0) + r.cpu
            self.tasks += 1
            yield r


def critical_path(path: Path, jobs: int, run_history: bool) -> dict[str, Any]:
    """CPU figures that other load on the machine does not distort: the pipeline of
    `knigge check` run in this process, once serially and once with `jobs` workers
    (JSONL to the null device). `setup` is the parent's CPU before the workers start
    (planning, and recording the run's history, which the forked workers inherit);
    `workers` each worker's CPU in its tasks; `parent_during` the parent's CPU while
    the workers run (joining parts, counting). On `jobs` otherwise idle cores the run
    takes at least `setup + max(workers)`: `ideal_speedup` is the serial CPU over
    that."""
    from knigge_engine.history import InMemoryHistory
    from knigge_engine.io import ImportOptions, collect_importers
    from knigge_engine.parallel import ProcessExecutor, worker_spec
    from knigge_engine.pipeline import SerialExecutor, Sink, Source, run, task_bytes

    engine = Engine()
    importers = collect_importers(engine.plugins)
    out: dict[str, Any] = {"run_history": run_history}
    for side in ("serial", "parallel"):
        with open(os.devnull, "w", encoding="utf-8") as devnull, \
                tempfile.TemporaryDirectory(prefix="knigge-bench-jobs-") as folder:
            t0 = time.process_time()
            source = Source([str(path)], importers, ImportOptions(), split=side != "serial",
                            task_bytes=task_bytes([str(path)], jobs))
            sink = Sink(JSONL_REPORTER, devnull, "en")
            history = InMemoryHistory() if run_history else None
            if history is not None:
                history.record(source.events())
            if side == "serial":
                executor: Any = SerialExecutor(source, engine, sink, history=history)
            else:
                spec = worker_spec(engine=engine, source=source, sink=sink, explain=False,
                                   folder=folder, history="run" if run_history else "none")
                executor = ProcessExecutor(spec, jobs, engine=engine, history=history)
            t1 = time.process_time()
            counting = _Counting(executor)
            run(source, engine, sink, executor=counting)
            workers, tasks = counting.workers, counting.tasks
            t2 = time.process_time()
        if side == "serial":
            out["serial_cpu_s"] = round(t2 - t0, 3)
            continue
        out.update({
            "tasks": tasks,
            "setup_cpu_s": round(t1 - t0, 3),
            "workers_cpu_s": sorted(round(v, 3) for v in workers.values()),
            "parent_during_cpu_s": round(t2 - t1, 3),
        })
        ideal = (t1 - t0) + max(workers.values())
        out["ideal_wall_s"] = round(ideal, 3)
        out["ideal_speedup"] = round(out["serial_cpu_s"] / ideal, 3)
        out["total_cpu_ratio"] = round((t2 - t0 + sum(workers.values()))
                                       / out["serial_cpu_s"], 3)
    return out


def section_d(path: Path, n: int, repeat: int, tmp: Path, *, jobs: int = 2,
              modes: tuple[str, ...] = ("no-run-history", "run-history"),
              critical: bool = True) -> dict[str, Any]:
    """`knigge check --jobs N` vs `--jobs 1`, paired runs: each pair runs both (in
    alternating order, so that drift in the machine's load hits both sides alike); the
    figure is the median of the pairs' wall-time ratios, with their spread, and the CPU
    time of each side (the process and its workers). Output, standard error and exit
    code must be identical in every run. `modes`: `no-run-history` judges each
    event alone; `run-history` is the default (the run's history recorded first)."""
    out: dict[str, Any] = {"events": n, "jobs": jobs, "pairs": repeat,
                           "cpus": os.cpu_count()}
    for mode in modes:
        extra = ["--no-run-history"] if mode == "no-run-history" else []
        runs: dict[int, list[dict[str, Any]]] = {1: [], jobs: []}
        digests: set[tuple[str, int, bytes]] = set()
        for i in range(repeat):
            order = (1, jobs) if i % 2 == 0 else (jobs, 1)
            for j in order:
                target = tmp / f"jobs{j}.jsonl"
                split = tmp / "cpu.json"
                load = _loadavg()
                wall, cpu, proc = run_process(
                    [*KNIGGE_CPU, "check", str(path), "--format", "jsonl", "--fail-on",
                     "warning", "--no-progress", *extra, "--jobs", str(j), "-o", str(target)],
                    env={**os.environ, "KNIGGE_BENCH_CPU": str(split)})
                record = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                          "exit": proc.returncode, "load_before": load}
                record.update({k: round(v, 3) for k, v in
                               json.loads(split.read_text()).items()})
                runs[j].append(record)
                digests.add((_digest(target), proc.returncode, proc.stderr))
                target.unlink()
        ratios = [a["wall_s"] / b["wall_s"] for a, b in zip(runs[1], runs[jobs], strict=True)]
        cpu_ratios = [b["cpu_s"] / a["cpu_s"] for a, b in zip(runs[1], runs[jobs],
                                                              strict=True)]
        # On N otherwise idle cores a run takes at least its parent's CPU, and at least
        # all its CPU divided by N (the workers share the cores with the parent): the
        # serial CPU over that is the best speedup the run allows. If the parent's CPU
        # does not overlap the workers' at all (start-up, a history recorded first), the
        # run takes its parent's CPU plus the workers' divided by N.
        bounds = [a["cpu_s"] / max(b["parent_cpu_s"], b["cpu_s"] / jobs)
                  for a, b in zip(runs[1], runs[jobs], strict=True)]
        serial_parent = [a["cpu_s"] / (b["parent_cpu_s"] + b["workers_cpu_s"] / jobs)
                         for a, b in zip(runs[1], runs[jobs], strict=True)]
        wall1 = statistics.median(r["wall_s"] for r in runs[1])
        wall_n = statistics.median(r["wall_s"] for r in runs[jobs])
        out[mode] = {
            "jobs1": runs[1], f"jobs{jobs}": runs[jobs],
            "identical_output": len(digests) == 1,
            "speedup": _spread(ratios),
            "cpu_ratio": _spread(cpu_ratios),
            "cpu_bound_speedup": _spread(bounds),
            "cpu_bound_speedup_parent_apart": _spread(serial_parent),
            "parent_cpu_share": _spread([b["parent_cpu_s"] / b["cpu_s"] for b in runs[jobs]]),
            "jobs1_events_per_s": round(n / wall1),
            f"jobs{jobs}_events_per_s": round(n / wall_n),
        }
        log(f"d: {mode}: {jobs} jobs {_spread(ratios)['median']}x "
            f"(pairs {[round(r, 2) for r in ratios]}), identical {len(digests) == 1}")
        if critical:
            out[mode]["cpu_critical_path"] = cp = critical_path(path, jobs,
                                                                mode == "run-history")
            log(f"d: {mode}: critical path {cp}")
    return out


def section_e(n: int, repeat: int, slow_events: int) -> dict[str, Any]:
    """Peers: the same five profile checks in other rule engines (`peers.py`)."""
    return peers.run(n, repeat, slow_events)


# An incoming contact request without a note: a full profile, no text to analyse.
NO_NOTE_REQUEST = {
    "kind": "contact_request", "id": "bench-no-note", "platform": "generic",
    "direction": "incoming", "at": "2026-11-20T09:30:00+01:00",
    "sender": {"id": "u-1234", "name": "Tobias Keller", "headline": "Controller",
               "company": "Hanse Logistik GmbH", "contact_count": 412,
               "contacts_visible": True, "has_photo": True, "premium": False,
               "degree": 2, "mutual_contacts": 3, "prior_contact": False},
    "recipient": {"id": "me", "name": "Jana Schröder", "premium": True},
    "note": None,
}


def section_h(repeat: int, calls: int) -> dict[str, Any]:
    """`Engine.evaluate` of an incoming contact request without a note, in µs per
    call (CPU time): the fixed event above as a dict and bound, and every generated
    event of that shape (all platforms) as dicts, against decoding and encoding it."""
    engine = Engine()
    evaluate = engine.evaluate
    fixed = dict(NO_NOTE_REQUEST)
    bound = event_from_dict(fixed)
    line = orjson.dumps(fixed)
    generated = [d for d in events.generate(calls * 4)
                 if d["kind"] == "contact_request" and d["direction"] == "incoming"
                 and d.get("note") is None][:calls]
    a = evaluate(fixed)

    def loop(fn: Callable[[], object], times: int = calls) -> Callable[[], None]:
        def run() -> None:
            for _ in range(times):
                fn()
        return run

    def run_generated() -> None:
        for d in generated:
            evaluate(d)

    samples = stats.paired(repeat, {
        "evaluate_dict": loop(lambda: evaluate(fixed)),
        "evaluate_bound": loop(lambda: evaluate(bound)),
        "orjson_decode_and_encode": loop(lambda: orjson.dumps(orjson.loads(line))),
        "generated_evaluate_dict": run_generated,
    })
    us = {k: stats.describe(v, 1e6 / (len(generated) if k.startswith("generated")
                                      else calls)) for k, v in samples.items()}
    return {"calls": calls, "generated_events": len(generated),
            "event": "incoming contact_request, note null, generic platform, full profile",
            "findings": [f.code for f in a.findings],
            "action": a.action.value if a.action else None,
            "us_per_call": us, "evaluate_us": us["evaluate_dict"]["median"],
            "ratio_to_orjson_round_trip": stats.ratio(samples, "evaluate_dict",
                                                      "orjson_decode_and_encode")}


def _knigge_script() -> list[str]:
    script = Path(PY).with_name("knigge")
    return [str(script)] if script.exists() else KNIGGE


def section_s(repeat: int, tmp: Path) -> dict[str, Any]:
    """Start-up: whole processes, wall time (median of `repeat` paired rounds, at
    least 5): `python -c pass`, `python -c 'import knigge_engine'` and `knigge
    check` of a one-event file; and `-X importtime`'s own figure for knigge_engine."""
    one = tmp / "one.jsonl"
    one.write_bytes(orjson.dumps(NO_NOTE_REQUEST) + b"\n")
    runs = paired_processes(max(repeat, 5), {
        "python_pass": [PY, "-c", "pass"],
        "import_knigge_engine": [PY, "-c", "import knigge_engine"],
        "knigge_check_one_event": [*_knigge_script(), "check", str(one), "--fail-on", "never",
                                   "--no-progress"],
    })
    importtime = []
    for _ in range(max(repeat, 5)):
        proc = subprocess.run([PY, "-X", "importtime", "-c", "import knigge_engine"],
                              capture_output=True, check=True, text=True)
        for row in proc.stderr.splitlines():
            parts = row.split("|")
            if len(parts) == 3 and parts[2].rstrip() == " knigge_engine":
                importtime.append(int(parts[1]) / 1e6)
    wall = runs["wall"]
    return {"rounds": len(wall["python_pass"]),
            "wall_s": {k: stats.describe(v, digits=3) for k, v in wall.items()},
            "cpu_s": {k: stats.describe(v, digits=3) for k, v in runs["cpu"].items()},
            "importtime_knigge_engine_s": stats.describe(importtime, digits=3)
            if importtime else None,
            "import_s": stats.describe(
                [a - b for a, b in zip(wall["import_knigge_engine"], wall["python_pass"],
                                       strict=True)], digits=3),
            "check_one_event_s": stats.describe(wall["knigge_check_one_event"], digits=3)}


def json_stack(n: int, repeat: int) -> dict[str, Any]:
    """The JSON stack, measured: decoding a line, binding it to the model, encoding an
    assessment, with the candidates side by side (microseconds per event)."""
    import json as std_json

    from knigge_engine import model

    engine = Engine()
    dicts = list(events.generate(n))
    lines = [orjson.dumps(d) for d in dicts]
    outs = [a.to_dict() for a in engine.evaluate_many(dicts)]

    def converter_only() -> None:
        saved = model._fast_bind
        model._fast_bind = lambda _: None
        try:
            for d in dicts:
                event_from_dict(d)
        finally:
            model._fast_bind = saved

    contenders = {
        "decode_orjson": lambda: [orjson.loads(x) for x in lines],
        "decode_json": lambda: [std_json.loads(x) for x in lines],
        "bind_fast_path": lambda: [event_from_dict(d) for d in dicts],
        "bind_cattrs_converter": converter_only,
        "encode_orjson": lambda: [orjson.dumps(o) for o in outs],
        "encode_json": lambda: [std_json.dumps(o, ensure_ascii=False) for o in outs],
    }
    times = best_of(repeat, *contenders.values())
    return {name: round(t * 1e6 / n, 2) for name, t in zip(contenders, times, strict=True)}


_BUCKETS = (
    ("decode (orjson.loads)", ("loads",)),
    ("bind (dict -> attrs)", ("_fastbind.py", "model.py", "knigge_engine.model.", "cattrs",
                              "fromisoformat")),
    ("text analysis", ("knigge_engine/text/", "finditer", "findall", "isdisjoint", "fullmatch",
                       "TextAnalysis", "lower", "isspace")),
    ("rules (check functions)", ("builtin/", "knigge_xing", "knigge_linkedin",
                                 "knigge_facebook", "plugins/")),
    ("findings and messages", ("rules.py", "format", "Finding")),
    ("replies", ("replies.py", "Reply")),
    ("decision", ("decision.py",)),
    ("encode (to_dict, orjson.dumps, write)", ("to_dict", "_finding_dict", "dumps",
                                               "reporters.py", "write", "_jsonable",
                                               "decode")),
    ("engine loop", ("engine.py", "Assessment", "RuleContext", "enum.py", "round")),
    ("reading lines", ("formats.py", "run.py", "strip")),
)


def profile(path: Path) -> dict[str, Any]:
    """Where the time of the JSONL path goes: cProfile's own time per function, grouped."""
    engine = Engine()
    prof = cProfile.Profile()
    prof.enable()
    engine_jsonl_path(engine, path, io.StringIO())
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in stats.values())
    buckets: dict[str, float] = {}
    top = []
    for (file, line, func), (_cc, _nc, tottime, _ct, _callers) in stats.items():
        where = f"{file}:{func}"
        label = "other"
        for name, keys in _BUCKETS:
            if any(k in where for k in keys):
                label = name
                break
        buckets[label] = buckets.get(label, 0.0) + tottime
        top.append((tottime, f"{Path(file).name}:{line}({func})"))
    top.sort(reverse=True)
    return {
        "share": {k: round(v / total, 3) for k, v in sorted(buckets.items(),
                                                            key=lambda kv: -kv[1])},
        "top_functions": [{"function": f, "share": round(t / total, 3)} for t, f in top[:15]],
        "note": "cProfile own time; profiling inflates the cost of small calls",
    }


def section_g(repeat: int) -> dict[str, Any]:
    engine = Engine()
    typical = adversarial.event("Hallo Frau Berg, wir kennen uns vom IHK-Vortrag in "
                                "Hamburg. Viele Grüße, Max")
    out: dict[str, Any] = {}
    for field in ("note", "outgoing note", "name", "headline"):
        for name, text in adversarial.shapes():
            if field == "outgoing note":  # the coaching rules quote their evidence
                hostile = adversarial.event(text, "note", direction="outgoing")
            else:
                hostile = adversarial.event(text, field)
            # The typical event is cheap: time 200 of them and divide, for resolution.

            def run_typical() -> None:
                for _ in range(200):
                    engine.evaluate(typical)

            def run_hostile(ev: dict[str, Any] = hostile) -> None:
                engine.evaluate(ev)

            t_typ, t_host = best_of(repeat, run_typical, run_hostile)
            out[f"{field}: {name}"] = {"ms": round(t_host * 1000, 2),
                                       "x_typical": round(t_host / (t_typ / 200), 1)}
    # The Facebook importer's bracket scan of a message file too deep to parse.
    from knigge_facebook.importer import _cut_deep

    files: dict[str, Any] = {}
    for name, text in adversarial.json_shapes():
        (t_scan,) = best_of(repeat, lambda t=text: _cut_deep(t))
        files[name] = {"ms": round(t_scan * 1000, 2)}
    worst = max(out.items(), key=lambda kv: kv[1]["ms"])
    return {"shapes": out, "worst": {worst[0]: worst[1]},
            "over_50_ms": sorted(k for k, v in out.items() if v["ms"] > 50),
            "facebook_deep_file_scan_1mb": files}


def _get(results: dict[str, Any], *path: str) -> Any:
    node: Any = results
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def summary(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every figure of the speed issue that this run measured, with its target: the
    median, its spread (min–max over the paired rounds), and whether it is met."""
    rows: list[dict[str, Any]] = []

    def add(figure: str, stat: Any, unit: str, target: float | None, better: str,
            where: str) -> None:
        if stat is None:
            return
        if not isinstance(stat, dict):
            stat = {"median": stat}
        value = stat["median"]
        met = None
        if target is not None:
            met = value <= target if better == "lower" else value >= target
        rows.append({"figure": figure, "median": value, "min": stat.get("min"),
                     "max": stat.get("max"), "unit": unit,
                     "target": None if target is None else
                     f"{'≤' if better == 'lower' else '≥'} {target:g}",
                     "met": met, "section": where})

    add("Engine.evaluate, incoming request without a note", _get(
        results, "h_no_note", "us_per_call", "evaluate_dict"), "µs", 6, "lower", "h")
    # The machine's pace, for reading the µs figure on a loaded machine: the same
    # event's orjson round trip in the same rounds (about 3 µs when the issue was filed).
    add("the same, ÷ decoding and encoding that event with orjson",
        _get(results, "h_no_note", "ratio_to_orjson_round_trip"), "×", None, "lower", "h")
    add("knigge check JSONL→JSONL process ÷ like-for-like baseline (CPU)",
        _get(results, "b_jsonl_path", "processes", "ratio_cpu"), "×", 1.1, "lower", "b")
    add("knigge check JSONL→JSONL process ÷ plain script (CPU)",
        _get(results, "b_jsonl_path", "processes", "ratio_cpu_to_plain"), "×", 1.5, "lower",
        "b")
    add("in-process JSONL path ÷ like-for-like baseline (CPU)",
        _get(results, "b_jsonl_path", "in_process", "ratio"), "×", None, "lower", "b")
    add("in-process JSONL path ÷ plain script (CPU)",
        _get(results, "b_jsonl_path", "in_process", "ratio_to_plain"), "×", None, "lower",
        "b")
    add("evaluate_many ÷ like-for-like baseline function (CPU)",
        _get(results, "a_evaluate_many", "ratio"), "×", None, "lower", "a")
    add("knigge check of a one-event file (wall)",
        _get(results, "s_startup", "check_one_event_s"), "s", 0.25, "lower", "s")
    add("import knigge_engine (-X importtime, cumulative)",
        _get(results, "s_startup", "importtime_knigge_engine_s"), "s", 0.1, "lower", "s")
    add("import knigge_engine (whole process − python -c pass, wall)",
        _get(results, "s_startup", "import_s"), "s", 0.1, "lower", "s")
    for mode in ("no-run-history", "run-history"):
        add(f"--jobs 2 ÷ --jobs 1 speed-up (wall, {mode})",
            _get(results, "d_jobs", mode, "speedup"), "×", 1.8, "higher", "d")
    spark = _get(results, "f_spark", "spark_vs_one_process")
    add("Spark local[2] ÷ one knigge check process (speed)", spark, "×", 1.5, "higher", "f")
    for name, stat in (_get(results, "e_peers", "ratio_to_knigge") or {}).items():
        if name == "hand_written":
            add("hand-written function ÷ knigge, five profile checks (CPU)", stat, "×", None,
                "higher", "e")
            continue
        add(f"{peers.DISTRIBUTIONS.get(name, name)} ÷ knigge Engine.evaluate, five profile "
            "checks (CPU; > 1: knigge is faster)", stat, "×", 1.0, "higher", "e")
    add("peak RSS streaming 1,000,000 ÷ 100,000 events",
        _get(results, "c_peak_rss", "ratio"), "×", 1.1, "lower", "c")
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value)


def markdown(results: dict[str, Any]) -> str:
    """The run as Markdown: the machine, the summary table, peers and parity."""
    m = results["machine"]
    load0 = ", ".join(f"{x:.2f}" for x in m["load_average_at_start"])
    load1 = ", ".join(f"{x:.2f}" for x in m.get("load_average_at_end", ()))
    lines = [f"# Benchmark run {results['started']}", "",
             f"- machine: {m['cpu'] or 'CPU model not named'}, {m['cores']} cores, "
             f"{m['memory']}, {m['os']}",
             f"- Python {m['python']} ({m['implementation']}); "
             + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v),
             f"- load average (1, 5, 15 min): {load0} at the start, {load1} at the end",
             f"- mode: {'--quick' if results['quick'] else 'default sizes'}, "
             f"{results['repeat']} paired rounds per figure (medians; spread is min–max)",
             "", "| figure | median | spread | target | met |", "|---|---:|---:|---|---|"]
    for row in results["summary"]:
        spread = ("—" if row["min"] is None
                  else f"{_cell(row['min'])} – {_cell(row['max'])}")
        met = {True: "yes", False: "**no**", None: ""}[row["met"]]
        lines.append(f"| {row['figure']} ({row['section']}) | {_cell(row['median'])} "
                     f"{row['unit']} | {spread} | {row['target'] or ''} | {met} |")
    e = results.get("e_peers")
    if e:
        lines += ["", f"## Peers (section e): {e['events']:,} events, five profile checks",
                  "", "| contender | µs per event | ÷ knigge | disagreements with knigge |",
                  "|---|---:|---:|---:|"]
        for name, us in e["us_per_event"].items():
            r = e["ratio_to_knigge"].get(name)
            p = e["parity"].get(name)
            agree = "—" if p is None else f"{p['disagreements']} of {p['events']:,}"
            lines.append(f"| {peers.DISTRIBUTIONS.get(name, name)} | {_cell(us['median'])} "
                         f"({_cell(us['min'])} – {_cell(us['max'])}) | "
                         f"{_cell(r['median']) if r else '1'} | "
                         f"{agree} |")
        for name, why in e.get("missing", {}).items():
            lines.append(f"| {name} | not run: {why} | | |")
    par = results.get("parity")
    if par:
        lines += ["", f"## Parity ({par['events']:,} {par['note']})", "",
                  f"- like-for-like baseline: {par['baseline']['rule_mismatches']} rule, "
                  f"{par['baseline']['action_mismatches']} action, "
                  f"{par['baseline']['output_mismatches']} output mismatches",
                  f"- plain script: {par['plain']['code_mismatches']} code, "
                  f"{par['plain']['code_or_weight_mismatches']} code-or-weight mismatches"]
    d = results.get("d_jobs") or {}
    for mode in ("no-run-history", "run-history"):
        if mode in d:
            m, jobs = d[mode], d["jobs"]
            lines += ["", f"`--jobs` ({mode}): identical output {m['identical_output']}; "
                      f"{m['jobs1_events_per_s']:,} events/s with 1 job, "
                      f"{m[f'jobs{jobs}_events_per_s']:,} with {jobs}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rss-small", type=int, default=100_000)
    parser.add_argument("--rss-large", type=int, default=1_000_000)
    parser.add_argument("--jobs-events", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2, help="section d: workers")
    parser.add_argument("--jobs-modes", default="no-run-history,run-history",
                        help="section d: no-run-history, run-history or both")
    parser.add_argument("--peer-events", "--third-party-events", type=int, default=20_000,
                        dest="peer_events")
    parser.add_argument("--slow-peer-events", type=int, default=1_000,
                        help="events for cel-python (pure Python, slow)")
    parser.add_argument("--no-note-calls", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5, help="paired rounds per figure")
    parser.add_argument("--only", default="", help="comma-separated sections: a,b,c,d,e,f,"
                        "g,h,s,parity,profile,startup")
    parser.add_argument("--spark", action="store_true", help="also run section f (Spark)")
    parser.add_argument("--spark-events", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    args = parser.parse_args(argv)
    if args.quick:
        args.events, args.rss_small, args.rss_large = 10_000, 20_000, 200_000
        args.jobs_events, args.peer_events, args.repeat = 30_000, 2_000, 3
        args.slow_peer_events, args.no_note_calls, args.spark_events = 100, 5_000, 50_000
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    if args.spark:
        only = only or {"a", "b", "c", "d", "e", "g", "h", "s", "parity", "profile",
                        "startup", "f"}
        only.add("f")

    def want(name: str) -> bool:
        return (not only and name != "f") or name in only

    # The unknown-platform warning, once per engine; restored on return (the tests run
    # main() in their own process, whose later tests must still see warnings).
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        return _main(args, want)
    finally:
        logging.disable(previous)


def _main(args: argparse.Namespace, want: Callable[[str], bool]) -> int:
    started = dt.datetime.now(dt.UTC)
    results: dict[str, Any] = {"started": started.isoformat(timespec="seconds"),
                               "quick": args.quick, "repeat": args.repeat,
                               "machine": machine()}
    with tempfile.TemporaryDirectory(prefix="knigge-bench-") as tmpdir:
        tmp = Path(tmpdir)
        if want("c"):
            # First, while this process is small: on Linux a child's ru_maxrss starts
            # from the resident size of the parent it was forked from.
            results["c_peak_rss"] = section_c(args.rss_small, args.rss_large)
        if want("s"):
            log("s: start-up (whole processes, wall time)")
            results["s_startup"] = section_s(args.repeat, tmp)
        if want("h"):
            log("h: Engine.evaluate of an incoming request without a note")
            results["h_no_note"] = section_h(args.repeat, args.no_note_calls)
        if want("parity"):
            log("parity: the baselines vs the engine on the generic platform")
            results["parity"] = parity(min(args.events, 20_000))
        if want("a"):
            log(f"a: evaluate_many over {args.events:,} events")
            results["a_evaluate_many"] = section_a(args.events, args.repeat)
        if want("b") or want("profile"):
            path = events.write_jsonl(tmp / "events.jsonl", args.events)
            if want("b"):
                log(f"b: JSONL whole path over {args.events:,} events")
                results["b_jsonl_path"] = section_b(path, args.events, args.repeat, tmp)
            if want("b"):
                log("b: the JSON stack, part by part")
                results["json_stack_us_per_event"] = json_stack(min(args.events, 20_000),
                                                                args.repeat)
            if want("profile"):
                log("profile: cProfile of the JSONL path")
                small = events.write_jsonl(tmp / "profile.jsonl", min(args.events, 20_000))
                results["profile"] = profile(small)
        if want("d"):
            log(f"d: knigge check --jobs {args.jobs} vs --jobs 1 over {args.jobs_events:,} "
                "events")
            path = events.write_jsonl(tmp / "jobs.jsonl", args.jobs_events, bad_every=9973)
            modes = tuple(m.strip() for m in args.jobs_modes.split(",") if m.strip())
            results["d_jobs"] = section_d(path, args.jobs_events, args.repeat, tmp,
                                          jobs=args.jobs, modes=modes)
        if want("e"):
            log(f"e: peers on five profile checks over {args.peer_events:,} events")
            results["e_peers"] = section_e(args.peer_events, args.repeat,
                                           args.slow_peer_events)
        if want("startup"):
            log("startup: import and one-event check, fresh processes")
            results["startup"] = startup.run(5 if args.quick else 7)
        if want("g"):
            log("g: adversarial 1 MB texts")
            results["g_adversarial_text"] = section_g(args.repeat)
        if want("f"):
            log(f"f: Spark local[2] over {args.spark_events:,} events")
            from spark_bench import run as spark_run

            results["f_spark"] = spark_run(args.spark_events, tmp)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    results["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results["summary"] = summary(results)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    text = json.dumps(results, indent=2, ensure_ascii=False)
    report = markdown(results)
    for name in (f"bench-{stamp}", "latest"):
        (args.out / f"{name}.json").write_text(text + "\n")
        (args.out / f"{name}.md").write_text(report)
    print(report)
    log(f"written to {args.out / f'bench-{stamp}.json'} and .md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
