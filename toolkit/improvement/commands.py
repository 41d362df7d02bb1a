"""`python -m toolkit improvement ...`: long-term status, a group over time and run charts.

    python -m toolkit improvement status BETALNINGAR.csv [--år 2025] [--csv UT.csv]
    python -m toolkit improvement cohort BETALNINGAR.csv --start 2018-08 [--csv UT.csv]
    python -m toolkit improvement runchart SERIE.csv [--baslinje 6]

BETALNINGAR.csv: hushåll, månad (ÅÅÅÅ-MM), belopp (whole kronor), one row per payment month.
SERIE.csv: period (a label), värde (a number; decimal comma allowed), one row per point.
Exit codes: 0 ok, 2 bad input, 3 a definition is missing for the year.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import CsvError, InputError
from ..months import Month, month_label
from ..settings import display_path


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"'{text}' är inget år: skriv fyra siffror, till exempel 2025")
    return int(text)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 2:
        raise argparse.ArgumentTypeError(f"'{text}' ska vara ett heltal, minst 2")
    return int(text)


def _write(frame, path: str) -> None:  # type: ignore[no-untyped-def]
    try:
        frame.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    except OSError as error:
        raise InputError(f"filen kan inte skrivas ({error.strerror})", file=path) from None
    print(f"Skrev {display_path(Path(path))}.")


def _status(args: argparse.Namespace) -> int:
    from .history import read_payments
    from .longterm import status, summary
    from .params import load_long_term, long_term_definition

    histories = read_payments(args.file)
    year = args.year or histories.last.year
    if not histories.first.year <= year <= histories.last.year:
        raise InputError(f"år {year} finns inte i historiken ({histories.first}–{histories.last})", file=args.file)
    table = status(histories, year)
    counts = summary(table)
    minimum = long_term_definition(Month(year, 1)).min_months
    very = load_long_term().settings.very_long_term.months_in_row
    print(f"Historik {histories.first}–{histories.last}: {counts['hushåll']} hushåll.")
    print(f"Med bistånd någon månad {year}: {counts['med_bistånd_under_året']}.")
    print(
        f"Långvarigt bistånd {year} (minst {minimum} månader av kalenderåret, Socialstyrelsens definition): "
        f"{counts['långvarigt']}."
    )
    if counts["okänt"]:
        print(f"Kan inte avgöras ännu (året är inte slut i historiken): {counts['okänt']}.")
    print(
        f"Minst {very} månader i följd fram till {histories.last} (handbokens egen gräns för mycket långvarigt, "
        f"ingen officiell definition): {counts['mycket_långvarigt_egen_inställning']}."
    )
    if args.csv:
        _write(table, args.csv)
    return 0


def _cohort(args: argparse.Namespace) -> int:
    from .cohort import follow
    from .history import read_payments
    from .params import load_long_term

    histories = read_payments(args.file)
    try:
        table = follow(histories, args.start)
    except ValueError as error:
        raise InputError(str(error), file=args.file) from None
    size = int(table["kvar"].iloc[0] + table["avslutade_sedan_start"].iloc[0])
    rolling = load_long_term().settings.rolling
    print(
        f"Gruppen: {size} hushåll med långvarigt bistånd i {month_label(args.start)} (bistånd minst "
        f"{rolling.min_months} av de {rolling.months} senaste månaderna; handbokens egen inställning för "
        "uppföljning under året, ingen officiell definition)."
    )
    print(f"{'Månad':<8} {'Kvar':>6} {'Slutade':>8} {'Tillbaka':>9} {'Andel kvar':>11}")
    for row in table.itertuples(index=False):
        print(f"{row.månad:<8} {row.kvar:>6} {row.avslutade:>8} {row.tillbaka:>9} {row.andel_kvar_procent:>9} %")
    if args.csv:
        _write(table, args.csv)
    return 0


def read_series(path: str) -> tuple[list[str], list[float]]:
    """SERIE.csv as (labels, values); CsvError names the row and the column."""
    from ..csvfile import read_table

    labels: list[str] = []
    values: list[float] = []
    for line, row in read_table(path, {"period": True, "värde": True}):
        text = row["värde"].replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            values.append(float(text))
        except ValueError:
            raise CsvError(f"'{row['värde']}' är inget tal", file=path, line=line, field="värde") from None
        labels.append(row["period"] or str(len(labels) + 1))
    return labels, values


def _runchart(args: argparse.Namespace) -> int:
    from .runchart import analyse, conclusion, number

    labels, values = read_series(args.file)
    try:
        analysis = analyse(values, labels, baseline=args.baseline)
    except ValueError as error:
        raise InputError(str(error), file=args.file) from None
    print(f"{len(values)} punkter. Medianen för de första {analysis.baseline} är {number(analysis.median)}.")
    print("Anhøjs regler:")
    for signal in analysis.anhoej:
        print(f"  {'SIGNAL' if signal.fired else 'ingen signal'}: {signal.message}")
    print("Reglerna enligt Perla, Provost och Murray:")
    for signal in analysis.perla:
        if signal.rule == "astronomisk_kandidat":
            print(f"  {'att bedöma' if signal.fired else 'inga kandidater'}: {signal.message}")
        else:
            print(f"  {'SIGNAL' if signal.fired else 'ingen signal'}: {signal.message}")
    for note in analysis.notes:
        print(f"Obs: {note}")
    print(conclusion(analysis))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `improvement` and its actions to the toolkit's command line."""
    improvement = subparsers.add_parser("improvement", help="långvarigt bistånd, uppföljning av en grupp, seriediagram")
    actions = improvement.add_subparsers(dest="action", required=True, parser_class=type(improvement), metavar="åtgärd")

    status = actions.add_parser("status", help="långvarigt bistånd per hushåll ur en betalningshistorik")
    status.add_argument("file", metavar="BETALNINGAR.csv", help="kolumner: hushåll, månad, belopp")
    status.add_argument(
        "--år", "--ar", dest="year", type=_year, metavar="ÅÅÅÅ", help="kalenderåret (standard: det sista)"
    )
    status.add_argument("--csv", metavar="UT.csv", help="skriv en rad per hushåll")
    status.set_defaults(run=_status)

    cohort = actions.add_parser("cohort", help="följ de långvariga hushållen från en startmånad")
    cohort.add_argument("file", metavar="BETALNINGAR.csv", help="kolumner: hushåll, månad, belopp")
    cohort.add_argument("--start", type=_month, required=True, metavar="ÅÅÅÅ-MM")
    cohort.add_argument("--csv", metavar="UT.csv", help="skriv en rad per månad")
    cohort.set_defaults(run=_cohort)

    run = actions.add_parser("runchart", help="seriediagram: median och reglerna för signaler")
    run.add_argument("file", metavar="SERIE.csv", help="kolumner: period, värde")
    run.add_argument(
        "--baslinje",
        dest="baseline",
        type=_positive,
        metavar="N",
        help="antal punkter som medianen räknas på (standard: alla)",
    )
    run.set_defaults(run=_runchart)
