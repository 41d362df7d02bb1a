"""The sidebar lists as many levels of pages as the table of contents has.

The theme's default is four levels: for each of the book's pages it copies the whole table of
contents with every page's sections down to the fourth level, then drops the sections again
(the sidebar shows page titles only). With the table of contents' own depth the pages are the
same, and a cold build is about 3 seconds shorter. A municipality that puts pages under a
chapter (sections: in _toc.yml) gets the deeper sidebar without changing anything here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx_external_toc.parsing import parse_toc_yaml


def toc_depth(toc: Path) -> int:
    """How many levels of pages sit under the root in the table of contents (1: chapters only)."""
    site = parse_toc_yaml(toc)

    def depth(docname: str) -> int:
        below = [item for tree in site[docname].subtrees for item in tree.items if item in site]
        return 1 + max((depth(item) for item in below), default=0)

    return max(depth(site.root.docname) - 1, 1)


def set_sidebar_depth(app: Sphinx, config: Config) -> None:
    options = dict(config.html_theme_options or {})
    options.setdefault("max_navbar_depth", toc_depth(Path(app.confdir) / config.external_toc_path))
    config.html_theme_options = options


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", set_sidebar_depth, priority=700)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
