"""Very large regular expressions, compiled once per machine instead of once per process.

The text analysis matches every phrase list with one combined pattern of about 100,000
characters. Python's `re` turns a pattern into the regex engine's code in Python
(`re._parser` and `re._compiler`): about half a second for that one pattern, at the
first note of every process — longer than all the rest of `knigge check` on one note.
The code it produces is a list of integers; the regex engine (`_sre`) builds a pattern
from it in milliseconds. `compile_cached` keeps that code in a file and rebuilds the
pattern from it at the next start (docs/performance.md, "Start-up").

Safe by construction:

* the file's name is a hash of the pattern, its flags, the interpreter's cache tag and
  the regex engine's version (`_sre.MAGIC`, `_sre.CODESIZE`); the file repeats the
  hash, so another pattern's or another Python's code is never used;
* `_sre.compile` validates the code it is given (it raises on code that is not well
  formed); a file that cannot be read, does not fit or is refused is ignored, and the
  pattern is compiled as `re.compile` would;
* files are written to a temporary name and renamed (concurrent writers are harmless),
  in a folder only its owner can read (`$XDG_CACHE_HOME/knigge`, by default
  `~/.cache/knigge`; `KNIGGE_CACHE_DIR` names another; `KNIGGE_NO_CACHE=1` turns
  the cache off). A folder that cannot be written costs nothing but the saving.

Only CPython is supported; elsewhere `compile_cached` is `re.compile`.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["cache_folder", "compile_cached"]

try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _TAG: str | None = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
    _CODE_TYPE = "I" if _sre.CODESIZE == 4 else "H"
    if array(_CODE_TYPE).itemsize != _sre.CODESIZE:  # pragma: no cover - exotic platform
        _TAG = None
except (ImportError, AttributeError):  # pragma: no cover - not CPython
    _TAG = None


def cache_folder() -> Path | None:
    """Where compiled patterns are kept, or `None` when the cache is off."""
    if os.environ.get("KNIGGE_NO_CACHE") not in (None, "", "0"):
        return None
    folder = os.environ.get("KNIGGE_CACHE_DIR")
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "knigge"


def compile_cached(key: str, build: Callable[[], tuple[str, Any]],
                   flags: int = 0) -> tuple[re.Pattern[str], Any]:
    """The pattern that `build` makes, compiled, and the value it returns with it (any
    JSON value: what the caller needs to read the matches). `key` is a text that
    decides the pattern (the lists it is made of): on a hit, neither `build` nor the
    regex compiler runs."""
    folder = cache_folder()
    if _TAG is None or folder is None:
        pattern, extra = build()
        return re.compile(pattern, flags), extra
    import hashlib

    import orjson

    digest = hashlib.sha256(
        f"{_TAG}\0{int(flags)}\0{key}".encode("utf-8", "surrogatepass")).hexdigest()
    path = folder / f"re-{digest[:40]}.bin"
    try:
        data = path.read_bytes()
        head, _, body = data.partition(b"\n")
        meta = orjson.loads(head)
        if meta["key"] != digest:
            raise ValueError("another pattern")
        code = array(_CODE_TYPE)
        code.frombytes(body)
        compiled = _sre.compile(meta["pattern"], meta["flags"], code.tolist(), meta["groups"],
                                meta["groupindex"], tuple(meta["indexgroup"]))
        return compiled, meta["extra"]
    except Exception:  # noqa: BLE001 - missing, stale or damaged: compile it anew
        pass
    pattern, extra = build()
    try:
        compiled, meta, code_list = _compile(pattern, flags)
    except Exception:  # noqa: BLE001 - the regex internals changed: the plain way
        return re.compile(pattern, flags), extra
    meta.update(key=digest, pattern=pattern, extra=extra)
    _write(folder, path, orjson.dumps(meta) + b"\n" + array(_CODE_TYPE, code_list).tobytes())
    return compiled, extra


def _compile(pattern: str, flags: int) -> tuple[re.Pattern[str], dict[str, Any], list[int]]:
    """What `re.compile` does (`re._compiler.compile`), keeping the engine's code."""
    parsed = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    meta = {"flags": flags | parsed.state.flags, "groups": parsed.state.groups - 1,
            "groupindex": groupindex, "indexgroup": indexgroup}
    compiled = _sre.compile(pattern, meta["flags"], code, meta["groups"], groupindex,
                            tuple(indexgroup))
    return compiled, meta, code


def _write(folder: Path, path: Path, data: bytes) -> None:
    """Write `data` to `path` by renaming a private temporary file; never raises."""
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
