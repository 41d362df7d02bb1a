"""The assessment exercise driven as a trainee would: type into the fields, tick, click."""

from __future__ import annotations

import html
from pathlib import Path

import comm
import pytest
from misconception_cases import SCENARIOS

from toolkit.case import parse_case
from toolkit.exercises import AssessmentExercise
from toolkit.exercises.common import SESSION
from toolkit.feedback import AMOUNT, DECISION, MOTIVATION, NEED
from toolkit.misconceptions import get
from toolkit.money import format_kr
from toolkit.progress import Store

CASE = """\
id: variantfall
titel: Förälder med ett barn och bostadsbidrag
månad: 2025-09
färdigheter: [riksnorm, inkomster]
hushåll:
  - {id: p1, roll: sökande, ålder: 34}
  - {id: b1, roll: barn, ålder: 9}
kostnader:
  - {typ: boende, belopp: 6000}
  - {typ: hushållsel, belopp: 300}
inkomster:
  - {typ: barnbidrag, belopp: 1250}
  - {typ: bostadsbidrag, belopp: 1500}
variation:
  månader: {från: 2025-07, till: 2025-12}
  ålder: 1
  belopp_procent: 10
berättelse: |
  Sara är 34 år och bor med sin son som är 9 år. Hyran är 6 000 kr.
"""


@pytest.fixture()
def store():
    return Store("sqlite://")


def exercise_for(scenario, rules, store, **options) -> AssessmentExercise:
    case = parse_case(scenario.case, rules=rules)
    return AssessmentExercise(case, rules=rules, store=store, pseudonym="ny-ss-07", **options)


def test_right_answer_gives_a_tick_on_every_row_and_is_recorded(rules, store):
    exercise = exercise_for(SCENARIOS[0], rules, store)
    exercise.fill(exercise.right_answer())
    exercise.check_button.click()
    keys = [row.key for row in exercise.rows] + [NEED, DECISION, AMOUNT]
    assert all("✓" in exercise.verdicts[key].value for key in keys), [exercise.verdicts[k].value for k in keys]
    total = exercise.feedback.max_score
    assert f"Du har {total} av {total} rätt" in exercise.summary.value
    [attempt] = store.attempts("ny-ss-07")
    assert (attempt.exercise, attempt.case_id, attempt.score, attempt.max_score) == (
        "bedomning/scenario",
        "scenario",
        total,
        total,
    )
    assert attempt.misconceptions == [] and attempt.seconds is not None and attempt.seconds >= 0
    assert attempt.answer["lines"]["norm:sambor"]["amount"] == exercise.fields["norm:sambor"].value


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_each_misconception_is_shown_next_to_its_row_and_recorded(scenario, rules, store):
    exercise = exercise_for(scenario, rules, store)
    exercise.fill(exercise.right_answer())
    wrong = scenario.wrong(rules)
    exercise.fields[scenario.key].value = format_kr(wrong) if scenario.counted else ""
    if scenario.key in exercise.counted:
        exercise.counted[scenario.key].value = scenario.counted
    exercise.check_button.click()
    item = get(scenario.misconception)
    cell = exercise.verdicts[scenario.key].value
    assert "✗" in cell and html.escape(item.name) in cell
    assert f"href='{html.escape(item.url())}'" in cell  # the book section
    assert "färdighet: <a href='../chapters/" in cell  # and the skill it trains
    assert format_kr(exercise.assessment.line(scenario.key).amount) in cell
    assert html.escape(item.name) in exercise.summary.value
    [attempt] = store.attempts("ny-ss-07")
    assert scenario.misconception in attempt.misconceptions
    assert item.skill in attempt.skills
    assert attempt.score == attempt.max_score - 1 or attempt.score < attempt.max_score


@pytest.mark.parametrize("typed, words", [("tusen", "inget belopp"), ("-500", "negativt"), ("", "tomt")])
def test_bad_input_gives_a_message_next_to_the_field_and_keeps_the_answer(rules, store, typed, words):
    exercise = exercise_for(SCENARIOS[0], rules, store)
    exercise.fill(exercise.right_answer())
    exercise.fields["hushåll"].value = typed
    exercise.check_button.click()
    assert words in exercise.messages["hushåll"].value
    assert exercise.fields["hushåll"].value == typed  # nothing lost
    assert exercise.fields["norm:sambor"].value != ""  # the rest kept too
    assert all(exercise.verdicts[row.key].value == "" for row in exercise.rows)
    assert "behöver rättas" in exercise.status.value
    assert store.attempts("ny-ss-07") == []  # nothing graded, nothing recorded
    exercise.fields["hushåll"].value = format_kr(exercise.assessment.line("hushåll").amount)
    exercise.check_button.click()
    assert exercise.messages["hushåll"].value == "" and exercise.feedback.all_correct


def test_missing_decision_and_motivation_are_named(rules, store):
    exercise = exercise_for(SCENARIOS[0], rules, store)
    exercise.fill(exercise.right_answer())
    exercise.decision.value = None
    exercise.motivation.value = ""
    exercise.check_button.click()
    assert "bevilja eller avslå" in exercise.messages[DECISION].value
    assert "motivering" in exercise.messages[MOTIVATION].value
    assert store.attempts("ny-ss-07") == []


def test_pseudonym_is_asked_once_and_checked(rules, store, monkeypatch):
    monkeypatch.delenv("HANDBOK_PSEUDONYM", raising=False)
    monkeypatch.setattr(SESSION, "pseudonym", None)
    case = parse_case(SCENARIOS[0].case, rules=rules)
    exercise = AssessmentExercise(case, rules=rules, store=store)
    assert exercise.pseudonym_box.layout.display == "flex"
    exercise.fill(exercise.right_answer())
    exercise.pseudonym.value = "Anna Svensson"
    exercise.check_button.click()
    assert "Pseudonymen" in exercise.pseudonym_message.value and "aldrig ditt namn" in exercise.pseudonym_message.value
    assert store.attempts() == [] and exercise.fields["norm:sambor"].value != ""
    exercise.pseudonym.value = "ny-ss-09"
    exercise.check_button.click()
    assert [a.trainee.pseudonym for a in store.attempts()] == ["ny-ss-09"]
    second = AssessmentExercise(case, rules=rules, store=store)  # the next exercise knows it
    assert second.pseudonym_box.layout.display == "none"


def test_case_text_is_escaped(rules, store):
    data = {**SCENARIOS[0].case, "berättelse": "Ansökan <script>alert(1)</script> & mötet"}
    exercise = AssessmentExercise(parse_case(data, rules=rules), rules=rules, store=store, pseudonym="ny-ss-07")
    page = " ".join(child.value for child in exercise.root.children if hasattr(child, "value"))
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; mötet" in page


def test_new_variant_deals_a_seeded_case_and_records_the_seed(rules, store, tmp_path: Path):
    path = tmp_path / "variantfall.yaml"
    path.write_text(CASE, encoding="utf-8")
    exercise = AssessmentExercise(str(path), rules=rules, store=store, pseudonym="ny-ss-07")
    assert not exercise.variant_button.disabled
    original = (exercise.case.month, exercise.case.costs[0].amount, exercise.assessment.amount)
    exercise.variant_button.click()
    assert exercise.seed is not None
    assert (exercise.case.month, exercise.case.costs[0].amount, exercise.assessment.amount) != original
    heading = exercise.root.children[0].value
    assert "variant 1" in heading and str(exercise.seed) not in heading  # a short label, not the seed
    form = exercise.root.children
    open_before = len(comm.get_comm_manager().comms)  # each open widget has a comm
    exercise.variant_button.click()
    assert "variant 2" in exercise.root.children[0].value
    # the last variant's form is closed: a trainee who deals twenty variants keeps one form
    assert len(comm.get_comm_manager().comms) == open_before
    assert all(part.comm is None for part in form if part is not exercise.status)
    exercise.fill(exercise.right_answer())
    exercise.check_button.click()
    assert exercise.feedback.all_correct
    [attempt] = store.attempts("ny-ss-07")
    assert attempt.variant_seed == exercise.seed and attempt.case_id == "variantfall"
    again = AssessmentExercise(str(path), rules=rules, store=store, pseudonym="ny-ss-07", seed=exercise.seed)
    assert again.case.month == exercise.case.month and again.assessment.amount == exercise.assessment.amount


def test_case_without_variation_has_the_variant_button_disabled(rules, store):
    exercise = exercise_for(SCENARIOS[0], rules, store)
    assert exercise.variant_button.disabled


def test_each_skill_is_credited_with_the_lines_that_train_it(rules, store):
    """barns-sommarjobb trains barns_inkomster and inkomster (casebank/skills.yaml: the rules
    barns_inkomster and inkomster). The trainee counts the child's whole summer wage: only the
    barns_inkomster line is wrong, every inkomster line is right, and the riksnorm lines credit
    no skill of this case."""
    exercise = AssessmentExercise("barns-sommarjobb", rules=rules, store=store, pseudonym="ny-ss-07")
    exercise.fill(exercise.right_answer())
    exercise.fields["inkomst:2"].value = "8 200 kr"
    exercise.counted["inkomst:2"].value = True
    exercise.check_button.click()
    [attempt] = store.attempts("ny-ss-07")
    credited = {(line.key, line.skill, line.right) for line in attempt.lines}
    assert credited == {
        ("inkomst:1", "inkomster", True),
        ("inkomst:2", "barns_inkomster", False),
        ("inkomst:3", "inkomster", True),
        ("inkomst:4", "inkomster", True),
        ("inkomst:5", "inkomster", True),
        ("inkomst:6", "inkomster", True),
    }
