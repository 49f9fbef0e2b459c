"""The `knigge` command.

Exit codes, like a linter: **0** nothing at or above the `--fail-on` level, **1** at
least one finding at or above it, **2** a usage error, an input error (a line, row or
file that could not be read — the rest is still evaluated), a policy error (nothing is
evaluated) or a broken plugin. When the reader of standard output goes away
(`knigge check … | head`), the command stops quietly with **141**, the status a shell
gives a program ended by SIGPIPE: the report is incomplete, so it is neither 0 nor 1.
**3** is an internal error — a bug in knigge_engine or in a plugin's importer or
reporter, never a verdict on the input: one line says so and how to report it, and
`knigge --traceback …` (or `KNIGGE_TRACEBACK=1`) shows the traceback. (A rule that
crashes is isolated and reported as KE001; that is not an internal error.)
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import HistoryError

__all__ = ["BROKEN_PIPE", "INTERNAL_ERROR", "main"]

#: The exit status when standard output's reader has gone (128 + SIGPIPE, as a shell
#: reports a program SIGPIPE ended).
BROKEN_PIPE = 141

#: The exit status of an internal error (a bug), distinct from findings (1) and from
#: usage, input, policy and history errors (2).
INTERNAL_ERROR = 3

ISSUES = "the project's issue tracker (docs/contributing.md, 'Reporting a bug')"


#: The subcommands: name -> (module, attribute). A command's module is imported when the
#: command is run or listed (`knigge --help`), not at start: `knigge check` imports
#: none of the others (start-up, docs/performance.md).
COMMANDS: dict[str, tuple[str, str]] = {
    "check": (".check", "check"),
    "rules": (".rules", "rules_cmd"),
    "explain": (".rules", "explain"),
    "policy": (".policy", "policy_group"),
    "due": (".due", "due"),
    "history": (".history", "history_group"),
    "report": (".report", "report"),
}


class LazyCommands(MutableMapping[str, click.Command]):
    """A group's commands, each imported on first access. Listing the names imports
    nothing; reading a command (`[name]`, `get`, `items`, `values`) imports its
    module."""

    def __init__(self, lazy: dict[str, tuple[str, str]]) -> None:
        self._lazy = dict(lazy)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        where = self._lazy.get(name)
        if where is not None:
            module, attribute = where
            command = getattr(importlib.import_module(module, __name__), attribute)
            self._loaded[name] = command
            del self._lazy[name]
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._lazy.pop(name, None)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        if self._lazy.pop(name, None) is None:
            del self._loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in self._lazy or name in self._loaded

    def __iter__(self) -> Iterator[str]:
        return iter([*self._loaded, *self._lazy])

    def __len__(self) -> int:
        return len(self._loaded) + len(self._lazy)


class _Knigge(click.Group):
    """The command group, plus a quiet end when standard output's reader goes away."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # a closed pipe shows here at the latest
        except BrokenPipeError:
            # Nothing more can be written: point stdout at nothing, so that the
            # interpreter's own flush at exit does not complain, and stop.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(BROKEN_PIPE)
        except (click.exceptions.ClickException, click.exceptions.Exit,
                click.exceptions.Abort, SystemExit, KeyboardInterrupt):
            raise
        except HistoryError as exc:
            # The history failed while a rule read it (damaged, locked, gone): an input
            # error that stops the run, never a crashing rule or a clean exit.
            from .common import fail

            fail(f"history: {exc}; the run stopped here")
        except Exception as exc:  # noqa: BLE001 - the last line of defence: exit 3
            _internal_error(exc, bool(ctx.params.get("traceback")))


def _internal_error(exc: BaseException, show: bool) -> None:
    """One line that names the failure as a bug (the exception's type and where it was
    raised, never its message: that may quote a note) and exit 3; the traceback with
    `--traceback`."""
    import traceback

    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" in {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    if show or os.environ.get("KNIGGE_TRACEBACK") == "1":
        traceback.print_exception(exc, file=sys.stderr)
    click.echo(f"knigge: internal error: {type(exc).__name__}{where}. This is a bug, not "
               f"a verdict on your input; please report it to {ISSUES} with the output "
               "of the same command run as 'knigge --traceback …' (check that it quotes "
               "no private text before you share it).", err=True)
    sys.stdout.flush()
    sys.exit(INTERNAL_ERROR)


@click.group(cls=_Knigge, commands=LazyCommands(COMMANDS),
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="knigge")
@click.option("-v", "--verbose", count=True, help="More log output on standard error "
              "(never note or message texts).")
@click.option("--traceback", is_flag=True, help="On an internal error (exit 3), show the "
              "traceback (also: KNIGGE_TRACEBACK=1).")
def main(verbose: int, traceback: bool = False) -> None:
    """Networking etiquette (Knigge) for contact requests and messages: coach outgoing
    ones, triage incoming ones, follow through over time."""
    logging.basicConfig(
        level=logging.WARNING - 10 * min(verbose, 2),
        format="knigge: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )

