"""The core names no platform: platform knowledge lives in platform plugins only."""

from __future__ import annotations

import re
from pathlib import Path

import knigge_engine

# Word start, so "mixing" is no hit but "xing-gruppe" is.
PLATFORM_NAMES = re.compile(r"\b(?:xing|linkedin|facebook)", re.IGNORECASE)


def test_no_core_module_names_a_platform():
    core = Path(knigge_engine.__file__).parent
    hits = []
    for path in sorted(core.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PLATFORM_NAMES.search(line):
                hits.append(f"{path.relative_to(core)}:{number}: {line.strip()}")
    assert not hits, "platform names in the core:\n" + "\n".join(hits)
