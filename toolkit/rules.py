"""The rules as data: dated, sourced parameters read from toolkit/parameters/.

Every lookup is by the month assessed. A value that is missing for that month raises
MissingParameterError naming the value, the month and the file to add it to; nothing
ever falls back to another year. The age bands and household sizes of the riksnorm are the
keys of riksnorm.yaml, read here; no band is typed in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache, wraps
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from . import settings
from .errors import InputError, MissingParameterError
from .months import Month
from .schemas.common import Dated, Source
from .schemas.control import ChangeWarningPeriod, ControlAction, ControlFile
from .schemas.municipality import MunicipalityFile, MunicipalSettings
from .schemas.national import (
    ChildEarningsFile,
    ChildEarningsPeriod,
    CostType,
    CostTypesFile,
    IncomeType,
    IncomeTypesFile,
    JobbstimulansFile,
    JobbstimulansPeriod,
    LagrumFile,
    PrisbasbeloppFile,
    Wording,
)
from .schemas.riksnorm import Band, RiksnormFile, RiksnormPeriod, band_label
from .words import persons_text
from .yamlfile import load_model

PARAMETERS = settings.PARAMETERS
DEFAULT_MUNICIPALITY = settings.DEFAULT_MUNICIPALITY
display_path = settings.display_path

# Each national file by key: its name in toolkit/parameters/.
FILES = {
    "riksnorm": "riksnorm.yaml",
    "prisbasbelopp": "prisbasbelopp.yaml",
    "lagrum": "lagrum.yaml",
    "jobbstimulans": "jobbstimulans.yaml",
    "barns_inkomster": "barns_inkomster.yaml",
    "inkomsttyper": "inkomsttyper.yaml",
    "kostnadstyper": "kostnadstyper.yaml",
    "kontroll": "kontroll.yaml",
}

Period = TypeVar("Period", bound=Dated)
Model = TypeVar("Model", bound=BaseModel)
T = TypeVar("T")

__all__ = [
    "Band",
    "Citation",
    "DEFAULT_MUNICIPALITY",
    "PARAMETERS",
    "Rules",
    "band_label",
    "display_path",
    "load_rules",
]


def _memo(method: Callable[..., T]) -> Callable[..., T]:
    """Remember a look-up per Rules object and arguments: the parameters never change after
    loading, and a what-if over many households asks the same month thousands of times. A
    missing value raises every time (nothing is stored)."""

    @wraps(method)
    def remembered(self: Rules, *args: Any, **kwargs: Any) -> T:
        key = (method.__name__, *args, *sorted(kwargs.items())) if kwargs else (method.__name__, *args)
        try:
            return cast(T, self._memo[key])
        except KeyError:
            value = self._memo[key] = method(self, *args, **kwargs)
            return value

    return remembered


def parameter_path(name: str, root: Path | None = None) -> Path:
    """A file of toolkit/parameters/ (or of `root`)."""
    return Path(root or PARAMETERS) / name


def load_parameter_file(model: type[Model], name: str, root: Path | None = None) -> Model:
    """A file of toolkit/parameters/ (or of `root`), validated against its schema; InputError
    names the file, line and field of any problem. The capabilities' own files use it."""
    path = parameter_path(name, root)
    loaded, _ = load_model(model, path, display=display_path(path))
    return loaded


def _period(periods: list[Period], day: date) -> Period | None:
    for period in periods:
        if period.covers(day):
            return period
    return None


@dataclass(frozen=True)
class Citation:
    """The legal basis of a rule in force on a given day.

    A citation whose section is not verified names what is known (for the new law often the
    chapter) and the corresponding section of the wording before it, so a trainee reads a usable
    reference; the open question is kept in lagrum.yaml and on the book's sources page, never
    as a warning in every line.
    """

    rule: str
    text: str
    verified: bool
    source: Source
    former: str | None = None  # the verified citation of the wording before, when it differs

    def __str__(self) -> str:
        if self.verified or not self.former:
            return self.text
        return f"{self.text}, som motsvarar {self.former}"


class Rules:
    """All national parameters plus one municipality's overlay."""

    def __init__(self, root: Path = PARAMETERS, municipality: str | None = None):
        self.root = Path(root)
        self._memo: dict[tuple[Any, ...], Any] = {}
        self.riksnorm_file = self._load("riksnorm", RiksnormFile)
        self.prisbasbelopp_file = self._load("prisbasbelopp", PrisbasbeloppFile)
        self.lagrum = self._load("lagrum", LagrumFile)
        self.jobbstimulans_file = self._load("jobbstimulans", JobbstimulansFile)
        self.child_earnings_file = self._load("barns_inkomster", ChildEarningsFile)
        self.income_types_file = self._load("inkomsttyper", IncomeTypesFile)
        self.cost_types_file = self._load("kostnadstyper", CostTypesFile)
        self.control_file = self._load("kontroll", ControlFile)
        self.municipality_slug = municipality or settings.municipality()
        self.municipality = self.load_municipality(self.municipality_slug)

    # -- loading -------------------------------------------------------------------------
    def _load(self, key: str, model: type[Model]) -> Model:
        path = self.root / FILES[key]
        loaded, _ = load_model(model, path, display=display_path(path))
        return loaded

    def path(self, key: str) -> str:
        """A national file as the user sees its path, for messages."""
        return display_path(self.root / FILES[key])

    def municipality_path(self, slug: str) -> Path:
        return self.root / "kommuner" / f"{slug}.yaml"

    def load_municipality(self, slug: str) -> MunicipalityFile:
        """A municipality's file, validated; InputError when it is missing or misnamed."""
        path = self.municipality_path(slug)
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in (self.root / "kommuner").glob("*.yaml")))
            raise InputError(f"kommunen '{slug}' har ingen fil {display_path(path)} (finns: {known})")
        model, _ = load_model(MunicipalityFile, path, display=display_path(path))
        if model.slug != slug:
            raise InputError(f"kortnamn ska vara '{slug}', samma som filnamnet", file=display_path(path))
        return model

    @property
    def income_types(self) -> dict[str, IncomeType]:
        return self.income_types_file.types

    @property
    def cost_types(self) -> dict[str, CostType]:
        return self.cost_types_file.types

    @_memo
    def fixed_income_types(self) -> frozenset[str]:
        """Incomes whose amount is set by law or Försäkringskassan's tables (inkomsttyper.yaml)."""
        return frozenset(key for key, kind in self.income_types.items() if kind.fixed_amount)

    @_memo
    def child_benefit_types(self) -> frozenset[str]:
        """Incomes paid for the children (inkomsttyper.yaml: för_barnen)."""
        return frozenset(key for key, kind in self.income_types.items() if kind.for_children)

    # -- the riksnorm ----------------------------------------------------------------------
    @cached_property
    def child_bands(self) -> tuple[Band, ...]:
        """The children's age bands, youngest first, from the keys of riksnorm.yaml."""
        return self.riksnorm_file.child_bands()

    @cached_property
    def lunch_bands(self) -> tuple[Band, ...]:
        """The bands with a lower amount for lunch outside the home, from riksnorm.yaml."""
        return self.riksnorm_file.lunch_bands()

    @_memo
    def age_band(self, age: int) -> Band:
        """The riksnorm age band of a child's age; ValueError when no band covers it."""
        for band in self.child_bands:
            if band.covers(age):
                return band
        span = f"{self.child_bands[0].low}–{self.child_bands[-1].high} år" if self.child_bands else "inga åldrar"
        raise ValueError(f"ålder {age} har ingen åldersgrupp för barn i riksnormen ({span})")

    def lunch_ages(self) -> str:
        """'0–6 år': the ages with the lower amount for lunch outside the home."""
        lunch = self.lunch_bands
        return f"{lunch[0].low}–{lunch[-1].high} år" if lunch else "inga åldrar"

    @_memo
    def riksnorm(self, month: Month) -> RiksnormPeriod:
        """The riksnorm period in force in the month; MissingParameterError if none."""
        period = _period(self.riksnorm_file.periods, month.first_day)
        if period is None:
            raise MissingParameterError("riksnormen", str(month), self.path("riksnorm"))
        return period

    def riksnorm_table(self, month: Month, what: str) -> RiksnormPeriod:
        """The riksnorm period, requiring its full table (not only totals)."""
        period = self.riksnorm(month)
        if period.personal is None:
            raise MissingParameterError(f"riksnormens tabell ({what})", str(month), self.path("riksnorm"))
        return period

    @_memo
    def child_amount(self, month: Month, age: int, lunch_outside_home: bool) -> tuple[int, str]:
        """A child's personal cost in kronor and the band key, by age and lunch."""
        band = self.age_band(age)
        period = self.riksnorm_table(month, f"barn {band.label}")
        assert period.personal is not None
        if lunch_outside_home:
            if band not in self.lunch_bands:
                raise ValueError(f"det lägre beloppet för lunch utanför hemmet gäller bara barn {self.lunch_ages()}")
            table = period.personal.children_lunch_out
            if table is None:
                raise MissingParameterError(
                    f"riksnormens lägre belopp för barn {band.label} som äter lunch utanför hemmet",
                    str(month),
                    self.path("riksnorm"),
                )
            return table[band.key], band.key
        return period.personal.children[band.key], band.key

    @_memo
    def adult_amount(self, month: Month, couple: bool) -> int:
        """The personal costs of a single adult, or of a couple together, in kronor."""
        period = self.riksnorm_table(month, "sambor" if couple else "ensamstående")
        assert period.personal is not None
        return period.personal.couple if couple else period.personal.single

    def household_rows(self, month: Month) -> int:
        """The most persons the table of common costs in force has a row for."""
        return self.riksnorm_table(month, "hushållsgemensamma kostnader").largest_household

    @_memo
    def household_cost(self, month: Month, persons: int) -> int:
        """The household's common costs in kronor for a number of persons (more than the
        table's rows: each extra person adds the cost of the last row minus the one before)."""
        if persons < 1:
            raise ValueError("ett hushåll har minst en person")
        period = self.riksnorm_table(month, f"hushållsgemensamma kostnader, {persons_text(persons)}")
        assert period.household is not None
        table, largest = period.household, period.largest_household
        if persons <= largest:
            return table[persons]
        return table[largest] + (persons - largest) * (table[largest] - table[largest - 1])

    def riksnorm_years(self) -> list[int]:
        """Years with a full, verified riksnorm table."""
        return sorted({p.start.year for p in self.riksnorm_file.periods if p.personal is not None})

    # -- other national values -------------------------------------------------------------
    def prisbasbelopp(self, year: int) -> int:
        for value in self.prisbasbelopp_file.values:
            if value.year == year:
                return value.amount
        raise MissingParameterError("prisbasbeloppet", str(year), self.path("prisbasbelopp"))

    @property
    def jobbstimulans_periods(self) -> list[JobbstimulansPeriod]:
        return self.jobbstimulans_file.periods

    def jobbstimulans(self, month: Month) -> JobbstimulansPeriod | None:
        """The jobbstimulans rule in force, or None before it existed."""
        return _period(self.jobbstimulans_periods, month.first_day)

    @property
    def child_earnings_periods(self) -> list[ChildEarningsPeriod]:
        return self.child_earnings_file.periods

    def school_youth_ages(self) -> tuple[int, int]:
        """The youngest and oldest age of school youth (barns_inkomster.yaml, the same in every period)."""
        first = self.child_earnings_periods[0]
        return first.school_youth_min_age, first.school_youth_max_age

    def child_earnings(self, month: Month) -> ChildEarningsPeriod | None:
        """The children's-earnings rule in force, or None before it existed."""
        return _period(self.child_earnings_periods, month.first_day)

    @_memo
    def citation(self, rule: str, month: Month) -> Citation:
        """The legal citation of a rule in force on the first day of the month (lagrum.yaml).

        Where the wording says so (med_lydelse), the riksnorm period's amendment follows it.
        """
        if rule not in self.lagrum.rules:
            raise KeyError(f"okänd regel {rule}")
        wording = _period(self.lagrum.rules[rule].wordings, month.first_day)
        if wording is None:
            raise MissingParameterError(f"lagrummet för {rule}", str(month), self.path("lagrum"))
        text = wording.citation
        if wording.with_amendment:
            period = _period(self.riksnorm_file.periods, month.first_day)
            if period is not None and period.amended_by:
                text += f", i lydelse enligt {period.amended_by}"
        wordings = self.lagrum.rules[rule].wordings
        before = wordings[wordings.index(wording) - 1] if wordings.index(wording) > 0 else None
        former = (
            before.citation
            if before is not None and before.section_verified and before.citation != wording.citation
            else None
        )
        return Citation(rule, text, wording.section_verified, wording.source, former)

    def open_sections(self) -> list[tuple[str, Wording]]:
        """(rule description, wording) for every wording whose section is not verified: the open
        questions the sources page lists once (lagrum.yaml: paragraf_verifierad: false)."""
        return self.lagrum.open_wordings()

    # -- the control exercises -------------------------------------------------------------
    def change_warning(self, month: Month) -> ChangeWarningPeriod:
        """The register service's change warning in force in the month (kontroll.yaml)."""
        period = _period(self.control_file.change_warning, month.first_day)
        if period is None:
            raise MissingParameterError("gränsen för ändringsvarningen", str(month), self.path("kontroll"))
        return period

    @property
    def control_actions(self) -> list[ControlAction]:
        """What a social secretary can do when a register answer differs, in the order shown."""
        return self.control_file.actions

    # -- the municipality ------------------------------------------------------------------
    @_memo
    def municipal(self, month: Month) -> MunicipalSettings:
        found = _period(self.municipality.settings, month.first_day)
        if found is None:
            raise MissingParameterError(
                f"{self.municipality.name}s inställningar",
                str(month),
                display_path(self.municipality_path(self.municipality_slug)),
            )
        return found

    @_memo
    def housing_cap(self, month: Month, persons: int) -> int:
        """The municipal guideline for housing costs (kronor) for a household size; for
        more persons than the highest key, the highest guideline applies."""
        caps = self.municipal(month).housing_caps
        return caps[persons] if persons in caps else caps[max(k for k in caps if k <= persons)]


@lru_cache(maxsize=8)
def _cached(root: str, municipality: str) -> Rules:
    return Rules(Path(root), municipality)


def load_rules(municipality: str | None = None, root: Path = PARAMETERS) -> Rules:
    """The parameters, loaded once per process and municipality."""
    slug = municipality or settings.municipality()
    return _cached(str(root), slug)
