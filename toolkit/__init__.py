"""Toolkit for the handbook on ekonomiskt bistånd: rules, assessment, cases and exercises.

The core (rules, case, assessment, report, and the modules beside them) imports no UI
library; only toolkit.exercises and toolkit.plots use ipywidgets and matplotlib.
"""

from .assessment import Assessment, assess, assess_file
from .case import Case, load_case
from .errors import InputError, MissingParameterError, ToolkitError
from .months import Month
from .rules import Rules, load_rules

__all__ = [
    "Assessment",
    "Case",
    "InputError",
    "MissingParameterError",
    "Month",
    "Rules",
    "ToolkitError",
    "assess",
    "assess_file",
    "load_case",
    "load_rules",
]
__version__ = "0.1.0"
