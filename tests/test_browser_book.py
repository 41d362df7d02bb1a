"""In Chromium: the built exercise page renders its widget and asks no other host for anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import chromium_page, need_chromium, static_server

pytestmark = pytest.mark.browser


def test_exercise_page_shows_a_static_preview_offline(built_html: Path):
    """The exercise page is a preview (toolkit/preview.py): labelled, no live-looking form, nothing
    fetched from another host and no request that fails."""
    need_chromium()
    with static_server(built_html) as base, chromium_page() as page:
        failed = []
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        page.goto(f"{base}/book/exercises/riksnorm-hushall.html")
        preview = page.locator(".hb-preview")
        preview.wait_for(state="visible", timeout=20000)
        assert "Förhandsvisning" in preview.inner_text()
        assert page.locator(".hb-preview input, .hb-preview button, .widget-button").count() == 0
        page.wait_for_load_state("networkidle")
        foreign = [url for url in page.requested if not url.startswith(base) and not url.startswith("data:")]
        assert not foreign, foreign
        assert not failed, failed
