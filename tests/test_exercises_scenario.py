"""The scenario exercise in its form: the right choice passes and is recorded with a line for
the choice and one for the reason, a wrong option shows its feedback next to the model reason,
several right options are offered as check boxes, and an answer without a choice keeps the text."""

from __future__ import annotations

import pytest

from toolkit.exercises import ScenarioExercise, open_exercise
from toolkit.progress import Store
from toolkit.scenarios import load_scenario, scenario_ids


@pytest.fixture
def store():
    return Store("sqlite://")


def test_the_right_choice_is_recorded_with_its_lines(store, rules, monkeypatch):
    recorded = []
    original = store.record
    monkeypatch.setattr(store, "record", lambda who, attempt: recorded.append(attempt) or original(who, attempt))
    exercise = ScenarioExercise("nodprovning-ingen-mat", rules=rules, store=store, pseudonym="ny-ss-07")
    exercise.fill({"b"}, exercise.scenario.reason.model)
    outcome = exercise.check()
    assert outcome is not None and outcome.all_right and "2 av 2 rätt" in exercise.result.value
    (attempt,) = recorded
    assert attempt.exercise == "scenario/nodprovning-ingen-mat" and attempt.case_id == "budget-familj-vinter"
    assert [(line.key, line.skill, line.right) for line in attempt.lines] == [
        ("val", "akuta_lägen", True),
        ("motivering", "akuta_lägen", True),
    ]


def test_a_wrong_option_shows_why_and_the_rule(store, rules):
    exercise = ScenarioExercise("tolk-till-motet", rules=rules, store=store, pseudonym="ny-ss-07")
    exercise.fill({"a"}, "Sonen får tolka.")
    outcome = exercise.check()
    assert outcome is not None and not outcome.choice_right and not outcome.reason_right
    assert "Ett barn ska aldrig tolka" in exercise.result.value
    assert "13 § förvaltningslagen (2017:900)" in exercise.result.value
    assert "sarskilda-sokande.html#sec-tolk" in exercise.result.value
    assert outcome.misconceptions == ("barn-som-tolk",)


def test_several_right_options_are_check_boxes(store, rules):
    exercise = ScenarioExercise("ekonomiskt-vald-inkasso", rules=rules, store=store, pseudonym="ny-ss-07")
    assert exercise.scenario.several and "Flera svar kan vara rätt" in exercise.root.children[3].value
    exercise.fill({"b", "c"}, exercise.scenario.reason.model)
    outcome = exercise.check()
    assert outcome is not None and outcome.all_right


def test_no_choice_gives_a_message_and_keeps_the_text(store, rules):
    exercise = ScenarioExercise("tolk-till-motet", rules=rules, store=store, pseudonym="ny-ss-07")
    exercise.fill(set(), "Jag bokar tolk.")
    assert exercise.check() is None and "välj minst ett alternativ" in exercise.status.value
    assert exercise.reason.value == "Jag bokar tolk."


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_every_scenario_passes_its_self_test(scenario_id, rules):
    exercise = ScenarioExercise(load_scenario(scenario_id), rules=rules, store=Store("sqlite://"))
    assert exercise.selftest().startswith("Självtest godkänt")


def test_the_registry_opens_a_scenario(store):
    exercise = open_exercise("scenario-01", store=store, pseudonym="ny-ss-07")
    assert isinstance(exercise, ScenarioExercise)
    assert exercise.exercise_id == "scenario/arbetsmarknad-sjuk-utan-intyg"
