"""Jobbstimulans: whether part of a wage is left out this month, and the rule in words.

Every figure (the share, the months in a row, how long it lasts, the date it began) is read
from parameters/jobbstimulans.yaml through Rules; the texts are built from those values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .case import Case
from .months import Month
from .rules import Rules
from .schemas.national import JobbstimulansPeriod
from .words import MONTHS_PER_YEAR, months_text, number_word


@dataclass(frozen=True)
class JobbstimulansStatus:
    applies: bool
    reason: str
    start: Month | None = None
    end: Month | None = None


def the_period(months: int) -> str:
    """The rule's duration with the definite article: 'de två åren', 'de sex månaderna'."""
    years, rest = divmod(months, MONTHS_PER_YEAR)
    if rest == 0 and years == 1:
        return "det året"
    if rest == 0 and years:
        return f"de {number_word(years)} åren"
    return "den månaden" if months == 1 else f"de {number_word(months)} månaderna"


@dataclass(frozen=True)
class JobbstimulansWording:
    """The rule in force in a month, as words for a text a trainee reads."""

    percent_not_counted: int   # 25
    percent_counted: int       # 75
    qualifying: str            # 'sex månader'
    duration: str              # 'två år'
    the_duration: str          # 'de två åren'
    requalifying: str          # 'sex månader'
    first_day: date            # the day the rule first applied

    def summary(self) -> str:
        """'25 % av inkomsten av anställning räknas inte, efter sex månader i följd med
        försörjningsstöd, i två år; därefter krävs sex nya månader i följd.'"""
        return (f"{self.percent_not_counted} % av inkomsten av anställning räknas inte, efter {self.qualifying} i "
                f"följd med försörjningsstöd, i {self.duration}; därefter krävs {self.requalifying} nya i följd")


def first_day(rules: Rules) -> date:
    """The day jobbstimulans first applied (the earliest period in jobbstimulans.yaml)."""
    return min(period.start for period in rules.jobbstimulans_periods)


def wording(rules: Rules, month: Month) -> JobbstimulansWording | None:
    """The jobbstimulans rule in force in the month in words; None before it existed."""
    rule = rules.jobbstimulans(month)
    if rule is None:
        return None
    return JobbstimulansWording(rule.percent_not_counted, 100 - rule.percent_not_counted,
                                months_text(rule.qualifying_months), months_text(rule.duration_months),
                                the_period(rule.duration_months), months_text(rule.requalifying_months),
                                first_day(rules))


def _repeating(month: Month, in_row: int, rule: JobbstimulansPeriod) -> JobbstimulansStatus:
    """No month of start in the case: the period runs from the month the months in a row
    were reached, then new months in a row are needed; with unbroken bistånd the rule
    repeats in cycles of duration + requalifying months."""
    need = rule.qualifying_months
    cycle = rule.duration_months + rule.requalifying_months
    reached = month.plus(-(in_row - need))
    offset = month.minus(reached) % cycle
    start = month.plus(-offset)
    end = start.plus(rule.duration_months - 1)
    if offset < rule.duration_months:
        return JobbstimulansStatus(
            True, f"{in_row} månader i följd med försörjningsstöd (minst {need}): jobbstimulansen "
                  f"gäller från {start} till och med {end}", start, end)
    return JobbstimulansStatus(
        False, f"{in_row} månader i följd med försörjningsstöd: {the_period(rule.duration_months)} med "
               f"jobbstimulans tog slut {end}; {need} nya månader i följd behövs innan den gäller igen")


def jobbstimulans_status(case: Case, rules: Rules) -> JobbstimulansStatus:
    """Whether part of the income from employment is left out this month.

    Qualifies after the months in a row with försörjningsstöd that the rule needs; applies
    for the rule's duration from the first month it is applied; after that, new months in a
    row are needed. 4 kap. 1 b § socialtjänstlagen (2001:453); from 2025-07-01
    socialtjänstlagen (2025:400).
    """
    month, history = case.month, case.history
    rule = rules.jobbstimulans(month)
    if rule is None:
        return JobbstimulansStatus(False, f"jobbstimulansen gällde inte ännu (gäller från {first_day(rules)})")
    in_row, need = history.months_in_row, rule.qualifying_months
    since = history.jobbstimulans_from
    if since is None:
        if in_row < need:
            return JobbstimulansStatus(
                False, f"bara {in_row} månader i följd med försörjningsstöd före denna månad; "
                       f"jobbstimulansen gäller först efter {need}")
        return _repeating(month, in_row, rule)
    end = since.plus(rule.duration_months - 1)
    if month <= end:
        return JobbstimulansStatus(True, f"jobbstimulansen gäller sedan {since} till och med {end}", since, end)
    after = min(in_row, month.minus(end) - 1)
    again = rule.requalifying_months
    ended = f"{the_period(rule.duration_months)} tog slut {end}"
    if after >= again:
        new_end = month.plus(rule.duration_months - 1)
        return JobbstimulansStatus(
            True, f"{ended}; därefter {after} nya månader i följd med försörjningsstöd "
                  f"(minst {again}): jobbstimulansen gäller igen från denna månad till och med {new_end}",
            month, new_end)
    return JobbstimulansStatus(
        False, f"{the_period(rule.duration_months)} med jobbstimulans tog slut {end}; bara {after} nya månader "
               f"i följd med försörjningsstöd efter det (minst {again} behövs)")


__all__ = ["JobbstimulansStatus", "JobbstimulansWording", "first_day", "jobbstimulans_status", "the_period",
           "wording"]
