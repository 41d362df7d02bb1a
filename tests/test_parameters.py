"""The parameter tree: its schema, its checks, missing values, and the add-year procedure.

Every test that breaks or extends the parameters works on a copy in tmp_path; the real
toolkit/parameters is only read. The 2027 table below is INVENTED TEST DATA (round, obviously
false numbers) that exists only in a temporary copy.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from toolkit.errors import InputError, MissingParameterError
from toolkit.maintenance.paramcheck import add_riksnorm_period, check_parameters
from toolkit.months import Month
from toolkit.rules import PARAMETERS, Rules, load_rules


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def params(tmp_path) -> Path:
    """A copy of toolkit/parameters to break or extend."""
    copy = tmp_path / "parameters"
    shutil.copytree(PARAMETERS, copy)
    return copy


def edit(path: Path, old: str, new: str) -> int:
    """Replace old with new once; return the 1-based line where the new text starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} finns inte exakt en gång i {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def only_problem(root: Path) -> str:
    problems, _ = check_parameters(root)
    assert len(problems) == 1, problems
    return problems[0]


# -- the real tree ---------------------------------------------------------------------------


def test_real_tree_is_valid():
    problems, summary = check_parameters()
    assert problems == []
    assert summary


def test_copy_is_valid_before_it_is_broken(params):
    assert check_parameters(params)[0] == []


# -- the schema rejects unknown keys and values without a source --------------------------------


def test_unknown_key_in_a_riksnorm_period_is_rejected(params):
    line = edit(params / "riksnorm.yaml", "  - från: 2017-01-01\n", "  - från: 2017-01-01\n    tillägg: 100\n") + 1
    problem = only_problem(params)
    assert "riksnorm.yaml" in problem and f"rad {line}" in problem and "tillägg" in problem
    assert "okänd nyckel" in problem
    with pytest.raises(InputError):
        Rules(params)


def test_misspelt_child_band_is_rejected(params):
    path = params / "riksnorm.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"7-10"', '"7–10"', 1), encoding="utf-8")  # an en dash for a hyphen
    problem = only_problem(params)
    assert "riksnorm.yaml" in problem and "barn" in problem


def test_unknown_key_in_the_municipality_file_is_rejected(params):
    edit(
        params / "kommuner" / "exempelstad.yaml",
        "    rådrum_månader: 3\n",
        "    rådrum_månader: 3\n    hyrestak: 9000\n",
    )
    problem = only_problem(params)
    assert "exempelstad.yaml" in problem and "hyrestak" in problem


def test_value_without_source_is_rejected(params):
    path = params / "prisbasbelopp.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    item = lines.index("  - år: 2014\n")
    source = next(i for i in range(item + 1, item + 4) if lines[i].startswith("    källa:"))
    del lines[source]
    path.write_text("".join(lines), encoding="utf-8")
    problem = only_problem(params)
    assert "prisbasbelopp.yaml" in problem and "källa" in problem and "saknas" in problem
    assert f"rad {item + 1}" in problem


def test_riksnorm_period_without_source_is_rejected(params):
    edit(
        params / "riksnorm.yaml",
        "    källa:\n      titel: Riksnormen för försörjningsstöd (sidans version för 2019)\n"
        "      utgivare: Socialstyrelsen\n"
        "      anmärkning: Varje post höjd med 2 procent och avrundad till närmaste tiotal kronor.\n",
        "",
    )
    problem = only_problem(params)
    assert "riksnorm.yaml" in problem and "källa" in problem


def test_source_must_name_a_statute_or_a_publisher(params):
    edit(params / "jobbstimulans.yaml", '      sfs: "2013:421"\n      utgivare: Riksdagen\n', "")
    problem = only_problem(params)
    assert "jobbstimulans.yaml" in problem and "SFS" in problem and "utgivare" in problem


def test_a_cost_type_without_source_is_rejected(params):
    edit(
        params / "kostnadstyper.yaml",
        "  fackavgift: {benämning: Avgift till fackförening, boendetak: false, källa: *skaliga}",
        "  fackavgift: {benämning: Avgift till fackförening, boendetak: false}",
    )
    problem = only_problem(params)
    assert "kostnadstyper.yaml" in problem and "fackavgift" in problem


# -- checks across periods ------------------------------------------------------------------


def test_overlapping_riksnorm_periods_are_reported(params):
    edit(params / "riksnorm.yaml", "    till: 2014-12-31\n", "    till: 2015-02-28\n")
    problem = only_problem(params)
    assert "riksnorm.yaml" in problem and "överlappar" in problem and "2014-01-01" in problem


def test_overlapping_citations_are_reported(params):
    edit(
        params / "lagrum.yaml",
        "  riksnorm_belopp:\n    beskrivning: Riksnormens belopp för personliga kostnader och hushållsgemensamma kostnader\n"
        "    lydelser:\n      - från: 2002-01-01\n        till: 2025-06-30\n",
        "  riksnorm_belopp:\n    beskrivning: Riksnormens belopp för personliga kostnader och hushållsgemensamma kostnader\n"
        "    lydelser:\n      - från: 2002-01-01\n        till: 2025-07-31\n",
    )
    problem = only_problem(params)
    assert "lagrum.yaml" in problem and "riksnorm_belopp" in problem and "överlappar" in problem


def test_a_year_given_twice_is_reported(params):
    edit(params / "prisbasbelopp.yaml", "  - år: 2016\n", "  - år: 2014\n")
    assert any("prisbasbelopp.yaml" in p and "flera gånger" in p for p in check_parameters(params)[0])


# -- a month without a verified value -------------------------------------------------------


@pytest.mark.parametrize(
    "lookup,value_word,when,file",
    [
        (lambda r: r.riksnorm(Month(2022, 5)), "riksnorm", "2022-05", "toolkit/parameters/riksnorm.yaml"),
        (lambda r: r.riksnorm(Month(2018, 12)), "riksnorm", "2018-12", "toolkit/parameters/riksnorm.yaml"),
        (
            lambda r: r.adult_amount(Month(2027, 1), couple=False),
            "riksnorm",
            "2027-01",
            "toolkit/parameters/riksnorm.yaml",
        ),
        (lambda r: r.child_amount(Month(2023, 9), 4, True), "lunch", "2023-09", "toolkit/parameters/riksnorm.yaml"),
        (lambda r: r.child_amount(Month(2024, 1), 0, True), "lunch", "2024-01", "toolkit/parameters/riksnorm.yaml"),
        (lambda r: r.household_cost(Month(2027, 6), 3), "riksnorm", "2027-06", "toolkit/parameters/riksnorm.yaml"),
        (lambda r: r.prisbasbelopp(2019), "prisbasbelopp", "2019", "toolkit/parameters/prisbasbelopp.yaml"),
    ],
    ids=["2022", "2018", "2027-vuxen", "2023-lunch", "2024-lunch", "2027-hushåll", "pbb-2019"],
)
def test_missing_value_names_value_month_and_file(lookup, value_word, when, file):
    with pytest.raises(MissingParameterError) as caught:
        lookup(load_rules("exempelstad"))
    error = caught.value
    assert value_word in error.value.lower() and error.when == when and error.file == file
    assert when in str(error) and file in str(error)


def test_removed_period_is_missing_not_borrowed(params):
    """Without the second half of 2025 a September month is an error; nothing falls back to the
    first half, although its amounts are the same."""
    text = (params / "riksnorm.yaml").read_text(encoding="utf-8")
    start, end = text.index("  - från: 2025-07-01"), text.index("  - från: 2026-01-01")
    (params / "riksnorm.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    rules = Rules(params)
    assert rules.adult_amount(Month(2025, 6), couple=False) > 0
    with pytest.raises(MissingParameterError) as caught:
        rules.adult_amount(Month(2025, 9), couple=False)
    assert caught.value.when == "2025-09" and caught.value.file.endswith("riksnorm.yaml")


# -- the add-year procedure -----------------------------------------------------------------

# INVENTED TEST DATA, not the riksnorm for 2027: obviously false, round numbers that only ever
# exist in a temporary copy of the parameters.
FAKE_2027 = """\
# PÅHITTADE TESTVÄRDEN för testet av add-year. Inte riksnormen för 2027.
från: 2027-01-01
till: 2027-12-31
källa:
  titel: Påhittad tabell för test av add-year
  utgivare: Testdata (påhittad)
personliga_kostnader:
  barn: {"0": 10, "1-2": 20, "3": 30, "4-6": 40, "7-10": 50, "11-14": 60, "15-18": 70, "19-20": 80}
  barn_lunch_utanför_hemmet: {"0": 1, "1-2": 2, "3": 3, "4-6": 4}
  ensamstående: 1000
  sambor: 2000
hushållsgemensamma_kostnader: {1: 100, 2: 200, 3: 300, 4: 400, 5: 500, 6: 600, 7: 700}
"""

CASE_2027 = """\
id: prov-2027
titel: Ensamstående i egen bostad 2027, prov för add-year
månad: 2027-03
kommun: exempelstad
hushåll:
  - {id: p1, roll: sökande, ålder: 40}
kostnader:
  - {typ: boende, belopp: 5000}
inkomster:
  - {typ: sjukpenning, person: p1, belopp: 2000}
facit:
  belopp: 4100
  riksnorm: 1100
  källa: Handräknad med de påhittade testvärdena i tests/test_parameters.py
"""
# By hand with the invented table: ensamstående 1 000 + household of 1 person 100 = 1 100;
# 1 100 + boende 5 000 (within the 6 500 guideline) − sjukpenning 2 000 = 4 100 kr.
KEY_2027 = "4100 kr"


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "projekt"
    cases = root / "casebank" / "cases"
    cases.mkdir(parents=True)
    (cases / "prov-2027.yaml").write_text(CASE_2027, encoding="utf-8")
    return root


@pytest.fixture
def period_file(tmp_path) -> Path:
    path = tmp_path / "riksnorm-2027.yaml"
    path.write_text(FAKE_2027, encoding="utf-8")
    return path


def test_add_year_dry_run_lists_changes_and_writes_nothing(params, project, period_file, capsys):
    real, copy = digest(PARAMETERS / "riksnorm.yaml"), digest(params / "riksnorm.yaml")
    assert add_riksnorm_period(str(period_file), write=False, parameters=params, project=project) == 0
    out = capsys.readouterr().out
    assert f"prov-2027.yaml: saknar värde → {KEY_2027}" in out
    assert digest(params / "riksnorm.yaml") == copy
    assert digest(PARAMETERS / "riksnorm.yaml") == real


def test_add_year_writes_the_period_to_the_copy_only(params, project, period_file, capsys):
    real = digest(PARAMETERS / "riksnorm.yaml")
    with pytest.raises(MissingParameterError):
        Rules(params).riksnorm(Month(2027, 3))
    assert add_riksnorm_period(str(period_file), write=True, parameters=params, project=project) == 0
    out = capsys.readouterr().out
    assert f"prov-2027.yaml: saknar värde → {KEY_2027}" in out
    rules = Rules(params)
    period = rules.riksnorm(Month(2027, 3))
    assert period.personal is not None and period.personal.single == 1000
    assert rules.household_cost(Month(2027, 3), 8) == 700 + (700 - 600)
    assert rules.adult_amount(Month(2025, 9), couple=False) == load_rules("exempelstad").adult_amount(
        Month(2025, 9), couple=False
    )
    assert check_parameters(params)[0] == []
    assert digest(PARAMETERS / "riksnorm.yaml") == real
    with pytest.raises(MissingParameterError):
        load_rules("exempelstad").riksnorm(Month(2027, 3))
    # Adding the same year again overlaps and is refused.
    with pytest.raises(InputError, match="överlappar"):
        add_riksnorm_period(str(period_file), write=True, parameters=params, project=project)


def test_add_year_refuses_a_period_without_source(params, project, tmp_path):
    broken = tmp_path / "utan-kalla.yaml"
    broken.write_text(
        FAKE_2027.replace(
            "källa:\n  titel: Påhittad tabell för test av add-year\n  utgivare: Testdata (påhittad)\n", ""
        ),
        encoding="utf-8",
    )
    before = digest(params / "riksnorm.yaml")
    with pytest.raises(InputError) as caught:
        add_riksnorm_period(str(broken), write=True, parameters=params, project=project)
    assert "källa" in str(caught.value) and str(broken) in str(caught.value)
    assert digest(params / "riksnorm.yaml") == before
