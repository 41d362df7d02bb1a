"""Schemas of the parameter files in toolkit/parameters/.

Every file is data with Swedish keys. The schema rejects unknown keys, values without a
source and periods without a start date, so a typo can never silently become a rule.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

Kronor = Annotated[StrictInt, Field(ge=0)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Source(Strict):
    """Where a value comes from: a statute (SFS) or an agency's page, with title."""

    title: str = Field(alias="titel", min_length=3)
    sfs: str | None = Field(default=None, pattern=r"^\d{4}:\d+$")
    publisher: str | None = Field(default=None, alias="utgivare")
    published: date | None = Field(default=None, alias="datum")
    url: str | None = None
    note: str | None = Field(default=None, alias="anmärkning")

    @model_validator(mode="after")
    def _needs_origin(self) -> "Source":
        if not (self.sfs or self.publisher):
            raise ValueError("källan måste ange ett SFS-nummer eller en utgivare")
        return self

    def describe(self) -> str:
        parts = [self.title]
        if self.sfs and self.sfs not in self.title:
            parts.append(f"SFS {self.sfs}")
        if self.publisher:
            parts.append(self.publisher)
        if self.published:
            parts.append(self.published.isoformat())
        return ", ".join(parts)


class Dated(Strict):
    start: date = Field(alias="från")
    end: date | None = Field(default=None, alias="till")
    source: Source = Field(alias="källa")

    @model_validator(mode="after")
    def _ordered(self) -> "Dated":
        if self.end is not None and self.end < self.start:
            raise ValueError(f"perioden slutar ({self.end}) före den börjar ({self.start})")
        return self

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


CHILD_BANDS = ("0", "1-2", "3", "4-6", "7-10", "11-14", "15-18", "19-20")
LUNCH_BANDS = ("0", "1-2", "3", "4-6")


class PersonalCosts(Strict):
    children: dict[Literal[CHILD_BANDS], Kronor] = Field(alias="barn")  # type: ignore[valid-type]
    children_lunch_out: dict[Literal[LUNCH_BANDS], Kronor] | None = Field(  # type: ignore[valid-type]
        alias="barn_lunch_utanför_hemmet")
    single: Kronor = Field(alias="ensamstående")
    couple: Kronor = Field(alias="sambor")

    @model_validator(mode="after")
    def _complete(self) -> "PersonalCosts":
        missing = [band for band in CHILD_BANDS if band not in self.children]
        if missing:
            raise ValueError(f"åldersgrupper saknas i barn: {', '.join(missing)}")
        if self.children_lunch_out is not None:
            missing = [band for band in LUNCH_BANDS if band not in self.children_lunch_out]
            if missing:
                raise ValueError(f"åldersgrupper saknas i barn_lunch_utanför_hemmet: {', '.join(missing)}")
        return self


class Totals(Strict):
    """Only the totals of a year whose full table is not verified."""

    single_one_person: Kronor | None = Field(default=None, alias="ensamstående_1_person")
    couple_two_persons: Kronor | None = Field(default=None, alias="sambor_2_personer")


class RiksnormPeriod(Dated):
    amended_by: str | None = Field(default=None, alias="lydelse")
    personal: PersonalCosts | None = Field(default=None, alias="personliga_kostnader")
    household: dict[Annotated[int, Field(ge=1, le=7)], Kronor] | None = Field(
        default=None, alias="hushållsgemensamma_kostnader")
    totals: Totals | None = Field(default=None, alias="summor")

    @model_validator(mode="after")
    def _table_or_totals(self) -> "RiksnormPeriod":
        if (self.personal is None) != (self.household is None):
            raise ValueError("personliga_kostnader och hushållsgemensamma_kostnader ska finnas tillsammans")
        if self.personal is None and self.totals is None:
            raise ValueError("perioden har varken tabell eller summor")
        if self.household is not None and sorted(self.household) != list(range(1, 8)):
            raise ValueError("hushållsgemensamma_kostnader ska ha ett belopp för 1–7 personer")
        return self


class RiksnormFile(Strict):
    name: str = Field(alias="namn")
    periods: list[RiksnormPeriod] = Field(alias="perioder", min_length=1)


class PrisbasbeloppValue(Strict):
    year: Annotated[StrictInt, Field(ge=1960, le=2100)] = Field(alias="år")
    amount: Kronor = Field(alias="belopp")
    source: Source = Field(alias="källa")


class PrisbasbeloppFile(Strict):
    name: str = Field(alias="namn")
    values: list[PrisbasbeloppValue] = Field(alias="värden", min_length=1)


class Wording(Dated):
    """The citation of a rule for a period."""

    citation: str = Field(alias="hänvisning")
    section_verified: StrictBool = Field(default=True, alias="paragraf_verifierad")
    note: str | None = Field(default=None, alias="anmärkning")


class LegalRule(Strict):
    description: str = Field(alias="beskrivning")
    wordings: list[Wording] = Field(alias="lydelser", min_length=1)


class LagrumFile(Strict):
    name: str = Field(alias="namn")
    # The rules the engine applies (each cited on an assessment line).
    rules: dict[str, LegalRule] = Field(alias="regler")
    # Citations for the handling around the decision (appeal, återkrav, secrecy): cited in the
    # book, never applied by the engine.
    procedure: dict[str, LegalRule] = Field(default_factory=dict, alias="handläggning")

    @model_validator(mode="after")
    def _distinct_ids(self) -> "LagrumFile":
        both = sorted(set(self.rules) & set(self.procedure))
        if both:
            raise ValueError(f"samma id står både under regler och handläggning: {', '.join(both)}")
        return self

    def all(self) -> dict[str, LegalRule]:
        """Every citation the book can show: the engine's rules and the handling's."""
        return {**self.rules, **self.procedure}


class JobbstimulansPeriod(Dated):
    percent_not_counted: Annotated[StrictInt, Field(ge=0, le=100)] = Field(alias="andel_som_inte_räknas_procent")
    qualifying_months: Annotated[StrictInt, Field(ge=1)] = Field(alias="kvalificerande_månader_i_följd")
    duration_months: Annotated[StrictInt, Field(ge=1)] = Field(alias="giltighet_månader")
    requalifying_months: Annotated[StrictInt, Field(ge=1)] = Field(alias="ny_kvalificering_månader_i_följd")


class JobbstimulansFile(Strict):
    name: str = Field(alias="namn")
    periods: list[JobbstimulansPeriod] = Field(alias="perioder", min_length=1)


class ChildEarningsPeriod(Dated):
    limit_in_prisbasbelopp: Annotated[StrictInt, Field(ge=1)] = Field(alias="gräns_prisbasbelopp_per_kalenderår")
    school_youth_min_age: Annotated[StrictInt, Field(ge=0)] = Field(alias="skolungdom_lägsta_ålder")
    school_youth_max_age: Annotated[StrictInt, Field(ge=0)] = Field(alias="skolungdom_högsta_ålder")


class ChildEarningsFile(Strict):
    name: str = Field(alias="namn")
    periods: list[ChildEarningsPeriod] = Field(alias="perioder", min_length=1)


class IncomeType(Strict):
    label: str = Field(alias="benämning")
    counted: StrictBool = Field(alias="räknas")
    from_employment: StrictBool = Field(alias="arbetsinkomst")
    source: Source = Field(alias="källa")


class IncomeTypesFile(Strict):
    name: str = Field(alias="namn")
    valid_from: date = Field(alias="gäller_från")
    sources: dict[str, Source] = Field(default_factory=dict, alias="källor")
    types: dict[str, IncomeType] = Field(alias="typer")


class CostType(Strict):
    label: str = Field(alias="benämning")
    housing_cap: StrictBool = Field(alias="boendetak")
    source: Source = Field(alias="källa")


class CostTypesFile(Strict):
    name: str = Field(alias="namn")
    valid_from: date = Field(alias="gäller_från")
    sources: dict[str, Source] = Field(default_factory=dict, alias="källor")
    types: dict[str, CostType] = Field(alias="typer")


class Contact(Strict):
    function: str = Field(alias="funktion")
    how: str = Field(alias="hur")


class Umgange(Strict):
    days_per_month: Literal["30", "kalenderdagar"] = Field(alias="dagar_per_månad")
    household_costs: StrictBool = Field(alias="hushållsgemensamma_kostnader")


class MunicipalSettings(Dated):
    housing_caps: dict[Annotated[int, Field(ge=1)], Kronor] = Field(alias="boendekostnad_riktvärde", min_length=1)
    grace_months: Annotated[StrictInt, Field(ge=0)] = Field(alias="rådrum_månader")
    rounding: Literal["närmaste_krona", "nedåt", "ingen"] = Field(alias="avrundning")
    savings_buffer_per_person: Kronor = Field(alias="sparbuffert_per_person")
    umgange: Umgange = Field(alias="umgänge")


class LabourMarketUnit(Strict):
    """The municipality's labour-market unit and who it accepts (used by the plan review)."""

    name: str = Field(alias="namn", min_length=3)
    min_work_capacity_percent: Annotated[StrictInt, Field(ge=0, le=100)] = Field(
        alias="minsta_arbetsförmåga_procent")
    requirements: list[Literal["ordnat_boende", "barnomsorg", "drogfrihet"]] = Field(
        default_factory=list, alias="krav")
    source: Source = Field(alias="källa")


class FollowUp(Strict):
    """How often the client is met: the plan's next follow-up is due within this many months."""

    within_months: Annotated[StrictInt, Field(ge=1, le=12)] = Field(alias="högst_månader")
    source: Source = Field(alias="källa")


class MunicipalityFile(Strict):
    name: str = Field(alias="namn")
    slug: str = Field(alias="kortnamn", pattern=r"^[a-z0-9-]+$")
    fictional: StrictBool = Field(default=False, alias="påhittad")
    board: str = Field(alias="nämnd")
    unit: str = Field(alias="enhet")
    logo: str | None = Field(default=None, alias="logotyp")
    contacts: list[Contact] = Field(default_factory=list, alias="kontaktvägar")
    guidelines: list[str] = Field(default_factory=list, alias="lokala_riktlinjer")
    settings: list[MunicipalSettings] = Field(alias="inställningar", min_length=1)
    labour_market_unit: LabourMarketUnit | None = Field(default=None, alias="arbetsmarknadsenhet")
    follow_up: FollowUp | None = Field(default=None, alias="uppföljning")
