"""Opening the store's database: the engine (WAL and a busy timeout on SQLite) and the schema
brought to the newest Alembic revision, safely when many processes open it at once."""

from __future__ import annotations

import random
import threading
import time
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool

MIGRATIONS = str(Path(__file__).with_name("migrations"))  # package data: an installed package migrates too
BUSY_MS = 30_000  # a writer waits this long for another's lock before it gives up
PG_LOCK = 0x68616E64  # the advisory lock key that serialises migrations on PostgreSQL
INITIAL = "0001"
LOCKED_TRIES = 5  # SQLite can refuse at once, busy timeout or not (below)


def make_engine(url: str) -> Engine:
    """An engine for the address. SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE, so that
    concurrent writers queue for the lock instead of failing half-way."""
    if url in ("sqlite://", "sqlite:///:memory:"):
        # One shared connection, or every session would see a new, empty database.
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    elif url.startswith("sqlite"):
        if url.startswith("sqlite:///"):
            # The default file lies in the user's data folder, which may not exist yet.
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_MS / 1000})
    else:
        return create_engine(url, pool_pre_ping=True)
    memory = engine.url.database in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        if not memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")  # durable in WAL mode across a process crash
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # Take the write lock at the start: a deferred transaction that reads and then writes
        # fails at once when another process wrote in between, whatever the busy timeout.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@cache
def head() -> str:
    """The newest revision in the migrations."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def _config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    return config


def current(connection: Connection) -> str | None:
    """The revision the database is at; None for an empty database, INITIAL for one that an
    earlier version made with create_all (its tables but no alembic_version)."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" in tables:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return INITIAL if "attempt" in tables else None


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest revision; a no-op when it is there. The migration runs
    in one transaction holding a lock (SQLite's write lock, PostgreSQL's advisory lock), so the
    processes that open a new database together migrate it once."""
    for attempt in range(LOCKED_TRIES):
        try:
            return _upgrade(engine)
        except OperationalError as error:
            # SQLite answers "database is locked" without waiting for the busy timeout when
            # waiting could deadlock, e.g. when many processes switch a new file to WAL at once:
            # try again a moment later.
            if engine.dialect.name != "sqlite" or not _locked(error) or attempt == LOCKED_TRIES - 1:
                raise
            engine.dispose()
            time.sleep(random.uniform(0.05, 0.25) * (attempt + 1))


def _in_memory(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite" and engine.url.database in (None, "", ":memory:")


def _copy_schema(engine: Engine, wanted: str) -> None:
    """A new in-memory database (each exercise's self-test and many tests open one) gets the
    schema copied from one that Alembic migrated once per process: Alembic takes 80 ms each time."""
    with engine.connect() as connection:
        found = current(connection)
        connection.rollback()  # the copy needs the target outside a transaction
        if found is not None:
            return _run_alembic(engine, wanted)
        target = connection.connection.dbapi_connection
        assert target is not None
        with _TEMPLATE_LOCK:
            _memory_template()[1].backup(target)


_TEMPLATE_LOCK = threading.Lock()


@cache
def _memory_template() -> tuple[Engine, Any]:
    """An engine on an empty in-memory database migrated to the newest revision, and its one
    sqlite3 connection (the engine is kept so that the connection stays open)."""
    engine = make_engine("sqlite://")
    _run_alembic(engine, head())
    return engine, engine.raw_connection().dbapi_connection


def _locked(error: OperationalError) -> bool:
    reason = str(error.orig).lower()
    return "locked" in reason or "busy" in reason


def _upgrade(engine: Engine) -> None:
    wanted = head()
    if _in_memory(engine):
        return _copy_schema(engine, wanted)
    with engine.connect() as connection:
        if current(connection) == wanted:
            return
    _run_alembic(engine, wanted)


def _run_alembic(engine: Engine, wanted: str) -> None:
    from alembic import command

    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK})
        elif connection.dialect.name == "sqlite":
            # BEGIN IMMEDIATE holds the lock; make sure the transaction has begun.
            connection.execute(text("SELECT 1"))
        found = current(connection)
        if found == wanted:
            return
        config = _config()
        config.attributes["connection"] = connection
        if found == INITIAL and "alembic_version" not in inspect(connection).get_table_names():
            command.stamp(config, INITIAL)
        command.upgrade(config, "head")
