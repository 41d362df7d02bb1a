"""The budget exercise: the trainee reads a household budget, chooses advice per line (with
amounts and a priority) and sees the effect on the monthly result and on the bistånd, with
charts. Every figure and verdict comes from toolkit.budget; this module only shows them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from ..budget import (
    ACTIONS,
    DEBTS,
    NORM,
    VERDICTS,
    WRONG,
    Advice,
    Analysis,
    Budget,
    BudgetFeedback,
    analyse,
    budget_by_id,
    check_advice,
    key_advice,
    load_budget_data,
    project,
    read_advice,
    reference_note,
    sources,
)
from ..money import format_kr
from ..progress import AttemptRecord, Store
from ..rules import Rules, load_rules
from .base import Exercise, Grading
from .common import Cells, named
from .render import blocks, field_message, html

if TYPE_CHECKING:
    from matplotlib.figure import Figure

COVERAGE_LABELS = {
    "riksnorm_personlig": "Riksnormen (personlig)",
    "riksnorm_hushåll": "Riksnormen (hushållet)",
    "skälig_kostnad": "Skälig kostnad utanför normen",
    "livsföring_i_övrigt": "Livsföring i övrigt (prövas för sig)",
    "ingår_inte": "Ingår inte",
    "skuld": "Skuld",
}
HEAD = ("Rad", "I dag", "Råd", "Nytt belopp (kr)", "Prioritet")
Rows = dict[str, dict[str, str]]


def analysis_html(analysis: Analysis) -> str:
    """The budget line by line against the references, the riksnorm from the engine, the totals
    and the flags; every free text escaped."""
    data = load_budget_data(municipality=analysis.budget.municipality)
    budget = analysis.budget
    reference = {c.post: c for c in analysis.comparisons}
    expenses = []
    for expense in budget.expenses:
        category = data.category(expense.category)
        comparison = reference.get(category.reference or "")
        if comparison is None:
            ref = "–"
        elif len(comparison.categories) > 1:
            ref = f"{format_kr(comparison.reference)} ({comparison.label.split(' (')[0].lower()} tillsammans)"
        else:
            ref = format_kr(comparison.reference)
        expenses.append(
            (
                category.label,
                expense.note,
                COVERAGE_LABELS[category.covered_by],
                expense.amount * 100,
                ref,
                comparison is not None and comparison.deviates,
            )
        )
    debts = [(d.kind, None if d.remaining is None else d.remaining * 100, d.payment * 100) for d in budget.debts]
    covers = ", ".join(data.category(k).label.lower() for k in data.norm_categories())
    return html(
        "budget",
        "analysis",
        expenses,
        debts,
        analysis.assessment.lines_in("riksnorm"),
        covers,
        analysis,
        [flag.message for flag in analysis.flags],
        analysis.assessment.notices,
    )


def _image(draw: Callable[[Any], Figure], data: Any) -> widgets.HTML:
    """The chart of the data with alt text (an ipywidgets Image cannot carry one)."""
    from ..plots.figure import chart_image

    return widgets.HTML(chart_image(draw, data), layout=widgets.Layout(max_width="100%"))


def _plots() -> Any:
    """The budget charts, imported when a budget is shown: matplotlib costs each app session ~40 MB."""
    from ..plots import budget

    return budget


class BudgetExercise(Exercise[Rows, BudgetFeedback]):
    """A household budget, advice per line, and on 'Visa effekt' the effect, the key and charts."""

    kind = "budget"
    css_class = "hb-budget"
    kept = "Dina val finns kvar."
    result_first = True

    def __init__(
        self,
        budget: Budget | str,
        *,
        rules: Rules | None = None,
        store: Store | None = None,
        pseudonym: str | None = None,
        exercise_id: str | None = None,
        book_base: str | None = None,
    ):
        self.budget = budget if isinstance(budget, Budget) else budget_by_id(budget)
        super().__init__(
            self.budget.id,
            rules=rules or load_rules(self.budget.municipality),
            store=store,
            pseudonym=pseudonym,
            exercise_id=exercise_id,
            book_base=book_base,
        )
        self.data = load_budget_data(municipality=self.rules.municipality_slug)
        self.analysis = analyse(self.budget, self.rules)
        self.advices: list[Advice] = []
        self._build()

    @property
    def feedback(self) -> BudgetFeedback | None:
        """The effect and key shown now (None before 'Visa effekt', or when the advice could not be read)."""
        return self.outcome

    # -- the form ------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.text = Cells()
        budget, analysis = self.budget, self.analysis
        heading = self.text(html("budget", "heading", budget))
        banner = self.text(
            html("budget", "banner", not analysis.reference_from_konsumentverket, reference_note(analysis))
        )
        who = self.ask_pseudonym()
        story = self.text(html("common", "story", "Hushållet", blocks(budget.narrative)))
        details = widgets.Accordion(
            children=[
                self.text(analysis_html(analysis)),
                self.text(html("budget", "sources", sources(budget, self.rules))),
            ]
        )
        details.set_title(0, "Budgeten, riksnormen och referenserna")
        details.set_title(1, "Källor för siffrorna")
        details.selected_index = 0
        self.charts_before = widgets.HBox(
            [_image(_plots().income_vs_expenses, analysis), _image(_plots().categories_vs_reference, analysis)],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        self.actions: dict[str, widgets.Dropdown] = {}
        self.amounts: dict[str, widgets.Text] = {}
        self.priorities: dict[str, widgets.Dropdown] = {}
        self.row_messages: dict[str, widgets.HTML] = {}
        targets = budget.targets
        choices = ["–"] + [str(i) for i in range(1, len(targets) + 1)]
        cells: list[widgets.Widget] = [self.text(html("common", "bold", h)) for h in HEAD]
        for target in targets:
            today = self.budget.debt_payments if target == DEBTS else self._expense(target)
            post = self.data.label(target)
            self.actions[target] = named(
                widgets.Dropdown(
                    options=[(label, key) for key, label in ACTIONS.items()],
                    value="behåll",
                    layout=widgets.Layout(width="100%"),
                ),
                f"Åtgärd för {post}",
            )
            self.amounts[target] = named(
                widgets.Text(placeholder="kronor", layout=widgets.Layout(width="100%")), f"Nytt belopp för {post}"
            )
            self.priorities[target] = named(
                widgets.Dropdown(options=choices, value="–", layout=widgets.Layout(width="5em")),
                f"Prioritet för {post}",
            )
            self.row_messages[target] = self.text()
            cells += [
                self.text(html("common", "text", self.data.label(target))),
                self.text(html("common", "text", format_kr(today))),
                self.actions[target],
                widgets.VBox([self.amounts[target], self.row_messages[target]]),
                self.priorities[target],
            ]
        self.grid = widgets.GridBox(
            cells,
            layout=widgets.Layout(
                grid_template_columns="minmax(12em, 2fr) 7em minmax(16em, 3fr) minmax(9em, 1fr) 6em",
                grid_gap="4px 10px",
                width="100%",
            ),
        )
        self.button("Visa effekt")
        self.result = self.text()
        self.charts_after = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
        self.root.children = [
            heading,
            banner,
            who,
            story,
            details,
            self.charts_before,
            self.text(html("budget", "instruction")),
            self.grid,
            self.check_button,
            self.status,
            self.result,
            self.charts_after,
        ]

    def _expense(self, target: str) -> int:
        """What the household pays today for a budget line (öre); every target is a line of the budget."""
        expense = self.budget.expense(target)
        assert expense is not None, target
        return expense.amount * 100

    # -- reading and filling -------------------------------------------------------------------------
    def answer(self) -> Rows:
        return {
            t: {"åtgärd": self.actions[t].value, "belopp": self.amounts[t].value, "prioritet": self.priorities[t].value}
            for t in self.budget.targets
        }

    def fill(self, advices: list[Advice]) -> None:
        """Put advice into the form (tests and the hidden self-test)."""
        for target in self.budget.targets:
            self.actions[target].value, self.amounts[target].value, self.priorities[target].value = "behåll", "", "–"
        for advice in advices:
            self.actions[advice.target].value = advice.action
            self.amounts[advice.target].value = "" if advice.amount is None else str(advice.amount // 100)
            self.priorities[advice.target].value = str(advice.priority) if advice.priority else "–"

    # -- the cycle -----------------------------------------------------------------------------------
    def grade(self, answer: Rows) -> Grading[BudgetFeedback]:
        advices, problems = read_advice(self.budget, answer)
        for target, box in self.row_messages.items():
            box.value = field_message(problems.get(target, ""))
        if problems:
            general = problems.get("prioritet", "")
            count = len([k for k in problems if k != "prioritet"])
            text = f"{count} rader behöver rättas innan effekten kan visas. " if count else ""
            return Grading(None, f"{text}{general} Det du har valt finns kvar.".strip())
        self.advices = advices
        return Grading(check_advice(self.budget, advices, self.rules))

    def render(self, outcome: BudgetFeedback) -> None:
        self.result.value = self._feedback_html(outcome)
        projection = project(self.budget, self.advices, self.rules)
        self.charts_after.children = [
            _image(_plots().income_vs_expenses, outcome.outcome.after),
            _image(_plots().monthly_effect, projection),
        ]

    def attempt(self, answer: Rows, outcome: BudgetFeedback) -> AttemptRecord:
        return AttemptRecord(
            exercise=self.exercise_id,
            answer=answer,
            score=outcome.score,
            max_score=outcome.max_score,
            case_id=self.budget.id,
            misconceptions=outcome.misconceptions,
            skills=tuple(self.budget.skills),
            seconds=self.seconds(),
        )

    def render_saved(self, outcome: BudgetFeedback) -> None:
        self.status.value = html("common", "muted", "Försöket är sparat.")

    def _feedback_html(self, feedback: BudgetFeedback) -> str:
        effects = []
        for e in feedback.outcome.effects:
            tone = "hb-wrong" if e.verdict in WRONG else ("hb-ok" if e.verdict == "bra" else "hb-muted")
            effects.append(
                (
                    self.data.label(e.advice.target),
                    ACTIONS[e.advice.action],
                    e.advice.amount,
                    tone,
                    VERDICTS[e.verdict],
                    e.message,
                    e.result_change,
                    e.assistance_change,
                )
            )
        checks = [(c.hit, c.message) for c in feedback.checks]
        double = any(e.verdict == "dubbelt" for e in feedback.wrong)
        return html("budget", "feedback", feedback, effects, checks, double, self.book_base)

    def displayed(self) -> list[Any]:
        from IPython.display import HTML

        note = HTML(html("budget", "reference_note", reference_note(self.analysis)))
        return [note, self.root]

    def selftest(self) -> str:
        """The key, a double grant and a typo, each with the right verdict."""
        store = Store("sqlite://")
        probe = BudgetExercise(self.budget, rules=self.rules, store=store, pseudonym="sjalvtest")
        probe.fill(key_advice(probe.budget))
        feedback = probe.check()
        assert feedback is not None and feedback.score == feedback.max_score, probe.result.value
        assert probe.budget.key is not None
        assert feedback.outcome.after.assistance == probe.budget.key.assistance_after
        assert feedback.outcome.after.result == probe.budget.key.result_after * 100
        norm_line = next(t for t in probe.budget.targets if t != DEBTS and self.data.category(t).covered_by in NORM)
        probe.actions[norm_line].value = "bevilja"
        feedback = probe.check()
        assert feedback is not None and f"budget:dubbelt:{norm_line}" in feedback.misconceptions
        first = probe.budget.key.advice[0].target
        probe.fill(key_advice(probe.budget))
        probe.actions[first].value = "sänk"
        probe.amounts[first].value = "tusen"
        assert probe.check() is None and "inget belopp" in probe.row_messages[first].value
        assert probe.amounts[first].value == "tusen"
        assert len(store.attempts("sjalvtest")) == 2
        return self.probe_done(
            probe,
            "Självtest godkänt: facit ger full poäng, dubbelt bistånd och felaktig inmatning ger rätt återkoppling.",
        )


def budget_exercise(budget_id: str, **options: Any) -> BudgetExercise:
    """Create the budget exercise for a budget in casebank/budget/ (see BudgetExercise)."""
    return BudgetExercise(budget_id, **options)
