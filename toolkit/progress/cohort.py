"""The method supervisor's view of a group: skills × trainees, progress week by week, the
misconceptions most common in the group, the work waiting for review, the checkpoints signed
off, and export to CSV and Excel. Every table is a pandas DataFrame from an SQL aggregation.

Only counted attempts (the first on a case or variant) are in the figures; practice is not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, String, and_, case, cast, exists, func, literal, select

from ..errors import InputError
from .models import Attempt, AttemptLine, CheckpointSignoff, Review, Trainee

if TYPE_CHECKING:
    import pandas as pd

    from .store import Store

# Work a supervisor grades: the exercises whose attempts wait for a review.
REVIEWED = ("plan/",)


def _read(store: Store, query: Select) -> pd.DataFrame:
    import pandas as pd

    with store.engine.connect() as connection:
        return pd.read_sql(query, connection)


def _in_cohort(query: Select, cohort: str | None) -> Select:
    return query.where(Trainee.cohort == cohort) if cohort else query


def skill_results(store: Store, cohort: str | None = None) -> pd.DataFrame:
    """Per trainee and skill: counted attempts, right and total lines. From the stored lines;
    an attempt without lines credits its score to each tagged skill (read in pandas)."""
    import pandas as pd

    right = func.sum(case((AttemptLine.right, 1), else_=0))
    by_line = (
        select(
            Trainee.pseudonym,
            AttemptLine.skill,
            func.count(func.distinct(Attempt.id)).label("attempts"),
            right.label("right"),
            func.count().label("total"),
        )
        .select_from(Attempt)
        .join(Trainee, Trainee.id == Attempt.trainee_id)
        .join(AttemptLine, AttemptLine.attempt_id == Attempt.id)
        .where(Attempt.practice.is_(False))
        .group_by(Trainee.pseudonym, AttemptLine.skill)
    )
    whole = (
        select(Trainee.pseudonym, Attempt.skills, Attempt.score.label("right"), Attempt.max_score.label("total"))
        .join(Trainee, Trainee.id == Attempt.trainee_id)
        .where(Attempt.practice.is_(False), ~exists().where(AttemptLine.attempt_id == Attempt.id))
    )
    lines = _read(store, _in_cohort(by_line, cohort))
    old = _read(store, _in_cohort(whole, cohort)).explode("skills").dropna(subset=["skills"])
    if len(old):
        old = old.rename(columns={"skills": "skill"}).assign(attempts=1)
        lines = (
            pd.concat([lines, old])
            .groupby(["pseudonym", "skill"], as_index=False)[["attempts", "right", "total"]]
            .sum()
        )
    return lines


def heatmap(store: Store, cohort: str | None = None) -> pd.DataFrame:
    """Skills × trainees: the share of right lines in whole percent (empty where not tried)."""
    results = skill_results(store, cohort)
    if results.empty:
        import pandas as pd

        return pd.DataFrame()
    results["percent"] = (results["right"] * 100 / results["total"].where(results["total"] > 0)).round()
    table = results.pivot(index="skill", columns="pseudonym", values="percent")
    return table.sort_index().sort_index(axis=1)


def _week(store: Store) -> Any:
    if store.engine.dialect.name == "postgresql":
        return func.to_char(Attempt.created, literal('IYYY-"v"IW'))
    return func.strftime("%Y-v%W", Attempt.created)


def progress_over_time(store: Store, cohort: str | None = None) -> pd.DataFrame:
    """Per trainee and week: counted attempts, attempts fully right and their share in percent."""
    week = _week(store).label("week")
    full = func.sum(case((and_(Attempt.score == Attempt.max_score, Attempt.max_score > 0), 1), else_=0))
    query = (
        select(Trainee.pseudonym, week, func.count().label("attempts"), full.label("full_marks"))
        .join(Trainee, Trainee.id == Attempt.trainee_id)
        .where(Attempt.practice.is_(False))
        .group_by(Trainee.pseudonym, week)
        .order_by(Trainee.pseudonym, week)
    )
    frame = _read(store, _in_cohort(query, cohort))
    frame["percent"] = (frame["full_marks"] * 100 / frame["attempts"]).round().astype(int)
    return frame


def common_misconceptions(store: Store, cohort: str | None = None) -> pd.DataFrame:
    """The misconceptions named in the group, most common first: how often, and for how many
    trainees (what to take up at the next group meeting). Practice attempts count here too."""
    named = cast(Attempt.misconceptions, String)
    query = (
        select(Trainee.pseudonym, Attempt.misconceptions)
        .join(Trainee, Trainee.id == Attempt.trainee_id)
        .where(named.notin_(["[]", "null"]))
    )
    frame = _read(store, _in_cohort(query, cohort)).explode("misconceptions").dropna()
    if frame.empty:
        import pandas as pd

        return pd.DataFrame(columns=["misconception", "count", "trainees"])
    grouped = frame.groupby("misconceptions")["pseudonym"]
    out = (
        grouped.agg(count="size", trainees="nunique").reset_index().rename(columns={"misconceptions": "misconception"})
    )
    return out.sort_values(["count", "trainees", "misconception"], ascending=[False, False, True], ignore_index=True)


def waiting_for_review(store: Store, cohort: str | None = None) -> pd.DataFrame:
    """Attempts at work a supervisor grades (plans) that have no review yet, oldest first."""
    query = (
        select(Attempt.id.label("attempt"), Trainee.pseudonym, Attempt.exercise, Attempt.created)
        .join(Trainee, Trainee.id == Attempt.trainee_id)
        .where(
            func.substr(Attempt.exercise, 1, len(REVIEWED[0])).in_(REVIEWED),
            ~exists().where(Review.attempt_id == Attempt.id),
        )
        .order_by(Attempt.created, Attempt.id)
    )
    return _read(store, _in_cohort(query, cohort))


def signoffs(store: Store, cohort: str | None = None) -> pd.DataFrame:
    """Every checkpoint signed off: trainee, checkpoint, supervisor, when and the comment."""
    query = (
        select(
            Trainee.pseudonym,
            CheckpointSignoff.checkpoint,
            CheckpointSignoff.supervisor,
            CheckpointSignoff.created,
            CheckpointSignoff.comment,
        )
        .join(Trainee, Trainee.id == CheckpointSignoff.trainee_id)
        .order_by(Trainee.pseudonym, CheckpointSignoff.created)
    )
    return _read(store, _in_cohort(query, cohort))


SHEETS = {
    "färdigheter": heatmap,
    "veckor": progress_over_time,
    "missuppfattningar": common_misconceptions,
    "att_granska": waiting_for_review,
    "kontrollpunkter": signoffs,
}


def tables(store: Store, cohort: str | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the supervisor's view, by the Swedish name used in exports."""
    return {name: build(store, cohort) for name, build in SHEETS.items()}


def export(store: Store, path: str | Path, cohort: str | None = None) -> list[Path]:
    """Write the view: an .xlsx file with one sheet per table, or for any other name one CSV
    file per table beside it (<name>-<table>.csv). Returns the files written."""
    path = Path(path)
    found = tables(store, cohort)
    for frame in found.values():
        for column in frame.select_dtypes(include=["datetimetz"]).columns:
            frame[column] = frame[column].dt.tz_localize(None)  # Excel keeps no time zone
    try:
        if path.suffix.lower() == ".xlsx":
            import pandas as pd

            with pd.ExcelWriter(path, engine="openpyxl") as writer:
                for name, frame in found.items():
                    frame.to_excel(writer, sheet_name=name, index=name == "färdigheter")
            return [path]
        written = []
        for name, frame in found.items():
            target = path.with_name(f"{path.stem}-{name}.csv")
            frame.to_csv(target, index=name == "färdigheter")
            written.append(target)
        return written
    except OSError as error:
        raise InputError(f"filen kan inte skrivas: {error.strerror}", file=str(path)) from None
