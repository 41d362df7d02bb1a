"""The results the source texts report, as charts: the cost trend and a run chart (seriediagram).

The figures live in book/data/resultat.yaml, each with its source; this module only draws
them. A year the sources do not report is not drawn, and no line joins two reported years
as if the years between were known.
"""

from __future__ import annotations

import io
import statistics
from pathlib import Path
from typing import Annotated, Any

from matplotlib.figure import Figure
from pydantic import Field, StrictInt, model_validator

from .. import settings
from ..schemas.common import Source, Strict
from ..yamlfile import load_model

Count = Annotated[StrictInt, Field(ge=0)]


class CostPoint(Strict):
    year: Annotated[StrictInt, Field(ge=1990, le=2100)] = Field(alias="år")
    thousands: Count = Field(alias="tkr")
    source: str = Field(alias="källa")


class LongTerm(Strict):
    month: str = Field(alias="månad", pattern=r"^\d{4}-\d{2}$")
    cases: Count = Field(alias="ärenden")
    with_children: Count = Field(alias="hushåll_med_barn")
    mapped: Count = Field(alias="kartlagda_personer")
    source: str = Field(alias="källa")


class RunChart(Strict):
    source: str = Field(alias="källa")
    months: list[str] = Field(alias="månader", min_length=2)
    applications: list[Count] = Field(alias="sökta_arbeten")
    visits: list[Count] = Field(alias="besök")
    change: str = Field(alias="förändring")
    change_text: str = Field(alias="förändring_text")

    @model_validator(mode="after")
    def _aligned(self) -> RunChart:
        if not (len(self.months) == len(self.applications) == len(self.visits)):
            raise ValueError("månader, sökta_arbeten och besök ska ha lika många värden")
        if self.change not in self.months:
            raise ValueError(f"förändring '{self.change}' är ingen av månaderna")
        return self


class Results(Strict):
    name: str = Field(alias="namn")
    sources: dict[str, Source] = Field(alias="källor")
    cost: list[CostPoint] = Field(alias="kostnad", min_length=1)
    facts: dict[str, dict[str, Any]] = Field(alias="uppgifter")
    long_term: LongTerm = Field(alias="långvariga")
    run: RunChart = Field(alias="körning")

    @model_validator(mode="after")
    def _sources_exist(self) -> Results:
        used = [p.source for p in self.cost] + [self.long_term.source, self.run.source]
        used += [str(f.get("källa")) for f in self.facts.values()]
        missing = sorted({s for s in used if s not in self.sources})
        if missing:
            raise ValueError(f"källa saknas i källor: {', '.join(missing)}")
        return self

    def cite(self, key: str) -> str:
        """'Title, publisher, date' of a source (the date, or that the text has none)."""
        source = self.sources[key]
        when = source.published.isoformat() if source.published else "datum saknas i texten"
        return f"{source.title}, {source.publisher}, {when}"


def results_path() -> Path:
    """The results file: <book>/data/resultat.yaml."""
    return settings.book_dir() / "data" / "resultat.yaml"


def load_results(path: Path | str | None = None) -> Results:
    """The results file, validated (InputError names file, line and field of any problem)."""
    model, _ = load_model(Results, Path(path) if path is not None else results_path())
    return model


def million_kr(thousands: int) -> str:
    """58300 -> '58,3 miljoner kronor' (Swedish decimal comma, no float)."""
    whole, rest = divmod(thousands, 1000)
    decimals = f"{rest:03d}".rstrip("0")
    return (f"{whole},{decimals}" if decimals else f"{whole}") + " miljoner kronor"


def cost_chart(results: Results | None = None) -> Figure:
    """Bars for the years the sources report, with the source under the chart."""
    results = results or load_results()
    points = sorted(results.cost, key=lambda p: p.year)
    fig = Figure(figsize=(6.4, 3.6), dpi=110)
    ax = fig.subplots()
    years = [str(p.year) for p in points]
    values = [p.thousands / 1000 for p in points]  # drawing only; the data stay integers
    bars = ax.bar(years, values, color="#1f5f8b", width=0.5)
    for bar, point in zip(bars, points, strict=True):
        ax.annotate(
            million_kr(point.thousands).replace(" miljoner kronor", " mnkr"),
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            xytext=(0, 3),
            textcoords="offset points",
        )
    ax.set_ylabel("Miljoner kronor per år")
    ax.set_title("Borås Stads kostnad för försörjningsstöd")
    ax.set_ylim(0, max(values) * 1.2)
    ax.spines[["top", "right"]].set_visible(False)
    sources = sorted({results.cite(p.source) for p in points})
    fig.text(
        0.01,
        0.01,
        "Källa: " + "; ".join(sources) + ". Åren däremellan redovisas inte i källan.",
        fontsize=7,
        ha="left",
        va="bottom",
        wrap=True,
    )
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig


def run_chart(results: Results | None = None) -> Figure:
    """Seriediagram: job applications per month with the median of the months before the change."""
    results = results or load_results()
    run = results.run
    start = run.months.index(run.change)
    baseline = statistics.median(run.applications[:start])
    fig = Figure(figsize=(6.4, 3.6), dpi=110)
    ax = fig.subplots()
    x = list(range(len(run.months)))
    ax.plot(x, run.applications, marker="o", color="#1f5f8b", label="Sökta arbeten per månad")
    ax.hlines(baseline, 0, start - 1, colors="#888888", linestyles="--", label="Median före förändringen")
    ax.hlines(baseline, start - 1, len(x) - 1, colors="#bbbbbb", linestyles=":")
    ax.axvline(start - 0.5, color="#c05020", linewidth=1)
    ax.annotate(run.change_text, (start - 0.4, max(run.applications) * 1.22), fontsize=8, color="#c05020", va="top")
    ax.set_xticks(x, run.months)
    ax.set_ylabel("Antal")
    ax.set_ylim(0, max(run.applications) * 1.25)
    ax.set_title("Långvarigt bistånd: sökta arbeten per månad")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(0.01, 0.01, "Källa: " + results.cite(run.source) + ".", fontsize=7, ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def png(fig: Figure) -> bytes:
    """The chart as PNG bytes (no pyplot, so no backend or global state is involved); the
    bounding box is tight, so a legend or source line outside the axes is not cut off."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def cost_description(results: Results | None = None) -> str:
    """The cost chart in words, for its alt text and the text under it."""
    results = results or load_results()
    points = sorted(results.cost, key=lambda p: p.year)
    bars = ", ".join(f"{p.year}: {million_kr(p.thousands)}" for p in points)
    return (
        f"Stapeldiagram över Borås Stads kostnad för försörjningsstöd per år. {bars}. "
        f"Källa: {'; '.join(sorted({results.cite(p.source) for p in points}))}."
    )


def run_description(results: Results | None = None) -> str:
    """The run chart in words, for its alt text and the text under it."""
    results = results or load_results()
    run = results.run
    values = ", ".join(f"{m}: {v}" for m, v in zip(run.months, run.applications, strict=True))
    median = f"{baseline_median(results):g}".replace(".", ",")
    return (
        f"Seriediagram över sökta arbeten per månad i långvarigt bistånd. Medianen före förändringen "
        f"({run.change_text}) är {median}. Värdena per månad: {values}. Källa: {results.cite(run.source)}."
    )


def baseline_median(results: Results | None = None) -> float:
    """The median of the job applications in the months before the change (the run chart's centre line)."""
    results = results or load_results()
    run = results.run
    return statistics.median(run.applications[: run.months.index(run.change)])


def longest_run_above_median(results: Results | None = None) -> int:
    """The most months in a row above the baseline median (six or more is a shift, a signal
    that the change is real and not chance: the usual rule for a seriediagram)."""
    results = results or load_results()
    median = baseline_median(results)
    best = current = 0
    for value in results.run.applications:
        current = current + 1 if value > median else 0
        best = max(best, current)
    return best


def sources_markdown(results: Results | None = None) -> str:
    """Every source of the results file as a Markdown list (title, publisher, date)."""
    results = results or load_results()
    lines = []
    for source in results.sources.values():
        when = source.published.isoformat() if source.published else "datum saknas i texten"
        note = f" {source.note}" if source.note else ""
        lines.append(f"- *{source.title}*. {source.publisher}, {when}.{note}")
    return "\n".join(lines)


__all__ = [
    "Results",
    "load_results",
    "million_kr",
    "cost_chart",
    "cost_description",
    "run_chart",
    "run_description",
    "baseline_median",
    "longest_run_above_median",
    "sources_markdown",
    "png",
]
