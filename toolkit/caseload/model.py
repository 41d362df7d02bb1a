"""The unit as the planner sees it: households with their meeting frequency, staff with their
working days, part-time and absences, and the result of a plan.

Households and staff are known by codes only (H001, AB): never by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ..schemas.method import MethodPeriod
from .workdays import MonthCalendar

Frequency = Literal["månad", "vecka"]
KIND_LABEL = {"månad": "varje månad", "vecka": "varje vecka (intensiv grupp)"}


@dataclass(frozen=True)
class Household:
    """A household and how often it is met; `secretary` is its own social secretary, if any."""

    id: str
    frequency: Frequency = "månad"
    secretary: str | None = None


@dataclass(frozen=True)
class Staff:
    """A social secretary: weekdays worked (0 = Monday), part-time percent and days absent."""

    id: str
    percent: int = 100
    weekdays: frozenset[int] = frozenset(range(5))
    absent: frozenset[date] = frozenset()
    extra: bool = False  # a secretary the plan adds because the limits cannot be kept otherwise

    def working_days(self, calendar: MonthCalendar) -> tuple[date, ...]:
        """The unit's working days on which this secretary works."""
        return tuple(d for d in calendar.working_days if d.weekday() in self.weekdays and d not in self.absent)

    def household_cap(self, limits: MethodPeriod, part_time_rule: str) -> int:
        """At most this many households (the method's cap, scaled by part-time when the setting says so)."""
        if part_time_rule == "i_proportion":
            return limits.max_households * self.percent // 100
        return limits.max_households


@dataclass(frozen=True)
class Visit:
    day: date
    staff: str
    household: str
    kind: Frequency


@dataclass(frozen=True)
class StaffLoad:
    """One secretary's month in the plan."""

    staff: str
    extra: bool
    working_days: int
    household_cap: int
    visit_capacity: int
    monthly: int
    weekly: int
    visits: int
    busiest_day: int
    days: tuple[date, ...] = ()  # the days this secretary works in the month


@dataclass(frozen=True)
class Breach:
    """A limit that cannot be kept (or, in a graded week plan, that was broken).

    rule: a key (hushållstak, besök_per_dag, veckomöte, månadsmöte, ledig_dag, ...);
    message: one Swedish sentence; severity 'fel' or 'varning'."""

    rule: str
    message: str
    severity: Literal["fel", "varning"] = "fel"
    staff: str | None = None
    household: str | None = None
    day: date | None = None


@dataclass
class Plan:
    """The result of planning a month: the visits, or the limits that cannot be kept and how
    many more social secretaries it would take (the visits then include them, marked extra)."""

    month: str
    limits: MethodPeriod
    feasible: bool
    extra_staff: int
    visits: list[Visit]
    assignment: dict[str, str]
    moved: list[tuple[str, str | None, str]]  # (household, own secretary, who meets it this month)
    loads: list[StaffLoad]
    breaches: list[Breach]
    solve_seconds: float
    solver_status: str
    notes: list[str] = field(default_factory=list)
    extra_lower_bound: int = 0  # a quick count of extra secretaries the limits need at least
    working_days: int = 0  # the unit's working days in the month

    @property
    def households(self) -> int:
        return len(self.assignment)
