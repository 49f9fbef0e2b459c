"""Writes the fuzz targets' record counts for ``tests/fuzz/run.py`` (when asked to)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def pytest_sessionfinish(session, exitstatus):  # noqa: ARG001 - pytest's hook signature
    target = os.environ.get("KNIGGE_FUZZ_COUNTS")
    if not target:
        return
    from fuzzkit import COUNTS

    Path(target).write_text(json.dumps(COUNTS, indent=1, sort_keys=True), encoding="utf-8")
