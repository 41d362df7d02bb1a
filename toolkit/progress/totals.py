"""Running totals behind the supervisor's view and the competence profile, kept in the same
transaction as each attempt (add) and rebuilt from the stored attempts by migration 0003 and
the benchmark (backfill). Both paths credit an attempt the same way:

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
    Connection,
    DateTime,
    Integer,
    String,
    Table,
    and_,
    case,
    cast,
    delete,
    exists,
    func,
    literal,
    literal_column,
    null,
    select,
    true,
    union_all,
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

# Work a supervisor grades: the exercises whose attempts wait for a review.
REVIEWED = ("plan/",)
SEP = "\x1f"  # between the parts of a variant key; never in an exercise or case id


def variant_key(exercise: str, case_id: str | None, seed: int | None) -> str:
    """One string per (exercise, case, variant), telling a missing case or seed from an empty one."""
    return SEP.join((exercise, "" if case_id is None else "=" + case_id, "" if seed is None else str(seed)))


def _variant_key_sql(exercise: Any, case_id: Any, seed: Any) -> Any:
    """variant_key in SQL: the same string for the same attempt."""
    return (
        exercise
        + literal(SEP)
        + func.coalesce(literal("=") + case_id, literal(""))
        + literal(SEP)
        + func.coalesce(cast(seed, String), literal(""))
    )


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


# -- backfill: the same totals from the stored attempts, in SQL ------------------------------------
def _elements(dialect: str, column: Any) -> Any:
    """The elements of a JSON array column as rows with the column `value` (none for a non-array)."""
    if dialect == "postgresql":
        array = case((func.json_typeof(column) == "array", column), else_=cast(literal("[]"), column.type))
        return func.json_array_elements_text(array).table_valued("value").render_derived()
    return func.json_each(case((func.json_type(column) == "array", column), else_=literal("[]"))).table_valued("value")


def _array_length(dialect: str, column: Any) -> Any:
    typeof = func.json_typeof if dialect == "postgresql" else func.json_type
    return case((typeof(column) == "array", func.json_array_length(column)), else_=0)


def _zeros(count: int) -> list[Any]:
    return [literal(0, Integer).label(f"zero_{n}") for n in range(count)]


def backfill(connection: Connection) -> None:
    """Fill the empty totals tables from every stored attempt (migration 0003, the benchmark)."""
    dialect = connection.dialect.name
    a, line = ATTEMPT.c, LINE.c
    attempt_columns = [a.trainee_id, a.practice, a.created, a.exercise, a.case_id, a.variant_seed]
    lined = (
        select(
            a.id.label("attempt_id"),
            line.skill.label("skill"),
            func.sum(case((line.right, 1), else_=0)).label("right"),
            func.count().label("total"),
            *attempt_columns,
        )
        .join(LINE, line.attempt_id == a.id)
        .group_by(a.id, line.skill)
    )
    tags = _elements(dialect, a.skills)
    lineless = (
        select(
            a.id.label("attempt_id"),
            cast(tags.c.value, String).label("skill"),
            a.score.label("right"),
            a.max_score.label("total"),
            *attempt_columns,
        )
        .select_from(ATTEMPT)
        .join(tags, true())
        .where(tags.c.value.is_not(None), ~exists().where(line.attempt_id == a.id))
    )
    results = union_all(lined, lineless).subquery("results")
    r = results.c
    counted = case((r.practice, 0), else_=1)
    full = case((and_(r.right == r.total, r.total > 0), 1), else_=0)
    ranked = select(
        r.trainee_id,
        r.skill,
        counted.label("counted"),
        full.label("full"),
        r.right,
        r.total,
        r.created,
        func.row_number()
        .over(partition_by=[r.trainee_id, r.skill, r.practice], order_by=[r.created.desc(), r.attempt_id.desc()])
        .label("place"),
    ).subquery("ranked")
    k = ranked.c
    first_wrong = func.min(case((and_(k.counted == 1, k.full == 0), k.place)))
    none = cast(null(), DateTime(timezone=True))
    skills = select(
        k.trainee_id,
        k.skill,
        func.sum(k.counted).label("attempts"),
        func.sum(k.counted * k.right).label("score"),
        func.sum(k.counted * k.total).label("max_score"),
        func.sum(k.counted * k.full).label("full_marks"),
        literal(0, Integer).label("right_variants"),
        func.coalesce(first_wrong - 1, func.sum(k.counted)).label("streak"),
        func.sum(1 - k.counted).label("practice"),
        literal(0, Integer).label("misconceptions"),
        func.max(case((k.counted == 1, k.created), else_=none)).label("last"),
    ).group_by(k.trainee_id, k.skill)
    variant = _variant_key_sql(r.exercise, r.case_id, r.variant_seed)
    variants = (
        select(r.trainee_id, r.skill, variant)
        .where(~r.practice, r.right == r.total, r.total > 0)
        .group_by(r.trainee_id, r.skill, variant)
    )
    connection.execute(VARIANT.insert().from_select(["trainee_id", "skill", "variant"], variants))
    v = VARIANT.c
    by_variant = select(v.trainee_id, v.skill, *_zeros(4), func.count(), *_zeros(3), none).group_by(
        v.trainee_id, v.skill
    )
    tags = _elements(dialect, a.skills)
    by_tag = (
        select(
            a.trainee_id,
            cast(tags.c.value, String),
            *_zeros(7),
            func.sum(_array_length(dialect, a.misconceptions)),
            none,
        )
        .select_from(ATTEMPT)
        .join(tags, true())
        .where(tags.c.value.is_not(None), ~a.practice)
        .group_by(a.trainee_id, tags.c.value)
    )
    parts = union_all(skills, by_variant, by_tag).subquery("parts")
    p = parts.c
    names = ["trainee_id", "skill", "attempts", "score", "max_score", "full_marks", "right_variants", "streak"]
    names += ["practice", "misconceptions", "last"]
    summed = [func.sum(getattr(p, name)) for name in names[2:-1]]
    merged = select(p.trainee_id, p.skill, *summed, func.max(p.last)).group_by(p.trainee_id, p.skill)
    connection.execute(SKILL.insert().from_select(names, merged))

    week = week_of(dialect, a.created)
    whole = case((and_(a.score == a.max_score, a.max_score > 0), 1), else_=0)
    weeks = select(a.trainee_id, week, func.count(), func.sum(whole)).where(~a.practice).group_by(a.trainee_id, week)
    connection.execute(WEEK.insert().from_select(["trainee_id", "week", "attempts", "full_marks"], weeks))
    named = _elements(dialect, a.misconceptions)
    misconceptions = (
        select(a.trainee_id, cast(named.c.value, String), func.count())
        .select_from(ATTEMPT)
        .join(named, true())
        .where(named.c.value.is_not(None))
        .group_by(a.trainee_id, named.c.value)
    )
    connection.execute(MISCONCEPTION.insert().from_select(["trainee_id", "misconception", "count"], misconceptions))
    exercises = select(a.trainee_id, a.exercise, func.count()).group_by(a.trainee_id, a.exercise)
    connection.execute(EXERCISE.insert().from_select(["trainee_id", "exercise", "attempts"], exercises))
    prefix = func.substr(a.exercise, 1, len(REVIEWED[0]))
    waiting = select(a.id, a.trainee_id, a.exercise, a.created).where(
        prefix.in_(REVIEWED), ~exists().where(REVIEW.c.attempt_id == a.id)
    )
    connection.execute(QUEUE.insert().from_select(["attempt_id", "trainee_id", "exercise", "created"], waiting))
