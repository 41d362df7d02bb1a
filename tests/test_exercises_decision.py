"""The decision exercise in its form: the model decision passes, a missing element is named in
the result, the model is shown beside the trainee's decision, and the attempt is stored with
one line per element and the skill it trains."""

from __future__ import annotations

import dataclasses

import pytest

from toolkit.decision import decision_ids, load_decision, model_answer
from toolkit.exercises import WrittenDecisionExercise, open_exercise
from toolkit.progress import Store


@pytest.fixture
def store():
    return Store("sqlite://")


def test_the_model_decision_passes_and_is_recorded_with_its_lines(store, rules, monkeypatch):
    recorded = []
    original = store.record
    monkeypatch.setattr(store, "record", lambda who, attempt: recorded.append(attempt) or original(who, attempt))
    exercise = WrittenDecisionExercise("beslut-avslag-arbetsmarknaden", rules=rules, store=store, pseudonym="ny-ss-07")
    exercise.fill(model_answer(exercise.exercise))
    outcome = exercise.check()
    assert outcome is not None and outcome.all_right
    assert "9 av 9" in exercise.result.value and "Förebilden" in exercise.comparison.value
    (attempt,) = recorded
    assert attempt.exercise == "beslut/beslut-avslag-arbetsmarknaden" and attempt.case_id == "ensam-2026"
    assert [line.key for line in attempt.lines][:2] == ["beslutstyp", "belopp"]
    assert all(line.right for line in attempt.lines) and attempt.score == attempt.max_score == 9
    assert {line.skill for line in attempt.lines} == {"arbete_först", "beslutsskrivning"}


def test_a_decision_without_kommunicering_is_named_and_kept(store, rules):
    exercise = WrittenDecisionExercise("beslut-avslag-sambor", rules=rules, store=store, pseudonym="ny-ss-07")
    exercise.fill(dataclasses.replace(model_answer(exercise.exercise), communication=""))
    outcome = exercise.check()
    assert outcome is not None and not outcome.element("kommunicering").right
    assert "Kommunicering:" in exercise.result.value and "25 § förvaltningslagen" in exercise.result.value
    assert outcome.misconceptions == ("beslut-utan-kommunicering",)
    assert exercise.motivation.value == exercise.exercise.model.motivation


def test_an_empty_form_names_every_missing_element(store, rules):
    exercise = WrittenDecisionExercise("beslut-delvis-radrum-ute", rules=rules, store=store, pseudonym="ny-ss-07")
    outcome = exercise.check()
    assert outcome is not None
    wrong = {e.key for e in outcome.elements if not e.right}
    assert {"beslutstyp", "belopp", "period", "motivering", "lagrum", "överklagande"} <= wrong
    assert "Beslutstypen saknas" in exercise.result.value


def test_the_recovery_form_offers_only_återkrav_and_asks_about_avdrag(store, rules):
    exercise = WrittenDecisionExercise("aterkrav-a-kassa-ej-redovisad", rules=rules, store=store, pseudonym="x1")
    assert [v for _, v in exercise.decision.options] == ["", "återkrav"]
    exercise.fill(dataclasses.replace(model_answer(exercise.exercise), information=""))
    outcome = exercise.check()
    assert outcome is not None and {"avräkning", "domstol"} <= {e.key for e in outcome.elements if not e.right}


@pytest.mark.parametrize("exercise_id", decision_ids())
def test_every_decision_exercise_passes_its_self_test(exercise_id, rules):
    exercise = WrittenDecisionExercise(load_decision(exercise_id), rules=rules, store=Store("sqlite://"))
    assert exercise.selftest().startswith("Självtest godkänt")


def test_the_registry_opens_a_decision_exercise(store):
    exercise = open_exercise("beslut-01", store=store, pseudonym="ny-ss-07")
    assert isinstance(exercise, WrittenDecisionExercise)
    assert exercise.exercise_id == "beslut/beslut-bifall-gava-fran-pappa"
