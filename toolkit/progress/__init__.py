"""The progress store: every attempt at an exercise with its per-line results, supervisors'
reviews and checkpoint sign-offs, and the competence profile built from them."""

from __future__ import annotations

from . import cohort, totals
from .models import (
    SUPERVISOR,
    TRAINEE,
    Attempt,
    AttemptLine,
    AttemptRecord,
    Base,
    CheckpointSignoff,
    LineResult,
    Review,
    Trainee,
    check_pseudonym,
)
from .profile import Profile, SkillSummary
from .store import NotSavedError, Store

__all__ = [
    "SUPERVISOR",
    "TRAINEE",
    "Attempt",
    "AttemptLine",
    "AttemptRecord",
    "Base",
    "CheckpointSignoff",
    "LineResult",
    "NotSavedError",
    "Profile",
    "Review",
    "SkillSummary",
    "Store",
    "Trainee",
    "check_pseudonym",
    "cohort",
    "totals",
]
