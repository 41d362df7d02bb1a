"""The command line as a user runs it: `python -m toolkit assess` and `parameters`.

Expected amounts come from the hand-worked keys in tests/golden/; bad input must give one
Swedish message that names the file, the line and the field, exit code 2 and no traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import ROOT, run_toolkit, toolkit_env
from ruamel.yaml import YAML

GOLDEN = ROOT / "tests" / "golden"
NNBSP, NBSP = "\u202f", "\u00a0"


def process(*args: str) -> subprocess.CompletedProcess:
    """The command in its own process, as a user runs it: the entry point, exit code and output."""
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        cwd=ROOT,
        env=toolkit_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


# The other tests run the command in this process (tests/conftest.py: run_toolkit).
toolkit = run_toolkit


def key_of(case_id: str) -> dict:
    return YAML(typ="safe").load((GOLDEN / f"{case_id}.yaml").read_text(encoding="utf-8"))["facit"]


def kr(amount: int) -> str:
    """How the table writes a whole-kronor amount: '7 390 kr' with narrow spaces."""
    return f"{amount:,}".replace(",", NNBSP) + f"{NBSP}kr"


# -- assess: the readable table and --json ----------------------------------------------------


def test_assess_prints_a_swedish_table():
    case = "golden-2025-september-ensamstaende-foralder"
    key = key_of(case)
    done = process("assess", str(GOLDEN / f"{case}.yaml"))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for heading in ("Beräkningsunderlag", "Riksnorm", "Skäliga kostnader", "Räknade inkomster", "Beslut: bifall"):
        assert heading in out
    for amount in (key["riksnorm"], key["skäliga_kostnader"], key["räknade_inkomster"], key["belopp"]):
        assert kr(amount) in out
    assert "12 kap. 2 § socialtjänstförordningen (2025:468)" in out
    assert f"Beslut: bifall, försörjningsstöd {kr(key['belopp'])}" in out


def test_assess_table_says_avslag():
    done = toolkit("assess", str(GOLDEN / "golden-avslag-lonen-racker.yaml"))
    assert done.returncode == 0, done.stderr
    assert "Beslut: avslag" in done.stdout


@pytest.mark.parametrize(
    "case",
    ["golden-2025-september-ensamstaende-foralder", "golden-2025-mars-ensam", "golden-hushallsgemenskap-tre-2024-ore"],
)
def test_assess_json_has_the_case_format_object(case):
    key = key_of(case)
    done = toolkit("assess", str(GOLDEN / f"{case}.yaml"), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    for name in ("månad", "riksnorm", "skäliga_kostnader", "räknade_inkomster", "belopp", "rader"):
        assert name in result
    for name in ("riksnorm", "skäliga_kostnader", "räknade_inkomster", "belopp"):
        assert Decimal(str(result[name])) == Decimal(str(key[name])), name
    assert result["beslut"] == key["beslut"]
    for row in result["rader"]:
        assert {"post", "person", "belopp", "regel"} <= set(row)
    applicant = next(row for row in result["rader"] if row["person"] == "p1" and "ensamstående" in row["post"])
    amount, citation = APPLICANT_ROW[case]
    assert Decimal(str(applicant["belopp"])) == amount
    if citation:
        assert applicant["regel"] == citation


# The applicant's own riksnorm row, by hand from riksnorm.yaml and lagrum.yaml.
APPLICANT_ROW = {
    "golden-2025-september-ensamstaende-foralder": (3910, "12 kap. 2 § socialtjänstförordningen (2025:468)"),
    "golden-2025-mars-ensam": (3910, "2 kap. 1 § socialtjänstförordningen (2001:937), i lydelse enligt SFS 2024:1016"),
    "golden-hushallsgemenskap-tre-2024-ore": (3800, None),
}


# -- bad input --------------------------------------------------------------------------------

BASE = """\
id: trasig
titel: Ett fall med ett fel
månad: 2025-09
kommun: exempelstad
hushåll:
  - {id: p1, roll: sökande, ålder: 40}
kostnader:
  - {typ: boende, belopp: 6000}
inkomster:
  - {typ: sjukpenning, person: p1, belopp: 3000}
"""

# (what is wrong, the text replaced, its replacement, the line named, the field named)
BAD = [
    ("unknown key", "kommun: exempelstad\n", "kommun: exempelstad\nhusdjur: katt\n", 5, "husdjur"),
    ("negative amount", "belopp: 3000", "belopp: -3000", 10, "inkomster[1].belopp"),
    ("impossible month", "månad: 2025-09", "månad: 2025-13", 3, "månad"),
    ("text in an amount", "belopp: 6000", "belopp: sextusen", 8, "kostnader[1].belopp"),
    ("unknown income type", "typ: sjukpenning", "typ: lotterivinst", 10, "inkomster[1].typ"),
    ("text in a number", "ålder: 40", "ålder: fyrtio", 6, "hushåll[1].ålder"),
    ("YAML syntax error (colon in text)", "titel: Ett fall med ett fel", "titel: Fel: kolon i texten", 2, None),
    ("YAML syntax error (tab)", "  - {typ: boende", "\t- {typ: boende", 8, None),
]


@pytest.mark.parametrize("what,old,new,line,field", BAD, ids=[b[0] for b in BAD])
def test_bad_input_gives_one_clear_message(tmp_path, what, old, new, line, field):
    assert old in BASE
    path = tmp_path / "trasig.yaml"
    path.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    done = toolkit("assess", str(path))
    assert done.returncode == 2, (what, done.stdout, done.stderr)
    err = done.stderr
    assert "Traceback" not in err and "Error" not in err
    assert err.startswith("Fel: ") and len(err.strip().splitlines()) == 1
    assert str(path) in err
    assert f"rad {line}" in err
    if field:
        assert f"fältet '{field}'" in err
    assert done.stdout == ""


def test_the_unchanged_base_case_is_valid(tmp_path):
    """The bad-input tests break a case that is otherwise fine."""
    path = tmp_path / "trasig.yaml"
    path.write_text(BASE, encoding="utf-8")
    done = toolkit("assess", str(path))
    assert done.returncode == 0, done.stderr


def test_missing_file_is_named(tmp_path):
    done = toolkit("assess", str(tmp_path / "finns-inte.yaml"))
    assert done.returncode == 2
    assert "finns-inte.yaml" in done.stderr and "Traceback" not in done.stderr


def test_missing_riksnorm_month_exits_3():
    done = process("assess", str(GOLDEN / "errors" / "fel-2022-ensam.yaml"))
    assert done.returncode == 3, done.stderr
    err = done.stderr
    assert "Traceback" not in err
    assert "riksnorm" in err and "2022-05" in err and "toolkit/parameters/riksnorm.yaml" in err


def test_missing_lunch_amount_exits_3():
    done = toolkit("assess", str(GOLDEN / "errors" / "fel-2023-lunch.yaml"))
    assert done.returncode == 3, done.stderr
    assert "lunch" in done.stderr and "2023-09" in done.stderr and "toolkit/parameters/riksnorm.yaml" in done.stderr


# -- parameters -------------------------------------------------------------------------------


def test_parameters_check_passes_on_the_real_tree():
    done = toolkit("parameters", "check")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_add_year_refuses_a_period_that_overlaps(tmp_path):
    """A period over an existing year is refused before anything is written."""
    riksnorm = ROOT / "toolkit" / "parameters" / "riksnorm.yaml"
    before = riksnorm.read_bytes()
    period = tmp_path / "overlap.yaml"
    period.write_text(
        "från: 2025-03-01\n"
        "till: 2025-12-31\n"
        "källa: {titel: Påhittad period för test, utgivare: Testdata}\n"
        "summor: {ensamstående_1_person: 1}\n",
        encoding="utf-8",
    )
    done = toolkit("parameters", "add-year", str(period), "--dry-run")
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "överlappar" in done.stderr and "Traceback" not in done.stderr
    assert riksnorm.read_bytes() == before


def test_unknown_command_is_swedish():
    done = process("bedöm")
    assert done.returncode == 2
    assert "Fel:" in done.stderr and "Traceback" not in done.stderr
