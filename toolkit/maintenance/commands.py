"""`python -m toolkit parameters …` and `python -m toolkit review`: the maintainers' commands."""

from __future__ import annotations

import argparse
import sys

from . import review

EXIT_OK, EXIT_PROBLEMS = 0, 1


def _parameters_check(args: argparse.Namespace) -> int:
    from .paramcheck import check_parameters

    problems, summary = check_parameters()
    for line in summary:
        print(line)
    for problem in problems:
        print(f"Fel: {problem}", file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _parameters_add_year(args: argparse.Namespace) -> int:
    from .paramcheck import add_riksnorm_period

    return add_riksnorm_period(args.file, write=not args.dry_run)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `parameters check|add-year` and `review`."""
    params = subparsers.add_parser("parameters", help="kontrollera eller uppdatera regelvärdena")
    actions = params.add_subparsers(dest="action", required=True, parser_class=type(params), metavar="åtgärd")
    check = actions.add_parser("check", help="kontrollera alla filer i toolkit/parameters")
    check.set_defaults(run=_parameters_check)
    add = actions.add_parser(
        "add-year", help="lägg till ett nytt års riksnorm från en fil och visa vilka fall som ändras"
    )
    add.add_argument("file", metavar="NYTT_AR.yaml")
    add.add_argument("--dry-run", action="store_true", help="visa bara vad som skulle ändras")
    add.set_defaults(run=_parameters_add_year)
    review.register(subparsers)
