"""`python -m toolkit whatif HUSHÅLL.csv`: what a month or a year of försörjningsstöd costs.

    python -m toolkit whatif HUSHÅLL.csv [--kommun KORTNAMN] [--csv UT.csv]

HUSHÅLL.csv has one row per household and month, with the columns of toolkit.whatif (hushåll,
månad, vuxna, barn, boende, övriga_kostnader, månader_i_följd; optionally rådrum_till,
jobbstimulans_från and one column per income type such as lön or barnbidrag). Prints, per
month, how many households get bifall and the sum; --csv writes the amount of every row.
Exit codes: 0 ok, 2 bad input, 3 a rule value is missing for a month.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .csvfile import read_table
from .errors import CsvError, InputError
from .money import format_kr
from .months import Month
from .settings import display_path

NUMBERS = ("vuxna", "boende", "övriga_kostnader", "månader_i_följd")


def read_households(path: str, income_types: list[str]):
    """The CSV as the what-if's table; CsvError names the row and column of a bad value."""
    import pandas as pd

    from .whatif import OPTIONAL, REQUIRED, children

    columns = {**{c: True for c in REQUIRED}, **{c: False for c in OPTIONAL}, **{c: False for c in income_types}}
    rows = []
    for line, row in read_table(path, columns, display=display_path(Path(path))):
        parsed: dict[str, object] = dict(row)
        for column in [*NUMBERS, *(c for c in income_types if c in row)]:
            text = row[column].replace(" ", "").replace("\u00a0", "") or "0"
            if not text.isdigit():
                raise CsvError(f"'{row[column]}' är inget belopp i hela kronor", file=path, line=line, field=column)
            parsed[column] = int(text)
        if parsed["vuxna"] not in (1, 2):
            raise CsvError("vuxna ska vara 1 (ensamstående) eller 2 (sambor)", file=path, line=line, field="vuxna")
        try:
            children(row["barn"])
        except InputError as error:
            raise CsvError(error.problem, file=path, line=line, field="barn") from None
        for column in ("månad", "rådrum_till", "jobbstimulans_från"):
            if row.get(column):
                try:
                    Month.parse(row[column])
                except ValueError:
                    raise CsvError(
                        f"'{row[column]}' är ingen månad (ÅÅÅÅ-MM)", file=path, line=line, field=column
                    ) from None
        rows.append(parsed)
    return pd.DataFrame(rows)


def _whatif(args: argparse.Namespace) -> int:
    from .rules import load_rules
    from .whatif import amounts

    rules = load_rules(args.kommun)
    table = read_households(args.file, list(rules.income_types))
    result = amounts(table, rules)
    by_month = result.groupby("månad").agg(
        hushåll=("hushåll", "size"), bifall=("beslut", lambda b: (b == "bifall").sum()), summa=("belopp_öre", "sum")
    )
    print(f"{'Månad':<8}  {'Hushåll':>7}  {'Bifall':>6}  {'Försörjningsstöd':>18}")
    for month, row in by_month.iterrows():
        print(f"{month:<8}  {row['hushåll']:>7}  {row['bifall']:>6}  {format_kr(int(row['summa'])):>18}")
    print(
        f"{'Totalt':<8}  {len(result):>7}  {int(by_month['bifall'].sum()):>6}  {format_kr(int(result['belopp_öre'].sum())):>18}"
    )
    if args.csv:
        out = result.assign(belopp=result["belopp_öre"] / 100).drop(columns=["belopp_öre"])
        try:
            out.to_csv(args.csv, sep=";", index=False, encoding="utf-8-sig", decimal=",", float_format="%.2f")
        except OSError as error:
            raise InputError(f"filen kan inte skrivas ({error.strerror})", file=args.csv) from None
        print(f"Skrev {display_path(Path(args.csv))}.")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "whatif",
        help="vad en månad eller ett år med försörjningsstöd kostar för en tabell med hushåll",
        description="Räknar försörjningsstöd för många hushåll och månader på en gång (en rad per hushåll och månad).",
    )
    parser.add_argument("file", metavar="HUSHÅLL.csv")
    parser.add_argument("--kommun", default=None, help="kommunens kortnamn (standard: KOMMUN eller exempelstad)")
    parser.add_argument("--csv", default=None, metavar="UT.csv", help="skriv beloppet för varje rad")
    parser.set_defaults(run=_whatif)
