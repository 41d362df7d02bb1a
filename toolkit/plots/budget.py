"""Budget charts: incomes against expenses, each category against its reference, and the
month-by-month effect of the advice. Every figure is computed by toolkit.budget; this module
only draws it (matplotlib Figure objects, no global pyplot state)."""
from __future__ import annotations

import io

from matplotlib.figure import Figure

from ..budget import NORM, Analysis, Projection, load_budget_data
from ..rules import load_rules

GROUPS = (  # expense groups in the first chart: (covered_by values, label, colour)
    (NORM, "Riksnormens poster", "#4c72b0"),
    (("skälig_kostnad",), "Skäliga kostnader (hyra, el …)", "#55a868"),
    (("livsföring_i_övrigt",), "Livsföring i övrigt", "#8172b2"),
    (("ingår_inte",), "Ingår inte i försörjningsstödet", "#c44e52"),
)
INCOME_COLOURS = ("#937860", "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd", "#b07aa1")


def kronor(amount_ore: int) -> int:
    """Öre to whole kronor for drawing (half up)."""
    return (amount_ore + 50) // 100 if amount_ore >= 0 else -((-amount_ore + 50) // 100)


def kr_text(amount_ore: int) -> str:
    value = kronor(amount_ore)
    text = f"{abs(value):,}".replace(",", " ") + " kr"
    return ("−" + text) if value < 0 else text


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes (for an ipywidgets Image or a file)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96, bbox_inches="tight")
    return buffer.getvalue()


def _result_text(amount_ore: int) -> str:
    if amount_ore < 0:
        return f"Hushållet går back {kr_text(-amount_ore)} i månaden"
    return f"Hushållet har {kr_text(amount_ore)} över i månaden"


def income_vs_expenses(analysis: Analysis) -> Figure:
    """Two stacked bars: what comes in (incomes, bistånd) and what goes out (by kind, debts)."""
    rules = load_rules(analysis.budget.municipality)
    data = load_budget_data(municipality=rules.municipality_slug)
    figure = Figure(figsize=(7, 4.2))
    ax = figure.subplots()
    bottom = 0
    incomes: dict[str, int] = {}
    for income in analysis.budget.incomes:
        label = rules.income_types[income.type].label
        incomes[label] = incomes.get(label, 0) + income.amount * 100
    incomes["Försörjningsstöd"] = analysis.assistance
    for i, (label, amount) in enumerate(incomes.items()):
        ax.bar(0, kronor(amount), bottom=bottom, color=INCOME_COLOURS[i % len(INCOME_COLOURS)] if label !=
               "Försörjningsstöd" else "#dd8452", label=label, edgecolor="white")
        bottom += kronor(amount)
    bottom = 0
    for covered, label, colour in GROUPS:
        amount = _group_amount(analysis, covered, data)
        if amount:
            ax.bar(1, kronor(amount), bottom=bottom, color=colour, label=label, edgecolor="white")
            bottom += kronor(amount)
    if analysis.debts:
        ax.bar(1, kronor(analysis.debts), bottom=bottom, color="#333333", label="Skulder", edgecolor="white")
    ax.set_xticks([0, 1], ["In", "Ut"])
    ax.set_ylabel("kronor i månaden")
    ax.set_title(_result_text(analysis.result), fontsize=11)
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def _group_amount(analysis: Analysis, covered: tuple[str, ...], data) -> int:
    """The expenses of a group as the analysis counted them (öre)."""
    return sum(amount for category, amount in analysis.expense_lines.items()
               if data.category(category).covered_by in covered)


def categories_vs_reference(analysis: Analysis) -> Figure:
    """Each reference post: what the household spends against the reference; deviations marked."""
    comparisons = analysis.comparisons
    figure = Figure(figsize=(7, 0.45 * len(comparisons) + 1.6))
    ax = figure.subplots()
    ys = list(range(len(comparisons)))[::-1]
    height = 0.38
    for y, c in zip(ys, comparisons, strict=True):
        ax.barh(y + height / 2, kronor(c.amount), height, color="#c44e52" if c.deviates else "#4c72b0")
        ax.barh(y - height / 2, kronor(c.reference), height, color="#bbbbbb")
    ax.set_yticks(ys, [c.label if len(c.label) < 28 else c.label.split(" (")[0] for c in comparisons], fontsize=8)
    ax.set_xlabel("kronor i månaden")
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color="#4c72b0", label="Hushållet"), Patch(color="#c44e52", label="Hushållet, avviker"),
                       Patch(color="#bbbbbb", label="Referens")], fontsize=8, frameon=False, loc="lower right")
    source = ("Referens: påhittade exempelvärden, INTE Konsumentverkets siffror"
              if not analysis.reference_from_konsumentverket else f"Referens: {analysis.reference_source.title}")
    ax.set_title(f"Kategorier mot referens ({analysis.reference_year})", fontsize=11)
    figure.text(0.01, 0.005, source, fontsize=7, color="#a1161b" if not analysis.reference_from_konsumentverket
                else "#555555")
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def monthly_effect(projection: Projection) -> Figure:
    """Month by month: the household's result and the bistånd, without and with the advice."""
    figure = Figure(figsize=(7, 3.8))
    ax = figure.subplots()
    months = [str(r.month) for r in projection.rows]
    xs = list(range(len(months)))
    ax.plot(xs, [kronor(r.result_before) for r in projection.rows], color="#c44e52", marker="o",
            label="Resultat utan råden")
    ax.plot(xs, [kronor(r.result_after) for r in projection.rows], color="#55a868", marker="o",
            label="Resultat med råden")
    ax.plot(xs, [kronor(r.assistance_before) for r in projection.rows], color="#c44e52", linestyle="--",
            label="Försörjningsstöd utan råden")
    ax.plot(xs, [kronor(r.assistance_after) for r in projection.rows], color="#55a868", linestyle="--",
            label="Försörjningsstöd med råden")
    ax.axhline(0, color="#333333", linewidth=0.8)
    ax.set_xticks(xs, months, fontsize=8)
    ax.set_ylabel("kronor i månaden")
    ax.set_title("Råden månad för månad", fontsize=11)
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    if projection.stopped:
        figure.text(0.01, 0.005, projection.stopped[:120], fontsize=7, color="#a1161b")
    return figure


__all__ = ["categories_vs_reference", "income_vs_expenses", "monthly_effect", "png"]
