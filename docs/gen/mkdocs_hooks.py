"""MkDocs hooks: add the generated reference pages and expand folder entries in the nav.

The pages come from `generate_pages` of `docs/gen/reference.py` (rule, policy, hook,
platform and command references) for the engine with every installed plugin. They are
generated on every build and never written into `docs/`, so they cannot go stale;
`python docs/gen/reference.py OUTDIR` writes the same pages to a folder for reading.

A nav entry whose value ends in `/` (`- Platforms: platforms/`) is replaced by every
page in that folder, hand-written or generated, ordered by file name with `index.md`
first. That is how platform pages of new plugins appear without editing `mkdocs.yml`.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.knigge")

_PAGES: dict[str, str] = {}


def on_config(config: Any) -> Any:
    """Generate the reference pages once per build and expand folder nav entries."""
    import sys

    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    from reference import generate_pages

    _PAGES.clear()
    try:
        _PAGES.update(generate_pages())
    except RuntimeError as exc:
        # A warning fails `mkdocs build --strict`: a broken plugin must not leave a
        # silent gap in the rule reference.
        log.warning("knigge docs: %s", exc)
    docs_dir = Path(config["docs_dir"])
    config["nav"] = _expand(config.get("nav") or [], docs_dir)
    seen: set[str] = set()
    for path in _paths(config["nav"]):
        if path in seen:
            # Two engineers adding the same page would show it twice: fail instead.
            log.warning("knigge docs: %s is in the nav twice", path)
        seen.add(path)
    return config


def _paths(nav: list[Any]) -> list[str]:
    out: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            out += _paths(value)
        elif isinstance(value, str):
            out.append(value)
    return out


def on_files(files: Files, config: Any) -> Files:
    """Add the generated pages as virtual files."""
    for rel, text in _PAGES.items():
        if files.get_file_from_path(rel) is not None:
            log.warning("knigge docs: docs/%s exists but is generated; delete it", rel)
            continue
        files.append(File.generated(config, rel, content=text))
    return files


def _expand(nav: list[Any], docs_dir: Path) -> list[Any]:
    out: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if isinstance(value, list):
                out.append({title: _expand(value, docs_dir)})
            elif isinstance(value, str) and value.endswith("/"):
                out.append({title: _folder(value, docs_dir)})
            else:
                out.append(item)
        else:
            out.append(item)
    return out


def _folder(folder: str, docs_dir: Path) -> list[Any]:
    found = {str(p.relative_to(docs_dir)): p.read_text(encoding="utf-8")
             for p in (docs_dir / folder).glob("*.md")}
    for rel, text in _PAGES.items():
        if rel.startswith(folder) and "/" not in rel[len(folder):]:
            found[rel] = text
    entries = []
    for rel in sorted(found, key=lambda r: (not r.endswith("/index.md"), r)):
        entries.append({_title(found[rel], rel): rel})
    return entries


def _title(text: str, rel: str) -> str:
    match = re.search(r"^# (.+)$", text, re.MULTILINE)
    title = match.group(1) if match else Path(rel).stem
    return re.sub(r"[`*]", "", re.sub(r"\s*\{[^}]*\}\s*$", "", title)).strip()
