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

    percent_not_counted: int  # 25
    percent_counted: int  # 75
    qualifying: str  # 'sex månader'
    duration: str  # 'två år'
    the_duration: str  # 'de två åren'
    requalifying: str  # 'sex månader'
    first_day: date  # the day the rule first applied

    def summary(self) -> str:
        """'25 % av inkomsten av anställning räknas inte, efter sex månader i följd med
        försörjningsstöd, i två år; därefter krävs sex nya månader i följd.'"""
        return (
            f"{self.percent_not_counted} % av inkomsten av anställning räknas inte, efter {self.qualifying} i "
            f"följd med försörjningsstöd, i {self.duration}; därefter krävs {self.requalifying} nya i följd"
        )


def first_day(rules: Rules) -> date:
    """The day jobbstimulans first applied (the earliest period in jobbstimulans.yaml)."""
    return min(period.start for period in rules.jobbstimulans_periods)


def wording(rules: Rules, month: Month) -> JobbstimulansWording | None:
    """The jobbstimulans rule in force in the month in words; None before it existed."""
    rule = rules.jobbstimulans(month)
    if rule is None:
        return None
    return JobbstimulansWording(
        rule.percent_not_counted,
        100 - rule.percent_not_counted,
        months_text(rule.qualifying_months),
        months_text(rule.duration_months),
        the_period(rule.duration_months),
        months_text(rule.requalifying_months),
        first_day(rules),
    )


def _walk(first: Month, run_start: Month, month: Month, rule: JobbstimulansPeriod, known: bool) -> JobbstimulansStatus:
    """The periods from the first one: each lasts the rule's duration; the next needs new months
    in a row with försörjningsstöd after it ended. The months in a row before this month show
    the current run of bistånd; earlier months are taken as unbroken, so a break is seen only
    where the run began (a case with an older break gives the first month of the latest period)."""
    start, again, ended = first, rule.requalifying_months, None
    while True:
        end = start.plus(rule.duration_months - 1)
        if month <= end:
            if start == first and known:
                reason = f"jobbstimulansen gäller sedan {start} till och med {end}"
            elif start == first:
                reason = (
                    f"{month.minus(run_start)} månader i följd med försörjningsstöd (minst "
                    f"{rule.qualifying_months}): jobbstimulansen gäller från {start} till och med {end}"
                )
            else:
                reason = (
                    f"jobbstimulansen började {first}; {the_period(rule.duration_months)} tog slut {ended}; "
                    f"efter {again} nya månader i följd med försörjningsstöd gäller en ny period från {start} "
                    f"till och med {end}"
                )
            return JobbstimulansStatus(True, reason, start, end)
        # New months in a row count from the month after the period, or from the start of the run.
        counted_from = max(run_start, end.plus(1))
        next_start = counted_from.plus(again)
        if next_start > month:
            after = month.minus(counted_from)
            return JobbstimulansStatus(
                False,
                f"{the_period(rule.duration_months)} med jobbstimulans tog slut {end}; bara {after} nya "
                f"månader i följd med försörjningsstöd efter det (minst {again} behövs, en ny period "
                f"kan börja tidigast {next_start})",
                start,
                end,
            )
        start, ended = next_start, end


def jobbstimulans_status(case: Case, rules: Rules) -> JobbstimulansStatus:
    """Whether part of the income from employment is left out this month.

    Qualifies after the months in a row with försörjningsstöd that the rule needs; applies
    for the rule's duration from the first month it is applied; after that, new months in a
    row are needed, then the next period, and so on. With a known first month
    (historik.jobbstimulans_från) the periods follow from it; without one they follow from the
    month the months in a row were first reached: both paths give the same months.
    12 kap. 8 § socialtjänstlagen (2025:400); before 2025-07-01 4 kap. 1 b § socialtjänstlagen (2001:453).
    """
    month, history = case.month, case.history
    rule = rules.jobbstimulans(month)
    if rule is None:
        return JobbstimulansStatus(False, f"jobbstimulansen gällde inte ännu (gäller från {first_day(rules)})")
    in_row, need = history.months_in_row, rule.qualifying_months
    run_start = month.plus(-in_row)
    since = history.jobbstimulans_from
    if since is not None:
        return _walk(since, run_start, month, rule, known=True)
    if in_row < need:
        return JobbstimulansStatus(
            False,
            f"bara {in_row} månader i följd med försörjningsstöd före denna månad; "
            f"jobbstimulansen gäller först efter {need}",
        )
    return _walk(run_start.plus(need), run_start, month, rule, known=False)


__all__ = ["JobbstimulansStatus", "JobbstimulansWording", "first_day", "jobbstimulans_status", "the_period", "wording"]
