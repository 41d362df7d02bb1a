"""Feedback on a filled-in beräkningsunderlag: right answers, every misconception in the
catalogue, följdfel, rounding and bad input."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from misconception_cases import SCENARIOS, Scenario

from toolkit.assessment import assess
from toolkit.case import parse_case
from toolkit.casebank.skills import load_skills
from toolkit.control import DETECTORS as CONTROL_DETECTORS
from toolkit.decision.rubric import MISCONCEPTIONS as DECISION_MISCONCEPTIONS
from toolkit.feedback import (
    AMOUNT,
    DECISION,
    INCOMES,
    MOTIVATION,
    NEED,
    FormAnswer,
    LineAnswer,
    check_amount,
    compare,
    form_rows,
)
from toolkit.misconceptions import CATALOGUE, DETECTORS, catalogue
from toolkit.money import format_kr, ore
from toolkit.scenarios.model import misconception_ids as scenario_misconceptions

SKILLS = set(load_skills())
# The chapters a misconception may link to: every chapter of the book.
CHAPTERS = {p.stem for p in (Path(__file__).resolve().parent.parent / "book" / "chapters").glob("*.md")}


def right_form(case, result) -> FormAnswer:
    """The key as a trainee would type it: amounts in Swedish format, boxes ticked for counted incomes."""
    lines = {
        row.key: LineAnswer(format_kr(result.line(row.key).amount), result.line(row.key).amount > 0)
        for row in form_rows(case, result)
    }
    return FormAnswer(
        lines,
        format_kr(result.riksnorm + result.adjustments + result.costs),
        format_kr(result.incomes),
        result.decision,
        format_kr(result.amount),
        "Behovet och inkomsterna enligt riksnormen och underlagen.",
    )


def setup(scenario: Scenario, rules):
    case = parse_case(scenario.case, rules=rules)
    result = assess(case, rules)
    return case, result, right_form(case, result)


# -- the catalogue ---------------------------------------------------------------------------------


def test_catalogue_has_at_least_twelve_entries_each_with_skill_and_book_section():
    items = catalogue()
    assert len(items) >= 12
    for item in items.values():
        assert item.skill in SKILLS, item.id
        assert item.book.chapter in CHAPTERS, item.id
        assert item.url().startswith("../chapters/") and "#sec-" in item.url()
        assert len(item.explanation.split()) >= 8, item.id


def test_every_book_link_points_to_a_section_that_exists():
    chapters = Path(__file__).resolve().parent.parent / "book" / "chapters"
    for item in catalogue().values():
        source = (chapters / f"{item.book.chapter}.md").read_text(encoding="utf-8")
        assert f"({item.book.label})=" in source, (item.id, item.book)


def test_every_misconception_has_a_detector_and_a_test():
    recognised = (
        set(DETECTORS) | set(CONTROL_DETECTORS) | set(DECISION_MISCONCEPTIONS.values()) | scenario_misconceptions()
    )
    assert recognised == set(catalogue())
    # assessment misconceptions are tested here; control ones in test_control.py, the decision
    # rubric's in test_decision.py and the scenarios' in test_scenarios.py
    assert {s.misconception for s in SCENARIOS} == set(DETECTORS)


def test_detectors_hold_no_rule_figures():
    """Every alternative amount comes from the parameters: no number above 100 in the code."""
    package = Path(CATALOGUE).with_suffix("")  # toolkit/misconceptions/, beside misconceptions.yaml
    modules = sorted(package.glob("*.py"))
    assert package / "detectors.py" in modules
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        numbers = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool)
        }
        assert max(numbers, default=0) <= 100, (module.name, numbers)


# -- right answers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_right_answer_is_right_on_every_row(scenario, rules):
    case, result, form = setup(scenario, rules)
    feedback = compare(case, result, form, rules)
    assert feedback.readable and feedback.all_correct, [v.message for v in feedback.verdicts if not v.correct]
    assert feedback.misconception_ids == ()
    assert feedback.max_score == len(form_rows(case, result)) + 4  # two totals, decision, amount


def test_every_verdict_names_the_rule_of_the_month(rules):
    case, result, form = setup(SCENARIOS[0], rules)
    feedback = compare(case, result, form, rules)
    norm = feedback.verdict("norm:sambor")
    assert norm.citation == result.line("norm:sambor").citation
    assert "(2025:468)" in norm.citation  # September 2025: the new förordning
    march = parse_case({**SCENARIOS[0].case, "månad": "2025-03"}, rules=rules)
    march_result = assess(march, rules)
    march_feedback = compare(march, march_result, right_form(march, march_result), rules)
    assert "(2001:937)" in march_feedback.verdict("norm:sambor").citation


# -- each misconception ----------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_misconception_is_named(scenario, rules):
    case, result, form = setup(scenario, rules)
    wrong = scenario.wrong(rules)
    assert wrong != result.line(scenario.key).amount, "the scenario must give a wrong amount"
    form.lines[scenario.key] = LineAnswer(format_kr(wrong) if scenario.counted else "", scenario.counted)
    feedback = compare(case, result, form, rules)
    verdict = feedback.verdict(scenario.key)
    assert not verdict.correct
    assert verdict.given == wrong and verdict.expected == result.line(scenario.key).amount
    assert format_kr(verdict.expected) in verdict.message
    assert scenario.misconception in [m.id for m in verdict.misconceptions], verdict
    assert scenario.misconception in feedback.misconception_ids
    # the other rows stay right
    assert all(
        v.correct
        for v in feedback.verdicts
        if v.key.split(":")[0] in ("norm", "hushåll", "kostnad", "inkomst", "justering", "tillgångar")
        and v.key != scenario.key
    )


def test_an_arbitrary_wrong_amount_names_no_misconception(rules):
    case, result, form = setup(SCENARIOS[0], rules)
    form.lines["norm:sambor"] = LineAnswer(format_kr(result.line("norm:sambor").amount + ore(13)))
    verdict = compare(case, result, form, rules).verdict("norm:sambor")
    assert not verdict.correct and verdict.misconceptions == ()


def test_totals_that_follow_from_wrong_rows_are_marked_as_consequential(rules):
    scenario = next(s for s in SCENARIOS if s.misconception == "sambo-per-person")
    case, result, form = setup(scenario, rules)
    wrong = scenario.wrong(rules)
    form.lines["norm:sambor"] = LineAnswer(format_kr(wrong))
    extra = wrong - result.line("norm:sambor").amount
    form.need_total = format_kr(result.riksnorm + result.costs + extra)
    form.amount = format_kr(result.amount + extra)
    feedback = compare(case, result, form, rules)
    assert not feedback.verdict(NEED).correct and feedback.verdict(NEED).consequential
    assert "följdfel" in feedback.verdict(NEED).message
    assert not feedback.verdict(AMOUNT).correct and feedback.verdict(AMOUNT).consequential
    assert feedback.verdict(INCOMES).correct
    form.need_total = format_kr(result.riksnorm + result.costs + extra + ore(1))
    assert not compare(case, result, form, rules).verdict(NEED).consequential


def test_a_share_with_ore_may_be_written_exactly_or_rounded_to_kronor(rules):
    scenario = next(s for s in SCENARIOS if s.misconception == "hushall-ej-delat")
    case, result, form = setup(scenario, rules)
    share = result.line("hushåll").amount
    assert share % 100, "four persons share the cost: the share has öre"
    for typed in (
        format_kr(share),
        str((share + 50) // 100),  # rounded half up
        str(share // 100) + "," + f"{share % 100:02d}",
    ):
        form.lines["hushåll"] = LineAnswer(typed)
        assert compare(case, result, form, rules).verdict("hushåll").correct, typed
    form.lines["hushåll"] = LineAnswer(str(share // 100 - 1))
    assert not compare(case, result, form, rules).verdict("hushåll").correct


def test_wrong_decision_is_wrong_and_explained(rules):
    case, result, form = setup(SCENARIOS[0], rules)
    assert result.decision == "bifall"
    form.decision, form.amount = "avslag", ""
    verdict = compare(case, result, form, rules).verdict(DECISION)
    assert not verdict.correct and "bevilja" in verdict.message


def test_model_motivation_names_decision_and_special_rules(rules):
    scenario = next(s for s in SCENARIOS if s.misconception == "jobbstimulans-glomd")
    case, result, form = setup(scenario, rules)
    text = compare(case, result, form, rules).model_motivation
    assert "beviljas" in text and format_kr(result.amount) in text and "75 %" in text


# -- bad input: a Swedish message per field, nothing graded --------------------------------------------


@pytest.mark.parametrize(
    "typed, words", [("tusen", "inget belopp"), ("-200", "negativt"), ("", "tomt"), ("12,345", "inget belopp")]
)
def test_bad_amount_gives_a_swedish_message_for_that_field(rules, typed, words):
    case, result, form = setup(SCENARIOS[0], rules)
    form.lines["hushåll"] = LineAnswer(typed)
    feedback = compare(case, result, form, rules)
    assert not feedback.readable and feedback.verdicts == ()
    assert set(feedback.errors) == {"hushåll"}
    assert words in feedback.errors["hushåll"]


def test_required_decision_and_motivation(rules):
    case, result, form = setup(SCENARIOS[0], rules)
    form.decision, form.motivation, form.income_total = None, "  ", "abc"
    errors = compare(case, result, form, rules).errors
    assert set(errors) == {DECISION, MOTIVATION, INCOMES}
    assert "bevilja eller avslå" in errors[DECISION] and "motivering" in errors[MOTIVATION]


def test_an_income_with_an_amount_but_no_tick_is_questioned(rules):
    scenario = next(s for s in SCENARIOS if s.misconception == "barnbidrag-ej-raknat")
    case, result, form = setup(scenario, rules)
    form.lines["inkomst:1"] = LineAnswer("1 250", counted=False)
    errors = compare(case, result, form, rules).errors
    assert "räknas" in errors["inkomst:1"]
    form.lines["inkomst:1"] = LineAnswer("0", counted=False)
    assert compare(case, result, form, rules).readable


def test_refusal_with_an_amount_is_questioned(rules):
    case, result, form = setup(SCENARIOS[0], rules)
    form.decision, form.amount = "avslag", "500"
    assert "Vid avslag" in compare(case, result, form, rules).errors[AMOUNT]


def test_check_amount_still_reads_and_compares():
    assert check_amount("3 910 kr", ore(3910), what="Riksnormen").correct
    wrong = check_amount("3900", ore(3910), what="Riksnormen")
    assert wrong.ok and not wrong.correct and "rätt är" in wrong.message
    assert not check_amount("tre", ore(3910), what="Riksnormen").ok
