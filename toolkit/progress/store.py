"""The progress store behind a small interface: trainees, attempts with their per-line
results, supervisors' reviews and checkpoint sign-offs.

SQLite file by default; any SQLAlchemy URL (for example PostgreSQL when a unit shares one
server) through the environment variable HANDBOK_DB or the argument.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, insert, select
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from .. import settings
from ..errors import InputError, ToolkitError
from . import migrate, totals
from .models import (
    TRAINEE,
    Attempt,
    AttemptLine,
    AttemptRecord,
    CheckpointSignoff,
    Review,
    Trainee,
    check_pseudonym,
    now,
)

if TYPE_CHECKING:
    from .profile import Profile


class NotSavedError(ToolkitError):
    """An attempt (or a review) could not be written: the user is told, nothing is dropped silently."""


NOT_SAVED = (
    "Försöket kunde inte sparas i databasen ({why}). Ditt svar finns kvar i formuläret: "
    "tryck på knappen igen om en stund, och säg till din metodhandledare om det händer igen."
)


class Store:
    """The progress store. Opening it brings the database to the newest schema."""

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
            self.engine = migrate.make_engine(self.url)
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
            migrate.upgrade(self.engine)
        except SQLAlchemyError as error:
            raise InputError(
                "databasen kan inte nås: kontrollera adressen, att servern är igång och att filen "
                f"eller mappen får skrivas (databasens svar: {_reason(error)})",
                file=source,
            ) from None
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._session()

    def trainee(self, pseudonym: str, cohort: str | None = None, role: str | None = None) -> Trainee:
        """The person with this pseudonym, created when new. Safe when many processes create
        the same pseudonym at once: the loser of the race reads the winner's row."""
        name = check_pseudonym(pseudonym)
        for _ in range(3):
            with self.session() as session, session.begin():
                found = session.scalar(select(Trainee).where(Trainee.pseudonym == name))
                if found is not None:
                    if cohort and not found.cohort:
                        found.cohort = cohort
                    if role and found.role != role:
                        found.role = role
                    return found
            try:
                with self.session() as session, session.begin():
                    session.execute(
                        insert(Trainee).values(pseudonym=name, cohort=cohort, role=role or TRAINEE, created=now())
                    )
            except IntegrityError:
                continue  # another process created it in between: read it
        raise NotSavedError(NOT_SAVED.format(why=f"pseudonymen {name} kunde inte läggas upp"))

    def record(self, pseudonym: str, record: AttemptRecord) -> int:
        """Store one attempt and its per-line results; returns its id. A later attempt on the
        same exercise, case and variant is stored as practice (the key was shown after the
        first). NotSavedError (Swedish) when the database refuses it."""
        try:
            trainee = self.trainee(pseudonym)
            with self.session() as session, session.begin():
                # One trainee's attempts one at a time (SQLite's write lock does it anyway), so
                # the practice flag and the running totals follow the order of the attempts.
                session.execute(select(Trainee.id).where(Trainee.id == trainee.id).with_for_update())
                earlier = session.scalar(
                    select(Attempt.id)
                    .where(
                        and_(
                            Attempt.trainee_id == trainee.id,
                            Attempt.exercise == record.exercise,
                            _same(Attempt.case_id, record.case_id),
                            _same(Attempt.variant_seed, record.variant_seed),
                        )
                    )
                    .limit(1)
                )
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
                    practice=earlier is not None,
                )
                session.add(attempt)
                session.flush()
                if record.lines:
                    session.execute(
                        insert(AttemptLine),
                        [
                            {
                                "attempt_id": attempt.id,
                                "key": line.key[:120],
                                "skill": line.skill[:60],
                                "right": line.right,
                            }
                            for line in record.lines
                        ],
                    )
                totals.add(session, attempt, record)
                return attempt.id
        except SQLAlchemyError as error:
            raise NotSavedError(NOT_SAVED.format(why=type(getattr(error, "orig", error)).__name__)) from error

    def attempts(self, pseudonym: str | None = None, exercise: str | None = None) -> list[Attempt]:
        with self.session() as session:
            query = (
                select(Attempt)
                .join(Trainee)
                .options(selectinload(Attempt.trainee), selectinload(Attempt.lines))
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
            totals.reviewed(session, attempt_id)
            return review.id

    def reviews(self, attempt_id: int) -> list[Review]:
        with self.session() as session:
            return list(session.scalars(select(Review).where(Review.attempt_id == attempt_id).order_by(Review.id)))

    def trainees(self) -> Iterable[Trainee]:
        with self.session() as session:
            return list(session.scalars(select(Trainee).order_by(Trainee.pseudonym)))

    def sign_off(self, pseudonym: str, checkpoint: str, *, supervisor: str, comment: str = "") -> int:
        """Store a supervisor's sign-off of a checkpoint for a trainee; returns its id."""
        if not checkpoint.strip():
            raise InputError("kontrollpunkten får inte vara tom", field="kontrollpunkt")
        who = check_pseudonym(supervisor)
        trainee = self.trainee(pseudonym)
        with self.session() as session, session.begin():
            signoff = CheckpointSignoff(
                trainee_id=trainee.id, checkpoint=checkpoint.strip(), supervisor=who, comment=comment.strip()
            )
            session.add(signoff)
            session.flush()
            return signoff.id

    def signoffs(self, pseudonym: str) -> list[CheckpointSignoff]:
        """A trainee's signed-off checkpoints, oldest first."""
        name = check_pseudonym(pseudonym)
        with self.session() as session:
            query = (
                select(CheckpointSignoff)
                .join(Trainee, Trainee.id == CheckpointSignoff.trainee_id)
                .where(Trainee.pseudonym == name)
                .order_by(CheckpointSignoff.created, CheckpointSignoff.id)
            )
            return list(session.scalars(query))

    def skill_counts(self, pseudonym: str) -> dict[str, tuple[int, int, int]]:
        """Per skill the trainee has tried: counted attempts, right lines and all lines, read
        straight from the running totals. The trainee's exercise list needs only these, and
        without pandas (which the full profile uses) a trainee's session stays small."""
        from .profile import skill_counts

        return skill_counts(self, pseudonym)

    def profile(self, pseudonym: str) -> Profile:
        """A trainee's competence profile (toolkit.progress.profile)."""
        from .profile import profile

        return profile(self, pseudonym)


def _same(column: Any, value: object) -> Any:
    """column = value, or IS NULL when the value is None (SQL's = never matches NULL)."""
    return column.is_(None) if value is None else column == value


def _reason(error: SQLAlchemyError) -> str:
    """The database's own first line, for the message; SQLAlchemy's text adds the statement."""
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0]
