"""`knigge check`: assess events (coach outgoing, triage incoming), one report.

Exit codes, like a linter: see `knigge_engine.cli`.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import tempfile
from collections.abc import Iterator
from typing import Any

import click

from ..io import ImportOptions, collect_importers, collect_reporters
from ..model import Severity
from ..pipeline import SerialExecutor, Sink, Source, plan, run, stdin_to_file, task_bytes
from ..summary import RunSummary
from .common import (
    FAIL_LEVELS,
    build_engine,
    fail,
    open_output,
    require_paths,
    timezone_option,
)
from .histfile import check_history, record_check_history

log = logging.getLogger("knigge_engine")

__all__ = ["check"]


@click.command(short_help="Assess events: coach outgoing, triage incoming.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", default="text", show_default=True,
              help="Output format: text, json, jsonl, or one a plugin adds.")
@click.option("--policy", type=click.Path(dir_okay=False), default=None,
              help="Policy file (default: knigge.toml or [tool.knigge] in pyproject.toml "
              "here or above, else the 'default' preset).")
@click.option("--locale", default=None, metavar="CODE",
              help="Language of messages and replies: de, en, auto or a locale a plugin "
              "adds (overrides the policy).")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="warning",
              show_default=True, help="Exit 1 when a finding is at or above this severity.")
@click.option("--input-format", default=None, help="Force an importer instead of detecting.")
@click.option("--owner", default=None, help="The owner's id, where the input cannot tell.")
@click.option("--timezone", default=None, callback=timezone_option,
              help="Time zone of exports that store times without one: an IANA name "
              "(Europe/Berlin), UTC or an offset (+01:00).")
@click.option("--disable-plugin", "disable", multiple=True,
              help="Leave a plugin out (repeatable).")
@click.option("--strict", is_flag=True, help="Raise when a rule crashes instead of "
              "reporting it.")
@click.option("--explain", is_flag=True, help="Show each assessment's trace: which rules "
              "ran, fired, were skipped or suppressed and why, and how the score became the "
              "action.")
@click.option("-o", "--output", default=None, metavar="FILE",
              help="Write the report to a file (created readable by you only).")
@click.option("--all", "show_all", is_flag=True,
              help="Text format: list every event, not only those that need attention.")
@click.option("--progress/--no-progress", default=None,
              help="Show progress on standard error (default: when it is a terminal).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for large inputs (JSONL files are split among "
              "them, other files are read side by side); the output is the same as with "
              "one.")
@click.option("--history", "history_path", default=None, metavar="PATH",
              help="Record the events into this history database first (SQLite, created "
              "readable by you only; '@default' for the per-user default) and judge each "
              "against what happened before it. Also: the policy's [history] path.")
@click.option("--run-history/--no-run-history", default=True, show_default=True,
              help="Without --history: keep a history of this run in memory, so that "
              "mass templates (KN110) and conversation openers are judged as with a "
              "history file. --no-run-history judges each event alone (faster).")
def check(paths: tuple[str, ...], fmt: str, policy: str | None, locale: str | None,
          fail_on: str, input_format: str | None, owner: str | None, timezone: str | None,
          disable: tuple[str, ...], strict: bool, explain: bool, output: str | None,
          progress: bool | None, jobs: int = 1, history_path: str | None = None,
          run_history: bool = True, show_all: bool = False) -> None:
    """Assess the events in PATHS (JSONL, JSON, or an export a plugin can read; '-' reads
    JSONL from standard input)."""
    require_paths(paths)
    engine = build_engine(policy, disable, strict, locale)
    reporters = collect_reporters(engine.plugins)
    if fmt not in reporters:
        fail(f"unknown format '{fmt}'; known: {', '.join(reporters)}")
    importers = collect_importers(engine.plugins)
    report_locale = engine.policy.locale if engine.policy.locale in ("de", "en") else "en"
    out = open_output(output)
    sink = Sink(reporters[fmt], out, report_locale, show_all=show_all)
    options = ImportOptions(owner=owner, timezone=timezone)
    why = plan(jobs=jobs, engine=engine, paths=paths, importers=importers,
               input_format=input_format, reporter=reporters[fmt])
    if why is not None and jobs > 1:
        log.info("assessing in one process: %s", why)
    with contextlib.ExitStack() as stack:
        folder = None if why is not None else stack.enter_context(
            tempfile.TemporaryDirectory(prefix="knigge-jobs-"))
        bar = stack.enter_context(_progress()) if _show_progress(progress) else None
        tick = None if bar is None else bar.update
        stdin_file = stdin_to_file(folder) if folder and "-" in paths else None
        source = Source(paths, importers, options, input_format, split=folder is not None,
                        stdin_file=stdin_file,
                        task_bytes=task_bytes([stdin_file if p == "-" and stdin_file else p
                                               for p in paths], jobs))
        history, history_file = check_history(engine, history_path, run_history=run_history)
        if history is not None:
            stack.callback(history.close)
        if folder is None:
            if history is not None:
                source.keep_stdin()  # read once: recorded first, then assessed
                record_check_history(history, history_file, source.events())
            executor: Any = SerialExecutor(source, engine, sink, history=history,
                                           explain=explain, progress=tick)
        else:
            from ..parallel import ProcessExecutor, worker_spec

            kind = "none" if history is None else "run" if history_file is None else "file"
            # The run's history is recorded here when the workers inherit it (forked),
            # else by each worker; a history file always here, then read by the workers.
            if kind == "file" or (kind == "run" and ProcessExecutor.forks()):
                record_check_history(history, history_file, source.events())
            spec = worker_spec(engine=engine, source=source, sink=sink, explain=explain,
                               folder=folder, history=kind, blocked=disable,
                               history_path=None if history_file is None
                               else str(history_file))
            executor = ProcessExecutor(spec, jobs, engine=engine, history=history,
                                       progress=tick)
        outcome = run(source, engine, sink, executor=executor)
    summary = outcome.summary
    threshold = None if fail_on == "never" else Severity(fail_on).rank
    failed = threshold is not None and outcome.worst is not None and outcome.worst >= threshold
    if out is not sys.stdout:
        out.close()
    errors = RunSummary()  # groups the input errors for standard error
    for error in outcome.errors:
        errors.add_error(error)
    # Identical errors once, with their rows or lines: "FILE:rows 2–139 (138 rows): …".
    for group in errors.errors():
        click.echo(f"knigge: input error: {group}", err=True)
    click.echo(
        f"knigge: {summary.read} read, {summary.assessed} assessed, "
        f"{summary.rejected} rejected", err=True,
    )
    # Suppressions are policy upkeep, not findings: reported, never part of the exit code.
    for notice in engine.suppression_report():
        click.echo(f"knigge: suppression: {notice}", err=True)
    if summary.rejected or engine.problems:
        sys.exit(2)
    sys.exit(1 if failed else 0)


def _show_progress(progress: bool | None) -> bool:
    return sys.stderr.isatty() if progress is None else progress


@contextlib.contextmanager
def _progress() -> Iterator[Any]:
    """click's progress bar on standard error, counting the events and errors read. It
    draws itself on a terminal; elsewhere (`--progress` in a pipe) it prints its label
    once. It never shows event content."""
    with click.progressbar(iter(()), label="knigge: reading and assessing", file=sys.stderr,
                           show_pos=True, show_eta=False, update_min_steps=25) as bar:
        yield bar
