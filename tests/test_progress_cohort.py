"""The supervisor's view of a group: the heatmap, weeks, common misconceptions, work waiting
for review, checkpoints signed off, export to CSV and Excel, and roles."""

from __future__ import annotations

import subprocess
from pathlib import Path

import openpyxl
import pytest
from conftest import run_toolkit

from toolkit.errors import InputError
from toolkit.programme import load_programme
from toolkit.progress import SUPERVISOR, AttemptRecord, LineResult, Store, cohort
from toolkit.progress.checkpoints import standing
from toolkit.progress.roles import is_supervisor, may_read, require_supervisor


def record(exercise: str, seed: int, rows, misconceptions=()) -> AttemptRecord:
    found = tuple(LineResult(f"rad-{n}", skill, right) for n, (skill, right) in enumerate(rows))
    right = sum(r for _, r in rows)
    return AttemptRecord(
        exercise,
        {},
        right,
        len(rows),
        case_id=exercise,
        variant_seed=seed,
        lines=found,
        misconceptions=tuple(misconceptions),
    )


@pytest.fixture()
def group(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'group.sqlite'}")
    store.record("ny-ss-01", record("bedomning/a", 1, [("riksnorm", True), ("inkomster", False)], ["sambo-per-person"]))
    store.record("ny-ss-01", record("bedomning/a", 1, [("riksnorm", True), ("inkomster", True)]))  # practice
    store.record("ny-ss-02", record("bedomning/a", 2, [("riksnorm", False), ("riksnorm", True)], ["sambo-per-person"]))
    store.record("ny-ss-02", record("kontroll/k", 3, [("kontroll", True)], ["kontroll-fel-manader"]))
    store.record("ny-ss-02", record("plan/p1", 4, [("planering", True)]))
    store.trainee("mh-1", role=SUPERVISOR)
    return store


def test_heatmap_is_skills_by_trainees_from_first_attempts(group: Store):
    table = cohort.heatmap(group)
    assert list(table.columns) == ["ny-ss-01", "ny-ss-02"]
    # ny-ss-01: riksnorm 1/1, inkomster 0/1 (the right retry is practice); ny-ss-02: riksnorm 1/2, kontroll 1/1.
    assert table.loc["riksnorm"].tolist() == [100, 50]
    assert table.loc["inkomster", "ny-ss-01"] == 0 and table.loc["kontroll", "ny-ss-02"] == 100
    assert table["ny-ss-01"].isna().sum() == 2  # kontroll and planering not tried


def test_misconceptions_weeks_and_work_waiting(group: Store):
    named = cohort.common_misconceptions(group)
    assert named.to_dict("records")[0] == {"misconception": "sambo-per-person", "count": 2, "trainees": 2}
    weeks = cohort.progress_over_time(group)
    assert weeks.groupby("pseudonym")["attempts"].sum().to_dict() == {"ny-ss-01": 1, "ny-ss-02": 3}
    waiting = cohort.waiting_for_review(group)
    assert waiting["exercise"].tolist() == ["plan/p1"]
    group.review(int(waiting["attempt"][0]), reviewer="mh-1", grade="Godkänd")
    assert cohort.waiting_for_review(group).empty


def test_checkpoints_signed_off_and_where_the_trainee_stands(group: Store):
    programme = load_programme()
    first = programme.weeks[0]
    group.sign_off("ny-ss-01", first.id, supervisor="mh-1", comment="Bra samtal.")
    table = standing(group, "ny-ss-01", programme)
    row = table.iloc[0]
    assert (row["kontrollpunkt"], row["godkänd_av"], row["kommentar"]) == (first.id, "mh-1", "Bra samtal.")
    assert table["godkänd_av"].iloc[1:].eq("").all()
    assert cohort.signoffs(group)["checkpoint"].tolist() == [first.id]


def test_export_to_excel_and_csv(group: Store, tmp_path: Path):
    (xlsx,) = cohort.export(group, tmp_path / "grupp.xlsx")
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["färdigheter", "veckor", "missuppfattningar", "att_granska", "kontrollpunkter"]
    header = [c.value for c in book["färdigheter"][1]]
    assert header == ["skill", "ny-ss-01", "ny-ss-02"]
    files = cohort.export(group, tmp_path / "grupp.csv")
    assert [f.name for f in files][0] == "grupp-färdigheter.csv"
    assert "sambo-per-person,2,2" in (tmp_path / "grupp-missuppfattningar.csv").read_text(encoding="utf-8")


def test_roles_from_the_store_and_the_deployments_group(group: Store, monkeypatch):
    assert is_supervisor(group, "mh-1") and not is_supervisor(group, "ny-ss-01")
    with pytest.raises(InputError, match="inte metodhandledare"):
        require_supervisor(group, "ny-ss-01")
    monkeypatch.setenv("HANDBOK_METODHANDLEDARE", "mh-2, mh-3")
    assert is_supervisor(group, "mh-3")
    assert may_read(group, "ny-ss-01", "ny-ss-01") and not may_read(group, "ny-ss-01", "ny-ss-02")
    assert may_read(group, "mh-1", "ny-ss-02")


def test_cohort_and_export_commands(group: Store, tmp_path: Path):
    url = group.url

    def run(*args: str) -> subprocess.CompletedProcess:
        return run_toolkit("progress", *args, "--db", url)

    done = run("cohort")
    assert done.returncode == 0, done.stderr
    assert "ny-ss-02" in done.stdout and "sambo-per-person" in done.stdout and "väntar på bedömning: 1" in done.stdout
    done = run("export", "--xlsx", str(tmp_path / "ut.xlsx"))
    assert done.returncode == 0 and (tmp_path / "ut.xlsx").is_file(), done.stderr
    refused = run("signoff", "ny-ss-01", load_programme().weeks[0].id, "--metodhandledare", "ny-ss-02")
    assert refused.returncode == 2 and "inte metodhandledare" in refused.stderr


def test_written_decisions_wait_for_review_beside_plans_also_after_a_rebuild(tmp_path: Path):
    from sqlalchemy import delete

    from toolkit.progress import totals
    from toolkit.progress.backfill import backfill

    store = Store(f"sqlite:///{tmp_path / 'beslut.sqlite'}")
    store.record("ny-ss-01", record("plan/p1", 1, [("planering", True)]))
    store.record("ny-ss-01", record("beslut/b1", 2, [("beslut", True)]))
    store.record("ny-ss-01", record("scenario/s1", 3, [("arbete_först", True)]))
    assert cohort.waiting_for_review(store)["exercise"].tolist() == ["plan/p1", "beslut/b1"]
    # The migration's backfill finds the same work from the attempts alone.
    tables = (totals.SKILL, totals.VARIANT, totals.WEEK, totals.EXERCISE, totals.MISCONCEPTION, totals.QUEUE)
    with store.engine.begin() as connection:
        for table in tables:
            connection.execute(delete(table))
    assert cohort.waiting_for_review(store).empty
    with store.engine.begin() as connection:
        backfill(connection)
    waiting = cohort.waiting_for_review(store)
    assert waiting["exercise"].tolist() == ["plan/p1", "beslut/b1"]
    store.review(int(waiting["attempt"][1]), reviewer="mh-1", grade="Godkänd")
    assert cohort.waiting_for_review(store)["exercise"].tolist() == ["plan/p1"]
