"""Benchmarks of the method's tools, for `make bench` (each function returns its rows).

- the caseload planner: 2 000 households and 45 social secretaries over a month (goal ≤ 5 s);
- long-term status over 100 000 payment histories of 36 months (goal ≤ 1 s).
Each figure is the median of several runs in one process (OR-Tools and the parameter files
are loaded before the first timed run; their import is not part of the solve).

Run alone: .venv/bin/python scripts/bench_method.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

Row = dict


def planner_unit(summer: bool = False, seed: int = 2026) -> tuple[list, list]:
    """A large synthetic unit: 45 full-time secretaries (every ninth away a week in March 2026,
    every fifth working Monday–Thursday), 2 000 households, 5 percent of them in the intensive
    group, nine in ten with a secretary already. summer: ten of them away 6–24 July instead."""
    from toolkit.caseload import Household, Staff

    rng = random.Random(seed)
    staff = []
    for i in range(45):
        if summer:
            away = (
                frozenset(date(2026, 7, 6) + timedelta(days=j) for j in range(19)) if i % 9 in (0, 4) else frozenset()
            )
        else:
            away = frozenset(date(2026, 3, 9) + timedelta(days=j) for j in range(5)) if i % 9 == 0 else frozenset()
        days = frozenset({0, 1, 2, 3}) if i % 5 == 4 else frozenset(range(5))
        staff.append(Staff(f"S{i:02d}", 100, days, away))
    households = [
        Household(
            f"H{i:04d}", "vecka" if rng.random() < 0.05 else "månad", staff[i % 45].id if rng.random() < 0.9 else None
        )
        for i in range(2000)
    ]
    return households, staff


def bench_planner(repeat: int = 5) -> list[Row]:
    """Plan a month for the large unit `repeat` times: March (every limit can be kept) and July
    (they cannot: the planner also finds how many more secretaries it takes). The figure is the
    solve time the planner reports; the whole call is within a few milliseconds of it."""
    from toolkit.caseload import plan_month

    rows = []
    for month, summer in (("2026-03", False), ("2026-07", True)):
        households, staff = planner_unit(summer)
        plan_month(households, staff, month)  # loads OR-Tools and the parameters
        seconds = []
        for _ in range(repeat):
            plan = plan_month(households, staff, month)
            seconds.append(plan.solve_seconds)
        verdict = "alla gränser hålls" if plan.feasible else f"{plan.extra_staff} socialsekreterare till behövs"
        rows.append(
            {
                "mätning": f"Planering 2 000 hushåll × 45 socialsekreterare, {month} (median av {repeat}; {verdict})",
                "värde": round(statistics.median(seconds), 2),
                "enhet": "s",
                "mål": "≤ 5 s",
            }
        )
    return rows


def bench_long_term(repeat: int = 5, count: int = 100_000) -> list[Row]:
    """Long-term status for `count` synthetic households over 2023–2025 (36 months)."""
    from toolkit.improvement import PaymentHistories, status, synthetic
    from toolkit.months import Month

    histories = synthetic.histories(count, Month(2023, 1), 36, seed=2026)
    status(histories, 2025)  # loads the parameter file
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        status(histories, 2025)
        times.append(time.perf_counter() - start)
    table = histories.to_long()
    reads = []
    for _ in range(3):
        start = time.perf_counter()
        PaymentHistories.from_long(table)
        reads.append(time.perf_counter() - start)
    return [
        {
            "mätning": f"Långvarighet för 100 000 betalningshistorier, 36 månader (median av {repeat})",
            "värde": round(statistics.median(times), 3),
            "enhet": "s",
            "mål": "≤ 1 s",
        },
        {
            "mätning": f"Inläsning av {len(table):,} betalningsrader till historier (median av 3)".replace(",", " "),
            "värde": round(statistics.median(reads), 2),
            "enhet": "s",
            "mål": "–",
        },
    ]


BENCHMARKS = [bench_planner, bench_long_term]


def main() -> int:
    rows = [row for bench in BENCHMARKS for row in bench()]
    width = max(len(r["mätning"]) for r in rows)
    for row in rows:
        print(f"{row['mätning']:<{width}}  {row['värde']:>8} {row['enhet']}  (mål {row['mål']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
