"""Schemas of the improvement parameters: langvarighet.yaml (long-term bistånd) and
seriediagram.yaml (the run-chart rules)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt

from .common import Dated, Source, Strict

Positive = Annotated[StrictInt, Field(ge=1)]


class LongTermPeriod(Dated):
    min_months: Annotated[StrictInt, Field(ge=1, le=12)] = Field(alias="långvarigt_minst_månader_av_kalenderåret")


class VeryLongTerm(Strict):
    months_in_row: Positive = Field(alias="månader_i_följd")
    official: StrictBool = Field(alias="officiell")


class RollingYear(Strict):
    months: Annotated[StrictInt, Field(ge=1, le=36)] = Field(alias="månader")
    min_months: Positive = Field(alias="minst_månader")
    official: StrictBool = Field(alias="officiell")


class LongTermSettings(Strict):
    month_counts_by: Literal["utbetalning"] = Field(alias="månad_räknas_efter")
    very_long_term: VeryLongTerm = Field(alias="mycket_långvarigt")
    rolling: RollingYear = Field(alias="rullande_år")
    source: Source = Field(alias="källa")


class LongTermFile(Strict):
    name: str = Field(alias="namn")
    periods: list[LongTermPeriod] = Field(alias="perioder", min_length=1)
    settings: LongTermSettings = Field(alias="inställningar")


class AnhoejRules(Strict):
    source: Source = Field(alias="källa")
    evaluation: Source = Field(alias="utvärdering")
    longest_run_add: Annotated[StrictInt, Field(ge=0)] = Field(alias="längsta_serie_tillägg")
    crossings_percent: Annotated[StrictInt, Field(ge=1, le=50)] = Field(alias="korsningar_andel_procent")


class RunsCount(Strict):
    source: Source = Field(alias="källa")
    tail_permille: Annotated[StrictInt, Field(ge=1, le=500)] = Field(alias="svans_promille")


class AstronomicalScreen(Strict):
    source: Source = Field(alias="källa")
    sigmas: Positive = Field(alias="standardavvikelser")
    d2_thousandths: Positive = Field(alias="d2_tusendelar")


class PerlaRules(Strict):
    source: Source = Field(alias="källa")
    shift: Positive = Field(alias="skift_minst_punkter")
    trend: Positive = Field(alias="trend_minst_punkter")
    min_points: Positive = Field(alias="minst_punkter_för_sannolikhetsreglerna")
    runs: RunsCount = Field(alias="antal_serier")
    astronomical: AstronomicalScreen = Field(alias="astronomisk_kandidat")


class RunChartFile(Strict):
    name: str = Field(alias="namn")
    sources: dict[str, Source] = Field(alias="källor")
    anhoej: AnhoejRules = Field(alias="anhøj")
    perla: PerlaRules
