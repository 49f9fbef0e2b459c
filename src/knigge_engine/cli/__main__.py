"""`python -m knigge_engine.cli`: the `knigge` command."""

from . import main

main()
