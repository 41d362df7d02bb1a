"""The national parameter files besides the riksnorm: prisbasbelopp, legal citations, the two
exceptions for incomes, and the vocabularies of incomes and costs."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt, model_validator

from .common import Dated, Kronor, Source, Strict


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
    # The citation names the statute whose table was amended year by year: the riksnorm
    # period's `lydelse` (for example SFS 2024:1016) is added after it.
    with_amendment: StrictBool = Field(default=False, alias="med_lydelse")
    note: str | None = Field(default=None, alias="anmärkning")


class LegalRule(Strict):
    description: str = Field(alias="beskrivning")
    # Who uses the rule: the beräkning (every such rule has a golden case), the control of
    # register answers, or the handling around the decision (cited in the book only).
    area: Literal["beräkning", "kontroll", "handläggning"] = Field(default="beräkning", alias="område")
    wordings: list[Wording] = Field(alias="lydelser", min_length=1)


class LagrumFile(Strict):
    name: str = Field(alias="namn")
    rules: dict[str, LegalRule] = Field(alias="regler")

    def open_wordings(self) -> list[tuple[str, Wording]]:
        """(rule description, wording) for every wording whose section is not verified: the open
        questions the sources page lists once (paragraf_verifierad: false)."""
        return [
            (rule.description, wording)
            for rule in self.rules.values()
            for wording in rule.wordings
            if not wording.section_verified
        ]

    def in_area(self, area: str) -> dict[str, LegalRule]:
        """The rules one part of the handbook uses (beräkning, kontroll or handläggning)."""
        return {rule_id: rule for rule_id, rule in self.rules.items() if rule.area == area}


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

    @model_validator(mode="after")
    def _same_ages(self) -> ChildEarningsFile:
        # A case file says who is a school youth without a month: the ages must not change.
        ages = {(p.school_youth_min_age, p.school_youth_max_age) for p in self.periods}
        if len(ages) > 1:
            raise ValueError("skolungdomens åldrar ska vara samma i alla perioder")
        if any(low > high for low, high in ages):
            raise ValueError("skolungdom_lägsta_ålder är högre än skolungdom_högsta_ålder")
        return self


class IncomeType(Strict):
    label: str = Field(alias="benämning")
    counted: StrictBool = Field(alias="räknas")
    from_employment: StrictBool = Field(alias="arbetsinkomst")
    # Set by law or by Försäkringskassan's tables: a variant of a case keeps the amount.
    fixed_amount: StrictBool = Field(default=False, alias="fast_belopp")
    # Paid for the children: the incomes trainees most often leave out.
    for_children: StrictBool = Field(default=False, alias="för_barnen")
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
