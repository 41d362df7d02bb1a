"""The definitions and rule parameters as data: toolkit/parameters/langvarighet.yaml and
seriediagram.yaml, read through strict schemas."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import settings
from ..errors import MissingParameterError
from ..months import Month
from ..rules import load_parameter_file, parameter_path
from ..schemas.improvement import LongTermFile, LongTermPeriod, RunChartFile


@lru_cache(maxsize=8)
def load_long_term(root: Path | None = None) -> LongTermFile:
    """langvarighet.yaml, validated (InputError names file, line and field of any problem)."""
    return load_parameter_file(LongTermFile, "langvarighet.yaml", root)


@lru_cache(maxsize=8)
def load_run_chart_rules(root: Path | None = None) -> RunChartFile:
    """seriediagram.yaml, validated."""
    return load_parameter_file(RunChartFile, "seriediagram.yaml", root)


def long_term_definition(month: Month, root: Path | None = None) -> LongTermPeriod:
    """Socialstyrelsen's definition in force on the first day of the month (use January for a
    calendar year); MissingParameterError if none."""
    for period in load_long_term(root).periods:
        if period.covers(month.first_day):
            return period
    path = parameter_path("langvarighet.yaml", root)
    raise MissingParameterError(
        "definitionen av långvarigt ekonomiskt bistånd", str(month), settings.display_path(path)
    )
