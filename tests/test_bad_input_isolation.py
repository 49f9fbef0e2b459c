"""An importer's bug ends its file, not the run; counts beyond 64 bits are refused at the
model's edge (they could be neither written as JSON nor stored in the history)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knigge_engine import EventError, Profile, event_from_dict
from knigge_engine.io import ImportOptions, InputError, read_paths
from knigge_engine.io.base import Importer
from knigge_engine.testing import make_event


def _broken_read(path: Path, options: ImportOptions):
    yield event_from_dict(make_event("message", "incoming"))
    raise KeyError("Hallo Frau Weber, private text")


def test_an_importer_that_raises_becomes_an_error_for_its_file_and_the_next_file_is_read(
        tmp_path):
    first, second = tmp_path / "a.broken", tmp_path / "b.broken"
    first.write_text("x")
    second.write_text("y")
    calls = []

    def read(path, options):
        calls.append(path.name)
        return _broken_read(path, options)

    importers = {"broken": Importer("broken", "a buggy format", lambda p: True, read)}
    items = list(read_paths([first, second], importers))
    errors = [i for i in items if isinstance(i, InputError)]
    assert calls == ["a.broken", "b.broken"]
    assert len(items) == 4 and len(errors) == 2
    assert "importer 'broken' failed (KeyError)" in errors[0].reason
    assert "Weber" not in errors[0].reason  # no exception text: it may quote the input


@pytest.mark.parametrize("value", [2**63, 2**64, 10**30])
def test_counts_beyond_64_bits_are_refused_naming_the_field(value):
    with pytest.raises(ValueError, match="'contact_count' is out of range"):
        Profile(id="u", contact_count=value)
    event = make_event("contact_request", "incoming")
    event["sender"]["contact_count"] = value
    with pytest.raises(EventError, match="out of range"):
        event_from_dict(event)


def test_the_largest_64_bit_count_is_still_a_count():
    assert Profile(id="u", contact_count=2**63 - 1).contact_count == 2**63 - 1


def test_unknown_platforms_cost_bounded_memory_and_a_bounded_warning(caplog):
    # Before the shared generic plan, every distinct platform value compiled and kept
    # its own plan (~128 KB each: 2,000 values held 251 MiB) and logged the whole value.
    import tracemalloc

    from knigge_engine import Engine, Policy

    engine = Engine(Policy(), entry_points=False)
    event = make_event("message", "incoming")

    def run(start, count):
        for i in range(start, start + count):
            engine.evaluate({**event, "platform": f"net-{i}-" + "x" * 200})

    run(0, 500)  # warm up caches that are there anyway
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    run(500, 10_000)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(s.size_diff for s in after.compare_to(before, "filename"))
    assert grown < 16 * 1024 * 1024, grown
    warnings = [r.getMessage() for r in caplog.records if "platform" in r.getMessage()]
    assert len(warnings) <= 101
    assert all(len(w) < 200 for w in warnings)  # the 200-character values are elided
    assert len(engine.plan.unknown_platforms) == 100


def test_a_byte_order_mark_before_the_first_jsonl_line_is_skipped(tmp_path):
    import json

    path = tmp_path / "events.jsonl"
    lines = [json.dumps(make_event("message", "incoming")) for _ in range(2)]
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")
    from knigge_engine.io import collect_importers
    from knigge_engine.plugins import load_plugins

    importers = collect_importers(load_plugins(entry_points=False))
    items = list(read_paths([path], importers))
    assert [type(i).__name__ for i in items] == ["Message", "Message"]
    # A mark anywhere else is not skipped: it is not where editors write it.
    path.write_bytes(lines[0].encode() + b"\n\xef\xbb\xbf" + lines[1].encode() + b"\n")
    items = list(read_paths([path], importers))
    assert isinstance(items[1], InputError) and items[1].location == "line 2"


def test_check_into_a_closed_pipe_stops_quietly_with_141(tmp_path):
    import json
    import subprocess
    import sys

    path = tmp_path / "many.jsonl"
    event = make_event("contact_request", "incoming", note="Hallo, ich bin Jana.")
    path.write_text("".join(json.dumps({**event, "id": f"r-{i}"}) + "\n"
                            for i in range(3000)))
    proc = subprocess.Popen([sys.executable, "-m", "knigge_engine.cli", "check", str(path),
                             "--format", "jsonl", "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()  # like `head -1`: read a line, then go away
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
