"""The decision exercise: the trainee writes the decision (or the återkrav decision) as it is
sent, clicks "Granska beslutet" and sees each element of the rubric with its feedback, and then
the model decision beside their own. A method supervisor can grade the attempt. Every verdict
comes from toolkit.decision; every attempt is recorded with one line per element."""

from __future__ import annotations

import dataclasses
from typing import Any

import ipywidgets as widgets

from ..decision import (
    DECISION_TYPES,
    DecisionAnswer,
    DecisionExercise,
    Review,
    exercise_case,
    exercise_control,
    load_decision,
    model_answer,
    review,
)
from ..errors import InputError
from ..progress import AttemptRecord, Store
from ..rules import Rules, load_rules
from .base import Exercise, Grading
from .common import Cells
from .render import blocks, html
from .supervisor import GRADES, SupervisorReview

WIDE = {"description_width": "initial"}


def _area(placeholder: str, height: str = "6em") -> widgets.Textarea:
    return widgets.Textarea(placeholder=placeholder, layout=widgets.Layout(width="100%", height=height))


class WrittenDecisionExercise(Exercise[DecisionAnswer, Review]):
    """A decision to write on a case (or an återkrav on a control), reviewed element by element."""

    kind = "beslut"
    css_class = "hb-decision"
    kept = "Beslutet finns kvar."
    result_first = True

    def __init__(
        self,
        exercise: DecisionExercise | str,
        *,
        rules: Rules | None = None,
        store: Store | None = None,
        pseudonym: str | None = None,
        exercise_id: str | None = None,
        book_base: str | None = None,
    ):
        self.exercise = exercise if isinstance(exercise, DecisionExercise) else load_decision(exercise)
        super().__init__(
            self.exercise.id,
            rules=rules or load_rules(),
            store=store,
            pseudonym=pseudonym,
            exercise_id=exercise_id,
            book_base=book_base,
        )
        self._build()

    # -- the form ------------------------------------------------------------------------------------
    def _background(self) -> tuple[str, str]:
        """The case's (or control's) story and the key's working, shown above the form."""
        if self.exercise.control is not None:
            control = exercise_control(self.exercise)
            return control.narrative, control.key.working
        case = exercise_case(self.exercise)
        return case.narrative, (case.key.working or "") if case.key else ""

    def _build(self) -> None:
        self.text = Cells()
        ex = self.exercise
        narrative, working = self._background()
        heading = self.text(html("decision", "heading", ex))
        who = self.ask_pseudonym()
        story = self.text(html("common", "story", "Ärendet", blocks(narrative)))
        situation = self.text(html("common", "story", "Beslutet du ska skriva", blocks(ex.situation)))
        calculation = widgets.Accordion(children=[self.text(html("common", "paragraphs", blocks(working)))])
        calculation.set_title(0, "Beräkningen")
        kinds = [k for k in DECISION_TYPES if (k == "återkrav") == ex.recovery]
        self.decision = widgets.Dropdown(
            options=[("Välj", "")] + [(DECISION_TYPES[k], k) for k in kinds], value="", description="Beslut:"
        )
        self.amount = widgets.Text(description="Belopp (kr):", style=WIDE, layout=widgets.Layout(width="18em"))
        self.start = widgets.DatePicker(description="Från:", style=WIDE)
        self.end = widgets.DatePicker(description="Till:", style=WIDE)
        self.motivation = _area("Fakta, regeln med enkla ord och din bedömning", "10em")
        self.legal = widgets.Text(placeholder="Lagrum", layout=widgets.Layout(width="100%"))
        self.information = _area(
            "Om beloppet inte betalas, och om avdrag"
            if ex.recovery
            else "Hur man överklagar: vart, hur och inom vilken tid"
        )
        self.communication = _area("Om kommunicering har gjorts: vad den sökande fick ta del av och svarade", "4em")

        def section(title: str) -> widgets.HTML:
            return self.text(html("common", "section", title))

        form = widgets.VBox(
            [
                widgets.HBox([self.decision, self.amount]),
                widgets.HBox([self.start, self.end]),
                section("Motivering"),
                self.motivation,
                section("Lagrum"),
                self.legal,
                section("Betalning, avdrag och förvaltningsrätten" if ex.recovery else "Överklagandehänvisning"),
                self.information,
                section("Kommunicering"),
                self.communication,
            ],
            layout=widgets.Layout(width="100%"),
        )
        self.review_button = self.button("Granska beslutet")
        self.result = self.text()
        self.comparison = self.text()
        self.supervisor = SupervisorReview(lambda: self.store)
        self.root.children = [
            heading,
            who,
            story,
            situation,
            calculation,
            self.text(html("decision", "instruction", ex.recovery)),
            form,
            self.review_button,
            self.status,
            self.result,
            self.comparison,
            self.supervisor.root,
        ]

    def fill(self, answer: DecisionAnswer) -> None:
        """Put a written decision into the form (tests and the self-test)."""
        self.decision.value = answer.decision
        self.amount.value = answer.amount
        self.start.value, self.end.value = answer.start, answer.end
        self.motivation.value, self.legal.value = answer.motivation, answer.legal
        self.information.value, self.communication.value = answer.information, answer.communication

    # -- the cycle -------------------------------------------------------------------------------------
    def answer(self) -> DecisionAnswer:
        return DecisionAnswer(
            decision=self.decision.value or "",
            amount=self.amount.value,
            start=self.start.value,
            end=self.end.value,
            motivation=self.motivation.value,
            legal=self.legal.value,
            information=self.information.value,
            communication=self.communication.value,
        )

    def grade(self, answer: DecisionAnswer) -> Grading[Review]:
        try:
            return Grading(review(self.exercise, answer, self.rules))
        except InputError as error:
            return Grading(None, f"{error} Det du har skrivit finns kvar.")

    def render(self, outcome: Review) -> None:
        self.result.value = html("decision", "result", outcome.score, outcome.max_score, outcome.elements)
        self.comparison.value = html("decision", "comparison", self._rows(self.answer()))

    def _rows(self, mine: DecisionAnswer) -> list[tuple[str, str, str]]:
        model = model_answer(self.exercise)

        def shown(a: DecisionAnswer) -> list[str]:
            period = f"{a.start.isoformat()} – {a.end.isoformat()}" if a.start and a.end else ""
            kind = DECISION_TYPES.get(a.decision, a.decision)
            return [kind, a.amount, period, a.motivation, a.legal, a.information, a.communication]

        labels = ["Beslut", "Belopp (kr)", "Period", "Motivering", "Lagrum", "Upplysningar", "Kommunicering"]
        return list(zip(labels, shown(mine), shown(model), strict=True))

    def attempt(self, answer: DecisionAnswer, outcome: Review) -> AttemptRecord:
        return AttemptRecord(
            exercise=self.exercise_id,
            answer=answer.to_data(),
            score=outcome.score,
            max_score=outcome.max_score,
            case_id=self.exercise.case or self.exercise.control,
            misconceptions=outcome.misconceptions,
            skills=tuple(self.exercise.skills),
            seconds=self.seconds(),
            lines=outcome.lines,
        )

    def render_saved(self, outcome: Review) -> None:
        self.supervisor.attempt_field.value = self.attempt_id
        self.status.value = html("decision", "saved", self.attempt_id)

    def selftest(self) -> str:
        """The model decision passes every element, one without an överklagandehänvisning (or
        återkrav information) is flagged, the lines are saved and a supervisor's grade is kept."""
        store = Store("sqlite://")
        probe = WrittenDecisionExercise(self.exercise, rules=self.rules, store=store, pseudonym="sjalvtest")
        model = model_answer(self.exercise)
        probe.fill(model)
        outcome = probe.check()
        assert outcome is not None and outcome.all_right, probe.result.value
        assert "Förebilden" in probe.comparison.value
        probe.fill(dataclasses.replace(model, information=""))
        outcome = probe.check()
        key = "avräkning" if self.exercise.recovery else "överklagande"
        assert outcome is not None and not outcome.element(key).right, probe.result.value
        assert model.motivation == probe.motivation.value  # nothing typed is lost
        reviewing = probe.supervisor
        reviewing.reviewer.value, reviewing.grade.value = "metodhandledare-1", GRADES[0]
        assert reviewing.save() is not None and probe.attempt_id is not None
        return self.probe_done(
            probe,
            "Självtest godkänt: förebilden klarar varje del, ett beslut utan upplysningar får "
            "återkoppling och försöket sparas med en rad per del.",
        )


def decision_exercise(exercise_id: str, **options: Any) -> WrittenDecisionExercise:
    """Create the decision exercise for a file in casebank/beslut/ (see WrittenDecisionExercise)."""
    return WrittenDecisionExercise(exercise_id, **options)
