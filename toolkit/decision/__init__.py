"""Writing the decision (beslut) and the återkrav decision: the exercise files and the rubric
that checks each element of a written decision. No UI here (toolkit.exercises.decision)."""

from .model import (
    DECISION_TYPES,
    DecisionExercise,
    decision_dir,
    decision_ids,
    exercise_case,
    exercise_control,
    key_amount,
    load_decision,
    load_decision_rules,
)
from .rubric import DecisionAnswer, Element, Review, model_answer, review

__all__ = [
    "DECISION_TYPES",
    "DecisionAnswer",
    "DecisionExercise",
    "Element",
    "Review",
    "decision_dir",
    "decision_ids",
    "exercise_case",
    "exercise_control",
    "key_amount",
    "load_decision",
    "load_decision_rules",
    "model_answer",
    "review",
]
