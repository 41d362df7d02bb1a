"""Opening an exercise from the registry (casebank/ovningar.yaml, read by
toolkit.casebank.exercises): `open_exercise("bedomning-01")` in a notebook's hidden cell, and the
exercise app's list. No notebook is executed to find the exercises.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..casebank.exercises import Entry, Household, Registry, load_registry, registry_path
from .assessment import AssessmentExercise
from .base import Exercise
from .budget import BudgetExercise
from .caseload import WeekPlanExercise
from .control import ControlExercise
from .decision import WrittenDecisionExercise
from .plan import PlanExercise
from .riksnorm import RiksnormExercise
from .scenario import ScenarioExercise


def build(entry: Entry, **options: Any) -> Exercise[Any, Any]:
    """The exercise of a registry entry (options as for the exercise classes: store, pseudonym, book_base)."""
    options.setdefault("exercise_id", entry.record_id)
    if entry.household is not None:
        household = entry.household
        return RiksnormExercise(
            household.month,
            couple=household.couple,
            children=tuple(household.children),
            lunch=tuple(household.lunch),
            **options,
        )
    if entry.week is not None:
        return WeekPlanExercise(entry.week.seed, level=entry.level, **options)
    if entry.kind == "bedömning":
        options.setdefault("find_facts", entry.level >= 2)  # from level 2 the trainee finds the facts
    classes: dict[str, Callable[..., Exercise[Any, Any]]] = {
        "bedömning": AssessmentExercise,
        "kontroll": ControlExercise,
        "budget": BudgetExercise,
        "plan": PlanExercise,
        "beslut": WrittenDecisionExercise,
        "scenario": ScenarioExercise,
    }
    return classes[entry.kind](entry.target, **options)


def open_exercise(exercise_id: str, **options: Any) -> Exercise[Any, Any]:
    """The exercise with this id in the registry, ready to show (a notebook's hidden cell ends with it)."""
    return build(load_registry().entry(exercise_id), **options)


__all__ = ["Entry", "Household", "Registry", "build", "load_registry", "open_exercise", "registry_path"]
