"""A real Chromium for the report tests, driven by Playwright (``nox -s browser``).

The browser is the operating system's (Debian's ``chromium`` package: ``.ci/run``
installs it); Playwright never downloads one. Without a ``chromium`` binary (or without
Playwright) the tests are skipped with the reason — unless the environment variable
``CI`` is set (``CI=true``; ``CI=false`` counts as unset), where a missing browser is a
failure: CI must run them. ``KNIGGE_CHROMIUM=/path/to/chromium`` picks another binary.

Chromium runs headless with a fresh profile (``user_data_dir``), no sandbox (CI runs as
root in a container), no GPU, no background networking, no component updates and no
first-run work, since the machine has no network.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-extensions",
        "--disable-sync", "--no-default-browser-check"]


def in_ci() -> bool:
    """Whether ``CI`` is set (to anything but empty, ``0`` or ``false``)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason}; CI is set, so the browser tests must run (install it: "
                    "apt-get install -y chromium, pip install playwright)")
    pytest.skip(f"{reason} (CI unset: skipped; nox -s browser runs them)")


def chromium_path() -> str | None:
    """The system Chromium (``KNIGGE_CHROMIUM`` overrides)."""
    configured = os.environ.get("KNIGGE_CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        _unavailable("no chromium binary on PATH")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=ARGS,
            viewport={"width": 1100, "height": 900}, offline=True,
            service_workers="block")
        try:
            yield context
        finally:
            context.close()


@attrs.define
class Opened:
    """A page opened from a file, with what it did: console messages, page errors and
    every request (the file itself included)."""

    page: Any
    url: str
    console: list[tuple[str, str]] = attrs.Factory(list)
    errors: list[str] = attrs.Factory(list)
    requests: list[str] = attrs.Factory(list)
    failed: dict[str, str] = attrs.Factory(dict)
    routed: list[str] = attrs.Factory(list)

    @property
    def other_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url]

    @property
    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"]


@pytest.fixture()
def open_page(browser_context: Any) -> Iterator[Any]:
    pages: list[Any] = []

    def _open(path: Path) -> Opened:
        page = browser_context.new_page()
        pages.append(page)
        url = path.resolve().as_uri()
        opened = Opened(page, url)
        page.on("console", lambda m: opened.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("request", lambda r: opened.requests.append(r.url))
        # Anything but the file itself is refused (and recorded above): the tests never
        # reach the network, whatever the page tries.
        page.on("requestfailed", lambda r: opened.failed.__setitem__(r.url, r.failure))

        def refuse(route: Any) -> None:
            opened.routed.append(route.request.url)
            route.abort()

        page.route(lambda u: u != url, refuse)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)  # late loads (images, fonts) would show by now
        return opened

    yield _open
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def build_dir() -> Path:
    BUILD.mkdir(exist_ok=True)
    return BUILD
