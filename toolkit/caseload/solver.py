"""The planner in two exact stages: an OR-Tools CP-SAT model, then an exact spread per secretary.

1. Assignment (one model for the unit). Households of one frequency are interchangeable
   except for who their own secretary is, so the model decides counts per secretary:
   monthly m_s and weekly w_s households, how many of each stay with their own secretary,
   and how many extra full-time secretaries are hired. A secretary s with D_s working days,
   n_sk of them in counting week k (K weeks) and a cap C_s can take the counts exactly when
       m_s + w_s <= C_s,   w_s <= 4 n_sk for every week k,   m_s + K w_s <= 4 D_s
   (and w_s = 0 if s is away a whole counting week). These are also sufficient for stage 2,
   so the decomposition loses nothing. Objective, in order: fewest extra secretaries, fewest
   households met by someone other than their own secretary, lowest peak utilisation.
2. Days (per secretary, schedule_days): the visits spread over the working days with the
   lowest possible busiest day, weekly clients on the same weekday where the week allows.
   This part is a balancing problem with an exact direct solution (see schedule_days), so
   it needs no search; households take the days in id order, so the plan is deterministic.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from .model import Household, Staff

WORKERS = 1  # one CP-SAT worker: deterministic, and the models are small


@dataclass(frozen=True)
class Capacity:
    """What one secretary can take in the month (see the module docstring)."""

    staff: Staff
    cap: int  # households
    days: tuple[date, ...]
    week_days: tuple[int, ...]  # working days in each counting week
    per_day: int

    @property
    def visits(self) -> int:
        return self.per_day * len(self.days)

    @property
    def weekly_ok(self) -> bool:
        return all(n > 0 for n in self.week_days)

    @property
    def weekly_max(self) -> int:
        """Most weekly households alone (no monthly ones)."""
        if not self.weekly_ok or not self.days:
            return 0
        weeks = max(len(self.week_days), 1)
        per_week = min((self.per_day * n for n in self.week_days), default=self.visits)
        return min(self.cap, per_week, self.visits // weeks)


class NoPlan(Exception):
    """The assignment model has no solution (the limits cannot be kept with these secretaries)."""


@dataclass(frozen=True)
class Counts:
    monthly: int
    weekly: int
    kept_monthly: int
    kept_weekly: int


def _cp() -> Any:
    """OR-Tools' CP-SAT module, imported when first needed (the import takes seconds)."""
    from ortools.sat.python import cp_model

    return cp_model


def _solver(seconds: float) -> Any:
    cp_model = _cp()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = WORKERS
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.random_seed = 1
    return solver


def assign_counts(
    capacities: list[Capacity], hires: list[Capacity], households: list[Household], weeks: int
) -> tuple[list[Counts], int, str, float]:
    """Stage 1. Returns counts per secretary (current staff, then possible hires), the number of
    hires used, the solver's status name and its wall time; NoPlan when there is no solution."""
    cp_model = _cp()
    model = cp_model.CpModel()
    everyone = capacities + hires
    k = max(weeks, 1)
    own_m = {c.staff.id: 0 for c in everyone}
    own_w = dict(own_m)
    for household in households:
        if household.secretary in own_m:
            (own_w if household.frequency == "vecka" else own_m)[household.secretary] += 1
    total_m = sum(1 for h in households if h.frequency == "månad")
    total_w = len(households) - total_m
    m, w, km, kw = [], [], [], []
    util = model.new_int_var(0, 1000, "peak")
    hired = [model.new_bool_var(f"hire{i}") for i in range(len(hires))]
    for i, c in enumerate(everyone):
        ms = model.new_int_var(0, c.cap, f"m{i}")
        ws = model.new_int_var(0, c.weekly_max, f"w{i}")
        model.add(ms + ws <= c.cap)
        model.add(ms + k * ws <= c.visits)
        for n in c.week_days:
            model.add(ws <= c.per_day * n)
        if i >= len(capacities):
            h = hired[i - len(capacities)]
            model.add(ms + ws == 0).only_enforce_if(~h)
        kms = model.new_int_var(0, own_m[c.staff.id], f"km{i}")
        kws = model.new_int_var(0, own_w[c.staff.id], f"kw{i}")
        model.add(kms <= ms)
        model.add(kws <= ws)
        if c.cap:
            model.add(1000 * (ms + ws) <= util * c.cap)
        if c.visits:
            model.add(1000 * (ms + k * ws) <= util * c.visits)
        m.append(ms)
        w.append(ws)
        km.append(kms)
        kw.append(kws)
    for a, b in zip(hired, hired[1:], strict=False):
        model.add(a >= b)  # hires in order: no symmetric solutions
    model.add(sum(m) == total_m)
    model.add(sum(w) == total_w)
    moves = (sum(own_m.values()) + sum(own_w.values())) - sum(km) - sum(kw)
    n = len(households)
    model.minimize(sum(hired) * 1001 * (n + 1) + moves * 1001 + util)
    solver = _solver(10.0)
    start = time.perf_counter()
    status = solver.solve(model)
    seconds = time.perf_counter() - start
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise NoPlan(solver.status_name(status))
    counts = [
        Counts(solver.value(m[i]), solver.value(w[i]), solver.value(km[i]), solver.value(kw[i]))
        for i in range(len(everyone))
    ]
    return counts, sum(solver.value(h) for h in hired), solver.status_name(status), seconds


def schedule_days(
    capacity: Capacity, weeks: tuple[tuple[date, ...], ...], monthly: list[str], weekly: list[str]
) -> list[tuple[date, str, str]]:
    """Stage 2 for one secretary: (day, household, kind) for every visit, with the lowest
    possible busiest day. Exact, no search needed:
    - weekly household j prefers weekday j mod 5 every week; one whose day is not worked that
      week takes the least busy day of the week. Each week is then as even as it can be
      (at most ceil(w / n_k) on a day), which any plan needs as well;
    - monthly visits fill the days level by level (water-filling). Above the weekly peak the
      free room at a level L is D·L minus the weekly visits, the same for every spread of
      the weekly visits, so the busiest day is the lowest possible (and at most four, by
      stage 1's constraints)."""
    days = capacity.days
    load = {d: 0 for d in days}
    visits: list[tuple[date, str, str]] = []
    for week in weeks:
        mine = [d for d in week if d in load]
        by_weekday = {d.weekday(): d for d in mine}
        later = []
        for j, hid in enumerate(weekly):
            day = by_weekday.get(j % 5)
            if day is not None and load[day] < capacity.per_day:
                load[day] += 1
                visits.append((day, hid, "vecka"))
            else:
                later.append(hid)
        for hid in later:
            day = min(mine, key=lambda d: (load[d], d))
            load[day] += 1
            visits.append((day, hid, "vecka"))
    remaining = len(monthly)
    slots_: list[date] = []
    level = 0
    while remaining and level < capacity.per_day:
        level += 1
        for d in days:
            if remaining and load[d] < level:
                load[d] += 1
                slots_.append(d)
                remaining -= 1
    if remaining:
        raise ValueError("fler månadsmöten än besökstider: stegets villkor är inte uppfyllda")
    visits += [(day, hid, "månad") for hid, day in zip(monthly, sorted(slots_), strict=True)]
    return visits
