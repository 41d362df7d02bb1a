"""The supervisor's page driven as a supervisor and as a trainee would: the group's tables,
grading, checkpoint sign-off, export, and what a trainee is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.exercises.supervisor import SupervisorReview, SupervisorView
from toolkit.progress import SUPERVISOR, AttemptRecord, LineResult, Store


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'page.sqlite'}")
    lines = (LineResult("norm", "riksnorm", True), LineResult("lön", "inkomster", False))
    store.record(
        "ny-ss-01",
        AttemptRecord("bedomning/a", {}, 1, 2, case_id="a", lines=lines, misconceptions=("sambo-per-person",)),
    )
    store.record("ny-ss-02", AttemptRecord("plan/p1", {"mål": "<script>x</script>"}, 3, 4, case_id="p1"))
    store.trainee("mh-1", role=SUPERVISOR)
    return store


def test_a_supervisor_sees_the_group_grades_and_signs_off(store: Store, tmp_path: Path):
    view = SupervisorView(lambda: store)
    view.supervisor.value = "mh-1"
    view.show_button.click()
    assert view.tabs.layout.display == "flex" and view.status.value == ""
    assert "ny-ss-01" in view.skills.value and "hb-high" in view.skills.value and "hb-low" in view.skills.value
    assert "Sambornas belopp taget för var och en" in view.named.value
    assert "plan/p1" in view.waiting.value and "mh-1" not in view.trainee_choice.options
    (plan_attempt,) = [value for _label, value in view.attempt_choice.options]
    view.grade.value, view.comment.value = "Gör om", "Målen behöver bli mätbara."
    view.grade_button.click()
    assert "Bedömningen är sparad" in view.status.value, view.status.value
    assert [(r.reviewer, r.grade) for r in store.reviews(plan_attempt)] == [("mh-1", "Gör om")]
    assert view.attempt_choice.options == () and "Inget väntar" in view.waiting.value
    view.trainee_choice.value = "ny-ss-01"
    view.checkpoint_choice.value = view.checkpoint_choice.options[0]
    view.signoff_comment.value = "Bra."
    view.signoff_button.click()
    assert [(s.checkpoint, s.supervisor, s.comment) for s in store.signoffs("ny-ss-01")] == [
        (view.checkpoint_choice.options[0], "mh-1", "Bra.")
    ]
    assert "mh-1" in view.standing.value
    view.export_path.value = str(tmp_path / "grupp.xlsx")
    view.export_button.click()
    assert (tmp_path / "grupp.xlsx").is_file() and "sparade" in view.status.value


def test_a_trainee_can_neither_see_the_group_nor_grade(store: Store):
    view = SupervisorView(lambda: store)
    view.supervisor.value = "ny-ss-01"
    view.show_button.click()
    assert "inte metodhandledare" in view.status.value and view.tabs.layout.display == "none"
    assert "ny-ss-02" not in view.skills.value + view.waiting.value  # nothing of another trainee shown
    view.grade_button.click()
    view.signoff_button.click()
    assert store.signoffs("ny-ss-01") == []
    review = SupervisorReview(lambda: store)
    (plan,) = store.attempts("ny-ss-02")
    review.attempt_field.value, review.reviewer.value = plan.id, "ny-ss-01"
    assert review.save() is None and "inte metodhandledare" in review.status.value
    assert store.reviews(plan.id) == []
    review.reviewer.value = "mh-1"
    assert review.save() is not None
