"""What a reader sees of a chart: the whole legend (nothing cut off) and an alt text."""

from __future__ import annotations

import base64
import struct

from bs4 import BeautifulSoup
from matplotlib.figure import Figure

from toolkit.newest import Newest
from toolkit.plots.figure import describe, html_figure, html_image


def chart_with_outside_legend() -> Figure:
    fig = Figure(figsize=(4, 3), dpi=100)
    ax = fig.subplots()
    ax.bar([0, 1], [3, 5], label="Hyra")
    ax.bar([0, 1], [1, 2], bottom=[3, 5], label="Mat och hushåll")
    ax.set_title("In och ut")
    ax.set_ylabel("kronor i månaden")
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5))
    return fig


def png_width(markup: str) -> int:
    data = base64.b64decode(BeautifulSoup(markup, "html.parser").find("img")["src"].split(",", 1)[1])
    return struct.unpack(">I", data[16:20])[0]  # the PNG header's width


def test_a_legend_outside_the_axes_is_not_cut_off():
    fig = chart_with_outside_legend()
    assert png_width(html_figure(fig, "Ett diagram.")) > 4 * 100  # wider than the figure: the legend fits


def test_every_chart_has_an_alt_text_in_its_own_words():
    fig = chart_with_outside_legend()
    alt = describe(fig)
    assert "In och ut" in alt and "Hyra" in alt and "Mat och hushåll" in alt and "kronor i månaden" in alt
    image = BeautifulSoup(html_image(fig, alt), "html.parser").find("img")
    assert image["alt"] == alt
    figure = BeautifulSoup(html_figure(fig, "Stapeldiagram. Mer text."), "html.parser")
    assert figure.find("img")["alt"] == "Stapeldiagram."


def test_a_chart_is_drawn_once_for_the_same_data_and_again_for_new_data(monkeypatch):
    from toolkit.plots import figure as module

    monkeypatch.setattr(module, "_drawn", Newest(3))
    drawn: list[tuple[int, ...]] = []

    def draw(heights: tuple[int, ...]) -> Figure:
        drawn.append(heights)
        fig = chart_with_outside_legend()
        fig.axes[0].set_title(f"Staplar {heights[0]} och {heights[1]}")
        return fig

    first = module.chart_image(draw, (1, 2))
    assert module.chart_image(draw, (1, 2)) == first and drawn == [(1, 2)]
    assert "Staplar 1 och 2" in BeautifulSoup(first, "html.parser").find("img")["alt"]
    other = module.chart_image(draw, (4, 2))
    assert other != first and drawn == [(1, 2), (4, 2)] and "Staplar 4 och 2" in other
    for n in range(3):  # the oldest charts give way
        module.chart_image(draw, (n, 9))
    assert len(module._drawn) == 3
    module.chart_image(draw, (1, 2))
    assert drawn.count((1, 2)) == 2
