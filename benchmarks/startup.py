"""Start-up (issue 12, point 2): how long a fresh process takes to import the package and
to check one event, as a whole process (`python benchmarks/run.py --only startup`, or
`python benchmarks/startup.py [--runs N]` alone).

Every figure is the median of `--runs` fresh processes (at least 5), with the smallest
and largest, of:

* wall seconds (a whole-process timer around the child) and CPU seconds of the child
  (user + system, `resource.getrusage(RUSAGE_CHILDREN)`): on a machine shared with
  other work the CPU time is the steadier of the two, and both are reported;
* `python -X importtime`'s own total for `knigge_engine` (and the slowest modules a
  one-event check imports), for where the time goes.

The contenders run interleaved, after one warm-up run each, so that every module's
bytecode is cached (as in an installed package: `PYTHONDONTWRITEBYTECODE` is dropped for
the children) and the compiled phrase patterns are in a cache folder of this run
(`KNIGGE_CACHE_DIR`); "cold patterns" turns that cache off (`KNIGGE_NO_CACHE=1`): the
first note a machine ever checks. Figures for reading, never an assertion; the targets
(0.25 s for a one-event check, 0.1 s for `import knigge_engine`) are judged in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable

#: The first two events of examples/inbox.jsonl: an incoming request without a note and
#: one with a note (the text analysis runs only for the second).
NO_NOTE, WITH_NOTE = 0, 1


def _knigge(py: str = PY) -> list[str]:
    """The installed `knigge` command next to the interpreter `py`, else `-m`."""
    script = Path(py).with_name("knigge")
    return [str(script)] if script.exists() else [py, "-m", "knigge_engine.cli"]


def _env(cache: Path, cold: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["KNIGGE_CACHE_DIR"] = str(cache)
    env.pop("KNIGGE_NO_CACHE", None)
    if cold:
        env["KNIGGE_NO_CACHE"] = "1"
    return env


def _once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and child CPU seconds of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _spread(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 4), "min": round(min(values), 4),
            "max": round(max(values), 4)}


def _importtime(cmd: list[str], env: dict[str, str]) -> dict[str, int]:
    """`-X importtime`: cumulative microseconds per module of one run."""
    proc = subprocess.run([PY, "-X", "importtime", *cmd], env=env, capture_output=True,
                          text=True, check=False)
    found: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = line[len("import time:"):].split("|", 2)
            found[name.strip()] = int(cumulative)
    return found


def run(runs: int = 7, against: str | None = None) -> dict[str, Any]:
    """The start-up figures (see the module's docstring). `against`: another
    interpreter (another checkout's virtual environment, e.g. the commit before a
    change) whose one-event checks run interleaved with these, in the same run, as
    "before: …" (a paired comparison on a machine whose load changes)."""
    runs = max(runs, 5)
    load_at_start = os.getloadavg()
    inbox = (ROOT / "examples" / "inbox.jsonl").read_text(encoding="utf-8").splitlines()
    with tempfile.TemporaryDirectory(prefix="knigge-startup-") as tmpdir:
        tmp = Path(tmpdir)
        no_note, with_note = tmp / "no-note.jsonl", tmp / "with-note.jsonl"
        no_note.write_text(inbox[NO_NOTE] + "\n", encoding="utf-8")
        with_note.write_text(inbox[WITH_NOTE] + "\n", encoding="utf-8")
        cache = tmp / "cache"
        warm, cold = _env(cache), _env(cache, cold=True)
        knigge = _knigge()
        contenders: dict[str, tuple[list[str], dict[str, str]]] = {
            "python -c pass (the interpreter alone)": ([PY, "-c", "pass"], warm),
            "import knigge_engine": ([PY, "-c", "import knigge_engine"], warm),
            "from knigge_engine import Engine; Engine()": (
                [PY, "-c", "from knigge_engine import Engine; Engine()"], warm),
            "knigge check, one event without a note": ([*knigge, "check", str(no_note)],
                                                       warm),
            "knigge check, one event with a note": ([*knigge, "check", str(with_note)],
                                                    warm),
            "knigge check, one event with a note, cold patterns": (
                [*knigge, "check", str(with_note)], cold),
        }
        if against is not None:
            other = _knigge(against)
            contenders["before: import knigge_engine"] = ([against, "-c",
                                                           "import knigge_engine"], warm)
            contenders["before: knigge check, one event without a note"] = (
                [*other, "check", str(no_note)], warm)
            contenders["before: knigge check, one event with a note"] = (
                [*other, "check", str(with_note)], warm)
        for cmd, env in contenders.values():  # bytecode and pattern caches written
            _once(cmd, env)
        walls: dict[str, list[float]] = {name: [] for name in contenders}
        cpus: dict[str, list[float]] = {name: [] for name in contenders}
        for _ in range(runs):
            for name, (cmd, env) in contenders.items():
                wall, cpu = _once(cmd, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
        imports = [_importtime(["-c", "import knigge_engine"], warm) for _ in range(runs)]
        check = _importtime(["-m", "knigge_engine.cli", "check", str(with_note)], warm)
    slowest = sorted(((us, name) for name, us in check.items()
                      if name.split(".")[0] != "encodings"), reverse=True)[:12]
    return {
        "runs": runs,
        "load_average_at_start": load_at_start,
        "load_average_at_end": os.getloadavg(),
        "seconds": {name: {"wall": _spread(walls[name]), "cpu": _spread(cpus[name])}
                    for name in contenders},
        "importtime_knigge_engine_ms": _spread(
            [i.get("knigge_engine", 0) / 1000 for i in imports]),
        "importtime_check_slowest_ms": {name: round(us / 1000, 1) for us, name in slowest},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--against", metavar="PYTHON", default=None,
                        help="also time the one-event checks of this interpreter's "
                        "knigge_engine (e.g. another checkout's .venv/bin/python), "
                        "interleaved, as 'before: ...'")
    args = parser.parse_args()
    print(json.dumps(run(args.runs, args.against), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
