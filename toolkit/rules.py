"""The rules as data: dated, sourced parameters read from toolkit/parameters/.

Every lookup is by the month assessed. A value that is missing for that month raises
MissingParameterError naming the value, the month and the file to add it to; nothing
ever falls back to another year.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from . import paramschema as schema
from . import settings
from .errors import InputError, MissingParameterError
from .months import Month
from .yamlfile import load_model

PARAMETERS = settings.PARAMETERS
DEFAULT_MUNICIPALITY = settings.DEFAULT_MUNICIPALITY
display_path = settings.display_path

FILES = {
    "riksnorm": ("riksnorm.yaml", schema.RiksnormFile),
    "prisbasbelopp": ("prisbasbelopp.yaml", schema.PrisbasbeloppFile),
    "lagrum": ("lagrum.yaml", schema.LagrumFile),
    "jobbstimulans": ("jobbstimulans.yaml", schema.JobbstimulansFile),
    "barns_inkomster": ("barns_inkomster.yaml", schema.ChildEarningsFile),
    "inkomsttyper": ("inkomsttyper.yaml", schema.IncomeTypesFile),
    "kostnadstyper": ("kostnadstyper.yaml", schema.CostTypesFile),
}

# Age bands of the riksnorm for children, as (lowest age, highest age, key).
AGE_BANDS = ((0, 0, "0"), (1, 2, "1-2"), (3, 3, "3"), (4, 6, "4-6"), (7, 10, "7-10"),
             (11, 14, "11-14"), (15, 18, "15-18"), (19, 20, "19-20"))

Period = TypeVar("Period", bound=schema.Dated)



def age_band(age: int) -> str:
    """The riksnorm age band key for a child's age ('4-6'); ValueError above 20."""
    for low, high, key in AGE_BANDS:
        if low <= age <= high:
            return key
    raise ValueError(f"ålder {age} har ingen åldersgrupp för barn i riksnormen (0–20 år)")


def band_label(key: str) -> str:
    """'4-6' -> '4–6 år', '0' -> '0 år'."""
    return key.replace("-", "–") + " år"


@dataclass(frozen=True)
class Citation:
    """The legal basis of a rule in force on a given day."""

    rule: str
    text: str
    verified: bool
    source: schema.Source

    def __str__(self) -> str:
        return self.text if self.verified else f"{self.text} (paragrafen är inte verifierad)"


class Rules:
    """All national parameters plus one municipality's overlay."""

    def __init__(self, root: Path = PARAMETERS, municipality: str | None = None):
        self.root = Path(root)
        self._files: dict[str, object] = {}
        self._paths: dict[str, Path] = {}
        for key, (name, model) in FILES.items():
            path = self.root / name
            self._paths[key] = path
            self._files[key], _ = load_model(model, path, display=display_path(path))
        self.municipality_slug = municipality or settings.municipality()
        self.municipality = self.load_municipality(self.municipality_slug)

    # -- loading -------------------------------------------------------------------------
    def path(self, key: str) -> str:
        return display_path(self._paths[key])

    def municipality_path(self, slug: str) -> Path:
        return self.root / "kommuner" / f"{slug}.yaml"

    def load_municipality(self, slug: str) -> schema.MunicipalityFile:
        path = self.municipality_path(slug)
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in (self.root / "kommuner").glob("*.yaml")))
            raise InputError(f"kommunen '{slug}' har ingen fil {display_path(path)} (finns: {known})")
        model, _ = load_model(schema.MunicipalityFile, path, display=display_path(path))
        if model.slug != slug:
            raise InputError(f"kortnamn ska vara '{slug}', samma som filnamnet", file=display_path(path))
        return model

    @property
    def riksnorm_file(self) -> schema.RiksnormFile:
        return self._files["riksnorm"]  # type: ignore[return-value]

    @property
    def prisbasbelopp_file(self) -> schema.PrisbasbeloppFile:
        return self._files["prisbasbelopp"]  # type: ignore[return-value]

    @property
    def lagrum(self) -> schema.LagrumFile:
        return self._files["lagrum"]  # type: ignore[return-value]

    @property
    def income_types(self) -> dict[str, schema.IncomeType]:
        return self._files["inkomsttyper"].types  # type: ignore[attr-defined]

    @property
    def cost_types(self) -> dict[str, schema.CostType]:
        return self._files["kostnadstyper"].types  # type: ignore[attr-defined]

    # -- dated lookups ---------------------------------------------------------------------
    @staticmethod
    def _period(periods: list[Period], day: date) -> Period | None:
        for period in periods:
            if period.covers(day):
                return period
        return None

    def riksnorm(self, month: Month) -> schema.RiksnormPeriod:
        """The riksnorm period in force in the month; MissingParameterError if none."""
        period = self._period(self.riksnorm_file.periods, month.first_day)
        if period is None:
            raise MissingParameterError("riksnormen", str(month), self.path("riksnorm"))
        return period

    def riksnorm_table(self, month: Month, what: str) -> schema.RiksnormPeriod:
        """The riksnorm period, requiring its full table (not only totals)."""
        period = self.riksnorm(month)
        if period.personal is None:
            raise MissingParameterError(f"riksnormens tabell ({what})", str(month), self.path("riksnorm"))
        return period

    def child_amount(self, month: Month, age: int, lunch_outside_home: bool) -> tuple[int, str]:
        """A child's personal cost in kronor and the band key, by age and lunch."""
        band = age_band(age)
        period = self.riksnorm_table(month, f"barn {band_label(band)}")
        assert period.personal is not None
        if lunch_outside_home:
            if band not in schema.LUNCH_BANDS:
                raise ValueError("det lägre beloppet för lunch utanför hemmet gäller bara barn 0–6 år")
            table = period.personal.children_lunch_out
            if table is None:
                raise MissingParameterError(
                    f"riksnormens lägre belopp för barn {band_label(band)} som äter lunch utanför hemmet",
                    str(month), self.path("riksnorm"))
            return table[band], band
        return period.personal.children[band], band

    def adult_amount(self, month: Month, couple: bool) -> int:
        period = self.riksnorm_table(month, "sambor" if couple else "ensamstående")
        assert period.personal is not None
        return period.personal.couple if couple else period.personal.single

    def household_cost(self, month: Month, persons: int) -> int:
        """The household's common costs in kronor for a number of persons (more than
        seven: each extra person adds the 7-person cost minus the 6-person cost)."""
        if persons < 1:
            raise ValueError("ett hushåll har minst en person")
        period = self.riksnorm_table(month, f"hushållsgemensamma kostnader, {persons} {'person' if persons == 1 else 'personer'}")
        assert period.household is not None
        table = period.household
        if persons <= 7:
            return table[persons]
        return table[7] + (persons - 7) * (table[7] - table[6])

    def prisbasbelopp(self, year: int) -> int:
        for value in self.prisbasbelopp_file.values:
            if value.year == year:
                return value.amount
        raise MissingParameterError("prisbasbeloppet", str(year), self.path("prisbasbelopp"))

    def jobbstimulans(self, month: Month) -> schema.JobbstimulansPeriod | None:
        """The jobbstimulans rule in force, or None before it existed (2013-07-01)."""
        return self._period(self._files["jobbstimulans"].periods, month.first_day)  # type: ignore[attr-defined]

    def child_earnings(self, month: Month) -> schema.ChildEarningsPeriod | None:
        """The children's-earnings rule in force, or None before it existed."""
        return self._period(self._files["barns_inkomster"].periods, month.first_day)  # type: ignore[attr-defined]

    def citation(self, rule: str, month: Month) -> Citation:
        """The legal citation of a rule in force on the first day of the month."""
        if rule not in self.lagrum.rules:
            raise KeyError(f"okänd regel {rule}")
        wording = self._period(self.lagrum.rules[rule].wordings, month.first_day)
        if wording is None:
            raise MissingParameterError(f"lagrummet för {rule}", str(month), self.path("lagrum"))
        return Citation(rule, wording.citation, wording.section_verified, wording.source)

    def municipal(self, month: Month) -> schema.MunicipalSettings:
        settings = self._period(self.municipality.settings, month.first_day)
        if settings is None:
            raise MissingParameterError(f"{self.municipality.name}s inställningar", str(month),
                                        display_path(self.municipality_path(self.municipality_slug)))
        return settings

    def housing_cap(self, month: Month, persons: int) -> int:
        """The municipal guideline for housing costs (kronor) for a household size; for
        more persons than the highest key, the highest guideline applies."""
        caps = self.municipal(month).housing_caps
        return caps[persons] if persons in caps else caps[max(k for k in caps if k <= persons)]

    # -- overview --------------------------------------------------------------------------
    def riksnorm_years(self) -> list[int]:
        """Years with a full, verified riksnorm table."""
        years = set()
        for period in self.riksnorm_file.periods:
            if period.personal is not None:
                years.add(period.start.year)
        return sorted(years)


@lru_cache(maxsize=8)
def _cached(root: str, municipality: str) -> Rules:
    return Rules(Path(root), municipality)


def load_rules(municipality: str | None = None, root: Path = PARAMETERS) -> Rules:
    """The parameters, loaded once per process and municipality."""
    slug = municipality or settings.municipality()
    return _cached(str(root), slug)
