"""The beräkningsunderlag as a readable Swedish table (for the terminal and the book)."""

from __future__ import annotations

from .assessment import Assessment
from .money import format_kr

_HEADINGS = {
    "riksnorm": "Riksnorm",
    "justering": "Justeringar (särskilda skäl)",
    "kostnad": "Skäliga kostnader",
    "inkomst": "Räknade inkomster",
}


def text_table(result: Assessment, *, width: int = 52) -> str:
    """The assessment as plain text: every line with amount and rule, then the decision."""
    out = [
        f"Beräkningsunderlag: {result.title}",
        f"Månad {result.month} · {result.municipality} · fall {result.case_id}",
        "",
    ]
    totals = {
        "riksnorm": result.riksnorm,
        "justering": result.adjustments,
        "kostnad": result.costs,
        "inkomst": result.incomes,
    }
    for category, heading in _HEADINGS.items():
        lines = result.lines_in(category)
        if not lines and category == "justering":
            continue
        out.append(heading)
        for line in lines:
            person = f" [{line.person}]" if line.person else ""
            label = line.post + person
            if len(label) > width:  # wrap rather than cut: the person id must stay visible
                out.append(f"  {label}")
                label = ""
            out.append(f"  {label:<{width}} {format_kr(line.amount):>14}   {line.citation}")
            if line.explanation:
                out.append(f"  {'':<{width}} {'':>14}   ({line.explanation})")
        out.append(f"  {'Summa ' + heading.lower():<{width}} {format_kr(totals[category]):>14}")
        out.append("")
    sign = "−" if result.incomes >= 0 else "+"
    out.append(
        f"Beräkning: {format_kr(result.riksnorm)}"
        + (f" + {format_kr(result.adjustments)}" if result.adjustments else "")
        + f" + {format_kr(result.costs)} {sign} {format_kr(abs(result.incomes))}"
        + f" = {format_kr(result.unrounded)}"
    )
    if result.decision == "bifall":
        out.append(f"Beslut: bifall, försörjningsstöd {format_kr(result.amount)} ({result.decision_citation})")
    else:
        out.append(f"Beslut: avslag, inkomsterna täcker behovet ({result.decision_citation})")
    if result.notices:
        out.append("")
        out.append("Att tänka på:")
        out.extend(f"  - {notice}" for notice in result.notices)
    return "\n".join(out)
