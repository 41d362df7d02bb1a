"""Interactive exercises (ipywidgets). The only package, with toolkit.plots, that imports a
UI library; every rule and every verdict comes from the core."""
from .riksnorm import RiksnormExercise, riksnorm_exercise, selftest

__all__ = ["RiksnormExercise", "riksnorm_exercise", "selftest"]
