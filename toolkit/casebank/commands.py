"""python -m toolkit casebank …: the case bank's commands, in Swedish.

Exit codes as in toolkit.cli: 0 ok, 1 problems found, 2 bad input.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import InputError

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2


def _check(args: argparse.Namespace) -> int:
    from . import BOOK, CASEBANK, display
    from .guard import BOOK_DETECTORS, DETECTORS, FILE_KINDS, scan_project, scan_tree

    skipped: list[str] = []
    if args.paths:
        findings = []
        for name in args.paths:
            path = Path(name)
            if not os.path.lexists(path):
                raise InputError("filen eller mappen finns inte", file=name)
            findings += scan_tree(
                path,
                display=display,
                skipped=skipped,
                detectors=DETECTORS if _inside(path, CASEBANK) or not _inside(path, BOOK) else BOOK_DETECTORS,
            )
        where = ", ".join(args.paths)
    else:
        findings = scan_project(CASEBANK, BOOK, display=display, skipped=skipped)
        where = "casebank/ och book/"
    for finding in findings:
        label = "Kan inte granskas" if finding.kind in FILE_KINDS else "Personuppgift"
        print(f"{label}: {finding.describe()}", file=sys.stderr)
    if skipped:
        print(f"Lästes inte (binärfiler, inte text): {', '.join(skipped)}", file=sys.stderr)
    if findings:
        print(
            f"Skyddet hittade {len(findings)} uppgifter i {where} som ser ut som personuppgifter eller "
            "inte kan granskas. Rätta dem enligt åtgärden på varje rad och kör kommandot igen.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    print(f"Skyddet hittade inga personuppgifter i {where}.")
    return EXIT_OK


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError, RuntimeError):  # outside, or a link that loops
        return False


def _validate(args: argparse.Namespace) -> int:
    from .authoring import check_bank, coverage_table, level_counts
    from .skills import load_skills

    report = check_bank([Path(p) for p in args.cases] or None)
    for check in report.cases:
        for problem in check.problems:
            print(f"Fel: {problem}", file=sys.stderr)
        for text in check.disagreements:
            print(f"Oense: {text}", file=sys.stderr)
    for problem in report.problems:
        print(f"Fel: {problem}", file=sys.stderr)
    bad = [c for c in report.cases if not c.ok]
    disagree = [c for c in report.cases if c.disagreements]
    cases = [c.case for c in report.cases if c.case is not None]
    if not args.cases:
        print(coverage_table(report.coverage, load_skills()))
        levels = level_counts(cases)
        print("Nivåer: " + ", ".join(f"nivå {n}: {levels.get(n, 0)}" for n in (1, 2, 3)))
    print(f"{len(report.cases)} fall lästa, {len(report.cases) - len(bad)} utan anmärkning.")
    if disagree:
        print(
            f"I {len(disagree)} fall är toolkit och facit oense. En person ska avgöra vilket som är rätt: "
            "räkna om för hand och rätta facit, eller anmäl felet i beräkningen. Ingenting ändras "
            "automatiskt.",
            file=sys.stderr,
        )
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _new(args: argparse.Namespace) -> int:
    from . import display
    from .authoring import write_template

    path = write_template(args.id, target=Path(args.out) if args.out else None)
    print(f"Skrev mallen till {display(path)}. Fyll i fältet, räkna facit för hand och kör sedan:")
    print(f"  python -m toolkit casebank validate {display(path)}")
    return EXIT_OK


def _anonymize(args: argparse.Namespace) -> int:
    from . import display
    from .anonymize import anonymize_file

    result = anonymize_file(Path(args.file), Path(args.out) if args.out else None, args.id, overwrite=args.overwrite)
    print(f"Maskerade {len(result.masked)} uppgifter.")
    print(f"Utkast: {display(result.draft)} (granskad: false)")
    print(f"Rapport: {display(result.report)}")
    print(
        "Utkastet är inte anonymt: förnamn, orter och detaljer finns kvar och texten är fortfarande en "
        "personuppgift. Granska och skriv om det enligt sidan Skriva fall innan det används, och spara det "
        "inte i git."
    )
    return EXIT_OK


def _variant(args: argparse.Namespace) -> int:
    from . import find_case
    from .variants import VariantError, make_variant, seed_for

    if args.seed is None:
        if not (args.trainee and args.exercise and args.cohort):
            raise InputError("ange --seed N, eller --deltagare, --ovning och --kurs så räknas fröet ut")
        seed = seed_for(args.trainee, args.exercise, args.cohort, args.attempt)
    else:
        if args.seed < 0:
            raise InputError(f"fröet ska vara 0 eller större, inte {args.seed}")
        seed = args.seed
    path = find_case(args.case)
    try:
        variant = make_variant(path, seed)
    except VariantError as error:
        print(f"Fel: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    header = (
        f"# Variant av {variant.case.id.rsplit('-v', 1)[0]} med frö {seed}. Åldrar, belopp och månad är "
        f"nya; lärandemålet är detsamma.\n"
    )
    text = header + variant.yaml()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"Skrev varianten till {args.out} (frö {seed}).")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _summary(args: argparse.Namespace) -> int:
    from ..case import load_case
    from . import case_paths
    from .authoring import coverage, coverage_table, level_counts
    from .skills import load_skills

    skills = load_skills()
    cases = [load_case(path) for path in case_paths()]
    print(coverage_table(coverage(cases, skills), skills))
    levels = level_counts(cases)
    print(f"{len(cases)} fall. " + ", ".join(f"nivå {n}: {levels.get(n, 0)}" for n in (1, 2, 3)))
    years: dict[int, int] = {}
    for case in cases:
        years[case.month.year] = years.get(case.month.year, 0) + 1
    print("År: " + ", ".join(f"{year}: {count}" for year, count in sorted(years.items())))
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `casebank` and its actions to the toolkit's command line."""
    bank = subparsers.add_parser(
        "casebank", help="fallbanken: skydd mot personuppgifter, granskning, mallar, varianter"
    )
    actions = bank.add_subparsers(dest="action", required=True, parser_class=type(bank), metavar="åtgärd")

    check = actions.add_parser("check", help="leta efter personuppgifter i casebank/ och book/")
    check.add_argument("paths", nargs="*", metavar="SÖKVÄG", help="filer eller mappar (standard: casebank/ och book/)")
    check.set_defaults(run=_check)

    validate = actions.add_parser(
        "validate", help="granska fall: format, personuppgifter, färdigheter, facit mot toolkit"
    )
    validate.add_argument("cases", nargs="*", metavar="FALL.yaml", help="fallfiler (standard: hela fallbanken)")
    validate.set_defaults(run=_validate)

    new = actions.add_parser("new", help="skriv en kommenterad mall för ett nytt fall")
    new.add_argument("id", metavar="ID", help="fallets id, till exempel ensam-forsta-ansokan")
    new.add_argument("--ut", dest="out", metavar="FIL", help="filen att skriva (standard: casebank/cases/ID.yaml)")
    new.set_defaults(run=_new)

    anonymize = actions.add_parser(
        "anonymize", help="maskera personuppgifter i en fritext och skriv ett ogranskat utkast"
    )
    anonymize.add_argument("file", metavar="FIL", help="en textfil med fallbeskrivningen")
    anonymize.add_argument(
        "--ut", dest="out", metavar="MAPP", help="mappen för utkast och rapport (standard: samma som FIL)"
    )
    anonymize.add_argument("--id", dest="id", help="utkastets id (standard: filnamnet)")
    anonymize.add_argument(
        "--skriv-over", "--skriv-över", dest="overwrite", action="store_true", help="skriv över ett tidigare utkast"
    )
    anonymize.set_defaults(run=_anonymize)

    variant = actions.add_parser("variant", help="gör en variant av ett fall med nya åldrar, belopp och månad")
    variant.add_argument("case", metavar="FALL", help="fallets id eller fil")
    variant.add_argument("--seed", type=int, help="fröet (ett heltal); samma frö ger samma variant")
    variant.add_argument("--deltagare", dest="trainee", help="deltagarens pseudonym (i stället för --seed)")
    variant.add_argument("--ovning", "--övning", dest="exercise", help="övningens namn")
    variant.add_argument("--kurs", dest="cohort", help="kursomgången, till exempel 2025-hösten")
    variant.add_argument("--forsok", "--försök", dest="attempt", type=int, default=1, help="försök nummer (standard 1)")
    variant.add_argument(
        "--ut", dest="out", metavar="FIL", help="skriv varianten till en fil i stället för att visa den"
    )
    variant.set_defaults(run=_variant)

    summary = actions.add_parser("summary", help="visa hur många fall som övar varje färdighet, per nivå")
    summary.set_defaults(run=_summary)
