"""The method supervisor's view of a group: skills × trainees, progress week by week, the
misconceptions most common in the group, the work waiting for review, the checkpoints signed
off, and export to CSV and Excel. Every table is a pandas DataFrame from an SQL query over the
running totals that each attempt updates (toolkit.progress.totals), so the view takes the same
time whether the group has made a thousand attempts or millions.

Only counted attempts (the first on a case or variant) are in the figures; practice is not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Select, func, select

from ..errors import InputError
from .models import CheckpointSignoff, MisconceptionTotal, ReviewQueue, SkillTotal, Trainee, WeekTotal
from .totals import REVIEWED  # noqa: F401  (the exercises whose attempts wait for a review)

if TYPE_CHECKING:
    import pandas as pd

    from .store import Store


def _read(store: Store, query: Select) -> pd.DataFrame:
    import pandas as pd

    with store.engine.connect() as connection:
        return pd.read_sql(query, connection)


def _in_cohort(query: Select, cohort: str | None) -> Select:
    return query.where(Trainee.cohort == cohort) if cohort else query


def skill_results(store: Store, cohort: str | None = None) -> pd.DataFrame:
    """Per trainee and skill: counted attempts, right and total lines (the running totals,
    toolkit.progress.totals: by line, or the whole score for an attempt without lines)."""
    query = (
        select(
            Trainee.pseudonym,
            SkillTotal.skill,
            SkillTotal.attempts,
            SkillTotal.score.label("right"),
            SkillTotal.max_score.label("total"),
        )
        .join(Trainee, Trainee.id == SkillTotal.trainee_id)
        .where(SkillTotal.attempts > 0)
    )
    return _read(store, _in_cohort(query, cohort))


def heatmap(store: Store, cohort: str | None = None) -> pd.DataFrame:
    """Skills × trainees: the share of right lines in whole percent (empty where not tried)."""
    results = skill_results(store, cohort)
    if results.empty:
        import pandas as pd

        return pd.DataFrame()
    results["percent"] = (results["right"] * 100 / results["total"].where(results["total"] > 0)).round()
    table = results.pivot(index="skill", columns="pseudonym", values="percent")
    return table.sort_index().sort_index(axis=1)


def progress_over_time(store: Store, cohort: str | None = None) -> pd.DataFrame:
    """Per trainee and week: counted attempts, attempts fully right and their share in percent."""
    query = (
        select(Trainee.pseudonym, WeekTotal.week, WeekTotal.attempts, WeekTotal.full_marks)
        .join(Trainee, Trainee.id == WeekTotal.trainee_id)
        .where(WeekTotal.attempts > 0)
        .order_by(Trainee.pseudonym, WeekTotal.week)
    )
    frame = _read(store, _in_cohort(query, cohort))
    frame["percent"] = (frame["full_marks"] * 100 / frame["attempts"]).round().astype(int)
    return frame


def common_misconceptions(store: Store, cohort: str | None = None) -> pd.DataFrame:
    """The misconceptions named in the group, most common first: how often, and for how many
    trainees (what to take up at the next group meeting). Practice attempts count here too."""
    query = (
        select(
            MisconceptionTotal.misconception,
            func.sum(MisconceptionTotal.count).label("count"),
            func.count().label("trainees"),
        )
        .join(Trainee, Trainee.id == MisconceptionTotal.trainee_id)
        .where(MisconceptionTotal.count > 0)
        .group_by(MisconceptionTotal.misconception)
    )
    out = _read(store, _in_cohort(query, cohort)).astype({"count": "int64", "trainees": "int64"})
    return out.sort_values(["count", "trainees", "misconception"], ascending=[False, False, True], ignore_index=True)


def waiting_for_review(store: Store, cohort: str | None = None) -> pd.DataFrame:
    """Attempts at work a supervisor grades (plans and written decisions) that have no review
    yet, oldest first."""
    import pandas as pd

    query = select(ReviewQueue.attempt_id.label("attempt"), ReviewQueue.trainee_id, ReviewQueue.exercise)
    query = query.add_columns(ReviewQueue.created)
    if cohort:
        query = query.where(ReviewQueue.trainee_id.in_(select(Trainee.id).where(Trainee.cohort == cohort)))
    columns = ["attempt", "trainee_id", "exercise", "created"]
    with store.engine.connect() as connection:
        names = dict(connection.execute(select(Trainee.id, Trainee.pseudonym)).all())
        if connection.dialect.name == "sqlite":
            # The queue can be long: the driver's plain rows, and SQLite's stored text parsed by
            # pandas in one go rather than row by row.
            compiled = query.compile(dialect=connection.dialect)
            params = [compiled.params[name] for name in compiled.positiontup or ()]
            cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            rows = cursor.execute(str(compiled), params).fetchall()
            frame = pd.DataFrame.from_records(rows, columns=columns)
            frame["created"] = pd.to_datetime(frame["created"], format="ISO8601")
        else:
            frame = pd.read_sql(query, connection)
    frame.insert(1, "pseudonym", frame.pop("trainee_id").map(names))
    return frame.sort_values(["created", "attempt"], ignore_index=True)


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
