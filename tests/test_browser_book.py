"""In Chromium: the built exercise page renders its widget and asks no other host for anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import chromium_page, need_chromium, static_server

pytestmark = pytest.mark.browser


def test_exercise_page_renders_widget_offline(built_html: Path):
    need_chromium()
    with static_server(built_html) as base, chromium_page() as page:
        failed = []
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        page.goto(f"{base}/book/exercises/riksnorm-hushall.html")
        button = page.locator(".widget-button", has_text="Rätta")
        button.wait_for(state="visible", timeout=20000)
        assert page.locator(".widget-text input").count() == 1
        page.wait_for_load_state("networkidle")
        foreign = [url for url in page.requested if not url.startswith(base) and not url.startswith("data:")]
        assert not foreign, foreign
        assert not failed, failed
        # The widgets' icon font came from the book's own folder.
        assert any("/_static/offline/widgets/" in url and ".woff" in url for url in page.requested), page.requested
