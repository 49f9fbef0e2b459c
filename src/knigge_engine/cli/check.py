"""``knigge check``: assess events (coach outgoing, triage incoming), one report.

Exit codes, like a linter: see :mod:`knigge_engine.cli`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import click

from ..io import (
    ImportOptions,
    InputError,
    Located,
    Summary,
    collect_importers,
    collect_reporters,
    read_paths,
)
from ..model import Severity
from ..summary import RunSummary
from .common import (
    FAIL_LEVELS,
    build_engine,
    fail,
    open_output,
    require_paths,
    timezone_option,
)
from .due import record_for_check

__all__ = ["check"]


@click.command(short_help="Assess events: coach outgoing, triage incoming.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", default="text", show_default=True,
              help="Output format: text, json, jsonl, or one a plugin adds.")
@click.option("--policy", type=click.Path(dir_okay=False), default=None,
              help="Policy file (default: knigge.toml or [tool.knigge] in pyproject.toml "
              "here or above, else the 'default' preset).")
@click.option("--locale", type=click.Choice(["de", "en", "auto"]), default=None,
              help="Language of messages and replies (overrides the policy).")
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
              help="Worker processes for large JSONL inputs (jsonl and text output); the "
              "output is the same as with one.")
@click.option("--history", "history_path", default=None, metavar="PATH",
              help="Record the events into this history database first (SQLite, created "
              "readable by you only; '@default' for the per-user default) and judge each "
              "against what happened before it. Also: the policy's [history] path.")
@click.option("--run-history/--no-run-history", default=True, show_default=True,
              help="Without --history: keep a history of this run in memory, so that "
              "mass templates (KN110) and conversation openers are judged as with a "
              "history file. --no-run-history judges each event alone (and lets --jobs "
              "use worker processes).")
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
    writer = reporters[fmt].open(out, report_locale)
    if show_all and hasattr(writer, "show_all"):
        writer.show_all = True
    summary = Summary()
    errors = RunSummary()  # groups the input errors for standard error
    threshold = None if fail_on == "never" else Severity(fail_on).rank
    failed = False
    show_progress = sys.stderr.isatty() if progress is None else progress
    items = read_paths(paths, importers, ImportOptions(owner=owner, timezone=timezone),
                       format=input_format, located=True)
    evaluate: Any = engine.evaluate  # or the history's, or the workers' stand-in
    recorded = record_for_check(engine, history_path, paths, lambda: read_paths(
        paths, importers, ImportOptions(owner=owner, timezone=timezone), format=input_format),
        items, run_history=run_history)
    if recorded is not None:  # judged in this process: workers cannot share the history
        (evaluate, items), jobs = recorded, 1
    if jobs > 1:
        from ..parallel import ParallelCheck

        run = ParallelCheck.plan(jobs=jobs, engine=engine, paths=paths, importers=importers,
                                 input_format=input_format, reporter=reporters[fmt],
                                 locale=report_locale, explain=explain, blocked=disable)
        if run is not None:  # else one process: small input, or order-dependent output
            items, evaluate, writer = run.items(), run.evaluate, run.writer(writer, out)
    if show_progress:
        items = _progress(items)
    for item in items:
        if isinstance(item, InputError):
            summary.rejected += 1
            errors.add_error(item)
            writer.error(item)
            continue
        summary.read += 1
        if type(item) is Located:
            assessment = evaluate(item.event, explain=explain, source=str(item))
            item = item.event
        else:  # already assessed by the workers (--jobs)
            assessment = evaluate(item, explain=explain)
        summary.assessed += 1
        if assessment.action is not None:
            key = assessment.action.value
            summary.by_action[key] = summary.by_action.get(key, 0) + 1
        worst = assessment.max_severity()
        if threshold is not None and worst is not None and worst.rank >= threshold:
            failed = True
        writer.assessment(assessment, item)
    summary.read += summary.rejected
    writer.close(summary)
    if out is not sys.stdout:
        out.close()
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


def _progress(items: Iterator[Any]) -> Iterator[Any]:
    """click's progress bar on standard error, counting the events and errors read. It
    draws itself on a terminal; elsewhere (``--progress`` in a pipe) it prints its label
    once. It never shows event content."""
    with click.progressbar(items, label="knigge: reading and assessing", file=sys.stderr,
                           show_pos=True, show_eta=False, update_min_steps=25) as bar:
        yield from bar
