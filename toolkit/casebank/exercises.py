"""casebank/ovningar.yaml: the exercise registry. It lists every exercise of the book and the
exercise app with what it is on (a case, control, budget, plan draft, riksnorm household, week,
decision to write or scenario),
the skills it trains, its level, the routine page it belongs to and its notebook.

The book's notebooks and the app open exercises from it (toolkit.exercises.open_exercise), the
review tool and the introduction programme read skills and routines from it, and no notebook is
executed to find out which exercises exist. Nothing here imports a UI module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, StrictBool, StrictInt, model_validator

from .. import settings
from ..errors import InputError
from ..schemas.common import Strict
from ..yamlfile import load_model

FILE_NAME = "ovningar.yaml"
Kind = Literal["bedömning", "kontroll", "budget", "plan", "riksnorm", "veckoplan", "beslut", "scenario"]
# Which field names what the exercise is on, and how its attempts are named in the progress store.
TARGET_FIELD = {
    "bedömning": "case",
    "kontroll": "control",
    "budget": "budget",
    "plan": "plan",
    "riksnorm": "household",
    "veckoplan": "week",
    "beslut": "decision",
    "scenario": "scenario",
}
RECORD_PREFIX = {
    "bedömning": "bedomning",
    "kontroll": "kontroll",
    "budget": "budget",
    "plan": "plan",
    "riksnorm": "riksnorm",
    "veckoplan": "veckoplan",
    "beslut": "beslut",
    "scenario": "scenario",
}


class Household(Strict):
    """The household of a riksnorm exercise: the month, a couple or not, the children's ages."""

    month: str = Field(alias="månad", pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    couple: StrictBool = Field(default=False, alias="sambor")
    children: list[StrictInt] = Field(default_factory=list, alias="barn")
    lunch: list[StrictBool] = Field(default_factory=list, alias="lunch_utanför_hemmet")


class Week(Strict):
    """The week of a week-plan exercise: the seed that generates it (toolkit.caseload.grading.week_task)."""

    seed: StrictInt = Field(alias="frö", ge=0)


class Entry(Strict):
    """One exercise."""

    id: str = Field(pattern=r"^[a-z]+-[0-9]{2}$")
    kind: Kind = Field(alias="typ")
    title: str = Field(alias="titel", min_length=3)
    case: str | None = Field(default=None, alias="fall")
    control: str | None = Field(default=None, alias="kontroll")
    budget: str | None = None
    plan: str | None = None
    household: Household | None = Field(default=None, alias="hushåll")
    week: Week | None = Field(default=None, alias="vecka")
    decision: str | None = Field(default=None, alias="beslut")  # a file in casebank/beslut
    scenario: str | None = None  # a file in casebank/scenarier
    skills: list[str] = Field(default_factory=list, alias="färdigheter")
    level: int = Field(alias="nivå", ge=1, le=3)
    routine: str = Field(alias="rutin", pattern=r"^[a-z0-9-]+$")
    notebook: str = Field(pattern=r"^[a-z0-9-]+$")

    @model_validator(mode="after")
    def _one_target(self) -> Entry:
        wanted = TARGET_FIELD[self.kind]
        given = [name for name in TARGET_FIELD.values() if getattr(self, name) is not None]
        if given != [wanted]:
            alias = type(self).model_fields[wanted].alias or wanted
            raise ValueError(f"en övning av typen {self.kind} anger {alias} och inget annat som den bygger på")
        return self

    @property
    def target(self) -> str:
        """The id of what the exercise is on (case, control, budget, plan draft); the entry's own id
        for a riksnorm household or a week plan."""
        value = getattr(self, TARGET_FIELD[self.kind])
        return value if isinstance(value, str) else self.id

    @property
    def record_id(self) -> str:
        """How the progress store names the exercise's attempts, e.g. bedomning/<case id>."""
        return f"{RECORD_PREFIX[self.kind]}/{self.target}"


class Registry(Strict):
    """Every exercise, in the book's order."""

    exercises: list[Entry] = Field(alias="övningar", min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Registry:
        for field in ("id", "notebook"):
            values = [getattr(e, field) for e in self.exercises]
            twice = sorted({v for v in values if values.count(v) > 1})
            if twice:
                raise ValueError(f"samma {field} står flera gånger: {', '.join(twice)}")
        return self

    def entry(self, exercise_id: str) -> Entry:
        """The exercise with this id; InputError naming the id when there is none."""
        for entry in self.exercises:
            if entry.id == exercise_id:
                return entry
        raise InputError(f"det finns ingen övning med id '{exercise_id}' i {FILE_NAME}")

    def by_notebook(self, notebook: str) -> Entry:
        """The exercise a notebook (file name without .ipynb) opens."""
        for entry in self.exercises:
            if entry.notebook == notebook:
                return entry
        raise InputError(f"notebooken '{notebook}' står inte i {FILE_NAME}")


def registry_path() -> Path:
    """Where the registry lies: <case bank>/ovningar.yaml."""
    return settings.casebank_dir() / FILE_NAME


def load_registry(path: Path | None = None) -> Registry:
    """The registry, validated (InputError names the file, line and field of a problem)."""
    path = path or registry_path()
    model, _ = load_model(Registry, path, display=settings.display_path(path))
    return model
