"""Interactive exercises (ipywidgets). The only package, with toolkit.plots, that imports a
UI library; every rule and every verdict comes from the core.

Every exercise is an `Exercise` (base.py) listed in the registry (casebank/ovningar.yaml);
a notebook opens its exercise with `open_exercise("bedomning-01")` and checks it in a hidden
cell with `selftest(exercise)`.
"""

from .assessment import AssessmentExercise, assessment_exercise
from .base import Exercise, selftest
from .budget import BudgetExercise, budget_exercise
from .caseload import WeekPlanExercise, week_plan_exercise
from .control import ControlExercise, control_exercise
from .decision import WrittenDecisionExercise, decision_exercise
from .plan import PlanExercise, plan_exercise
from .registry import load_registry, open_exercise
from .riksnorm import RiksnormExercise, riksnorm_exercise
from .scenario import ScenarioExercise, scenario_exercise

__all__ = [
    "AssessmentExercise",
    "BudgetExercise",
    "ControlExercise",
    "Exercise",
    "PlanExercise",
    "RiksnormExercise",
    "WeekPlanExercise",
    "ScenarioExercise",
    "WrittenDecisionExercise",
    "assessment_exercise",
    "budget_exercise",
    "control_exercise",
    "decision_exercise",
    "load_registry",
    "open_exercise",
    "plan_exercise",
    "riksnorm_exercise",
    "scenario_exercise",
    "selftest",
    "week_plan_exercise",
]
