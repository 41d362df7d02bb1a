"""Checks of the built book's exercise pages: each shows its case and a preview labelled as
one, holds no form and needs no widget script; the app button follows _config.yml."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.casebank.exercises import load_registry
from toolkit.preview import APP_BUTTON, LABEL
from toolkit.yamlfile import load

REGISTRY = load_registry()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def html(request) -> Path:
    """The built book: _build/html, or the folder in HANDBOK_HTML (a build with OUT=...)."""
    if os.environ.get("HANDBOK_HTML"):
        return Path(os.environ["HANDBOK_HTML"])
    return request.getfixturevalue("built_html")


def configured_app() -> str:
    return str(load(ROOT / "_config.yml")["sphinx"]["config"].get("handbok_ovningsapp") or "").strip()


@pytest.mark.parametrize("entry", REGISTRY.exercises, ids=lambda e: e.id)
def test_each_exercise_page_shows_a_static_preview(html: Path, entry):
    source = (html / "book" / "exercises" / f"{entry.notebook}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(source, "html.parser")
    article = soup.find("article") or soup
    preview = article.find(class_="hb-preview")
    assert preview is not None, entry.notebook
    assert LABEL in preview.get_text(" ")
    assert preview.find(("input", "button", "select", "textarea", "form")) is None
    # no widget state and no widget manager: nothing on the page pretends to be live
    assert "application/vnd.jupyter.widget-state+json" not in source
    assert "application/vnd.jupyter.widget-view+json" not in source
    assert "embed-amd.js" not in source and "require.js" not in source
    button = preview.find("a", class_="hb-app-button")
    if configured_app():
        assert button is not None and button.get_text() == APP_BUTTON
        assert button["href"].startswith(configured_app()) and f"ovning={entry.id}" in button["href"]
    else:
        assert button is None, "ingen adress i _config.yml: ingen knapp"
