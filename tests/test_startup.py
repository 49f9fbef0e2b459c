"""Start-up structure (docs/performance.md, "Start-up"): what a fresh process imports and
compiles, never how long it takes (the times are in ``benchmarks/startup.py``).

- ``import knigge_engine`` imports none of the package's modules beyond its ``__init__``
  (the public names come on first use), and building an engine or checking one event
  imports none of the heavy optional or rarely needed libraries;
- the phrase patterns are compiled on the first text, not when an engine is built;
- the cache of compiled phrase patterns gives the same matches as ``re.compile``, and a
  damaged cache file is compiled anew.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from knigge_engine import text
from knigge_engine.text import compiler
from knigge_engine.text.regex_cache import compile_cached

ROOT = Path(__file__).resolve().parents[1]
INBOX = ROOT / "examples" / "inbox.jsonl"

#: Needed only by a history file (sqlite3), a similarity query with candidates
#: (rapidfuzz), the HTML report (jinja2, altair, vl_convert) or Spark (pyspark, pyarrow).
HEAVY = ("sqlite3", "rapidfuzz", "jinja2", "altair", "vl_convert", "pyspark", "pyarrow")

#: Modules of the package a one-event ``knigge check`` does not need: the other commands,
#: follow-through, the HTML report, the documentation generator, ``explain``, Spark.
NOT_FOR_CHECK = ("knigge_engine.cli.due", "knigge_engine.cli.history",
                 "knigge_engine.cli.policy", "knigge_engine.cli.report",
                 "knigge_engine.cli.rules", "knigge_engine.due", "knigge_engine.report",
                 "knigge_engine.docs", "knigge_engine.explain", "knigge_engine.spark",
                 "knigge_engine.parallel", "knigge_engine.testing")


def _modules_after(code: str, tmp_path: Path) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; what it imported and what it printed."""
    probe = (
        "import atexit, json, sys\n"
        f"out = open({str(tmp_path / 'modules.json')!r}, 'w')\n"
        "found = {}\n"
        "atexit.register(lambda: (json.dump({'modules': sorted(sys.modules), "
        "'found': found}, out), out.close()))\n"
        + code
    )
    env = {**os.environ, "KNIGGE_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-c", probe], env=env, cwd=tmp_path, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    return json.loads((tmp_path / "modules.json").read_text())


def test_import_knigge_engine_imports_no_module_of_the_package(tmp_path):
    result = _modules_after("import knigge_engine\n", tmp_path)
    ours = [m for m in result["modules"] if m.startswith("knigge_engine.")]
    assert ours == []
    assert not [m for m in result["modules"] if m.split(".")[0] in HEAVY]


def test_a_public_name_is_imported_on_first_use(tmp_path):
    result = _modules_after(
        "import knigge_engine\n"
        "found['engine_before'] = 'knigge_engine.engine' in sys.modules\n"
        "found['engine_class'] = knigge_engine.Engine.__module__\n"
        "found['submodule'] = knigge_engine.model.__name__\n",
        tmp_path)
    assert result["found"] == {"engine_before": False, "engine_class": "knigge_engine.engine",
                               "submodule": "knigge_engine.model"}


def test_an_engine_compiles_no_phrase_pattern_and_imports_nothing_heavy(tmp_path):
    result = _modules_after(
        "from knigge_engine import Engine\n"
        "engine = Engine()\n"
        "found['compiled'] = hasattr(engine.analyse, '_phrase_re')\n"
        "engine.analyse('Hallo Frau Berg, wir kennen uns vom IHK-Vortrag.')\n"
        "found['compiled_after_a_text'] = hasattr(engine.analyse, '_phrase_re')\n",
        tmp_path)
    assert result["found"] == {"compiled": False, "compiled_after_a_text": True}
    assert not [m for m in result["modules"] if m.split(".")[0] in HEAVY]


@pytest.mark.parametrize("line", [0, 1], ids=["no note", "with a note"])
def test_checking_one_event_imports_nothing_heavy(tmp_path, line):
    event = tmp_path / "one.jsonl"
    event.write_text(INBOX.read_text(encoding="utf-8").splitlines()[line] + "\n",
                     encoding="utf-8")
    result = _modules_after(
        "from knigge_engine.cli import main\n"
        f"sys.argv = ['knigge', 'check', {str(event)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    found['exit'] = exc.code\n"
        "found['converter'] = sys.modules['knigge_engine.model']._CONVERTER is not None\n",
        tmp_path)
    assert result["found"]["exit"] in (0, 1)  # checked, not failed
    # The event (bound, recorded in the run's history, judged) needed no cattrs code.
    assert result["found"]["converter"] is False
    assert "knigge_engine.cli.check" in result["modules"]
    assert not [m for m in result["modules"] if m.split(".")[0] in HEAVY]
    assert not [m for m in result["modules"]
                if m in NOT_FOR_CHECK or m.startswith("knigge_engine.report.")]
    # The installed plugins are found without importlib.metadata, and the importers of
    # platform exports are imported only for a path that can be an export.
    assert "importlib.metadata" not in result["modules"]
    assert "difflib" not in result["modules"]  # only for a suggestion
    assert not [m for m in result["modules"] if m.endswith(".importer")]
    assert [m for m in result["modules"] if m.endswith(".plugin")]  # plugins were loaded


def test_the_commands_are_imported_when_used_or_listed(tmp_path):
    result = _modules_after(
        "from knigge_engine.cli import main\n"
        "found['before'] = sorted(m for m in sys.modules if m.startswith('knigge_engine.cli.'))\n"
        "found['names'] = sorted(main.commands)\n"
        "found['after_names'] = 'knigge_engine.cli.due' in sys.modules\n"
        "found['due'] = main.commands['due'].name\n"
        "found['after_due'] = 'knigge_engine.cli.due' in sys.modules\n"
        "found['all'] = sorted(c.name for c in main.commands.values())\n",
        tmp_path)
    names = ["check", "due", "explain", "history", "policy", "report", "rules"]
    assert result["found"] == {"before": [], "names": names, "after_names": False,
                               "due": "due", "after_due": True, "all": names}


# ------------------------------------------------------------------ the pattern cache


def _spans(pattern: re.Pattern[str], s: str) -> list[tuple[int, int, int | None]]:
    return [(*m.span(), m.lastindex) for m in pattern.finditer(s)]


def test_a_cached_pattern_matches_like_re_compile(tmp_path, monkeypatch):
    monkeypatch.setenv("KNIGGE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("KNIGGE_NO_CACHE", raising=False)
    source = r" (?=(?:hallo(?!\w)()|ich bin(?! kein)(?!\w)()|gr(?:ü|ue)(?:ß|ss)e(?!\w)()))"
    built = []

    def build() -> tuple[str, list[int]]:
        built.append(1)
        return source, [-1, 0, 1, 2]

    first, extra = compile_cached("key", build)
    second, extra_again = compile_cached("key", build)  # from the file
    assert built == [1]  # the second time, neither built nor compiled
    assert len(list(tmp_path.glob("re-*.bin"))) == 1
    assert extra == extra_again == [-1, 0, 1, 2]
    plain = re.compile(source)
    for s in (" hallo anna, ich bin controller. grüße", " ich bin kein", " gruesse hallo"):
        assert _spans(second, s) == _spans(first, s) == _spans(plain, s)
    assert (second.pattern, second.flags, second.groups) == (plain.pattern, plain.flags,
                                                             plain.groups)


def test_a_damaged_cache_file_is_compiled_anew(tmp_path, monkeypatch):
    monkeypatch.setenv("KNIGGE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("KNIGGE_NO_CACHE", raising=False)
    compile_cached("k", lambda: (" (?=ab()|cd())", [-1, 0, 1]))
    (path,) = tmp_path.glob("re-*.bin")
    head, _, body = path.read_bytes().partition(b"\n")
    for damaged in (b"", head + b"\n" + body[: len(body) // 2], head + b"\n" + b"\xff" * 64,
                    b"not json\n" + body):
        path.write_bytes(damaged)
        pattern, extra = compile_cached("k", lambda: (" (?=ab()|cd())", [-1, 0, 1]))
        assert _spans(pattern, " ab cd") == _spans(re.compile(" (?=ab()|cd())"), " ab cd")
        assert _spans(pattern, " ab cd") == [(0, 1, 1), (3, 4, 2)]
        assert extra == [-1, 0, 1]


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("KNIGGE_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("KNIGGE_NO_CACHE", "1")
    pattern, _ = compile_cached("k2", lambda: ("a+", None))
    assert pattern.fullmatch("aaa")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_folder_costs_only_the_saving(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("KNIGGE_CACHE_DIR", str(blocker / "cache"))  # below a file
    monkeypatch.delenv("KNIGGE_NO_CACHE", raising=False)
    pattern, _ = compile_cached("k3", lambda: ("b+", None))
    assert pattern.fullmatch("bb")


def test_the_default_analysers_phrases_from_the_cache_analyse_alike(tmp_path, monkeypatch):
    monkeypatch.setenv("KNIGGE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("KNIGGE_NO_CACHE", raising=False)
    notes = [json.loads(line).get("note") or ""
             for line in INBOX.read_text(encoding="utf-8").splitlines()]
    fresh = [text.TextAnalyser(sales_phrases=["Sonderangebot XY"])(n) for n in notes]
    cached_pattern = dict(compiler._COMBINED)
    compiler._COMBINED.clear()  # the next analyser reads the file this one wrote
    try:
        again = [text.TextAnalyser(sales_phrases=["Sonderangebot XY"])(n) for n in notes]
    finally:
        compiler._COMBINED.clear()
        compiler._COMBINED.update(cached_pattern)
    assert again == fresh
    assert list(tmp_path.glob("re-*.bin"))
