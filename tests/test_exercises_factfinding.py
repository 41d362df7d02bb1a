"""The assessment exercise in its find-the-facts mode (the registry's default from level 2), driven
as a trainee would: add a row per income and cost found, choose kind, type, person and month,
type the amount, tick "räknas", remove a row, click "Rätta".

The right rows come from the hand-worked case file itself (its incomes and costs, read as YAML)
and whether each is counted from its hand-worked key (facit): the counted amounts must add up to
the key's räknade_inkomster and skäliga_kostnader before they are used. The totals, decision and
amount typed are the key's."""

from __future__ import annotations

import pytest
import yaml

from toolkit import settings
from toolkit.exercises import AssessmentExercise, open_exercise
from toolkit.exercises.factform import FactsForm
from toolkit.factfinding import FoundItem
from toolkit.feedback import AMOUNT, INCOMES, NEED
from toolkit.progress import Store

EXERCISE = "bedomning-12"  # barns-sommarjobb, nivå 2
# From the key's beräkning: "Sonens lön 8 200 kr ... ryms inom ett prisbasbelopp" (not counted);
# every other income and cost is counted in full.
NOT_COUNTED = {("inkomst", "lön", "b1")}


def case_file(case_id: str) -> dict:
    return yaml.safe_load((settings.casebank_dir() / "cases" / f"{case_id}.yaml").read_text(encoding="utf-8"))


def hand_worked_rows(data: dict, not_counted: set[tuple[str, str, str | None]]) -> list[FoundItem]:
    """The case file's incomes and costs as a trainee finds them, counted as the key says; the
    counted amounts are checked against the key's totals first (no jobbstimulans, no cap here)."""
    rows = []
    for kind, items in (("inkomst", data["inkomster"]), ("kostnad", data["kostnader"])):
        for item in items:
            counted = (kind, item["typ"], item.get("person")) not in not_counted
            rows.append(FoundItem(kind, item["typ"], str(item["belopp"]), item.get("person"), data["månad"], counted))
    key = data["facit"]
    assert sum(int(r.amount) for r in rows if r.kind == "inkomst" and r.counted) == key["räknade_inkomster"]
    assert sum(int(r.amount) for r in rows if r.kind == "kostnad" and r.counted) == key["skäliga_kostnader"]
    return rows


@pytest.fixture()
def store():
    return Store("sqlite://")


@pytest.fixture()
def data():
    return case_file("barns-sommarjobb")


def opened(store) -> AssessmentExercise:
    exercise = open_exercise(EXERCISE, store=store, pseudonym="ny-ss-07")
    assert isinstance(exercise, AssessmentExercise)
    return exercise


def type_in(form: FactsForm, row: FoundItem) -> None:
    """Add a row and set its widgets one by one, as a trainee does."""
    added = form.add_button
    added.click()
    widgets = form.rows[-1]
    widgets.kind.value = row.kind
    widgets.type.value = row.type
    widgets.person.value = row.person or ""
    widgets.amount.value = row.amount
    widgets.month.value = row.month
    widgets.counted.value = bool(row.counted)


def fill_right(exercise: AssessmentExercise, data: dict, rows: list[FoundItem] | None = None) -> None:
    """The norm rows (graded as in today's form), the found rows, then the key's totals."""
    norm = exercise.right_answer()
    for key, line in norm.lines.items():
        exercise.fields[key].value = line.amount
    form = exercise.facts_form
    assert form is not None
    for row in rows if rows is not None else hand_worked_rows(data, NOT_COUNTED):
        type_in(form, row)
    key = data["facit"]
    exercise.fields[NEED].value = str(key["riksnorm"] + key["skäliga_kostnader"])
    exercise.fields[INCOMES].value = str(key["räknade_inkomster"])
    exercise.decision.value = key["beslut"]
    exercise.fields[AMOUNT].value = str(key["belopp"])
    exercise.motivation.value = "Riksnorm och skäliga kostnader minus räknade inkomster; sonens lön räknas inte."


def review(exercise: AssessmentExercise) -> str:
    """The facts review as text, with ordinary spaces in the amounts."""
    assert exercise.facts_form is not None
    return exercise.facts_form.review.value.replace("\u202f", " ").replace("\xa0", " ")


def test_a_level_2_exercise_opens_with_the_norm_rows_only(store):
    exercise = opened(store)
    assert exercise.find_facts and exercise.facts_form is not None and exercise.facts_form.rows == []
    assert {row.category for row in exercise.rows} <= {"riksnorm", "justering"}
    assert not exercise.counted  # no "räknas" box of an income row of today's form
    labels = " ".join(row.label for row in exercise.rows)
    assert "Lön" not in labels and "Barnbidrag" not in labels


def test_level_1_keeps_todays_form_and_the_option_is_explicit(store):
    level_1 = open_exercise("bedomning-01", store=store, pseudonym="ny-ss-07")
    assert isinstance(level_1, AssessmentExercise) and level_1.facts_form is None
    assert any(row.category == "inkomst" for row in level_1.rows) and level_1.counted
    chosen = open_exercise("bedomning-01", store=store, pseudonym="ny-ss-07", find_facts=True)
    assert isinstance(chosen, AssessmentExercise) and chosen.facts_form is not None
    assert AssessmentExercise("barns-sommarjobb", store=store).facts_form is None  # a class default: today's form


def test_the_hand_worked_rows_give_full_marks_and_the_rows_are_saved(store, data):
    exercise = opened(store)
    fill_right(exercise, data)
    exercise.check_button.click()
    feedback = exercise.feedback
    assert feedback is not None and feedback.all_correct, review(exercise) + exercise.status.value
    assert "Du har hittat alla inkomster och kostnader" in review(exercise)
    total = feedback.max_score
    assert f"Du har {total} av {total} rätt" in exercise.summary.value
    [attempt] = store.attempts("ny-ss-07")
    assert attempt.score == attempt.max_score == total
    saved = attempt.answer["found"]
    assert len(saved) == len(data["inkomster"]) + len(data["kostnader"])
    assert {"kind": "inkomst", "type": "lön", "amount": "8200", "person": "b1", "month": "2025-07"}.items() <= saved[
        1
    ].items()
    credited = {(line.key, line.skill, line.right) for line in attempt.lines if line.key.startswith("fakta:")}
    assert ("fakta:inkomst:2", "barns_inkomster", True) in credited
    assert ("fakta:inkomst:3", "inkomster", True) in credited  # barnbidrag
    assert all(right for _, _, right in credited)


def test_the_facts_review_stands_above_the_calculation(store, data):
    exercise = opened(store)
    fill_right(exercise, data)
    exercise.check_button.click()
    children = list(exercise.root.children)
    totals = next(i for i, box in enumerate(children) if exercise.verdicts[NEED] in getattr(box, "children", ()))
    assert children.index(exercise.grid) < children.index(exercise.facts_form.box) < totals
    assert exercise.facts_form.review in exercise.facts_form.box.children
    assert "✓" in exercise.verdicts[NEED].value and "✓" in exercise.verdicts[AMOUNT].value


@pytest.mark.parametrize(
    ("exercise_id", "case_id"),
    [("bedomning-07", "hyra-over-riktvarde-radrum"), ("bedomning-10", "hushallsgemenskap-hos-systern")],
)
def test_other_level_2_cases_found_right_give_full_marks(store, exercise_id, case_id):
    """Cases where every item found is counted in full (their keys' totals are the sums)."""
    data = case_file(case_id)
    exercise = open_exercise(exercise_id, store=store, pseudonym="ny-ss-07")
    assert isinstance(exercise, AssessmentExercise) and exercise.facts_form is not None
    fill_right(exercise, data, hand_worked_rows(data, set()))
    exercise.check_button.click()
    assert exercise.feedback is not None and exercise.feedback.all_correct, review(exercise) + exercise.status.value


def test_a_removed_row_is_named_as_missed_with_the_document_it_stood_in(store, data):
    exercise = opened(store)
    fill_right(exercise, data)
    form = exercise.facts_form
    bostadsbidrag = next(r for r in form.rows if r.type.value == "bostadsbidrag")
    before = len(form.rows)
    bostadsbidrag.remove.click()
    assert len(form.rows) == before - 1 and bostadsbidrag.box not in form.rows_box.children
    assert form.rows[-1].amount.description.startswith(f"Rad {before - 1}:")  # renumbered
    exercise.check_button.click()
    assert not exercise.feedback.all_correct
    assert "Du har inte tagit med bostadsbidrag, 1 650" in review(exercise)
    assert "Den står i Kontoutdrag juli 2025 (Amina)" in review(exercise)
    [attempt] = store.attempts("ny-ss-07")
    assert ("fakta:inkomst:6", "inkomster", False) in {(x.key, x.skill, x.right) for x in attempt.lines}


def test_the_childs_wage_left_out_is_named_with_the_pay_slip(store, data):
    rows = [r for r in hand_worked_rows(data, NOT_COUNTED) if r.person != "b1"]
    exercise = opened(store)
    fill_right(exercise, data, rows)
    exercise.check_button.click()
    assert "Du har inte tagit med lön (barn 1, 15 år), 8 200" in review(exercise)
    assert "Lönespecifikation juli (sonen)" in review(exercise)


def test_an_extra_row_a_wrong_amount_and_a_wrong_month_are_each_named(store, data):
    rows = hand_worked_rows(data, NOT_COUNTED)
    rows[2] = FoundItem("inkomst", "barnbidrag", "2 650", None, "2025-07", True)  # with flerbarnstillägg
    rows[5] = FoundItem("inkomst", "bostadsbidrag", "1650", None, "2025-06", True)  # the month before
    rows.append(FoundItem("kostnad", "arbetsresor", "400", "p1", "2025-07", True))
    exercise = opened(store)
    fill_right(exercise, data, rows)
    exercise.check_button.click()
    text = review(exercise)
    assert "Barnbidrag: beloppet 2 650 kr stämmer inte med underlagen." in text
    assert "Bostadsbidrag hör till 2025-06, inte till 2025-07." in text
    assert "Du har inte tagit med bostadsbidrag" in text  # the month's own is still missing
    assert "Arbetsresor (sökande, 41 år) finns inte i underlagen för 2025-07." in text
    feedback = exercise.feedback
    assert feedback is not None and feedback.max_score - feedback.score == 4  # barnbidrag, bostadsbidrag, 2 extra


@pytest.mark.parametrize(
    ("changed", "words"),
    [
        ("b1", ("Lön (barn 1, 15 år) räknas inte som inkomst", "prisbasbelopp", "Du kryssade i ”räknas”")),
        ("barnbidrag", ("Barnbidrag räknas som inkomst.", "Du kryssade inte i ”räknas”")),
    ],
)
def test_a_wrong_counted_box_says_which_item_and_why(store, data, changed, words):
    rows = [
        FoundItem(r.kind, r.type, r.amount, r.person, r.month, not r.counted) if changed in (r.person, r.type) else r
        for r in hand_worked_rows(data, NOT_COUNTED)
    ]
    exercise = opened(store)
    fill_right(exercise, data, rows)
    exercise.check_button.click()
    text = review(exercise)
    assert all(word in text for word in words), text
    assert exercise.feedback.max_score - exercise.feedback.score == 1


def test_text_in_an_amount_names_the_row_and_nothing_is_lost(store, data):
    exercise = opened(store)
    fill_right(exercise, data)
    form = exercise.facts_form
    form.rows[2].amount.value = "tvåtusen"
    exercise.check_button.click()
    assert exercise.feedback is None
    message = form.rows[2].message.value
    assert "Rad 3 (Barnbidrag), fältet Belopp" in message and "inget belopp" in message
    assert "behöver rättas" in exercise.status.value and "finns kvar" in exercise.status.value
    assert form.rows[2].amount.value == "tvåtusen" and len(form.rows) == len(data["inkomster"]) + len(data["kostnader"])
    assert store.attempts("ny-ss-07") == []
    form.rows[2].amount.value = "2 500"
    exercise.check_button.click()
    assert exercise.feedback is not None and exercise.feedback.all_correct and form.rows[2].message.value == ""


def test_a_changed_row_takes_down_the_old_review(store, data):
    exercise = opened(store)
    fill_right(exercise, data)
    exercise.check_button.click()
    assert review(exercise)
    exercise.facts_form.rows[0].amount.value = "11 000"
    assert review(exercise) == "" and exercise.summary.value == ""


def test_the_type_list_follows_the_kind_and_comes_from_the_parameters(store, rules):
    exercise = opened(store)
    exercise.facts_form.add_button.click()
    row = exercise.facts_form.rows[0]
    assert [label for label, _ in row.type.options] == [t.label for t in rules.income_types.values()]
    row.kind.value = "kostnad"
    assert [key for _, key in row.type.options] == list(rules.cost_types)
    assert [value for _, value in row.person.options] == ["", "p1", "b1", "b2"]
