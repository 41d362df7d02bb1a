"""The introduction programme as data: weeks, reading, exercises and checkpoints with pass criteria.

The programme lives in book/data/introduktion.yaml. The book renders its week-by-week table
from it, and the supervisor tools read the same file to sign checkpoints off. A checkpoint
passes when every criterion holds: a skill at a mastery level (from the competence profile),
work reviewed and approved (a decision, a plan), an observed meeting, or a talk on a topic.

`problems()` checks the programme against the book: every exercise and chapter exists, every
skill is in casebank/skills.yaml, and a control exercise comes only after the calculation
skills it builds on have been trained and passed at an earlier checkpoint.
No UI imports here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StrictInt, model_validator

from . import settings
from .schemas.common import Strict
from .yamlfile import load_model

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Role = Literal["Enhetschefen", "Metodhandledaren", "Din fadder", "Förste socialsekreteraren"]
Level = Annotated[StrictInt, Field(ge=1)]

# What an exercise is, from the book's file names (bedomning-01-..., kontroll-02-...).
KINDS = {"bedomning": "beräkning", "riksnorm": "beräkning", "kontroll": "kontroll", "budget": "budget", "plan": "plan"}


def data_path() -> Path:
    """Where the programme is kept: book/data/introduktion.yaml."""
    return settings.book_dir() / "data" / "introduktion.yaml"


# -- the file's schema ------------------------------------------------------------------------------
class SkillCriterion(Strict):
    """A skill at or above a mastery level in the trainee's competence profile."""

    kind: Literal["färdighet"] = Field(alias="typ")
    skill: str = Field(alias="färdighet")
    level: Level = Field(alias="nivå")


class ReviewedWork(Strict):
    """Work the trainee wrote, reviewed and approved by the named role."""

    kind: Literal["granskat"] = Field(alias="typ")
    what: Literal["beslut", "plan", "journalanteckning", "beräkning"] = Field(alias="vad")
    count: Annotated[StrictInt, Field(ge=1)] = Field(alias="antal")
    reviewer: Role = Field(alias="granskare")
    requirement: str = Field(alias="krav", min_length=10)


class ObservedMeeting(Strict):
    """A meeting the trainee leads while the named role observes."""

    kind: Literal["observerat_möte"] = Field(alias="typ")
    meeting: str = Field(alias="möte", min_length=3)
    observer: Role = Field(alias="observatör")
    requirement: str = Field(alias="krav", min_length=10)


class Talk(Strict):
    """A talk with the named role in which the trainee shows an understanding."""

    kind: Literal["genomgång"] = Field(alias="typ")
    with_role: Role = Field(alias="med")
    requirement: str = Field(alias="krav", min_length=10)


Criterion = Annotated[SkillCriterion | ReviewedWork | ObservedMeeting | Talk, Field(discriminator="kind")]


class Checkpoint(Strict):
    responsible: Role = Field(alias="ansvarig")
    description: str = Field(alias="beskrivning", min_length=10)
    criteria: list[Criterion] = Field(alias="kriterier", min_length=1)

    def skills(self) -> dict[str, int]:
        """The skills this checkpoint requires, with their lowest passing level."""
        return {c.skill: c.level for c in self.criteria if isinstance(c, SkillCriterion)}


class Week(Strict):
    number: Annotated[StrictInt, Field(ge=1)] = Field(alias="vecka")
    id: Slug
    title: str = Field(alias="rubrik", min_length=3)
    read: list[Slug] = Field(alias="läs", min_length=1)
    do: list[str] = Field(default_factory=list, alias="gör")
    exercises: list[Slug] = Field(alias="övningar", min_length=1)
    checkpoint: Checkpoint = Field(alias="kontrollpunkt")


class Programme(Strict):
    name: str = Field(alias="namn")
    length_note: str = Field(alias="längd", min_length=10)
    levels: dict[Level, str] = Field(alias="nivåer", min_length=1)
    control_builds_on: list[str] = Field(alias="kontroll_bygger_på", min_length=1)
    weeks: list[Week] = Field(alias="veckor", min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Programme:
        numbers = [w.number for w in self.weeks]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"veckorna ska vara numrerade 1, 2, 3 … i ordning, inte {numbers}")
        ids = [w.id for w in self.weeks]
        if len(set(ids)) != len(ids):
            raise ValueError("två veckor har samma id")
        seen: dict[str, int] = {}
        for week in self.weeks:
            for name in week.exercises:
                if name in seen:
                    raise ValueError(f"övningen {name} står både i vecka {seen[name]} och vecka {week.number}")
                seen[name] = week.number
            for skill, level in week.checkpoint.skills().items():
                if level not in self.levels:
                    raise ValueError(
                        f"vecka {week.number}: nivå {level} för {skill} finns inte bland nivåerna "
                        f"({', '.join(str(n) for n in sorted(self.levels))})"
                    )
        return self

    def week_of(self, exercise: str) -> int | None:
        """The week an exercise is scheduled in (None when it is not in the programme)."""
        return next((w.number for w in self.weeks if exercise in w.exercises), None)


def load_programme(path: str | Path | None = None) -> Programme:
    """The validated programme; InputError names the file, line and field of any problem."""
    path = Path(path) if path is not None else data_path()
    programme, _ = load_model(Programme, path, display=settings.display_path(path))
    return programme


# -- checks against the book --------------------------------------------------------------------------
@dataclass(frozen=True)
class ExerciseInfo:
    kind: str  # beräkning, kontroll, budget, plan (from the file name)
    skills: tuple[str, ...]


def exercise_catalogue(folder: str | Path | None = None) -> dict[str, ExerciseInfo]:
    """Every exercise notebook in the book: its kind and the skills its metadata names."""
    folder = Path(folder) if folder is not None else settings.book_dir() / "exercises"
    out = {}
    for path in sorted(folder.glob("*.ipynb")):
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("handbok") or {}
        kind = KINDS.get(path.stem.split("-", 1)[0], "övrigt")
        out[path.stem] = ExerciseInfo(kind, tuple(meta.get("färdigheter") or ()))
    return out


def problems(
    programme: Programme, catalogue: dict[str, ExerciseInfo], skills: set[str], chapters: set[str]
) -> list[str]:
    """Everything in the programme that does not fit the book, in Swedish (empty when all is well).

    A control exercise builds on calculation: the skills in `kontroll_bygger_på` and every skill
    of the control exercise that a calculation exercise trains must be trained by a calculation
    exercise in an earlier week, and the base skills must be required at an earlier checkpoint.
    """
    found = []
    for skill in programme.control_builds_on:
        if skill not in skills:
            found.append(f"kontroll_bygger_på: färdigheten {skill} finns inte i casebank/skills.yaml")
    calculation = {s for info in catalogue.values() if info.kind == "beräkning" for s in info.skills}
    calculation.update(programme.control_builds_on)
    for week in programme.weeks:
        where = f"vecka {week.number}"
        found += [f"{where}: kapitlet {c} finns inte i book/chapters" for c in week.read if c not in chapters]
        found += [
            f"{where}: färdigheten {s} finns inte i casebank/skills.yaml"
            for s in week.checkpoint.skills()
            if s not in skills
        ]
        for name in week.exercises:
            info = catalogue.get(name)
            if info is None:
                found.append(f"{where}: övningen {name} finns inte i book/exercises")
            elif info.kind == "kontroll":
                found += _control_order(programme, catalogue, week.number, name, info, calculation)
    return found


def _control_order(
    programme: Programme,
    catalogue: dict[str, ExerciseInfo],
    week: int,
    name: str,
    info: ExerciseInfo,
    calculation: set[str],
) -> list[str]:
    earlier = [w for w in programme.weeks if w.number < week]
    trained = {
        s
        for w in earlier
        for e in w.exercises
        if e in catalogue and catalogue[e].kind == "beräkning"
        for s in catalogue[e].skills
    }
    passed = {s for w in earlier for s in w.checkpoint.skills()}
    needed = (set(info.skills) & calculation) | set(programme.control_builds_on)
    out = [
        f"vecka {week}: kontrollövningen {name} kommer före beräkningsövningar som tränar {s}"
        for s in sorted(needed - trained)
    ]
    out += [
        f"vecka {week}: kontrollövningen {name} kommer före en kontrollpunkt som kräver {s}"
        for s in sorted(set(programme.control_builds_on) - passed)
    ]
    return out


# -- the table in the book ----------------------------------------------------------------------------
def criterion_text(criterion: Criterion, programme: Programme, skill_names: dict[str, str]) -> str:
    """One pass criterion in plain Swedish, as the supervisor checks it."""
    if isinstance(criterion, SkillCriterion):
        name = skill_names.get(criterion.skill, criterion.skill)
        return f"{name}: minst nivå {criterion.level} ({programme.levels[criterion.level].rstrip('.').lower()})"
    if isinstance(criterion, ReviewedWork):
        return f"{criterion.reviewer} har granskat och godkänt {criterion.count} {_plural(criterion)}: {criterion.requirement}"
    if isinstance(criterion, ObservedMeeting):
        return f"{criterion.observer} har sett dig leda {criterion.meeting}: {criterion.requirement}"
    return f"Genomgång med {criterion.with_role.lower()}: {criterion.requirement}"


def _plural(criterion: ReviewedWork) -> str:
    forms = {
        "beslut": ("beslut", "beslut"),
        "plan": ("plan", "planer"),
        "journalanteckning": ("journalanteckning", "journalanteckningar"),
        "beräkning": ("beräkning", "beräkningar"),
    }
    one, many = forms[criterion.what]
    return one if criterion.count == 1 else many


def programme_markdown(programme: Programme, titles: dict[str, str], skill_names: dict[str, str]) -> str:
    """The week-by-week programme as MyST Markdown for the chapter: one bold-titled list per
    week (no headings: the text is rendered inside a page section), with links to the
    chapters and exercises and the checkpoint's pass criteria.
    `titles` maps an exercise name to its title (the name is shown when it has none)."""
    out = []
    for week in programme.weeks:
        out.append(f"**Vecka {week.number}: {week.title}**\n")
        out.append("- **Läs:** " + ", ".join(f"{{doc}}`{c}`" for c in week.read) + ".")
        if week.do:
            out.append("- **Gör:** " + " ".join(week.do))
        out.append("- **Öva:**")
        out += [f"  - {{doc}}`{titles.get(e, e)} <../exercises/{e}>`" for e in week.exercises]
        checkpoint = week.checkpoint
        out.append(
            f"- **Kontrollpunkt** ({checkpoint.responsible.lower()} ansvarar): {checkpoint.description} Godkänd när:"
        )
        out += [f"  - {criterion_text(c, programme, skill_names)}" for c in checkpoint.criteria]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def overview_markdown(programme: Programme) -> str:
    """A short table: week, title and who is responsible for the checkpoint."""
    rows = ["| Vecka | Innehåll | Övningar | Kontrollpunkten ansvarar |", "|---|---|---:|---|"]
    rows += [f"| {w.number} | {w.title} | {len(w.exercises)} | {w.checkpoint.responsible} |" for w in programme.weeks]
    return "\n".join(rows)
