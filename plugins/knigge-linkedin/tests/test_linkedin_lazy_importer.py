"""The importer the plugin registers imports its module on first use (start-up of a
one-event ``knigge check``) and answers like the importer it stands for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import linkedin_exports as le
from knigge_engine import Engine
from knigge_engine.io import ImportOptions, collect_importers

from knigge_linkedin.importer import IMPORTER
from knigge_linkedin.plugin import LAZY_IMPORTER


def test_the_registered_importer_is_the_lazy_one_with_the_same_description():
    found = collect_importers(Engine().plugins)["linkedin-export"]
    assert found is LAZY_IMPORTER
    assert (found.name, found.description, found.priority) == (
        IMPORTER.name, IMPORTER.description, IMPORTER.priority)


def test_it_detects_and_reads_like_the_importer(tmp_path: Path):
    files = le.export_files()
    export = le.write_zip(tmp_path / "export.zip", files)
    folder = le.write_folder(tmp_path / "unpacked", files)
    (tmp_path / "events.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "INVITATIONS.CSV").write_bytes(files["Invitations.csv"])
    (tmp_path / "empty").mkdir()
    paths = [export, folder, folder / "Invitations.csv", tmp_path / "INVITATIONS.CSV",
             tmp_path / "events.jsonl", tmp_path / "other.csv", tmp_path / "empty",
             tmp_path / "missing.zip", Path("-")]
    assert [LAZY_IMPORTER.detect(p) for p in paths] == [IMPORTER.detect(p) for p in paths]
    assert [LAZY_IMPORTER.detect(p) for p in paths[:4]] == [True] * 4
    assert (list(LAZY_IMPORTER.read(export, ImportOptions()))
            == list(IMPORTER.read(export, ImportOptions())))


def test_a_path_no_export_can_be_leaves_the_importer_module_unimported(tmp_path: Path):
    other = tmp_path / "events.jsonl"
    other.write_text("{}\n", encoding="utf-8")
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from knigge_linkedin.plugin import LAZY_IMPORTER\n"
            f"assert not LAZY_IMPORTER.detect(Path({str(other)!r}))\n"
            "print('knigge_linkedin.importer' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"
