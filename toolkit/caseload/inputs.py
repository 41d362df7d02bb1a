"""Read the planner's two input files (CSV, Swedish column names) with errors that name the
file, the row and the column.

HUSHÅLL.csv, one row per household:
    hushåll            a code, not a name (H001)                                  required
    möten              månad (every month) or vecka (every week: the intensive group)  required
    socialsekreterare  the household's own secretary (a code from PERSONAL.csv)   may be empty

PERSONAL.csv, one row per social secretary:
    socialsekreterare  a code or signature, not a full name (AB, S01)             required
    tjänstgöringsgrad  percent of full time, 1–100 (empty = 100)
    arbetsdagar        weekdays worked: "mån-fre", "mån tis ons" (empty = mån-fre)
    frånvaro           days away: dates and ranges, "2026-03-09/2026-03-13 2026-03-20"

Separator comma or semicolon (Excel in Swedish saves with semicolons); UTF-8, with or
without a byte-order mark. Empty rows are skipped.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from ..csvfile import read_table
from ..errors import CsvError
from .model import Frequency, Household, Staff
from .workdays import parse_weekdays

CODE = re.compile(r"^[A-Za-zÅÄÖåäöÉé0-9_.-]{1,20}$")
HOUSEHOLD_COLUMNS = {"hushåll": True, "möten": True, "socialsekreterare": False}
STAFF_COLUMNS = {"socialsekreterare": True, "tjänstgöringsgrad": False, "arbetsdagar": False, "frånvaro": False}
FREQUENCIES: dict[str, Frequency] = {
    "månad": "månad",
    "månadsvis": "månad",
    "varje månad": "månad",
    "vecka": "vecka",
    "veckovis": "vecka",
    "varje vecka": "vecka",
    "intensiv": "vecka",
}


def _code(row: dict[str, str], column: str, name: str, line: int, *, required: bool) -> str | None:
    value = row.get(column, "")
    if not value:
        if required:
            raise CsvError("värdet saknas", file=name, line=line, field=column)
        return None
    if not CODE.match(value):
        raise CsvError(
            f"'{value}' är ingen kod: använd högst 20 bokstäver, siffror, punkt, bindestreck eller "
            "understreck, utan mellanslag (inga namn)",
            file=name,
            line=line,
            field=column,
        )
    return value


def read_households(path: str | Path, *, display: str | None = None) -> list[Household]:
    """HUSHÅLL.csv as households (format in the module docstring)."""
    name = display or str(path)
    households = []
    seen: dict[str, int] = {}
    for line, row in read_table(path, HOUSEHOLD_COLUMNS, display=name):
        hid = _code(row, "hushåll", name, line, required=True)
        if hid in seen:
            raise CsvError(f"hushållet '{hid}' står redan på rad {seen[hid]}", file=name, line=line, field="hushåll")
        seen[str(hid)] = line
        frequency = FREQUENCIES.get(row["möten"].lower())
        if frequency is None:
            raise CsvError(
                f"'{row['möten']}' är inget känt värde: skriv månad eller vecka", file=name, line=line, field="möten"
            )
        assert hid is not None
        households.append(Household(hid, frequency, _code(row, "socialsekreterare", name, line, required=False)))
    return households


def parse_days(text: str) -> frozenset[date]:
    """'2026-03-09/2026-03-13 2026-03-20' -> the dates; ValueError in Swedish."""
    days: set[date] = set()
    for token in re.split(r"[\s,;]+", text.strip()):
        if not token:
            continue
        first, _, last = token.partition("/")
        try:
            start = date.fromisoformat(first)
            end = date.fromisoformat(last) if last else start
        except ValueError:
            raise ValueError(f"'{token}' är inget datum ÅÅÅÅ-MM-DD eller period ÅÅÅÅ-MM-DD/ÅÅÅÅ-MM-DD") from None
        if end < start:
            raise ValueError(f"'{token}': perioden slutar före den börjar")
        days.update(start + timedelta(days=i) for i in range((end - start).days + 1))
    return frozenset(days)


def read_staff(path: str | Path, *, display: str | None = None) -> list[Staff]:
    """PERSONAL.csv as social secretaries (format in the module docstring)."""
    name = display or str(path)
    staff = []
    seen: dict[str, int] = {}
    for line, row in read_table(path, STAFF_COLUMNS, display=name):
        sid = _code(row, "socialsekreterare", name, line, required=True)
        assert sid is not None
        if sid in seen:
            raise CsvError(
                f"socialsekreteraren '{sid}' står redan på rad {seen[sid]}",
                file=name,
                line=line,
                field="socialsekreterare",
            )
        seen[sid] = line
        text = row.get("tjänstgöringsgrad", "").replace("%", "").replace("procent", "").strip()
        if text and not (text.isdigit() and 1 <= int(text) <= 100):
            raise CsvError(
                f"'{row['tjänstgöringsgrad']}' ska vara ett heltal 1–100 (procent av heltid)",
                file=name,
                line=line,
                field="tjänstgöringsgrad",
            )
        try:
            weekdays = parse_weekdays(row.get("arbetsdagar", ""))
        except ValueError as error:
            raise CsvError(str(error), file=name, line=line, field="arbetsdagar") from None
        if weekdays & {5, 6}:
            raise CsvError(
                "planeringen gäller måndag–fredag: ta bort lördag och söndag", file=name, line=line, field="arbetsdagar"
            )
        try:
            absent = parse_days(row.get("frånvaro", ""))
        except ValueError as error:
            raise CsvError(str(error), file=name, line=line, field="frånvaro") from None
        staff.append(Staff(sid, int(text) if text else 100, weekdays, absent))
    return staff


def read_unit(
    households_path: str | Path,
    staff_path: str | Path,
    *,
    households_display: str | None = None,
    staff_display: str | None = None,
) -> tuple[list[Household], list[Staff]]:
    """Both files, and every household's secretary checked against the staff list."""
    staff = read_staff(staff_path, display=staff_display)
    name = households_display or str(households_path)
    households = read_households(households_path, display=name)
    known = {s.id for s in staff}
    lines = [line for line, _ in read_table(households_path, HOUSEHOLD_COLUMNS, display=name)]
    for line, household in zip(lines, households, strict=True):
        if household.secretary is not None and household.secretary not in known:
            raise CsvError(
                f"'{household.secretary}' finns inte i {staff_display or staff_path}",
                file=name,
                line=line,
                field="socialsekreterare",
            )
    return households, staff
