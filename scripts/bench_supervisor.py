"""Benchmark of the method supervisor's tools: the whole supervisor view (every table of
toolkit.progress.cohort) over 2 million attempts by 200 trainees (goal at most 2 s) and one
trainee's competence profile (goal at most 100 ms). Prints the median of repeated runs.

    .venv/bin/python scripts/bench_supervisor.py [--attempts N] [--trainees N] [--db URL]

The synthetic store is built once in the temporary folder (or at --db) and reused.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from toolkit.progress import Attempt, AttemptLine, Store, Trainee, cohort
from toolkit.progress.backfill import backfill

SKILLS = ["riksnorm", "inkomster", "boende", "arbete_först", "kontroll", "planering", "tillgångar", "jobbstimulans"]
MISCONCEPTIONS = ["sambo-per-person", "jobbstimulans-glomd", "kontroll-fel-manader", "barnbidrag-glomt"]
EXERCISES = [f"bedomning/fall-{n:02d}" for n in range(30)] + [f"plan/plan-{n:02d}" for n in range(5)]
CHUNK = 50_000


def build(store: Store, attempts: int, trainees: int) -> None:
    """Fill an empty store: attempts spread over 26 weeks, two lines each, every fifth with a
    misconception, first attempts counted and repeats marked as practice. The rows go in by
    bulk insert, so the running totals are then filled the way migration 0003 fills them."""
    rng = random.Random(20261129)
    start = datetime(2026, 1, 5, tzinfo=UTC)
    with store.engine.begin() as connection:
        connection.execute(
            insert(Trainee),
            [{"pseudonym": f"ny-ss-{n:03d}", "cohort": "vt26", "created": start} for n in range(trainees)],
        )
        ids = dict(connection.execute(select(Trainee.pseudonym, Trainee.id)).all())
    trainee_ids = list(ids.values())
    seen: set[tuple[int, str, int]] = set()
    for first in range(0, attempts, CHUNK):
        rows, lines = [], []
        for n in range(first, min(first + CHUNK, attempts)):
            trainee = trainee_ids[n % trainees]
            exercise = rng.choice(EXERCISES)
            seed = rng.randrange(40)
            skills = rng.sample(SKILLS, 2)
            right = [rng.random() < 0.7, rng.random() < 0.7]
            key = (trainee, exercise, seed)
            rows.append(
                {
                    "id": n + 1,
                    "trainee_id": trainee,
                    "exercise": exercise,
                    "case_id": exercise.split("/")[1],
                    "variant_seed": seed,
                    "answer": {},
                    "score": sum(right),
                    "max_score": 2,
                    "misconceptions": [rng.choice(MISCONCEPTIONS)] if n % 5 == 0 else [],
                    "skills": skills,
                    "seconds": 60,
                    "created": start + timedelta(seconds=n * 7),
                    "practice": key in seen,
                }
            )
            seen.add(key)
            lines += [{"attempt_id": n + 1, "key": f"rad-{k}", "skill": skills[k], "right": right[k]} for k in range(2)]
        with store.engine.begin() as connection:
            connection.execute(insert(Attempt), rows)
            connection.execute(insert(AttemptLine), lines)
        print(f"  {first + len(rows)} försök", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    with store.engine.begin() as connection:
        backfill(connection)


def median_ms(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def measure(attempts: int, trainees: int, runs: int = 5, url: str | None = None) -> dict:
    """Median times of the whole view and of one profile over a store of this size (built once)."""
    default = Path(tempfile.gettempdir()) / f"handbok-bench-supervisor-{attempts}-{trainees}.sqlite"
    store = Store(url or f"sqlite:///{default}")
    with store.engine.connect() as connection:
        stored = connection.scalar(select(func.count()).select_from(Attempt))
    if not stored:
        began = time.perf_counter()
        build(store, attempts, trainees)
        print(f"Byggde {attempts} försök på {time.perf_counter() - began:.0f} s", file=sys.stderr)
    view = median_ms(lambda: cohort.tables(store), runs)
    profile = median_ms(lambda: store.profile("ny-ss-007"), max(runs, 11))
    return {
        "attempts": stored or attempts,
        "trainees": trainees,
        "supervisor_view_ms": round(view),
        "profile_ms": round(profile, 1),
        "goal_view_ms": 2000,
        "goal_profile_ms": 100,
    }


def bench_supervisor() -> list[dict]:
    """The rows for make bench: 2 million attempts by 200 trainees."""
    found = measure(2_000_000, 200)
    return [
        {
            "mätning": "Metodhandledarens vy (alla tabeller), 2 000 000 försök, 200 nyanställda (median av 5)",
            "värde": found["supervisor_view_ms"],
            "enhet": "ms",
            "mål": "≤ 2000 ms",
        },
        {
            "mätning": "En nyanställds kompetensprofil i samma databas (median av 11)",
            "värde": found["profile_ms"],
            "enhet": "ms",
            "mål": "≤ 100 ms",
        },
    ]


BENCHMARKS = [bench_supervisor]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=2_000_000)
    parser.add_argument("--trainees", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="SQLAlchemy URL (default: an SQLite file in the temporary folder)")
    args = parser.parse_args()
    result = measure(args.attempts, args.trainees, args.runs, args.db)
    print(json.dumps(result))
    view, profile = result["supervisor_view_ms"], result["profile_ms"]
    print(f"Metodhandledarens vy: {view} ms (mål 2000 ms); en profil: {profile} ms (mål 100 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
