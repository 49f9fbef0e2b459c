"""Shared fixtures: an engine with exactly the built-in rules and this plugin."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from knigge_engine import Engine

# The helpers live next to the tests.
sys.path.insert(0, str(Path(__file__).parent))

from xingdata import make_engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The default-policy engine."""
    return make_engine()
