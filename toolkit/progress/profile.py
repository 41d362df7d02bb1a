"""A trainee's competence profile, measured right: each skill is credited with the lines that
train it, only the first attempt on a case or variant counts (a later one, after the key was
shown, is practice), and each skill gets a mastery level (toolkit.progress.mastery).

The store's rows are aggregated in SQL and shaped with pandas; no loop runs over attempts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, exists, func, select

from .models import Attempt, AttemptLine, Trainee, check_pseudonym

if TYPE_CHECKING:
    import pandas as pd

    from .store import Store

# pandas is imported where it is used: a process that only records attempts starts faster.

# One row per (attempt, skill): the lines of that skill that were right, out of how many.
COLUMNS = ["attempt_id", "skill", "right", "total", "exercise", "case_id", "variant_seed", "practice", "created"]


def _attempt_columns() -> list:
    return [Attempt.exercise, Attempt.case_id, Attempt.variant_seed, Attempt.practice, Attempt.created]


def line_frame(store: Store, trainee_ids: list[int] | None = None) -> pd.DataFrame:
    """Per (attempt, skill) results: from the stored lines where the attempt has them; an
    attempt without lines credits its whole score to every skill it is tagged with (as before
    lines were stored)."""
    import pandas as pd

    right = func.sum(case((AttemptLine.right, 1), else_=0))
    by_line = (
        select(
            Attempt.id.label("attempt_id"),
            AttemptLine.skill,
            right.label("right"),
            func.count().label("total"),
            Attempt.trainee_id,
            *_attempt_columns(),
        )
        .join(AttemptLine, AttemptLine.attempt_id == Attempt.id)
        .group_by(Attempt.id, AttemptLine.skill)
    )
    without = select(
        Attempt.id.label("attempt_id"),
        Attempt.skills,
        Attempt.score.label("right"),
        Attempt.max_score.label("total"),
        Attempt.trainee_id,
        *_attempt_columns(),
    ).where(~exists().where(AttemptLine.attempt_id == Attempt.id))
    if trainee_ids is not None:
        by_line = by_line.where(Attempt.trainee_id.in_(trainee_ids))
        without = without.where(Attempt.trainee_id.in_(trainee_ids))
    with store.engine.connect() as connection:
        lines = pd.read_sql(by_line, connection)
        whole = pd.read_sql(without, connection)
    whole = whole.explode("skills").rename(columns={"skills": "skill"}).dropna(subset=["skill"])
    frame = pd.concat([lines, whole], ignore_index=True) if len(whole) else lines
    frame["practice"] = frame["practice"].astype(bool)
    frame["created"] = pd.to_datetime(frame["created"], utc=True, format="mixed")
    return frame.sort_values(["created", "attempt_id"], kind="stable")


def skill_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Per skill (and trainee_id when present): counted attempts, right and total lines,
    full marks, practice attempts, distinct variants right first time, the last two counted
    attempts right, the mastery level."""
    import pandas as pd

    from .mastery import levels

    keys = ["trainee_id", "skill"] if "trainee_id" in frame else ["skill"]
    frame = frame.assign(full=(frame["right"] == frame["total"]) & (frame["total"] > 0))
    counted = frame[~frame["practice"]]
    grouped = counted.groupby(keys)
    table = pd.DataFrame(
        {
            "attempts": grouped.size(),
            "score": grouped["right"].sum(),
            "max_score": grouped["total"].sum(),
            "full_marks": grouped["full"].sum(),
            # drop_duplicates treats a missing seed as one value (nunique would skip it)
            "right_variants": counted[counted["full"]]
            .drop_duplicates([*keys, "exercise", "case_id", "variant_seed"])
            .groupby(keys)
            .size(),
            "recent_right": grouped.tail(levels().recent).groupby(keys)["full"].all(),
            "last": grouped["created"].max(),
        }
    )
    practice = frame[frame["practice"]].groupby(keys).size()
    table = table.join(practice.rename("practice"), how="outer")
    table = table.fillna({"attempts": 0, "score": 0, "max_score": 0, "full_marks": 0, "right_variants": 0})
    table = table.fillna({"practice": 0, "recent_right": False})
    for column in ("attempts", "score", "max_score", "full_marks", "right_variants", "practice"):
        table[column] = table[column].astype(int)
    table["recent_right"] = table["recent_right"].astype(bool)
    table["percent"] = (table["score"] * 100 + table["max_score"] // 2) // table["max_score"].where(
        table["max_score"] > 0
    )
    table["percent"] = table["percent"].fillna(0).astype(int)
    table["level"] = levels().level(table)
    return table


@dataclass
class SkillSummary:
    """How a trainee has done on one skill, over the counted attempts that train it."""

    skill: str
    attempts: int = 0
    score: int = 0
    max_score: int = 0
    full_marks: int = 0
    misconceptions: int = 0
    last: datetime | None = None
    practice: int = 0
    level: int = 0

    @property
    def percent(self) -> int:
        """Share of right lines over all counted attempts, in whole percent (0 without attempts)."""
        return (self.score * 100 + self.max_score // 2) // self.max_score if self.max_score else 0


@dataclass
class Profile:
    pseudonym: str
    attempts: int
    skills: dict[str, SkillSummary] = field(default_factory=dict)
    misconceptions: Counter = field(default_factory=Counter)
    exercises: list[str] = field(default_factory=list)
    table: Any = None  # the per-skill pandas DataFrame behind `skills`


def profile(store: Store, pseudonym: str) -> Profile:
    """A trainee's competence profile: per skill the counted attempts, right lines, level and
    how often each misconception was named (practice attempts included: a misconception named
    is worth taking up whenever it shows)."""
    import pandas as pd

    name = check_pseudonym(pseudonym)
    with store.engine.connect() as connection:
        trainee_id = connection.scalar(select(Trainee.id).where(Trainee.pseudonym == name))
        attempts = pd.read_sql(
            select(Attempt.exercise, Attempt.misconceptions).where(Attempt.trainee_id == trainee_id), connection
        )
    if trainee_id is None or attempts.empty:
        return Profile(name, 0)
    frame = line_frame(store, [trainee_id]).drop(columns="trainee_id")
    table = skill_table(frame)
    named = attempts["misconceptions"].explode().dropna()
    per_skill = _misconceptions_per_skill(store, trainee_id)
    table["misconceptions"] = per_skill.reindex(table.index).fillna(0).astype(int)
    records = table.reset_index().to_dict("records")
    skills = {
        r["skill"]: SkillSummary(
            r["skill"],
            r["attempts"],
            r["score"],
            r["max_score"],
            r["full_marks"],
            r["misconceptions"],
            None if pd.isna(r["last"]) else r["last"].to_pydatetime(),
            r["practice"],
            r["level"],
        )
        for r in records
    }
    return Profile(
        name,
        len(attempts),
        dict(sorted(skills.items())),
        Counter(named.value_counts().to_dict()),
        sorted(attempts["exercise"].unique().tolist()),
        table,
    )


def _misconceptions_per_skill(store: Store, trainee_id: int) -> pd.Series:
    """How many misconceptions were named in the counted attempts tagged with each skill."""
    import pandas as pd

    with store.engine.connect() as connection:
        frame = pd.read_sql(
            select(Attempt.skills, Attempt.misconceptions).where(
                Attempt.trainee_id == trainee_id, Attempt.practice.is_(False)
            ),
            connection,
        )
    frame["named"] = frame["misconceptions"].map(len)
    return frame.explode("skills").dropna(subset=["skills"]).groupby("skills")["named"].sum()
