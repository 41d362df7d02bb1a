"""The built book loads nothing from another host: scripts, styles, fonts and images are local."""

from __future__ import annotations

import re
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


def remote_references(html: str) -> list[str]:
    """Every reference in a page that a browser would fetch from another host."""
    fetching: dict[str, list[str]] = {}
    for tag, attribute in FETCHING:
        fetching.setdefault(tag, []).append(attribute)
    found = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):  # one walk over every element
        for attribute in fetching.get(element.name, ()):
            value = element.get(attribute)
            if value and remote(value.split()[0]):
                found.append(f"<{element.name} {attribute}={value}>")
        if element.name == "link":
            rel = {r.lower() for r in element.get("rel") or []}
            if rel & FETCHING_REL and element.get("href") and remote(element["href"]):
                found.append(f"<link rel={' '.join(sorted(rel))} href={element['href']}>")
        if element.name == "script":
            for name, value in element.attrs.items():
                if name.startswith("data-") and isinstance(value, str) and remote(value):
                    found.append(f"<script {name}={value}>")
        if element.get("style"):
            found += [u for u in CSS_URL.findall(element["style"]) if remote(u)]
        if element.name == "style":
            text = element.get_text()
            found += [u for u in CSS_URL.findall(text) + IMPORT.findall(text) if remote(u)]
    return found


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
