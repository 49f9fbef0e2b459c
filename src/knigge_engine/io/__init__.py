"""Input and output: importers (event files, platform exports) and reporters.

Importers and reporters are registered through the `knigge_importers` and
`knigge_reporters` hooks, so plugins add formats the same way the core does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .base import (
    Importer,
    ImportOptions,
    InputError,
    Located,
    Reporter,
    ReportWriter,
    Summary,
    TimezoneError,
    excerpt,
    owner_mismatch,
    parse_timezone,
)

log = logging.getLogger("knigge_engine")

__all__ = [
    "ImportOptions",
    "Importer",
    "InputError",
    "Located",
    "ReportWriter",
    "Reporter",
    "Summary",
    "TimezoneError",
    "collect_importers",
    "collect_reporters",
    "detect_importer",
    "excerpt",
    "owner_mismatch",
    "parse_timezone",
    "read_paths",
]


def collect_importers(plugins: Any) -> dict[str, Importer]:
    """Importers of every plugin of a `PluginSet`, by name."""
    found: dict[str, Importer] = {}
    for _, items in plugins.call("knigge_importers"):
        for imp in items:
            found.setdefault(imp.name, imp)
    return dict(sorted(found.items(), key=lambda kv: -kv[1].priority))


def collect_reporters(plugins: Any) -> dict[str, Reporter]:
    """Reporters of every plugin, by name."""
    found: dict[str, Reporter] = {}
    for _, items in plugins.call("knigge_reporters"):
        for rep in items:
            found.setdefault(rep.name, rep)
    return found


def detect_importer(path: Path, importers: Mapping[str, Importer]) -> Importer | None:
    """The first importer (highest priority) that recognises `path`."""
    for imp in importers.values():
        try:
            if imp.detect(path):
                return imp
        except OSError:
            continue
    return None


def read_paths(
    paths: Iterable[str | Path],
    importers: Mapping[str, Importer],
    options: ImportOptions | None = None,
    *,
    format: str | None = None,
    located: bool = False,
) -> Iterator[Any]:
    """Yield events and `InputError`s from every path, in order.

    `format` forces an importer by name; otherwise each path is auto-detected. A path
    that does not exist or that no importer recognises becomes an error, and the other
    paths are still read. With `located=True` every event comes as a `Located`
    (the event, its file and, where the importer says, its line or row).
    """
    items = _read_paths(paths, importers, options or ImportOptions(), format)
    if located:
        return _locate(items)
    return _unwrap(items)


def _unwrap(items: Iterator[Any]) -> Iterator[Any]:
    for item in items:
        kind = type(item)
        if kind is Located:
            yield item.event
        elif kind is not tuple:  # a (source,) marker
            yield item


def _locate(items: Iterator[Any]) -> Iterator[Any]:
    source = ""
    for item in items:
        if type(item) is tuple:  # (source,) marker: the file being read from here on
            source = item[0]
        elif type(item) is Located or type(item) is InputError:
            yield item
        else:
            yield Located(item, source)


def _read_paths(paths: Iterable[str | Path], importers: Mapping[str, Importer],
                options: ImportOptions, format: str | None) -> Iterator[Any]:
    for raw in paths:
        path = Path(raw)
        source = "<stdin>" if str(raw) == "-" else str(path)
        if str(raw) != "-" and not path.exists():
            yield InputError(source, "", "no such file or folder")
            continue
        if format is not None:
            imp = importers.get(format)
            if imp is None:
                yield InputError(source, "", f"unknown input format '{format}'; known: "
                                 + ", ".join(importers))
                continue
        else:
            imp = detect_importer(path, importers)
            if imp is None:
                tried = ", ".join(importers) or "none installed"
                yield InputError(source, "", "no importer recognises this "
                                 f"{'folder' if path.is_dir() else 'file'}; importers tried: "
                                 f"{tried} (--input-format NAME forces one)")
                continue
        try:
            yield (source,)
            yield from imp.read(path, options)
        except OSError as exc:
            yield InputError(source, "", f"cannot read: {exc.strerror or exc}")
        except UnicodeDecodeError as exc:
            yield InputError(source, "", f"not UTF-8 text: {exc.reason} at byte {exc.start}")
        except Exception as exc:  # an importer's bug must not end the whole run
            log.debug("importer %s failed on %s", imp.name, source, exc_info=True)
            yield InputError(source, "", f"importer '{imp.name}' failed "
                             f"({type(exc).__name__}); the rest of this file was not read; "
                             "this is a bug in the importer, please report it")
