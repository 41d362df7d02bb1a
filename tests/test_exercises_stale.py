"""No stale verdicts: once the answer changes, or a new check cannot read it, the old verdicts,
score and "Försöket är sparat" are gone, in every kind of exercise (widgets, no browser)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import pytest

from toolkit.control import TOTAL
from toolkit.exercises import open_exercise
from toolkit.exercises.budget import key_advice
from toolkit.feedback import NEED
from toolkit.money import format_kr
from toolkit.progress import Store


def shown(exercise: Any) -> str:
    """Everything the exercise shows as a result: status, summary/result boxes and row verdicts."""
    areas = [exercise.status] + [getattr(exercise, name, None) for name in ("summary", "result", "comparison")]
    areas += list(getattr(exercise, "verdicts", {}).values())
    return " ".join(area.value for area in areas if isinstance(area, widgets.HTML))


def ready_assessment(exercise: Any) -> None:
    exercise.fill(exercise.right_answer())


def ready_riksnorm(exercise: Any) -> None:
    exercise.answer_field.value = format_kr(exercise.result.riksnorm)


def ready_budget(exercise: Any) -> None:
    exercise.fill(key_advice(exercise.budget))


def ready_plan(exercise: Any) -> None:
    pass  # the draft as dealt is readable


def spoil_budget(exercise: Any) -> Any:
    first = exercise.budget.key.advice[0].target
    exercise.actions[first].value = "sänk"
    exercise.amounts[first].value = "tusen"
    return exercise.amounts[first]


KINDS: dict[str, tuple[Callable[[Any], None], Callable[[Any], Any]]] = {
    "bedomning-01": (ready_assessment, lambda e: e.fields[NEED]),
    "kontroll-01": (ready_assessment, lambda e: e.fields[TOTAL]),
    "riksnorm-01": (ready_riksnorm, lambda e: e.answer_field),
    "budget-01": (ready_budget, spoil_budget),
    "plan-01": (ready_plan, lambda e: e.capacity),
}


def spoil(exercise: Any, exercise_id: str) -> None:
    field = KINDS[exercise_id][1](exercise)
    if field is not None and field.value != "tusen":
        field.value = "tusen" if exercise_id != "plan-01" else "mycket"


@pytest.mark.parametrize("exercise_id", sorted(KINDS))
def test_changing_the_answer_takes_the_old_verdicts_down(exercise_id: str):
    store = Store("sqlite://")
    exercise = open_exercise(exercise_id, store=store, pseudonym="ny-ss-07")
    KINDS[exercise_id][0](exercise)
    exercise.check_button.click()
    assert store.attempts("ny-ss-07"), shown(exercise)
    assert shown(exercise).strip(), "a readable answer shows a result"
    spoil(exercise, exercise_id)
    assert shown(exercise).strip() == "", shown(exercise)


@pytest.mark.parametrize("exercise_id", sorted(KINDS))
def test_a_check_that_cannot_read_the_answer_shows_only_the_problem(exercise_id: str):
    store = Store("sqlite://")
    exercise = open_exercise(exercise_id, store=store, pseudonym="ny-ss-07")
    KINDS[exercise_id][0](exercise)
    exercise.check_button.click()
    exercise._checking = True  # the change goes unobserved: the failing check itself must clear
    spoil(exercise, exercise_id)
    exercise._checking = False
    exercise.check_button.click()
    text = shown(exercise)
    assert "sparat" not in text and "rätt" not in text.replace("rättas", "") and "✓" not in text, text
    assert len(store.attempts("ny-ss-07")) == 1


def test_the_pseudonym_and_the_supervisor_leave_the_result_standing():
    store = Store("sqlite://")
    exercise = open_exercise("plan-01", store=store)
    exercise.pseudonym.value = "ny-ss-07"
    exercise.check_button.click()
    before = shown(exercise)
    assert "sparat" in before or exercise.attempt_id is not None, before
    exercise.reviewer.value = "metodhandledare-1"
    exercise.comment.value = "Bra."
    exercise.pseudonym.value = "ny-ss-08"
    assert shown(exercise) == before
