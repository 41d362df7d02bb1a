"""The progress store: every attempt at an exercise, and the supervisor's reviews.

SQLite file by default; any SQLAlchemy URL (for example PostgreSQL when a team shares one
server) through the environment variable HANDBOK_DB. Trainees are pseudonyms, never names.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, String, Text, create_engine, select
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, selectinload, sessionmaker
from sqlalchemy.pool import StaticPool

from . import settings
from .errors import InputError

PSEUDONYM = re.compile(r"^[a-z0-9][a-z0-9_-]{1,39}$")


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Trainee(Base):
    __tablename__ = "trainee"
    id: Mapped[int] = mapped_column(primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    cohort: Mapped[str | None] = mapped_column(String(40))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    attempts: Mapped[list[Attempt]] = relationship(back_populates="trainee")


class Attempt(Base):
    __tablename__ = "attempt"
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
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    trainee: Mapped[Trainee] = relationship(back_populates="attempts")
    reviews: Mapped[list[Review]] = relationship(back_populates="attempt")


class Review(Base):
    """A supervisor's grade and comment on an attempt (for example a plan)."""

    __tablename__ = "review"
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    reviewer: Mapped[str] = mapped_column(String(40))
    grade: Mapped[str] = mapped_column(String(40))
    comment: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    attempt: Mapped[Attempt] = relationship(back_populates="reviews")


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
    lines: tuple[LineResult, ...] = ()  # per-line results; stored by the store when it has the column


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


class Store:
    """The progress store behind a small interface."""

    def __init__(self, url: str | None = None):
        self.url = url or settings.database_url()
        # Where the address came from, for the message; the address itself may hold a password.
        source = (
            "argumentet --db"
            if url
            else "inställningen HANDBOK_DB"
            if os.environ.get("HANDBOK_DB", "").strip()
            else "standarddatabasen"
        )
        try:
            if self.url in ("sqlite://", "sqlite:///:memory:"):
                # One shared connection, or every session would see a new, empty database.
                self.engine = create_engine(
                    self.url, future=True, poolclass=StaticPool, connect_args={"check_same_thread": False}
                )
            else:
                if self.url.startswith("sqlite:///"):
                    # The default file lies in the user's data folder, which may not exist yet.
                    Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
                self.engine = create_engine(self.url, future=True)
        except (ArgumentError, NoSuchModuleError, ValueError, TypeError):
            raise InputError(
                "databasens adress kan inte läsas. Skriv en SQLAlchemy-adress, till exempel "
                "sqlite:////sökväg/progress.sqlite eller postgresql+psycopg://användare@värd/databas",
                file=source,
            ) from None
        except (ImportError, OSError):
            raise InputError(
                "databasen kan inte användas: kontrollera adressen (databastypen) och att mappen finns och får skrivas",
                file=source,
            ) from None
        try:
            Base.metadata.create_all(self.engine)
        except SQLAlchemyError:
            raise InputError(
                "databasen kan inte nås: kontrollera adressen, att servern är igång och att filen "
                "eller mappen får skrivas",
                file=source,
            ) from None
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._session()

    def trainee(self, pseudonym: str, cohort: str | None = None) -> Trainee:
        name = check_pseudonym(pseudonym)
        with self.session() as session, session.begin():
            found = session.scalar(select(Trainee).where(Trainee.pseudonym == name))
            if found is None:
                found = Trainee(pseudonym=name, cohort=cohort)
                session.add(found)
            elif cohort and not found.cohort:
                found.cohort = cohort
            session.flush()
            return found

    def record(self, pseudonym: str, record: AttemptRecord) -> int:
        """Store one attempt; returns its id."""
        trainee = self.trainee(pseudonym)
        with self.session() as session, session.begin():
            attempt = Attempt(
                trainee_id=trainee.id,
                exercise=record.exercise,
                case_id=record.case_id,
                variant_seed=record.variant_seed,
                answer=record.answer,
                score=record.score,
                max_score=record.max_score,
                misconceptions=list(record.misconceptions),
                skills=list(record.skills),
                seconds=record.seconds,
            )
            session.add(attempt)
            session.flush()
            return attempt.id

    def attempts(self, pseudonym: str | None = None, exercise: str | None = None) -> list[Attempt]:
        with self.session() as session:
            query = (
                select(Attempt)
                .join(Trainee)
                .options(selectinload(Attempt.trainee))
                .order_by(Attempt.created, Attempt.id)
            )
            if pseudonym:
                query = query.where(Trainee.pseudonym == check_pseudonym(pseudonym))
            if exercise:
                query = query.where(Attempt.exercise == exercise)
            return list(session.scalars(query))

    def review(self, attempt_id: int, *, reviewer: str, grade: str, comment: str = "") -> int:
        """Store a supervisor's grade and comment with an attempt; returns the review id."""
        if not grade.strip():
            raise InputError("betyget får inte vara tomt", field="betyg")
        with self.session() as session, session.begin():
            if session.get(Attempt, attempt_id) is None:
                raise InputError(f"försök {attempt_id} finns inte", field="försök")
            review = Review(
                attempt_id=attempt_id, reviewer=check_pseudonym(reviewer), grade=grade.strip(), comment=comment.strip()
            )
            session.add(review)
            session.flush()
            return review.id

    def reviews(self, attempt_id: int) -> list[Review]:
        with self.session() as session:
            return list(session.scalars(select(Review).where(Review.attempt_id == attempt_id).order_by(Review.id)))

    def trainees(self) -> Iterable[Trainee]:
        with self.session() as session:
            return list(session.scalars(select(Trainee).order_by(Trainee.pseudonym)))

    def profile(self, pseudonym: str) -> Profile:
        """A trainee's competence profile: per skill the attempts and the share of right
        answers, and how often each misconception was named."""
        name = check_pseudonym(pseudonym)
        attempts = self.attempts(name)
        skills: dict[str, SkillSummary] = {}
        misconceptions: Counter[str] = Counter()
        for attempt in attempts:
            misconceptions.update(attempt.misconceptions or [])
            for skill in attempt.skills or []:
                summary = skills.setdefault(skill, SkillSummary(skill))
                summary.attempts += 1
                summary.score += attempt.score
                summary.max_score += attempt.max_score
                summary.full_marks += int(attempt.max_score > 0 and attempt.score == attempt.max_score)
                summary.misconceptions += len(attempt.misconceptions or [])
                summary.last = attempt.created
        return Profile(
            name, len(attempts), dict(sorted(skills.items())), misconceptions, sorted({a.exercise for a in attempts})
        )


@dataclass
class SkillSummary:
    """How a trainee has done on one skill, over all attempts that train it."""

    skill: str
    attempts: int = 0
    score: int = 0
    max_score: int = 0
    full_marks: int = 0
    misconceptions: int = 0
    last: datetime | None = None

    @property
    def percent(self) -> int:
        """Share of right rows over all attempts, in whole percent (0 without attempts)."""
        return (self.score * 100 + self.max_score // 2) // self.max_score if self.max_score else 0


@dataclass
class Profile:
    pseudonym: str
    attempts: int
    skills: dict[str, SkillSummary] = field(default_factory=dict)
    misconceptions: Counter = field(default_factory=Counter)
    exercises: list[str] = field(default_factory=list)
