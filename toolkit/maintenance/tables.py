"""Tables for the book, generated from the parameters (no figure is typed into a page)."""

from __future__ import annotations

from typing import Any

from ..assessment import Assessment
from ..money import format_kr, ore
from ..rules import Rules, display_path, load_rules
from ..schemas.national import LagrumFile
from ..schemas.riksnorm import PersonalCosts
from ..yamlfile import load


def _kr(kronor: int | None) -> str:
    return "–" if kronor is None else format_kr(ore(kronor))


def riksnorm_markdown(rules: Rules | None = None) -> str:
    """Every verified riksnorm year as one Markdown table, the latest year in the first column."""
    rules = rules or load_rules()
    periods = [p for p in rules.riksnorm_file.periods if p.personal is not None]
    # 2025 has two periods with the same amounts (the law changed 2025-07-01): show the year once.
    seen: set[int] = set()
    shown = []
    for period in periods:
        if period.start.year not in seen:
            seen.add(period.start.year)
            shown.append(period)
    # The latest year first: a reader looks for this year's figures, and a narrow screen that
    # scrolls the table sideways still shows them.
    shown.reverse()
    head = "| Post | " + " | ".join(str(p.start.year) for p in shown) + " |"
    rule = "|---|" + "---:|" * len(shown)
    tables: list[PersonalCosts] = [p.personal for p in shown if p.personal is not None]
    rows = []
    for band in rules.child_bands:
        rows.append(f"| Barn {band.label} | " + " | ".join(_kr(t.children.get(band.key)) for t in tables) + " |")
    for band in rules.lunch_bands:
        rows.append(
            f"| Barn {band.label}, lunch utanför hemmet | "
            + " | ".join(_kr(t.children_lunch_out.get(band.key) if t.children_lunch_out else None) for t in tables)
            + " |"
        )
    rows.append("| Ensamstående | " + " | ".join(_kr(t.single) for t in tables) + " |")
    rows.append("| Sambor (tillsammans) | " + " | ".join(_kr(t.couple) for t in tables) + " |")
    # The household sizes are the rows of the tables (riksnorm.yaml), 1 and up.
    for n in range(1, max(p.largest_household for p in shown) + 1):
        rows.append(
            f"| Hushållsgemensamt, {n} {'person' if n == 1 else 'personer'} | "
            + " | ".join(_kr((p.household or {}).get(n)) for p in shown)
            + " |"
        )
    return "\n".join([head, rule, *rows])


def riksnorm_sources_markdown(rules: Rules | None = None) -> str:
    """One bullet per riksnorm period: the years and the source."""
    rules = rules or load_rules()
    return "\n".join(
        f"- {p.start}–{p.end or '…'}: {p.source.describe()}" + (f". {p.source.note}" if p.source.note else "")
        for p in rules.riksnorm_file.periods
    )


def assessment_markdown(result: Assessment) -> str:
    """An assessment as a Markdown table for a worked example in the book."""
    rows = ["| Post | Person | Belopp | Regel |", "|---|---|---:|---|"]
    signs = {"riksnorm": "", "justering": "", "kostnad": "", "inkomst": "−"}
    for line in result.lines:
        rows.append(
            f"| {line.post} | {line.person or ''} | {signs[line.category]}{format_kr(line.amount)} | {line.citation} |"
        )
    rows.append(f"| **Försörjningsstöd** | | **{format_kr(result.amount)}** | {result.decision_citation} |")
    return "\n".join(rows)


def lagrum_markdown(
    rule_ids: list[str] | tuple[str, ...], rules: Rules | None = None, lagrum: LagrumFile | None = None
) -> str:
    """The legal basis of rules as a Markdown list: every wording with the dates it is in force,
    so a page cites the old law for months before 2025-07-01 and the new law after.
    Where the section of a wording is not verified, the page cites what is known (for the new
    law, often only the chapter) and the corresponding section of the wording before it; the
    open question itself is listed on the sources page (open_sections_markdown).
    `lagrum` (a LagrumFile) may be given instead of the rules."""
    table = (lagrum or (rules or load_rules()).lagrum).rules
    out = []
    for rule_id in rule_ids:
        if rule_id not in table:
            raise KeyError(f"okänd regel '{rule_id}' (finns: {', '.join(table)})")
        rule = table[rule_id]
        out.append(f"- **{rule.description}**")
        for i, wording in enumerate(rule.wordings):
            when = f"{wording.start} till och med {wording.end}" if wording.end else f"från {wording.start}"
            text = f"  - {when}: {wording.citation}"
            former = rule.wordings[i - 1] if i > 0 else None
            if (
                not wording.section_verified
                and former is not None
                and former.section_verified
                and former.citation != wording.citation
            ):
                text += f", som motsvarar {former.citation}"
            if wording.note and wording.section_verified:  # an open question is listed on the sources page
                text += f". {wording.note}"
            out.append(text)
    return "\n".join(out)


def open_sections_markdown(rules: Rules | None = None, lagrum: LagrumFile | None = None) -> str:
    """Every citation whose section is not verified, as a Markdown list for the sources page:
    the open questions the pages do not repeat in every line (lagrum.yaml). `lagrum` (a
    LagrumFile) may be given instead of the rules."""
    out = []
    for description, wording in (lagrum or (rules or load_rules()).lagrum).open_wordings():
        when = f"{wording.start} till och med {wording.end}" if wording.end else f"från {wording.start}"
        out.append(f"- {description}: {wording.citation} ({when})" + (f". {wording.note}" if wording.note else ""))
    return "\n".join(out) or "- Inga: varje lagrum i regelvärdena har en verifierad paragraf."


def _collect_sources(node: Any, found: list[dict[str, Any]]) -> None:
    """Every mapping with a 'titel' found under a 'källa' or 'källor' key, in file order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "källa" and isinstance(value, dict) and "titel" in value:
                found.append(dict(value))
            elif key == "källor" and isinstance(value, dict):
                found.extend(dict(v) for v in value.values() if isinstance(v, dict) and "titel" in v)
            else:
                _collect_sources(value, found)
    elif isinstance(node, list):
        for item in node:
            _collect_sources(item, found)


def describe_source(source: dict[str, Any]) -> str:
    """'Title, SFS 2025:400, Publisher, 2025-09-18, url' from a source mapping in a file."""
    parts = [str(source["titel"])]
    if source.get("sfs") and str(source["sfs"]) not in parts[0]:
        parts.append(f"SFS {source['sfs']}")
    for key in ("utgivare", "datum", "url"):
        if source.get(key):
            parts.append(str(source[key]))
    text = ", ".join(parts)
    return text + (f". {source['anmärkning']}" if source.get("anmärkning") else "")


def parameter_sources_markdown(rules: Rules | None = None) -> str:
    """Every source cited in toolkit/parameters (and the municipality file in use), grouped by
    file, each once: the book's list of sources is generated, never kept by hand."""

    rules = rules or load_rules()
    files = sorted(rules.root.glob("*.yaml")) + [rules.municipality_path(rules.municipality_slug)]
    out = []
    for path in files:
        data = load(path)
        found: list[dict[str, Any]] = []
        _collect_sources(data, found)
        unique = list(dict.fromkeys(describe_source(s) for s in found))
        if not unique:
            continue
        name = data.get("namn", path.stem) if isinstance(data, dict) else path.stem
        out.append(f"**{name}** (`{display_path(path)}`)\n")
        out.extend(f"- {text}" for text in unique)
        out.append("")
    return "\n".join(out).strip()
