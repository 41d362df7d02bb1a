"""Values that used to be typed in Python are read from toolkit/parameters/: the riksnorm's age
bands and household sizes, the control settings and their citations, the flags on income types
and the jobbstimulans wording. Each test changes a temporary copy of the parameters and shows
that the result follows the file; the real tree is only read.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.assessment import assess
from toolkit.case import parse_case
from toolkit.casebank.teaching import CONDITIONS
from toolkit.errors import InputError, MissingParameterError
from toolkit.jobbstimulans import jobbstimulans_status, wording
from toolkit.maintenance.paramcheck import check_parameters
from toolkit.months import Month
from toolkit.rules import PARAMETERS, Rules, load_rules

SEPTEMBER = Month(2025, 9)


@pytest.fixture
def params(tmp_path) -> Path:
    copy = tmp_path / "parameters"
    shutil.copytree(PARAMETERS, copy)
    return copy


def replace_all(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    count = text.count(old)
    assert count, f"{old!r} finns inte i {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return count


def only_problem(root: Path) -> str:
    problems, _ = check_parameters(root)
    assert len(problems) == 1, problems
    return problems[0]


def household(*children: dict) -> dict:
    return {
        "id": "prov",
        "titel": "Prov för åldersgrupper",
        "månad": str(SEPTEMBER),
        "hushåll": [{"id": "p1", "roll": "sökande", "ålder": 35}, *children],
    }


# -- age bands ---------------------------------------------------------------------------------------


def test_the_bands_are_the_keys_of_the_riksnorm_file():
    rules = load_rules("exempelstad")
    assert [band.key for band in rules.child_bands] == ["0", "1-2", "3", "4-6", "7-10", "11-14", "15-18", "19-20"]
    assert [band.key for band in rules.lunch_bands] == ["0", "1-2", "3", "4-6"]
    assert rules.age_band(6).key == "4-6" and rules.lunch_ages() == "0–6 år"


def test_a_changed_band_key_changes_the_result(params):
    assert replace_all(params / "riksnorm.yaml", '"4-6"', '"4-5"') > 1
    assert replace_all(params / "riksnorm.yaml", '"7-10"', '"6-10"') > 1
    assert check_parameters(params)[0] == []
    changed, real = Rules(params, "exempelstad"), load_rules("exempelstad")
    assert changed.child_amount(SEPTEMBER, 6, False) == (real.child_amount(SEPTEMBER, 7, False)[0], "6-10")
    assert real.child_amount(SEPTEMBER, 6, False)[1] == "4-6"
    case = parse_case(household({"id": "b1", "roll": "barn", "ålder": 6}), rules=changed)
    assert assess(case, changed).line("norm:b1").post == "Personliga kostnader, barn 6–10 år"
    # The lower amount for lunch now ends at five: a six-year-old with lunch is refused, saying so.
    lunch = household({"id": "b1", "roll": "barn", "ålder": 6, "lunch_utanför_hemmet": True})
    with pytest.raises(InputError, match="0–5 år"):
        parse_case(lunch, rules=changed)
    parse_case(lunch, rules=real)


def test_bands_with_a_gap_are_rejected(params):
    replace_all(params / "riksnorm.yaml", '"3": ', '"3-3": ')
    assert check_parameters(params)[0] == []  # the same band written as a range
    replace_all(params / "riksnorm.yaml", '"1-2"', '"1-1"')
    problem = only_problem(params)
    assert "riksnorm.yaml" in problem and "glapp" in problem


def test_bands_that_differ_between_periods_are_rejected(params):
    text = (params / "riksnorm.yaml").read_text(encoding="utf-8")
    start = text.index("  - från: 2017-01-01")
    end = text.index("  - från: 2019-01-01")
    period = text[start:end].replace('"15-18"', '"15-17"').replace('"19-20"', '"18-20"')
    (params / "riksnorm.yaml").write_text(text[:start] + period + text[end:], encoding="utf-8")
    problem = only_problem(params)
    assert "riksnorm.yaml" in problem and "samma i alla perioder" in problem


def test_lunch_bands_must_be_the_youngest_bands(params):
    replace_all(
        params / "riksnorm.yaml",
        'barn_lunch_utanför_hemmet: {"0": 1610, "1-2": 1800, "3": 1550, "4-6": 1730}',
        'barn_lunch_utanför_hemmet: {"0": 1610, "1-2": 1800, "4-6": 1730}',
    )
    problem = only_problem(params)
    assert "barn_lunch_utanför_hemmet" in problem and "första åldersgrupperna" in problem


# -- household sizes ---------------------------------------------------------------------------------


def test_the_household_rows_are_the_keys_of_the_riksnorm_file(params):
    real = load_rules("exempelstad")
    assert real.household_rows(SEPTEMBER) == 7
    # Without the row for seven persons, seven persons follow the rule for larger households.
    text = (params / "riksnorm.yaml").read_text(encoding="utf-8")
    lines = [
        line.split(", 7: ")[0] + "}" if line.strip().startswith("hushållsgemensamma_kostnader: {") else line
        for line in text.splitlines()
    ]
    (params / "riksnorm.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert check_parameters(params)[0] == []
    rules = Rules(params, "exempelstad")
    assert rules.household_rows(SEPTEMBER) == 6
    six, five = real.household_cost(SEPTEMBER, 6), real.household_cost(SEPTEMBER, 5)
    assert rules.household_cost(SEPTEMBER, 7) == six + (six - five) != real.household_cost(SEPTEMBER, 7)
    children = [{"id": f"b{i}", "roll": "barn", "ålder": 10} for i in range(6)]
    line = assess(parse_case(household(*children), rules=rules), rules).line("hushåll")
    assert line.rule == "fler_än_sju_personer" and "för sex personer + 1 ×" in line.explanation


def test_a_household_table_with_a_gap_is_rejected(params):
    replace_all(
        params / "riksnorm.yaml",
        "hushållsgemensamma_kostnader: {1: 930, 2: 1040, 3: 1310,",
        "hushållsgemensamma_kostnader: {1: 930, 2: 1040, 9: 1310,",
    )
    problem = only_problem(params)
    assert "hushållsgemensamma_kostnader" in problem and "utan glapp" in problem


# -- the control settings: kontroll.yaml and lagrum.yaml ---------------------------------------------


def test_the_control_settings_are_read_through_rules():
    rules = load_rules("exempelstad")
    assert rules.change_warning(SEPTEMBER).percent == 12
    assert [a.id for a in rules.control_actions][0] == "ingen_åtgärd"
    cited = {a.id: str(rules.citation(a.rule, Month(2025, 3))) for a in rules.control_actions if a.rule}
    assert cited == {
        "återkrav": "9 kap. 1 § socialtjänstlagen (2001:453)",
        "polisanmälan": "6 § bidragsbrottslagen (2007:612)",
    }
    assert str(rules.citation("återkrav", SEPTEMBER)) == "33 kap. 1 § socialtjänstlagen (2025:400)"
    with pytest.raises(MissingParameterError, match="ändringsvarningen"):
        rules.change_warning(Month(2001, 12))


def test_a_changed_threshold_changes_the_warnings(params):
    replace_all(params / "kontroll.yaml", "gräns_procent: 12", "gräns_procent: 40")
    assert Rules(params).change_warning(SEPTEMBER).percent == 40


def test_parameters_check_catches_an_unknown_key_in_kontroll(params):
    replace_all(params / "kontroll.yaml", "    gräns_procent: 12\n", "    gräns_procent: 12\n    gräns_kronor: 500\n")
    problem = only_problem(params)
    assert "kontroll.yaml" in problem and "gräns_kronor" in problem


def test_parameters_check_catches_an_action_without_its_citation(params):
    replace_all(params / "kontroll.yaml", "    lagrum: anmälan_bidragsbrott\n", "    lagrum: anmälan_bidragsbrot\n")
    problem = only_problem(params)
    assert "kontroll.yaml" in problem and "polisanmälan" in problem and "bidragsbrot" in problem


def test_parameters_check_catches_overlapping_warning_periods(params):
    text = (params / "kontroll.yaml").read_text(encoding="utf-8")
    start, end = text.index("  - från: 2002-01-01"), text.index("\n# Varifrån")
    period = text[start:end]
    second = period.replace("från: 2002-01-01", "från: 2020-01-01").replace("gräns_procent: 12", "gräns_procent: 15")
    (params / "kontroll.yaml").write_text(text[:end] + "\n" + second + text[end:], encoding="utf-8")
    problem = only_problem(params)
    assert "kontroll.yaml" in problem and "överlappar" in problem


def test_parameters_check_catches_a_threshold_without_source(params):
    text = (params / "kontroll.yaml").read_text(encoding="utf-8")
    start, end = text.index("    källa:\n"), text.index("    gräns_procent")
    (params / "kontroll.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    problem = only_problem(params)
    assert "kontroll.yaml" in problem and "källa" in problem


def test_the_amendment_follows_the_citation_where_lagrum_says_so(params):
    rules = load_rules("exempelstad")
    assert str(rules.citation("riksnorm_belopp", Month(2025, 3))).endswith(", i lydelse enligt SFS 2024:1016")
    assert "i lydelse" not in str(rules.citation("fler_än_sju_personer", Month(2025, 3)))
    replace_all(params / "lagrum.yaml", "        med_lydelse: true\n", "")
    assert str(Rules(params).citation("riksnorm_belopp", Month(2025, 3))) == (
        "2 kap. 1 § socialtjänstförordningen (2001:937)"
    )


# -- income types and jobbstimulans ----------------------------------------------------------------


def test_fixed_amounts_and_child_benefits_are_flags_on_the_income_types(params):
    rules = load_rules("exempelstad")
    assert rules.fixed_income_types() == {"barnbidrag", "flerbarnstillägg", "underhållsstöd", "studiehjälp"}
    assert rules.child_benefit_types() == {"barnbidrag", "flerbarnstillägg", "underhållsstöd", "underhållsbidrag"}
    replace_all(
        params / "inkomsttyper.yaml",
        "studiehjälp: {benämning: Studiehjälp (studiebidrag), räknas: true, arbetsinkomst: false, fast_belopp: true,",
        "studiehjälp: {benämning: Studiehjälp (studiebidrag), räknas: true, arbetsinkomst: false,",
    )
    assert "studiehjälp" not in Rules(params).fixed_income_types()


def test_the_jobbstimulans_wording_follows_the_file(params):
    words = wording(load_rules("exempelstad"), SEPTEMBER)
    assert words is not None
    assert (words.percent_not_counted, words.qualifying, words.duration, words.the_duration) == (
        25,
        "sex månader",
        "två år",
        "de två åren",
    )
    assert str(words.first_day) == "2013-07-01"
    replace_all(params / "jobbstimulans.yaml", "giltighet_månader: 24", "giltighet_månader: 36")
    replace_all(params / "jobbstimulans.yaml", "andel_som_inte_räknas_procent: 25", "andel_som_inte_räknas_procent: 30")
    replace_all(params / "jobbstimulans.yaml", "  - från: 2013-07-01", "  - från: 2014-01-01")
    rules = Rules(params, "exempelstad")
    words = wording(rules, SEPTEMBER)
    assert words is not None and (words.duration, words.the_duration, words.percent_not_counted) == (
        "tre år",
        "de tre åren",
        30,
    )
    assert "30 % av lönen" in CONDITIONS["jobbstimulans_gäller"].describe(rules, SEPTEMBER)
    case = parse_case({**household(), "månad": "2013-09", "historik": {"försörjningsstöd_månader_i_följd": 8}})
    assert jobbstimulans_status(case, rules).reason == "jobbstimulansen gällde inte ännu (gäller från 2014-01-01)"
    ended = parse_case(
        {**household(), "historik": {"försörjningsstöd_månader_i_följd": 40, "jobbstimulans_från": "2022-01"}}
    )
    assert "de tre åren tog slut 2024-12" in jobbstimulans_status(ended, rules).reason
