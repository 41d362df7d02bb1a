"""A week of visits, for the trainee's exercise: a seeded task, a model answer, and the grading
that names each limit the trainee's plan breaks, in Swedish.

The week checks the limits that concern visits: at most four visits a day, visits only on
working days and when the secretary works, the intensive group met this week, and the
households whose monthly meeting falls this week met. It also checks the household cap: each
secretary's households this month (those in the task, the others they have besides, and the
colleagues' households they meet this week) stay within the cap (the handbook's settings
for part-time and for what the cap counts, toolkit/parameters/metod.yaml).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..months import Month
from ..schemas.method import MethodPeriod
from .limits import load_method, method_limits
from .model import Breach, Household, Staff, Visit
from .solver import Capacity, schedule_days
from .workdays import WEEKDAY_NAMES, day_label, free_eves, holidays

# The limits a week plan is checked against: key -> what the trainee is told was kept or broken.
RULES = {
    "arbetsdag": "besök bara på arbetsdagar (inte helgdagar, lediga aftnar eller helger)",
    "frånvaro": "besök bara de dagar socialsekreteraren arbetar",
    "besök_per_dag": "högst {per_day} besök per dag och socialsekreterare",
    "veckomöte": "ett möte den här veckan med varje hushåll i den intensiva gruppen",
    "månadsmöte": "ett möte med varje hushåll vars månadsmöte ska vara den här veckan",
    "hushållstak": "högst {cap} hushåll per socialsekreterare (färre vid deltid)",
}
WARNINGS = {"dubbelbokning", "annan_socialsekreterare", "okänd"}


@dataclass(frozen=True)
class WeekTask:
    """A unit's week: its days (Monday–Friday), staff, households and which monthly meetings are due."""

    monday: date
    staff: tuple[Staff, ...]
    households: tuple[Household, ...]
    due: frozenset[str]
    limits: MethodPeriod
    others: tuple[tuple[str, int], ...] = ()  # (secretary, households they have besides those listed)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.monday + timedelta(days=i) for i in range(5))

    def days_off(self) -> dict[date, str]:
        """Weekdays of the week that are a holiday or a free eve, with the name."""
        off: dict[date, str] = {}
        for year in {d.year for d in self.days}:
            off.update(holidays(year))
            off.update(free_eves(year))
        return {d: off[d] for d in self.days if d in off}

    def working_days(self, staff: Staff) -> tuple[date, ...]:
        off = self.days_off()
        return tuple(d for d in self.days if d not in off and d.weekday() in staff.weekdays and d not in staff.absent)

    def cap(self, staff: Staff) -> int:
        """The secretary's household cap (scaled by part-time when the handbook's setting says so)."""
        return staff.household_cap(self.limits, load_method().settings.part_time_cap)

    def caseload(self, staff: Staff) -> int:
        """The households the secretary has this month when each meets only their own."""
        return dict(self.others).get(staff.id, 0) + sum(1 for h in self.households if h.secretary == staff.id)

    def to_meet(self) -> list[Household]:
        """The households that must be met this week: the intensive group and the due monthly ones."""
        return [h for h in self.households if h.frequency == "vecka" or h.id in self.due]


@dataclass(frozen=True)
class WeekGrade:
    """The result: every breach (errors and warnings) and the limits that were kept."""

    breaches: tuple[Breach, ...]
    kept: tuple[str, ...]
    per_day: int
    cap: int = 45

    @property
    def passed(self) -> bool:
        return not any(b.severity == "fel" for b in self.breaches)

    def broken_rules(self) -> list[str]:
        return sorted({b.rule for b in self.breaches if b.severity == "fel"})

    def rule_text(self, rule: str) -> str:
        return RULES[rule].format(per_day=self.per_day, cap=self.cap)


def grade_week(task: WeekTask, proposal: Iterable[tuple[str, str, date]]) -> WeekGrade:
    """Grade a trainee's week: proposal is (household, social secretary, day) per visit.
    Every breach names the limit, the secretary, the household and the day in Swedish."""
    staff = {s.id: s for s in task.staff}
    homes = {h.id: h for h in task.households}
    off = task.days_off()
    per_day = task.limits.max_visits_per_day
    breaches: list[Breach] = []
    booked: list[tuple[str, str, date]] = []
    for hid, sid, day in proposal:
        if hid not in homes or sid not in staff or day not in task.days:
            what = (
                f"hushållet '{hid}'"
                if hid not in homes
                else f"socialsekreteraren '{sid}'"
                if sid not in staff
                else f"dagen {day.isoformat()}"
            )
            breaches.append(
                Breach("okänd", f"Besöket kan inte rättas: {what} finns inte i uppgiften.", "varning", sid, hid, day)
            )
            continue
        booked.append((hid, sid, day))
        if day in off:
            breaches.append(
                Breach(
                    "arbetsdag",
                    f"Besöket hos {hid} är bokat {day_label(day)}, som är {off[day]}: ingen arbetar då.",
                    "fel",
                    sid,
                    hid,
                    day,
                )
            )
        elif day not in task.working_days(staff[sid]):
            breaches.append(
                Breach(
                    "frånvaro",
                    f"{sid} arbetar inte {day_label(day)}, men har ett besök hos {hid} den dagen.",
                    "fel",
                    sid,
                    hid,
                    day,
                )
            )
    for (sid, day), count in sorted(Counter((s, d) for _, s, d in booked).items()):
        if count > per_day:
            breaches.append(
                Breach(
                    "besök_per_dag",
                    f"{sid} har {count} besök {day_label(day)}: metoden tillåter högst {per_day} besök per dag.",
                    "fel",
                    sid,
                    None,
                    day,
                )
            )
    for (hid, day), count in sorted(Counter((h, d) for h, _, d in booked).items()):
        if count > 1:
            breaches.append(
                Breach(
                    "dubbelbokning", f"{hid} har {count} besök {day_label(day)}; ett räcker.", "varning", None, hid, day
                )
            )
    met = {h for h, _, _ in booked}
    for household in task.households:
        if household.frequency == "vecka" and household.id not in met:
            breaches.append(
                Breach(
                    "veckomöte",
                    f"{household.id} är i den intensiva gruppen och ska träffas varje "
                    "vecka, men har inget besök den här veckan.",
                    "fel",
                    household.secretary,
                    household.id,
                )
            )
        elif household.id in task.due and household.id not in met:
            breaches.append(
                Breach(
                    "månadsmöte",
                    f"{household.id} ska ha sitt månadsmöte den här veckan, men har inget besök.",
                    "fel",
                    household.secretary,
                    household.id,
                )
            )
    for hid, sid, day in booked:
        own = homes[hid].secretary
        if own and own != sid and own in staff and task.working_days(staff[own]):
            breaches.append(
                Breach(
                    "annan_socialsekreterare",
                    f"{hid} har {own} som sin socialsekreterare, som "
                    f"arbetar den här veckan, men besöket är bokat hos {sid}.",
                    "varning",
                    sid,
                    hid,
                    day,
                )
            )
    breaches += _caps(task, booked)
    broken = {b.rule for b in breaches}
    kept = tuple(rule for rule in RULES if rule not in broken)
    return WeekGrade(tuple(breaches), kept, per_day, task.limits.max_households)


def _caps(task: WeekTask, booked: list[tuple[str, str, date]]) -> list[Breach]:
    """The household cap: a secretary's households this month are their own (a monthly household
    a colleague meets instead this week is the colleague's) and every colleague's household they
    meet. The cap counts the households met (metod.yaml: tak_räknas_på)."""
    visitors: dict[str, set[str]] = {}
    for hid, sid, _ in booked:
        visitors.setdefault(hid, set()).add(sid)
    out = []
    for member in task.staff:
        count = dict(task.others).get(member.id, 0)
        for household in task.households:
            met_by = visitors.get(household.id, set())
            if household.secretary == member.id:
                handed_over = household.frequency == "månad" and bool(met_by) and member.id not in met_by
                count += not handed_over
            elif member.id in met_by:
                count += 1
        cap = task.cap(member)
        if count > cap:
            part = f" ({member.percent} procents tjänst)" if member.percent < 100 else ""
            out.append(
                Breach(
                    "hushållstak",
                    f"{member.id} får {count} hushåll den här månaden med din plan: taket är {cap} hushåll{part}.",
                    "fel",
                    member.id,
                )
            )
    return out


def model_answer(task: WeekTask) -> list[Visit]:
    """A week plan that keeps every limit: each secretary meets their own households, spread
    as evenly as the days allow (the month planner's exact spread). ValueError if the task
    cannot be solved that way."""
    visits: list[Visit] = []
    for member in task.staff:
        days = task.working_days(member)
        mine = sorted((h for h in task.to_meet() if h.secretary == member.id), key=lambda h: h.id)
        weekly = [h.id for h in mine if h.frequency == "vecka"]
        monthly = [h.id for h in mine if h.frequency == "månad"]
        if not mine:
            continue
        if not days or len(mine) > task.limits.max_visits_per_day * len(days):
            raise ValueError(f"{member.id} hinner inte träffa sina hushåll den här veckan")
        cap = Capacity(member, len(mine), days, (len(days),), task.limits.max_visits_per_day)
        visits += [
            Visit(day, member.id, hid, kind)  # type: ignore[arg-type]
            for day, hid, kind in schedule_days(cap, (days,), monthly, weekly)
        ]
    return sorted(visits, key=lambda v: (v.day, v.staff, v.household))


# Weeks with a holiday or an eve make the exercise interesting; all are Mondays.
EXAMPLE_WEEKS = (date(2026, 3, 2), date(2026, 3, 30), date(2026, 5, 11), date(2026, 6, 15), date(2026, 12, 21))


def week_task(seed: int, monday: date | None = None) -> WeekTask:
    """A seeded week for the exercise: three secretaries (one part-time, one away a day), their
    households (some in the intensive group) and the monthly meetings due this week. The same
    seed gives the same task; every task has a model answer."""
    rng = random.Random(seed)
    monday = monday or rng.choice(EXAMPLE_WEEKS)
    if monday.weekday() != 0:
        raise ValueError(f"{monday.isoformat()} är ingen måndag")
    limits = method_limits(Month.of(monday))
    codes = rng.sample(["A", "B", "C", "D", "E", "F"], 3)
    away = monday + timedelta(days=rng.randrange(5))
    staff = (Staff(codes[0]), Staff(codes[1], 75, frozenset({0, 1, 2, 3})), Staff(codes[2], absent=frozenset({away})))
    households: list[Household] = []
    due: set[str] = set()
    number = 1
    for member in staff:
        for i in range(rng.randint(4, 6)):
            hid = f"H{number:02d}"
            number += 1
            frequency = "vecka" if i < rng.randint(1, 2) else "månad"
            households.append(Household(hid, frequency, member.id))  # type: ignore[arg-type]
            if frequency == "månad" and rng.random() < 0.7:
                due.add(hid)
    # Each secretary's caseload lies at or just under the cap, so a colleague's household taken
    # over can break it: the trainee has to look before moving a visit.
    task = WeekTask(monday, staff, tuple(households), frozenset(due), limits)
    others = tuple((m.id, task.cap(m) - task.caseload(m) - rng.choice((0, 0, 1, 2))) for m in staff)
    task = WeekTask(monday, staff, tuple(households), frozenset(due), limits, others)
    model_answer(task)  # every generated task must be solvable
    return task


def describe_task(task: WeekTask) -> list[str]:
    """The task in Swedish, for the exercise's instructions."""
    lines = [f"Veckan {day_label(task.days[0])} – {day_label(task.days[-1])}."]
    for day, name in task.days_off().items():
        lines.append(f"{day_label(day).capitalize()} är {name}: ingen arbetar.")
    for member in task.staff:
        days = ", ".join(WEEKDAY_NAMES[d.weekday()] for d in task.working_days(member))
        part = f" ({member.percent} procents tjänst)" if member.percent < 100 else ""
        lines.append(
            f"{member.id} arbetar {days}{part}. {member.id} har {task.caseload(member)} hushåll den här "
            f"månaden, och taket är {task.cap(member)}."
        )
    for household in task.to_meet():
        why = "intensiv grupp, varje vecka" if household.frequency == "vecka" else "månadsmötet är den här veckan"
        lines.append(f"{household.id}: socialsekreterare {household.secretary} ({why}).")
    return lines
