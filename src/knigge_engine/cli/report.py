"""`knigge report`: assess PATHS as `knigge check` does and write one self-contained
HTML page — summary, plots, the follow-through to-do list, per-event details.

Needs the `report` extra (Jinja2, altair, vl-convert); without it the command stops
with a usage error (2) that names the extra. Exit codes: 0 the report was written,
2 a usage, input, policy or history error (a rejected line or row is listed in the
report and on standard error; the rest is still reported).
"""

from __future__ import annotations

import os
import sys

import click

from ..io import ImportOptions, InputError, collect_importers, read_paths
from .common import build_engine, fail, open_output, parse_now
from .due import record_for_check

__all__ = ["report"]


@click.command(short_help="Write a self-contained HTML report: summary, plots, to-do.")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", default="knigge-report.html", show_default=True,
              metavar="FILE", help="The HTML file to write (created readable by you only: "
              "it quotes notes and messages).")
@click.option("--history", "history_path", default=None, metavar="PATH",
              help="Record the events into this history database first (as `knigge check "
              "--history`); outcomes, replies and the to-do list then also use what it "
              "recorded before. Default: a history of this run in memory.")
@click.option("--now", "now_text", default=None, metavar="TIME",
              help="The moment of the to-do list, ISO 8601 with offset (default: now).")
@click.option("--horizon", type=click.IntRange(min=0), default=None, metavar="DAYS",
              help="List to-do items that started within DAYS before --now; older ones are "
              "counted in one line (default: the policy's horizon_days; 0 lists all).")
@click.option("--max-events", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Per-event details listed at most (newest first); the summary and plots "
              "count every event.")
@click.option("--policy", type=click.Path(dir_okay=False), default=None,
              help="Policy file (default: knigge.toml or [tool.knigge] in pyproject.toml "
              "here or above, else the 'default' preset).")
@click.option("--locale", default=None, metavar="CODE",
              help="Language of findings and replies: de, en, auto or a locale a plugin "
              "adds (overrides the policy).")
@click.option("--input-format", default=None, help="Force an importer instead of detecting.")
@click.option("--owner", default=None, help="The owner's id, where the input cannot tell.")
@click.option("--timezone", default=None,
              help="Time zone of exports that store times without one (e.g. Europe/Berlin).")
@click.option("--disable-plugin", "disable", multiple=True,
              help="Leave a plugin out (repeatable).")
def report(paths: tuple[str, ...], output: str, history_path: str | None,
           now_text: str | None, horizon: int | None, max_events: int, policy: str | None,
           locale: str | None, input_format: str | None, owner: str | None,
           timezone: str | None, disable: tuple[str, ...]) -> None:
    """Assess the events in PATHS (JSONL, JSON, or an export a plugin can read) and write
    one HTML file that needs nothing else: no script, no network."""
    from ..report import missing_extra

    missing = missing_extra()
    if missing:
        fail(f"knigge report needs the 'report' extra ({', '.join(missing)} "
             "not installed): pip install 'knigge-engine[report]' (from a checkout: "
             "pip install '.[report]')")
    if output == "-":
        fail("knigge report writes a file: give -o FILE (the page is for a browser)")
    now = parse_now(now_text)
    engine = build_engine(policy, disable, False, locale)
    _check_output(output)  # usage errors about the file before anything is read
    importers = collect_importers(engine.plugins)
    options = ImportOptions(owner=owner, timezone=timezone)
    items = read_paths(paths, importers, options, format=input_format, located=True)
    recorded = record_for_check(engine, history_path, paths, lambda: read_paths(
        paths, importers, options, format=input_format), items, run_history=True)
    assert recorded is not None  # run_history=True: always a history
    evaluate, items = recorded
    history = evaluate.keywords["history"]

    from ..report.data import collect
    from ..report.render import render_html

    def on_error(error: InputError) -> None:
        click.echo(f"knigge: input error: {error}", err=True)

    try:
        data = collect(engine, items, evaluate, history, now, sources=paths,
                       horizon_days=horizon, max_events=max_events, on_error=on_error)
        page = render_html(data)
    finally:
        history.close()
    with open_output(output) as out:  # written only when the page is complete
        out.write(page)
    click.echo(f"knigge: {data.read} read, {data.assessed} assessed, {data.rejected} "
               f"rejected; {data.due_listed} to do; report written to {output} "
               f"({len(page.encode()) / 1e6:.1f} MB)", err=True)
    if data.rejected or engine.problems:
        sys.exit(2)
    sys.exit(0)


def _check_output(path: str) -> None:
    """What `open_output` would refuse, before anything is read."""
    if os.path.isdir(path):
        fail(f"cannot write the report to {path}: it is a folder (give a file name)")
    parent = os.path.dirname(path) or "."
    if not os.path.isdir(parent):
        fail(f"cannot write the report to {path}: the folder {parent} does not exist")
