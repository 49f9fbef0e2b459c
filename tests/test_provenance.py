"""Where each assessed event came from: ``Assessment.source`` from the readers
(``file:line N`` for JSONL, ``file:$[i]`` for JSON arrays), the same with ``--jobs``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from knigge_engine import Engine
from knigge_engine.cli import main
from knigge_engine.io import ImportOptions, Located, collect_importers, read_paths

EVENT = {
    "kind": "contact_request", "platform": "xing", "direction": "incoming",
    "at": "2026-11-02T09:15:00+01:00", "sender": {"id": "u-1", "name": "Max Beispiel"},
    "recipient": {"id": "me"}, "note": "Hallo Frau Berg, wir haben uns beim IHK-Vortrag "
    "in Hamburg getroffen. Viele Grüße, Max",
}


def _lines(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    rows = [dict(EVENT, id="a"), None, dict(EVENT, id="b"), dict(EVENT, id="c")]
    # line 2 is blank, line 3 holds "b", line 4 is broken, line 5 holds "c"
    text = (json.dumps(rows[0]) + "\n\n" + json.dumps(rows[2]) + "\n{broken\n"
            + json.dumps(rows[3]) + "\n")
    path.write_text(text, encoding="utf-8")
    return path


def test_read_paths_locates_jsonl_lines_and_json_items(tmp_path: Path) -> None:
    engine = Engine()
    importers = collect_importers(engine.plugins)
    jsonl = _lines(tmp_path)
    array = tmp_path / "in.json"
    array.write_text(json.dumps([dict(EVENT, id="x"), dict(EVENT, id="y")]), encoding="utf-8")
    items = list(read_paths([jsonl, array], importers, ImportOptions(), located=True))
    where = [str(i) for i in items if isinstance(i, Located)]
    assert where == [f"{jsonl}:line 1", f"{jsonl}:line 3", f"{jsonl}:line 5",
                     f"{array}:$[0]", f"{array}:$[1]"]
    assert [i.event.id for i in items if isinstance(i, Located)] == ["a", "b", "c", "x", "y"]
    # Without located=True the same events come bare (the API every caller had before).
    bare = list(read_paths([jsonl, array], importers, ImportOptions()))
    assert [e.id for e in bare if hasattr(e, "id")] == ["a", "b", "c", "x", "y"]
    assert not any(isinstance(e, (Located, tuple)) for e in bare)


def test_check_output_names_the_line_of_each_event(tmp_path: Path) -> None:
    path = _lines(tmp_path)
    serial = CliRunner().invoke(main, ["check", str(path), "--format", "jsonl",
                                       "--no-run-history", "--fail-on", "never"])
    assert serial.exit_code == 2  # the broken line 4
    got = [json.loads(line) for line in serial.stdout.splitlines()]
    assert [(a["event"], a["source"]) for a in got] == [
        ("a", f"{path}:line 1"), ("b", f"{path}:line 3"), ("c", f"{path}:line 5")]
    parallel = CliRunner().invoke(main, ["check", str(path), "--format", "jsonl", "-j", "2",
                                         "--no-run-history", "--fail-on", "never"])
    assert parallel.stdout == serial.stdout


def test_api_source_is_carried_and_left_out_when_unknown() -> None:
    engine = Engine()
    event = dict(EVENT, id="r-1")
    assert "source" not in engine.evaluate(event).to_dict()
    assert engine.evaluate(event, source="crm:42").to_dict()["source"] == "crm:42"
