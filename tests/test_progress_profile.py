"""The competence profile measured right: skills credited by line, practice not counted,
mastery levels that grow and fall, and recommendations. Every expected figure is worked by
hand in the comments from the attempts the test records."""

from __future__ import annotations

import pytest

from toolkit.casebank.exercises import load_registry
from toolkit.progress import AttemptRecord, LineResult, Store
from toolkit.progress.recommend import recommendations


def lines(*items: tuple[str, bool]) -> tuple[LineResult, ...]:
    return tuple(LineResult(f"rad-{n}", skill, right) for n, (skill, right) in enumerate(items))


def attempt(exercise: str, case: str, seed: int | None, score: int, max_score: int, found=(), **more) -> AttemptRecord:
    return AttemptRecord(exercise, {}, score, max_score, case_id=case, variant_seed=seed, lines=tuple(found), **more)


@pytest.fixture()
def store() -> Store:
    return Store("sqlite://")


def test_each_skill_is_credited_with_its_own_lines_and_practice_is_not_counted(store: Store):
    rows = [("riksnorm", True), ("riksnorm", True), ("inkomster", False), ("inkomster", True)]
    store.record("ny-ss-10", attempt("bedomning/fall-a", "fall-a", None, 3, 4, lines(*rows)))
    # The same case again after the key was shown: practice, all right, never counted.
    again = [("riksnorm", True), ("riksnorm", True), ("inkomster", True), ("inkomster", True)]
    store.record("ny-ss-10", attempt("bedomning/fall-a", "fall-a", None, 4, 4, lines(*again)))
    store.record(
        "ny-ss-10", attempt("bedomning/fall-b", "fall-b", None, 2, 2, lines(("riksnorm", True), ("inkomster", True)))
    )
    # An attempt stored without lines credits its whole score to its skills, as before.
    store.record("ny-ss-10", attempt("riksnorm/hushall", "hushall", None, 2, 3, skills=("riksnorm",)))
    assert [a.practice for a in store.attempts("ny-ss-10")] == [False, True, False, False]
    profile = store.profile("ny-ss-10")
    riksnorm, inkomster = profile.skills["riksnorm"], profile.skills["inkomster"]
    # riksnorm: fall-a 2/2, fall-b 1/1, hushall 2/3 -> 5 of 6 = 83 %, full marks twice (fall-a, fall-b)
    assert (riksnorm.attempts, riksnorm.score, riksnorm.max_score, riksnorm.full_marks) == (3, 5, 6, 2)
    assert (riksnorm.percent, riksnorm.practice) == (83, 1)
    # inkomster: fall-a 1/2 (the missed line is only inkomster's), fall-b 1/1 -> 2 of 3 = 67 %
    assert (inkomster.attempts, inkomster.score, inkomster.max_score, inkomster.full_marks) == (2, 2, 3, 1)
    assert (inkomster.percent, inkomster.practice) == (67, 1)
    # Levels (mastery.yaml): riksnorm right in two cases -> 2; inkomster right in one -> 1.
    assert (riksnorm.level, inkomster.level) == (2, 1)
    assert profile.attempts == 4


def test_mastery_grows_with_right_new_variants_and_falls_after_an_error(store: Store):
    def on_variant(seed: int, right: bool) -> None:
        store.record("ny-ss-11", attempt("bedomning/fall-a", "fall-a", seed, int(right), 1, lines(("riksnorm", right))))

    levels_seen = []
    for seed, right in [(1, True), (2, True), (3, True), (4, False), (5, True), (6, True)]:
        on_variant(seed, right)
        levels_seen.append(store.profile("ny-ss-11").skills["riksnorm"].level)
    # 1 right variant -> 1; 2 -> 2; 3 and the last two right -> 3; an error -> 2 until two in a row.
    assert levels_seen == [1, 2, 3, 2, 2, 3]
    on_variant(6, True)  # the same variant again is practice: it neither raises nor lowers
    assert store.profile("ny-ss-11").skills["riksnorm"].practice == 1


def test_a_trainee_without_attempts_has_an_empty_profile(store: Store):
    profile = store.profile("ny-ss-12")
    assert (profile.attempts, profile.skills, profile.exercises) == (0, {}, [])


def test_recommendations_name_weak_untried_and_recurring_with_the_next_exercise(store: Store):
    registry = load_registry()
    first_riksnorm = next(e for e in registry.exercises if "riksnorm" in e.skills)
    wrong = lines(("riksnorm", False))
    store.record(
        "ny-ss-13",
        attempt(
            first_riksnorm.record_id, first_riksnorm.target, None, 0, 1, wrong, misconceptions=("sambo-per-person",)
        ),
    )
    store.record("ny-ss-13", attempt("bedomning/annat", "annat", 9, 0, 1, wrong, misconceptions=("sambo-per-person",)))
    found = recommendations(store.profile("ny-ss-13"), registry, {"sambo-per-person": "riksnorm"})
    by_kind = {}
    for item in found:
        by_kind.setdefault(item.kind, []).append(item)
    (weak,) = by_kind["svagast"]
    # riksnorm tried twice, never right: level 1. The first exercise training it is done, so
    # the next is the second that trains it.
    second = [e for e in registry.exercises if "riksnorm" in e.skills][1]
    assert (weak.subject, weak.exercise) == ("riksnorm", second.id)
    untried = {item.subject for item in by_kind["ej_provad"]}
    assert untried == {s for e in registry.exercises for s in e.skills} - {"riksnorm"}
    (recurring,) = by_kind["återkommande"]
    assert (recurring.subject, recurring.reason, recurring.exercise) == ("sambo-per-person", "2 gånger", second.id)


def test_profile_command_shows_levels_practice_and_what_to_do_next(tmp_path):
    import json

    from conftest import run_toolkit

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    store = Store(url)
    for _ in range(2):  # the second is practice
        store.record(
            "ny-ss-14", attempt("bedomning/fall-a", "fall-a", 3, 1, 2, lines(("riksnorm", True), ("inkomster", False)))
        )
    command = ["progress", "profile", "ny-ss-14", "--db", url]
    done = run_toolkit(*command)
    assert done.returncode == 0, done.stderr
    assert "försök efter facit är övning" in done.stdout and "Förslag på vad som ska övas härnäst" in done.stdout
    data = json.loads(run_toolkit(*command, "--json").stdout)
    # One counted attempt: riksnorm 1/1 (level 1), inkomster 0/1 (level 1, the weakest), each with one practice.
    assert (
        data["färdigheter"]["riksnorm"] | {"rätt_procent": 100, "nivå": 1, "övning_efter_facit": 1}
        == data["färdigheter"]["riksnorm"]
    )
    assert data["färdigheter"]["inkomster"]["rätt_procent"] == 0
    assert data["rekommendationer"][0]["vad"] == "inkomster" and data["rekommendationer"][0]["typ"] == "svagast"
