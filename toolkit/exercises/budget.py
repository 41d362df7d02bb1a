"""The budget exercise: the trainee reads a household budget, chooses advice per line (with
amounts and a priority) and sees the effect on the monthly result and on the bistånd, with
charts. Every figure and verdict comes from toolkit.budget; this module only shows them."""
from __future__ import annotations

import time

import ipywidgets as widgets

from ..budget import (ACTIONS, DEBTS, NORM, VERDICTS, WRONG, Advice, Analysis, Budget, BudgetFeedback, budget_by_id,
                      check_advice, key_advice, load_budget_data, project, read_advice, reference_note, sources)
from ..errors import ToolkitError
from ..money import format_kr
from ..plots.budget import categories_vs_reference, income_vs_expenses, monthly_effect, png
from ..progress import AttemptRecord, Store
from ..rules import Rules, load_rules
from . import assessment
from .assessment import SESSION
from .common import PseudonymInput, esc, field_message, paragraphs

OK, WRONG_COLOUR, NOTE = "#0a6b3d", "#a1161b", "#555"
COVERAGE_LABELS = {
    "riksnorm_personlig": "Riksnormen (personlig)",
    "riksnorm_hushåll": "Riksnormen (hushållet)",
    "skälig_kostnad": "Skälig kostnad utanför normen",
    "livsföring_i_övrigt": "Livsföring i övrigt (prövas för sig)",
    "ingår_inte": "Ingår inte",
    "skuld": "Skuld",
}
STYLE = """<style>
.hb-budget table {border-collapse: collapse; margin: .3em 0}
.hb-budget td, .hb-budget th {border-bottom: 1px solid #ddd; padding: .2em .6em; text-align: left; vertical-align: top}
.hb-budget td.kr, .hb-budget th.kr {text-align: right; white-space: nowrap}
.hb-budget .hb-note {padding: .3em .5em; background: #fff6e5; border-left: 3px solid #d98c00; margin: .4em 0}
.hb-budget .hb-warning {padding: .3em .5em; background: #fdecea; border-left: 3px solid #a1161b; margin: .4em 0}
</style>"""


def analysis_html(analysis: Analysis) -> str:
    """The budget line by line against the references, the riksnorm from the engine, the totals
    and the flags; every free text escaped."""
    data = load_budget_data(municipality=analysis.budget.municipality)
    budget = analysis.budget
    reference = {c.post: c for c in analysis.comparisons}
    rows = []
    for expense in budget.expenses:
        category = data.category(expense.category)
        comparison = reference.get(category.reference or "")
        if comparison is None:
            ref = "–"
        elif len(comparison.categories) > 1:
            ref = f"{format_kr(comparison.reference)} ({esc(comparison.label.split(' (')[0].lower())} tillsammans)"
        else:
            ref = format_kr(comparison.reference)
        mark = " ⚠" if comparison is not None and comparison.deviates else ""
        note = f"<br><span style='color:{NOTE}'>{esc(expense.note)}</span>" if expense.note else ""
        rows.append(f"<tr><td>{esc(category.label)}{note}</td><td>{esc(COVERAGE_LABELS[category.covered_by])}</td>"
                    f"<td class='kr'>{format_kr(expense.amount * 100)}</td><td class='kr'>{ref}{mark}</td></tr>")
    for debt in budget.debts:
        left = f", kvar {format_kr(debt.remaining * 100)}" if debt.remaining is not None else ""
        rows.append(f"<tr><td>{esc(debt.kind)}{esc(left)}</td><td>Skuld</td>"
                    f"<td class='kr'>{format_kr(debt.payment * 100)}</td><td class='kr'>–</td></tr>")
    table = ("<table><tr><th>Utgift</th><th>Hör till</th><th class='kr'>Per månad</th>"
             f"<th class='kr'>Referens</th></tr>{''.join(rows)}</table>")
    norm_rows = "".join(f"<tr><td>{esc(line.post)}</td><td class='kr'>{format_kr(line.amount)}</td></tr>"
                        for line in analysis.assessment.lines_in("riksnorm"))
    covers = ", ".join(data.category(k).label.lower() for k in data.norm_categories())
    norm = (f"<p><b>Det riksnormen redan täcker för hushållet</b> ({esc(covers)}):</p>"
            f"<table>{norm_rows}<tr><th>Riksnorm</th><th class='kr'>{format_kr(analysis.riksnorm)}</th></tr>"
            f"<tr><td>Hushållet lägger på de posterna</td><td class='kr'>{format_kr(analysis.norm_spending)}</td>"
            "</tr></table>")
    totals = (
        "<table>"
        f"<tr><td>Inkomster</td><td class='kr'>{format_kr(analysis.incomes)}</td></tr>"
        f"<tr><td>Försörjningsstöd (beräknat)</td><td class='kr'>{format_kr(analysis.assistance)}</td></tr>"
        f"<tr><td>Utgifter</td><td class='kr'>−{format_kr(analysis.expenses)}</td></tr>"
        f"<tr><td>Skulder</td><td class='kr'>−{format_kr(analysis.debts)}</td></tr>"
        f"<tr><th>Kvar i månaden</th><th class='kr'>{format_kr(analysis.result)}</th></tr></table>")
    flags = "".join(f"<li>{esc(flag.message)}</li>" for flag in analysis.flags)
    notices = "".join(f"<li>{esc(n)}</li>" for n in analysis.assessment.notices)
    return (table + norm + totals + (f"<p><b>Att ta upp</b></p><ul>{flags}</ul>" if flags else "")
            + (f"<p><b>Från beräkningen</b></p><ul>{notices}</ul>" if notices else ""))


def _image(figure) -> widgets.Image:
    return widgets.Image(value=png(figure), format="png", layout=widgets.Layout(max_width="100%"))


class BudgetExercise:
    """A household budget, advice per line, and on 'Visa effekt' the effect, the key and charts."""

    def __init__(self, budget: Budget | str, *, rules: Rules | None = None, store: Store | None = None,
                 pseudonym: str | None = None, exercise_id: str | None = None,
                 book_base: str | None = None):
        self.budget = budget if isinstance(budget, Budget) else budget_by_id(budget)
        self.rules = rules or load_rules(self.budget.municipality)
        self.data = load_budget_data(municipality=self.rules.municipality_slug)
        self._store = store
        self.session_pseudonym = pseudonym
        self.exercise_id = exercise_id or f"budget/{self.budget.id}"
        self.book_base = assessment.BOOK_BASE if book_base is None else book_base
        self.feedback: BudgetFeedback | None = None
        self.attempt_id: int | None = None
        self.started = time.monotonic()
        from ..budget import analyse

        self.analysis = analyse(self.budget, self.rules)
        self._build()

    # -- the form ------------------------------------------------------------------------------------
    def _build(self) -> None:
        budget, analysis = self.budget, self.analysis
        heading = widgets.HTML(STYLE + f"<h3>{esc(budget.title)}</h3><p style='color:{NOTE}'>Månad "
                               f"{esc(budget.month)} · nivå {budget.level}</p>")
        warning = "hb-warning" if not analysis.reference_from_konsumentverket else "hb-note"
        banner = widgets.HTML(f"<div class='{warning}'>{esc(reference_note(analysis))}</div>")
        self.who = PseudonymInput(SESSION, self.session_pseudonym)
        self.pseudonym, self.pseudonym_message, self.pseudonym_box = self.who.text, self.who.message, self.who.box
        story = widgets.HTML(f"<h4>Hushållet</h4>{paragraphs(budget.narrative)}")
        source_rows = "".join(f"<tr><td>{esc(what)}</td><td>{esc(source)}</td></tr>"
                              for what, source in sources(budget, self.rules))
        details = widgets.Accordion(children=[widgets.HTML(analysis_html(analysis)),
                                              widgets.HTML(f"<table>{source_rows}</table>")])
        details.set_title(0, "Budgeten, riksnormen och referenserna")
        details.set_title(1, "Källor för siffrorna")
        details.selected_index = 0
        self.charts_before = widgets.HBox([_image(income_vs_expenses(analysis)),
                                           _image(categories_vs_reference(analysis))],
                                          layout=widgets.Layout(flex_flow="row wrap"))
        instruction = widgets.HTML(
            "<p>Välj ett råd för varje rad som behöver det. Skriv det nya beloppet i kronor per månad där rådet "
            "sänker en kostnad (eller den nya hyran efter en flytt). Ge det viktigaste rådet prioritet 1. "
            "Klicka sedan på <b>Visa effekt</b>.</p>")
        self.actions: dict[str, widgets.Dropdown] = {}
        self.amounts: dict[str, widgets.Text] = {}
        self.priorities: dict[str, widgets.Dropdown] = {}
        self.row_messages: dict[str, widgets.HTML] = {}
        targets = budget.targets
        choices = ["–"] + [str(i) for i in range(1, len(targets) + 1)]
        cells: list[widgets.Widget] = [widgets.HTML(f"<b>{h}</b>") for h in
                                       ("Rad", "I dag", "Råd", "Nytt belopp (kr)", "Prioritet")]
        for target in targets:
            today = self.budget.debt_payments if target == DEBTS else self.budget.expense(target).amount * 100
            self.actions[target] = widgets.Dropdown(options=[(label, key) for key, label in ACTIONS.items()],
                                                    value="behåll", layout=widgets.Layout(width="100%"))
            self.amounts[target] = widgets.Text(placeholder="kronor", layout=widgets.Layout(width="100%"))
            self.priorities[target] = widgets.Dropdown(options=choices, value="–", layout=widgets.Layout(width="5em"))
            self.row_messages[target] = widgets.HTML()
            cells += [widgets.HTML(esc(self.data.label(target))), widgets.HTML(format_kr(today)),
                      self.actions[target], widgets.VBox([self.amounts[target], self.row_messages[target]]),
                      self.priorities[target]]
        self.grid = widgets.GridBox(cells, layout=widgets.Layout(
            grid_template_columns="minmax(12em, 2fr) 7em minmax(16em, 3fr) minmax(9em, 1fr) 6em",
            grid_gap="4px 10px", width="100%"))
        self.check_button = widgets.Button(description="Visa effekt", button_style="primary", icon="check")
        self.check_button.on_click(self._on_check)
        self.status = widgets.HTML()
        self.result = widgets.HTML()
        self.charts_after = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = widgets.VBox([heading, banner, self.pseudonym_box, story, details, self.charts_before,
                                    instruction, self.grid, self.check_button, self.status, self.result,
                                    self.charts_after], layout=widgets.Layout(width="100%"))
        self.widget.add_class("hb-budget")

    # -- reading and filling -------------------------------------------------------------------------
    def rows(self) -> dict[str, dict[str, str]]:
        """What the trainee chose, exactly as typed."""
        return {t: {"åtgärd": self.actions[t].value, "belopp": self.amounts[t].value,
                    "prioritet": self.priorities[t].value} for t in self.budget.targets}

    def fill(self, advices: list[Advice]) -> None:
        """Put advice into the form (tests and the hidden self-test)."""
        for target in self.budget.targets:
            self.actions[target].value, self.amounts[target].value, self.priorities[target].value = "behåll", "", "–"
        for advice in advices:
            self.actions[advice.target].value = advice.action
            self.amounts[advice.target].value = "" if advice.amount is None else str(advice.amount // 100)
            self.priorities[advice.target].value = str(advice.priority) if advice.priority else "–"

    def _pseudonym(self) -> str | None:
        return self.who.resolve()

    # -- the action ----------------------------------------------------------------------------------
    def check(self) -> BudgetFeedback | None:
        """Read the advice; show what cannot be read (the form is kept), or the effect and the key."""
        rows = self.rows()
        advices, problems = read_advice(self.budget, rows)
        for target, box in self.row_messages.items():
            box.value = field_message(problems.get(target, ""))
        if problems:
            general = problems.get("prioritet", "")
            count = len([k for k in problems if k != "prioritet"])
            text = f"{count} rader behöver rättas innan effekten kan visas. " if count else ""
            self.status.value = field_message(f"{text}{general} Det du har valt finns kvar.".strip())
            self.feedback = None
            return None
        feedback = check_advice(self.budget, advices, self.rules)
        self.feedback = feedback
        self.result.value = self._feedback_html(feedback)
        projection = project(self.budget, advices, self.rules)
        self.charts_after.children = [_image(income_vs_expenses(feedback.outcome.after)),
                                      _image(monthly_effect(projection))]
        pseudonym = self._pseudonym()
        if pseudonym is None:
            self.status.value = field_message("Skriv din pseudonym överst, så sparas försöket. Dina val finns kvar.")
            return feedback
        record = AttemptRecord(exercise=self.exercise_id, answer=rows, score=feedback.score,
                               max_score=feedback.max_score, case_id=self.budget.id,
                               misconceptions=feedback.misconceptions, skills=tuple(self.budget.skills),
                               seconds=round(time.monotonic() - self.started))
        self.attempt_id = (self._store or SESSION.store()).record(pseudonym, record)
        self.status.value = f"<span style='color:{NOTE}'>Försöket är sparat.</span>"
        return feedback

    def _feedback_html(self, feedback: BudgetFeedback) -> str:
        before, after = feedback.outcome.before, feedback.outcome.after
        rows = []
        for e in feedback.outcome.effects:
            colour = WRONG_COLOUR if e.verdict in WRONG else (OK if e.verdict == "bra" else NOTE)
            amount = f" ({format_kr(e.advice.amount)})" if e.advice.amount is not None else ""
            rows.append(
                f"<tr><td>{esc(self.data.label(e.advice.target))}</td><td>{esc(ACTIONS[e.advice.action])}"
                f"{amount}</td><td style='color:{colour}'><b>{esc(VERDICTS[e.verdict])}</b><br>{esc(e.message)}</td>"
                f"<td class='kr'>{format_kr(e.result_change, sign=True)}</td>"
                f"<td class='kr'>{format_kr(e.assistance_change, sign=True)}</td></tr>")
        effects = ("<table><tr><th>Rad</th><th>Råd</th><th>Bedömning</th><th class='kr'>Kvar i månaden</th>"
                   f"<th class='kr'>Bistånd</th></tr>{''.join(rows)}</table>" if rows
                   else "<p>Du har inte valt några råd.</p>")
        summary = ("<table><tr><th></th><th class='kr'>Före</th><th class='kr'>Efter råden</th></tr>"
                   f"<tr><td>Försörjningsstöd</td><td class='kr'>{format_kr(before.assistance)}</td>"
                   f"<td class='kr'>{format_kr(after.assistance)}</td></tr>"
                   f"<tr><td>Kvar i månaden</td><td class='kr'>{format_kr(before.result)}</td>"
                   f"<td class='kr'>{format_kr(after.result)}</td></tr></table>")
        checks = "".join(f"<li style='color:{OK if c.hit else WRONG_COLOUR}'>{'✓' if c.hit else '✗'} "
                         f"{esc(c.message)}</li>" for c in feedback.checks)
        double = ""
        if any(e.verdict == "dubbelt" for e in feedback.wrong):
            more = (f"<a href='{esc(self.book_base)}budgetradgivning.html#sec-budget' target='_blank'>Läs mer i "
                    "boken</a>" if self.book_base else "Läs mer i bokens kapitel Budgetrådgivning.")
            double = ("<div class='hb-warning'>Bevilja aldrig bistånd för något som riksnormen redan täcker: då "
                      f"får hushållet samma sak två gånger. {more}</div>")
        colour = OK if feedback.score == feedback.max_score else WRONG_COLOUR
        return (f"<h4 style='color:{colour}'>{feedback.score} av {feedback.max_score} poäng</h4>{double}"
                f"<p><b>Dina råd och vad de gör</b></p>{effects}<p><b>Hela budgeten</b></p>{summary}"
                f"<p><b>Jämför med facit</b></p><ul>{checks}</ul>"
                f"<p style='color:{OK if feedback.priority_ok else WRONG_COLOUR}'>{esc(feedback.priority_message)}</p>")

    def _on_check(self, _button=None) -> None:
        try:
            self.check()
        except ToolkitError as error:  # a missing rule value: say so, keep the form
            self.status.value = field_message(str(error))

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        # the note on the reference figures also as plain HTML, so the static book says it without scripts
        display(HTML(f"<p class='hb-reference-note'><b>Om jämförelsevärdena:</b> "
                     f"{esc(reference_note(self.analysis))}</p>"))
        display(self.widget)


def budget_exercise(budget_id: str, **options) -> BudgetExercise:
    """Create the budget exercise for a budget in casebank/budget/ (see BudgetExercise)."""
    return BudgetExercise(budget_id, **options)


def budget_selftest(exercise: BudgetExercise) -> None:
    """Answer with the key, a double grant and a typo, check the verdicts; for hidden notebook cells."""
    store = Store("sqlite://")
    probe = BudgetExercise(exercise.budget, rules=exercise.rules, store=store, pseudonym="sjalvtest")
    probe.fill(key_advice(probe.budget))
    feedback = probe.check()
    assert feedback is not None and feedback.score == feedback.max_score, probe.result.value
    assert feedback.outcome.after.assistance == probe.budget.key.assistance_after
    assert feedback.outcome.after.result == probe.budget.key.result_after * 100
    data = probe.data
    norm_line = next(t for t in probe.budget.targets if t != DEBTS and data.category(t).covered_by in NORM)
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
    print("Självtest godkänt: facit ger full poäng, dubbelt bistånd och felaktig inmatning ger rätt återkoppling.")


__all__ = ["BudgetExercise", "analysis_html", "budget_exercise", "budget_selftest"]
