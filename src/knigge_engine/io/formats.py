"""The engine's own input formats: JSONL (one event per line) and JSON (an array of
events, or one event). Both are streamed or read with `orjson`; every line or item
that does not fit the event contract becomes an `InputError` naming the file,
the line (or item) and the key path, and the rest is still read."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from ..model import EventError, event_from_dict
from .base import Importer, ImportOptions, InputError, Located

__all__ = ["IMPORTERS", "JSON", "JSONL", "read_jsonl_lines", "read_jsonl_stream"]

STDIN = Path("-")


def _detect_jsonl(path: Path) -> bool:
    return path == STDIN or path.suffix.lower() in (".jsonl", ".ndjson")


def read_jsonl_stream(stream: BinaryIO, source: str) -> Iterator[Any]:
    """Yield events and `InputError`s from a binary JSONL stream. A UTF-8
    byte-order mark before the first line (as some Windows editors write) is skipped."""
    return read_jsonl_lines(stream, source)


def read_jsonl_lines(lines: Iterable[bytes], source: str, first: int = 1) -> Iterator[Any]:
    """Yield events and `InputError`s from JSONL lines (with or without their
    line ends) numbered from `first`: the one reader of JSONL, for a whole stream and
    for a byte range of a file that `knigge check --jobs` gives a worker. A UTF-8
    byte-order mark is skipped at the start of line 1 only."""
    for number, raw in enumerate(lines, start=first):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        line = raw.strip()
        if not line:
            continue  # blank lines separate nothing and hold no event
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield InputError(source, f"line {number}", f"invalid JSON: {json_reason(exc)}")
            continue
        try:
            yield Located(event_from_dict(data), source, f"line {number}")
        except EventError as exc:
            yield InputError(source, f"line {number}", event_reason(exc))


def event_reason(exc: EventError) -> str:
    return exc.reason if exc.path == "$" else f"{exc.path}: {exc.reason}"


def json_reason(exc: Exception) -> str:
    # orjson's message names the byte position inside the line; keep it short and never
    # echo the line itself (it may hold a personal note).
    text = str(exc)
    return text.split(": line ")[0] if ": line " in text else text


def _read_jsonl(path: Path, options: ImportOptions) -> Iterator[Any]:
    if path == STDIN:
        yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>")
        return
    with path.open("rb") as stream:
        yield from read_jsonl_stream(stream, str(path))


def _detect_json(path: Path) -> bool:
    return path.suffix.lower() == ".json" and path.is_file()


def _read_json(path: Path, options: ImportOptions) -> Iterator[Any]:
    source = str(path)
    data = path.read_bytes()
    if not data.strip():
        return  # an empty file holds no events
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        yield InputError(source, f"line {exc.lineno}, column {exc.colno}",
                         f"invalid JSON: {exc.msg}")
        return
    if isinstance(parsed, dict) and "kind" not in parsed and isinstance(
            parsed.get("events"), list):
        items, prefix = parsed["events"], "$.events"
    elif isinstance(parsed, dict):
        items, prefix = [parsed], None
    elif isinstance(parsed, list):
        items, prefix = parsed, "$"
    else:
        yield InputError(source, "$", f"expected an event object or an array of events, "
                         f"found {type(parsed).__name__}")
        return
    for index, item in enumerate(items):
        where = f"{prefix}[{index}]" if prefix else "$"
        try:
            yield Located(event_from_dict(item), source, where)
        except EventError as exc:
            path_ = exc.path.replace("$", where, 1) if exc.path.startswith("$") else where
            yield InputError(source, path_, exc.reason)


JSONL = Importer(
    name="jsonl",
    description="knigge events, one JSON object per line (.jsonl, .ndjson, - for stdin)",
    detect=_detect_jsonl,
    read=_read_jsonl,
    priority=-10,
)
JSON = Importer(
    name="json",
    description="knigge events as a JSON array (or one object, or {\"events\": [...]})",
    detect=_detect_json,
    read=_read_json,
    priority=-20,
)

IMPORTERS = (JSONL, JSON)
