"""The progress store: every attempt at an exercise with its per-line results, supervisors'
reviews and checkpoint sign-offs, and the competence profile built from them."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import totals
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

if TYPE_CHECKING:
    from . import cohort


def __getattr__(name: str) -> Any:
    # The supervisor's tables need pandas; a trainee's session and the CLI's start-up do not.
    if name == "cohort":
        return importlib.import_module(f"{__name__}.cohort")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
