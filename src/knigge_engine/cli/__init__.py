"""The ``knigge`` command.

Exit codes, like a linter: **0** nothing at or above the ``--fail-on`` level, **1** at
least one finding at or above it, **2** a usage error, an input error (a line, row or
file that could not be read — the rest is still evaluated), a policy error (nothing is
evaluated) or a broken plugin. When the reader of standard output goes away
(``knigge check … | head``), the command stops quietly with **141**, the status a shell
gives a program ended by SIGPIPE: the report is incomplete, so it is neither 0 nor 1.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

import click

from .. import __version__
from .check import check
from .due import due
from .policy import policy_group
from .rules import explain, rules_cmd

__all__ = ["BROKEN_PIPE", "main"]

#: The exit status when standard output's reader has gone (128 + SIGPIPE, as a shell
#: reports a program SIGPIPE ended).
BROKEN_PIPE = 141


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


@click.group(cls=_Knigge, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="knigge")
@click.option("-v", "--verbose", count=True, help="More log output on standard error "
              "(never note or message texts).")
def main(verbose: int) -> None:
    """Networking etiquette (Knigge) for contact requests and messages: coach outgoing
    ones, triage incoming ones, follow through over time."""
    logging.basicConfig(
        level=logging.WARNING - 10 * min(verbose, 2),
        format="knigge: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )


main.add_command(check)
main.add_command(rules_cmd)
main.add_command(explain)
main.add_command(policy_group)
main.add_command(due)
