"""The importer the plugin registers imports its module on first use (start-up of a
one-event ``knigge check``) and answers like the importer it stands for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from knigge_engine import Engine
from knigge_engine.io import ImportOptions, collect_importers

from fbexport import export_files, write_export, write_zip
from knigge_facebook.importer import FACEBOOK_EXPORT
from knigge_facebook.plugin import LAZY_EXPORT


def test_the_registered_importer_is_the_lazy_one_with_the_same_description():
    found = collect_importers(Engine().plugins)["facebook"]
    assert found is LAZY_EXPORT
    assert (found.name, found.description, found.priority) == (
        FACEBOOK_EXPORT.name, FACEBOOK_EXPORT.description, FACEBOOK_EXPORT.priority)


def test_it_detects_and_reads_like_the_importer(tmp_path: Path):
    folder = write_export(tmp_path / "unpacked", "2022", threads={})
    export = write_zip(tmp_path / "facebook-jana.zip", export_files("2022"))
    lone = folder / "connections/friends/received_friend_requests.json"
    (tmp_path / "events.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "other.json").write_text("[]", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    paths = [folder, export, lone, tmp_path / "events.jsonl", tmp_path / "other.json",
             tmp_path / "empty", tmp_path / "missing.zip", Path("-")]
    assert [LAZY_EXPORT.detect(p) for p in paths] == [FACEBOOK_EXPORT.detect(p)
                                                      for p in paths]
    assert [LAZY_EXPORT.detect(p) for p in paths[:3]] == [True] * 3
    assert (list(LAZY_EXPORT.read(export, ImportOptions()))
            == list(FACEBOOK_EXPORT.read(export, ImportOptions())))


def test_a_path_no_export_can_be_leaves_the_importer_module_unimported(tmp_path: Path):
    other = tmp_path / "events.jsonl"
    other.write_text("{}\n", encoding="utf-8")
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from knigge_facebook.plugin import LAZY_EXPORT\n"
            f"assert not LAZY_EXPORT.detect(Path({str(other)!r}))\n"
            "print('knigge_facebook.importer' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"
