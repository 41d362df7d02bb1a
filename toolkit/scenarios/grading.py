"""Grading a scenario: the choice (every right option and no wrong one), with the feedback of
each option the trainee chose wrongly or missed, and the written reason (long enough, and
naming what it must). Each part is a line for the progress store with its skill."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import settings
from ..case import load_case
from ..decision.text import missing_stems, words
from ..errors import InputError
from ..months import Month
from ..progress import LineResult
from ..rules import Rules
from .model import Option, Scenario


@dataclass(frozen=True)
class ScenarioAnswer:
    """What the trainee chose (option ids) and wrote."""

    chosen: frozenset[str] = frozenset()
    reason: str = ""

    def to_data(self) -> dict[str, object]:
        return {"val": sorted(self.chosen), "motivering": self.reason}


@dataclass
class ScenarioResult:
    choice_right: bool
    reason_right: bool
    option_feedback: list[tuple[Option, str]] = field(default_factory=list)  # (option, why)
    reason_feedback: str = ""
    legal: str = ""
    skill: str = ""

    @property
    def score(self) -> int:
        return int(self.choice_right) + int(self.reason_right)

    max_score = 2

    @property
    def all_right(self) -> bool:
        return self.choice_right and self.reason_right

    @property
    def misconceptions(self) -> tuple[str, ...]:
        found = {o.misconception for o, _ in self.option_feedback if not o.right and o.misconception}
        return tuple(sorted(found))

    @property
    def lines(self) -> tuple[LineResult, ...]:
        return (
            LineResult("val", self.skill, self.choice_right),
            LineResult("motivering", self.skill, self.reason_right),
        )


def grade(scenario: Scenario, answer: ScenarioAnswer, rules: Rules, month: str | None = None) -> ScenarioResult:
    """The verdict on a choice and a written reason, with the rule's citation for the case's
    month (lagrum.yaml)."""
    unknown = sorted(answer.chosen - {o.id for o in scenario.options})
    if unknown:
        raise InputError(f"okänt alternativ: {', '.join(unknown)}", field="val")
    if not answer.chosen:
        raise InputError("välj minst ett alternativ", field="val")
    feedback: list[tuple[Option, str]] = []
    for option in scenario.options:
        chosen = option.id in answer.chosen
        if chosen and not option.right:
            feedback.append((option, "fel"))
        elif not chosen and option.right:
            feedback.append((option, "saknas"))
        elif chosen:
            feedback.append((option, "rätt"))
    missing = [
        scenario.reason.keywords[i].what
        for i in missing_stems(answer.reason, [k.words for k in scenario.reason.keywords])
    ]
    problems = []
    if len(words(answer.reason)) < scenario.reason.min_words:
        problems.append(f"skriv minst {scenario.reason.min_words} ord")
    if missing:
        problems.append("motiveringen nämner inte " + ", ".join(missing))
    case_month = month or load_case(settings.casebank_dir() / "cases" / f"{scenario.case}.yaml").month
    legal = rules.citation(scenario.legal, Month.parse(str(case_month))).text
    return ScenarioResult(
        choice_right=answer.chosen == scenario.right,
        reason_right=not problems,
        option_feedback=feedback,
        reason_feedback="Motiveringen säger det som behövs."
        if not problems
        else "Motiveringen räcker inte: " + "; ".join(problems) + ".",
        legal=legal,
        skill=scenario.skills[0],
    )
