"""A scenario exercise (casebank/scenarier/*.yaml): a short situation on a case, a choice with
one or more right options and feedback for each, a written reason whose keywords the grading
looks for, the skill it trains, the book section and the rule (an id in lagrum.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, StrictBool, model_validator

from .. import settings
from ..misconceptions.catalogue import BookLink
from ..rules import display_path
from ..schemas.common import Strict
from ..yamlfile import load_model


class Option(Strict):
    id: str = Field(pattern=r"^[a-z]$")
    text: str = Field(min_length=3)
    right: StrictBool = Field(alias="rätt")
    feedback: str = Field(alias="återkoppling", min_length=20)
    misconception: str | None = Field(default=None, alias="missuppfattning")


class Keyword(Strict):
    """Something the written reason must say, and the word stems that show it."""

    what: str = Field(alias="vad", min_length=3)
    words: list[str] = Field(alias="ord", min_length=1)


class Reason(Strict):
    min_words: int = Field(alias="minsta_antal_ord", ge=1)
    keywords: list[Keyword] = Field(alias="nyckelord", min_length=1)
    model: str = Field(alias="förebild", min_length=20)


class Scenario(Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str = Field(alias="titel", min_length=3)
    names: list[str] = Field(default_factory=list, alias="påhittade_förnamn")
    case: str = Field(alias="fall")
    skills: list[str] = Field(alias="färdigheter", min_length=1)
    level: Literal[1, 2, 3] = Field(alias="nivå")
    situation: str = Field(min_length=40)
    question: str = Field(alias="fråga", min_length=5)
    options: list[Option] = Field(alias="alternativ", min_length=2)
    reason: Reason = Field(alias="motivering")
    book: BookLink = Field(alias="bok")
    legal: str = Field(alias="lagrum")
    source: str = Field(alias="källa", min_length=10)

    @model_validator(mode="after")
    def _options(self) -> Scenario:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError("samma alternativ-id står flera gånger")
        if not any(o.right for o in self.options) or all(o.right for o in self.options):
            raise ValueError("minst ett alternativ ska vara rätt och minst ett fel")
        return self

    @property
    def right(self) -> frozenset[str]:
        """The ids of the right options."""
        return frozenset(o.id for o in self.options if o.right)

    @property
    def several(self) -> bool:
        """Whether more than one option is right (the form then offers check boxes)."""
        return len(self.right) > 1


def scenario_dir() -> Path:
    """Where the scenarios are: casebank/scenarier."""
    return settings.casebank_dir() / "scenarier"


def load_scenario(name: str | Path) -> Scenario:
    """A scenario by id or path (InputError names the file, line and field of a problem)."""
    path = Path(name) if str(name).endswith(".yaml") else scenario_dir() / f"{name}.yaml"
    model, _ = load_model(Scenario, path, display=display_path(path))
    return model


def scenario_ids() -> list[str]:
    """Every scenario in casebank/scenarier, by file name."""
    return sorted(p.stem for p in scenario_dir().glob("*.yaml"))


def misconception_ids() -> set[str]:
    """The misconceptions the scenarios recognise (through their wrong options)."""
    return {o.misconception for i in scenario_ids() for o in load_scenario(i).options if o.misconception}
