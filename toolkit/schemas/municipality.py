"""The municipality file (parameters/kommuner/<kortnamn>.yaml): the municipality's own choices."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt

from .common import Dated, Kronor, Source, Strict


class Contact(Strict):
    function: str = Field(alias="funktion")
    how: str = Field(alias="hur")


class Umgange(Strict):
    days_per_month: Literal["30", "kalenderdagar"] = Field(alias="dagar_per_månad")
    household_costs: StrictBool = Field(alias="hushållsgemensamma_kostnader")
    # Whether a child on umgänge counts in the household size the housing riktvärde is read for.
    housing_size: StrictBool = Field(alias="räknas_i_boendets_riktvärde")


class MunicipalSettings(Dated):
    housing_caps: dict[Annotated[int, Field(ge=1)], Kronor] = Field(alias="boendekostnad_riktvärde", min_length=1)
    grace_months: Annotated[StrictInt, Field(ge=0)] = Field(alias="rådrum_månader")
    rounding: Literal["närmaste_krona", "nedåt", "ingen"] = Field(alias="avrundning")
    savings_buffer_per_person: Kronor = Field(alias="sparbuffert_per_person")
    umgange: Umgange = Field(alias="umgänge")


class LabourMarketUnit(Strict):
    """The municipality's labour-market unit and who it accepts (used by the plan review)."""

    name: str = Field(alias="namn", min_length=3)
    min_work_capacity_percent: Annotated[StrictInt, Field(ge=0, le=100)] = Field(alias="minsta_arbetsförmåga_procent")
    requirements: list[Literal["ordnat_boende", "barnomsorg", "drogfrihet"]] = Field(default_factory=list, alias="krav")
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
