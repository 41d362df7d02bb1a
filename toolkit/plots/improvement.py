"""Charts for improvement work (toolkit.improvement): a run chart with its median and the
points behind each signal, and a group followed month by month. Each function returns the
figure and a text that says what it shows (alt text, and for readers who do not see it)."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from ..improvement.runchart import Analysis, conclusion, number
from ..months import Month, month_label

BLUE, GREY, RED = "#1f5f8b", "#777777", "#b03a2e"


def run_chart(
    analysis: Analysis, *, title: str, measure: str, change: str | None = None, source: str | None = None
) -> tuple[Figure, str]:
    """The series, its median (solid over the baseline, dotted after it), and the points in the
    longest run (filled red when that rule signals) and astronomical candidates (ringed)."""
    fig = Figure(figsize=(6.8, 3.8), dpi=110)
    ax = fig.subplots()
    x = list(range(len(analysis.values)))
    ax.plot(x, analysis.values, marker="o", color=BLUE, label=measure, zorder=2)
    base_end = analysis.baseline - 1
    ax.hlines(analysis.median, 0, base_end, colors=GREY, linestyles="-", label="Median (baslinje)")
    if base_end < len(x) - 1:
        ax.hlines(analysis.median, base_end, len(x) - 1, colors=GREY, linestyles=":")
        ax.axvline(base_end + 0.5, color="#c05020", linewidth=1)
    by_rule = {s.rule: s for s in (*analysis.anhoej, *analysis.perla)}
    run = by_rule.get("längsta_serie")
    if run and run.fired:
        ax.scatter(
            [x[i] for i in run.points],
            [analysis.values[i] for i in run.points],
            color=RED,
            zorder=3,
            label="Ovanligt lång serie",
        )
    candidates = by_rule.get("astronomisk_kandidat")
    if candidates and candidates.fired:
        ax.scatter(
            [x[i] for i in candidates.points],
            [analysis.values[i] for i in candidates.points],
            s=160,
            facecolors="none",
            edgecolors=GREY,
            zorder=3,
            label="Kandidat till astronomisk punkt",
        )
    ax.set_xticks(x, analysis.labels)
    ax.set_ylabel(measure)
    top = max(analysis.values) * 1.25 if max(analysis.values) > 0 else 1
    ax.set_ylim(0, top)
    if change and base_end < len(x) - 1:
        ax.annotate(change, (base_end + 0.6, top * 0.97), fontsize=8, color="#c05020", va="top")
    ax.set_title(title, fontsize=11)
    ax.legend(loc="upper left", fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    if source:
        fig.text(0.01, 0.01, f"Källa: {source}.", fontsize=7, ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.05 if source else 0, 1, 1))
    points = ", ".join(
        f"{label} {number(value)}" for label, value in zip(analysis.labels, analysis.values, strict=True)
    )
    text = (
        f"Seriediagram: {title}. {measure} per punkt: {points}. Medianen för de första {analysis.baseline} "
        f"punkterna är {number(analysis.median)}. "
        + " ".join(s.message for s in analysis.anhoej)
        + " "
        + conclusion(analysis)
    )
    return fig, text


def cohort_chart(table: pd.DataFrame, *, title: str, source: str | None = None) -> tuple[Figure, str]:
    """The group month by month: still with bistånd (bars) and stopped this month (line)."""
    fig = Figure(figsize=(6.8, 3.6), dpi=110)
    ax = fig.subplots()
    x = list(range(len(table)))
    ax.bar(x, table["kvar"], color="#9cc3dc", label="Har fortfarande bistånd")
    ax.plot(x, table["avslutade"], marker="o", color=RED, label="Slutade få bistånd den månaden")
    ax.set_xticks(x, list(table["månad"]), rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("Hushåll")
    ax.set_title(title, fontsize=11)
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    if source:
        fig.text(0.01, 0.01, f"Källa: {source}.", fontsize=7, ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.05 if source else 0, 1, 1))
    first, last = table.iloc[0], table.iloc[-1]
    names = [month_label(Month.parse(m)) for m in table["månad"]]
    text = (
        f"Stapeldiagram: {title}. Hushåll i gruppen som får bistånd: {first['kvar']} i {names[0]} och "
        f"{last['kvar']} i {names[-1]}. Hushåll som slutade få bistånd, per månad: "
        + ", ".join(f"{m} {n}" for m, n in zip(names[1:], table["avslutade"].iloc[1:], strict=True))
        + "."
    )
    return fig, text
