"""Plan a month of visits for a unit: every household met as often as the method says, no
secretary above the household cap or above four visits a day.

When the limits cannot all be kept with the staff at hand, the plan says which limit breaks
and adds the fewest full-time secretaries that make a plan possible (found by the solver,
which minimises the number of extra secretaries first), and shows that plan.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from pathlib import Path

from ..errors import InputError, ToolkitError
from ..months import Month
from ..schemas.method import MethodPeriod
from .limits import load_method, method_limits
from .model import Breach, Household, Plan, Staff, StaffLoad, Visit
from .solver import Capacity, Counts, NoPlan, _cp, assign_counts, schedule_days
from .workdays import MonthCalendar, month_calendar


def capacity(staff: Staff, calendar: MonthCalendar, limits: MethodPeriod, part_time_rule: str) -> Capacity:
    """What one secretary can take in the month: households, days and days per counting week."""
    days = staff.working_days(calendar)
    mine = set(days)
    weeks = tuple(sum(1 for d in week if d in mine) for week in calendar.weeks)
    cap = staff.household_cap(limits, part_time_rule) if days else 0
    return Capacity(staff, cap, days, weeks, limits.max_visits_per_day)


def _check_ids(households: list[Household], staff: list[Staff]) -> None:
    seen: set[str] = set()
    for member in staff:
        if member.id in seen:
            raise InputError(f"socialsekreteraren '{member.id}' står två gånger")
        seen.add(member.id)
    ids: set[str] = set()
    for household in households:
        if household.id in ids:
            raise InputError(f"hushållet '{household.id}' står två gånger")
        ids.add(household.id)
        if household.secretary is not None and household.secretary not in seen:
            raise InputError(
                f"hushållet '{household.id}' har socialsekreteraren '{household.secretary}', "
                "som inte finns i personallistan"
            )


def _hire_bound(standard: Capacity, households: list[Household]) -> int:
    """Enough extra full-time secretaries to take every household even with no staff at all."""
    weekly = sum(1 for h in households if h.frequency == "vecka")
    monthly = len(households) - weekly
    per_monthly = min(standard.cap, standard.visits)
    return math.ceil(monthly / max(per_monthly, 1)) + math.ceil(weekly / max(standard.weekly_max, 1))


def _distribute(everyone: list[Capacity], counts: list[Counts], households: list[Household]) -> dict[str, str]:
    """Households to secretaries, by the counts: each keeps the first of their own households
    (in id order); the rest and the households without a secretary fill the free places."""
    own: dict[tuple[str | None, str], list[str]] = {}
    for household in sorted(households, key=lambda h: h.id):
        own.setdefault((household.secretary, household.frequency), []).append(household.id)
    assignment: dict[str, str] = {}
    kept_ids: set[str] = set()
    for capacity_, count in zip(everyone, counts, strict=True):
        sid = capacity_.staff.id
        for kind, keep in (("månad", count.kept_monthly), ("vecka", count.kept_weekly)):
            for hid in own.get((sid, kind), [])[:keep]:
                assignment[hid] = sid
                kept_ids.add(hid)
    pool = {
        kind: [h.id for h in sorted(households, key=lambda h: h.id) if h.frequency == kind and h.id not in kept_ids]
        for kind in ("månad", "vecka")
    }
    for capacity_, count in zip(everyone, counts, strict=True):
        for kind, need in (("månad", count.monthly - count.kept_monthly), ("vecka", count.weekly - count.kept_weekly)):
            for hid in pool[kind][:need]:
                assignment[hid] = capacity_.staff.id
            pool[kind] = pool[kind][need:]
    return assignment


def diagnose(
    capacities: list[Capacity], households: list[Household], calendar: MonthCalendar, limits: MethodPeriod
) -> list[Breach]:
    """Which of the method's limits the present staff cannot keep (each checked on its own)."""
    weekly = sum(1 for h in households if h.frequency == "vecka")
    monthly = len(households) - weekly
    weeks = max(len(calendar.weeks), 1)
    breaches = []
    places = sum(c.cap for c in capacities)
    if len(households) > places:
        breaches.append(
            Breach(
                "hushållstak",
                (
                    f"Taket {limits.max_households} hushåll per socialsekreterare går inte att hålla: enheten har "
                    f"{len(households)} hushåll men plats för {places} hos de socialsekreterare som arbetar i månaden."
                ),
            )
        )
    needed = monthly + weeks * weekly
    visits = sum(c.visits for c in capacities)
    reach = sum(min(c.cap, c.visits) for c in capacities)
    if needed > visits:
        breaches.append(
            Breach(
                "besök_per_dag",
                (
                    f"Gränsen {limits.max_visits_per_day} besök per dag går inte att hålla: månaden kräver {needed} besök "
                    f"({monthly} månadsmöten och {weekly} hushåll × {weeks} veckor), men socialsekreterarnas "
                    f"arbetsdagar ger plats för {visits}."
                ),
            )
        )
    elif len(households) > reach and len(households) <= places:
        breaches.append(
            Breach(
                "besök_per_dag",
                (
                    f"Gränsen {limits.max_visits_per_day} besök per dag går inte att hålla: den som arbetar få dagar i månaden "
                    f"hinner träffa färre hushåll än taket, så socialsekreterarna hinner träffa högst {reach} av "
                    f"{len(households)} hushåll."
                ),
            )
        )
    able = [c for c in capacities if c.weekly_ok and c.days]
    weekly_places = sum(c.weekly_max for c in able)
    if weekly > weekly_places:
        breaches.append(
            Breach(
                "veckomöte",
                (
                    f"Hushållen i den intensiva gruppen kan inte träffas varje vecka: de är {weekly}, och de "
                    f"{len(able)} socialsekreterare som arbetar varje vecka i månaden kan ta högst {weekly_places}."
                ),
            )
        )
    if not breaches:
        breaches.append(
            Breach(
                "samtidigt",
                (
                    "Varje gräns går att hålla för sig, men inte alla samtidigt med den personal som finns "
                    "(till exempel räcker besökstiderna bara om några får fler hushåll än taket)."
                ),
            )
        )
    return breaches


def lower_bound(capacities: list[Capacity], standard: Capacity, households: list[Household], weeks: int) -> int:
    """Extra full-time secretaries needed at least, limit by limit: the missing household places,
    visit times and weekly places, each divided by what one full-time secretary adds."""
    weekly = sum(1 for h in households if h.frequency == "vecka")
    needed = len(households) - weekly + max(weeks, 1) * weekly
    short = [
        (len(households) - sum(c.cap for c in capacities), standard.cap),
        (needed - sum(c.visits for c in capacities), standard.visits),
        (len(households) - sum(min(c.cap, c.visits) for c in capacities), min(standard.cap, standard.visits)),
        (weekly - sum(c.weekly_max for c in capacities if c.weekly_ok and c.days), standard.weekly_max),
    ]
    return max((math.ceil(gap / per) for gap, per in short if gap > 0 and per > 0), default=0)


def plan_month(
    households: list[Household], staff: list[Staff], month: Month | str, *, root: Path | None = None
) -> Plan:
    """Plan the month's visits (see the module docstring). Raises InputError for duplicate ids
    or a household whose secretary is not on the staff list, MissingParameterError when the
    method's limits or the holiday list are missing for the month."""
    _cp()  # load OR-Tools first: its import is not part of the solve time
    start = time.perf_counter()
    month = Month.parse(month)
    limits = method_limits(month, root)
    rule = load_method(root).settings.part_time_cap
    calendar = month_calendar(month, root)
    if not calendar.working_days:
        raise InputError(f"månaden {month} har inga arbetsdagar att planera")
    _check_ids(households, staff)
    notes = []
    if not calendar.weeks and any(h.frequency == "vecka" for h in households):
        households = [Household(h.id, "månad", h.secretary) for h in households]
        notes.append("Månaden har ingen hel vecka att planera: hushållen i den intensiva gruppen träffas en gång.")
    capacities = [capacity(s, calendar, limits, rule) for s in staff]
    standard = capacity(Staff("NY"), calendar, limits, rule)
    try:  # first with the staff at hand; only if that fails, with extra secretaries to choose from
        hires: list[Capacity] = []
        counts, hired, status, _ = assign_counts(capacities, hires, households, len(calendar.weeks))
    except NoPlan:
        hires = [
            capacity(Staff(f"NY-{i + 1}", extra=True), calendar, limits, rule)
            for i in range(_hire_bound(standard, households))
        ]
        try:
            counts, hired, status, _ = assign_counts(capacities, hires, households, len(calendar.weeks))
        except NoPlan as error:  # the bound makes this unreachable; say so plainly if it ever is not
            raise ToolkitError(
                f"planeraren hittade ingen plan, inte ens med fler socialsekreterare ({error})"
            ) from None
    everyone = capacities + hires[:hired]
    counts = counts[: len(everyone)]
    assignment = _distribute(everyone, counts, households)
    kinds = {h.id: h.frequency for h in households}
    visits: list[Visit] = []
    loads: list[StaffLoad] = []
    for cap, count in zip(everyone, counts, strict=True):
        sid = cap.staff.id
        mine = sorted(hid for hid, s in assignment.items() if s == sid)
        weekly_ids = [hid for hid in mine if kinds[hid] == "vecka"]
        monthly_ids = [hid for hid in mine if kinds[hid] == "månad"]
        busiest = 0
        if mine:
            done = schedule_days(cap, calendar.weeks, monthly_ids, weekly_ids)
            visits += [Visit(day, sid, hid, kind) for day, hid, kind in done]  # type: ignore[arg-type]
            per_day = Counter(day for day, _, _ in done)
            busiest = max(per_day.values())
        loads.append(
            StaffLoad(
                sid,
                cap.staff.extra,
                len(cap.days),
                cap.cap,
                cap.visits,
                count.monthly,
                count.weekly,
                count.monthly + len(calendar.weeks) * count.weekly,
                busiest,
                cap.days,
            )
        )
    visits.sort(key=lambda v: (v.day, v.staff, v.household))
    own = {h.id: h.secretary for h in households}
    moved = sorted((hid, own[hid], sid) for hid, sid in assignment.items() if own[hid] is not None and own[hid] != sid)
    breaches = diagnose(capacities, households, calendar, limits) if hired else []
    bound = lower_bound(capacities, standard, households, len(calendar.weeks)) if hired else 0
    return Plan(
        str(month),
        limits,
        hired == 0,
        hired,
        visits,
        assignment,
        moved,
        loads,
        breaches,
        time.perf_counter() - start,
        status,
        notes,
        bound,
        len(calendar.working_days),
    )
