"""Budget analysis and the effect of advice, against expectations worked out by hand.

Hand-made figures use the 2025 riksnorm (SFS 2024:1016: ensamstående 3 910, sambor 7 050,
barn 4–6 år med lunch på förskolan 2 700, 7–10 år 3 790, hushållsgemensamt 1 person 1 270,
3 personer 1 770), Exempelstad's housing guideline (1 person 6 500 kr, 3 personer 9 200 kr,
rådrum 3 månader) and the example reference figures in konsumentverket.yaml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.budget import (
    DEBTS,
    Advice,
    BudgetData,
    analyse,
    budget_files,
    check_advice,
    effect,
    key_advice,
    load_budget,
    load_budget_data,
    outcome,
    parse_budget,
    project,
    read_advice,
    reference_note,
)
from toolkit.errors import InputError, MissingParameterError
from toolkit.months import Month
from toolkit.rules import PARAMETERS

BUDGETS = budget_files()


def kr(amount: int) -> int:
    return amount * 100


def single(**changes) -> dict:
    """A single adult in September 2025 with a-kassa 5 000 kr, rent 6 000 kr and a phone at 800 kr."""
    data = {
        "id": "prov",
        "titel": "Provbudget",
        "månad": "2025-09",
        "kommun": "exempelstad",
        "hushåll": [{"id": "p1", "roll": "sökande", "ålder": 30}],
        "inkomster": [{"typ": "a-kassa", "person": "p1", "belopp": 5000}],
        "utgifter": [{"kategori": "boende", "belopp": 6000}, {"kategori": "telefon", "belopp": 800}],
    }
    data.update(changes)
    return data


def test_there_are_at_least_four_budget_exercises():
    assert len(BUDGETS) >= 4


@pytest.mark.parametrize("path", BUDGETS, ids=lambda p: p.stem)
def test_budget_before_advice_matches_the_hand_worked_key(path: Path):
    budget = load_budget(path)
    analysis = analyse(budget)
    assert analysis.riksnorm == budget.key.riksnorm
    assert analysis.assistance == budget.key.assistance_before
    assert analysis.result == kr(budget.key.result_before)


@pytest.mark.parametrize("path", BUDGETS, ids=lambda p: p.stem)
def test_budget_after_the_keys_advice_matches_the_hand_worked_key(path: Path):
    budget = load_budget(path)
    after = outcome(budget, key_advice(budget)).after
    assert after.assistance == budget.key.assistance_after
    assert after.result == kr(budget.key.result_after)


@pytest.mark.parametrize("path", BUDGETS, ids=lambda p: p.stem)
def test_the_keys_advice_gets_full_score(path: Path):
    budget = load_budget(path)
    feedback = check_advice(budget, key_advice(budget))
    assert (feedback.score, feedback.wrong) == (feedback.max_score, ())


def test_simple_budget_by_hand():
    # riksnorm 3 910 + 1 270 = 5 180; bistånd 5 180 + 6 000 − 5 000 = 6 180; 5 000 + 6 180 − 6 800 = 4 380
    analysis = analyse(parse_budget(single()))
    assert (analysis.riksnorm, analysis.assistance, analysis.result) == (kr(5180), kr(6180), kr(4380))
    assert analysis.norm_spending == kr(800)


def test_lower_phone_lowers_the_deficit_but_not_the_bistand():
    budget = parse_budget(single())
    result = effect(budget, Advice("telefon", "sänk", kr(300)))
    assert (result.verdict, result.assistance_change, result.result_change) == ("bra", 0, kr(500))


def test_lower_rent_lowers_the_bistand_and_not_the_result():
    budget = parse_budget(single())
    result = effect(budget, Advice("boende", "sänk", kr(5500)))
    assert (result.verdict, result.assistance_change, result.result_change) == ("bra", -kr(500), 0)


def test_lower_rent_when_the_income_covers_the_need_lowers_the_result_only():
    # incomes 20 000 > 5 180 + 6 000: avslag; the household keeps every krona it saves
    budget = parse_budget(single(inkomster=[{"typ": "a-kassa", "person": "p1", "belopp": 20000}]))
    assert analyse(budget).assistance == 0
    result = effect(budget, Advice("boende", "sänk", kr(5500)))
    assert (result.assistance_change, result.result_change) == (0, kr(500))


def test_granting_what_the_norm_covers_is_flagged_as_double():
    budget = parse_budget(single())
    result = effect(budget, Advice("telefon", "bevilja"))
    assert result.verdict == "dubbelt"
    assert result.assistance_change == kr(800)  # what a double grant would cost: the phone again


def test_granting_a_reasonable_cost_again_changes_nothing():
    result = effect(parse_budget(single()), Advice("boende", "bevilja"))
    assert (result.verdict, result.applied, result.assistance_change) == ("redan_med", False, 0)


def test_debts_belong_to_debt_counselling():
    budget = parse_budget(single(skulder=[{"slag": "Snabblån", "månadsbetalning": 700}]))
    assert [f.id for f in analyse(budget).flags if f.target == DEBTS] == ["skuld"]
    assert effect(budget, Advice(DEBTS, "bevilja")).verdict == "annanstans"
    assert effect(budget, Advice(DEBTS, "sänk", kr(100))).verdict == "annanstans"
    good = effect(budget, Advice(DEBTS, "skuldrådgivning"))
    assert (good.verdict, good.result_change) == ("bra", 0)
    agreed = effect(budget, Advice(DEBTS, "skuldrådgivning", kr(300)))
    assert (agreed.result_change, agreed.assistance_change) == (kr(400), 0)
    assert effect(budget, Advice("telefon", "skuldrådgivning")).verdict == "inte_tillämplig"


def test_rent_above_the_guideline_needs_radrum():
    # rent 7 000 > 6 500: counted in full until a rådrum is given: bistånd 5 180 + 7 000 − 5 000 = 7 180
    budget = parse_budget(single(utgifter=[{"kategori": "boende", "belopp": 7000}]))
    analysis = analyse(budget)
    assert analysis.assistance == kr(7180)
    assert [f.id for f in analysis.flags if f.target == "boende"] == ["hyra_över_riktvärdet"]
    # after the rådrum without a move only 6 500 counts: bistånd 6 680, the household pays 500 itself
    stay = effect(budget, Advice("boende", "rådrum"))
    assert (stay.verdict, stay.assistance_change, stay.result_change) == ("bra", -kr(500), -kr(500))
    # moving to 6 000: bistånd 6 180, the result unchanged
    move = effect(budget, Advice("boende", "rådrum", kr(6000)))
    assert (move.assistance_change, move.result_change) == (-kr(1000), 0)


def test_radrum_is_not_for_a_rent_within_the_guideline_or_another_line():
    budget = parse_budget(single())
    assert effect(budget, Advice("boende", "rådrum", kr(5000))).verdict == "inte_tillämplig"
    assert effect(budget, Advice("telefon", "rådrum")).verdict == "inte_tillämplig"


def test_an_amount_that_is_not_lower_has_no_effect():
    result = effect(parse_budget(single()), Advice("telefon", "sänk", kr(800)))
    assert (result.verdict, result.result_change) == ("ingen_effekt", 0)
    assert effect(parse_budget(single()), Advice("telefon", "sänk")).verdict == "ingen_effekt"


def test_reference_comparison_by_hand():
    comparisons = {
        c.post: c for c in analyse(load_budget(Path("casebank/budget/telefon-och-stromning.yaml"))).comparisons
    }
    # telefon 899 + strömning 520 = 1 419 against medier for one person 900: deviates
    assert (comparisons["medier"].amount, comparisons["medier"].reference, comparisons["medier"].deviates) == (
        kr(1419),
        kr(900),
        True,
    )
    assert comparisons["medier"].categories == ("telefon", "bredband_och_strömning")
    # hygien 350 against 400: 12.5 % but only 50 kr, below the 100 kr threshold
    assert (comparisons["hygien"].reference, comparisons["hygien"].deviates) == (kr(400), False)
    assert (comparisons["livsmedel"].reference, comparisons["livsmedel"].deviates) == (kr(3300), True)


def test_reference_household_posts_above_seven_and_in_a_shared_home():
    data = load_budget_data()
    # förbrukningsvaror 7 persons 450, 6 persons 400: nine persons 450 + 2 × 50 = 550
    assert data.reference("förbrukningsvaror", 2025, [30] * 9) == kr(550)
    # medier for 4 persons 1 200, two of them in the application: 600
    assert data.reference("medier", 2025, [30, 30], persons_in_home=4) == kr(600)
    # personal posts by age: 3 300 + 1 700 + 2 300
    assert data.reference("livsmedel", 2025, [34, 4, 8]) == kr(7300)


def test_a_year_without_reference_costs_is_an_error():
    with pytest.raises(MissingParameterError, match="referenskostnaderna"):
        load_budget_data().period(2026)


def test_example_figures_are_never_presented_as_konsumentverkets():
    period = load_budget_data().period(2025)
    assert period.from_konsumentverket is False
    assert "INTE Konsumentverkets" in reference_note(period)
    assert "INTE" in period.source.note


def test_reference_figures_not_from_konsumentverket_must_say_so(tmp_path: Path):
    for name in ("budgetkategorier.yaml", "konsumentverket.yaml"):
        shutil.copy(PARAMETERS / name, tmp_path / name)
    path = tmp_path / "konsumentverket.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      anmärkning: >-")
    end = text.index("    # Åldersgrupper")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(InputError, match="Konsumentverkets"):
        BudgetData(tmp_path)


def test_norm_spending_above_the_riksnorm_is_flagged():
    analysis = analyse(
        parse_budget(
            single(utgifter=[{"kategori": "livsmedel", "belopp": 5000}, {"kategori": "telefon", "belopp": 800}])
        )
    )
    assert "över_normen" in [f.id for f in analysis.flags]  # 5 800 > 5 180


@pytest.mark.parametrize(
    "change, message",
    [
        ({"utgifter": [{"kategori": "lyx", "belopp": 100}]}, "okänd kategori 'lyx'"),
        ({"utgifter": [{"kategori": "telefon", "belopp": 100}, {"kategori": "telefon", "belopp": 200}]}, "två gånger"),
        ({"utgifter": [{"kategori": "telefon", "belopp": "mycket"}]}, "heltal"),
        ({"utgifter": [{"kategori": "telefon", "belopp": -5}]}, "negativt"),
        ({"utgifter": []}, "tom"),
        ({"inkomster": [{"typ": "lotto", "belopp": 100}]}, "okänd inkomsttyp"),
    ],
)
def test_bad_budget_input_names_the_field(change, message):
    with pytest.raises(InputError, match=message) as error:
        parse_budget(single(**change), display="prov.yaml")
    assert "prov.yaml" in str(error.value)


def test_bad_budget_file_names_the_line(tmp_path: Path):
    path = tmp_path / "prov.yaml"
    path.write_text(
        "id: prov\ntitel: Provbudget\nmånad: 2025-09\nhushåll:\n  - {id: p1, roll: sökande, ålder: 30}\n"
        "utgifter:\n  - {kategori: telefon, belopp: 100}\n  - {kategori: lyx, belopp: 5}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as error:
        load_budget(path)
    assert "rad 8" in str(error.value) and "utgifter[2].kategori" in str(error.value)


def test_read_advice_reports_each_unreadable_line_and_keeps_nothing_silent():
    budget = parse_budget(single(skulder=[{"slag": "Snabblån", "månadsbetalning": 700}]))
    advices, problems = read_advice(
        budget,
        {
            "boende": {"åtgärd": "sänk", "belopp": "tusen", "prioritet": "1"},
            "telefon": {"åtgärd": "sänk", "belopp": "", "prioritet": "–"},
            DEBTS: {"åtgärd": "behåll", "belopp": "", "prioritet": "2"},
        },
    )
    assert advices == []
    assert "inget belopp" in problems["boende"]
    assert "nya beloppet" in problems["telefon"]
    assert "välj en åtgärd" in problems[DEBTS]
    _, problems = read_advice(budget, {"telefon": {"åtgärd": "sänk", "belopp": "299,50"}})
    assert "hela kronor" in problems["telefon"]
    _, problems = read_advice(budget, {"telefon": {"åtgärd": "sänk", "belopp": "-5"}})
    assert "negativt" in problems["telefon"]
    advices, problems = read_advice(
        budget,
        {
            "telefon": {"åtgärd": "sänk", "belopp": "300 kr", "prioritet": "1"},
            "boende": {"åtgärd": "sänk", "belopp": "5 500", "prioritet": "1"},
        },
    )
    assert "samma prioritet" in problems["prioritet"]
    assert advices == [Advice("boende", "sänk", kr(5500), 1), Advice("telefon", "sänk", kr(300), 1)]


def test_feedback_names_double_grants_missed_advice_and_priority():
    budget = load_budget(Path("casebank/budget/telefon-och-stromning.yaml"))
    feedback = check_advice(
        budget,
        [
            Advice("livsmedel", "sänk", kr(3300), 1),
            Advice("telefon", "bevilja", None, 2),
            Advice("bredband_och_strömning", "sänk", kr(400), 3),
        ],
    )
    assert "budget:dubbelt:telefon" in feedback.misconceptions
    assert "budget:missat:telefon" in feedback.misconceptions
    assert "budget:belopp:bredband_och_strömning" in feedback.misconceptions
    assert "budget:prioritet" in feedback.misconceptions
    # one hit (livsmedel), no priority point, one wrong: 1 + 0 − 1 = 0 of 4
    assert (feedback.score, feedback.max_score) == (0, 4)


def test_projection_runs_the_radrum_then_the_new_rent():
    budget = load_budget(Path("casebank/budget/hyra-over-riktvardet.yaml"))
    rows = project(budget, [Advice("boende", "rådrum", kr(9200), 1)]).rows
    assert [str(r.month) for r in rows] == ["2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10"]
    # rådrum May–July (three months): the rent counts in full, bistånd 6 310; from August 9 200: 5 010
    assert [r.assistance_after for r in rows] == [kr(6310)] * 3 + [kr(5010)] * 3
    assert [r.assistance_before for r in rows] == [kr(6310)] * 6
    assert [r.result_after for r in rows] == [kr(1420)] * 6


def test_projection_follows_jobbstimulans_month_by_month():
    # five months in a row: the whole wage counts now (5 180 + 5 000 − 6 000 = 4 180); next month the
    # sixth month is reached and 75 % counts (5 180 + 5 000 − 4 500 = 5 680)
    budget = parse_budget(
        single(
            månad="2025-03",
            historik={"försörjningsstöd_månader_i_följd": 5},
            inkomster=[{"typ": "lön", "person": "p1", "belopp": 6000}],
            utgifter=[{"kategori": "boende", "belopp": 5000}],
        )
    )
    rows = project(budget, [], months=3).rows
    assert [r.assistance_before for r in rows] == [kr(4180), kr(5680), kr(5680)]


def test_projection_stops_at_a_month_without_rule_values():
    budget = load_budget(Path("casebank/budget/hyra-over-riktvardet.yaml")).model_copy(
        update={"month": Month(2025, 11)}
    )
    projection = project(budget, [], months=4)
    assert [str(r.month) for r in projection.rows] == ["2025-11", "2025-12"]
    assert "2026-01" in projection.stopped
