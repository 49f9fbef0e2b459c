"""`knigge check --jobs N`: the executors that run the pipeline's tasks elsewhere.

`ProcessExecutor` runs `run_task` in N worker
processes. The parent plans the tasks (JSONL files cut into byte ranges of about 4 MiB at
line ends: a scan for line ends, no parsing) and joins the results; each worker builds
its engine once, **reads its byte ranges itself**, assesses them and writes each task's
part of the report to a file of its own, so the parent does not compete with the workers
for the cores: per task it copies the part's bytes into the report and adds up counts.
`SparkExecutor` runs the same tasks as Spark tasks.

`plan` says whether a run goes to workers. It does when
`--jobs` is above 1, the report format can be written in parts (every built-in one:
`text`, `json`, `jsonl`; a plugin's format opts in with
`parts`), the run is not `--strict` (a crash must
surface as in one process) and the input is at least
`MIN_BYTES`. JSONL files (and standard input, copied to a
private file first) are cut into byte ranges; every other input (a JSON array, an export
folder or CSV file read by a plugin's importer) is one task per path, read by the
importer in a worker, so several such files are read side by side.

Rules that read a history judge each event against the same history as one process:

* the run's own history (the default without `--history`: KN110 templated batches,
  conversation openers) is recorded from the whole input before any event is judged —
  by the parent before the workers start, when they are forked and inherit it, else by
  each worker itself (one pass over the input, the same in every worker);
* a history file (`--history`) is recorded by the parent first, as in one process,
  and every worker opens it read-only.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from .io import ImportOptions
from .io.reporters import is_utf8
from .pipeline import MIN_BYTES, Context, Source, Task, TaskResult, plan, run_task
from .recipe import EngineRecipe

__all__ = ["MIN_BYTES", "ProcessExecutor", "SparkExecutor", "WorkerSpec", "plan"]

log = logging.getLogger("knigge_engine")

@attrs.frozen
class WorkerSpec:
    """What a worker needs to build its side of the pipeline (plain data): the engine's
    recipe, the report format and its options, the inputs (to read tasks and, for the
    run's history, the whole input), the history (`"none"`, `"run"` or `"file"`
    at `history_path`) and the folder for the parts."""

    recipe: EngineRecipe
    reporter: str
    locale: str
    show_all: bool
    explain: bool
    level: int
    folder: str
    paths: tuple[str, ...]
    options: ImportOptions
    input_format: str | None = None
    stdin_file: str | None = None
    task_bytes: int = 0
    history: str = "none"
    history_path: str | None = None
    encoding_errors: str = "strict"


# What forked workers inherit from the parent instead of building it again: its engine
# and the run's history (set only while a pool is being started).
_INHERIT: dict[str, Any] = {}
_STATE: dict[str, Any] = {}


class _Capture(logging.Handler):
    """Keeps a worker's log records for the task being run (never note texts: the engine
    does not log them)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str, str | None]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage(),
                             getattr(record, "knigge_notice", None)))


def _init_worker(spec: WorkerSpec) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    capture = _Capture()
    root.addHandler(capture)
    root.setLevel(spec.level)
    _STATE.clear()
    try:
        _STATE["ctx"] = _context(spec, capture)
        # Whatever building the engine logged, the parent's own build already said.
        capture.records.clear()
    except Exception as exc:  # raised again with the first task, in the parent
        _STATE["error"] = exc


def _context(spec: WorkerSpec, capture: _Capture) -> Context:
    from .io import collect_importers, collect_reporters

    engine = _INHERIT.get("engine")
    if engine is None:
        engine = spec.recipe.build()
    importers = collect_importers(engine.plugins)
    source = Source(spec.paths, importers, spec.options, spec.input_format, split=True,
                    task_bytes=spec.task_bytes, stdin_file=spec.stdin_file)
    history = None
    if spec.history == "run":
        history = _INHERIT.get("history")
        if history is None:
            from .history import InMemoryHistory

            history = InMemoryHistory()
            history.record(source.events())
    elif spec.history == "file":
        from .history import SQLiteHistory

        assert spec.history_path is not None
        history = SQLiteHistory(spec.history_path, readonly=True)
    parts = collect_reporters(engine.plugins)[spec.reporter].parts
    if parts is None:
        raise RuntimeError(f"the format '{spec.reporter}' cannot be written in parts")

    def open_part(index: int) -> tuple[Any, Any, str]:
        path = os.path.join(spec.folder, f"part-{index:07d}")
        stream = open(path, "w", encoding="utf-8", errors=spec.encoding_errors)  # noqa: SIM115
        return parts.open(stream, spec.locale, spec.show_all), stream, path

    return Context(source, engine, history, spec.explain, open_part, capture=capture)


def _work(task: Task) -> TaskResult:
    error = _STATE.get("error")
    if error is not None:
        raise error
    return run_task(task, _STATE["ctx"])


def worker_spec(*, engine: Any, source: Source, sink: Any, explain: bool, folder: str,
                history: str = "none", history_path: str | None = None,
                blocked: Sequence[str] = ()) -> WorkerSpec:
    """The spec of the workers of a run of `source` into `sink`."""
    stream = sink.stream
    errors = getattr(stream, "errors", None) if is_utf8(stream) else None
    return WorkerSpec(
        recipe=EngineRecipe.from_engine(engine, blocked=blocked),
        reporter=sink.reporter.name, locale=sink.locale, show_all=sink.show_all,
        explain=explain, level=logging.getLogger().getEffectiveLevel(), folder=folder,
        paths=source.paths, options=source.options, input_format=source.input_format,
        stdin_file=source.stdin_file, task_bytes=source.task_bytes, history=history,
        history_path=history_path, encoding_errors=errors or "strict")


class ProcessExecutor:
    """The tasks in `jobs` worker processes, at most a few per worker in flight (the
    parts waiting to be joined stay few); results in task order. On platforms that fork,
    the workers inherit the parent's engine and `history` instead of building them."""

    def __init__(self, spec: WorkerSpec, jobs: int, *, engine: Any = None,
                 history: Any = None, progress: Any = None) -> None:
        self.spec = spec
        self.jobs = jobs
        self.engine = engine
        self.history = history
        self.progress = progress  # called with the number of items of each task

    def map(self, tasks: Iterable[Task]) -> Iterator[TaskResult]:
        ctx = multiprocessing.get_context()
        log.info("assessing in %d worker processes", self.jobs)
        if ctx.get_start_method() == "fork":
            if self.engine is not None:
                _INHERIT["engine"] = self.engine
            if self.history is not None:
                _INHERIT["history"] = self.history
        try:
            with cf.ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx,
                                        initializer=_init_worker,
                                        initargs=(self.spec,)) as pool:
                window: deque[cf.Future[TaskResult]] = deque()
                limit = 2 * self.jobs + 1
                for task in tasks:
                    window.append(pool.submit(_work, task))
                    if len(window) > limit:
                        yield self._done(window.popleft())
                while window:
                    yield self._done(window.popleft())
        finally:
            _INHERIT.clear()


    def _done(self, future: cf.Future[TaskResult]) -> TaskResult:
        result = future.result()
        if self.progress is not None:
            self.progress(result.read)
        return result

    @staticmethod
    def forks() -> bool:
        """Whether workers are forked (and so inherit the parent's engine and history)."""
        return multiprocessing.get_context().get_start_method() == "fork"


def _spark_work(spec: WorkerSpec, task: Task) -> TaskResult:
    if _STATE.get("spec") != spec:
        _init_worker(spec)
        _STATE["spec"] = spec
    return _work(task)


class SparkExecutor:
    """The tasks as Spark tasks (one partition each), results collected in task order.
    The executors must see the input files and the parts' folder (`local[N]`, or a
    shared file system) and have the same plugins installed as the driver."""

    def __init__(self, spark: Any, spec: WorkerSpec) -> None:
        self.spark = spark
        self.spec = spec

    def map(self, tasks: Iterable[Task]) -> Iterator[TaskResult]:
        planned = list(tasks)
        if not planned:
            return
        spec = self.spec
        rdd = self.spark.sparkContext.parallelize(planned, len(planned))
        yield from rdd.map(lambda task: _spark_work(spec, task)).collect()
