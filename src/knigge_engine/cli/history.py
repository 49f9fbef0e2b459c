"""`knigge history`: look after the history database."""

from __future__ import annotations

import sys

import click

from .common import build_engine, fail

__all__ = ["history_group"]


@click.group("history", short_help="Look after the history database.")
def history_group() -> None:
    """The SQLite history that `check --history` records into and `due` reads."""


@history_group.command("check", short_help="Examine a history file for damage.")
@click.option("--history", "history_path", default=None, metavar="PATH",
              help="History database (default: the policy's [history] path, else "
              "$XDG_DATA_HOME/knigge/history.sqlite3).")
@click.option("--policy", type=click.Path(dir_okay=False), default=None,
              help="Policy file (default: knigge.toml or [tool.knigge] here or above).")
@click.option("--max-problems", type=click.IntRange(min=1), default=20, show_default=True,
              help="Stop after this many problems.")
def history_check(history_path: str | None, policy: str | None, max_problems: int) -> None:
    """Read the whole file: SQLite's integrity check of every page and index, the schema,
    and every stored event. Exit 0 when it is sound, 2 when it is damaged (each problem
    on a line) or cannot be opened. Opening a history for `check` or `due` runs only the
    cheap checks; run this after a crash, a full disk or a copy you do not trust.
    The file is opened read-only and never changed."""
    from ..history import HistoryError, SQLiteHistory
    from .histfile import resolve_history_path

    engine = build_engine(policy, (), False, None)
    path = resolve_history_path(history_path, engine)
    if not path.exists():
        fail(f"history: {path}: no history database here")
    try:
        with SQLiteHistory(path, readonly=True) as history:
            problems = history.integrity_check(max_problems=max_problems)
            count = len(history) if not problems else None
            version = history.schema_version() if not problems else None
    except HistoryError as exc:
        fail(f"history: {exc}")
    if problems:
        for problem in problems:
            click.echo(f"knigge: history {path}: {problem}", err=True)
        n = len(problems)
        more = " or more" if n >= max_problems else ""
        fail(f"history: {path}: damaged ({n} problem{'s' if n != 1 else ''}{more}); "
             "keep a copy, then record your exports into a new file")
    click.echo(f"{path}: sound (schema version {version}, {count:,} events)")
    sys.exit(0)
