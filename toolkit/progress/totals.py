"""Running totals behind the supervisor's view and the competence profile, kept in the same
transaction as each attempt (add) and rebuilt from the stored attempts by migration 0003 and
the benchmark (toolkit.progress.backfill). Both paths credit an attempt the same way:

- with per-line results, each skill gets its own lines (right out of total);
- without, each skill tagged on the attempt gets the attempt's whole score;
- a skill's result is fully right when every line is right (and there is at least one line);
- only counted attempts (not practice) raise the figures; practice is counted apart.

The mastery state per skill (distinct variants fully right, the run of fully right counted
attempts at the end) depends on the order of attempts; `add` runs while the trainee's attempts
are serialised (SQLite's write lock, a row lock on the trainee in PostgreSQL), so it equals a
replay of the history in the order (created, id).
"""

from __future__ import annotations

import typing
from collections import Counter
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    Table,
    and_,
    case,
    delete,
    func,
    literal,
    literal_column,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .models import (
    Attempt,
    AttemptLine,
    AttemptRecord,
    ExerciseTotal,
    MisconceptionTotal,
    Review,
    ReviewQueue,
    SkillTotal,
    SkillVariant,
    WeekTotal,
)

# The tables, typed as tables for the statements below.
ATTEMPT, LINE, REVIEW = (
    typing.cast(Table, Attempt.__table__),
    typing.cast(Table, AttemptLine.__table__),
    typing.cast(Table, Review.__table__),
)
SKILL, VARIANT = typing.cast(Table, SkillTotal.__table__), typing.cast(Table, SkillVariant.__table__)
WEEK, EXERCISE = typing.cast(Table, WeekTotal.__table__), typing.cast(Table, ExerciseTotal.__table__)
MISCONCEPTION, QUEUE = typing.cast(Table, MisconceptionTotal.__table__), typing.cast(Table, ReviewQueue.__table__)

# Work a supervisor grades: the exercises whose attempts wait for a review (plans and written
# decisions, the exercises whose text a rubric checks only in part).
REVIEWED = ("plan/", "beslut/")
SEP = "\x1f"  # between the parts of a variant key; never in an exercise or case id


def variant_key(exercise: str, case_id: str | None, seed: int | None) -> str:
    """One string per (exercise, case, variant), telling a missing case or seed from an empty one."""
    return SEP.join((exercise, "" if case_id is None else "=" + case_id, "" if seed is None else str(seed)))


def week_of(dialect: str, created: Any) -> Any:
    """The week an attempt falls in, as the view shows it (2026-v02)."""
    if dialect == "postgresql":
        return func.to_char(created, literal_column("'IYYY-\"v\"IW'"))
    return func.strftime(literal_column("'%Y-v%W'"), created)


def _full(right: int, total: int) -> bool:
    return right == total and total > 0


def _results(record: AttemptRecord) -> dict[str, list[tuple[int, int]]]:
    """Per skill the attempt's results (right, total): one per skill from the lines, or the
    whole score once per tag when the attempt has no lines."""
    if record.lines:
        per: dict[str, tuple[int, int]] = {}
        for line in record.lines:
            right, total = per.get(line.skill[:60], (0, 0))
            per[line.skill[:60]] = (right + int(line.right), total + 1)
        return {skill: [found] for skill, found in per.items()}
    out: dict[str, list[tuple[int, int]]] = {}
    for skill in record.skills:
        out.setdefault(skill, []).append((record.score, record.max_score))
    return out


def _upsert(session: Session, table: Table, keys: dict[str, Any], values: dict[str, Any], changes: Any) -> None:
    """Insert the row, or when it exists apply changes(new) where `new` holds the values: one
    atomic statement on SQLite and PostgreSQL, so concurrent writers never lose an update."""
    dialect = session.get_bind().dialect.name
    row = keys | values
    if dialect in ("sqlite", "postgresql"):
        make = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = make(table).values(row)
        session.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=changes(statement.excluded)))
        return
    new = SimpleNamespace(**{name: literal(value, table.c[name].type) for name, value in row.items()})
    where = and_(*(table.c[name] == value for name, value in keys.items()))
    if not session.execute(update(table).where(where).values(changes(new))).rowcount:  # type: ignore[attr-defined]
        session.execute(table.insert().values(row))


def _insert_new(session: Session, table: Table, row: dict[str, Any]) -> bool:
    """Insert the row unless it is there; True when it was new."""
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        make = postgresql.insert if dialect == "postgresql" else sqlite.insert
        done = session.execute(make(table).values(row).on_conflict_do_nothing())
        return bool(done.rowcount)  # type: ignore[attr-defined]
    where = and_(*(table.c[name] == value for name, value in row.items()))
    if session.scalar(select(func.count()).select_from(table).where(where)):
        return False
    session.execute(table.insert().values(row))
    return True


def add(session: Session, attempt: Attempt, record: AttemptRecord) -> None:
    """Add one stored attempt (flushed, with its id, created and practice flag) to the totals."""
    trainee, counted, created = attempt.trainee_id, not attempt.practice, attempt.created
    results = _results(record)
    named = len(record.misconceptions)
    per_tag = Counter(record.skills) if counted else Counter()
    key = variant_key(record.exercise, record.case_id, record.variant_seed)
    for name in sorted(set(results) | set(per_tag)):
        found = results.get(name, [])
        full = [_full(right, total) for right, total in found]
        streak = next((n for n, ok in enumerate(reversed(full)) if not ok), len(full))  # fully right at the end
        new_variant = counted and any(full) and _insert_new(session, VARIANT, _row(trainee, name, key))
        values = {
            "attempts": len(found) if counted else 0,
            "score": sum(r for r, _ in found) if counted else 0,
            "max_score": sum(t for _, t in found) if counted else 0,
            "full_marks": sum(full) if counted else 0,
            "right_variants": int(new_variant),
            "streak": streak if counted else 0,
            "practice": 0 if counted else len(found),
            "misconceptions": per_tag[name] * named,
            "last": created if counted and found else None,
        }
        _upsert(session, SKILL, {"trainee_id": trainee, "skill": name}, values, _skill_changes(SKILL))
    if counted:
        week = session.scalar(
            select(week_of(session.get_bind().dialect.name, Attempt.created)).where(Attempt.id == attempt.id)
        )
        _upsert(
            session,
            WEEK,
            {"trainee_id": trainee, "week": week},
            {"attempts": 1, "full_marks": int(_full(record.score, record.max_score))},
            _adding(WEEK, "attempts", "full_marks"),
        )
    for misconception, count in Counter(record.misconceptions).items():
        _upsert(
            session,
            MISCONCEPTION,
            {"trainee_id": trainee, "misconception": misconception},
            {"count": count},
            _adding(MISCONCEPTION, "count"),
        )
    _upsert(
        session,
        EXERCISE,
        {"trainee_id": trainee, "exercise": record.exercise},
        {"attempts": 1},
        _adding(EXERCISE, "attempts"),
    )
    if record.exercise.startswith(REVIEWED):
        session.execute(
            QUEUE.insert().values(attempt_id=attempt.id, trainee_id=trainee, exercise=record.exercise, created=created)
        )


def _row(trainee: int, skill: str, variant: str) -> dict[str, Any]:
    return {"trainee_id": trainee, "skill": skill, "variant": variant}


def _adding(table: Table, *columns: str) -> Any:
    return lambda new: {name: table.c[name] + getattr(new, name) for name in columns}


def _skill_changes(table: Table) -> Any:
    c = table.c

    def changes(new: Any) -> dict[str, Any]:
        out = _adding(table, "attempts", "score", "max_score", "full_marks", "right_variants", "practice")(new)
        out["misconceptions"] = c.misconceptions + new.misconceptions
        # A run of fully right attempts grows; any counted attempt not fully right restarts it.
        out["streak"] = case((new.full_marks == new.attempts, c.streak + new.streak), else_=new.streak)
        later = and_(new.last.is_not(None), (c.last.is_(None)) | (new.last > c.last))
        out["last"] = case((later, new.last), else_=c.last)
        return out

    return changes


def reviewed(session: Session, attempt_id: int) -> None:
    """An attempt got a review: it no longer waits in the queue."""
    session.execute(delete(ReviewQueue).where(ReviewQueue.attempt_id == attempt_id))
