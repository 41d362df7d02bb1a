"""A trainee's competence profile, measured right: each skill is credited with the lines that
train it, only the first attempt on a case or variant counts (a later one, after the key was
shown, is practice), and each skill gets a mastery level (toolkit.progress.mastery).

Read from the running totals each attempt updates (toolkit.progress.totals): a few rows per
trainee, whatever the number of attempts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from .models import ExerciseTotal, MisconceptionTotal, SkillTotal, Trainee, check_pseudonym

if TYPE_CHECKING:
    import pandas as pd

    from .store import Store

# pandas is imported where it is used: a process that only records attempts starts faster.


def skill_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Per skill (the rows of skill_total, indexed by skill): counted attempts, right and total
    lines, full marks, practice attempts, distinct variants right first time, whether the last
    counted attempts were right, the share right and the mastery level."""
    import pandas as pd

    from .mastery import levels

    table = frame.set_index("skill")
    # The last `recent` counted attempts (fewer when there are fewer) were all fully right.
    table["recent_right"] = (table["attempts"] > 0) & (table["streak"] >= table["attempts"].clip(upper=levels().recent))
    table["last"] = pd.to_datetime(table["last"], utc=True, format="mixed")
    table["percent"] = (table["score"] * 100 + table["max_score"] // 2) // table["max_score"].where(
        table["max_score"] > 0
    )
    table["percent"] = table["percent"].fillna(0).astype(int)
    table["level"] = levels().level(table)
    columns = ["attempts", "score", "max_score", "full_marks", "right_variants", "recent_right", "last", "practice"]
    return table[[*columns, "percent", "level", "misconceptions"]].sort_index()


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


def skill_counts(store: Store, pseudonym: str) -> dict[str, tuple[int, int, int]]:
    """Per skill tried: (counted attempts, right lines, all lines), from skill_total."""
    name = check_pseudonym(pseudonym)
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(SkillTotal.skill, SkillTotal.attempts, SkillTotal.score, SkillTotal.max_score)
            .join(Trainee, Trainee.id == SkillTotal.trainee_id)
            .where(Trainee.pseudonym == name, SkillTotal.attempts + SkillTotal.practice > 0)
        ).all()
    return {skill: (attempts, score, max_score) for skill, attempts, score, max_score in rows}


def profile(store: Store, pseudonym: str) -> Profile:
    """A trainee's competence profile: per skill the counted attempts, right lines, level and
    how often misconceptions were named in the counted attempts tagged with it; and how often
    each misconception was named (practice attempts included: a misconception named is worth
    taking up whenever it shows). Read from the running totals (toolkit.progress.totals)."""
    import pandas as pd

    name = check_pseudonym(pseudonym)
    with store.engine.connect() as connection:
        trainee_id = connection.scalar(select(Trainee.id).where(Trainee.pseudonym == name))
        exercises = connection.execute(
            select(ExerciseTotal.exercise, ExerciseTotal.attempts).where(ExerciseTotal.trainee_id == trainee_id)
        ).all()
        named = connection.execute(
            select(MisconceptionTotal.misconception, MisconceptionTotal.count).where(
                MisconceptionTotal.trainee_id == trainee_id, MisconceptionTotal.count > 0
            )
        ).all()
        # A row that only carries misconceptions (a tag without lines of its own) is no skill tried.
        frame = pd.read_sql(
            select(SkillTotal).where(
                SkillTotal.trainee_id == trainee_id, SkillTotal.attempts + SkillTotal.practice > 0
            ),
            connection,
        )
    attempts = sum(count for _, count in exercises)
    if trainee_id is None or not attempts:
        return Profile(name, 0)
    table = skill_table(frame)
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
        for r in table.reset_index().to_dict("records")
    }
    return Profile(
        name,
        attempts,
        skills,
        Counter(dict(named)),
        sorted(exercise for exercise, _ in exercises),
        table,
    )
