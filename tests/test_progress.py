"""The progress store: attempts, reviews, the competence profile and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_toolkit

from toolkit.errors import InputError
from toolkit.progress import AttemptRecord, Store


def record(
    score: int,
    max_score: int,
    *,
    exercise: str = "bedomning/fall-a",
    skills=("riksnorm",),
    misconceptions=(),
    seed=None,
) -> AttemptRecord:
    return AttemptRecord(
        exercise=exercise,
        answer={"rader": {"norm:p1": "3910"}},
        score=score,
        max_score=max_score,
        case_id=exercise.split("/")[-1],
        variant_seed=seed,
        misconceptions=tuple(misconceptions),
        skills=tuple(skills),
        seconds=42,
    )


def test_in_memory_store_keeps_attempts_between_sessions():
    store = Store("sqlite://")
    first = store.record("ny-ss-07", record(3, 5, seed=17))
    second = store.record("ny-ss-07", record(5, 5))
    assert second > first
    attempts = store.attempts("ny-ss-07")
    assert [(a.score, a.max_score, a.variant_seed, a.seconds) for a in attempts] == [(3, 5, 17, 42), (5, 5, None, 42)]
    assert attempts[0].answer == {"rader": {"norm:p1": "3910"}}
    assert attempts[0].trainee.pseudonym == "ny-ss-07"


def test_sqlite_file_by_url(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'progress.sqlite'}"
    Store(url).record("ny-ss-01", record(1, 2))
    assert [a.score for a in Store(url).attempts("ny-ss-01")] == [1]


def test_environment_chooses_the_database(tmp_path: Path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'env.sqlite'}"
    monkeypatch.setenv("HANDBOK_DB", url)
    assert Store().url == url


def test_reviews_stay_with_their_attempt():
    store = Store("sqlite://")
    attempt = store.record("ny-ss-02", record(4, 4, exercise="plan/plan-01"))
    review = store.review(attempt, reviewer="mh-1", grade="godkänd", comment="Tydliga mål.")
    assert [(r.id, r.grade, r.comment, r.reviewer) for r in store.reviews(attempt)] == [
        (review, "godkänd", "Tydliga mål.", "mh-1")
    ]
    with pytest.raises(InputError, match="finns inte"):
        store.review(attempt + 99, reviewer="mh-1", grade="godkänd")
    with pytest.raises(InputError, match="tomt"):
        store.review(attempt, reviewer="mh-1", grade=" ")


@pytest.mark.parametrize("name", ["Anna Svensson", "a", "x" * 41, "ny/ss", ""])
def test_pseudonym_that_looks_like_a_name_or_is_malformed_is_refused(name):
    with pytest.raises(InputError, match="pseudonymen"):
        Store("sqlite://").record(name, record(1, 1))


def test_profile_per_skill_and_misconception():
    store = Store("sqlite://")
    store.record(
        "ny-ss-03", record(3, 4, skills=("riksnorm", "jobbstimulans"), misconceptions=("jobbstimulans-glomd",))
    )
    store.record("ny-ss-03", record(4, 4, exercise="bedomning/fall-b", skills=("riksnorm",)))
    store.record(
        "ny-ss-03",
        record(
            1,
            4,
            exercise="kontroll/k1",
            skills=("kontroll",),
            misconceptions=("kontroll-fel-manader", "jobbstimulans-glomd"),
        ),
    )
    store.record("ny-ss-04", record(0, 4, skills=("riksnorm",), misconceptions=("sambo-per-person",)))
    profile = store.profile("ny-ss-03")
    assert profile.attempts == 3
    assert profile.exercises == ["bedomning/fall-a", "bedomning/fall-b", "kontroll/k1"]
    riksnorm = profile.skills["riksnorm"]
    assert (riksnorm.attempts, riksnorm.score, riksnorm.max_score, riksnorm.full_marks) == (2, 7, 8, 1)
    assert riksnorm.percent == 88  # 7 of 8, rounded half up
    assert profile.skills["kontroll"].percent == 25
    assert profile.misconceptions == {"jobbstimulans-glomd": 2, "kontroll-fel-manader": 1}
    assert "sambo-per-person" not in profile.misconceptions  # another trainee's


def test_profile_command_prints_swedish_table(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    store = Store(url)
    store.record("ny-ss-05", record(2, 4, misconceptions=("sambo-per-person",)))
    command = ["progress", "profile", "ny-ss-05", "--db", url]
    done = run_toolkit(*command)
    assert done.returncode == 0, done.stderr
    assert "Kompetensprofil för ny-ss-05" in done.stdout and "riksnorm" in done.stdout and "50 %" in done.stdout
    assert "Sambornas belopp taget för var och en" in done.stdout
    done = run_toolkit(*command, "--json")
    data = json.loads(done.stdout)
    assert data["färdigheter"]["riksnorm"]["rätt_procent"] == 50
    listing = run_toolkit("progress", "attempts", "--db", url)
    assert "ny-ss-05" in listing.stdout and "2/4" in listing.stdout
    bad = run_toolkit("progress", "profile", "Anna Svensson", "--db", url)
    assert bad.returncode == 2 and "pseudonymen" in bad.stderr
