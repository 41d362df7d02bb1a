"""The running totals (toolkit.progress.totals) filled from every stored attempt in a few SQL
statements: migration 0003 runs it on an existing database, the benchmark on its bulk-loaded
store. It credits attempts exactly as totals.add does, attempt by attempt; the mastery state
(the run of fully right attempts at the end) comes from a window over (created, id).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    Integer,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
)

from .totals import (
    ATTEMPT,
    EXERCISE,
    LINE,
    MISCONCEPTION,
    QUEUE,
    REVIEW,
    REVIEWED,
    SEP,
    SKILL,
    VARIANT,
    WEEK,
    week_of,
)


def variant_key_sql(exercise: Any, case_id: Any, seed: Any) -> Any:
    """variant_key in SQL: the same string for the same attempt."""
    return (
        exercise
        + literal(SEP)
        + func.coalesce(literal("=") + case_id, literal(""))
        + literal(SEP)
        + func.coalesce(cast(seed, String), literal(""))
    )


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
    variant = variant_key_sql(r.exercise, r.case_id, r.variant_seed)
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
    reviewed = or_(*(func.substr(a.exercise, 1, len(prefix)) == prefix for prefix in REVIEWED))
    waiting = select(a.id, a.trainee_id, a.exercise, a.created).where(
        reviewed, ~exists().where(REVIEW.c.attempt_id == a.id)
    )
    connection.execute(QUEUE.insert().from_select(["attempt_id", "trainee_id", "exercise", "created"], waiting))
