"""Shared fixtures for the core tests."""

from __future__ import annotations

import pytest

from knigge_engine import Engine, Policy


@pytest.fixture(scope="session")
def core_engine() -> Engine:
    """The built-in rules only, default policy, no entry-point plugins: tests that use it
    do not depend on which platform plugins happen to be installed."""
    return Engine(Policy(), entry_points=False, strict=True)
