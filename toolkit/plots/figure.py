"""A chart as accessible HTML for the book: the picture with alt text, and the whole
description in a fold-out text under it (for screen readers and for anyone who prefers it)."""

from __future__ import annotations

import base64
import io
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from matplotlib.figure import Figure


def png_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def short_alt(description: str) -> str:
    """The first sentence of a description, for the alt attribute."""
    first, dot, _ = description.partition(". ")
    return first + "." if dot else description


@lru_cache(maxsize=1)
def _template() -> Template:
    env = Environment(loader=PackageLoader("toolkit.plots", "templates"), autoescape=True, undefined=StrictUndefined)
    return env.get_template("figure.html.j2")


def html_figure(fig: Figure, description: str, *, alt: str | None = None) -> str:
    """<figure> with the PNG inline (no file, nothing fetched), alt text and the description
    (templates/figure.html.j2, every text escaped)."""
    data = base64.b64encode(png_bytes(fig)).decode("ascii")
    return _template().render(data=data, alt=alt or short_alt(description), description=description)
