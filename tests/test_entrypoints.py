"""The direct entry-point scan (knigge_engine/_entrypoints.py) finds what
importlib.metadata finds, in the same order, or says it cannot (``None``)."""

from __future__ import annotations

import importlib.metadata as md
import sys
import zipfile
from pathlib import Path

import pytest

from knigge_engine._entrypoints import entry_points
from knigge_engine.plugins import ENTRY_POINT_GROUP, load_plugins


def _dist(folder: Path, name: str, text: str | None) -> None:
    folder.mkdir(parents=True)
    (folder / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
                                     encoding="utf-8")
    if text is not None:
        (folder / "entry_points.txt").write_text(text, encoding="utf-8")


def _same(group: str) -> list[tuple[str, str, str]]:
    found = entry_points(group)
    assert found is not None
    expected = [(ep.name, ep.value, ep.dist.name) for ep in md.entry_points(group=group)]
    assert [(ep.name, ep.value, ep.dist.name) for ep in found] == expected
    return expected


@pytest.mark.parametrize("group", [ENTRY_POINT_GROUP, "console_scripts", "pytest11",
                                   "no.such.group"])
def test_the_installed_entry_points_are_importlib_metadatas(group):
    _same(group)


def test_the_rules_of_importlib_metadata_on_a_made_up_path(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(first / "alpha_one-1.0.dist-info", "alpha-one",
          "# a comment\n\n[console_scripts]\nx = y\n[tv]\n a = alpha.mod:Obj.attr [extra]\n"
          "b=alpha.other\n")
    _dist(first / "Beta-2.0.dist-info", "Beta", "[tv]\nbeta = beta.plugin\n")
    _dist(first / "gamma.egg-info", "gamma", "[tv]\ng = gamma\n")
    _dist(first / "delta-1.0.dist-info", "delta", None)  # no entry_points.txt
    (first / "not-a-dist").mkdir()
    # The same distributions again, later on the path: left out (the first one wins).
    _dist(second / "Alpha.One-3.0.dist-info", "Alpha.One", "[tv]\nshadowed = nope\n")
    _dist(second / "beta-9.dist-info", "beta", "[tv]\nshadowed = nope\n")
    _dist(second / "epsilon-1.0.dist-info", "epsilon", "[tv]\ne = eps:thing\n")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    found = _same("tv")
    assert {name for name, _, _ in found} == {"a", "b", "beta", "g", "e"}


def test_the_current_folder_as_the_empty_path_entry(tmp_path, monkeypatch):
    _dist(tmp_path / "here-1.0.dist-info", "here", "[tv]\nhere = here.plugin\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [""])
    assert _same("tv") == [("here", "here.plugin", "here")]


def test_what_it_cannot_answer_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("z-1.0.dist-info/entry_points.txt", "[tv]\nz = z\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert entry_points("tv") is None
    _dist(tmp_path / "caps" / "Caps-1.0.DIST-INFO", "Caps", "[tv]\nc = c\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "caps")])
    assert entry_points("tv") is None

    class Finder:
        @staticmethod
        def find_distributions(context=None):
            return iter(())

    monkeypatch.setattr(sys, "path", [])
    assert entry_points("tv") == []
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder()])
    assert entry_points("tv") is None


def test_a_found_entry_point_loads_and_names_its_distribution(tmp_path, monkeypatch):
    (tmp_path / "tvplug.py").write_text("class Box:\n    inner = 42\n", encoding="utf-8")
    _dist(tmp_path / "tv_plug-1.5.dist-info", "tv-plug", "[tv]\nbox = tvplug:Box.inner\n"
          "mod = tvplug\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    monkeypatch.delitem(sys.modules, "tvplug", raising=False)
    box, mod = entry_points("tv") or []
    assert box.load() == 42
    assert mod.load().__name__ == "tvplug"
    assert (box.dist.name, box.dist.version) == ("tv-plug", "1.0")  # from METADATA


def test_an_engine_loads_the_same_plugins_either_way():
    scanned = load_plugins()
    through_metadata = load_plugins(
        entry_point_loader=lambda: md.entry_points(group=ENTRY_POINT_GROUP))
    assert scanned.names() == through_metadata.names()
    assert ([scanned.origin(n) for n in scanned.names()]
            == [through_metadata.origin(n) for n in through_metadata.names()])


@pytest.mark.parametrize("name", ["Foo", "foo-bar", "Foo__Bar", "a.-_b", "x...y", "_a_",
                                  "Zope.Interface", "ÄÖ-ü", "a-_-.b-c"])
def test_names_are_normalised_as_importlib_metadata_does(name):
    from importlib.metadata import Prepared  # type: ignore[attr-defined]

    from knigge_engine import _entrypoints

    assert _entrypoints.normalize(name) == Prepared.normalize(name)
