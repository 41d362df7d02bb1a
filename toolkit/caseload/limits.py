"""The method's limits and the holiday calendar as data: toolkit/parameters/metod.yaml and
helgdagar.yaml, read through strict schemas and looked up by the month planned.

A month without a period raises MissingParameterError naming the value; nothing falls back
to another year.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from .. import settings
from ..errors import MissingParameterError
from ..months import Month
from ..rules import load_parameter_file, parameter_path
from ..schemas.method import HolidayFile, HolidayPeriod, MethodFile, MethodPeriod


@lru_cache(maxsize=8)
def load_method(root: Path | None = None) -> MethodFile:
    """metod.yaml, validated (InputError names file, line and field of any problem)."""
    return load_parameter_file(MethodFile, "metod.yaml", root)


@lru_cache(maxsize=8)
def load_holidays(root: Path | None = None) -> HolidayFile:
    """helgdagar.yaml, validated."""
    return load_parameter_file(HolidayFile, "helgdagar.yaml", root)


def method_limits(month: Month, root: Path | None = None) -> MethodPeriod:
    """The method's limits in force on the first day of the month; MissingParameterError if none."""
    for period in load_method(root).periods:
        if period.covers(month.first_day):
            return period
    path = parameter_path("metod.yaml", root)
    raise MissingParameterError("metodens gränser för ärenden och besök", str(month), settings.display_path(path))


def holiday_period(day: date, root: Path | None = None) -> HolidayPeriod:
    """The list of allmänna helgdagar in force on a day; MissingParameterError if none."""
    for period in load_holidays(root).periods:
        if period.covers(day):
            return period
    path = parameter_path("helgdagar.yaml", root)
    raise MissingParameterError("listan över allmänna helgdagar", day.isoformat(), settings.display_path(path))
