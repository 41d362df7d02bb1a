"""casebank/skills.yaml: the skills the cases train, each with the book section that teaches it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StrictBool

from ..schemas.common import Strict
from ..yamlfile import load_model
from . import SKILLS, display

Section = Annotated[str, Field(pattern=r"^[a-z0-9-]+#[a-z0-9-]+$")]


class Skill(Strict):
    name: str = Field(alias="namn", min_length=3)
    mastery: str = Field(alias="kunna", min_length=20)
    section: Section = Field(alias="avsnitt")
    see_also: list[Section] = Field(default_factory=list, alias="se_även")
    # Trained by the decision and scenario exercises on the cases, not named by the cases
    # themselves: the case bank's coverage does not count it.
    exercises_only: StrictBool = Field(default=False, alias="bara_övningar")
    # The rules (ids in parameters/lagrum.yaml) whose lines of a beräkning train this skill, so
    # that an attempt credits the skill with exactly those lines.
    rules: list[str] = Field(default_factory=list, alias="regler")

    @property
    def chapter(self) -> str:
        return self.section.split("#")[0]

    @property
    def label(self) -> str:
        return self.section.split("#")[1]

    def url(self, prefix: str = "../chapters/") -> str:
        """A relative link to the section, e.g. ../chapters/utredning.html#sec-kontroll."""
        return f"{prefix}{self.chapter}.html#{self.label}"


class SkillsFile(Strict):
    skills: dict[str, Skill] = Field(alias="färdigheter", min_length=1)


def load_skills(path: Path = SKILLS) -> dict[str, Skill]:
    """The skills by id, in file order; InputError names the file, line and field of a problem."""
    model, _ = load_model(SkillsFile, path, display=display(path))
    return model.skills
