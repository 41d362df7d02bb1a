"""The progress store's tables and the records an exercise hands to it.

Trainees are pseudonyms, never names. The schema is changed only through the Alembic
migrations in toolkit/progress/migrations; a new column here needs a new revision there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, false, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ..errors import InputError

PSEUDONYM = re.compile(r"^[a-z0-9][a-z0-9_-]{1,39}$")
TRAINEE, SUPERVISOR = "nyanstalld", "metodhandledare"


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Trainee(Base):
    """A person in the store by pseudonym; `role` tells a supervisor from a trainee."""

    __tablename__ = "trainee"
    id: Mapped[int] = mapped_column(primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    cohort: Mapped[str | None] = mapped_column(String(40))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    role: Mapped[str] = mapped_column(String(20), default=TRAINEE, server_default=text(f"'{TRAINEE}'"))
    attempts: Mapped[list[Attempt]] = relationship(back_populates="trainee")


class Attempt(Base):
    __tablename__ = "attempt"
    __table_args__ = (
        Index("ix_attempt_trainee_created", "trainee_id", "created"),
        # Finds an earlier attempt on the same case and variant (the practice flag) at once.
        Index("ix_attempt_variant", "trainee_id", "exercise", "case_id", "variant_seed"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id"), index=True)
    exercise: Mapped[str] = mapped_column(String(80), index=True)
    case_id: Mapped[str | None] = mapped_column(String(80))
    variant_seed: Mapped[int | None] = mapped_column(BigInteger)  # seeds are up to 48 bits
    answer: Mapped[Any] = mapped_column(JSON)
    score: Mapped[int] = mapped_column(Integer)
    max_score: Mapped[int] = mapped_column(Integer)
    misconceptions: Mapped[list] = mapped_column(JSON, default=list)
    skills: Mapped[list] = mapped_column(JSON, default=list)
    seconds: Mapped[int | None] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    # A later attempt on the same case and variant, made after the key was shown: not counted.
    practice: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    trainee: Mapped[Trainee] = relationship(back_populates="attempts")
    reviews: Mapped[list[Review]] = relationship(back_populates="attempt")
    lines: Mapped[list[AttemptLine]] = relationship(back_populates="attempt")


class AttemptLine(Base):
    """One graded line of an attempt and the skill it trains."""

    __tablename__ = "attempt_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    key: Mapped[str] = mapped_column(String(120))
    skill: Mapped[str] = mapped_column(String(60))
    right: Mapped[bool] = mapped_column(Boolean)
    attempt: Mapped[Attempt] = relationship(back_populates="lines")


class Review(Base):
    """A supervisor's grade and comment on an attempt (for example a plan)."""

    __tablename__ = "review"
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    reviewer: Mapped[str] = mapped_column(String(40))
    grade: Mapped[str] = mapped_column(String(40))
    comment: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    attempt: Mapped[Attempt] = relationship(back_populates="reviews")


class CheckpointSignoff(Base):
    """A supervisor's sign-off of a checkpoint of the introduction programme for a trainee."""

    __tablename__ = "checkpoint_signoff"
    id: Mapped[int] = mapped_column(primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id"), index=True)
    checkpoint: Mapped[str] = mapped_column(String(80))
    supervisor: Mapped[str] = mapped_column(String(40))
    comment: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


# -- running totals (toolkit/progress/totals.py keeps them at record time) -------------------------
def _count() -> Any:
    return mapped_column(Integer, default=0, server_default=text("0"))


class SkillTotal(Base):
    """Per trainee and skill: the counted attempts' right and total lines, full marks and
    misconceptions named, the practice attempts, and the mastery state (distinct variants
    fully right, the run of fully right counted attempts at the end, the last counted one)."""

    __tablename__ = "skill_total"
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id"), primary_key=True)
    skill: Mapped[str] = mapped_column(String, primary_key=True)
    attempts: Mapped[int] = _count()
    score: Mapped[int] = _count()
    max_score: Mapped[int] = _count()
    full_marks: Mapped[int] = _count()
    right_variants: Mapped[int] = _count()
    streak: Mapped[int] = _count()
    practice: Mapped[int] = _count()
    misconceptions: Mapped[int] = _count()
    last: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SkillVariant(Base):
    """A case or variant (totals.variant_key) on which a counted attempt had every line of the
    skill right: the mastery levels count distinct ones."""

    __tablename__ = "skill_variant"
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id"), primary_key=True)
    skill: Mapped[str] = mapped_column(String, primary_key=True)
    variant: Mapped[str] = mapped_column(String, primary_key=True)


class WeekTotal(Base):
    """Per trainee and week: counted attempts and those fully right."""

    __tablename__ = "week_total"
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id"), primary_key=True)
    week: Mapped[str] = mapped_column(String(10), primary_key=True)
    attempts: Mapped[int] = _count()
    full_marks: Mapped[int] = _count()


class MisconceptionTotal(Base):
    """Per trainee and misconception: how often it was named (practice attempts included)."""

    __tablename__ = "misconception_total"
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id"), primary_key=True)
    misconception: Mapped[str] = mapped_column(String, primary_key=True)
    count: Mapped[int] = _count()


class ExerciseTotal(Base):
    """Per trainee and exercise: every attempt, practice included."""

    __tablename__ = "exercise_total"
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id"), primary_key=True)
    exercise: Mapped[str] = mapped_column(String(80), primary_key=True)
    attempts: Mapped[int] = _count()


class ReviewQueue(Base):
    """An attempt at work a supervisor grades that has no review yet; removed when reviewed."""

    __tablename__ = "review_queue"
    __table_args__ = (Index("ix_review_queue_created", "created", "attempt_id"),)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id"), index=True)
    exercise: Mapped[str] = mapped_column(String(80))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class LineResult:
    """One graded line of an attempt (a row of the beräkning, a rubric element, a scenario's
    choice) and the skill it trains, so that the profile credits each skill with what was
    actually done right."""

    key: str
    skill: str
    right: bool


@dataclass(frozen=True)
class AttemptRecord:
    """What an exercise hands to the store after 'Rätta'."""

    exercise: str
    answer: Any
    score: int
    max_score: int
    case_id: str | None = None
    variant_seed: int | None = None
    misconceptions: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    seconds: int | None = None
    lines: tuple[LineResult, ...] = ()  # per-line results, stored in attempt_line


def check_pseudonym(pseudonym: str) -> str:
    """A pseudonym is 2–40 lower-case letters, digits, '-' or '_': never a real name."""
    value = (pseudonym or "").strip().lower()
    if not PSEUDONYM.match(value):
        raise InputError(
            "pseudonymen ska vara 2–40 tecken: små bokstäver a–z, siffror, - eller _ "
            "(till exempel 'ny-ss-07'), aldrig ditt namn",
            field="pseudonym",
        )
    return value
