"""The entry points of one group, found without importing `importlib.metadata`.

Importing `importlib.metadata` (which imports `email`, `csv`,
`zipfile` and more) and its scan of every installed distribution cost a noticeable
share of the start-up of a one-event `knigge check` (docs/performance.md, "Start-up").
`entry_points` reads the same files the same way for the usual case — the standard
path finder over folders on `sys.path` — and answers `None` for anything else
(another finder that provides distributions, a zip or an egg on the path, a metadata
folder spelled in capitals), where the caller asks `importlib.metadata` itself.

The rules followed are importlib.metadata's (Python 3.11-3.13): the path entries in order
(`""` is the current folder), in each the `*.dist-info` and `*.egg-info` folders in
the order the file system lists them, grouped by normalised name; a distribution whose
normalised name was seen before is left out; `entry_points.txt` is read as
`[group]` sections of `name = value` lines (blank lines and `#` comments skipped).
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from typing import Any

__all__ = ["FoundEntryPoint", "entry_points", "normalize"]

#: importlib.metadata's syntax of an entry point's value (compiled by `load`).
_VALUE = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"


def normalize(name: str) -> str:
    """A distribution name as importlib.metadata normalises it (PEP 503, with `_`):
    its `re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")` without compiling a
    pattern at start-up."""
    out = "".join("_" if c in "-_." else c for c in name.lower())
    while "__" in out:
        out = out.replace("__", "_")
    return out


class FoundEntryPoint:
    """An entry point as `importlib.metadata.EntryPoint` offers it to the plugin
    loader: `name`, `value`, `group`, `load` and `dist` (the distribution,
    read through importlib.metadata only when asked)."""

    __slots__ = ("_dist", "_path", "group", "name", "value")

    def __init__(self, name: str, value: str, group: str, path: str) -> None:
        self.name = name
        self.value = value
        self.group = group
        self._path = path
        self._dist: Any = None

    def load(self) -> Any:
        """The module or object the entry point names (imported)."""
        match = re.match(_VALUE, self.value)
        if match is None:
            raise ValueError(f"not an entry point value: {self.value!r}")
        module = importlib.import_module(match.group("module"))
        names = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, names, module)

    @property
    def dist(self) -> Any:
        """The `importlib.metadata.Distribution` the entry point comes from."""
        if self._dist is None:
            import importlib.metadata as md
            import pathlib

            self._dist = md.PathDistribution(pathlib.Path(self._path))
        return self._dist

    def __repr__(self) -> str:
        return (f"FoundEntryPoint(name={self.name!r}, value={self.value!r}, "
                f"group={self.group!r})")


def _plain_finders() -> bool:
    """Whether the standard path finder is the only one that provides distributions."""
    from importlib.machinery import PathFinder

    return all(getattr(finder, "find_distributions", None) is None or finder is PathFinder
               for finder in sys.meta_path)


def _metadata_folders(entry: str) -> list[tuple[str, str]] | None:
    """`(normalised name, folder)` of every distribution in one path entry, in
    importlib.metadata's order; `None` where only importlib.metadata can say."""
    root = entry or "."
    try:
        children = os.listdir(root)
    except OSError:
        # A zip (read through zipfile) or anything else that is not a folder but exists.
        return None if os.path.exists(root) else []
    if os.path.basename(entry).lower().endswith(".egg") and any(
            c.lower() == "egg-info" for c in children):
        return None
    grouped: dict[str, list[tuple[str, str]]] = {}
    for child in children:
        low = child.lower()
        if not low.endswith((".dist-info", ".egg-info")):
            continue
        if not child.endswith((".dist-info", ".egg-info")):
            return None  # named from its METADATA file by importlib.metadata
        normalized = normalize(low.rpartition(".")[0].partition("-")[0])
        grouped.setdefault(normalized, []).append(
            (normalized, os.path.join(entry, child) if entry else child))
    return [item for items in grouped.values() for item in items]


def _section(text: str, group: str) -> list[tuple[str, str]]:
    found = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section == group:
            name, _, value = line.partition("=")
            if not _:
                raise ValueError(f"not an entry point line: {line!r}")
            found.append((name.strip(), value.strip()))
    return found


def entry_points(group: str) -> list[FoundEntryPoint] | None:
    """The entry points of `group` in importlib.metadata's order, or `None` when this
    environment needs importlib.metadata itself (see the module's doc)."""
    if not _plain_finders():
        return None
    seen: set[str] = set()
    found: list[FoundEntryPoint] = []
    for entry in sys.path:
        if not isinstance(entry, str):
            return None
        folders = _metadata_folders(entry)
        if folders is None:
            return None
        for normalized, folder in folders:
            if normalized in seen:
                continue
            seen.add(normalized)
            try:
                with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as f:
                    text = f.read()
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError,
                    PermissionError):
                continue
            if f"[{group}]" not in text:
                continue
            try:
                pairs = _section(text, group)
            except ValueError:
                return None  # importlib.metadata decides what a broken file means
            found += [FoundEntryPoint(name, value, group, folder) for name, value in pairs]
    return found
