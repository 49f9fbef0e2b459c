"""Run the fuzzing harness with a budget and write what was checked.

``nox -s fuzz -- [--budget N] [--seeds S] [--first-seed K] [--out DIR] [--only EXPR]``
runs every fuzz target (``tests/fuzz/test_fuzz_*.py`` and the platform plugins'
``test_*_fuzz.py``) with ``N`` Hypothesis examples per target, once per seed
(``--hypothesis-seed=K..K+S-1``, so a failure can be replayed), and writes
``DIR/fuzz.json`` and ``DIR/fuzz.md``: per target the examples Hypothesis ran and,
where the target counts them, the records checked (lines, rows, events, files). Exit
status: pytest's (non-zero when any property failed or nothing was collected).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGETS = [
    "tests/fuzz",
    "plugins/knigge-facebook/tests/test_fb_fuzz.py",
    "plugins/knigge-xing/tests/test_xing_fuzz.py",
    "plugins/knigge-linkedin/tests/test_linkedin_fuzz.py",
]
# Hypothesis's statistics: a test's name line, then "N passing, M failing, ..." lines.
_TEST = re.compile(r"^(\S+::\S+):\s*$")
_PASSING = re.compile(r"(\d+) passing")


def _statistics(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    current = None
    for line in text.splitlines():
        match = _TEST.match(line.strip())
        if match:
            current = match.group(1)
            continue
        found = _PASSING.search(line)
        if found and current:
            out[current] = out.get(current, 0) + int(found.group(1))
    return out


def _merge(total: dict[str, int], part: dict[str, int]) -> None:
    for key, value in part.items():
        total[key] = total.get(key, 0) + value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=int, default=200,
                        help="Hypothesis examples per target and seed (default 200).")
    parser.add_argument("--seeds", type=int, default=1, help="How many seeds (default 1).")
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "fuzz")
    parser.add_argument("--only", default=None, help="pytest -k expression.")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    examples: dict[str, int] = {}
    records: dict[str, int] = {}
    status = 0
    started = time.monotonic()
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        with tempfile.TemporaryDirectory() as tmp:
            counts = Path(tmp) / "counts.json"
            env = {**os.environ, "KNIGGE_FUZZ_EXAMPLES": str(args.budget),
                   "KNIGGE_FUZZ_COUNTS": str(counts)}
            cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                   "-p", "no:randomly", f"--hypothesis-seed={seed}",
                   "--hypothesis-show-statistics", *TARGETS]
            if args.only:
                cmd += ["-k", args.only]
            print(f"fuzz: seed {seed}, budget {args.budget}: {' '.join(cmd[3:])}",
                  flush=True)
            run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
            log = args.out / f"seed-{seed}.log"
            log.write_text(run.stdout + run.stderr, encoding="utf-8")
            tail = [line for line in run.stdout.splitlines() if line.strip()][-1:]
            print(f"fuzz: seed {seed}: exit {run.returncode}; {' '.join(tail)} "
                  f"(log: {log})", flush=True)
            if run.returncode != 0:
                status = run.returncode
                print(run.stdout[-6000:], flush=True)
            _merge(examples, _statistics(run.stdout))
            if counts.exists():
                _merge(records, json.loads(counts.read_text(encoding="utf-8")))
    seconds = round(time.monotonic() - started)
    result = {"budget": args.budget, "seeds": list(range(args.first_seed,
                                                          args.first_seed + args.seeds)),
              "seconds": seconds, "status": status, "examples": examples,
              "records": records, "total_examples": sum(examples.values()),
              "total_records": sum(records.values())}
    (args.out / "fuzz.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    lines = ["| target (test) | examples |", "|---|---|"]
    lines += [f"| `{name}` | {n:,} |" for name, n in sorted(examples.items())]
    lines += ["", "| records checked (target's own count) | records |", "|---|---|"]
    lines += [f"| {name} | {n:,} |" for name, n in sorted(records.items())]
    lines += ["", f"{sum(examples.values()):,} examples, {sum(records.values()):,} records "
              f"counted by the targets, {seconds} s, exit status {status}."]
    (args.out / "fuzz.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
