"""Review when rules change: which routine pages, exercises and cases to read again.

Every routine page declares in its front matter the rule values it relies on (`regler`: stems
of the files in toolkit/parameters, and `kommun` for the municipality file) and when it was
last reviewed (`granskad`). The exercise registry (casebank/ovningar.yaml) says which routine
each exercise notebook belongs to, which skills it trains and which case it is on (a notebook's
own metadata {"handbok": {"rutin": ..., "färdigheter": [...]}} is read too, and wins).
After a parameter changes, `python -m toolkit review --changed riksnorm` (or `--since REV`,
which asks git what changed) prints a checklist: next year's update is a list, not a hunt.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ...errors import InputError
from .book import (
    EXERCISE_LINK,
    cases,
    chapter_exercises,
    exercises,
    front_matter,
    linked_exercises,
    pages,
    rule_stems,
    toc_files,
)
from .changes import changed_years, changes_named, changes_since, files_of, last_change, rule_of
from .model import ASSESSMENT_RULES, MUNICIPAL, PARAMETERS, ROOT, SKILL_RULES, Case, Change, Exercise, Page, Report
from .report import format_report, report_json, review, stale_pages

__all__ = [
    "ASSESSMENT_RULES",
    "EXERCISE_LINK",
    "MUNICIPAL",
    "PARAMETERS",
    "ROOT",
    "SKILL_RULES",
    "Case",
    "Change",
    "Exercise",
    "Page",
    "Report",
    "cases",
    "changed_years",
    "changes_named",
    "changes_since",
    "chapter_exercises",
    "exercises",
    "files_of",
    "format_report",
    "front_matter",
    "last_change",
    "linked_exercises",
    "pages",
    "register",
    "report_json",
    "review",
    "rule_of",
    "rule_stems",
    "stale_pages",
    "toc_files",
]


def _run(args: argparse.Namespace) -> int:
    root = Path(args.root) if args.root else ROOT
    if not args.changed and not args.since:
        stale = stale_pages(root)
        if not stale:
            print("Alla sidor är granskade efter den senaste ändringen av regelvärdena de bygger på.")
            return 0
        print(f"Sidor som granskades före den senaste ändringen av sina regelvärden ({len(stale)}):")
        for page, newer in stale:
            detail = ", ".join(f"{rule} ändrad {when}" for rule, when in newer) or "granskad saknas"
            print(f"  [ ] {page.path} – {page.title} (granskad {page.reviewed or 'aldrig'}; {detail})")
        return 1
    try:
        changes = changes_since(root, args.since) if args.since else []
        if args.changed:
            changes += changes_named(root, args.changed, args.years)
    except ValueError as error:
        raise InputError(str(error)) from None
    report = review(root, changes)
    if args.json:
        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        print(format_report(report) if changes else "Inga regelvärden har ändrats.")
    return 0


def register(subparsers: Any) -> None:
    """`python -m toolkit review`: the checklist of pages, exercises and cases to review again."""
    parser = subparsers.add_parser(
        "review",
        help="lista sidor, övningar och fall att granska igen när ett regelvärde ändras",
        description="Utan argument: sidor som granskades före den senaste ändringen av sina regelvärden "
        "(slutkod 1 om någon finns).",
    )
    parser.add_argument(
        "--changed",
        nargs="+",
        metavar="REGEL",
        help="regelvärden som har ändrats: filnamn i toolkit/parameters utan .yaml, eller kommun",
    )
    parser.add_argument(
        "--since",
        metavar="REVISION",
        help="jämför toolkit/parameters med en git-revision (till exempel HEAD~3 eller en tagg)",
    )
    parser.add_argument(
        "--år",
        dest="years",
        type=int,
        nargs="+",
        metavar="ÅR",
        help="med --changed: bara fall i dessa år (standard: alla fall)",
    )
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    parser.add_argument("--root", help=argparse.SUPPRESS)
    parser.set_defaults(run=_run)
