"""The exit-code contract of `python -m toolkit`, for every command: 0 ok, 1 a check found
problems, 2 bad input, 3 a rule value is missing for the month. Whatever goes wrong, the user
sees lines that start with "Fel:" (or the check's own report), never a traceback; exit code 4
(a fault in the program) never occurs.

Each command runs in this process on input made here, so that each row shows what gives
which code.
"""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT
from ruamel.yaml import YAML
from test_casebank_guard import pnr

from toolkit.casebank import CASES
from toolkit.cli import main
from toolkit.maintenance import paramcheck
from toolkit.yamlfile import load

GOLDEN = ROOT / "tests" / "golden"
GOOD_CASE = str(GOLDEN / "golden-2025-mars-ensam.yaml")
MISSING_MONTH = str(GOLDEN / "errors" / "fel-2022-ensam.yaml")
METOD = str(ROOT / "casebank" / "metod") + "/"


def _period(tmp_path: Path, year: int) -> str:
    """A riksnorm period file for `year` with the amounts of the last period in the file."""
    last = load(ROOT / "toolkit" / "parameters" / "riksnorm.yaml")["perioder"][-1]
    last["från"], last["till"] = date(year, 1, 1), date(year, 12, 31)
    path = tmp_path / f"riksnorm-{year}.yaml"
    stream = io.StringIO()
    YAML(typ="rt").dump(last, stream)
    path.write_text(stream.getvalue(), encoding="utf-8")
    return str(path)


def _planted_bank(tmp_path: Path) -> str:
    folder = tmp_path / "fallbank"
    shutil.copytree(CASES, folder)
    path = folder / "ensam-forsta-ansokan.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "berättelse: |\n", f"berättelse: |\n  Personnummer {pnr('750623', '456')}.\n"
        ),
        encoding="utf-8",
    )
    return str(path)


def _text(tmp_path: Path) -> str:
    path = tmp_path / "ansokan.txt"
    path.write_text("Sökande 34 år, hyra 6 200 kr. Ring 070-123 45 67.\n", encoding="utf-8")
    return str(path)


# (command, arguments: a function of tmp_path returning the argv, environment, exit code)
CONTRACT = [
    ("assess", lambda t: ["assess", GOOD_CASE], {}, 0),
    ("assess", lambda t: ["assess", GOOD_CASE, "--json"], {}, 0),
    ("assess", lambda t: ["assess", str(t / "finns-inte.yaml")], {}, 2),
    ("assess", lambda t: ["assess", str(t)], {}, 2),
    ("assess", lambda t: ["assess", MISSING_MONTH], {}, 3),
    ("assess", lambda t: ["assess", GOOD_CASE, "--kommun", "finns-inte"], {}, 2),
    ("assess", lambda t: ["assess", GOOD_CASE], {"HANDBOK_MAX_BELOPP": "-1"}, 2),
    ("parameters check", lambda t: ["parameters", "check"], {}, 0),
    ("parameters add-year", lambda t: ["parameters", "add-year", _period(t, 2099), "--dry-run"], {}, 0),
    ("parameters add-year", lambda t: ["parameters", "add-year", _period(t, 2025), "--dry-run"], {}, 2),
    ("parameters add-year", lambda t: ["parameters", "add-year", "/dev/zero", "--dry-run"], {}, 2),
    ("review", lambda t: ["review", "--changed", "riksnorm"], {}, 0),
    ("review", lambda t: ["review", "--changed", "finns-inte"], {}, 2),
    ("review", lambda t: ["review", "--changed", "riksnorm", "--år", "tjugo"], {}, 2),
    # The whole bank and book, with no argument: tests/test_casebank_guard.py (no false alarm).
    ("casebank check", lambda t: ["casebank", "check", str(CASES / "ensam-forsta-ansokan.yaml")], {}, 0),
    ("casebank check", lambda t: ["casebank", "check", _planted_bank(t)], {}, 1),
    ("casebank check", lambda t: ["casebank", "check", str(t / "finns-inte")], {}, 2),
    ("casebank validate", lambda t: ["casebank", "validate", str(CASES / "ensam-forsta-ansokan.yaml")], {}, 0),
    ("casebank validate", lambda t: ["casebank", "validate", _planted_bank(t)], {}, 1),
    ("casebank new", lambda t: ["casebank", "new", "nytt-fall", "--ut", str(t / "nytt-fall.yaml")], {}, 0),
    ("casebank new", lambda t: ["casebank", "new", "Nytt Fall!", "--ut", str(t / "x.yaml")], {}, 2),
    ("casebank anonymize", lambda t: ["casebank", "anonymize", _text(t), "--ut", str(t / "ut")], {}, 0),
    ("casebank anonymize", lambda t: ["casebank", "anonymize", str(t / "finns-inte.txt")], {}, 2),
    ("casebank variant", lambda t: ["casebank", "variant", "ensam-forsta-ansokan", "--seed", "1"], {}, 0),
    ("casebank variant", lambda t: ["casebank", "variant", "ensam-forsta-ansokan", "--seed", "-1"], {}, 2),
    ("casebank variant", lambda t: ["casebank", "variant", "finns-inte", "--seed", "1"], {}, 2),
    (
        "casebank variant",
        lambda t: ["casebank", "variant", "ensam-forsta-ansokan", "--seed", "1", "--ut", str(t)],
        {},
        2,
    ),
    ("casebank summary", lambda t: ["casebank", "summary"], {}, 0),
    ("progress profile", lambda t: ["progress", "profile", "ny-ss-07"], {"HANDBOK_DB": "sqlite://"}, 0),
    ("progress profile", lambda t: ["progress", "profile", "Anna Svensson"], {"HANDBOK_DB": "sqlite://"}, 2),
    ("progress profile", lambda t: ["progress", "profile", "ny-ss-07"], {"HANDBOK_DB": "inte en adress"}, 2),
    ("progress attempts", lambda t: ["progress", "attempts"], {"HANDBOK_DB": "sqlite://"}, 0),
    ("progress attempts", lambda t: ["progress", "attempts", "--db", "postgresql://x:y@:::/db"], {}, 2),
    ("progress cohort", lambda t: ["progress", "cohort"], {"HANDBOK_DB": "sqlite://"}, 0),
    ("progress export", lambda t: ["progress", "export", "--xlsx", str(t / "g.xlsx")], {"HANDBOK_DB": "sqlite://"}, 0),
    ("progress role", lambda t: ["progress", "role", "mh-1", "--metodhandledare"], {"HANDBOK_DB": "sqlite://"}, 0),
    (
        "progress signoff",
        lambda t: ["progress", "signoff", "ny-ss-07", "x", "--metodhandledare", "ny-ss-08"],
        {"HANDBOK_DB": "sqlite://"},
        2,
    ),
    ("progress standing", lambda t: ["progress", "standing", "Anna Svensson"], {"HANDBOK_DB": "sqlite://"}, 2),
    (
        "caseload plan",
        lambda t: ["caseload", "plan", METOD + "hushall.csv", METOD + "personal.csv", "--månad", "2026-03"],
        {},
        0,
    ),
    ("caseload plan", lambda t: ["caseload", "plan", METOD + "hushall.csv", "/dev/zero", "--månad", "2026-03"], {}, 2),
    (
        "caseload plan",
        lambda t: ["caseload", "plan", METOD + "personal.csv", METOD + "hushall.csv", "--månad", "2026-03"],
        {},
        2,
    ),
    ("caseload kalender", lambda t: ["caseload", "kalender", "--månad", "2026-03"], {}, 0),
    ("caseload kalender", lambda t: ["caseload", "kalender", "--månad", "0000-03"], {}, 2),
    ("improvement status", lambda t: ["improvement", "status", METOD + "betalningar.csv"], {}, 0),
    ("improvement status", lambda t: ["improvement", "status", str(t)], {}, 2),
    ("improvement cohort", lambda t: ["improvement", "cohort", METOD + "betalningar.csv", "--start", "2025-01"], {}, 0),
    ("improvement cohort", lambda t: ["improvement", "cohort", METOD + "serie.csv", "--start", "2025-01"], {}, 2),
    ("improvement runchart", lambda t: ["improvement", "runchart", METOD + "serie.csv"], {}, 0),
    ("improvement runchart", lambda t: ["improvement", "runchart", METOD + "betalningar.csv"], {}, 2),
    ("whatif", lambda t: ["whatif", METOD + "vad-hander-om.csv"], {}, 0),
    ("whatif", lambda t: ["whatif", METOD + "betalningar.csv"], {}, 2),
    ("whatif", lambda t: ["whatif", "/dev/zero"], {}, 2),
    ("okänt kommando", lambda t: ["bedöm"], {}, 2),
    ("inget kommando", lambda t: [], {}, 2),
]


@pytest.mark.parametrize("command,argv,env,code", CONTRACT, ids=[f"{c[0]}-{i}-{c[3]}" for i, c in enumerate(CONTRACT)])
def test_exit_code_contract(tmp_path, capsys, monkeypatch, command, argv, env, code):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        got = main(argv(tmp_path))
    except SystemExit as exit_:  # argparse ends with SystemExit for its own errors
        got = exit_.code
    out, err = capsys.readouterr()
    assert got == code, (command, got, out[-500:], err[-1500:])
    assert "Traceback" not in err
    if code == 2 or code == 3:
        assert err.strip().splitlines()[-1].startswith("Fel: "), err


def test_every_command_is_in_the_contract():
    from toolkit.cli import build_parser

    parser = build_parser()
    commands = set()
    for action in parser._subparsers._group_actions:  # the public API has no listing of subcommands
        for name, sub in action.choices.items():
            nested = [a for a in sub._actions if a.__class__.__name__ == "_SubParsersAction"]
            commands |= {f"{name} {child}" for a in nested for child in a.choices} if nested else {name}
    assert commands <= {row[0] for row in CONTRACT}, commands - {row[0] for row in CONTRACT}


def test_a_check_that_finds_problems_exits_1(tmp_path, capsys, monkeypatch):
    """parameters check on a copy of the rule values with one value broken."""
    copy = tmp_path / "parameters"
    shutil.copytree(ROOT / "toolkit" / "parameters", copy)
    riksnorm = copy / "riksnorm.yaml"
    riksnorm.write_text(riksnorm.read_text(encoding="utf-8").replace("från:", "frn:", 1), encoding="utf-8")
    monkeypatch.setattr(paramcheck.check_parameters, "__defaults__", (copy,))
    assert main(["parameters", "check"]) == 1
    assert "Fel: " in capsys.readouterr().err
