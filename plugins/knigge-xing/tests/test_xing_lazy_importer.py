"""The importers the plugin registers import their module on first use (start-up of a
one-event ``knigge check``) and answer like the importers they stand for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from knigge_engine import Engine
from knigge_engine.io import ImportOptions, collect_importers

import xingdata as x
from knigge_xing.importer import IMPORTERS
from knigge_xing.plugin import LAZY_IMPORTERS


def test_the_registered_importers_are_the_lazy_ones_with_the_same_descriptions():
    found = collect_importers(Engine().plugins)
    for lazy, full in zip(LAZY_IMPORTERS, IMPORTERS, strict=True):
        assert found[lazy.name] is lazy
        assert (lazy.name, lazy.description, lazy.priority) == (
            full.name, full.description, full.priority)


def test_they_detect_and_read_like_the_importers(tmp_path: Path):
    card = x.write(tmp_path / "card.VCF", x.VCARD_30)
    contacts = x.write(tmp_path / "contacts.csv", x.CONTACTS_CSV)
    (tmp_path / "events.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "folder.vcf").mkdir()
    paths = [card, contacts, tmp_path / "events.jsonl", tmp_path / "other.csv",
             tmp_path / "folder.vcf", tmp_path / "missing.csv", Path("-")]
    for lazy, full in zip(LAZY_IMPORTERS, IMPORTERS, strict=True):
        assert [lazy.detect(p) for p in paths] == [full.detect(p) for p in paths]
    assert [imp.detect(p) for imp, p in zip(LAZY_IMPORTERS, (card, contacts),
                                            strict=True)] == [True, True]
    for lazy, full, path in zip(LAZY_IMPORTERS, IMPORTERS, (card, contacts), strict=True):
        assert (list(lazy.read(path, ImportOptions()))
                == list(full.read(path, ImportOptions())))


def test_a_path_none_can_read_leaves_the_importer_module_unimported(tmp_path: Path):
    other = tmp_path / "events.jsonl"
    other.write_text("{}\n", encoding="utf-8")
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from knigge_xing.plugin import LAZY_IMPORTERS\n"
            f"assert not any(i.detect(Path({str(other)!r})) for i in LAZY_IMPORTERS)\n"
            "print('knigge_xing.importer' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"
