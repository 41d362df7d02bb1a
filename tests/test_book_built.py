"""Checks of the built handbook (make test builds it first): anchors, review notes, sources,
the closing overview and the municipality's name."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from test_book_structure import LABELS

from toolkit.maintenance import review
from toolkit.maintenance.tables import _collect_sources, describe_source
from toolkit.rules import load_rules
from toolkit.yamlfile import load


@pytest.fixture(scope="module")
def html(request) -> Path:
    """The built book: _build/html, or the folder in HANDBOK_HTML (a build with OUT=...)."""
    if os.environ.get("HANDBOK_HTML"):
        return Path(os.environ["HANDBOK_HTML"])
    return request.getfixturevalue("built_html")


@functools.cache
def page(html: Path, name: str) -> BeautifulSoup:
    """A built chapter, parsed once for all the tests here (they only read it)."""
    return BeautifulSoup((html / "book" / "chapters" / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def test_every_section_label_is_an_anchor_in_the_built_chapter(html: Path):
    for chapter, labels in LABELS.items():
        soup = page(html, chapter)
        for label in labels:
            assert soup.find(id=label), f"{chapter}.html saknar id={label}"


def test_every_routine_page_ends_with_its_review_note(html: Path):
    for item in review.pages(ROOT):
        if not item.path.startswith("book/chapters/"):
            continue
        soup = page(html, Path(item.path).stem)
        note = soup.find(class_="granskning")
        assert note is not None, item.path
        assert f"Senast granskad {item.reviewed}" in note.get_text(), item.path


def test_the_sources_page_lists_every_source_in_the_parameters(html: Path):
    text = page(html, "kallor").get_text(" ")
    rules = load_rules("exempelstad")
    for path in sorted(rules.root.glob("*.yaml")):
        found: list[dict] = []
        _collect_sources(load(path), found)
        for source in found:
            assert str(source["titel"]).split(",")[0] in text, f"{path.name}: {describe_source(source)}"


def test_the_closing_page_links_every_exercise_of_every_chapter(html: Path):
    soup = page(html, "avslutning")
    hrefs = {a["href"] for a in soup.find_all("a", href=True)}
    for chapter, exercises in review.chapter_exercises(ROOT):
        for name in exercises:
            assert f"../exercises/{name}.html" in hrefs, f"{chapter.path}: {name}"


def test_the_title_names_the_municipality(html: Path):
    name = load_rules("exempelstad").municipality.name
    title = page(html, "uppdrag-och-syfte").title.get_text()
    assert name in title


def test_the_theme_speaks_swedish(html: Path):
    """The theme's own labels: Swedish from book/locale/sv and book/_templates, never English."""
    for path in [html / "index.html", *sorted((html / "book" / "chapters").glob("*.html"))[:3]]:
        source = path.read_text(encoding="utf-8")
        for english in ("Back to top", "Toggle primary sidebar", "Toggle secondary sidebar", "Color mode"):
            assert english not in source, f"{path.name}: {english}"
    chapter = page(html, "bedomning-och-berakning")
    assert "Till början av sidan" in chapter.get_text(" ")
    toggle = chapter.find("button", class_="primary-toggle", title=True)
    assert toggle["aria-label"] == "Visa eller dölj innehållsförteckningen"


def test_the_riksnorm_table_shows_the_latest_year_first(html: Path):
    table = page(html, "bedomning-och-berakning").find("table")
    years = [int(th.get_text(strip=True)) for th in table.find_all("th") if th.get_text(strip=True).isdigit()]
    newest = max(p.start.year for p in load_rules("exempelstad").riksnorm_file.periods if p.personal is not None)
    assert years[0] == newest and years == sorted(years, reverse=True)
