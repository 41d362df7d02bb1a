"""Interactive exercises (ipywidgets). The only package, with toolkit.plots, that imports a
UI library; every rule and every verdict comes from the core."""
from .assessment import AssessmentExercise, assessment_exercise, selftest_assessment
from .budget import BudgetExercise, budget_exercise, budget_selftest
from .control import ControlExercise, control_exercise, selftest_control
from .plan import PlanExercise, plan_exercise, plan_selftest
from .riksnorm import RiksnormExercise, riksnorm_exercise, selftest

__all__ = ["AssessmentExercise", "ControlExercise", "RiksnormExercise", "assessment_exercise", "control_exercise",
           "riksnorm_exercise", "selftest", "selftest_assessment", "selftest_control"]
__all__ += ["BudgetExercise", "PlanExercise", "budget_exercise", "budget_selftest", "plan_exercise",
            "plan_selftest"]
