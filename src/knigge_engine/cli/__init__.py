"""The ``knigge`` command.

Exit codes, like a linter: **0** nothing at or above the ``--fail-on`` level, **1** at
least one finding at or above it, **2** a usage error, an input error (a line, row or
file that could not be read — the rest is still evaluated), a policy error (nothing is
evaluated) or a broken plugin.
"""

from __future__ import annotations

import logging
import sys

import click

from .. import __version__
from .check import check
from .due import due
from .policy import policy_group
from .rules import explain, rules_cmd

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
