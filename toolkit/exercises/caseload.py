"""The week-plan exercise: the trainee plans a week of visits and is told which limit broke.

The task, the model answer and every verdict come from toolkit.caseload.grading; the limits
from toolkit/parameters/metod.yaml. This module only builds the form and shows the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import ipywidgets as widgets

from ..caseload.grading import RULES, WeekGrade, WeekTask, describe_task, grade_week, model_answer, week_task
from ..caseload.workdays import day_label
from ..progress import AttemptRecord, LineResult, Store
from ..rules import Rules, load_rules
from .base import Exercise, Grading
from .common import skill_name
from .render import html

SKILL = "besöksplanering"  # casebank/skills.yaml: trained by this exercise only (no case)
NO_VISIT = ""


@dataclass(frozen=True)
class WeekAnswer:
    """The trainee's visits: (household, social secretary, day) for each household given a day."""

    visits: tuple[tuple[str, str, date], ...]

    def to_json(self) -> list[dict[str, str]]:
        return [{"hushåll": h, "socialsekreterare": s, "dag": d.isoformat()} for h, s, d in self.visits]


class WeekPlanExercise(Exercise[WeekAnswer, WeekGrade]):
    """The week, one row per household to meet (who and which day), and the limits kept or broken."""

    kind = "veckoplan"
    result_first = True  # the limits are shown at once; the pseudonym is asked to save the attempt
    kept = "Planen finns kvar."

    def __init__(
        self,
        task: WeekTask | int,
        *,
        rules: Rules | None = None,
        store: Store | None = None,
        pseudonym: str | None = None,
        exercise_id: str | None = None,
        book_base: str | None = None,
        level: int = 1,
    ):
        self.seed = task if isinstance(task, int) else None
        self.task = week_task(task) if isinstance(task, int) else task
        super().__init__(
            str(self.seed if self.seed is not None else self.task.monday.isoformat()),
            rules=rules or load_rules(),
            store=store,
            pseudonym=pseudonym,
            exercise_id=exercise_id,
            book_base=book_base,
        )
        self.level = level
        self._build()

    @property
    def grade_shown(self) -> WeekGrade | None:
        """The grade shown now (None before 'Rätta')."""
        return self.outcome

    # -- the page ---------------------------------------------------------------------------------
    def _build(self) -> None:
        task = self.task
        staff = [m.id for m in task.staff]
        days = [("inget besök", NO_VISIT)] + [(day_label(d), d.isoformat()) for d in task.days]
        limits = [
            RULES[r].format(per_day=task.limits.max_visits_per_day, cap=task.limits.max_households) for r in RULES
        ]
        self.who_field: dict[str, widgets.Dropdown] = {}
        self.day_field: dict[str, widgets.Dropdown] = {}
        rows = []
        for household in task.to_meet():
            self.who_field[household.id] = widgets.Dropdown(
                options=staff, value=household.secretary, description="Vem:", layout=widgets.Layout(width="12em")
            )
            self.day_field[household.id] = widgets.Dropdown(
                options=days, value=NO_VISIT, description="Dag:", layout=widgets.Layout(width="20em")
            )
            label = html("caseload", "household", household.id, household.secretary, household.frequency == "vecka")
            rows.append(
                widgets.HBox(
                    [
                        widgets.HTML(label, layout=widgets.Layout(width="16em")),
                        self.who_field[household.id],
                        self.day_field[household.id],
                    ]
                )
            )
        self.button("Rätta")
        self.result = widgets.HTML()
        self.root.children = [
            widgets.HTML(html("caseload", "heading", self.level, [skill_name(SKILL)] if SKILL else [])),
            widgets.HTML(html("caseload", "task", describe_task(task))),
            widgets.HTML(html("caseload", "instruction", limits)),
            *rows,
            self.check_button,
            self.result,
            self.ask_pseudonym(),
            self.status,
        ]

    # -- reading and filling ----------------------------------------------------------------------
    def answer(self) -> WeekAnswer:
        return WeekAnswer(
            tuple(
                (hid, self.who_field[hid].value, date.fromisoformat(day.value))
                for hid, day in self.day_field.items()
                if day.value != NO_VISIT
            )
        )

    def fill(self, visits: list[tuple[str, str, date | None]]) -> None:
        """Put a plan into the form: (household, secretary, day or None for no visit)."""
        for field in self.day_field.values():
            field.value = NO_VISIT
        for hid, sid, day in visits:
            self.who_field[hid].value = sid
            self.day_field[hid].value = day.isoformat() if day else NO_VISIT

    def model_visits(self) -> list[tuple[str, str, date | None]]:
        """The model answer as form values (tests and the self-test)."""
        return [(v.household, v.staff, v.day) for v in model_answer(self.task)]

    # -- the cycle --------------------------------------------------------------------------------
    def grade(self, answer: WeekAnswer) -> Grading[WeekGrade]:
        return Grading(grade_week(self.task, answer.visits))

    def render(self, outcome: WeekGrade) -> None:
        rows = [
            (
                rule in outcome.kept,
                outcome.rule_text(rule),
                [b.message for b in outcome.breaches if b.rule == rule],
            )
            for rule in RULES
        ]
        warnings = [b.message for b in outcome.breaches if b.severity == "varning"]
        self.result.value = html("caseload", "result", rows, warnings, len(outcome.kept), len(RULES))

    def attempt(self, answer: WeekAnswer, outcome: WeekGrade) -> AttemptRecord:
        return AttemptRecord(
            exercise=self.exercise_id,
            answer=answer.to_json(),
            score=len(outcome.kept),
            max_score=len(RULES),
            variant_seed=self.seed,
            skills=(SKILL,) if SKILL else (),
            seconds=self.seconds(),
            lines=tuple(LineResult(rule, SKILL, rule in outcome.kept) for rule in RULES),
        )

    def render_saved(self, outcome: WeekGrade) -> None:
        self.status.value = html("caseload", "saved", self.attempt_id)

    def selftest(self) -> str:
        """On a separate instance: the model answer keeps every limit, and a household left
        without a visit is named under the limit it breaks."""
        probe = WeekPlanExercise(
            self.task, rules=self.rules, store=Store("sqlite://"), pseudonym="sjalvtest", exercise_id=self.exercise_id
        )
        probe.fill(probe.model_visits())
        probe.check_button.click()
        assert probe.grade_shown is not None and probe.grade_shown.passed, probe.result.value
        assert set(probe.grade_shown.kept) == set(RULES), probe.result.value
        first = self.task.to_meet()[0]
        probe.day_field[first.id].value = NO_VISIT
        probe.check_button.click()
        rule = "veckomöte" if first.frequency == "vecka" else "månadsmöte"
        assert probe.grade_shown is not None and probe.grade_shown.broken_rules() == [rule]
        assert first.id in probe.result.value and "gränsen bröts" in probe.result.value
        return self.probe_done(
            probe,
            "Självtest godkänt: förebilden håller alla gränser och ett hushåll utan besök nämns under gränsen det bryter.",
        )


def week_plan_exercise(task: WeekTask | int, **options: Any) -> WeekPlanExercise:
    """Create the week-plan exercise for a seed (a generated week) or a WeekTask."""
    return WeekPlanExercise(task, **options)
