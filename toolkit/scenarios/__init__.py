"""Short scenario exercises for the hard situations: a structured choice with feedback per
option and a written reason with keywords. No UI here (toolkit.exercises.scenario)."""

from .grading import ScenarioAnswer, ScenarioResult, grade
from .model import Option, Scenario, load_scenario, scenario_dir, scenario_ids

__all__ = [
    "Option",
    "Scenario",
    "ScenarioAnswer",
    "ScenarioResult",
    "grade",
    "load_scenario",
    "scenario_dir",
    "scenario_ids",
]
