"""A calendar month (YYYY-MM), the unit every assessment is made for."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"året {self.year} finns inte i kalendern (1–9999)")
        if not 1 <= self.month <= 12:
            raise ValueError(f"månad {self.month} finns inte (1–12)")

    @classmethod
    def parse(cls, text: object) -> Month:
        """Read 'YYYY-MM'; raises ValueError with a Swedish message otherwise."""
        if isinstance(text, Month):
            return text
        match = _PATTERN.match(str(text).strip())
        if not match:
            raise ValueError(f"'{text}' är ingen månad: skriv år och månad som ÅÅÅÅ-MM, till exempel 2025-09")
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"'{text}' är ingen möjlig månad: månaden ska vara 01–12")
        if year < 1:
            raise ValueError(f"'{text}' är ingen möjlig månad: år 0 finns inte i kalendern")
        return cls(year, month)

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def plus(self, months: int) -> Month:
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    def minus(self, other: Month) -> int:
        """Number of months from other to self (self - other)."""
        return (self.year - other.year) * 12 + (self.month - other.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, self.days)

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


MONTH_NAMES = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def month_label(month: Month) -> str:
    """'mars 2026' (Swedish, for readers)."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"
