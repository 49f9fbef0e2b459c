"""Runs `knigge` (the arguments as on its command line) and writes, at exit, the CPU
seconds of this process and of its children (the `--jobs` workers) as JSON to the
file named by `KNIGGE_BENCH_CPU`: how much of the work the parent did itself."""

from __future__ import annotations

import atexit
import json
import os
import resource
import runpy
import sys


def _dump() -> None:
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.environ["KNIGGE_BENCH_CPU"], "w", encoding="utf-8") as out:
        json.dump({"parent_cpu_s": me.ru_utime + me.ru_stime,
                   "workers_cpu_s": children.ru_utime + children.ru_stime}, out)


atexit.register(_dump)
sys.argv = ["knigge", *sys.argv[1:]]
runpy.run_module("knigge_engine.cli", run_name="__main__", alter_sys=True)
