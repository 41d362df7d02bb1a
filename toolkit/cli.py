"""python -m toolkit: the command line, in Swedish. Uses the core only, never a UI module.

Exit codes: 0 ok, 1 a check found problems, 2 bad input (the message names file, line and
field), 3 a rule value is missing for the month. Whatever the input, the user sees one Swedish
line, never a traceback: an error that is the program's own fault ends with exit code 4 and a
line asking for a report (HANDBOK_FELSOK=1 shows the traceback to the person who fixes it).
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Sequence

from . import progress_commands, whatif_commands
from .casebank import commands as casebank_commands
from .caseload import commands as caseload_commands
from .errors import InputError, MissingParameterError, ToolkitError, one_line
from .improvement import commands as improvement_commands
from .maintenance import commands as maintenance_commands

# Each command group lives in its own module with register(subparsers). Plain imports: a
# module that fails to import fails the command line loudly.
COMMAND_MODULES = (
    maintenance_commands,
    casebank_commands,
    progress_commands,
    caseload_commands,
    improvement_commands,
    whatif_commands,
)

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT, EXIT_MISSING, EXIT_BUG = 0, 1, 2, 3, 4


class _Parser(argparse.ArgumentParser):
    """argparse with Swedish errors and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        message = (
            message.replace("the following arguments are required", "de här argumenten saknas")
            .replace("invalid choice", "okänt val")
            .replace("unrecognized arguments", "okända argument")
            .replace("invalid int value", "ogiltigt heltal")
            .replace("expected one argument", "ett värde saknas")
        )
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"Fel: {one_line(message)}\n")


def _assess(args: argparse.Namespace) -> int:
    from .assessment import assess
    from .case import load_case
    from .report import text_table
    from .rules import load_rules

    rules = load_rules(args.kommun)
    case = load_case(args.case)
    if case.municipality and case.municipality != rules.municipality_slug and not args.kommun:
        rules = load_rules(case.municipality)
    result = assess(case, rules)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(text_table(result))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m toolkit", description="Verktyg för handboken om ekonomiskt bistånd.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="kommando")

    assess = sub.add_parser("assess", help="räkna ut försörjningsstöd för en fallfil")
    assess.add_argument("case", metavar="FALL.yaml")
    assess.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    assess.add_argument("--kommun", help="kommunens kortnamn (standard: KOMMUN eller exempelstad)")
    assess.set_defaults(run=_assess)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except InputError as error:
        print(f"Fel: {error.describe()}", file=sys.stderr)
        return EXIT_INPUT
    except MissingParameterError as error:
        print(f"Fel: {one_line(error)}", file=sys.stderr)
        return EXIT_MISSING
    except ToolkitError as error:
        print(f"Fel: {one_line(error)}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return 130
    except OSError as error:  # a file given for writing (--ut) that is a folder, a full disk
        where = f"{one_line(error.filename)}: " if error.filename else ""
        code = errno.errorcode.get(error.errno or 0, "okänt fel")
        print(f"Fel: {where}filen kan inte läsas eller skrivas ({code})", file=sys.stderr)
        return EXIT_INPUT
    except Exception as error:  # noqa: BLE001 - the last line of defence: one line, never a traceback
        if os.environ.get("HANDBOK_FELSOK"):
            raise
        print(
            f"Fel: ett oväntat fel i verktyget ({type(error).__name__}). Det är ett programfel, inte ett fel i "
            "din fil: anmäl det gärna och kör med HANDBOK_FELSOK=1 för detaljer.",
            file=sys.stderr,
        )
        return EXIT_BUG


if __name__ == "__main__":
    raise SystemExit(main())
