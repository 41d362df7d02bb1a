"""The built book loads nothing from another host: scripts, styles, fonts and images are local."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup

# (tag, attribute) pairs that make a browser fetch something when the page loads.
FETCHING = [
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
]
# <link rel=...> values that fetch (stylesheets, fonts, icons, preloads); rel=prev/next/index do not.
FETCHING_REL = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "preconnect",
    "dns-prefetch",
}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)")


def remote(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme in {"http", "https"}


class _Fetches(HTMLParser):
    """Collects what a browser would fetch from another host while it reads the page (the
    standard library's tokenizer: no tree is needed, and a tree costs five times as long)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fetching: dict[str, list[str]] = {}
        for tag, attribute in FETCHING:
            self.fetching.setdefault(tag, []).append(attribute)
        self.found: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for attribute in self.fetching.get(tag, ()):
            value = values.get(attribute)
            if value and remote(value.split()[0]):
                self.found.append(f"<{tag} {attribute}={value}>")
        if tag == "link":
            rel = {r.lower() for r in values.get("rel", "").split()}
            if rel & FETCHING_REL and values.get("href") and remote(values["href"]):
                self.found.append(f"<link rel={' '.join(sorted(rel))} href={values['href']}>")
        if tag == "script":
            for name, value in values.items():
                if name.startswith("data-") and remote(value):
                    self.found.append(f"<script {name}={value}>")
        if values.get("style"):
            self.found += [u for u in CSS_URL.findall(values["style"]) if remote(u)]
        self.in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.in_style = False

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.found += [u for u in CSS_URL.findall(data) + IMPORT.findall(data) if remote(u)]


def remote_references(html: str) -> list[str]:
    """Every reference in a page that a browser would fetch from another host."""
    reader = _Fetches()
    reader.feed(html)
    reader.close()
    return reader.found


def test_detector_catches_cdn_references():
    page = """<html><head>
      <script src="https://cdn.jsdelivr.net/npm/x.js"></script>
      <link rel="stylesheet" href="//fonts.googleapis.com/css">
      <script src="local.js" data-jupyter-widgets-cdn="https://cdn.jsdelivr.net/npm/"></script>
      <style>@import "https://example.org/a.css"; body{background:url(https://x.org/i.png)}</style>
      </head><body><img src="http://example.org/logo.png"><a href="https://riksdagen.se">källa</a>
      <link rel="next" href="https://example.org/next.html"></body></html>"""
    found = remote_references(page)
    assert len(found) == 6, found  # the text link and rel=next are not fetched


def test_no_page_fetches_from_another_host(built_html: Path):
    pages = sorted(built_html.rglob("*.html"))
    assert len(pages) >= 3
    problems = {str(p.relative_to(built_html)): remote_references(p.read_text(encoding="utf-8")) for p in pages}
    problems = {page: refs for page, refs in problems.items() if refs}
    assert not problems, problems


def test_no_stylesheet_fetches_from_another_host(built_html: Path):
    problems = []
    for css in (built_html / "_static").rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        problems += [f"{css.name}: {u}" for u in CSS_URL.findall(text) + IMPORT.findall(text) if remote(u)]
    assert not problems, problems


def test_exercise_page_needs_no_widget_manager_and_holds_no_widget_state(built_html: Path):
    """The book's exercise pages are static previews (toolkit/preview.py): nothing on them asks for
    a widget manager or a kernel; the live exercise is in the exercise app."""
    page = (built_html / "book" / "exercises" / "riksnorm-hushall.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    sources = [s.get("src", "") for s in soup.find_all("script")]
    assert not [s for s in sources if "embed-amd.js" in s or s.split("?")[0].endswith("require.js")], sources
    assert soup.find("script", type="application/vnd.jupyter.widget-state+json") is None
    assert soup.find("script", type="application/vnd.jupyter.widget-view+json") is None
    assert soup.find(class_="hb-preview") is not None
    # The code that makes the preview is hidden, not shown to the trainee.
    assert "exercise_preview(" not in soup.get_text()
