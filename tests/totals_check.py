"""Checks of the running totals (toolkit.progress.totals) shared by the store's tests: the
totals as stored, and the same totals rebuilt from the attempts by the migration's backfill."""

from __future__ import annotations

from sqlalchemy import delete, select

from toolkit.progress import Store
from toolkit.progress.backfill import backfill
from toolkit.progress.models import (
    ExerciseTotal,
    MisconceptionTotal,
    ReviewQueue,
    SkillTotal,
    SkillVariant,
    WeekTotal,
)

TABLES = (SkillTotal, SkillVariant, WeekTotal, MisconceptionTotal, ExerciseTotal, ReviewQueue)


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every row of every totals table, sorted (timestamps as text, so that both databases'
    values compare alike)."""
    out = {}
    with store.engine.connect() as connection:
        for model in TABLES:
            table = model.__table__
            rows = connection.execute(select(table)).all()
            out[table.name] = sorted(tuple(str(v) if v is not None else "" for v in row) for row in rows)
    return out


def rebuilt(store: Store) -> dict[str, list[tuple]]:
    """The totals emptied and filled again from the stored attempts (the backfill of 0003)."""
    with store.engine.begin() as connection:
        for model in TABLES:
            connection.execute(delete(model))
        backfill(connection)
    return snapshot(store)
