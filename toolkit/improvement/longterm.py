"""Long-term status from payment histories, vectorised over all households at once.

- långvarigt: bistånd in at least 10 of the 12 months of a calendar year (Socialstyrelsen's
  definition in the statistics; the number comes from langvarighet.yaml);
- months in a row: the run of months with bistånd up to a month, and the longest run;
- mycket långvarigt: a run of at least the months in the setting — the handbook's own
  setting, not an official definition (there is none that the handbook has found).
A month counts when the household got a payment above zero that month.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..months import Month
from .history import PaymentHistories
from .params import load_long_term, long_term_definition


def runs(paid: np.ndarray) -> np.ndarray:
    """For each household and month, how many months in a row with bistånd end there (0 if none)."""
    count = np.cumsum(paid, axis=1, dtype=np.int32)
    at_gap = np.where(paid, 0, count)
    return count - np.maximum.accumulate(at_gap, axis=1)


def year_months(histories: PaymentHistories, year: int) -> tuple[np.ndarray, bool]:
    """Months with bistånd in a calendar year per household, and whether the history covers the whole year."""
    first = max(Month(year, 1).minus(histories.first), 0)
    last = min(Month(year, 12).minus(histories.first), histories.amounts.shape[1] - 1)
    if last < first:
        raise ValueError(f"år {year} ligger utanför historiken ({histories.first}–{histories.last})")
    complete = Month(year, 1) >= histories.first and Month(year, 12) <= histories.last
    return histories.paid[:, first : last + 1].sum(axis=1, dtype=np.int32), complete


def long_term(histories: PaymentHistories, year: int, root: Path | None = None) -> pd.array:
    """Långvarigt in a calendar year: True, False, or unknown (<NA>) when part of the year is
    missing from the history and the months so far are too few to decide."""
    minimum = long_term_definition(Month(year, 1), root).min_months
    months, complete = year_months(histories, year)
    result = pd.array(months >= minimum, dtype="boolean")
    if not complete:
        result[months < minimum] = pd.NA
    return result


def status(
    histories: PaymentHistories, year: int | None = None, at: Month | None = None, root: Path | None = None
) -> pd.DataFrame:
    """One row per household: months with bistånd in the year and whether that is långvarigt,
    months in a row up to `at` (default: the last month), the longest run, and mycket
    långvarigt (the handbook's own setting, marked in the column name)."""
    at = at or histories.last
    year = year or at.year
    months, _ = year_months(histories, year)
    run = runs(histories.paid)
    very = load_long_term(root).settings.very_long_term.months_in_row
    now = run[:, histories.column(at)]
    return pd.DataFrame(
        {
            "hushåll": histories.ids,
            "år": year,
            "månader_med_bistånd": months,
            "långvarigt": long_term(histories, year, root),
            "månader_i_följd": now,
            "längsta_i_följd": run.max(axis=1),
            "mycket_långvarigt_egen_inställning": now >= very,
        }
    )


def rolling_long_term(histories: PaymentHistories, month: Month, root: Path | None = None) -> np.ndarray:
    """Long-term in a month during the year, by the handbook's own rolling setting: bistånd in
    at least `minst_månader` of the last `månader` months up to and including the month.
    ValueError when the history does not reach back that far."""
    rolling = load_long_term(root).settings.rolling
    end = histories.column(month)
    start = end - rolling.months + 1
    if start < 0:
        raise ValueError(f"historiken börjar {histories.first}: det behövs {rolling.months} månader fram till {month}")
    members: np.ndarray = histories.paid[:, start : end + 1].sum(axis=1) >= rolling.min_months
    return members


def summary(table: pd.DataFrame) -> dict[str, int]:
    """Counts for a status table: households, with bistånd in the year, långvarigt, unknown, very long."""
    return {
        "hushåll": len(table),
        "med_bistånd_under_året": int((table["månader_med_bistånd"] > 0).sum()),
        "långvarigt": int(table["långvarigt"].fillna(False).sum()),
        "okänt": int(table["långvarigt"].isna().sum()),
        "mycket_långvarigt_egen_inställning": int(table["mycket_långvarigt_egen_inställning"].sum()),
    }
