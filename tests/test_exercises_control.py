"""The control exercise driven as a trainee would: tick discrepancies and actions, type amounts, click."""

from __future__ import annotations

import html

import pytest

from toolkit.control import ACTIONS, MOTIVATION, TOTAL, control_ids, month_field
from toolkit.exercises import ControlExercise
from toolkit.misconceptions import get
from toolkit.money import format_kr, ore
from toolkit.months import Month
from toolkit.progress import Store


@pytest.fixture()
def store():
    return Store("sqlite://")


def page_text(exercise: ControlExercise) -> str:
    def walk(widget):
        yield getattr(widget, "value", "") if isinstance(getattr(widget, "value", ""), str) else ""
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    return " ".join(walk(exercise.root))


@pytest.mark.parametrize("cid", control_ids())
def test_right_answer_is_right_everywhere_and_recorded(cid, rules, store):
    exercise = ControlExercise(cid, store=store, pseudonym="ny-ss-07")
    exercise.fill(exercise.right_answer())
    exercise.check_button.click()
    assert exercise.feedback.all_correct
    assert all("✓" in cell.value for cell in exercise.verdicts.values())
    [attempt] = store.attempts("ny-ss-07")
    assert attempt.exercise == f"kontroll/{cid}" and attempt.score == attempt.max_score
    assert "kontroll" in attempt.skills
    assert sorted(attempt.answer["actions"]) == sorted(exercise.control.key.actions)


def test_register_page_shows_gross_tax_and_the_change_warning(store):
    exercise = ControlExercise("lon-enligt-skatteverket", store=store, pseudonym="ny-ss-07")
    text = page_text(exercise)
    assert "lön före skatt" in text and "avdragen skatt" in text
    assert "Registret varnar" in text and "mer än 12 %" in text
    assert "Utbetalt försörjningsstöd" in text


def test_warning_for_a_declared_change_comes_with_no_discrepancy(store):
    exercise = ControlExercise("stammer-trots-varning", store=store, pseudonym="ny-ss-07")
    assert "Registret varnar" in page_text(exercise)
    answer = exercise.right_answer()
    assert answer.marked == set() and answer.actions == {"ingen_åtgärd"}


@pytest.mark.parametrize(
    "cid, key, misconception, wrong",
    [
        (
            "studiemedel-pa-sommaren",
            month_field("2025-06"),
            "kontroll-hela-inkomsten-som-fel",
            lambda c, r: ore(next(row for row in c.rows if row.source == "CSN").amounts["2025-06"]),
        ),
        (
            "a-kassa-ej-redovisad",
            month_field("2025-03"),
            "kontroll-fel-manader",
            lambda c, r: ore(c.key.paid_in_error["2025-04"]),
        ),
        (
            "lon-enligt-skatteverket",
            month_field("2025-11"),
            "kontroll-brutto-som-netto",
            # the counted share of the wage before tax, where the key counts the wage after tax
            lambda c, r: (
                ore(next(row for row in c.rows if row.person == "p1" and row.gross).gross["2025-11"])
                * (100 - r.jobbstimulans(Month.parse("2025-11")).percent_not_counted)
                // 100
            ),
        ),
    ],
)
def test_control_misconception_is_named_next_to_the_amount(cid, key, misconception, wrong, store, rules):
    exercise = ControlExercise(cid, store=store, pseudonym="ny-ss-07")
    exercise.fill(exercise.right_answer())
    exercise.fields[key].value = format_kr(wrong(exercise.control, rules))
    exercise.check_button.click()
    item = get(misconception)
    assert "✗" in exercise.verdicts[key].value and html.escape(item.name) in exercise.verdicts[key].value
    [attempt] = store.attempts("ny-ss-07")
    assert misconception in attempt.misconceptions


def test_wrong_marks_and_actions_are_explained(store):
    exercise = ControlExercise("a-kassa-ej-redovisad", store=store, pseudonym="ny-ss-07")
    exercise.fill(exercise.right_answer())
    exercise.marks[(0, "2025-04")].value = False
    exercise.actions["polisanmälan"].value = False
    exercise.check_button.click()
    assert "✗" in exercise.verdicts["rad:0"].value and "2025-04" in exercise.verdicts["rad:0"].value
    assert "Saknas" in exercise.verdicts[ACTIONS].value and "bidragsbrott" in exercise.verdicts[ACTIONS].value


def test_bad_input_gives_messages_next_to_the_fields_and_keeps_the_answer(store):
    exercise = ControlExercise("a-kassa-ej-redovisad", store=store, pseudonym="ny-ss-07")
    exercise.fill(exercise.right_answer())
    exercise.fields[month_field("2025-04")].value = "femtusen"
    exercise.fields[TOTAL].value = "-13000"
    for box in exercise.actions.values():
        box.value = False
    exercise.motivation.value = ""
    exercise.check_button.click()
    assert "inget belopp" in exercise.messages[month_field("2025-04")].value
    assert "negativt" in exercise.messages[TOTAL].value
    assert "åtgärd" in exercise.messages[ACTIONS].value and "motivering" in exercise.messages[MOTIVATION].value
    assert exercise.fields[month_field("2025-04")].value == "femtusen"
    assert exercise.marks[(0, "2025-04")].value is True
    assert store.attempts("ny-ss-07") == []
