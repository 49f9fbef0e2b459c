"""``knigge check --jobs N``: assess a large JSONL input in N worker processes.

The parent reads raw lines and sends them in chunks to N workers; each worker builds its
engine once (from an :class:`~knigge_engine.recipe.EngineRecipe`: the parent's resolved
policy and plugin list) and returns, per line, either an input error or the report text
of the assessment, rendered by the same reporter the parent would have used. The parent
takes the chunks back in input order and feeds them through the command's usual loop,
so counting, the summary, the exit code and every byte of output are the same as with
one process.

What keeps the output byte-identical:

* only reporters whose output per assessment does not depend on earlier ones render in
  the workers (the built-in ``jsonl``); for ``text``, which prints a summary of all
  assessments first, the workers send the assessments back and the parent renders them
  with the same writer as one process; other formats, other importers,
  ``--strict`` (a crash must surface as in one process) and inputs below
  :data:`MIN_BYTES` run in one process;
* log records a worker emits while assessing an event are sent back with that event and
  re-emitted by the parent at the same place in the stream; the once-per-engine warning
  about a platform no plugin provides is passed on once, as one engine would log it;
* which suppressions silenced something is merged back into the parent's engine, so
  the suppression report after the run is the same.

Memory stays flat: at most a few chunks per worker are in flight.
"""

from __future__ import annotations

import concurrent.futures as cf
import io
import logging
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import orjson

from .io import Importer, InputError, Reporter, detect_importer
from .io import formats as _formats
from .io import reporters as _reporters
from .model import Action, EventError, Severity, event_from_dict
from .recipe import EngineRecipe

__all__ = ["MIN_BYTES", "Evaluated", "ParallelCheck"]

log = logging.getLogger("knigge_engine")

#: Inputs smaller than this (in bytes, all files together) are assessed in one process:
#: starting workers and building their engines costs more than it saves.
MIN_BYTES = 256 * 1024
#: Lines per chunk sent to a worker.
CHUNK_LINES = 1000

_ACTIONS = {a.value: a for a in Action}
_SEVERITIES = {s.value: s for s in Severity}
# Reporters whose text for one assessment does not depend on the assessments before it.
_PER_ITEM_REPORTERS = (_reporters.JSONL,)
# Reporters that need every assessment before they write (``text``: its summary comes
# first): the workers send the assessments back and the parent's writer renders them.
_COLLECTING_REPORTERS = (_reporters.TEXT,)


class Evaluated:
    """An assessment done in a worker, as the parent's loop sees it: the report text,
    the action and the most severe finding's severity. ``text`` of the first assessment
    of a chunk holds the report text of the whole chunk; the others' is empty (one write
    per chunk instead of one per event). For a collecting reporter (``text``),
    ``assessment`` and ``event`` (its time and other party) come back instead."""

    __slots__ = ("action", "assessment", "event", "severity", "text")

    def __init__(self, text: str, action: Action | None, severity: Severity | None,
                 assessment: Any = None, event: Any = None) -> None:
        self.text = text
        self.action = action
        self.severity = severity
        self.assessment = assessment
        self.event = event

    def max_severity(self) -> Severity | None:
        """The most severe finding's severity (as :meth:`Assessment.max_severity`)."""
        return self.severity


class _PassThroughWriter:
    """The parent's report writer: assessments arrive already rendered."""

    def __init__(self, writer: Any, stream: IO[str]) -> None:
        self._writer = writer
        self._stream = stream

    def assessment(self, assessment: Any, event: Any) -> None:
        if assessment.text:
            self._stream.write(assessment.text)

    def error(self, error: InputError) -> None:
        self._writer.error(error)

    def close(self, summary: Any) -> None:
        self._writer.close(summary)


class _CollectingWriter:
    """The parent's report writer for a collecting reporter: the workers' assessments
    go to the command's own writer, as in one process."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def assessment(self, assessment: Any, event: Any) -> None:
        self._writer.assessment(assessment.assessment, assessment.event)

    def error(self, error: InputError) -> None:
        self._writer.error(error)

    def close(self, summary: Any) -> None:
        self._writer.close(summary)


class _Sent:
    """What a collecting reporter needs of an event, sent back from a worker: its time
    and the other party."""

    __slots__ = ("at", "other")

    def __init__(self, at: Any, other: Any) -> None:
        self.at = at
        self.other = other


class ParallelCheck:
    """A planned parallel run; make one with :meth:`plan`."""

    def __init__(self, recipe: EngineRecipe, engine: Any, paths: Sequence[str],
                 reporter: str, locale: str, explain: bool, jobs: int,
                 collecting: bool = False) -> None:
        self.collecting = collecting
        self.recipe = recipe
        self.engine = engine
        self.paths = tuple(paths)
        self.reporter = reporter
        self.locale = locale
        self.explain = explain
        self.jobs = jobs

    @classmethod
    def plan(
        cls,
        *,
        jobs: int,
        engine: Any,
        paths: Sequence[str],
        importers: Mapping[str, Importer],
        input_format: str | None,
        reporter: Reporter,
        locale: str,
        explain: bool,
        blocked: Sequence[str] = (),
        uses_history: bool = False,
    ) -> ParallelCheck | None:
        """A parallel run of ``knigge check``, or ``None`` when one process must (or
        should) do it: one job, a small input, a format whose output depends on order,
        an input another importer reads, ``--strict``, or history-dependent rules."""
        if jobs <= 1 or engine.strict or uses_history or engine.history is not None:
            return None
        collecting = any(reporter is r for r in _COLLECTING_REPORTERS)
        if not collecting and not any(reporter is r for r in _PER_ITEM_REPORTERS):
            return None
        if input_format is not None and importers.get(input_format) is not _formats.JSONL:
            return None
        size = 0
        for raw in paths:
            if raw == "-":
                size = MIN_BYTES  # a stream may be long: the user asked for jobs
                continue
            path = Path(raw)
            if not path.exists():
                continue  # reported in order as an input error, as one process does
            if input_format is None and detect_importer(path, importers) is not _formats.JSONL:
                return None
            try:
                size += path.stat().st_size
            except OSError:
                continue
        if size < MIN_BYTES:
            return None
        recipe = EngineRecipe.from_engine(engine, blocked=blocked)
        return cls(recipe, engine, paths, reporter.name, locale, explain, jobs, collecting)

    # ----------------------------------------------------------------- the parent

    def evaluate(self, item: Evaluated, *, explain: bool = False) -> Evaluated:
        """Stands in for ``Engine.evaluate`` in the command's loop: already done."""
        return item

    def writer(self, writer: Any, stream: IO[str]) -> Any:
        """Wrap the command's report writer: rendered texts go straight to ``stream``;
        a collecting reporter's writer gets the workers' assessments."""
        if self.collecting:
            return _CollectingWriter(writer)
        return _PassThroughWriter(writer, stream)

    def items(self) -> Iterator[Evaluated | InputError]:
        """Input errors and evaluated events, in input order (as ``read_paths`` yields
        them, with the assessing done)."""
        ctx = multiprocessing.get_context()
        level = logging.getLogger().getEffectiveLevel()
        log.info("assessing in %d worker processes", self.jobs)
        with cf.ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=ctx, initializer=_init_worker,
            initargs=(self.recipe, self.reporter, self.locale, self.explain, level,
                      self.collecting),
        ) as pool:
            window: deque[tuple[str, cf.Future[Any]]] = deque()
            limit = 2 * self.jobs + 1
            once: set[str] = set()
            for source, chunk in self._chunks():
                if isinstance(chunk, InputError):
                    while window:
                        yield from self._collect(*window.popleft(), once)
                    yield chunk
                    continue
                window.append((source, pool.submit(_work, source, chunk)))
                if len(window) > limit:
                    yield from self._collect(*window.popleft(), once)
            while window:
                yield from self._collect(*window.popleft(), once)

    def _chunks(self) -> Iterator[tuple[str, Any]]:
        for raw in self.paths:
            source = "<stdin>" if raw == "-" else str(Path(raw))
            if raw != "-" and not Path(raw).exists():
                yield source, InputError(source, "", "no such file or folder")
                continue
            try:
                stream: IO[bytes] = sys.stdin.buffer if raw == "-" else open(raw, "rb")  # noqa: SIM115
            except OSError as exc:
                yield source, InputError(source, "", f"cannot read: {exc.strerror or exc}")
                continue
            try:
                start, lines = 1, []  # type: tuple[int, list[bytes]]
                for number, line in enumerate(stream, start=1):
                    if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                        line = line[3:]  # a UTF-8 byte-order mark, as in the serial reader
                    if not lines:
                        start = number
                    lines.append(line)
                    if len(lines) >= CHUNK_LINES:
                        yield source, (start, lines)
                        lines = []
                if lines:
                    yield source, (start, lines)
            except OSError as exc:
                yield source, InputError(source, "", f"cannot read: {exc.strerror or exc}")
            finally:
                if stream is not sys.stdin.buffer:
                    stream.close()

    def _collect(self, source: str, future: cf.Future[Any],
                 once: set[str]) -> Iterator[Evaluated | InputError]:
        results, text, used = future.result()
        if used:
            self.engine.suppressions.record_used(used)
        for result in results:
            if result[0] == "e":
                yield InputError(source, result[1], result[2])
                continue
            _, action, severity, logs, *sent = result
            for name, levelno, message, notice in logs:
                # A structured notice (the plan's unknown-platform warning) is said once
                # per engine: pass it on once, not once per worker.
                if notice is not None:
                    if message in once:
                        continue
                    once.add(message)
                logging.getLogger(name).log(levelno, "%s", message)
            yield Evaluated(text, _ACTIONS.get(action) if action else None,
                            _SEVERITIES.get(severity) if severity else None, *sent)
            text = ""


# --------------------------------------------------------------------- the workers

_STATE: dict[str, Any] = {}


class _Capture(logging.Handler):
    """Keeps a worker's log records for the event being assessed (never note texts: the
    engine does not log them)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str, str | None]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage(),
                             getattr(record, "knigge_notice", None)))


def _init_worker(recipe: EngineRecipe, reporter: str, locale: str, explain: bool,
                 level: int, collecting: bool = False) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    capture = _Capture()
    root.addHandler(capture)
    root.setLevel(level)
    _STATE["capture"] = capture
    try:
        engine = recipe.build()
        from .io import collect_reporters

        _STATE["engine"] = engine
        _STATE["reporter"] = collect_reporters(engine.plugins)[reporter]
        _STATE["locale"] = locale
        _STATE["explain"] = explain
        _STATE["collecting"] = collecting
        # Whatever building the engine logged, the parent's own build already said.
        capture.records.clear()
    except Exception as exc:  # raised again with the first chunk, in the parent
        _STATE["error"] = exc


def _work(source: str,
          chunk: tuple[int, list[bytes]]) -> tuple[list[Any], str, frozenset[int]]:
    error = _STATE.get("error")
    if error is not None:
        raise error
    engine = _STATE["engine"]
    evaluate = engine.evaluate
    explain = _STATE["explain"]
    records = _STATE["capture"].records
    buffer = io.StringIO()
    collecting = _STATE["collecting"]
    writer = None if collecting else _STATE["reporter"].open(buffer, _STATE["locale"])
    out: list[Any] = []
    start, lines = chunk
    for number, raw in enumerate(lines, start=start):
        line = raw.strip()
        if not line:
            continue
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            out.append(("e", f"line {number}", f"invalid JSON: {_formats.json_reason(exc)}"))
            continue
        try:
            event = event_from_dict(data)
        except EventError as exc:
            out.append(("e", f"line {number}", _formats.event_reason(exc)))
            continue
        assessment = evaluate(event, explain=explain, source=f"{source}:line {number}")
        worst = assessment.max_severity()
        logs = list(records)
        records.clear()
        result: tuple[Any, ...] = ("a", assessment.action.value if assessment.action
                                   else None, worst.value if worst else None, logs)
        if writer is None:  # the parent's writer renders it
            result += (assessment, _Sent(event.at, event.other))
        else:
            writer.assessment(assessment, event)
        out.append(result)
    return out, buffer.getvalue(), engine.suppressions.used
