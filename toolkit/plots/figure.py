"""A chart as accessible HTML for the book: the picture with alt text, and the whole
description in a fold-out text under it (for screen readers and for anyone who prefers it)."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from matplotlib.figure import Figure

from ..newest import Newest


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


DRAWN_KEPT = 16  # charts kept by what they show; a budget exercise shows four
_drawn: Newest[tuple[str, str], str] = Newest(DRAWN_KEPT)


def chart_image(draw: Callable[[Any], Figure], data: Any) -> str:
    """html_image of draw(data) with its own description as alt text, drawn once for the same
    data: a budget exercise opened again, or the same advice shown again, costs no new PNG
    (0.2 s each). The key is the drawing function and repr(data), which for the toolkit's
    dataclasses and pydantic models spells out every field."""
    key = (f"{draw.__module__}.{draw.__qualname__}", repr(data))
    image = _drawn.get(key)
    if image is None:
        figure = draw(data)
        image = html_image(figure, describe(figure))
        _drawn.put(key, image)
    return image


def html_figure(fig: Figure, description: str, *, alt: str | None = None) -> str:
    """<figure> with the PNG inline (no file, nothing fetched), alt text and the description
    (templates/figure.html.j2, every text escaped)."""
    data = base64.b64encode(png_bytes(fig)).decode("ascii")
    return _template().render(data=data, alt=alt or short_alt(description), description=description)
