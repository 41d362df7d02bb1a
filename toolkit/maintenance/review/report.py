"""The report: the pages, exercises and cases that rely on a changed rule value, as a
checklist in Swedish or as JSON."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .book import cases, exercises, pages, rule_stems
from .changes import files_of, last_change
from .model import ROOT, Change, Page, Report


def review(root: Path, changes: list[Change]) -> Report:
    """The pages, exercises and cases that rely on a changed rule value."""
    changed = {c.rule: c for c in changes}
    known = rule_stems(root)
    all_cases = cases(root)
    case_rules = {c.id: c.rules for c in all_cases}
    report = Report(changes, [], [], [], [])
    for page in pages(root):
        report.unknown_rules += [(page.path, r) for r in page.rules if r not in known]
        page_hit = [r for r in page.rules if r in changed]
        if page_hit:
            reviewed = page.reviewed
            stale = reviewed is None or any((when := changed[r].when) is not None and reviewed < when for r in page_hit)
            report.pages.append((page, page_hit, stale))
    for exercise in exercises(root):
        relied = exercise.rules(case_rules)
        report.unknown_rules += [(exercise.path, r) for r in exercise.explicit_rules if r not in known]
        exercise_hit = {r: why for r, why in relied.items() if r in changed}
        if exercise_hit:
            report.exercises.append((exercise, exercise_hit))
    for case in all_cases:
        case_hit = []
        for rule in sorted(case.rules & set(changed)):
            years = changed[rule].years
            if years is None or (case.month and int(case.month[:4]) in years):
                case_hit.append(rule)
        if case_hit:
            report.cases.append((case, case_hit))
    return report


def stale_pages(root: Path = ROOT) -> list[tuple[Page, list[tuple[str, date]]]]:
    """Pages reviewed before the last change of a rule value they rely on (or never reviewed)."""
    when = {rule: last_change(root, files_of(root, rule)) for rule in rule_stems(root)}
    out = []
    for page in pages(root):
        reviewed = page.reviewed
        newer = [
            (r, changed)
            for r in page.rules
            if (changed := when.get(r)) is not None and (reviewed is None or reviewed < changed)
        ]
        if newer or (page.rules and reviewed is None):
            out.append((page, newer))
    return out


def format_report(report: Report) -> str:
    """The checklist in Swedish, one line per page, exercise and case."""
    out = ["Ändrade regelvärden:"]
    for change in report.changes:
        years = (
            ""
            if change.years is None
            else f"; år som ändrats: {', '.join(map(str, change.years)) or 'inga daterade värden'}"
        )
        when = f", ändrad {change.when}" if change.when else ""
        out.append(f"  - {change.rule} ({', '.join(change.files)}{when}{years})")
    out += ["", f"Sidor att granska igen ({len(report.pages)}):"]
    for page, hit, stale in report.pages:
        note = "granskad före ändringen" if stale else "granskad efter ändringen"
        out.append(
            f"  [ ] {page.path} – {page.title} (bygger på {', '.join(hit)}; "
            f"granskad {page.reviewed or 'aldrig'}: {note})"
        )
    out += ["", f"Övningar att granska igen ({len(report.exercises)}):"]
    for exercise, reasons_by_rule in report.exercises:
        why = "; ".join(f"{rule}: {', '.join(dict.fromkeys(reasons))}" for rule, reasons in reasons_by_rule.items())
        routine = f", rutin {exercise.routine}" if exercise.routine else ""
        out.append(f"  [ ] {exercise.path} – {exercise.title}{routine} ({why})")
    out += ["", f"Fall vars facit ska räknas om för hand och granskas ({len(report.cases)}):"]
    for case, hit in report.cases:
        out.append(f"  [ ] {case.path} (månad {case.month or '?'}; bygger på {', '.join(hit)})")
    if report.unknown_rules:
        out += ["", "Okända regelvärden i sidornas eller övningarnas metadata (rätta dem):"]
        out += [f"  - {where}: {rule}" for where, rule in report.unknown_rules]
    out += ["", "När du har granskat en sida: skriv dagens datum i sidans granskad: i början av filen."]
    return "\n".join(out)


def report_json(report: Report) -> dict[str, Any]:
    return {
        "ändringar": [
            {"regel": c.rule, "filer": c.files, "ändrad": str(c.when) if c.when else None, "år": c.years}
            for c in report.changes
        ],
        "sidor": [
            {
                "sida": p.path,
                "titel": p.title,
                "regler": hit,
                "granskad": str(p.reviewed) if p.reviewed else None,
                "granskad_före_ändringen": stale,
            }
            for p, hit, stale in report.pages
        ],
        "övningar": [
            {"övning": e.path, "titel": e.title, "rutin": e.routine, "regler": hit} for e, hit in report.exercises
        ],
        "fall": [{"fall": c.path, "månad": c.month, "regler": hit} for c, hit in report.cases],
        "okända_regler": [{"var": w, "regel": r} for w, r in report.unknown_rules],
    }
