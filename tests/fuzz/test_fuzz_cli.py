"""Fuzz target: the ``knigge`` command line, in process (click's runner).

Properties, for any JSONL input and any combination of ``check``'s options (formats,
levels, locales, owners, time zones, input formats, an in-memory or a file history,
``--explain``, ``--strict``): the exit code is 0, 1 or 2 — never 3 (a bug) and never an
uncaught exception; a ``json`` report that was written parses; ``due`` over the history
that ``check`` recorded answers the same way."""

from __future__ import annotations

import orjson
from click.testing import CliRunner
from fuzzkit import FUZZ, count
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz_jsonl import lines

from knigge_engine.cli import main

options = st.fixed_dictionaries({
    "--format": st.sampled_from(["text", "json", "jsonl", "sarif", "html", "nope"]),
    "--fail-on": st.sampled_from(["info", "warning", "error", "never"]),
}, optional={
    "--locale": st.sampled_from(["de", "en", "auto", "fr"]),
    "--owner": st.sampled_from(["me", "Jana Schröder", "", "x" * 300, "\u202e"]),
    "--timezone": st.sampled_from(["Europe/Berlin", "UTC", "+01:00", "Europe/Berln", "",
                                   "../../etc/passwd", "-25:00"]),
    "--input-format": st.sampled_from(["jsonl", "json", "linkedin", "xing", "nope"]),
    "--explain": st.just(None), "--strict": st.just(None), "--no-run-history": st.just(None),
})


@FUZZ
@given(st.lists(lines, min_size=0, max_size=15), options, st.booleans())
def test_check_exits_0_1_or_2(tmp_path_factory, raw_lines, opts, history):
    folder = tmp_path_factory.mktemp("cli")
    path = folder / "in.jsonl"
    path.write_bytes(b"\n".join(raw_lines) + b"\n")
    args = ["check", str(path)]
    for key, value in opts.items():
        args += [key] if value is None else [key, value]
    if history:
        args += ["--history", str(folder / "h.sqlite3")]
    result = CliRunner().invoke(main, args, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output[-500:])
    if opts["--format"] == "json" and result.exit_code in (0, 1):
        orjson.loads(result.stdout)
    if history and (folder / "h.sqlite3").exists():
        due = CliRunner().invoke(main, ["due", "--history", str(folder / "h.sqlite3"),
                                        "--now", "2027-01-15T09:00:00+01:00",
                                        "--format", "json"])
        assert due.exit_code in (0, 1, 2), (due.exit_code, due.output[-500:])
        if due.exit_code in (0, 1):
            orjson.loads(due.stdout)
    count("cli runs")
