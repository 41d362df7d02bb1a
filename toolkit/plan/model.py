"""The plan toward self-sufficiency as structured data: the plan a trainee writes, the plan
files of the case bank (drafts with a key, exemplars), and the review rules' file."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, StrictInt, model_validator

from .. import settings
from ..case import Slug
from ..errors import InputError
from ..rules import PARAMETERS, display_path
from ..schemas.common import Strict
from ..schemas.plan import PlanRulesFile
from ..yamlfile import load, load_model, validate

SEVERITIES = {"fel": "Fel", "varning": "Varning"}
PARTNERS = {
    "arbetsförmedlingen": "Arbetsförmedlingen",
    "arbetsmarknadsenheten": "Arbetsmarknadsenheten",
    "annan": "Annan samverkanspart",
}
Partner = Literal["arbetsförmedlingen", "arbetsmarknadsenheten", "annan"]
CHILDCARE = {"ordnad": "ordnad", "saknas": "saknas", "behövs_inte": "behövs inte"}
Childcare = Literal["ordnad", "saknas", "behövs_inte"]
# The rules the review applies: planregler.yaml must have exactly these.
RULE_IDS = (
    "saknat-element",
    "aktivitet-utan-ansvarig",
    "aktivitet-utan-datum",
    "uppföljning-före-plandatum",
    "uppföljning-för-sent",
    "mål-inte-mätbart",
    "delmål-inte-mätbart",
    "vag-formulering",
    "barnperspektiv-saknas",
    "remiss-bryter-kriterier",
    "remiss-kriterier-okända",
)


def plan_dir() -> Path:
    """Where the plans are: casebank/plans."""
    return settings.casebank_dir() / "plans"


@lru_cache(maxsize=2)
def load_plan_rules(root: str = str(PARAMETERS)) -> PlanRulesFile:
    """The review rules and word lists; every rule the code applies must be in the file."""
    path = Path(root) / "planregler.yaml"
    model, _ = load_model(PlanRulesFile, path, display=display_path(path))
    missing = [rule for rule in RULE_IDS if rule not in model.rules]
    unknown = [rule for rule in model.rules if rule not in RULE_IDS]
    if missing or unknown:
        raise InputError(
            f"reglerna stämmer inte med granskningen (saknas: {', '.join(missing) or 'inga'}; "
            f"okända: {', '.join(unknown) or 'inga'})",
            file=display_path(path),
        )
    return model


class SubGoal(Strict):
    text: str = ""
    date: dt.date | None = Field(default=None, alias="datum")


class Activity(Strict):
    what: str = Field(default="", alias="vad")
    who: str = Field(default="", alias="vem")
    when: dt.date | None = Field(default=None, alias="när")


class Cooperation(Strict):
    partner: Partner = Field(alias="med")
    what: str = Field(default="", alias="vad")
    referral: StrictBool = Field(default=False, alias="remiss")


class Conditions(Strict):
    """What is known about the criteria of the labour-market unit (None: not stated)."""

    work_capacity: Annotated[StrictInt, Field(ge=0, le=100)] | None = Field(default=None, alias="arbetsförmåga_procent")
    settled_housing: StrictBool | None = Field(default=None, alias="ordnat_boende")
    childcare: Childcare | None = Field(default=None, alias="barnomsorg")
    drug_free: StrictBool | None = Field(default=None, alias="drogfri")


class Plan(Strict):
    date: dt.date = Field(alias="datum")
    children: Annotated[StrictInt, Field(ge=0, le=20)] = Field(default=0, alias="barn_i_hushållet")
    goal: str = Field(default="", alias="mål")
    goal_date: dt.date | None = Field(default=None, alias="måldatum")
    obstacles: list[str] = Field(default_factory=list, alias="hinder")
    subgoals: list[SubGoal] = Field(default_factory=list, alias="delmål")
    activities: list[Activity] = Field(default_factory=list, alias="aktiviteter")
    next_follow_up: dt.date | None = Field(default=None, alias="nästa_uppföljning")
    child_perspective: str = Field(default="", alias="barnperspektiv")
    cooperation: list[Cooperation] = Field(default_factory=list, alias="samverkan")
    own_responsibility: str = Field(default="", alias="eget_ansvar")
    conditions: Conditions = Field(default_factory=Conditions, alias="förutsättningar")

    def to_data(self) -> dict[str, Any]:
        """The plan as the file and the progress store hold it (Swedish keys, ISO dates)."""
        return self.model_dump(by_alias=True, mode="json")


class KeyFinding(Strict):
    rule: str = Field(alias="regel")
    field: str | None = Field(default=None, alias="fält")


class PlanKey(Strict):
    """The findings a person expects from the draft, worked out by hand."""

    findings: list[KeyFinding] = Field(default_factory=list, alias="fynd")
    source: str = Field(alias="källa", min_length=10)


class PlanFile(Strict):
    id: Slug
    kind: Literal["utkast", "förebild"] = Field(alias="typ")
    title: str = Field(alias="titel", min_length=3)
    skills: list[str] = Field(default_factory=list, alias="färdigheter")
    level: Literal[1, 2, 3] = Field(default=1, alias="nivå")
    municipality: Slug | None = Field(default=None, alias="kommun")
    exemplar: Slug | None = Field(default=None, alias="förebild")
    narrative: str = Field(default="", alias="berättelse")
    plan: Plan
    key: PlanKey | None = Field(default=None, alias="facit")

    @model_validator(mode="after")
    def _draft_needs_exemplar(self) -> PlanFile:
        if self.kind == "utkast" and (self.exemplar is None or self.key is None):
            raise ValueError("ett utkast behöver förebild och facit")
        for finding in self.key.findings if self.key else []:
            if finding.rule not in RULE_IDS:
                raise ValueError(f"okänd regel '{finding.rule}' i facit (finns: {', '.join(RULE_IDS)})")
        return self


def parse_plan(data: Any, *, display: str = "<plan>") -> Plan:
    """Validate plan data (for example from a form); InputError names the field."""
    return validate(Plan, data, display=display)


def load_plan_file(path: str | Path) -> PlanFile:
    path = Path(path)
    name = display_path(path) if path.is_absolute() else str(path)
    model = validate(PlanFile, load(path, display=name), display=name)
    if model.id != path.stem:
        raise InputError(f"id '{model.id}' ska vara samma som filnamnet ('{path.stem}')", file=name, field="id")
    return model


def plan_files(directory: Path | None = None, kind: str | None = None) -> list[Path]:
    paths = sorted(Path(directory or plan_dir()).glob("*.yaml"))
    return [p for p in paths if kind is None or load_plan_file(p).kind == kind]


def plan_by_id(plan_id: str, directory: Path | None = None) -> PlanFile:
    directory = Path(directory or plan_dir())
    path = directory / f"{plan_id}.yaml"
    if not path.is_file():
        raise InputError(f"planen '{plan_id}' finns inte (finns: {', '.join(p.stem for p in plan_files(directory))})")
    return load_plan_file(path)


def sections(plan: Plan) -> list[tuple[str, list[str]]]:
    """The plan as labelled lines of plain text, for showing it beside another plan."""

    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else "inget datum"

    rows = [
        ("Mål", [plan.goal + (f" (senast {plan.goal_date})" if plan.goal_date else "")] if plan.goal.strip() else []),
        ("Hinder", [o for o in plan.obstacles if o.strip()]),
        ("Delmål", [f"{g.text} ({day(g.date)})" for g in plan.subgoals if g.text.strip()]),
        (
            "Aktiviteter",
            [
                f"{a.what}: {a.who or 'ingen ansvarig'}, {day(a.when)}"
                for a in plan.activities
                if a.what.strip() or a.who.strip() or a.when
            ],
        ),
        ("Nästa uppföljning", [day(plan.next_follow_up)] if plan.next_follow_up else []),
        ("Barnperspektiv", [plan.child_perspective] if plan.child_perspective.strip() else []),
        (
            "Samverkan",
            [f"{PARTNERS[c.partner]}{' (remiss)' if c.referral else ''}: {c.what}" for c in plan.cooperation],
        ),
        ("Eget ansvar för ekonomin", [plan.own_responsibility] if plan.own_responsibility.strip() else []),
    ]
    return rows
