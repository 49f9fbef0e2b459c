"""The history file of `knigge check --history` and `knigge due`: which file, and
recording a run's events into it before any is judged. Apart from `.due` so that
`knigge check` does not import the `due` command (start-up, docs/performance.md)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..history import HistoryError, SQLiteHistory, default_history_path
from .common import fail

if TYPE_CHECKING:
    from ..engine import Engine

__all__ = ["DEFAULT", "check_history", "record_check_history", "resolve_history_path"]

#: `--history @default`: the per-user default file, whatever the policy says.
DEFAULT = "@default"


def resolve_history_path(option: str | None, engine: Engine) -> Path:
    """`--history PATH` first, then the policy's `[history] path` (relative to the
    policy file), then the per-user default."""
    if option == DEFAULT:
        return default_history_path()
    if option is not None:
        return Path(option).expanduser()
    configured = engine.policy.history.path
    if configured:
        path = Path(configured).expanduser()
        source = engine.policy.source
        if not path.is_absolute() and source and Path(source).exists():
            path = Path(source).resolve().parent / path
        return path
    return default_history_path()


def check_history(engine: Engine, option: str | None, *,
                  run_history: bool = True) -> tuple[Any, Path | None]:
    """The history `knigge check` judges against, not yet recorded: `(history,
    path)` — a `SQLiteHistory` at `path` for `--history` or the policy's
    `[history] path`, else an in-memory history of this run (`path` `None`), else
    (`--no-run-history`) `(None, None)`. Exits with 2 when the file cannot be
    opened."""
    if option is None and not engine.policy.history.path:
        if not run_history:
            return None, None
        from ..history import InMemoryHistory

        return InMemoryHistory(), None
    path = resolve_history_path(option, engine)
    try:
        return SQLiteHistory(path), path
    except HistoryError as exc:
        fail(f"history: {exc}")


def record_check_history(history: Any, path: Path | None, events: Iterable[Any]) -> None:
    """Record `events` into the history of `check_history` before any is judged
    (so each is judged against what happened before its own time, whatever the input
    order); for a file, say how many were recorded. Exits with 2 on a history error."""
    if path is None:
        history.record(events)
        return
    try:
        result = history.record(events)
    except HistoryError as exc:
        history.close()
        fail(f"history: {exc}")
    message = (f"knigge: history {path}: {result.added} recorded, "
               f"{result.duplicates} already there")
    if result.conflicts:
        shown = ", ".join(result.conflict_ids[:5])
        message += (f", {result.conflicts} kept as first recorded although their content "
                    f"changed ({shown}{', …' if result.conflicts > 5 else ''})")
    click.echo(message, err=True)
