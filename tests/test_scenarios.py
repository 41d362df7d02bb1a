"""The scenario exercises (toolkit.scenarios): for every scenario the right choice with the model
reason passes, each wrong option gives its own feedback (and its misconception), a missed
right option is named, and a reason without its keywords is flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.casebank.skills import load_skills
from toolkit.errors import InputError
from toolkit.misconceptions import catalogue
from toolkit.scenarios import ScenarioAnswer, grade, load_scenario, scenario_ids

ROOT = Path(__file__).resolve().parent.parent
IDS = scenario_ids()


def test_there_are_enough_scenarios_on_distinct_cases():
    cases = [load_scenario(i).case for i in IDS]
    assert len(IDS) >= 12 and len(set(cases)) == len(cases)
    assert {"vald-jourlagenhet", "vald-pappa-med-barnen", "ekonomiskt-vald-skulder"} <= set(cases)


@pytest.mark.parametrize("scenario_id", IDS)
def test_the_scenario_links_to_what_exists(scenario_id, rules):
    scenario = load_scenario(scenario_id)
    assert (ROOT / "casebank" / "cases" / f"{scenario.case}.yaml").is_file()
    assert set(scenario.skills) <= set(load_skills())
    chapter = (ROOT / "book" / "chapters" / f"{scenario.book.chapter}.md").read_text(encoding="utf-8")
    assert f"({scenario.book.label})=" in chapter
    assert scenario.legal in rules.lagrum.rules
    for option in scenario.options:
        assert option.misconception is None or option.misconception in catalogue()


@pytest.mark.parametrize("scenario_id", IDS)
def test_the_right_choice_with_the_model_reason_passes(scenario_id, rules):
    scenario = load_scenario(scenario_id)
    result = grade(scenario, ScenarioAnswer(scenario.right, scenario.reason.model), rules)
    assert result.all_right and result.score == result.max_score == 2, result.reason_feedback
    assert result.misconceptions == ()
    assert [line.right for line in result.lines] == [True, True]
    assert result.legal


@pytest.mark.parametrize("scenario_id", IDS)
def test_each_wrong_option_gives_its_own_feedback(scenario_id, rules):
    scenario = load_scenario(scenario_id)
    for option in scenario.options:
        if option.right:
            continue
        result = grade(scenario, ScenarioAnswer(frozenset({option.id}), scenario.reason.model), rules)
        assert not result.choice_right and result.reason_right
        wrong = [(o.id, why) for o, why in result.option_feedback if why == "fel"]
        assert wrong == [(option.id, "fel")]
        missed = {o.id for o, why in result.option_feedback if why == "saknas"}
        assert missed == set(scenario.right)
        if option.misconception:
            assert result.misconceptions == (option.misconception,)
        assert [line.right for line in result.lines] == [False, True]


@pytest.mark.parametrize("scenario_id", [i for i in IDS if load_scenario(i).several])
def test_one_of_several_right_options_is_not_enough(scenario_id, rules):
    scenario = load_scenario(scenario_id)
    first = sorted(scenario.right)[0]
    result = grade(scenario, ScenarioAnswer(frozenset({first}), scenario.reason.model), rules)
    assert not result.choice_right
    assert {o.id for o, why in result.option_feedback if why == "saknas"} == set(scenario.right) - {first}


@pytest.mark.parametrize("scenario_id", IDS)
def test_a_reason_without_its_keywords_is_named(scenario_id, rules):
    scenario = load_scenario(scenario_id)
    result = grade(
        scenario, ScenarioAnswer(scenario.right, "Jag tycker att det här är det bästa att göra nu. " * 3), rules
    )
    assert result.choice_right and not result.reason_right
    assert all(k.what in result.reason_feedback for k in scenario.reason.keywords)
    short = grade(scenario, ScenarioAnswer(scenario.right, "Så blir det."), rules)
    assert f"minst {scenario.reason.min_words} ord" in short.reason_feedback


def test_no_choice_or_an_unknown_option_is_a_swedish_message(rules):
    scenario = load_scenario(IDS[0])
    with pytest.raises(InputError, match="välj minst ett"):
        grade(scenario, ScenarioAnswer(frozenset(), "text"), rules)
    with pytest.raises(InputError, match="okänt alternativ: q"):
        grade(scenario, ScenarioAnswer(frozenset({"q"}), "text"), rules)


def test_every_case_in_the_bank_is_used_by_an_exercise():
    """Each case is the basis of an assessment, a decision to write or a scenario (the registry)."""
    from toolkit.casebank.exercises import load_registry
    from toolkit.decision import load_decision

    used = set()
    for entry in load_registry().exercises:
        if entry.case:
            used.add(entry.case)
        if entry.decision:
            used.add(load_decision(entry.decision).case)
        if entry.scenario:
            used.add(load_scenario(entry.scenario).case)
    cases = {p.stem for p in (ROOT / "casebank" / "cases").glob("*.yaml")}
    assert cases - used == set()
