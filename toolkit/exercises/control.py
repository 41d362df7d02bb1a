"""The control exercise: register answers next to the application.

The trainee marks each month where a register answer differs from the application, chooses
what to do, and computes the amount paid in error per month and in total. The register's
own warning (a benefit changed by more than the control's threshold between periods) is
shown as real systems show it. Every verdict comes from toolkit.control; nothing is computed here.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..control import (
    ACTIONS,
    MOTIVATION,
    TOTAL,
    Control,
    ControlAnswer,
    ControlFeedback,
    MonthResult,
    change_warnings,
    compare_control,
    declared_amount,
    load_control,
    month_field,
    paid_in_error,
    right_control_answer,
    row_field,
    row_label,
)
from ..money import format_kr
from ..months import Month
from ..progress import AttemptRecord, Store
from ..rules import Rules, load_rules
from .base import Exercise, Grading
from .common import Cells, named, skill_name, skills_trained
from .facts import case_facts_html
from .render import blocks, field_message, html, named_misconceptions, verdict_html


class ControlExercise(Exercise[ControlAnswer, ControlFeedback]):
    """Register answers, the application and a form for discrepancies, actions and amounts."""

    kind = "kontroll"

    def __init__(
        self,
        control: Control | str,
        *,
        rules: Rules | None = None,
        store: Store | None = None,
        pseudonym: str | None = None,
        exercise_id: str | None = None,
        book_base: str | None = None,
    ):
        self.control = control if isinstance(control, Control) else load_control(control)
        super().__init__(
            self.control.id,
            rules=rules or load_rules(self.control.municipality),
            store=store,
            pseudonym=pseudonym,
            exercise_id=exercise_id,
            book_base=book_base,
        )
        self.results: list[MonthResult] = paid_in_error(self.control, self.rules)
        self._build()

    @property
    def feedback(self) -> ControlFeedback | None:
        """The feedback shown now (None before 'Rätta', or when the answer could not be graded)."""
        return self.outcome

    # -- the page ---------------------------------------------------------------------------------
    def _build(self) -> None:
        control, months = self.control, self.control.month_list()
        self.text = Cells()
        heading = self.text(
            html("control", "heading", months[0], months[-1], control.level, [skill_name(s) for s in control.skills])
        )
        who = self.ask_pseudonym()
        story = self.text(html("common", "story", "Ärendet", blocks(control.narrative)))
        household = widgets.Accordion(children=[self.text(case_facts_html(control.case(0, []), self.rules))])
        household.set_title(0, "Hushållet och kostnaderna (ur ansökan)")
        household.selected_index = None
        application = self.text(html("control", "application", months, self._application_rows()))

        register_months = sorted({m for row in control.rows for m in row.months()} | set(months))
        self.marks: dict[tuple[int, str], widgets.Checkbox] = {}
        self.messages: dict[str, widgets.HTML] = {}
        self.verdicts: dict[str, widgets.HTML] = {}
        cells: list[widgets.Widget] = [self.text(html("common", "bold", "Registersvar"))]
        cells += [self.text(html("control", "month_head", m, m not in months)) for m in register_months]
        cells.append(self.text(html("common", "bold", "Återkoppling")))
        for index, row in enumerate(control.rows):
            cells.append(self.text(html("common", "text", row_label(control, row, self.rules))))
            for month in register_months:
                cells.append(self._cell(index, month, month in months))
            self.verdicts[row_field(index)] = self.text()
            cells.append(self.verdicts[row_field(index)])
        register = widgets.GridBox(
            cells,
            layout=widgets.Layout(
                grid_template_columns=f"minmax(12em, 2fr) repeat({len(register_months)}, minmax(8em, 1fr)) "
                "minmax(16em, 3fr)",
                grid_gap="4px 10px",
                width="100%",
            ),
        )
        # The limit in force in each warning's month, and in the control's last month for the
        # sentence that explains the warning (kontroll.yaml through Rules).
        limit = self.rules.change_warning(Month.parse(months[-1])).percent
        warnings = [
            w.message(
                row_label(control, control.rows[w.row], self.rules),
                self.rules.change_warning(Month.parse(w.month)).percent,
            )
            for w in change_warnings(control, rules=self.rules)
        ]

        self.actions = {
            a.id: widgets.Checkbox(value=False, description=a.text, indent=False, layout=widgets.Layout(width="auto"))
            for a in self.rules.control_actions
        }
        self.messages[ACTIONS] = self.text()
        self.verdicts[ACTIONS] = self.text()

        self.fields: dict[str, widgets.Text] = {}
        amount_rows = []
        for paid in [*months, None]:
            key = month_field(paid) if paid else TOTAL
            label = f"Felaktigt utbetalt {paid}" if paid else "Felaktigt utbetalt, summa"
            self.fields[key] = named(widgets.Text(placeholder="kronor", layout=widgets.Layout(width="12em")), label)
            self.messages[key] = self.text()
            self.verdicts[key] = self.text()
            amount_rows.append(
                widgets.HBox(
                    [
                        widgets.HTML(html("common", "text", label), layout=widgets.Layout(width="16em")),
                        widgets.VBox([self.fields[key], self.messages[key]]),
                        self.verdicts[key],
                    ]
                )
            )
        self.motivation = widgets.Textarea(
            placeholder="Vad avviker, och varför väljer du de här åtgärderna?",
            layout=widgets.Layout(width="100%", height="5em"),
        )
        self.messages[MOTIVATION] = self.text()
        self.button("Rätta")
        self.summary = self.text()
        self.root.children = [
            heading,
            who,
            story,
            household,
            application,
            self.text(html("common", "heading4", "Registersvar")),
            register,
            self.text(html("control", "warnings", warnings, limit)),
            self.text(html("control", "instruction")),
            self.text(html("common", "section", "Åtgärder")),
            widgets.HBox([widgets.VBox([*self.actions.values(), self.messages[ACTIONS]]), self.verdicts[ACTIONS]]),
            self.text(html("common", "section", "Felaktigt utbetalt belopp")),
            *amount_rows,
            self.text(html("common", "bold", "Motivering")),
            self.motivation,
            self.messages[MOTIVATION],
            self.check_button,
            self.status,
            self.summary,
        ]

    def _cell(self, index: int, month: str, graded: bool) -> widgets.Widget:
        row = self.control.rows[index]
        gross = tax = None
        if not row.money:
            value = str(row.values.get(month, "–"))
        elif month in row.gross:
            gross, tax, value = row.gross[month] * 100, row.tax[month] * 100, ""
        else:
            value = format_kr(row.amounts[month] * 100) if month in row.amounts else "–"
        text = self.text(html("control", "cell", gross, tax, value))
        if not graded:
            return text
        self.marks[(index, month)] = widgets.Checkbox(
            value=False, description="avviker", indent=False, layout=widgets.Layout(width="auto")
        )
        return widgets.VBox([text, self.marks[(index, month)]])

    def _application_rows(self) -> list[tuple[str, list[str], bool]]:
        """The application month by month: what was declared, the need, the incomes and what was paid."""
        control, months = self.control, self.control.month_list()
        benefits: list[tuple[str, str | None]] = []
        for month in control.months:
            for item in month.declared:
                if (item.type, item.person) not in benefits:
                    benefits.append((item.type, item.person))
        for row in control.rows:
            if row.money and row.benefit is not None and (row.benefit, row.person) not in benefits:
                benefits.append((row.benefit, row.person))
        rows = []
        for benefit, person in benefits:
            label = self.rules.income_types[benefit].label + (f" ({self._role(person)})" if person else "")
            rows.append(
                (
                    f"Redovisat: {label}",
                    [format_kr(declared_amount(control, month, benefit, person)) for month in months],
                    False,
                )
            )
        for row in control.rows:
            if not row.money and row.declared:
                rows.append((f"Redovisat: {row.fact}", [str(row.declared.get(m, "–")) for m in months], False))
        rows.append(
            (
                "Riksnorm och skäliga kostnader",
                [format_kr(r.paid.riksnorm + r.paid.adjustments + r.paid.costs) for r in self.results],
                False,
            )
        )
        rows.append(("Räknade inkomster enligt ansökan", [format_kr(r.paid.incomes) for r in self.results], False))
        rows.append(("Utbetalt försörjningsstöd", [format_kr(r.paid.amount) for r in self.results], True))
        return rows

    def _role(self, person: str) -> str:
        roles = {p.get("id"): p.get("roll") for p in self.control.application.get("hushåll", [])}
        return str(roles.get(person, person))

    # -- reading and filling ----------------------------------------------------------------------
    def answer(self) -> ControlAnswer:
        return ControlAnswer(
            marked={key for key, box in self.marks.items() if box.value},
            actions={key for key, box in self.actions.items() if box.value},
            per_month={m: self.fields[month_field(m)].value for m in self.control.month_list()},
            total=self.fields[TOTAL].value,
            motivation=self.motivation.value,
        )

    def fill(self, answer: ControlAnswer) -> None:
        """Put an answer into the form (tests and the hidden self-test)."""
        for mark, box in self.marks.items():
            box.value = mark in answer.marked
        for action, box in self.actions.items():
            box.value = action in answer.actions
        for month in self.control.month_list():
            self.fields[month_field(month)].value = answer.per_month.get(month, "")
        self.fields[TOTAL].value = answer.total
        self.motivation.value = answer.motivation

    def right_answer(self) -> ControlAnswer:
        """The key as a filled-in form."""
        return right_control_answer(self.control, self.rules)

    # -- the cycle --------------------------------------------------------------------------------
    def grade(self, answer: ControlAnswer) -> Grading[ControlFeedback]:
        feedback = compare_control(self.control, answer, self.rules, self.results)
        for key, message in self.messages.items():
            message.value = field_message(feedback.errors.get(key, ""))
        if not feedback.readable:
            return Grading(
                None,
                f"{len(feedback.errors)} fält behöver rättas innan svaret kan bedömas. Det du har skrivit finns kvar.",
            )
        return Grading(feedback)

    def render(self, outcome: ControlFeedback) -> None:
        for verdict in outcome.verdicts:
            self.verdicts[verdict.key].value = verdict_html(verdict, self.book_base)

    def attempt(self, answer: ControlAnswer, outcome: ControlFeedback) -> AttemptRecord:
        return AttemptRecord(
            exercise=self.exercise_id,
            answer=answer.to_json(),
            score=outcome.score,
            max_score=outcome.max_score,
            case_id=self.control.id,
            misconceptions=outcome.misconception_ids,
            skills=skills_trained(self.control.skills, outcome.verdicts),
            seconds=self.seconds(),
        )

    def render_saved(self, outcome: ControlFeedback) -> None:
        self.status.value = ""
        citation = str(self.rules.citation("avräkning", Month.parse(self.control.month_list()[-1])))
        self.summary.value = html(
            "control", "summary", outcome, named_misconceptions(outcome), self.book_base, citation
        )

    def selftest(self) -> str:
        """On a separate instance: the key gives all right, a known misconception (or a wrong
        total) is named, and text in an amount field is kept."""
        from ..control import DETECTORS, ControlContext

        probe = ControlExercise(
            self.control,
            rules=self.rules,
            store=Store("sqlite://"),
            pseudonym="sjalvtest",
            exercise_id=self.exercise_id,
        )
        probe.fill(probe.right_answer())
        probe.check_button.click()
        assert probe.feedback is not None and probe.feedback.all_correct, probe.summary.value
        ctx = ControlContext(probe.control, probe.rules, probe.results)
        expected = {v.key: v.expected for v in probe.feedback.verdicts}
        injected = next(
            (
                (mid, key, amount)
                for mid, function in DETECTORS.items()
                for key, amount in function(ctx).items()
                if amount != expected.get(key)
            ),
            None,
        )
        if injected is not None:
            mid, key, amount = injected
            probe.fields[key].value = format_kr(amount)
            probe.check_button.click()
            assert probe.feedback is not None
            named = [m.id for m in probe.feedback.verdict(key).misconceptions]
            assert mid in named, (key, mid, named)
        probe.fields[TOTAL].value = "tusen"
        probe.check_button.click()
        assert "inget belopp" in probe.messages[TOTAL].value and probe.fields[TOTAL].value == "tusen"
        return self.probe_done(
            probe,
            "Självtest godkänt: rätt svar ger rätt överallt, felen känns igen och text i "
            "ett beloppsfält ger ett meddelande.",
        )


def control_exercise(control: Control | str, **options: Any) -> ControlExercise:
    """Create the control exercise for a file in casebank/controls (by id) or a Control."""
    return ControlExercise(control, **options)
