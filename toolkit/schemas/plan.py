"""The plan review's parameter file, planregler.yaml: the rules, their severity and the word lists."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import Source, Strict


class ReviewRule(Strict):
    severity: Literal["fel", "varning"] = Field(alias="allvar")
    description: str = Field(alias="beskrivning", min_length=10)
    source: Source = Field(alias="källa")


class PlanRulesFile(Strict):
    name: str = Field(alias="namn")
    sources: dict[str, Source] = Field(default_factory=dict, alias="källor")
    rules: dict[str, ReviewRule] = Field(alias="regler", min_length=1)
    vague: list[Annotated[str, Field(min_length=2)]] = Field(alias="vaga_ord", min_length=1)
    number_words: list[str] = Field(default_factory=list, alias="räkneord")
    time_words: list[str] = Field(default_factory=list, alias="tidsord")
