"""Sample outputs in the docs, produced by the tool.

A fenced block in ``docs/*.md`` or ``README.md`` directly below a marker line

    <!-- sample: knigge check examples/inbox.jsonl | head -n 30 -->

holds the standard output of that command, run from a checkout's root (a copy of
``examples/`` in a temporary folder, no policy file, no per-user history). Several
commands joined by `` && `` run in order and the block holds the last one's output
(``knigge check … --history h.sqlite3 && knigge due --history h.sqlite3 --now …``);
``| head -n N`` keeps the first N lines, ``| tail -n N`` the last N.
``tests/test_docs_samples.py`` checks every block; ``python tests/docs_samples.py
--write`` rewrites them after a deliberate change of the output.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
MARKER = re.compile(r"^<!-- sample: (?P<command>.+?) -->$")
FENCE = re.compile(r"^(`{3,})text$")


def samples(path: Path) -> Iterator[tuple[int, str, int, int]]:
    """(marker line index, command, first and last+1 line index of the block's body)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        m = MARKER.match(line)
        if not m:
            continue
        fence = FENCE.match(lines[i + 1]) if i + 1 < len(lines) else None
        if fence is None:
            raise ValueError(f"{path.name}:{i + 1}: a sample marker must be followed by a "
                             "```text fence")
        end = next(j for j in range(i + 2, len(lines)) if lines[j] == fence.group(1))
        yield i, m.group("command"), i + 2, end


def run(command: str) -> str:
    """The command's standard output, as a reader who runs it from the checkout sees
    it: every command's exit status may be 0, 1 or 2 (findings, input errors)."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "examples", Path(tmp) / "examples",
                        ignore=shutil.ignore_patterns("knigge-acme-outreach"))
        env = {**os.environ, "XDG_DATA_HOME": str(Path(tmp) / "data"), "COLUMNS": "100"}
        env.pop("KNIGGE_TRACEBACK", None)
        out = ""
        for part in command.split(" && "):
            part, _, tail = part.partition(" | tail -n ")
            part, _, head = part.partition(" | head -n ")
            args = shlex.split(part)
            if args[0] != "knigge":
                raise ValueError(f"not a knigge command: {part}")
            proc = subprocess.run([sys.executable, "-m", "knigge_engine.cli", *args[1:]],
                                  cwd=tmp, env=env, capture_output=True, text=True,
                                  timeout=120)
            if proc.returncode not in (0, 1, 2):
                raise RuntimeError(f"{part}: exit {proc.returncode}: {proc.stderr}")
            out = proc.stdout
            if head:
                out = "".join(out.splitlines(keepends=True)[:int(head)])
            if tail:
                out = "".join(out.splitlines(keepends=True)[-int(tail):])
        return out.rstrip("\n")


def check(path: Path) -> list[tuple[str, str, str]]:
    """(command, documented, produced) for every sample of ``path`` that differs."""
    lines = path.read_text(encoding="utf-8").splitlines()
    wrong = []
    for _, command, start, end in samples(path):
        documented = "\n".join(lines[start:end])
        produced = run(command)
        if documented != produced:
            wrong.append((command, documented, produced))
    return wrong


def write(path: Path) -> int:
    """Rewrite the blocks of ``path`` with the commands' output; returns how many
    changed."""
    lines = path.read_text(encoding="utf-8").splitlines()
    changed = 0
    for _, command, start, end in reversed(list(samples(path))):
        produced = run(command).splitlines()
        if lines[start:end] != produced:
            lines[start:end] = produced
            changed += 1
    if changed:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


if __name__ == "__main__":
    writing = "--write" in sys.argv
    for page in PAGES:
        if writing:
            n = write(page)
            if n:
                print(f"{page.relative_to(ROOT)}: {n} sample(s) rewritten")
        else:
            for command, _, _ in check(page):
                print(f"{page.relative_to(ROOT)}: out of date: {command}")
