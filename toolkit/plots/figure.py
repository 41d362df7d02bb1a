"""A chart as accessible HTML for the book: the picture with alt text, and the whole
description in a fold-out text under it (for screen readers and for anyone who prefers it)."""

from __future__ import annotations

import base64
import html
import io

from matplotlib.figure import Figure


def png_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def short_alt(description: str) -> str:
    """The first sentence of a description, for the alt attribute."""
    first, dot, _ = description.partition(". ")
    return first + "." if dot else description


def html_figure(fig: Figure, description: str, *, alt: str | None = None) -> str:
    """<figure> with the PNG inline (no file, nothing fetched), alt text and the description."""
    data = base64.b64encode(png_bytes(fig)).decode("ascii")
    alt_text = html.escape(alt or short_alt(description), quote=True)
    return (
        f'<figure class="hb-diagram"><img src="data:image/png;base64,{data}" alt="{alt_text}" '
        'style="max-width:100%">'
        f"<details><summary>Diagrammet i text</summary><p>{html.escape(description)}</p></details></figure>"
    )
