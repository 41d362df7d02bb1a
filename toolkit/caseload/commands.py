"""`python -m toolkit caseload ...`: plan a month of visits from two CSV files, in Swedish.

    python -m toolkit caseload plan HUSHÅLL.csv PERSONAL.csv --månad 2026-03 [--csv UT.csv] [--excel UT.xlsx]
    python -m toolkit caseload kalender --månad 2026-03

The file formats are described in toolkit/caseload/inputs.py and casebank/metod/README.md.
Exit codes: 0 every limit is kept, 1 a limit cannot be kept with the staff at hand (the
report says which, and how many more secretaries it takes), 2 bad input, 3 a limit or the
holiday list is missing for the month.
"""

from __future__ import annotations

import argparse
import json

from ..errors import InputError
from ..months import Month
from ..settings import display_path


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _plan(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .export import write_csv, write_excel
    from .inputs import read_unit
    from .planner import plan_month
    from .report import text_report

    households, staff = read_unit(args.households, args.staff)
    plan = plan_month(households, staff, args.month)
    if args.json:
        print(
            json.dumps(
                {
                    "månad": plan.month,
                    "gränser_hålls": plan.feasible,
                    "socialsekreterare_till": plan.extra_staff,
                    "gränser_som_bryts": [{"gräns": b.rule, "text": b.message} for b in plan.breaches],
                    "besök": len(plan.visits),
                    "lösningstid_s": round(plan.solve_seconds, 3),
                    "status": plan.solver_status,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(text_report(plan))
    for option, writer in ((args.csv, write_csv), (args.excel, write_excel)):
        if option:
            try:
                path = writer(plan, Path(option))
            except OSError as error:
                raise InputError(f"filen kan inte skrivas ({error.strerror})", file=option) from None
            print(f"Skrev {display_path(path)}.")
    return 0 if plan.feasible else 1


def _calendar(args: argparse.Namespace) -> int:
    from ..months import month_label
    from .workdays import day_label, month_calendar

    calendar = month_calendar(args.month)
    print(f"{month_label(args.month).capitalize()}: {len(calendar.working_days)} arbetsdagar.")
    for day, name in calendar.days_off.items():
        print(f"  Ledig vardag: {day_label(day)} ({name})")
    for number, week in enumerate(calendar.weeks, start=1):
        print(
            f"  Vecka {week[0].isocalendar()[1]} ({number}): {len(week)} arbetsdagar, "
            f"{day_label(week[0])} – {day_label(week[-1])}"
        )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `caseload` and its actions to the toolkit's command line."""
    caseload = subparsers.add_parser(
        "caseload", help="planera besök efter metodens gränser (45 hushåll, 4 besök per dag)"
    )
    actions = caseload.add_subparsers(dest="action", required=True, parser_class=type(caseload), metavar="åtgärd")

    plan = actions.add_parser("plan", help="planera månadens besök från en hushållsfil och en personalfil")
    plan.add_argument(
        "households", metavar="HUSHÅLL.csv", help="kolumner: hushåll, möten (månad/vecka), socialsekreterare"
    )
    plan.add_argument(
        "staff", metavar="PERSONAL.csv", help="kolumner: socialsekreterare, tjänstgöringsgrad, arbetsdagar, frånvaro"
    )
    plan.add_argument("--månad", "--manad", dest="month", type=_month, required=True, metavar="ÅÅÅÅ-MM")
    plan.add_argument("--csv", metavar="UT.csv", help="skriv besöken som CSV (semikolon, UTF-8)")
    plan.add_argument("--excel", metavar="UT.xlsx", help="skriv planen som Excel-bok")
    plan.add_argument("--json", action="store_true", help="skriv sammanfattningen som JSON")
    plan.set_defaults(run=_plan)

    calendar = actions.add_parser("kalender", help="visa månadens arbetsdagar, helgdagar och veckor")
    calendar.add_argument("--månad", "--manad", dest="month", type=_month, required=True, metavar="ÅÅÅÅ-MM")
    calendar.set_defaults(run=_calendar)
