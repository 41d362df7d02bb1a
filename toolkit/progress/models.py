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
    __table_args__ = (Index("ix_attempt_trainee_created", "trainee_id", "created"),)
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
