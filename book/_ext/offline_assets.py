"""Keep the built book free of Thebe, which would load its kernel bridge from a CDN.

Jupyter Book 1 always loads sphinx-thebe. The book has no live code cells (exercises run in
the exercise app), so its script and stylesheet are dropped from every page.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def _is_thebe(asset) -> bool:
    name = getattr(asset, "filename", None) or ""
    body = (getattr(asset, "attributes", None) or {}).get("body", "")
    return "thebe" in name or "THEBE_JS_URL" in body


def drop_thebe(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _is_thebe(asset)]


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
