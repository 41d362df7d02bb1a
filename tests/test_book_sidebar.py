"""The sidebar lists every page of the table of contents, at the depth the table has."""

from __future__ import annotations

import sys
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOT

from toolkit.yamlfile import load

sys.path.insert(0, str(ROOT / "book" / "_ext"))
from sidebar import toc_depth  # noqa: E402  (a Sphinx extension of the book, not a package)


def _files(entries: list[dict]) -> list[str]:
    found = []
    for entry in entries:
        found += [entry["file"]] if "file" in entry else []
        found += _files(entry.get("chapters", []) + entry.get("sections", []))
    return found


def test_the_depth_is_that_of_the_table_of_contents(tmp_path: Path):
    assert toc_depth(ROOT / "_toc.yml") == 1  # parts with chapters, no pages under a chapter
    nested = tmp_path / "_toc.yml"
    nested.write_text(
        "format: jb-book\nroot: intro\nparts:\n  - caption: Del\n    chapters:\n      - file: a\n"
        "        sections:\n          - file: b\n            sections:\n              - file: c\n      - file: d\n",
        encoding="utf-8",
    )
    assert toc_depth(nested) == 3  # a > b > c


def test_every_page_of_the_table_of_contents_is_in_the_sidebar(built_html: Path):
    toc = load(ROOT / "_toc.yml")
    pages = _files(toc["parts"])
    # The start page: on a chapter's own page, its link points to itself (#).
    soup = BeautifulSoup((built_html / "book" / "intro.html").read_text(encoding="utf-8"), "html.parser")
    nav = soup.select_one("nav.bd-docs-nav")
    assert nav is not None
    linked = {
        (built_html / "book" / a["href"]).resolve().relative_to(built_html).with_suffix("").as_posix()
        for a in nav.select("ul.bd-sidenav a[href]")
    }
    assert set(pages) <= linked, sorted(set(pages) - linked)
    assert len(pages) == len(set(pages)) > 90
