"""The scenario exercise: a short hard situation, a choice (one or more right options) and a
written reason. "Rätta" shows the feedback of each option chosen wrongly or missed, the verdict
on the reason, a model reason, the rule and the book section. Every verdict comes from
toolkit.scenarios; every attempt is recorded with a line for the choice and one for the reason."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..errors import InputError
from ..progress import AttemptRecord, Store
from ..rules import Rules, load_rules
from ..scenarios import Scenario, ScenarioAnswer, ScenarioResult, grade, load_scenario
from .base import Exercise, Grading
from .render import blocks, html


class ScenarioExercise(Exercise[ScenarioAnswer, ScenarioResult]):
    """A scenario with its choice and reason; one check cycle on 'Rätta'."""

    kind = "scenario"
    css_class = "hb-scenario"
    kept = "Svaret finns kvar."

    def __init__(
        self,
        scenario: Scenario | str,
        *,
        rules: Rules | None = None,
        store: Store | None = None,
        pseudonym: str | None = None,
        exercise_id: str | None = None,
        book_base: str | None = None,
    ):
        self.scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        super().__init__(
            self.scenario.id,
            rules=rules or load_rules(),
            store=store,
            pseudonym=pseudonym,
            exercise_id=exercise_id,
            book_base=book_base,
        )
        self._build()

    def _build(self) -> None:
        sc = self.scenario
        who = self.ask_pseudonym()
        layout = widgets.Layout(width="100%")
        self.choices = {o.id: widgets.Checkbox(description=o.text, indent=False, layout=layout) for o in sc.options}
        self.single = widgets.RadioButtons(options=[(o.text, o.id) for o in sc.options], value=None, layout=layout)
        choice: list[widgets.Widget] = list(self.choices.values()) if sc.several else [self.single]
        self.reason = widgets.Textarea(
            placeholder="Motivera ditt val med egna ord", layout=widgets.Layout(width="100%", height="6em")
        )
        self.result = widgets.HTML()
        self.root.children = [
            widgets.HTML(html("scenario", "heading", sc)),
            who,
            widgets.HTML(html("common", "story", "Situationen", blocks(sc.situation))),
            widgets.HTML(html("scenario", "question", sc)),
            *choice,
            widgets.HTML(html("common", "section", "Varför?")),
            self.reason,
            self.button("Rätta"),
            self.status,
            self.result,
        ]

    def fill(self, chosen: set[str] | frozenset[str], reason: str) -> None:
        """Choose options and write a reason (tests and the self-test)."""
        if self.scenario.several:
            for option_id, box in self.choices.items():
                box.value = option_id in chosen
        else:
            self.single.value = next(iter(chosen), None)
        self.reason.value = reason

    def answer(self) -> ScenarioAnswer:
        if self.scenario.several:
            chosen = frozenset(k for k, box in self.choices.items() if box.value)
        else:
            chosen = frozenset({self.single.value}) if self.single.value else frozenset()
        return ScenarioAnswer(chosen, self.reason.value)

    def grade(self, answer: ScenarioAnswer) -> Grading[ScenarioResult]:
        try:
            return Grading(grade(self.scenario, answer, self.rules))
        except InputError as error:
            return Grading(None, f"{error}. Det du har skrivit finns kvar.")

    def render(self, outcome: ScenarioResult) -> None:
        url = f"{self.book_base}{self.scenario.book.chapter}.html#{self.scenario.book.label}"
        self.result.value = html("scenario", "result", outcome, self.scenario, url)

    def attempt(self, answer: ScenarioAnswer, outcome: ScenarioResult) -> AttemptRecord:
        return AttemptRecord(
            exercise=self.exercise_id,
            answer=answer.to_data(),
            score=outcome.score,
            max_score=outcome.max_score,
            case_id=self.scenario.case,
            misconceptions=outcome.misconceptions,
            skills=tuple(self.scenario.skills),
            seconds=self.seconds(),
            lines=outcome.lines,
        )

    def render_saved(self, outcome: ScenarioResult) -> None:
        self.status.value = html("scenario", "saved", self.attempt_id)

    def selftest(self) -> str:
        """The right choice with the model reason passes, each wrong option shows its feedback,
        and no choice gives a message that keeps the text."""
        probe = ScenarioExercise(self.scenario, rules=self.rules, store=Store("sqlite://"), pseudonym="sjalvtest")
        probe.fill(self.scenario.right, self.scenario.reason.model)
        outcome = probe.check()
        assert outcome is not None and outcome.all_right, probe.result.value
        for option in self.scenario.options:
            if not option.right:
                probe.fill({option.id}, self.scenario.reason.model)
                outcome = probe.check()
                assert outcome is not None and not outcome.choice_right
                assert option.feedback.split()[0] in probe.result.value
        probe.fill(set(), "Min motivering.")
        assert probe.check() is None and "välj minst ett" in probe.status.value
        assert probe.reason.value == "Min motivering."
        return self.probe_done(
            probe,
            "Självtest godkänt: rätt val med förebildens motivering är rätt, varje fel val får sin "
            "återkoppling och ett svar utan val får ett meddelande.",
        )


def scenario_exercise(scenario_id: str, **options: Any) -> ScenarioExercise:
    """Create the scenario exercise for a file in casebank/scenarier/ (see ScenarioExercise)."""
    return ScenarioExercise(scenario_id, **options)
