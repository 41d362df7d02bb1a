"""In Chromium: `make serve`'s Voilà app asks for a pseudonym once, lists the exercises,
shows a form without any code, answers bad input in Swedish and loads nothing from another host."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from app_server import voila_app
from browser import chromium_page, need_chromium
from test_offline_book import remote_references

from toolkit.exercises import load_registry

pytestmark = pytest.mark.browser


def test_app_in_browser(tmp_path: Path):
    need_chromium()
    with voila_app(tmp_path) as server, chromium_page() as page:
        base = server.base
        page.goto(f"{base}/", timeout=90000)
        start = page.locator(".widget-button", has_text="Börja")
        start.wait_for(timeout=90000)
        source = page.content()
        # nothing fetched from a CDN: every absolute reference points back to this server
        assert [ref for ref in remote_references(source) if base not in ref] == []
        assert "fontawesome-free" not in source
        body = page.inner_text("body")
        assert "pseudonym" in body and "from toolkit" not in body and "app()" not in body
        assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor").count() == 0
        # the pseudonym is checked, and asked once
        page.locator(".widget-text input").first.fill("Anna Svensson")
        start.click()
        page.locator(".hb-field-message").first.wait_for(timeout=30000)
        assert "aldrig ditt namn" in page.inner_text("body")
        page.locator(".widget-text input").first.fill("ny-ss-07")
        start.click()
        page.locator(".hb-open").first.wait_for(timeout=30000)
        body = page.inner_text("body")
        assert "ny-ss-07" in body and "Riksnormen" in body and "Kontroll" in body  # grouped by skill
        # open an exercise: the form, no code, no pseudonym question again
        title = load_registry().entry("bedomning-01").title
        page.locator(".hb-open", has_text=title).first.click()
        check = page.locator(".widget-button", has_text="Rätta")
        check.wait_for(timeout=60000)
        assert page.locator(".widget-text input[placeholder='till exempel ny-ss-07']").first.is_hidden()
        assert "assessment_exercise" not in page.inner_text("body")
        # text in an amount field gives a Swedish message next to it, and the text stays
        field = page.locator(".hb-amount input").first
        field.fill("tusen")
        check.click()
        message = page.locator(".hb-field-message", has_text="inget belopp")
        message.wait_for(timeout=30000)
        assert field.input_value() == "tusen"
        # the book is served beside the app for the feedback's links, and nothing else of the project
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{base}/voila/files/toolkit/rules.py", timeout=10)
        if (Path(__file__).resolve().parent.parent / "_build" / "html" / "index.html").is_file():
            chapter = f"{base}/voila/files/_build/html/book/chapters/bedomning-och-berakning.html"
            assert urllib.request.urlopen(chapter, timeout=10).status == 200
        page.wait_for_load_state("networkidle")
        foreign = [url for url in page.requested if not url.startswith(base) and not url.startswith(("data:", "blob:"))]
        assert not foreign, foreign
