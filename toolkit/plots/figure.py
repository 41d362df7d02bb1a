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
    fig.savefig(buffer, format="png", bbox_inches="tight")  # a legend outside the axes stays whole
    return buffer.getvalue()


def short_alt(description: str) -> str:
    """The first sentence of a description, for the alt attribute."""
    first, dot, _ = description.partition(". ")
    return first + "." if dot else description


@lru_cache(maxsize=2)
def _template(name: str = "figure.html.j2") -> Template:
    env = Environment(loader=PackageLoader("toolkit.plots", "templates"), autoescape=True, undefined=StrictUndefined)
    return env.get_template(name)


def describe(fig: Figure) -> str:
    """A chart's alt text in its own words: each diagram's title, axis and the labels of its legend."""
    parts = []
    for ax in fig.axes:
        legend = ax.get_legend()
        labels = [text.get_text() for text in legend.get_texts()] if legend is not None else []
        words = [w for w in (ax.get_title(), ax.get_ylabel() and f"axeln visar {ax.get_ylabel()}") if w]
        if labels:
            words.append("delarna är " + ", ".join(labels))
        if words:
            parts.append("; ".join(words))
    return "Diagram: " + ". ".join(parts) + "." if parts else "Diagram."


def html_image(fig: Figure, alt: str) -> str:
    """The chart as an image with the PNG inline and its alt text (templates/image.html.j2), for the app."""
    data = base64.b64encode(png_bytes(fig)).decode("ascii")
    return _template("image.html.j2").render(data=data, alt=alt)


def html_figure(fig: Figure, description: str, *, alt: str | None = None) -> str:
    """<figure> with the PNG inline (no file, nothing fetched), alt text and the description
    (templates/figure.html.j2, every text escaped)."""
    data = base64.b64encode(png_bytes(fig)).decode("ascii")
    return _template().render(data=data, alt=alt or short_alt(description), description=description)
