"""The assessment exercise: the trainee reads a case and fills in the beräkningsunderlag.

One row per line of the assessment (person or post), the totals, the decision and a
motivation. "Rätta" asks the core (toolkit.feedback.compare) for a verdict per row and
shows it next to the row; every readable attempt is recorded in the progress store.
"Ny variant" deals a seeded variant of the same case from the case bank. No rule lives
here: every figure and verdict comes from the core.

In the find-the-facts mode (find_facts=True; the registry's default from level 2) the form has
the norm rows only, and the trainee adds each income and cost found in the documents
(factform.py); toolkit.factfinding grades the rows and the beräkning together.
"""

from __future__ import annotations

import time
from typing import Any

import ipywidgets as widgets

from ..assessment import Assessment, assess
from ..case import Case
from ..errors import ToolkitError
from ..factfinding import FACTS, FactsAnswer, FactsFeedback, FoundItem, fixed_rows, grade_found, key_items
from ..feedback import (
    AMOUNT,
    DECISION,
    DECISIONS,
    INCOMES,
    MOTIVATION,
    NEED,
    SECTIONS,
    Feedback,
    FormAnswer,
    LineAnswer,
    compare,
    form_rows,
)
from ..misconceptions import alternatives, get, line_contexts
from ..money import format_kr
from ..progress import AttemptRecord, Store
from ..rules import Rules, load_rules
from .base import Exercise, Grading
from .common import (
    SESSION,
    Cells,
    case_path,
    line_results,
    load_case_by_id,
    make_variant,
    named,
    show_instead,
    skill_name,
    skills_trained,
    variant_seed,
)
from .factform import FactsForm, fact_lines, facts_selftest
from .facts import case_facts_html, guidelines_html
from .render import blocks, field_message, html, named_misconceptions, safe, verdict_html

HEAD = ("Post", "Räknas", "Belopp (kr per månad)", "Återkoppling")


class AssessmentExercise(Exercise[FormAnswer, Feedback]):
    """A case and its beräkningsunderlag as a form, with feedback line by line on 'Rätta'."""

    kind = "bedomning"

    def __init__(
        self,
        case: Case | str,
        *,
        rules: Rules | None = None,
        store: Store | None = None,
        pseudonym: str | None = None,
        seed: int | None = None,
        exercise_id: str | None = None,
        book_base: str | None = None,
        find_facts: bool = False,
    ):
        self.find_facts = find_facts
        self.base_case = load_case_by_id(case)
        self.path = case_path(case)
        super().__init__(
            self.base_case.id,
            rules=rules or load_rules(self.base_case.municipality),
            store=store,
            pseudonym=pseudonym,
            exercise_id=exercise_id,
            book_base=book_base,
        )
        self.variants = self.path is not None and self.base_case.variation is not None
        self._dealt = 0
        self._deal(self.base_case, seed)

    @property
    def feedback(self) -> Feedback | None:
        """The feedback shown now (None before 'Rätta', or when the answer could not be graded)."""
        return self.outcome

    # -- building the form ---------------------------------------------------------------------
    def _deal(self, case: Case, seed: int | None) -> None:
        if seed is not None:
            if not self.variants or self.path is None:
                raise ToolkitError("fallbanken har ingen funktion för varianter ännu")
            case = make_variant(self.path, seed, rules=self.rules).case
        self.case, self.seed = case, seed
        self.assessment: Assessment = assess(case, self.rules)
        self.rows = (fixed_rows if self.find_facts else form_rows)(case, self.assessment)
        self.started = time.monotonic()
        self.outcome = None
        self._build()

    def _build(self) -> None:
        case = self.case
        self.text = Cells()
        # A variant is named by its number in this session ("variant 2"), never by its seed.
        variant = self._dealt + 1 if self.seed is not None else None
        heading = self.text(html("assessment", "heading", case, variant, [skill_name(s) for s in case.skills]))
        facts = "" if case.narrative.strip() else safe(case_facts_html(case, self.rules))
        case_view = self.text(html("assessment", "case_view", blocks(case.narrative), facts, case.documents))
        guidelines = widgets.Accordion(children=[self.text(guidelines_html(self.rules, case))])
        guidelines.set_title(0, f"{self.rules.municipality.name}s riktlinjer")
        guidelines.selected_index = None
        who = self.ask_pseudonym()

        self.fields: dict[str, widgets.Text] = {}
        self.counted: dict[str, widgets.Checkbox] = {}
        self.messages: dict[str, widgets.HTML] = {}
        self.verdicts: dict[str, widgets.HTML] = {}
        cells: list[widgets.Widget] = [self.text(html("common", "bold", h)) for h in HEAD]
        for category, title in SECTIONS:
            rows = [r for r in self.rows if r.category == category]
            if rows:
                cells += self._section(title)
                for row in rows:
                    cells += self._row(row.key, row.label, income=row.income)
        totals = self._section("Summa")
        totals += self._row(NEED, "Summa riksnorm och skäliga kostnader")
        totals += self._row(INCOMES, "Summa räknade inkomster")
        self.facts_form = FactsForm(case, self.rules) if self.find_facts else None
        if self.facts_form is None:
            self.grid = self._grid(cells + totals)
            form: list[widgets.Widget] = [self.grid]
        else:
            self.verdicts[FACTS] = self.facts_form.review
            self.grid = self._grid(cells)
            form = [self.grid, self.facts_form.box, self._grid(totals)]

        self.decision = widgets.RadioButtons(
            options=[(label, key) for key, label in DECISIONS.items()], value=None, description="Beslut:"
        )
        self.fields[AMOUNT] = widgets.Text(
            placeholder="kronor", description="Belopp:", layout=widgets.Layout(width="18em")
        )
        self.motivation = widgets.Textarea(
            placeholder="Kort motivering till beslutet", layout=widgets.Layout(width="100%", height="5em")
        )
        for key in (DECISION, AMOUNT, MOTIVATION):
            self.messages[key] = self.text()
        for key in (DECISION, AMOUNT):
            self.verdicts[key] = self.text()
        decision_box = widgets.VBox(
            [
                self.text(html("common", "section", "Beslut")),
                widgets.HBox([widgets.VBox([self.decision, self.messages[DECISION]]), self.verdicts[DECISION]]),
                widgets.HBox([widgets.VBox([self.fields[AMOUNT], self.messages[AMOUNT]]), self.verdicts[AMOUNT]]),
                self.text(html("common", "bold", "Motivering")),
                self.motivation,
                self.messages[MOTIVATION],
            ]
        )

        self.button("Rätta")
        self.variant_button = widgets.Button(
            description="Ny variant",
            icon="refresh",
            disabled=not self.variants,
            tooltip="Samma slags fall med andra uppgifter"
            if self.variants
            else "Varianter finns inte för det här fallet ännu",
        )
        self.variant_button.on_click(self._on_variant)
        self.summary = self.text()  # beside the status line that every exercise has (base.py)
        instruction = self.text(html("assessment", "instruction_facts" if self.find_facts else "instruction"))
        # The last variant's form is closed: a new variant adds nothing that stays.
        show_instead(
            self.root,
            [
                heading,
                who,
                case_view,
                guidelines,
                instruction,
                *form,
                decision_box,
                widgets.HBox([self.check_button, self.variant_button]),
                self.status,
                self.summary,
            ],
        )

    def _grid(self, cells: list[widgets.Widget]) -> widgets.GridBox:
        return widgets.GridBox(
            cells,
            layout=widgets.Layout(
                grid_template_columns="minmax(12em, 2fr) 4.5em minmax(11em, 1fr) minmax(16em, 3fr)",
                grid_gap="4px 10px",
                width="100%",
            ),
        )

    def _section(self, title: str) -> list[widgets.Widget]:
        return [self.text(html("common", "section", title))] + [self.text() for _ in HEAD[1:]]

    def _row(self, key: str, label: str, *, income: bool = False) -> list[widgets.Widget]:
        self.fields[key] = named(
            widgets.Text(placeholder="kronor", layout=widgets.Layout(width="100%")), f"{label}, kronor"
        )
        self.fields[key].add_class("hb-amount")
        self.messages[key] = self.text()
        self.verdicts[key] = self.text()
        if income:
            self.counted[key] = named(
                widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="auto")), f"{label} räknas"
            )
        box = self.counted[key] if income else self.text()  # the income's "räknas" box, or an empty cell
        return [
            self.text(html("common", "text", label)),
            box,
            widgets.VBox([self.fields[key], self.messages[key]]),
            self.verdicts[key],
        ]

    # -- reading and filling -------------------------------------------------------------------------
    def answer(self) -> FormAnswer:
        lines = {
            row.key: LineAnswer(self.fields[row.key].value, self.counted[row.key].value if row.income else False)
            for row in self.rows
        }
        typed = (self.fields[NEED].value, self.fields[INCOMES].value, self.decision.value, self.fields[AMOUNT].value)
        if self.facts_form is not None:
            return FactsAnswer(lines, *typed, self.motivation.value, found=self.facts_form.found())
        return FormAnswer(lines, *typed, self.motivation.value)

    def fill(self, form: FormAnswer) -> None:
        """Put an answer into the form (used by tests and the hidden self-test)."""
        for row in self.rows:
            line = form.lines.get(row.key, LineAnswer())
            self.fields[row.key].value = line.amount
            if row.income:
                self.counted[row.key].value = line.counted
        self.fields[NEED].value = form.need_total
        self.fields[INCOMES].value = form.income_total
        self.decision.value = form.decision
        self.fields[AMOUNT].value = form.amount
        self.motivation.value = form.motivation
        if self.facts_form is not None:
            self.facts_form.fill(form.found if isinstance(form, FactsAnswer) else [])

    def right_answer(self) -> FormAnswer:
        """The key as a filled-in form (for the self-test and tests of the feedback)."""
        a = self.assessment
        lines = {
            row.key: LineAnswer(format_kr(a.line(row.key).amount), a.line(row.key).amount > 0) for row in self.rows
        }
        typed = (format_kr(a.riksnorm + a.adjustments + a.costs), format_kr(a.incomes), a.decision)
        why = "Beräknat enligt riksnormen, skäliga kostnader och räknade inkomster."
        if self.facts_form is not None:
            found = [
                FoundItem(k.kind, k.type, str(k.amount), k.person, str(self.case.month), k.counted)
                for k in key_items(self.case, a)
            ]
            return FactsAnswer(lines, *typed, format_kr(a.amount), why, found=found)
        return FormAnswer(lines, *typed, format_kr(a.amount), why)

    # -- the cycle -----------------------------------------------------------------------------------
    def grade(self, answer: FormAnswer) -> Grading[Feedback]:
        if isinstance(answer, FactsAnswer):
            feedback: Feedback = grade_found(self.case, self.assessment, answer, self.rules)
            assert self.facts_form is not None
            self.facts_form.check()  # a message on each row whose amount cannot be read
        else:
            feedback = compare(self.case, self.assessment, answer, self.rules)
        for key, message in self.messages.items():
            message.value = field_message(feedback.errors.get(key, ""))
        if not feedback.readable:
            return Grading(
                None,
                f"{len(feedback.errors)} fält behöver rättas innan svaret kan bedömas. Det du har skrivit finns kvar.",
            )
        return Grading(feedback)

    def render(self, outcome: Feedback) -> None:
        for verdict in outcome.verdicts:
            if verdict.key in self.verdicts:  # a found item's verdict is in the facts review
                self.verdicts[verdict.key].value = verdict_html(verdict, self.book_base)
        if self.facts_form is not None and isinstance(outcome, FactsFeedback):
            self.facts_form.show(outcome.review)

    def attempt(self, answer: FormAnswer, outcome: Feedback) -> AttemptRecord:
        return AttemptRecord(
            exercise=self.exercise_id,
            answer=answer.to_json(),
            score=outcome.score,
            max_score=outcome.max_score,
            case_id=self.base_case.id,
            variant_seed=self.seed,
            misconceptions=outcome.misconception_ids,
            skills=skills_trained(self.case.skills, outcome.verdicts),
            seconds=self.seconds(),
            lines=line_results(self.case.skills, outcome.verdicts, self.assessment)
            + fact_lines(self.case.skills, outcome, self.assessment),
        )

    def render_saved(self, outcome: Feedback) -> None:
        self.status.value = ""
        self.summary.value = html("assessment", "summary", outcome, named_misconceptions(outcome), self.book_base)

    # -- variants --------------------------------------------------------------------------------------
    def new_variant(self, seed: int | None = None) -> None:
        """Deal a seeded variant of the same case (the typed pseudonym is kept)."""
        if seed is None:
            pseudonym = self.session_pseudonym or SESSION.current_pseudonym()
            seed = variant_seed(pseudonym, self.exercise_id, self.store, self._dealt)
        typed = self.pseudonym.value
        self._deal(self.base_case, seed)
        self._dealt += 1
        self.pseudonym.value = typed

    def _on_variant(self, _button: Any = None) -> None:
        try:
            self.new_variant()
        except ToolkitError as error:
            self.status.value = field_message(str(error))

    # -- the self-test ---------------------------------------------------------------------------------
    def injectable(self) -> tuple[str, str, int]:
        """A (row, misconception id, amount) to inject: prefer one that trains the case's skills."""
        options = []
        for key, ctx in line_contexts(self.case, self.rules, self.assessment).items():
            for misconception_id, amounts in alternatives(ctx).items():
                options.append((key, misconception_id, min(amounts)))
        if not options:
            raise AssertionError("inget fel att pröva i det här fallet")
        wanted = [o for o in options if get(o[1]).skill in self.case.skills]
        return (wanted or options)[0]

    def selftest(self) -> str:
        """On a separate instance: the key gives all right, one injected misconception is named,
        and text in an amount field gives a message and is kept."""
        probe = AssessmentExercise(
            self.case,
            rules=self.rules,
            store=Store("sqlite://"),
            pseudonym="sjalvtest",
            exercise_id=self.exercise_id,
            find_facts=self.find_facts,
        )
        if self.find_facts:
            return self.probe_done(probe, facts_selftest(probe))
        probe.fill(probe.right_answer())
        probe.check_button.click()
        assert probe.feedback is not None and probe.feedback.all_correct, probe.summary.value
        key, misconception_id, amount = probe.injectable()
        probe.fields[key].value = format_kr(amount)
        if key in probe.counted:
            probe.counted[key].value = amount > 0
        probe.check_button.click()
        assert probe.feedback is not None
        named = [m.id for m in probe.feedback.verdict(key).misconceptions]
        assert misconception_id in named, (key, misconception_id, named)
        probe.fields[key].value = "tusen"
        if key in probe.counted:
            probe.counted[key].value = True
        probe.check_button.click()
        assert "inget belopp" in probe.messages[key].value and probe.fields[key].value == "tusen"
        return self.probe_done(
            probe,
            "Självtest godkänt: rätt svar ger rätt på alla rader, ett inlagt fel får sin "
            "missuppfattning och text i ett beloppsfält ger ett meddelande.",
        )


def assessment_exercise(case: Case | str, **options: Any) -> AssessmentExercise:
    """Create the assessment exercise for a case in the bank (by id) or a Case."""
    return AssessmentExercise(case, **options)
