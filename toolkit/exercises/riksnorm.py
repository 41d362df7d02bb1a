"""Warm-up exercise: the riksnorm of one household, checked line by line."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..assessment import Assessment, assess
from ..feedback import AmountVerdict, check_amount
from ..money import format_kr
from ..preview import describe_household, household_case
from ..progress import AttemptRecord, Store
from ..rules import Rules, load_rules
from .base import Exercise, Grading
from .render import html


class RiksnormExercise(Exercise[str, AmountVerdict]):
    """A form: the trainee types the household's riksnorm and gets feedback on 'Rätta'.

    The form asks for no pseudonym: the attempt is recorded when the session knows the trainee
    (the exercise app, an earlier exercise in the same notebook, or HANDBOK_PSEUDONYM)."""

    kind = "riksnorm"
    css_class = "hb-riksnorm"
    result_first = True

    def __init__(
        self,
        month: str,
        *,
        couple: bool = False,
        children: tuple[int, ...] = (),
        lunch: tuple[bool, ...] = (),
        rules: Rules | None = None,
        store: Store | None = None,
        pseudonym: str | None = None,
        exercise_id: str | None = None,
        book_base: str | None = None,
    ):
        self.case = household_case(month, couple, list(children), list(lunch))
        super().__init__(
            "hushall",
            rules=rules or load_rules(),
            store=store,
            pseudonym=pseudonym,
            exercise_id=exercise_id,
            book_base=book_base,
        )
        self.result: Assessment = assess(self.case, self.rules)
        self.correct: bool | None = None
        self.answer_field = widgets.Text(
            description="Riksnorm:", placeholder="kronor per månad", layout=widgets.Layout(width="22em")
        )
        self.summary = widgets.HTML()
        intro = widgets.HTML(html("riksnorm", "intro", self.case.month, describe_household(self.case)))
        self.root.children = [intro, widgets.HBox([self.answer_field, self.button("Rätta")]), self.status, self.summary]

    def answer(self) -> str:
        return str(self.answer_field.value)

    def grade(self, answer: str) -> Grading[AmountVerdict]:
        verdict = check_amount(answer, self.result.riksnorm, what="Riksnormen")
        if not verdict.ok:
            self.summary.value = ""
            return Grading(None, verdict.message)
        return Grading(verdict)

    def render(self, outcome: AmountVerdict) -> None:
        self.status.value = ""
        self.summary.value = html("riksnorm", "result", outcome, self.result.lines_in("riksnorm"))
        self.correct = outcome.correct

    def missing_pseudonym(self) -> None:
        """Nothing to ask: the form has no pseudonym field, so the attempt is simply not recorded."""

    def attempt(self, answer: str, outcome: AmountVerdict) -> AttemptRecord:
        return AttemptRecord(
            exercise=self.exercise_id,
            answer={"riksnorm": answer},
            score=int(outcome.correct),
            max_score=1,
            case_id=None,
            seconds=self.seconds(),
        )

    def selftest(self) -> str:
        """The key gives 'rätt', text gives a message and is kept, and the attempt is recorded."""
        store = Store("sqlite://")
        probe = RiksnormExercise(
            str(self.case.month),
            couple=self.case.co_applicant is not None,
            children=tuple(p.age for p in self.case.household if p.role == "barn"),
            lunch=tuple(p.lunch_outside_home for p in self.case.household if p.role == "barn"),
            rules=self.rules,
            store=store,
            pseudonym="sjalvtest",
            exercise_id=self.exercise_id,
        )
        probe.answer_field.value = format_kr(probe.result.riksnorm)
        probe.check_button.click()
        assert probe.correct, probe.summary.value
        assert [(a.exercise, a.score, a.max_score) for a in store.attempts("sjalvtest")] == [(self.exercise_id, 1, 1)]
        probe.answer_field.value = "tusen"
        probe.check_button.click()
        assert "inget belopp" in probe.status.value and probe.answer_field.value == "tusen", probe.status.value
        return self.probe_done(probe, "Självtest godkänt: rätt svar och felaktig inmatning ger rätt återkoppling.")


def riksnorm_exercise(month: str, **household: Any) -> RiksnormExercise:
    """Create the warm-up exercise for a household (see RiksnormExercise)."""
    return RiksnormExercise(month, **household)
