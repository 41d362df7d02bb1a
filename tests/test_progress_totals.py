"""The running totals behind the supervisor's view and the profile: kept at record time they
equal a full replay of the history (the migration's backfill, and a plain replay written here
from the definitions in mastery.yaml), and a database made at schema 0002 is upgraded with
totals that give the figures worked by hand below."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from postgres import postgres  # noqa: F401  (the session's PostgreSQL server)
from totals_check import rebuilt, snapshot

from toolkit.progress import AttemptRecord, LineResult, Store, cohort, migrate
from toolkit.progress.mastery import levels

SKILLS = ["riksnorm", "inkomster", "boende", "planering"]
MISCONCEPTIONS = ["sambo-per-person", "jobbstimulans-glomd"]
EXERCISES = ["bedomning/fall-a", "bedomning/fall-b", "plan/p1", "riksnorm/hushall"]


# PostgreSQL runs in `make test-system` (the suite starts a server).
@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.system)])
def url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'totals.sqlite'}"
    return request.getfixturevalue("postgres")()


def random_history(store: Store, seed: int, count: int) -> None:
    """Attempts with and without lines, repeated tags, missing cases and seeds, repeats that
    are practice, misconceptions, and plans of which some are reviewed."""
    rng = random.Random(seed)
    for _ in range(count):
        exercise = rng.choice(EXERCISES)
        case = rng.choice([None, "", exercise.split("/")[1]])
        variant = rng.choice([None, rng.randrange(3)])
        named = tuple(rng.choice(MISCONCEPTIONS) for _ in range(rng.choice([0, 0, 1, 2])))
        tags = tuple(rng.choice(SKILLS) for _ in range(rng.randrange(3)))
        if rng.random() < 0.3:
            top = rng.randrange(3)
            record = AttemptRecord(exercise, {}, rng.randrange(top + 1), top, case, variant, named, tags)
        else:
            found = tuple(LineResult(f"rad-{n}", rng.choice(SKILLS), rng.random() < 0.7) for n in range(1, 4))
            score = sum(line.right for line in found)
            record = AttemptRecord(exercise, {}, score, 3, case, variant, named, tags, lines=found)
        attempt = store.record(f"ny-ss-{rng.randrange(3)}", record)
        if exercise.startswith("plan/") and rng.random() < 0.5:
            store.review(attempt, reviewer="mh-1", grade="Godkänd")


def replay(store: Store, pseudonym: str) -> dict[str, dict]:
    """The profile's figures per skill, replayed attempt by attempt in the order they were made
    (a plain reading of the rules of the profile and of mastery.yaml)."""
    params = levels()
    skills: dict[str, dict] = {}
    named: dict[str, int] = {}
    for attempt in store.attempts(pseudonym):  # oldest first
        if attempt.lines:
            results: list[tuple[str, int, int]] = []
            for skill in dict.fromkeys(line.skill for line in attempt.lines):
                mine = [line.right for line in attempt.lines if line.skill == skill]
                results.append((skill, sum(mine), len(mine)))
        else:
            results = [(skill, attempt.score, attempt.max_score) for skill in attempt.skills]
        for skill, right, total in results:
            s = skills.setdefault(skill, {"attempts": 0, "score": 0, "max_score": 0, "full": [], "variants": set()})
            s.setdefault("practice", 0)
            if attempt.practice:
                s["practice"] += 1
                continue
            full = right == total and total > 0
            s["attempts"] += 1
            s["score"] += right
            s["max_score"] += total
            s["full"].append(full)
            if full:
                s["variants"].add((attempt.exercise, attempt.case_id, attempt.variant_seed))
        if not attempt.practice:  # misconceptions go to the skills the attempt is tagged with
            for skill in attempt.skills:
                named[skill] = named.get(skill, 0) + len(attempt.misconceptions)
    out = {}
    for skill, s in skills.items():
        level = 0
        for step in sorted(params.levels, key=lambda step: step.level):
            recent = all(s["full"][-params.recent :])
            if (
                s["attempts"] >= step.tried
                and len(s["variants"]) >= step.right_variants
                and (recent or not step.recent_right)
            ):
                level = step.level
        out[skill] = {
            "attempts": s["attempts"],
            "score": s["score"],
            "max_score": s["max_score"],
            "full_marks": sum(s["full"]),
            "practice": s["practice"],
            "level": level,
            "misconceptions": named.get(skill, 0),
        }
    return out


def test_totals_kept_at_record_time_equal_a_full_replay(url: str):
    store = Store(url)
    random_history(store, 15, 160)
    kept = snapshot(store)
    assert kept["skill_total"] and kept["skill_variant"] and kept["review_queue"]
    for n in range(3):
        profile = store.profile(f"ny-ss-{n}")
        found = {
            skill: {
                "attempts": s.attempts,
                "score": s.score,
                "max_score": s.max_score,
                "full_marks": s.full_marks,
                "practice": s.practice,
                "level": s.level,
                "misconceptions": s.misconceptions,
            }
            for skill, s in profile.skills.items()
        }
        assert found == replay(store, f"ny-ss-{n}")
        assert profile.attempts == len(store.attempts(f"ny-ss-{n}"))
    # Levels 2 (distinct variants) and 3 (the run of right attempts at the end) both occur.
    assert {s.level for n in range(3) for s in store.profile(f"ny-ss-{n}").skills.values()} >= {2, 3}
    assert rebuilt(store) == kept


def test_mastery_state_follows_each_attempt_like_a_replay(url: str):
    store = Store(url)
    rng = random.Random(7)
    for n in range(40):
        right = rng.random() < 0.75
        line = (LineResult("norm:p1", "riksnorm", right),)
        store.record(
            "ny-ss-9", AttemptRecord("bedomning/fall-a", {}, int(right), 1, "fall-a", rng.randrange(12), lines=line)
        )
        kept = store.profile("ny-ss-9").skills["riksnorm"].level
        assert kept == replay(store, "ny-ss-9")["riksnorm"]["level"], f"after attempt {n + 1}"


# -- an upgrade from schema 0002 -------------------------------------------------------------------
def at(day: int, hour: int) -> datetime:
    # January 2027: Monday the 11th starts week 02 both by ISO (PostgreSQL) and by SQLite's %W.
    return datetime(2027, 1, day, hour, tzinfo=UTC)


def database_at_0002(url: str) -> None:
    """A database brought to revision 0002 and filled the way that version stored attempts
    (attempt ids from 101, clear of the ids PostgreSQL's sequence gives the attempts after)."""
    from alembic import command

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        config = migrate._config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    meta = sa.MetaData()
    meta.reflect(engine)
    trainee, attempt, line, review = (meta.tables[n] for n in ("trainee", "attempt", "attempt_line", "review"))
    attempts = [
        # id, trainee, exercise, case, seed, score, max, misconceptions, tags, practice, created
        (101, 1, "bedomning/fall-a", "fall-a", 1, 2, 3, ["sambo-per-person"], ["riksnorm", "inkomster"], False, at(11, 10)),
        (102, 1, "bedomning/fall-a", "fall-a", 1, 3, 3, [], ["riksnorm", "inkomster"], True, at(11, 11)),
        (103, 1, "riksnorm/hushall", "hushall", None, 2, 2, ["sambo-per-person", "jobbstimulans-glomd"], ["riksnorm"], False, at(12, 10)),
        (104, 1, "plan/p1", "p1", None, 1, 1, [], ["planering"], False, at(18, 10)),
        (105, 1, "plan/p2", "p2", None, 0, 1, [], ["planering"], False, at(18, 11)),
        (106, 2, "bedomning/fall-a", "fall-a", 2, 1, 2, ["sambo-per-person"], ["riksnorm"], False, at(12, 9)),
    ]  # fmt: skip
    lines = [
        (101, "riksnorm", True), (101, "riksnorm", True), (101, "inkomster", False),
        (102, "riksnorm", True), (102, "riksnorm", True), (102, "inkomster", True),
        (104, "planering", True), (105, "planering", False),
        (106, "riksnorm", False), (106, "inkomster", True),
    ]  # fmt: skip
    with engine.begin() as connection:
        for n in (1, 2):
            connection.execute(trainee.insert().values(id=n, pseudonym=f"ny-ss-0{n}", cohort="vt27", created=at(4, 8)))
        for row in attempts:
            keys = ["id", "trainee_id", "exercise", "case_id", "variant_seed", "score", "max_score"]
            keys += ["misconceptions", "skills", "practice", "created"]
            connection.execute(
                attempt.insert().values(dict(zip(keys, row, strict=True)) | {"answer": {}, "seconds": 60})
            )
        for n, (attempt_id, skill, right) in enumerate(lines):
            connection.execute(line.insert().values(attempt_id=attempt_id, key=f"rad-{n}", skill=skill, right=right))
        connection.execute(
            review.insert().values(attempt_id=104, reviewer="mh-1", grade="Godkänd", comment="", created=at(19, 9))
        )
    engine.dispose()


def figures(profile, skill: str) -> tuple:
    s = profile.skills[skill]
    return (s.attempts, s.score, s.max_score, s.full_marks, s.practice, s.percent, s.level, s.misconceptions)


def test_a_database_at_schema_0002_is_upgraded_with_totals_that_give_the_same_view(url: str):
    database_at_0002(url)
    store = Store(url)
    with store.engine.connect() as connection:
        assert migrate.current(connection) == migrate.head()
    first = store.profile("ny-ss-01")
    # riksnorm: attempt 101 by its lines 2/2, 103 (no lines) its whole score 2/2; 102 repeats
    # 101's variant (practice). Two variants fully right: level 2 (three needed
    # for level 3). Misconceptions in counted attempts tagged riksnorm: 1 + 2.
    assert figures(first, "riksnorm") == (2, 4, 4, 2, 1, 100, 2, 3)
    # inkomster: attempt 101's own line 0/1; level 1 (tried once). Its one misconception: 1.
    assert figures(first, "inkomster") == (1, 0, 1, 0, 1, 0, 1, 1)
    # planering: plan 1 right, plan 2 wrong: 1 of 2, one variant right: level 1.
    assert figures(first, "planering") == (2, 1, 2, 1, 0, 50, 1, 0)
    assert first.attempts == 5 and first.exercises == ["bedomning/fall-a", "plan/p1", "plan/p2", "riksnorm/hushall"]
    assert first.misconceptions == {"sambo-per-person": 2, "jobbstimulans-glomd": 1}
    second = store.profile("ny-ss-02")
    assert figures(second, "riksnorm") == (1, 0, 1, 0, 0, 0, 1, 1)
    assert figures(second, "inkomster") == (1, 1, 1, 1, 0, 100, 1, 0)

    heat = cohort.heatmap(store, "vt27")
    assert heat.loc["riksnorm"].tolist() == [100, 0] and heat.loc["inkomster"].tolist() == [0, 100]
    assert heat.loc["planering", "ny-ss-01"] == 50 and pd.isna(heat.loc["planering", "ny-ss-02"])
    weeks = cohort.progress_over_time(store)
    # Week 02: attempts 101 (2/3) and 103 (2/2) counted, 102 is practice; week 03: the two plans.
    assert weeks.values.tolist() == [
        ["ny-ss-01", "2027-v02", 2, 1, 50],
        ["ny-ss-01", "2027-v03", 2, 1, 50],
        ["ny-ss-02", "2027-v02", 1, 0, 0],
    ]
    named = cohort.common_misconceptions(store)
    assert named.values.tolist() == [["sambo-per-person", 3, 2], ["jobbstimulans-glomd", 1, 1]]
    waiting = cohort.waiting_for_review(store)
    assert waiting[["attempt", "pseudonym", "exercise"]].values.tolist() == [[105, "ny-ss-01", "plan/p2"]]
    when = waiting["created"].iloc[0]  # naive UTC from SQLite, with a time zone from PostgreSQL
    assert (when.tz_convert("UTC") if when.tzinfo else when.tz_localize("UTC")) == at(18, 11)
    assert cohort.heatmap(store, "ht27").empty

    # The totals go on from the backfill: a third variant of riksnorm right, after two right
    # counted attempts, reaches level 3; the old repeat of fall-a/1 is still practice.
    store.record(
        "ny-ss-01", AttemptRecord("bedomning/fall-b", {}, 1, 1, "fall-b", 5, lines=(LineResult("r", "riksnorm", True),))
    )
    store.record(
        "ny-ss-01",
        AttemptRecord("bedomning/fall-a", {}, 0, 1, "fall-a", 1, lines=(LineResult("r", "riksnorm", False),)),
    )
    after = store.profile("ny-ss-01")
    assert figures(after, "riksnorm") == (3, 5, 5, 3, 2, 100, 3, 3)
    store.review(105, reviewer="mh-1", grade="Komplettera")
    assert cohort.waiting_for_review(store).empty
