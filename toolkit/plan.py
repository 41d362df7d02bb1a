"""A plan toward self-sufficiency as structured data, and a deterministic review of it.

The plan holds the goal in the client's own words, the obstacles, sub-goals, activities
(who does what by when), the next follow-up, the child perspective, cooperation with
Arbetsförmedlingen or the municipality's labour-market unit, and the client's own
responsibility for the economy. review() returns findings, each with a rule id, a Swedish
message and a severity; the rules, the vague words and the number words are data in
toolkit/parameters/planregler.yaml, the labour-market unit's criteria and the follow-up
interval are in the municipality file.

Convention for "the next monthly meeting": at most `uppföljning.högst_månader` (1 in
Exempelstad) calendar months after the plan date, on the same day of the month; where that
day does not exist, the last day of that month (2025-01-31 → 2025-02-28). No interval in the
municipality file means one month, the monthly meeting of the method.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

from .case import Slug
from .errors import InputError
from . import settings
from .paramschema import Source
from .rules import PARAMETERS, Rules, display_path, load_rules
from .yamlfile import load, load_model, validate

PLAN_DIR = settings.casebank_dir() / "plans"
SEVERITIES = {"fel": "Fel", "varning": "Varning"}
PARTNERS = {"arbetsförmedlingen": "Arbetsförmedlingen", "arbetsmarknadsenheten": "Arbetsmarknadsenheten",
            "annan": "Annan samverkanspart"}
CHILDCARE = {"ordnad": "ordnad", "saknas": "saknas", "behövs_inte": "behövs inte"}
DEFAULT_FOLLOW_UP_MONTHS = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


# -- the rules file ------------------------------------------------------------------------------
class ReviewRule(_Strict):
    severity: Literal["fel", "varning"] = Field(alias="allvar")
    description: str = Field(alias="beskrivning", min_length=10)
    source: Source = Field(alias="källa")


class PlanRulesFile(_Strict):
    name: str = Field(alias="namn")
    sources: dict[str, Source] = Field(default_factory=dict, alias="källor")
    rules: dict[str, ReviewRule] = Field(alias="regler", min_length=1)
    vague: list[Annotated[str, Field(min_length=2)]] = Field(alias="vaga_ord", min_length=1)
    number_words: list[str] = Field(default_factory=list, alias="räkneord")
    time_words: list[str] = Field(default_factory=list, alias="tidsord")


RULE_IDS = ("saknat-element", "aktivitet-utan-ansvarig", "aktivitet-utan-datum", "uppföljning-före-plandatum",
            "uppföljning-för-sent", "mål-inte-mätbart", "delmål-inte-mätbart", "vag-formulering",
            "barnperspektiv-saknas", "remiss-bryter-kriterier", "remiss-kriterier-okända")


@lru_cache(maxsize=2)
def load_plan_rules(root: str = str(PARAMETERS)) -> PlanRulesFile:
    """The review rules and word lists; every rule the code applies must be in the file."""
    path = Path(root) / "planregler.yaml"
    model, _ = load_model(PlanRulesFile, path, display=display_path(path))
    missing = [rule for rule in RULE_IDS if rule not in model.rules]
    unknown = [rule for rule in model.rules if rule not in RULE_IDS]
    if missing or unknown:
        raise InputError(f"reglerna stämmer inte med granskningen (saknas: {', '.join(missing) or 'inga'}; "
                         f"okända: {', '.join(unknown) or 'inga'})", file=display_path(path))
    return model


# -- the plan ------------------------------------------------------------------------------------
class SubGoal(_Strict):
    text: str = ""
    date: dt.date | None = Field(default=None, alias="datum")


class Activity(_Strict):
    what: str = Field(default="", alias="vad")
    who: str = Field(default="", alias="vem")
    when: dt.date | None = Field(default=None, alias="när")


class Cooperation(_Strict):
    partner: Literal[tuple(PARTNERS)] = Field(alias="med")  # type: ignore[valid-type]
    what: str = Field(default="", alias="vad")
    referral: StrictBool = Field(default=False, alias="remiss")


class Conditions(_Strict):
    """What is known about the criteria of the labour-market unit (None: not stated)."""

    work_capacity: Annotated[StrictInt, Field(ge=0, le=100)] | None = Field(default=None,
                                                                           alias="arbetsförmåga_procent")
    settled_housing: StrictBool | None = Field(default=None, alias="ordnat_boende")
    childcare: Literal[tuple(CHILDCARE)] | None = Field(default=None, alias="barnomsorg")  # type: ignore[valid-type]
    drug_free: StrictBool | None = Field(default=None, alias="drogfri")


class Plan(_Strict):
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

    def to_data(self) -> dict:
        """The plan as the file and the progress store hold it (Swedish keys, ISO dates)."""
        return self.model_dump(by_alias=True, mode="json")


class KeyFinding(_Strict):
    rule: str = Field(alias="regel")
    field: str | None = Field(default=None, alias="fält")


class PlanKey(_Strict):
    """The findings a person expects from the draft, worked out by hand."""

    findings: list[KeyFinding] = Field(default_factory=list, alias="fynd")
    source: str = Field(alias="källa", min_length=10)


class PlanFile(_Strict):
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
    def _draft_needs_exemplar(self) -> "PlanFile":
        if self.kind == "utkast" and (self.exemplar is None or self.key is None):
            raise ValueError("ett utkast behöver förebild och facit")
        for finding in (self.key.findings if self.key else []):
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


def plan_files(directory: Path = PLAN_DIR, kind: str | None = None) -> list[Path]:
    paths = sorted(Path(directory).glob("*.yaml"))
    return [p for p in paths if kind is None or load_plan_file(p).kind == kind]


def plan_by_id(plan_id: str, directory: Path = PLAN_DIR) -> PlanFile:
    path = Path(directory) / f"{plan_id}.yaml"
    if not path.is_file():
        raise InputError(f"planen '{plan_id}' finns inte (finns: {', '.join(p.stem for p in plan_files(directory))})")
    return load_plan_file(path)


# -- the review ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    rule: str
    field: str | None
    message: str
    severity: str   # 'fel' or 'varning'

    @property
    def severity_label(self) -> str:
        return SEVERITIES[self.severity]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later; the last day of the month where it does not exist."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def follow_up_deadline(plan: Plan, rules: Rules | None = None) -> dt.date:
    """The latest day for the next follow-up: the next monthly meeting (see the module docstring)."""
    rules = rules or load_rules()
    interval = rules.municipality.follow_up
    return add_months(plan.date, interval.within_months if interval else DEFAULT_FOLLOW_UP_MONTHS)


def _has_word(text: str, words: list[str]) -> str | None:
    for word in words:
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE):
            return word
    return None


def _measurable(text: str, when: dt.date | None, words: PlanRulesFile) -> bool:
    return (when is not None or bool(re.search(r"\d", text)) or _has_word(text, words.number_words) is not None
            or _has_word(text, words.time_words) is not None)


def _texts(plan: Plan) -> list[tuple[str, str]]:
    """Every free text of the plan with its field name, for the vague-word check."""
    texts = [("mål", plan.goal)]
    texts += [(f"hinder[{i + 1}]", t) for i, t in enumerate(plan.obstacles)]
    texts += [(f"delmål[{i + 1}]", g.text) for i, g in enumerate(plan.subgoals)]
    texts += [(f"aktiviteter[{i + 1}].vad", a.what) for i, a in enumerate(plan.activities)]
    texts += [("barnperspektiv", plan.child_perspective)]
    texts += [(f"samverkan[{i + 1}].vad", c.what) for i, c in enumerate(plan.cooperation)]
    texts += [("eget_ansvar", plan.own_responsibility)]
    return [(field, text) for field, text in texts if text.strip()]


def review(plan: Plan, rules: Rules | None = None, words: PlanRulesFile | None = None) -> list[Finding]:
    """Review a plan: every finding with rule id, field, Swedish message and severity.

    Deterministic: the same plan always gives the same findings in the same order.
    """
    rules = rules or load_rules()
    words = words or load_plan_rules()
    found: list[Finding] = []

    def add(rule: str, field: str | None, message: str) -> None:
        found.append(Finding(rule, field, message, words.rules[rule].severity))

    # 1. every element is there
    activities = [a for a in plan.activities if a.what.strip() or a.who.strip() or a.when]
    subgoals = [g for g in plan.subgoals if g.text.strip() or g.date]
    if not plan.goal.strip():
        add("saknat-element", "mål", "Planen har inget mål. Skriv målet med klientens egna ord.")
    if not [o for o in plan.obstacles if o.strip()]:
        add("saknat-element", "hinder", "Planen säger inte vad som hindrar klienten från att försörja sig själv.")
    if not subgoals:
        add("saknat-element", "delmål", "Planen har inga delmål på vägen mot målet.")
    if not activities:
        add("saknat-element", "aktiviteter", "Planen har inga aktiviteter: vem gör vad, och när?")
    if plan.next_follow_up is None:
        add("saknat-element", "nästa_uppföljning", "Planen säger inte när den följs upp nästa gång.")
    if not any(c.partner in ("arbetsförmedlingen", "arbetsmarknadsenheten") for c in plan.cooperation):
        add("saknat-element", "samverkan",
            "Planen säger inget om samverkan med Arbetsförmedlingen eller arbetsmarknadsenheten.")
    if not plan.own_responsibility.strip():
        add("saknat-element", "eget_ansvar", "Planen säger inte vad klienten själv ansvarar för i sin ekonomi.")
    for i, activity in enumerate(plan.activities):
        if (activity.who.strip() or activity.when) and not activity.what.strip():
            add("saknat-element", f"aktiviteter[{i + 1}].vad", f"Aktivitet {i + 1} säger inte vad som ska göras.")
    # 2–3. activities: who and when
    for i, activity in enumerate(plan.activities):
        if not activity.what.strip():
            continue
        if not activity.who.strip():
            add("aktivitet-utan-ansvarig", f"aktiviteter[{i + 1}].vem",
                f"Aktivitet {i + 1} ({activity.what.strip()}) säger inte vem som gör den.")
        if activity.when is None:
            add("aktivitet-utan-datum", f"aktiviteter[{i + 1}].när",
                f"Aktivitet {i + 1} ({activity.what.strip()}) säger inte när den ska vara gjord.")
    # 4–5. the next follow-up: not before the plan, not after the next monthly meeting
    if plan.next_follow_up is not None:
        deadline = follow_up_deadline(plan, rules)
        if plan.next_follow_up < plan.date:
            add("uppföljning-före-plandatum", "nästa_uppföljning",
                f"Nästa uppföljning ({plan.next_follow_up}) ligger före planens datum ({plan.date}).")
        elif plan.next_follow_up > deadline:
            add("uppföljning-för-sent", "nästa_uppföljning",
                f"Nästa uppföljning ({plan.next_follow_up}) ligger efter nästa månadsmöte. Följ upp senast "
                f"{deadline}.")
    # 6–7. measurable goal and sub-goals
    if plan.goal.strip() and not _measurable(plan.goal, plan.goal_date, words):
        add("mål-inte-mätbart", "mål",
            "Målet har varken ett tal eller ett datum. Skriv till exempel hur mycket eller när, så att ni kan se "
            "när det är nått.")
    for i, goal in enumerate(plan.subgoals):
        if goal.text.strip() and not _measurable(goal.text, goal.date, words):
            add("delmål-inte-mätbart", f"delmål[{i + 1}]", f"Delmål {i + 1} har varken ett tal eller ett datum.")
    # 8. vague wording
    for field, text in _texts(plan):
        for phrase in words.vague:
            if _has_word(text, [phrase]):
                add("vag-formulering", field,
                    f"\"{phrase}\" är vagt. Skriv vad som ska hända, vem som gör det och när.")
    # 9. the child perspective
    if plan.children > 0 and not plan.child_perspective.strip():
        add("barnperspektiv-saknas", "barnperspektiv",
            f"Hushållet har {plan.children} barn. Skriv hur planen påverkar "
            "barnen och vad de behöver.")
    # 10–11. a referral to the labour-market unit and its criteria
    unit = rules.municipality.labour_market_unit
    for i, cooperation in enumerate(plan.cooperation):
        if unit is None or cooperation.partner != "arbetsmarknadsenheten" or not cooperation.referral:
            continue
        field = f"samverkan[{i + 1}]"
        c = plan.conditions
        if c.work_capacity is None:
            add("remiss-kriterier-okända", field, f"Planen säger inte hur stor arbetsförmågan är. "
                f"{unit.name} kräver minst {unit.min_work_capacity_percent} procent.")
        elif c.work_capacity < unit.min_work_capacity_percent:
            add("remiss-bryter-kriterier", field, f"Arbetsförmågan är {c.work_capacity} procent. {unit.name} kräver "
                f"minst {unit.min_work_capacity_percent} procent.")
        checks = [("ordnat_boende", c.settled_housing, "har ordnat boende", "har inte ordnat boende"),
                  ("drogfrihet", c.drug_free, "är drogfri", "är inte drogfri")]
        for requirement, value, unknown, broken in checks:
            if requirement not in unit.requirements:
                continue
            if value is None:
                add("remiss-kriterier-okända", field, f"Planen säger inte om klienten {unknown}. "
                    f"{unit.name} kräver det.")
            elif value is False:
                add("remiss-bryter-kriterier", field, f"Klienten {broken}. {unit.name} kräver det.")
        if "barnomsorg" in unit.requirements and plan.children > 0:
            if c.childcare is None:
                add("remiss-kriterier-okända", field, f"Planen säger inte om barnomsorgen är ordnad. {unit.name} "
                    "kräver det.")
            elif c.childcare == "saknas":
                add("remiss-bryter-kriterier", field, f"Barnomsorgen är inte ordnad. {unit.name} kräver det.")
    return found


def score(findings: list[Finding]) -> tuple[int, int]:
    """(rules without a finding, all rules): the score stored with an attempt."""
    broken = {f.rule for f in findings}
    return len(RULE_IDS) - len(broken), len(RULE_IDS)


def compare_with_key(findings: list[Finding], key: PlanKey) -> tuple[list[KeyFinding], list[Finding]]:
    """(expected findings the review did not give, findings the key did not expect)."""
    got = {(f.rule, f.field) for f in findings}
    expected = {(k.rule, k.field) for k in key.findings}
    missing = [k for k in key.findings if (k.rule, k.field) not in got]
    extra = [f for f in findings if (f.rule, f.field) not in expected]
    return missing, extra


def sections(plan: Plan) -> list[tuple[str, list[str]]]:
    """The plan as labelled lines of plain text, for showing it beside another plan."""
    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else "inget datum"

    rows = [
        ("Mål", [plan.goal + (f" (senast {plan.goal_date})" if plan.goal_date else "")] if plan.goal.strip() else []),
        ("Hinder", [o for o in plan.obstacles if o.strip()]),
        ("Delmål", [f"{g.text} ({day(g.date)})" for g in plan.subgoals if g.text.strip()]),
        ("Aktiviteter", [f"{a.what}: {a.who or 'ingen ansvarig'}, {day(a.when)}" for a in plan.activities
                         if a.what.strip() or a.who.strip() or a.when]),
        ("Nästa uppföljning", [day(plan.next_follow_up)] if plan.next_follow_up else []),
        ("Barnperspektiv", [plan.child_perspective] if plan.child_perspective.strip() else []),
        ("Samverkan", [f"{PARTNERS[c.partner]}{' (remiss)' if c.referral else ''}: {c.what}"
                       for c in plan.cooperation]),
        ("Eget ansvar för ekonomin", [plan.own_responsibility] if plan.own_responsibility.strip() else []),
    ]
    return rows


def rules_markdown(words: PlanRulesFile | None = None) -> str:
    """The review rules as a Markdown table (id, severity, meaning) for the book."""
    words = words or load_plan_rules()
    rows = ["| Regel | Allvar | Vad den betyder |", "|---|---|---|"]
    rows += [f"| `{rule}` | {SEVERITIES[r.severity]} | {r.description} |" for rule, r in words.rules.items()]
    return "\n".join(rows)


__all__ = ["Activity", "Conditions", "Cooperation", "Finding", "Plan", "PlanFile", "PlanKey", "RULE_IDS", "SubGoal",
           "add_months", "compare_with_key", "follow_up_deadline", "load_plan_file", "load_plan_rules", "parse_plan",
           "plan_by_id", "plan_files", "review", "rules_markdown", "score", "sections"]
