"""The plan as tables: CSV (one row per visit) and an Excel workbook (visits, secretaries,
households, limits and a summary), with pandas and openpyxl."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .model import KIND_LABEL, Plan
from .report import summary
from .workdays import WEEKDAY_NAMES


def visits_frame(plan: Plan) -> pd.DataFrame:
    """One row per visit, in date order: datum, veckodag, socialsekreterare, hushåll, möten."""
    extra = {load.staff for load in plan.loads if load.extra}
    return pd.DataFrame(
        {
            "datum": [v.day.isoformat() for v in plan.visits],
            "veckodag": [WEEKDAY_NAMES[v.day.weekday()] for v in plan.visits],
            "socialsekreterare": [v.staff for v in plan.visits],
            "hushåll": [v.household for v in plan.visits],
            "möten": [KIND_LABEL[v.kind] for v in plan.visits],
            "tillagd_socialsekreterare": ["ja" if v.staff in extra else "nej" for v in plan.visits],
        }
    )


def staff_frame(plan: Plan) -> pd.DataFrame:
    """One row per secretary: working days, cap, households, visits, busiest day."""
    return pd.DataFrame(
        [
            {
                "socialsekreterare": load.staff,
                "tillagd": "ja" if load.extra else "nej",
                "arbetsdagar": load.working_days,
                "hushållstak": load.household_cap,
                "hushåll": load.monthly + load.weekly,
                "varav_varje_vecka": load.weekly,
                "besök": load.visits,
                "besökstider": load.visit_capacity,
                "flest_besök_en_dag": load.busiest_day,
            }
            for load in plan.loads
        ]
    )


def households_frame(plan: Plan) -> pd.DataFrame:
    """One row per household: who meets it this month, and its own secretary when another does."""
    moved = {hid: own for hid, own, _ in plan.moved}
    return pd.DataFrame(
        [
            {"hushåll": hid, "socialsekreterare": sid, "egen_socialsekreterare": moved.get(hid, sid)}
            for hid, sid in sorted(plan.assignment.items())
        ]
    )


def limits_frame(plan: Plan) -> pd.DataFrame:
    limits = plan.limits
    source = limits.source.describe()
    return pd.DataFrame(
        [
            {"gräns": "hushåll per socialsekreterare, högst", "värde": limits.max_households, "källa": source},
            {"gräns": "besök per dag, högst", "värde": limits.max_visits_per_day, "källa": source},
            {"gräns": "möte med varje hushåll", "värde": "varje månad", "källa": source},
            {"gräns": "möte i den intensiva gruppen", "värde": "varje vecka", "källa": source},
        ]
    )


def write_csv(plan: Plan, path: str | Path) -> Path:
    """The visits as CSV: semicolons and UTF-8 with a byte-order mark, so Excel in Swedish opens it."""
    path = Path(path)
    visits_frame(plan).to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return path


def write_excel(plan: Plan, path: str | Path) -> Path:
    """The plan as a workbook with five sheets."""
    path = Path(path)
    sheets = {
        "Sammanfattning": pd.DataFrame({"sammanfattning": summary(plan)}),
        "Besök": visits_frame(plan),
        "Per socialsekreterare": staff_frame(plan),
        "Hushåll": households_frame(plan),
        "Gränser": limits_frame(plan),
    }
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            for column in sheet.columns:
                width = max(len(str(cell.value or "")) for cell in column)
                sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 100)
    return path
