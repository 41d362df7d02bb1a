"""Caseload and visit planning by the method's own limits (toolkit/parameters/metod.yaml):
at most 45 households per social secretary, at most four visits a day, every household met
every month and the intensive group every week.

Core capability: no UI imports. The planner uses OR-Tools CP-SAT; see solver.py.
"""

from __future__ import annotations

from .limits import load_holidays, load_method, method_limits
from .model import Breach, Household, Plan, Staff, StaffLoad, Visit
from .planner import plan_month
from .workdays import MonthCalendar, day_label, holidays, month_calendar

__all__ = [
    "Breach",
    "Household",
    "MonthCalendar",
    "Plan",
    "Staff",
    "StaffLoad",
    "Visit",
    "day_label",
    "holidays",
    "load_holidays",
    "load_method",
    "method_limits",
    "month_calendar",
    "plan_month",
]
