"""The month's calendar: Swedish public holidays, the unit's working days and the weeks in
which a client in the intensive group must be met.

The holidays are computed from the rules in toolkit/parameters/helgdagar.yaml (the law's
2 §); Easter Sunday comes from python-dateutil's Gregorian computus (dateutil.easter,
EASTER_WESTERN). Lag (1989:253) om allmänna helgdagar 1–2 §§.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from dateutil.easter import EASTER_WESTERN, easter

from ..months import MONTH_NAMES, Month
from ..schemas.method import DayRule
from .limits import holiday_period, load_holidays, load_method

WEEKDAYS = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")
WEEKDAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def _month_day(year: int, text: str) -> date:
    month, day = text.split("-")
    return date(year, int(month), int(day))


def _resolve(rule: DayRule, year: int, named: dict[date, str]) -> date:
    if rule.fixed is not None:
        return _month_day(year, rule.fixed)
    if rule.after_easter is not None:
        sunday: date = easter(year, EASTER_WESTERN)
        return sunday + timedelta(days=rule.after_easter)
    if rule.saturday_between is not None:
        first = _month_day(year, rule.saturday_between[0])
        return first + timedelta(days=(5 - first.weekday()) % 7)
    by_name = {name: day for day, name in named.items()}
    if rule.day_before not in by_name:
        raise ValueError(f"dagen_före pekar på '{rule.day_before}', som inte är en helgdag i listan")
    return by_name[rule.day_before] - timedelta(days=1)


def holidays(year: int, root: Path | None = None) -> dict[date, str]:
    """The allmänna helgdagar of a year that fall on a weekday or weekend, by date: {date: name}.

    Lag (1989:253) om allmänna helgdagar 1–2 §§ (the version in force on 1 January, and on
    any later change date within the year)."""
    days: dict[date, str] = {}
    starts = {date(year, 1, 1)} | {p.start for p in load_holidays(root).periods if p.start.year == year}
    for start in sorted(starts):
        period = holiday_period(start, root)
        for name, rule in period.holidays.items():
            day = _resolve(rule, year, days)
            if period.covers(day):
                days[day] = name
    return dict(sorted(days.items()))


def free_eves(year: int, root: Path | None = None) -> dict[date, str]:
    """The eves the unit does not work (midsommarafton, julafton, nyårsafton): a local rule."""
    named = holidays(year, root)
    return {_resolve(rule, year, named): name for name, rule in load_holidays(root).eves.eves.items()}


@dataclass(frozen=True)
class MonthCalendar:
    """The unit's calendar for one month: which days are working days, and why the others are not."""

    month: Month
    days_off: dict[date, str]  # weekday dates that are a holiday or a free eve, with the name
    working_days: tuple[date, ...]
    weeks: tuple[tuple[date, ...], ...]  # working days grouped by ISO week, for the weeks that count

    def week_of(self, day: date) -> int | None:
        """Index into weeks of the week a day belongs to, or None if that week does not count."""
        for index, week in enumerate(self.weeks):
            if week and week[0].isocalendar()[:2] == day.isocalendar()[:2]:
                return index
        return None


def month_calendar(month: Month, root: Path | None = None) -> MonthCalendar:
    """Working days (Monday–Friday, not a holiday or a free eve) and the counting weeks.

    A week counts for the intensive group when, by the setting vecka_hör_till_månad in
    metod.yaml, its Thursday lies in the month (ISO 8601) or it has a working day in the
    month; and it has at least one working day in the month."""
    off = {**holidays(month.year, root), **free_eves(month.year, root)}
    days = [month.first_day + timedelta(days=i) for i in range(month.days)]
    days_off = {d: off[d] for d in days if d in off and d.weekday() < 5}
    working = tuple(d for d in days if d.weekday() < 5 and d not in off)
    rule = load_method(root).settings.week_rule
    by_week: dict[tuple[int, int], list[date]] = {}
    for day in working:
        by_week.setdefault(day.isocalendar()[:2], []).append(day)
    weeks = []
    for (iso_year, iso_week), week_days in sorted(by_week.items()):
        thursday = date.fromisocalendar(iso_year, iso_week, 4)
        if rule == "arbetsdag" or Month.of(thursday) == month:
            weeks.append(tuple(week_days))
    return MonthCalendar(month, days_off, working, tuple(weeks))


def parse_weekdays(text: str) -> frozenset[int]:
    """'mån tis ons' or 'mån-fre' or 'mån,tor' -> weekday numbers (0 = Monday); ValueError in Swedish."""
    text = text.strip().lower().replace(",", " ").replace("–", "-")
    if not text:
        return frozenset(range(5))
    found: set[int] = set()
    for part in text.split():
        if "-" in part:
            first, _, last = part.partition("-")
            if first[:3] not in WEEKDAYS or last[:3] not in WEEKDAYS:
                raise ValueError(f"'{part}' är inga veckodagar (skriv till exempel mån-fre)")
            a, b = WEEKDAYS.index(first[:3]), WEEKDAYS.index(last[:3])
            if a > b:
                raise ValueError(f"'{part}': den första dagen ska komma före den sista")
            found.update(range(a, b + 1))
        elif part[:3] in WEEKDAYS and WEEKDAY_NAMES[WEEKDAYS.index(part[:3])].startswith(part):
            found.add(WEEKDAYS.index(part[:3]))
        else:
            raise ValueError(f"'{part}' är ingen veckodag (skriv mån, tis, ons, tor eller fre)")
    return frozenset(found)


def day_label(day: date) -> str:
    """'tisdag 3 mars' (Swedish, no year)."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
