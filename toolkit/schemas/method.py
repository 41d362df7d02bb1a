"""Schemas of the method's parameter files: metod.yaml (the limits of the caseload) and
helgdagar.yaml (the holiday calendar)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictInt, model_validator

from .common import Dated, Source, Strict

MonthDay = Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]


class MethodPeriod(Dated):
    """The limits the method sets for a unit, from a dated source."""

    max_households: Annotated[StrictInt, Field(ge=1)] = Field(alias="hushåll_per_socialsekreterare_högst")
    max_visits_per_day: Annotated[StrictInt, Field(ge=1)] = Field(alias="besök_per_dag_högst")
    meeting_every: Literal["månad"] = Field(alias="möte_med_varje_hushåll")
    intensive_every: Literal["vecka"] = Field(alias="möte_i_intensiv_grupp")


class MethodSettings(Strict):
    """The handbook's own choices, not in the sources (marked as such in the file and the book)."""

    part_time_cap: Literal["i_proportion", "helt"] = Field(alias="hushållstak_vid_deltid")
    week_rule: Literal["torsdag", "arbetsdag"] = Field(alias="vecka_hör_till_månad")
    cap_counts: Literal["mötta_hushåll"] = Field(alias="tak_räknas_på")
    source: Source = Field(alias="källa")


class MethodFile(Strict):
    name: str = Field(alias="namn")
    sources: dict[str, Source] = Field(alias="källor")
    periods: list[MethodPeriod] = Field(alias="perioder", min_length=1)
    settings: MethodSettings = Field(alias="inställningar")


class DayRule(Strict):
    """How one holiday falls, as the law's 2 § describes it: exactly one of the keys."""

    fixed: MonthDay | None = Field(default=None, alias="datum")
    after_easter: Annotated[StrictInt, Field(ge=-60, le=60)] | None = Field(default=None, alias="efter_påsk")
    saturday_between: tuple[MonthDay, MonthDay] | None = Field(default=None, alias="lördag_mellan")
    day_before: str | None = Field(default=None, alias="dagen_före")

    @model_validator(mode="after")
    def _one_rule(self) -> DayRule:
        given = [v for v in (self.fixed, self.after_easter, self.saturday_between, self.day_before) if v is not None]
        if len(given) != 1:
            raise ValueError("ange exakt en regel: datum, efter_påsk, lördag_mellan eller dagen_före")
        return self


class HolidayPeriod(Dated):
    holidays: dict[str, DayRule] = Field(alias="helgdagar", min_length=1)


class Eves(Strict):
    source: Source = Field(alias="källa")
    eves: dict[str, DayRule] = Field(alias="aftnar")


class HolidayFile(Strict):
    name: str = Field(alias="namn")
    periods: list[HolidayPeriod] = Field(alias="perioder", min_length=1)
    eves: Eves = Field(alias="lediga_aftnar")
