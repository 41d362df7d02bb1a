"""The store under load and across versions: migrations keep data, concurrent writers and a
killed writer lose nothing, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import toolkit_env
from postgres import postgres  # noqa: F401  (the session's PostgreSQL server)
from totals_check import rebuilt, snapshot

from toolkit.errors import InputError
from toolkit.progress import AttemptRecord, LineResult, NotSavedError, Store, migrate

# The writer every concurrency test runs: open the store when the go-file appears, record N
# attempts (two lines each) under the pseudonym, print each id once it is committed.
WRITER = r"""
import sys, time
from pathlib import Path
from toolkit.progress import AttemptRecord, LineResult, Store
url, pseudonym, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.01)
store = Store(url)
for n in range(count):
    lines = (LineResult("norm:p1", "riksnorm", n % 2 == 0), LineResult("ink:lon", "inkomster", True))
    record = AttemptRecord("bedomning/fall-a", {"n": n}, 1 + n % 2, 2, case_id="fall-a", variant_seed=n, lines=lines)
    print(store.record(pseudonym, record), flush=True)
"""


def start_writers(url: str, names: list[str], count: int, go: Path) -> list[subprocess.Popen]:
    """Writers that are all imported and waiting, so that they open the new database together."""
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, name, str(count), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=toolkit_env(),
        )
        for name in names
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    return writers


# PostgreSQL runs in `make test-system` (the suite starts a server).
@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.system)])
def url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'progress.sqlite'}"
    return request.getfixturevalue("postgres")()


@pytest.mark.system
def test_twenty_writers_at_once_lose_nothing(url: str, tmp_path: Path):
    # Four writers share each pseudonym, so they race to create the same trainee, and all
    # twenty race to create the tables of the new database.
    names = [f"ny-ss-{n % 5}" for n in range(20)]
    go = tmp_path / "go"
    writers = start_writers(url, names, 20, go)
    go.touch()
    ids = []
    for writer in writers:
        out, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err
        ids += [int(line) for line in out.split()]
    assert len(ids) == len(set(ids)) == 400
    store = Store(url)
    stored = store.attempts()
    assert sorted(a.id for a in stored) == sorted(ids)
    assert sorted(t.pseudonym for t in store.trainees()) == [f"ny-ss-{n}" for n in range(5)]
    assert all(len(a.lines) == 2 for a in stored)
    # The running totals the writers kept side by side equal the totals rebuilt from the attempts.
    kept = snapshot(store)
    assert sum(int(row[2]) for row in kept["exercise_total"]) == 400 and rebuilt(store) == kept


@pytest.mark.system
def test_a_writer_killed_mid_run_loses_no_committed_attempt(url: str, tmp_path: Path):
    go = tmp_path / "go"
    (writer,) = start_writers(url, ["ny-ss-kill"], 1000, go)
    go.touch()
    assert writer.stdout is not None
    committed = [int(writer.stdout.readline()) for _ in range(250)]
    writer.send_signal(signal.SIGKILL)
    rest, _ = writer.communicate(timeout=60)
    committed += [int(line) for line in rest.split()]  # printed before the kill landed
    assert writer.returncode == -signal.SIGKILL and len(committed) < 1000
    store = Store(url)
    stored = {a.id: a for a in store.attempts("ny-ss-kill")}
    assert set(committed) <= set(stored)
    assert all(len(stored[n].lines) == 2 for n in committed)
    with store.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert rebuilt(store) == snapshot(store)  # the totals hold exactly the committed attempts
    store.record("ny-ss-kill", AttemptRecord("bedomning/fall-b", {}, 1, 1))  # still writable


# -- migrations -------------------------------------------------------------------------------------
def todays_schema() -> sa.MetaData:
    """The store's tables as the toolkit made them with create_all before migrations existed."""
    meta = sa.MetaData()
    sa.Table(
        "trainee",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("pseudonym", sa.String(40), nullable=False, unique=True, index=True),
        sa.Column("cohort", sa.String(40)),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "attempt",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("trainee_id", sa.Integer, sa.ForeignKey("trainee.id"), nullable=False, index=True),
        sa.Column("exercise", sa.String(80), nullable=False, index=True),
        sa.Column("case_id", sa.String(80)),
        sa.Column("variant_seed", sa.BigInteger),
        sa.Column("answer", sa.JSON, nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("max_score", sa.Integer, nullable=False),
        sa.Column("misconceptions", sa.JSON, nullable=False),
        sa.Column("skills", sa.JSON, nullable=False),
        sa.Column("seconds", sa.Integer),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "review",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempt.id"), nullable=False, index=True),
        sa.Column("reviewer", sa.String(40), nullable=False),
        sa.Column("grade", sa.String(40), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    return meta


def test_a_database_made_by_todays_schema_is_upgraded_with_its_data(url: str):
    meta = todays_schema()
    engine = sa.create_engine(url)
    meta.create_all(engine)
    when = sa.func.now() if engine.dialect.name == "postgresql" else sa.text("'2026-01-05 10:00:00'")
    with engine.begin() as connection:
        connection.execute(meta.tables["trainee"].insert().values(id=1, pseudonym="ny-ss-01", created=when))
        connection.execute(
            meta.tables["attempt"]
            .insert()
            .values(
                id=7,
                trainee_id=1,
                exercise="bedomning/fall-a",
                case_id="fall-a",
                answer={"rader": {"norm:p1": "3910"}},
                score=3,
                max_score=4,
                misconceptions=["sambo-per-person"],
                skills=["riksnorm"],
                created=when,
            )
        )
        connection.execute(
            meta.tables["review"]
            .insert()
            .values(attempt_id=7, reviewer="mh-1", grade="Godkänd", comment="Bra.", created=when)
        )
    engine.dispose()
    store = Store(url)
    (attempt,) = store.attempts("ny-ss-01")
    assert (attempt.id, attempt.score, attempt.max_score, attempt.answer) == (7, 3, 4, {"rader": {"norm:p1": "3910"}})
    assert attempt.misconceptions == ["sambo-per-person"] and attempt.practice is False and attempt.lines == []
    assert [(r.grade, r.comment) for r in store.reviews(7)] == [("Godkänd", "Bra.")]
    with store.engine.connect() as connection:
        assert migrate.current(connection) == migrate.head()
    # The old attempt counts as the first on its case; the new one is practice.
    store.record("ny-ss-01", AttemptRecord("bedomning/fall-a", {}, 4, 4, case_id="fall-a"))
    assert [a.practice for a in store.attempts("ny-ss-01")] == [False, True]


def test_the_initial_revision_is_todays_schema(tmp_path: Path):
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'initial.sqlite'}")
    with engine.begin() as connection:
        config = migrate._config()
        config.attributes["connection"] = connection
        command.upgrade(config, migrate.INITIAL)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), todays_schema())
    assert [d for d in differences if d[0] != "remove_table"] == []


def test_the_newest_revision_is_the_models(tmp_path: Path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from toolkit.progress import Base

    store = Store(f"sqlite:///{tmp_path / 'head.sqlite'}")
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_an_in_memory_store_has_the_schema_alembic_gives_a_file(tmp_path: Path):
    """In-memory stores copy a schema migrated once per process; it must be the migrated one,
    with the same tables, indexes and revision, and each store must start empty."""

    def schema(store: Store) -> list:
        with store.engine.connect() as connection:
            return connection.exec_driver_sql(
                "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
            ).all()

    migrated = Store(f"sqlite:///{tmp_path / 'file.sqlite'}")
    first, second = Store("sqlite://"), Store("sqlite://")
    assert schema(first) == schema(migrated) and len(schema(first)) > 10
    with first.engine.connect() as connection:
        assert migrate.current(connection) == migrate.head()
    first.record("ny-ss-01", AttemptRecord("bedomning/fall-a", {}, 4, 4, case_id="fall-a"))
    assert len(first.attempts("ny-ss-01")) == 1 and second.attempts("ny-ss-01") == []
    assert len(Store("sqlite://").attempts("ny-ss-01")) == 0
    with first.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 'wal.sqlite'}")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == migrate.BUSY_MS


def hold_write_lock(path: Path):
    """Another process's view of the file: a connection holding SQLite's exclusive lock."""
    import sqlite3

    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    return other


def test_opening_a_locked_new_store_tries_again_until_the_lock_is_free(tmp_path: Path, monkeypatch):
    import threading

    monkeypatch.setattr(migrate, "BUSY_MS", 100)  # so that the lock outlasts the busy timeout
    path = tmp_path / "locked.sqlite"
    other = hold_write_lock(path)
    threading.Timer(0.6, other.rollback).start()
    store = Store(f"sqlite:///{path}")
    with store.engine.connect() as connection:
        assert migrate.current(connection) == migrate.head()


def test_a_store_that_stays_locked_says_so_with_the_databases_reason(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(migrate, "BUSY_MS", 50)
    path = tmp_path / "locked.sqlite"
    other = hold_write_lock(path)
    with pytest.raises(InputError, match=r"databasen kan inte nås.*databasens svar: database is locked"):
        Store(f"sqlite:///{path}")
    other.rollback()


def test_an_attempt_that_cannot_be_saved_says_so_in_swedish(tmp_path: Path):
    path = tmp_path / "ro.sqlite"
    store = Store(f"sqlite:///{path}")
    store.record("ny-ss-01", AttemptRecord("bedomning/fall-a", {}, 1, 1))
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE attempt_line")  # the database refuses the lines
    lines = (LineResult("norm:p1", "riksnorm", True),)
    with pytest.raises(NotSavedError, match="kunde inte sparas.*finns kvar"):
        store.record("ny-ss-01", AttemptRecord("bedomning/fall-b", {}, 1, 1, lines=lines))
    with store.engine.connect() as connection:  # nothing half-written
        assert connection.exec_driver_sql("SELECT exercise FROM attempt").scalars().all() == ["bedomning/fall-a"]


def test_the_exercise_tells_the_trainee_when_the_attempt_was_not_saved(rules, tmp_path: Path):
    from misconception_cases import SCENARIOS

    from toolkit.case import parse_case
    from toolkit.exercises import AssessmentExercise

    store = Store(f"sqlite:///{tmp_path / 'broken.sqlite'}")
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE attempt")  # the database refuses every attempt
    case = parse_case(SCENARIOS[0].case, rules=rules)
    exercise = AssessmentExercise(case, rules=rules, store=store, pseudonym="ny-ss-07")
    exercise.fill(exercise.right_answer())
    exercise.check_button.click()
    assert exercise.attempt_id is None
    assert "Försöket kunde inte sparas" in exercise.status.value and "finns kvar" in exercise.status.value
    assert "✓" in exercise.verdicts[exercise.rows[0].key].value  # the result is still shown
