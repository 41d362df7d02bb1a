"""Calendar charts of a visit plan (toolkit.caseload): the unit's month, and one social
secretary's month with the households of each day. Every chart comes with a text that
says what it shows, for alt text and for readers who do not see the picture."""

from __future__ import annotations

from collections import Counter
from datetime import date

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..caseload import Plan, day_label, month_calendar
from ..caseload.workdays import WEEKDAY_NAMES
from ..months import Month, month_label

COLUMNS = 5  # Monday–Friday
OFF = "#e6e6e6"
BLUE = "#1f5f8b"


def _grid(month: Month) -> list[list[date | None]]:
    """Weeks of the month as rows of Monday–Friday (None outside the month)."""
    rows: list[list[date | None]] = []
    for offset in range(month.days):
        day = month.first_day.replace(day=offset + 1)
        if day.weekday() >= COLUMNS:
            continue
        if not rows or day.weekday() == 0:
            rows.append([None] * COLUMNS)
        rows[-1][day.weekday()] = day
    return rows


def _frame(month: Month, title: str, height_per_row: float = 1.0) -> tuple[Figure, Axes, list[list[date | None]]]:
    grid = _grid(month)
    fig = Figure(figsize=(7.2, 0.9 + height_per_row * len(grid)), dpi=110)
    ax = fig.subplots()
    ax.set_xlim(0, COLUMNS)
    ax.set_ylim(len(grid), 0)
    ax.set_xticks([c + 0.5 for c in range(COLUMNS)], [n.capitalize() for n in WEEKDAY_NAMES[:COLUMNS]])
    ax.xaxis.tick_top()
    ax.set_yticks([])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(title, fontsize=11, pad=24)
    return fig, ax, grid


def unit_calendar(plan: Plan) -> tuple[Figure, str]:
    """The unit's month: visits per day in each cell, days off in grey with their name."""
    month = Month.parse(plan.month)
    calendar = month_calendar(month)
    per_day = Counter(v.day for v in plan.visits)
    top = max(per_day.values(), default=1)
    fig, ax, grid = _frame(month, f"Besök per dag, hela enheten, {month_label(month)}")
    for row, week in enumerate(grid):
        for col, day in enumerate(week):
            if day is None:
                continue
            off = calendar.days_off.get(day)
            shade = OFF if off else (0.12, 0.37, 0.55, 0.08 + 0.45 * per_day.get(day, 0) / top)
            ax.add_patch(Rectangle((col + 0.03, row + 0.03), 0.94, 0.94, color=shade))
            ax.text(col + 0.08, row + 0.25, str(day.day), fontsize=8)
            text = off if off else f"{per_day.get(day, 0)} besök"
            ax.text(col + 0.5, row + 0.62, text, ha="center", fontsize=8 if off else 9)
    fig.tight_layout()
    busiest = max(per_day.items(), key=lambda item: (item[1], -item[0].toordinal()), default=None)
    lines = [
        f"Kalender för {month_label(month)}: hela enhetens besök per arbetsdag, {len(plan.visits)} besök på "
        f"{len(calendar.working_days)} arbetsdagar."
    ]
    if busiest:
        lines.append(f"Flest besök {day_label(busiest[0])}: {busiest[1]}.")
    if calendar.days_off:
        lines.append(
            "Lediga vardagar: " + ", ".join(f"{day_label(d)} ({n})" for d, n in calendar.days_off.items()) + "."
        )
    return fig, " ".join(lines)


def staff_calendar(plan: Plan, staff: str) -> tuple[Figure, str]:
    """One secretary's month: the households met each day (weekly ones marked with *)."""
    month = Month.parse(plan.month)
    calendar = month_calendar(month)
    mine = [v for v in plan.visits if v.staff == staff]
    if not any(load.staff == staff for load in plan.loads):
        raise ValueError(f"socialsekreteraren '{staff}' finns inte i planen")
    by_day: dict[date, list[str]] = {}
    for visit in mine:
        by_day.setdefault(visit.day, []).append(visit.household + ("*" if visit.kind == "vecka" else ""))
    load = next(entry for entry in plan.loads if entry.staff == staff)
    fig, ax, grid = _frame(month, f"{staff}: besök i {month_label(month)} (* = varje vecka)", 1.15)
    for row, week in enumerate(grid):
        for col, day in enumerate(week):
            if day is None:
                continue
            off = calendar.days_off.get(day)
            shade = OFF if off or day not in load.days else "#f4f8fb"
            ax.add_patch(Rectangle((col + 0.03, row + 0.03), 0.94, 0.94, color=shade))
            ax.text(col + 0.08, row + 0.22, str(day.day), fontsize=8)
            if off:
                ax.text(col + 0.5, row + 0.6, off, ha="center", fontsize=7)
            elif day not in load.days:
                ax.text(col + 0.5, row + 0.6, "ledig", ha="center", fontsize=7, color="#555555")
            for i, code in enumerate(by_day.get(day, [])):
                ax.text(col + 0.5, row + 0.38 + 0.15 * i, code, ha="center", fontsize=7, color=BLUE)
    fig.tight_layout()
    lines = [
        f"Kalender för {staff} i {month_label(month)}: {len(mine)} besök på {load.working_days} arbetsdagar, "
        f"högst {load.busiest_day} besök en dag. Hushåll som träffas varje vecka är märkta med stjärna."
    ]
    away = [d for d in calendar.working_days if d not in load.days]
    if away:
        lines.append(f"{staff} är ledig {', '.join(day_label(d) for d in away)}.")
    for day in sorted(by_day):
        lines.append(f"{day_label(day).capitalize()}: {', '.join(by_day[day])}.")
    return fig, " ".join(lines)
