"""Helpers for browser tests: a local static server and Debian's Chromium via Playwright."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these flags Chromium tries to reach Google's hosts at start; they are blocked here.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]


SKIP_SETTING = "HANDBOK_TILLAT_HOPPA_OVER_WEBBLASARE"
INSTALL = (
    "Chromium saknas ({path}), så webbläsartesterna kan inte köras. Installera Debians Chromium: "
    "`sudo apt-get install chromium` (eller kör `make test-system` som root, som installerar det). "
    f"Sätt {SKIP_SETTING}=1 bara om testerna uttryckligen får hoppas över."
)


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when Chromium and Playwright are there."""
    if not Path(CHROMIUM).exists():
        return INSTALL.format(path=CHROMIUM)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright saknas i .venv: kör `make book` (installerar requirements.lock)."
    return None


def need_chromium() -> None:
    """Fail (never skip silently) when the browser tests cannot run; skip only when
    HANDBOK_TILLAT_HOPPA_OVER_WEBBLASARE=1 says so."""
    problem = chromium_missing()
    if problem is None:
        return
    if os.environ.get(SKIP_SETTING, "").strip() == "1":
        pytest.skip(problem)
    pytest.fail(problem, pytrace=False)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D401 - silence the access log
        pass


@contextlib.contextmanager
def static_server(folder: Path):
    """Serve a folder on 127.0.0.1 on a free port; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextlib.contextmanager
def chromium_browser():
    """Headless Chromium (Debian's) for tests that open several pages."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def chromium_page():
    """A fresh headless Chromium page; records every request URL in page.requested."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.requested = []
            page.on("request", lambda request: page.requested.append(request.url))
            yield page
        finally:
            browser.close()
