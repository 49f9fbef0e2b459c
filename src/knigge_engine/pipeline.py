"""One pipeline for `knigge check`: a source of events, the engine, a report sink, and an
executor that runs the source's tasks — in this process, in worker processes, or on Spark.

`run` is the whole run: the `Source` plans **tasks** (a byte range of a JSONL
file cut at line ends, a whole file for another importer, standard input); the executor
runs `run_task` on each — read the task's input, assess every event, write the
assessments with the sink's writer — and hands the `TaskResult`s back **in input
order**; `run` folds each into the `Sink` (its part of the report, input
errors, counts) and the [`Outcome`][knigge_engine.Outcome] (counts, the worst severity, the
suppressions that were used). The same function does the work everywhere; only where it runs and
where the task's part of the report goes differ:

* `SerialExecutor`: in this process, with this process's engine, writing straight
  into the report (`--jobs 1`, and every run `plan`
  does not give to workers);
* `ProcessExecutor`: `--jobs N` worker processes, each
  building its engine once, reading its byte ranges itself and writing each task's part
  of the report to a file of its own; this process only plans, joins the parts (a copy
  of bytes) and counts;
* `SparkExecutor`: the same tasks as Spark tasks (a
  cluster whose executors see the same files).

Byte-identical output across executors is by construction: a task's result depends only
on the task and the engine's recipe, the report is joined in input order by the
reporter's own `ReportParts`, and everything `knigge check`
aggregates across events (counts, the text report's summary with its templated batches,
the grouped input errors, which suppressions were used, log records) is merged in input
order. Rules that read a history see the same one in every worker: the run's history is
recorded from the whole input before any event is judged (see `docs/decisions.md`).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

import attrs

from .io import (
    Importer,
    ImportOptions,
    InputError,
    Located,
    Reporter,
    Summary,
    detect_importer,
    read_paths,
)
from .io import formats as _formats

__all__ = [
    "MIN_BYTES",
    "Executor",
    "Outcome",
    "SerialExecutor",
    "Sink",
    "Source",
    "Task",
    "TaskResult",
    "plan",
    "plan_ranges",
    "run",
    "run_task",
    "task_bytes",
]

log = logging.getLogger("knigge_engine")

#: Bytes per JSONL task at most: large enough that a task's fixed cost (opening its
#: part, one result back) is small, small enough that N workers stay busy to the end
#: (see `task_bytes`).
TASK_BYTES = 4 * 1024 * 1024
#: Bytes per JSONL task at least.
MIN_TASK_BYTES = 128 * 1024
#: Tasks per worker to aim at: events differ in cost, and the last task of a worker
#: should be short.
TASKS_PER_JOB = 8


def task_bytes(paths: Sequence[str], jobs: int) -> int:
    """The size of a JSONL task for `jobs` workers over `paths`: about
    `TASKS_PER_JOB` tasks per worker, within `MIN_TASK_BYTES` and
    `TASK_BYTES`."""
    total = 0
    for raw in paths:
        try:
            total += 0 if raw == "-" else os.stat(raw).st_size
        except OSError:
            continue
    if total == 0:  # standard input: its size is not known yet
        return TASK_BYTES
    return max(MIN_TASK_BYTES, min(TASK_BYTES, total // (max(jobs, 1) * TASKS_PER_JOB)))
BOM = b"\xef\xbb\xbf"


@attrs.frozen
class Task:
    """One unit of input, in input order (`index`).

    `kind` is `"range"` (bytes `start` to `end` of the JSONL file `path`, cut
    at line ends, whose first line is line `line`), `"path"` (the whole of `path`,
    read as `read_paths` reads it: an importer, or the error
    that none fits) or `"kept"` (items already read, in this process only)."""

    index: int
    kind: str
    path: str
    source: str = ""
    start: int = 0
    end: int = 0
    line: int = 1


@attrs.define
class TaskResult:
    """What a task gives back: counts, the most severe finding's rank, the input errors
    in order, the log records its events caused (re-emitted in order by the parent), the
    suppressions that silenced something, and its part of the report (`part`: a file,
    `None` when written straight into the report) with the part writer's `state`."""

    index: int
    read: int = 0
    assessed: int = 0
    actions: dict[str, int] = attrs.field(factory=dict)
    worst: int | None = None
    errors: list[InputError] = attrs.field(factory=list)
    logs: list[tuple[str, int, str, str | None]] = attrs.field(factory=list)
    used: frozenset[int] = frozenset()
    part: str | None = None
    state: Any = None
    #: CPU seconds the task took, and the process that ran it (for the benchmarks).
    cpu: float = 0.0
    worker: int = 0


class Source:
    """The inputs of a run, as tasks. `split` cuts JSONL files into byte ranges (for
    workers); without it every path is one task, read as one process always read it.

    `kept` holds standard input already read (when a history had to see it first)."""

    def __init__(self, paths: Sequence[str], importers: dict[str, Importer],
                 options: ImportOptions, input_format: str | None = None, *,
                 split: bool = False, task_bytes: int = TASK_BYTES,
                 stdin_file: str | None = None) -> None:
        self.paths = tuple(paths)
        self.importers = importers
        self.options = options
        self.input_format = input_format
        self.split = split
        self.task_bytes = task_bytes
        self.stdin_file = stdin_file  # standard input, copied to a file to be split
        self.kept: list[Any] | None = None

    def keep_stdin(self) -> None:
        """Read standard input now and keep its items (a history records them before
        they are assessed; standard input cannot be read twice)."""
        if "-" in self.paths and self.kept is None and self.stdin_file is None:
            self.kept = list(read_paths(["-"], self.importers, self.options,
                                        format=self.input_format, located=True))

    def splits(self, raw: str) -> bool:
        """Whether `raw` is a JSONL file this source cuts into byte ranges."""
        if not self.split:
            return False
        if raw == "-":
            return self.stdin_file is not None
        path = Path(raw)
        if not path.is_file():
            return False
        if self.input_format is not None:
            return self.importers.get(self.input_format) is _formats.JSONL
        return detect_importer(path, self.importers) is _formats.JSONL

    def tasks(self) -> Iterator[Task]:
        """The tasks, in input order."""
        index = 0
        for raw in self.paths:
            raw = str(raw)
            if raw == "-" and self.kept is not None:
                yield Task(index, "kept", raw, "<stdin>")
                index += 1
            elif self.splits(raw):
                target = self.stdin_file if raw == "-" else raw
                assert target is not None
                source = "<stdin>" if raw == "-" else str(Path(raw))
                for start, end, line in plan_ranges(target, self.task_bytes):
                    yield Task(index, "range", target, source, start, end, line)
                    index += 1
            else:
                yield Task(index, "path", raw)
                index += 1

    def read(self, task: Task) -> Iterator[Any]:
        """The task's located events and input errors, in order."""
        if task.kind == "range":
            return _formats.read_jsonl_lines(_range_lines(task), task.source, task.line)
        if task.kind == "kept":
            return iter(self.kept or ())
        return read_paths([task.path], self.importers, self.options,
                          format=self.input_format, located=True)

    def events(self) -> Iterator[Any]:
        """Every event of every task, in order (what a history records first)."""
        for task in self.tasks():
            for item in self.read(task):
                if type(item) is Located:
                    yield item.event


def _range_lines(task: Task) -> list[bytes]:
    with open(task.path, "rb") as stream:
        stream.seek(task.start)
        data = stream.read(task.end - task.start)
    lines = data.split(b"\n")
    if not lines[-1]:
        lines.pop()  # the end of the last line, not a line of its own
    return lines


def plan_ranges(path: str, size: int = TASK_BYTES) -> Iterator[tuple[int, int, int]]:
    """`(start, end, first line number)` of byte ranges of about `size` bytes that
    cover the file `path`, each ending just after a line end (or at the end of the
    file). Only line ends are counted here (a fast scan of bytes); reading the lines is
    the worker's."""
    with open(path, "rb") as stream:
        start, line = 0, 1
        while True:
            stream.seek(start)
            data = stream.read(size)
            if not data:
                return
            if len(data) == size:
                rest = stream.readline()  # up to and including the next line end
                data += rest
            end = start + len(data)
            yield start, end, line
            line += data.count(b"\n")
            start = end


#: Inputs smaller than this (in bytes, all files together) are assessed in one process:
#: starting workers and building their engines costs more than it saves.
MIN_BYTES = 256 * 1024


def plan(*, jobs: int, engine: Any, paths: Sequence[str], importers: Mapping[str, Importer],
         input_format: str | None, reporter: Reporter) -> str | None:
    """Why this run stays in one process (a short reason for the log), or `None` when
    it goes to `jobs` workers."""
    if jobs <= 1:
        return "one job"
    if reporter.parts is None:
        return f"the format '{reporter.name}' is written by one process"
    if engine.strict:
        return "--strict"
    if engine.history is not None:
        return "the engine has a history of its own"
    size = 0
    for raw in paths:
        if raw == "-":
            jsonl = (importers.get(input_format) if input_format is not None
                     else detect_importer(_formats.STDIN, importers)) is _formats.JSONL
            if not jsonl:
                return "standard input in another format than JSONL"
            size += MIN_BYTES  # a stream may be long: the user asked for jobs
            continue
        try:
            size += Path(raw).stat().st_size  # a folder counts as small
        except OSError:
            continue  # reported in order as an input error, as one process does
    if size < MIN_BYTES:
        return "a small input"
    return None




class Sink:
    """The report of a run: the reporter's writer (opened once, on the run's output) and,
    for parts written elsewhere, the reporter's `ReportParts`
    to join them."""

    def __init__(self, reporter: Reporter, stream: IO[str], locale: str, *,
                 show_all: bool = False) -> None:
        self.reporter = reporter
        self.stream = stream
        self.locale = locale
        self.show_all = show_all
        self.writer = reporter.open(stream, locale)
        if show_all and hasattr(self.writer, "show_all"):
            self.writer.show_all = True

    @property
    def parts(self) -> Any:
        """The reporter's parts (`None`: it is written by one process only)."""
        return self.reporter.parts

    def add(self, result: TaskResult) -> None:
        """Fold in a finished task: its input errors, then its part of the report."""
        if result.part is None:
            return  # written straight into the report, errors included
        for error in result.errors:
            self.writer.error(error)
        try:
            with open(result.part, "rb") as part:
                self.parts.join(self.writer, result.state, part)
        finally:
            os.unlink(result.part)

    def close(self, summary: Summary) -> None:
        self.writer.close(summary)


@attrs.define
class Outcome:
    """What the command needs after the run: the closing counts, the most severe rank,
    and the input errors in order (for standard error)."""

    summary: Summary = attrs.field(factory=Summary)
    worst: int | None = None
    errors: list[InputError] = attrs.field(factory=list)

    def add(self, result: TaskResult) -> None:
        s = self.summary
        s.read += result.read
        s.assessed += result.assessed
        s.rejected += len(result.errors)
        for key, n in result.actions.items():
            s.by_action[key] = s.by_action.get(key, 0) + n
        if result.worst is not None and (self.worst is None or result.worst > self.worst):
            self.worst = result.worst
        self.errors.extend(result.errors)


@attrs.define
class Context:
    """What `run_task` needs where it runs: the source (to read a task), the
    engine, the history to judge against (`None`: each event alone), `explain`, and
    how to write: `open_part(index)` returns `(writer, stream, path)` for a part of
    the report, or the report's own writer (`path` `None`) in this process."""

    source: Source
    engine: Any
    history: Any
    explain: bool
    open_part: Any
    capture: Any = None  # a log capture (workers), or None (records go out directly)
    tick: Any = None  # progress: called with the number of items read


def run_task(task: Task, ctx: Context) -> TaskResult:
    """Read, assess and write one task. Used by every executor."""
    started = time.process_time()
    writer, stream, part = ctx.open_part(task.index)
    result = TaskResult(task.index, part=part, worker=os.getpid())
    evaluate = ctx.engine.evaluate
    history, explain = ctx.history, ctx.explain
    actions = result.actions
    errors = result.errors
    worst: int | None = None
    inline = part is None  # this process's own writer: errors go in as they come
    records = ctx.capture.records if ctx.capture is not None else None
    tick = ctx.tick
    try:
        for item in ctx.source.read(task):
            result.read += 1
            if tick is not None:
                tick(1)
            if type(item) is not Located:
                errors.append(item)
                if inline:
                    writer.error(item)
                continue
            event = item.event
            assessment = evaluate(event, explain=explain, source=str(item), history=history)
            result.assessed += 1
            action = assessment.action
            if action is not None:
                key = action.value
                actions[key] = actions.get(key, 0) + 1
            severity = assessment.max_severity()
            if severity is not None and (worst is None or severity.rank > worst):
                worst = severity.rank
            writer.assessment(assessment, event)
        result.worst = worst
        if not inline:
            result.state = writer.finish()
    finally:
        if stream is not None:
            stream.close()
    if records is not None:
        result.logs = list(records)
        records.clear()
    result.used = frozenset(ctx.engine.suppressions.used)
    result.cpu = time.process_time() - started
    return result


class Executor(Protocol):
    """Runs `run_task` over the tasks and yields the results in task order."""

    def map(self, tasks: Iterable[Task]) -> Iterator[TaskResult]: ...


class SerialExecutor:
    """Every task in this process, with this process's engine, writing straight into
    the report."""

    def __init__(self, source: Source, engine: Any, sink: Sink, *, history: Any = None,
                 explain: bool = False, progress: Any = None) -> None:
        self.ctx = Context(source, engine, history, explain,
                           lambda index: (sink.writer, None, None), tick=progress)

    def map(self, tasks: Iterable[Task]) -> Iterator[TaskResult]:
        for task in tasks:
            yield run_task(task, self.ctx)


def run(source: Source, engine: Any, sink: Sink, *, executor: Executor) -> Outcome:
    """Assess every event of `source` and write the report to `sink`: the tasks run
    on `executor`, their results come back in input order and are folded into the
    report and the [`Outcome`][knigge_engine.Outcome]; log records a worker kept are re-emitted in
    order (the once-per-engine notices once); suppressions used anywhere count as used in
    `engine`. Closes the report with the closing counts."""
    outcome = Outcome()
    once: set[str] = set()
    for result in executor.map(source.tasks()):
        for name, levelno, message, notice in result.logs:
            # A structured notice (the plan's unknown-platform warning) is said once
            # per engine: pass it on once, not once per worker.
            if notice is not None:
                if message in once:
                    continue
                once.add(message)
            logging.getLogger(name).log(levelno, "%s", message)
        if result.used:
            engine.suppressions.record_used(result.used)
        outcome.add(result)
        sink.add(result)
    sink.close(outcome.summary)
    return outcome


def stdin_to_file(folder: str) -> str:
    """Copy standard input to a private file in `folder` (so that workers can read
    byte ranges of it); returns its path."""
    import shutil

    target = os.path.join(folder, "stdin.jsonl")
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
    return target
