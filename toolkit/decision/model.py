"""The files behind the decision exercises: the review's word lists and limits
(toolkit/parameters/beslut.yaml) and one decision exercise per file in casebank/beslut/.

An exercise names the case (or, for återkrav, the control) it is written on, the expected
decision from the hand-worked key, whether kommunicering was required, the deciding facts the
motivering must name, the rules it must cite (ids in lagrum.yaml) and a model decision."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import Field, StrictBool, StrictInt, model_validator

from .. import settings
from ..case import Case, load_case
from ..control import Control, load_control
from ..errors import InputError, MissingParameterError
from ..money import ORE_PER_KRONA
from ..months import Month
from ..rules import PARAMETERS, display_path
from ..schemas.common import Dated, Kronor, Strict
from ..yamlfile import load_model

PARAMETER_FILE = "beslut.yaml"
P = TypeVar("P", bound=Dated)
DecisionType = Literal["bifall", "avslag", "delvis_bifall", "återkrav"]
DECISION_TYPES: dict[str, str] = {
    "bifall": "Bifall",
    "avslag": "Avslag",
    "delvis_bifall": "Delvis bifall",
    "återkrav": "Återkrav",
}


# -- the parameters ---------------------------------------------------------------------------------
class Requirement(Strict):
    """One thing a text must say, met when one of its word stems stands in the text."""

    what: str = Field(alias="vad", min_length=5)
    words: list[str] = Field(alias="ord", min_length=1)


class RequirementsPeriod(Dated):
    requirements: list[Requirement] = Field(alias="krav", min_length=1)


class WordsPeriod(Dated):
    words: list[str] = Field(alias="ord", min_length=1)


class MotivationPeriod(Dated):
    min_words: StrictInt = Field(alias="minsta_antal_ord", ge=1)
    assessment_words: list[str] = Field(alias="bedömningsord", min_length=1)


class PlainLanguagePeriod(Dated):
    max_mean_words: StrictInt = Field(alias="högsta_medellängd_ord", ge=5)
    max_sentence_words: StrictInt = Field(alias="längsta_mening_ord", ge=5)
    officialese: list[str] = Field(alias="krångliga_ord", min_length=1)


class DecisionRulesFile(Strict):
    name: str = Field(alias="namn")
    appeal: list[RequirementsPeriod] = Field(alias="överklagande", min_length=1)
    recovery: list[RequirementsPeriod] = Field(alias="återkrav", min_length=1)
    communication: list[WordsPeriod] = Field(alias="kommunicering", min_length=1)
    motivation: list[MotivationPeriod] = Field(alias="motivering", min_length=1)
    plain_language: list[PlainLanguagePeriod] = Field(alias="klarspråk", min_length=1)


def in_force(periods: list[P], day: date, what: str, root: Path = PARAMETERS) -> P:
    """The period in force on a day; MissingParameterError naming the value otherwise."""
    for period in periods:
        if period.covers(day):
            return period
    raise MissingParameterError(what, day.isoformat(), display_path(root / PARAMETER_FILE))


@lru_cache(maxsize=2)
def load_decision_rules(root: str = str(PARAMETERS)) -> DecisionRulesFile:
    """The review's word lists and limits (toolkit/parameters/beslut.yaml)."""
    path = Path(root) / PARAMETER_FILE
    model, _ = load_model(DecisionRulesFile, path, display=display_path(path))
    return model


# -- the exercise files ---------------------------------------------------------------------------
class Fact(Strict):
    """A deciding fact the motivering must name: what it is, and the word stems that show it."""

    fact: str = Field(alias="fakta", min_length=3)
    words: list[str] = Field(alias="ord", min_length=1)


class Period(Strict):
    start: date = Field(alias="från")
    end: date = Field(alias="till")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"perioden slutar ({self.end}) före den börjar ({self.start})")
        return self


class ModelDecision(Strict):
    """The model decision's texts (the amount, period and type are the exercise's own)."""

    motivation: str = Field(alias="motivering", min_length=40)
    legal: str = Field(alias="lagrum", min_length=5)
    information: str = Field(alias="upplysningar", min_length=20)
    communication: str = Field(default="", alias="kommunicering")


class DecisionExercise(Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str = Field(alias="titel", min_length=3)
    names: list[str] = Field(default_factory=list, alias="påhittade_förnamn")
    case: str | None = Field(default=None, alias="fall")
    control: str | None = Field(default=None, alias="kontroll")
    skills: list[str] = Field(alias="färdigheter", min_length=1)
    level: Literal[1, 2, 3] = Field(alias="nivå")
    situation: str = Field(alias="situation", min_length=20)
    decision: DecisionType = Field(alias="beslutstyp")
    amount: Kronor = Field(alias="belopp")
    period: Period
    communication_required: StrictBool = Field(alias="kommunicering_krävs")
    legal: list[str] = Field(alias="lagrum", min_length=1)
    facts: list[Fact] = Field(alias="avgörande_fakta", min_length=1)
    # Word stems that show the motivering states the rule in plain words.
    rule_words: list[str] = Field(alias="regel_ord", min_length=1)
    model: ModelDecision = Field(alias="förebild")
    source: str = Field(alias="källa", min_length=10)

    @model_validator(mode="after")
    def _consistent(self) -> DecisionExercise:
        if (self.case is None) == (self.control is None):
            raise ValueError("en beslutsövning anger antingen fall eller kontroll (återkrav), inte båda")
        if (self.decision == "återkrav") != (self.control is not None):
            raise ValueError("beslutstypen återkrav hör till en kontroll, de andra beslutstyperna till ett fall")
        if self.decision == "avslag" and self.amount != 0:
            raise ValueError("ett avslag har beloppet 0")
        if self.communication_required and not self.model.communication.strip():
            raise ValueError("förebilden ska säga hur kommuniceringen gick till när den krävs")
        return self

    @property
    def recovery(self) -> bool:
        """An återkrav decision (on a control) rather than a decision on an application."""
        return self.decision == "återkrav"

    @property
    def month(self) -> Month:
        """The month whose rules (lagrum, parameters) the decision is written under."""
        return Month.of(self.period.start)


def decision_dir() -> Path:
    """Where the decision exercises are: casebank/beslut."""
    return settings.casebank_dir() / "beslut"


def load_decision(name: str | Path) -> DecisionExercise:
    """A decision exercise by id or path, checked against its case's or control's key: the
    amount of a bifall or delvis bifall is the key's amount, and an återkrav's amount is the sum
    of what the control's key says was paid in error (InputError names what disagrees)."""
    path = Path(name) if str(name).endswith(".yaml") else decision_dir() / f"{name}.yaml"
    display = display_path(path)
    exercise, _ = load_model(DecisionExercise, path, display=display)
    expected = key_amount(exercise)
    if exercise.decision != "avslag" and expected != exercise.amount:
        raise InputError(
            f"beloppet {exercise.amount} kr stämmer inte med facit ({expected} kr)", file=display, field="belopp"
        )
    return exercise


def key_amount(exercise: DecisionExercise) -> int:
    """The amount in whole kronor that the case's or control's hand-worked key gives."""
    if exercise.control is not None:
        return sum(exercise_control(exercise).key.paid_in_error.values())
    case = exercise_case(exercise)
    if case.key is None:
        raise InputError(f"fallet {case.id} har inget facit", field="fall")
    return case.key.amount // ORE_PER_KRONA


def exercise_case(exercise: DecisionExercise) -> Case:
    """The case a decision exercise is written on."""
    return load_case(settings.casebank_dir() / "cases" / f"{exercise.case}.yaml")


def exercise_control(exercise: DecisionExercise) -> Control:
    """The control an återkrav exercise is written on."""
    return load_control(str(exercise.control))


def decision_ids() -> list[str]:
    """Every decision exercise in casebank/beslut, by file name."""
    return sorted(p.stem for p in decision_dir().glob("*.yaml"))
