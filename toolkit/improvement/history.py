"""Payment histories: one row per household, one column per month, the amount paid (kronor).

Kept as a numpy matrix so that long-term status for 100 000 households is a few array
operations. Read from a long table (one row per household and month with a payment), for
example a CSV file with the columns hushåll, månad (ÅÅÅÅ-MM) and belopp (whole kronor).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import CsvError, InputError
from ..months import Month
from ..textfile import read_text

COLUMNS = ("hushåll", "månad", "belopp")


@dataclass(frozen=True)
class PaymentHistories:
    """ids: household codes (n); first: the first month; amounts: int64 kronor (n × months);
    attributes: optional per-household columns (for example barn: bool) in the same order."""

    ids: np.ndarray
    first: Month
    amounts: np.ndarray
    attributes: pd.DataFrame = field(default_factory=pd.DataFrame)

    def __post_init__(self) -> None:
        if self.amounts.ndim != 2 or self.amounts.shape[0] != len(self.ids):
            raise ValueError("amounts ska ha en rad per hushåll")

    @property
    def paid(self) -> np.ndarray:
        """True where the household got bistånd that month (a payment above zero)."""
        return self.amounts > 0

    @property
    def months(self) -> list[Month]:
        return [self.first.plus(i) for i in range(self.amounts.shape[1])]

    @property
    def last(self) -> Month:
        return self.first.plus(self.amounts.shape[1] - 1)

    def column(self, month: Month) -> int:
        """Index of a month; ValueError in Swedish when it is outside the history."""
        index = month.minus(self.first)
        if not 0 <= index < self.amounts.shape[1]:
            raise ValueError(f"månaden {month} ligger utanför historiken ({self.first}–{self.last})")
        return index

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_long(cls, frame: pd.DataFrame, *, display: str = "tabellen") -> PaymentHistories:
        """Build from a long table with the columns hushåll, månad, belopp (vectorised).
        Several rows for the same household and month are added together. InputError names
        the first bad row (as a CSV line: the header is line 1)."""
        missing = [c for c in COLUMNS if c not in frame.columns]
        if missing:
            raise CsvError(
                f"kolumnen saknas (kolumnerna ska vara {', '.join(COLUMNS)})", file=display, line=1, field=missing[0]
            )
        # Months and households repeat: check and parse each distinct value once.
        month_codes, month_values = pd.factorize(frame["månad"], use_na_sentinel=False)
        parsed = np.array([_month_index(v) for v in month_values], dtype=np.int64)
        _first_bad(parsed[month_codes] < 0, frame, display, "månad", "ska vara en månad ÅÅÅÅ-MM")
        amount = _amounts(frame["belopp"])
        _first_bad(
            np.isnan(amount) | (amount < 0) | (amount != np.round(amount)),
            frame,
            display,
            "belopp",
            "ska vara ett helt belopp i kronor, noll eller mer",
        )
        raw_codes, raw_ids = pd.factorize(frame["hushåll"], use_na_sentinel=True)
        stripped = pd.Series(raw_ids, dtype="string").str.strip().to_numpy(dtype=object)
        _first_bad((raw_codes < 0) | (stripped == "")[raw_codes], frame, display, "hushåll", "värdet saknas")
        merged, ids = pd.factorize(stripped, sort=True)  # ' H1' and 'H1' are the same household
        codes = merged[raw_codes]
        index = parsed[month_codes]
        start, end = int(index.min()), int(index.max())
        width = end - start + 1
        flat = codes.astype(np.int64) * width + (index - start)
        amounts = (
            np.bincount(flat, weights=amount, minlength=len(ids) * width).astype(np.int64).reshape(len(ids), width)
        )
        return cls(np.asarray(ids, dtype=object), Month(start // 12, start % 12 + 1), amounts)

    def to_long(self) -> pd.DataFrame:
        """The months with a payment as a long table (hushåll, månad, belopp)."""
        rows, cols = np.nonzero(self.amounts)
        labels = np.array([str(m) for m in self.months], dtype=object)
        return pd.DataFrame({"hushåll": self.ids[rows], "månad": labels[cols], "belopp": self.amounts[rows, cols]})


def _month_index(value: object) -> int:
    """'2025-03' -> year * 12 + month - 1; -1 when it is no month."""
    text = str(value).strip()
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() and 1 <= int(text[5:]) <= 12:
        return int(text[:4]) * 12 + int(text[5:]) - 1
    return -1


def _amounts(column: pd.Series) -> np.ndarray:
    """Whole kronor as floats (NaN where not a number); text may have spaces between thousands."""
    if pd.api.types.is_numeric_dtype(column):
        numbers: np.ndarray = column.to_numpy(dtype=np.float64, na_value=np.nan)
        return numbers
    values = pd.to_numeric(column, errors="coerce")
    bad = values.isna()
    if bad.any():
        values[bad] = pd.to_numeric(column[bad].astype(str).str.replace(r"[\s\u00a0]", "", regex=True), errors="coerce")
    result: np.ndarray = values.to_numpy(dtype=np.float64, na_value=np.nan)
    return result


def _first_bad(bad: np.ndarray, frame: pd.DataFrame, display: str, column: str, problem: str) -> None:
    if bad.any():
        row = int(np.argmax(bad))
        value = frame[column].iloc[row]
        raise CsvError(f"'{value}' {problem}", file=display, line=row + 2, field=column)


def read_payments(path: str | Path, *, display: str | None = None) -> PaymentHistories:
    """A CSV file with the columns hushåll, månad, belopp (comma or semicolon, UTF-8)."""
    name = display or str(path)
    text = read_text(path, display=name)  # a regular UTF-8 file under the size limit, never a pipe or device
    if not text.strip():
        raise InputError("filen är tom", file=name)
    first = text.split("\n", 1)[0]
    separator = ";" if first.count(";") > first.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, ValueError):
        raise InputError(
            "filen kan inte läsas som CSV: kontrollera avgränsaren (komma eller semikolon) och att "
            "varje rad har lika många värden som rubrikraden",
            file=name,
        ) from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if frame.empty:
        raise InputError("filen har inga rader under rubrikraden", file=name)
    return PaymentHistories.from_long(frame, display=name)
