"""The warm-up riksnorm exercise driven as a trainee would, and its attempts in the progress store."""

from __future__ import annotations

import pytest

from toolkit.exercises import RiksnormExercise, open_exercise
from toolkit.exercises.common import SESSION
from toolkit.money import format_kr
from toolkit.progress import Store


@pytest.fixture()
def store():
    return Store("sqlite://")


@pytest.fixture(autouse=True)
def no_session_pseudonym(monkeypatch):
    monkeypatch.setattr(SESSION, "pseudonym", None)
    monkeypatch.setattr(SESSION, "_store", None)
    monkeypatch.delenv("HANDBOK_PSEUDONYM", raising=False)


def test_right_and_wrong_answers_are_recorded_under_the_pseudonym(store):
    exercise = open_exercise("riksnorm-01", store=store, pseudonym="ny-ss-07")
    assert isinstance(exercise, RiksnormExercise)
    right = exercise.result.riksnorm
    exercise.answer_field.value = format_kr(right + 10000)
    exercise.check_button.click()
    assert exercise.correct is False and f"rätt är {format_kr(right)}" in exercise.summary.value
    exercise.answer_field.value = format_kr(right)
    exercise.check_button.click()
    assert exercise.correct is True and "rätt" in exercise.summary.value
    attempts = store.attempts("ny-ss-07")
    assert [(a.exercise, a.score, a.max_score) for a in attempts] == [
        ("riksnorm/riksnorm-01", 0, 1),
        ("riksnorm/riksnorm-01", 1, 1),
    ]
    assert attempts[1].answer == {"riksnorm": format_kr(right)} and attempts[1].seconds is not None


def test_text_gives_a_message_keeps_the_answer_and_records_nothing(store):
    exercise = open_exercise("riksnorm-01", store=store, pseudonym="ny-ss-07")
    exercise.answer_field.value = "tusen"
    exercise.check_button.click()
    assert "inget belopp" in exercise.status.value and "hb-field-message" in exercise.status.value
    assert exercise.answer_field.value == "tusen" and exercise.summary.value == ""
    assert store.attempts() == []


def test_without_a_known_pseudonym_it_gives_feedback_and_asks_nothing(store):
    exercise = RiksnormExercise("2025-09", children=(5, 9), lunch=(True, False), store=store)
    texts = [w for w in walk(exercise.root) if type(w).__name__ == "Text"]
    assert texts == [exercise.answer_field]  # the form has no pseudonym field
    exercise.answer_field.value = format_kr(exercise.result.riksnorm)
    exercise.check_button.click()
    assert exercise.correct is True and exercise.status.value == ""
    assert store.attempts() == []
    SESSION.pseudonym = "ny-ss-08"  # known from an earlier exercise or the app
    exercise.check_button.click()
    assert [a.trainee.pseudonym for a in store.attempts()] == ["ny-ss-08"]


def walk(widget) -> list:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += walk(child)
    return found


def test_the_household_is_described_and_escaped():
    exercise = RiksnormExercise("2025-09", couple=True, children=(5,), lunch=(True,))
    intro = exercise.root.children[0].value
    assert "två vuxna som är sambor" in intro and "ett barn som är 5 år, äter lunch på förskolan" in intro
    assert "<style>" in intro
