"""The riksnorm file: its periods, and the age bands and household sizes read from its keys.

The age bands of the children ("0", "1-2", … as written in the file) and the household sizes
of the common costs (1, 2, …) are the file's keys: nothing in Python lists them. The schema
checks that they are whole (the bands start at 0 and follow each other without a gap, the
sizes start at 1 without a gap) and that every period with a table has the same bands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, model_validator

from .common import Dated, Kronor, Strict

BandKey = Annotated[str, Field(pattern=r"^\d+(-\d+)?$")]
HouseholdSize = Annotated[int, Field(ge=1)]


@dataclass(frozen=True)
class Band:
    """An age band of the riksnorm for children: the lowest and highest age, and its key."""

    low: int
    high: int
    key: str

    @classmethod
    def parse(cls, key: str) -> Band:
        low, _, high = key.partition("-")
        return cls(int(low), int(high or low), key)

    def covers(self, age: int) -> bool:
        return self.low <= age <= self.high

    @property
    def label(self) -> str:
        """'4–6 år', '0 år'."""
        return band_label(self.key)


def band_label(key: str) -> str:
    """'4-6' -> '4–6 år', '0' -> '0 år'."""
    return key.replace("-", "–") + " år"


def bands(keys: Iterable[str]) -> tuple[Band, ...]:
    """The bands of a table's keys, youngest first."""
    return tuple(sorted((Band.parse(key) for key in keys), key=lambda band: band.low))


def _gap(found: tuple[Band, ...], field: str) -> str | None:
    """A Swedish problem when the bands do not start at 0 and follow each other."""
    expected = 0
    for band in found:
        if band.low != expected or band.high < band.low:
            keys = ", ".join(b.key for b in found)
            return f"åldersgrupperna i {field} ska börja på 0 och följa på varandra utan glapp (står: {keys})"
        expected = band.high + 1
    return None


class PersonalCosts(Strict):
    children: dict[BandKey, Kronor] = Field(alias="barn", min_length=1)
    children_lunch_out: dict[BandKey, Kronor] | None = Field(alias="barn_lunch_utanför_hemmet")
    single: Kronor = Field(alias="ensamstående")
    couple: Kronor = Field(alias="sambor")

    @model_validator(mode="after")
    def _whole_bands(self) -> PersonalCosts:
        problem = _gap(bands(self.children), "barn")
        if problem:
            raise ValueError(problem)
        if self.children_lunch_out is not None:
            lunch = [band.key for band in bands(self.children_lunch_out)]
            first = [band.key for band in self.child_bands[: len(lunch)]]
            if lunch != first:
                raise ValueError(
                    "barn_lunch_utanför_hemmet ska ha de första åldersgrupperna i barn "
                    f"({', '.join(first)}), står: {', '.join(lunch)}"
                )
        return self

    @property
    def child_bands(self) -> tuple[Band, ...]:
        return bands(self.children)

    @property
    def lunch_bands(self) -> tuple[Band, ...]:
        return bands(self.children_lunch_out or {})


class Totals(Strict):
    """Only the totals of a year whose full table is not verified."""

    single_one_person: Kronor | None = Field(default=None, alias="ensamstående_1_person")
    couple_two_persons: Kronor | None = Field(default=None, alias="sambor_2_personer")


class RiksnormPeriod(Dated):
    amended_by: str | None = Field(default=None, alias="lydelse")
    personal: PersonalCosts | None = Field(default=None, alias="personliga_kostnader")
    household: dict[HouseholdSize, Kronor] | None = Field(default=None, alias="hushållsgemensamma_kostnader")
    totals: Totals | None = Field(default=None, alias="summor")

    @model_validator(mode="after")
    def _table_or_totals(self) -> RiksnormPeriod:
        if (self.personal is None) != (self.household is None):
            raise ValueError("personliga_kostnader och hushållsgemensamma_kostnader ska finnas tillsammans")
        if self.personal is None and self.totals is None:
            raise ValueError("perioden har varken tabell eller summor")
        # The rule for larger households adds the difference between the two largest sizes.
        if self.household is not None and (
            len(self.household) < 2 or sorted(self.household) != list(range(1, len(self.household) + 1))
        ):
            raise ValueError(
                "hushållsgemensamma_kostnader ska ha ett belopp för varje antal personer från 1 "
                "och uppåt, utan glapp (minst 1 och 2 personer)"
            )
        # Totals beside a table are a check of the transcription (the Government states them).
        if self.personal is not None and self.household is not None and self.totals is not None:
            pairs = (
                ("ensamstående_1_person", self.totals.single_one_person, self.personal.single + self.household[1]),
                ("sambor_2_personer", self.totals.couple_two_persons, self.personal.couple + self.household[2]),
            )
            for name, stated, table in pairs:
                if stated is not None and stated != table:
                    raise ValueError(f"summor.{name} är {stated} men tabellen ger {table}: kontrollera beloppen")
        return self

    @property
    def largest_household(self) -> int:
        """The most persons the period's table of common costs has a row for."""
        return max(self.household or {0: 0})


class RiksnormFile(Strict):
    name: str = Field(alias="namn")
    periods: list[RiksnormPeriod] = Field(alias="perioder", min_length=1)

    @model_validator(mode="after")
    def _same_bands(self) -> RiksnormFile:
        tables = [p for p in self.periods if p.personal is not None]
        for kind in ("child_bands", "lunch_bands"):
            found = {p.start: tuple(b.key for b in getattr(p.personal, kind)) for p in tables}
            keys = {k for k in found.values() if k}
            if len(keys) > 1:
                field = "barn" if kind == "child_bands" else "barn_lunch_utanför_hemmet"
                raise ValueError(
                    f"åldersgrupperna i {field} ska vara samma i alla perioder: "
                    + "; ".join(f"från {day}: {', '.join(k)}" for day, k in found.items() if k)
                )
        return self

    def child_bands(self) -> tuple[Band, ...]:
        """The children's age bands of the file (the same in every period with a table)."""
        return next((p.personal.child_bands for p in self.periods if p.personal is not None), ())

    def lunch_bands(self) -> tuple[Band, ...]:
        """The bands with a lower amount for lunch outside the home (the same in every period)."""
        return next(
            (
                p.personal.lunch_bands
                for p in self.periods
                if p.personal is not None and p.personal.children_lunch_out is not None
            ),
            (),
        )
