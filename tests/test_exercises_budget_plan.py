"""The budget and plan exercises driven programmatically: fill the widgets, click, read what the
trainee sees and what the progress store holds. The store is a temporary SQLite file."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.budget import DEBTS, Advice, budget_files, key_advice
from toolkit.exercises import common as session_module
from toolkit.exercises import load_registry, selftest
from toolkit.exercises.budget import BudgetExercise
from toolkit.exercises.plan import GRADES, PlanExercise
from toolkit.plan import load_plan_file, plan_files
from toolkit.progress import Store

PAYLOAD = "<script>alert('x')</script>"
PNG = b"\x89PNG"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'framsteg.sqlite'}")


@pytest.fixture(autouse=True)
def no_session_pseudonym(monkeypatch):
    monkeypatch.setattr(session_module.SESSION, "pseudonym", None)
    monkeypatch.setattr(session_module.SESSION, "_store", None)
    monkeypatch.delenv("HANDBOK_PSEUDONYM", raising=False)


def html_of(exercise) -> str:
    """Every HTML the widget tree shows, concatenated."""
    import ipywidgets as widgets

    parts, todo = [], [exercise.root]
    while todo:
        w = todo.pop()
        if isinstance(w, widgets.HTML):
            parts.append(w.value)
        todo.extend(getattr(w, "children", ()))
    return "\n".join(parts)


# -- budget ------------------------------------------------------------------------------------------
def test_every_budget_is_an_exercise_whose_self_test_runs():
    """Each budget's self-test (start to finish: the key, a double grant, a typo) runs in
    tests/test_exercises_registry.py, once per registry entry: every budget file must be one."""
    entries = {e.target for e in load_registry().exercises if e.kind == "budget"}
    assert {path.stem for path in budget_files()} <= entries


def charted(value: str) -> bool:
    """An inline PNG chart with a real alt text (the chart's title and legend)."""
    image = BeautifulSoup(value, "html.parser").find("img")
    return (
        image is not None
        and base64.b64decode(image["src"].split(",", 1)[1]).startswith(PNG)
        and len(image["alt"]) > 20
        and image["alt"].startswith("Diagram: ")
    )


def test_budget_exercise_click_records_the_attempt(store: Store):
    exercise = BudgetExercise("telefon-och-stromning", store=store, pseudonym="ny-ss-01")
    assert all(charted(chart.value) for chart in exercise.charts_before.children)
    exercise.fill(key_advice(exercise.budget))
    exercise.check_button.click()
    assert "4 av 4 poäng" in exercise.result.value
    assert all(charted(chart.value) for chart in exercise.charts_after.children)
    assert len(exercise.charts_after.children) == 2
    [attempt] = store.attempts("ny-ss-01")
    assert (attempt.exercise, attempt.score, attempt.max_score) == ("budget/telefon-och-stromning", 4, 4)
    assert attempt.answer["telefon"] == {"åtgärd": "sänk", "belopp": "300", "prioritet": "1"}


def test_budget_exercise_flags_a_double_grant(store: Store):
    exercise = BudgetExercise("el-och-jobbstimulans", store=store, pseudonym="ny-ss-01")
    exercise.actions["lek_och_fritid"].value = "bevilja"
    exercise.check_button.click()
    assert "Beviljas två gånger" in exercise.result.value
    assert "Bevilja aldrig bistånd för något som riksnormen redan täcker" in exercise.result.value
    assert "budget:dubbelt:lek_och_fritid" in store.attempts("ny-ss-01")[0].misconceptions


def test_budget_exercise_bad_input_keeps_the_form_and_records_nothing(store: Store):
    exercise = BudgetExercise("skulder-och-bil", store=store, pseudonym="ny-ss-01")
    exercise.actions["bil"].value = "sänk"
    exercise.amounts["bil"].value = PAYLOAD
    exercise.actions[DEBTS].value = "skuldrådgivning"
    exercise.priorities[DEBTS].value = "1"
    exercise.check_button.click()
    assert "inget belopp" in exercise.row_messages["bil"].value
    assert "finns kvar" in exercise.status.value
    assert exercise.amounts["bil"].value == PAYLOAD
    assert exercise.actions[DEBTS].value == "skuldrådgivning" and exercise.priorities[DEBTS].value == "1"
    assert store.attempts() == []
    shown = html_of(exercise)
    assert "<script" not in shown and "&lt;script&gt;" in shown


def test_budget_exercise_without_pseudonym_shows_the_effect_and_asks(store: Store):
    exercise = BudgetExercise("telefon-och-stromning", store=store)
    exercise.fill([Advice("telefon", "sänk", 30000, 1)])
    exercise.check_button.click()
    assert "Telefon och mobilabonnemang" in exercise.result.value
    assert "pseudonym" in exercise.status.value
    assert store.attempts() == []
    exercise.pseudonym.value = "Anna Andersson"
    exercise.check_button.click()
    assert "pseudonymen ska vara" in exercise.pseudonym_message.value.lower()
    exercise.pseudonym.value = "ny-ss-02"
    exercise.check_button.click()
    assert len(store.attempts("ny-ss-02")) == 1


def test_budget_exercise_uses_the_store_named_by_handbok_db(tmp_path: Path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'delad.sqlite'}"
    monkeypatch.setenv("HANDBOK_DB", url)
    exercise = BudgetExercise("hyra-over-riktvardet", pseudonym="ny-ss-03")
    exercise.fill(key_advice(exercise.budget))
    exercise.check_button.click()
    assert [a.score for a in Store(url).attempts("ny-ss-03")] == [2]


def test_budget_exercise_says_the_references_are_not_konsumentverkets():
    exercise = BudgetExercise("telefon-och-stromning")
    assert "INTE Konsumentverkets siffror" in html_of(exercise)


# -- plan --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", plan_files(kind="utkast"), ids=lambda p: p.stem)
def test_every_plan_exercise_works_start_to_finish(path: Path, capsys):
    selftest(PlanExercise(load_plan_file(path)))
    assert "Självtest godkänt" in capsys.readouterr().out


def test_plan_exercise_review_exemplar_and_supervisor_grade(store: Store):
    exercise = PlanExercise("utkast-komvux", store=store, pseudonym="ny-ss-01")
    assert exercise.goal.value == "Jag vill bli självförsörjande."
    exercise.review_button.click()
    assert "barnperspektiv-saknas" in exercise.result.value and "mål-inte-mätbart" in exercise.result.value
    exercise.child_perspective.value = "Barnen går kvar i sin skola och förskola."
    exercise.goal_date.value = exercise.draft.plan.date.replace(year=2027)
    exercise.review_button.click()
    assert "Granskningen hittade inget att rätta" in exercise.result.value
    first, second = store.attempts("ny-ss-01")
    assert (first.score, second.score) == (9, 11)
    assert second.answer["barnperspektiv"] == "Barnen går kvar i sin skola och förskola."
    exercise.exemplar_button.click()
    assert "Förebilden" in exercise.comparison.value and "undersköterska" in exercise.comparison.value
    assert exercise.attempt_field.value == second.id
    exercise.reviewer.value, exercise.grade_choice.value = "metodhandledare-1", GRADES[1]
    exercise.comment.value = "Bra. Skriv gärna vad barnen själva har sagt."
    exercise.save_review.click()
    [saved] = store.reviews(second.id)
    assert (saved.reviewer, saved.grade, saved.comment) == (
        "metodhandledare-1",
        GRADES[1],
        "Bra. Skriv gärna vad barnen själva har sagt.",
    )


def test_plan_exercise_free_text_is_escaped(store: Store):
    exercise = PlanExercise("utkast-lagerjobb", store=store, pseudonym="ny-ss-01")
    exercise.goal.value = PAYLOAD
    exercise.activities[1][0].value = "<img src=x onerror=alert(1)> vid behov"
    exercise.review_button.click()
    exercise.exemplar_button.click()
    shown = html_of(exercise)
    assert "<script" not in shown and "<img" not in shown
    assert "&lt;script&gt;" in exercise.comparison.value and "&lt;img" in exercise.result.value
    assert json.loads(json.dumps(store.attempts("ny-ss-01")[0].answer))["mål"] == PAYLOAD


def test_plan_exercise_bad_input_keeps_everything(store: Store):
    exercise = PlanExercise("utkast-arbetstraning", store=store, pseudonym="ny-ss-01")
    exercise.goal.value = "Ny text som inte får försvinna"
    exercise.capacity.value = "tjugo"
    exercise.review_button.click()
    assert "heltal 0–100" in exercise.capacity_message.value and "finns kvar" in exercise.status.value
    assert (exercise.goal.value, exercise.capacity.value) == ("Ny text som inte får försvinna", "tjugo")
    assert store.attempts() == []
    exercise.date.value = None
    exercise.capacity.value = "20 %"
    exercise.review_button.click()
    assert "Planens datum saknas" in exercise.status.value


def test_plan_exercise_supervisor_errors_are_messages(store: Store):
    exercise = PlanExercise("utkast-sambor", store=store, pseudonym="ny-ss-01")
    exercise.attempt_field.value = 999
    exercise.reviewer.value = "metodhandledare-1"
    exercise.comment.value = PAYLOAD
    exercise.save_review.click()
    assert "finns inte" in exercise.review_status.value
    assert exercise.comment.value == PAYLOAD
    assert "<script" not in exercise.review_status.value


def test_plan_exercise_reset_restores_the_draft(store: Store):
    exercise = PlanExercise("utkast-sambor", store=store, pseudonym="ny-ss-01")
    exercise.goal.value = "Något annat"
    exercise.reset_button.click()
    assert exercise.goal.value == exercise.draft.plan.goal
