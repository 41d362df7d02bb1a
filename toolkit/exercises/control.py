"""The control exercise: register answers next to the application.

The trainee marks each month where a register answer differs from the application, chooses
what to do, and computes the amount paid in error per month and in total. The register's
own warning (a benefit changed by more than 12 % between periods) is shown as real systems
show it. Every verdict comes from toolkit.control; nothing is computed here.
"""
from __future__ import annotations

import time

import ipywidgets as widgets

from ..control import (ACTIONS, MOTIVATION, TOTAL, Control, ControlAnswer, ControlFeedback, MonthResult,
                       change_warnings, compare_control, declared_amount, load_control, month_field,
                       paid_in_error, right_control_answer, row_field, row_label, settings)
from ..errors import ToolkitError
from ..money import format_kr
from ..months import Month
from ..progress import AttemptRecord, Store
from ..rules import Rules, load_rules
from .assessment import (NOTE, SESSION, STYLE, case_facts_html, close_widgets, esc, field_message, paragraphs,
                         score_html, skill_name, verdict_html)
from .common import PseudonymInput


class ControlExercise:
    """Register answers, the application and a form for discrepancies, actions and amounts."""

    def __init__(self, control: Control | str, *, rules: Rules | None = None, store: Store | None = None,
                 pseudonym: str | None = None, exercise_id: str | None = None, book_base: str | None = None):
        self.control = control if isinstance(control, Control) else load_control(control)
        self.rules = rules or load_rules(self.control.municipality)
        self._store = store
        self.session_pseudonym = pseudonym
        from . import assessment

        self.book_base = assessment.BOOK_BASE if book_base is None else book_base
        self.exercise_id = exercise_id or f"kontroll/{self.control.id}"
        self.results: list[MonthResult] = paid_in_error(self.control, self.rules)
        self.feedback: ControlFeedback | None = None
        self.attempt_id: int | None = None
        self.started = time.monotonic()
        self.root = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.root.add_class("hb-exercise")
        self._build()

    # -- the page ---------------------------------------------------------------------------------
    def _build(self) -> None:
        control, months = self.control, self.control.month_list()
        heading = widgets.HTML(
            STYLE + f"<p style='color:{NOTE}'>Kontroll av {esc(months[0])}–"
            f"{esc(months[-1])} · nivå {control.level}"
            + (" · färdigheter: " + esc(", ".join(skill_name(s) for s in control.skills)) if control.skills else "")
            + "</p>")
        self.who = PseudonymInput(SESSION, self.session_pseudonym)
        self.pseudonym, self.pseudonym_message, self.pseudonym_box = self.who.text, self.who.message, self.who.box
        story = widgets.HTML(f"<h4>Ärendet</h4>{paragraphs(control.narrative)}")
        household = widgets.Accordion(children=[widgets.HTML(case_facts_html(control.case(0, []), self.rules))])
        household.set_title(0, "Hushållet och kostnaderna (ur ansökan)")
        household.selected_index = None
        application = widgets.HTML("<h4>Ansökan och utbetalning</h4>" + self._application_html())

        register_months = sorted({m for row in control.rows for m in row.months()} | set(months))
        self.marks: dict[tuple[int, str], widgets.Checkbox] = {}
        self.messages: dict[str, widgets.HTML] = {}
        self.verdicts: dict[str, widgets.HTML] = {}
        cells: list[widgets.Widget] = [widgets.HTML("<b>Registersvar</b>")]
        cells += [widgets.HTML(f"<b>{esc(m)}</b>" + ("" if m in months else "<br><i>före kontrollen</i>"))
                  for m in register_months]
        cells.append(widgets.HTML("<b>Återkoppling</b>"))
        for index, row in enumerate(control.rows):
            cells.append(widgets.HTML(esc(row_label(control, row, self.rules))))
            for month in register_months:
                cells.append(self._cell(index, month, month in months))
            self.verdicts[row_field(index)] = widgets.HTML()
            cells.append(self.verdicts[row_field(index)])
        register = widgets.GridBox(cells, layout=widgets.Layout(
            grid_template_columns=f"minmax(12em, 2fr) repeat({len(register_months)}, minmax(8em, 1fr)) "
                                  "minmax(16em, 3fr)", grid_gap="4px 10px", width="100%"))
        limit = settings().change_warning.percent
        warnings = [w.message(row_label(control, control.rows[w.row], self.rules), limit)
                    for w in change_warnings(control)]
        warning_html = ("<div class='hb-misconception'><b>Registret varnar:</b><ul>"
                        + "".join(f"<li>{esc(w)}</li>" for w in warnings) + "</ul>"
                        f"Varningen visas när en förmån har ändrats med mer än {limit} % mellan två perioder. "
                        "Den är en signal att kontrollera, inte ett bevis på ett fel.</div>") if warnings else ""

        self.actions = {a.id: widgets.Checkbox(value=False, description=a.text, indent=False,
                                               layout=widgets.Layout(width="auto"))
                        for a in settings().actions}
        self.messages[ACTIONS] = widgets.HTML()
        self.verdicts[ACTIONS] = widgets.HTML()

        self.fields: dict[str, widgets.Text] = {}
        amount_rows = []
        for month in months + [None]:
            key = month_field(month) if month else TOTAL
            label = f"Felaktigt utbetalt {month}" if month else "Felaktigt utbetalt, summa"
            self.fields[key] = widgets.Text(placeholder="kronor", layout=widgets.Layout(width="12em"))
            self.messages[key] = widgets.HTML()
            self.verdicts[key] = widgets.HTML()
            amount_rows.append(widgets.HBox([
                widgets.HTML(esc(label), layout=widgets.Layout(width="16em")),
                widgets.VBox([self.fields[key], self.messages[key]]), self.verdicts[key]]))
        self.motivation = widgets.Textarea(placeholder="Vad avviker, och varför väljer du de här åtgärderna?",
                                           layout=widgets.Layout(width="100%", height="5em"))
        self.messages[MOTIVATION] = widgets.HTML()
        self.check_button = widgets.Button(description="Rätta", button_style="primary", icon="check")
        self.check_button.on_click(self._on_check)
        self.status = widgets.HTML()
        self.summary = widgets.HTML()
        instruction = widgets.HTML(
            "<p>Kryssa i <b>avviker</b> för varje månad där registret visar något annat än ansökan. Välj "
            "sedan vad du gör, räkna ut hur mycket som har betalats ut för mycket varje månad (0 om inget) "
            "och skriv en kort motivering. Klicka på <b>Rätta</b>.</p>")
        self.root.children = [
            heading, self.pseudonym_box, story, household, application,
            widgets.HTML("<h4>Registersvar</h4>"), register, widgets.HTML(warning_html), instruction,
            widgets.HTML("<div class='hb-section'>Åtgärder</div>"),
            widgets.HBox([widgets.VBox(list(self.actions.values()) + [self.messages[ACTIONS]]),
                          self.verdicts[ACTIONS]]),
            widgets.HTML("<div class='hb-section'>Felaktigt utbetalt belopp</div>"), *amount_rows,
            widgets.HTML("<b>Motivering</b>"), self.motivation, self.messages[MOTIVATION],
            self.check_button, self.status, self.summary]

    def _cell(self, index: int, month: str, graded: bool) -> widgets.Widget:
        row = self.control.rows[index]
        if row.money:
            if month in row.gross:
                text = (f"lön före skatt {format_kr(row.gross[month] * 100)}<br>"
                        f"avdragen skatt {format_kr(row.tax[month] * 100)}")
            elif month in row.amounts:
                text = esc(format_kr(row.amounts[month] * 100))
            else:
                text = "–"
        else:
            text = esc(row.values.get(month, "–"))
        if not graded:
            return widgets.HTML(text)
        self.marks[(index, month)] = widgets.Checkbox(value=False, description="avviker", indent=False,
                                                      layout=widgets.Layout(width="auto"))
        return widgets.VBox([widgets.HTML(text), self.marks[(index, month)]])

    def _application_html(self) -> str:
        control, months = self.control, self.control.month_list()
        head = "".join(f"<th>{esc(m)}</th>" for m in months)
        rows = []
        benefits = []
        for month in control.months:
            for item in month.declared:
                if (item.type, item.person) not in benefits:
                    benefits.append((item.type, item.person))
        for row in control.rows:
            if row.money and (row.benefit, row.person) not in benefits:
                benefits.append((row.benefit, row.person))
        for benefit, person in benefits:
            label = self.rules.income_types[benefit].label + (f" ({self._role(person)})" if person else "")
            values = [format_kr(declared_amount(control, month, benefit, person)) for month in months]
            rows.append(f"<tr><td>Redovisat: {esc(label)}</td>" + "".join(f"<td>{esc(v)}</td>" for v in values)
                        + "</tr>")
        for row in control.rows:
            if not row.money and row.declared:
                rows.append(f"<tr><td>Redovisat: {esc(row.fact)}</td>"
                            + "".join(f"<td>{esc(row.declared.get(m, '–'))}</td>" for m in months) + "</tr>")
        need = [r.paid.riksnorm + r.paid.adjustments + r.paid.costs for r in self.results]
        rows.append("<tr><td>Riksnorm och skäliga kostnader</td>"
                    + "".join(f"<td>{esc(format_kr(n))}</td>" for n in need) + "</tr>")
        rows.append("<tr><td>Räknade inkomster enligt ansökan</td>"
                    + "".join(f"<td>{esc(format_kr(r.paid.incomes))}</td>" for r in self.results) + "</tr>")
        rows.append("<tr><td><b>Utbetalt försörjningsstöd</b></td>"
                    + "".join(f"<td><b>{esc(format_kr(r.paid.amount))}</b></td>" for r in self.results) + "</tr>")
        return f"<table class='hb-facts'><tr><th>Ansökan</th>{head}</tr>{''.join(rows)}</table>"

    def _role(self, person: str) -> str:
        roles = {p.get("id"): p.get("roll") for p in self.control.application.get("hushåll", [])}
        return str(roles.get(person, person))

    # -- reading and filling ----------------------------------------------------------------------
    def answer(self) -> ControlAnswer:
        return ControlAnswer(
            marked={key for key, box in self.marks.items() if box.value},
            actions={key for key, box in self.actions.items() if box.value},
            per_month={m: self.fields[month_field(m)].value for m in self.control.month_list()},
            total=self.fields[TOTAL].value, motivation=self.motivation.value)

    def fill(self, answer: ControlAnswer) -> None:
        for key, box in self.marks.items():
            box.value = key in answer.marked
        for key, box in self.actions.items():
            box.value = key in answer.actions
        for month in self.control.month_list():
            self.fields[month_field(month)].value = answer.per_month.get(month, "")
        self.fields[TOTAL].value = answer.total
        self.motivation.value = answer.motivation

    def right_answer(self) -> ControlAnswer:
        return right_control_answer(self.control, self.rules)

    # -- actions ----------------------------------------------------------------------------------
    def _pseudonym(self) -> str | None:
        return self.who.resolve()

    def check(self) -> ControlFeedback:
        answer = self.answer()
        feedback = compare_control(self.control, answer, self.rules, self.results)
        for key, message in self.messages.items():
            message.value = field_message(feedback.errors.get(key, ""))
        pseudonym = self._pseudonym()
        self.feedback = feedback
        if not feedback.readable:
            self.status.value = field_message(f"{len(feedback.errors)} fält behöver rättas innan svaret kan "
                                              "bedömas. Det du har skrivit finns kvar.")
            return feedback
        if pseudonym is None:
            self.feedback = None
            self.status.value = field_message("Skriv din pseudonym överst, så sparas försöket. Svaret finns kvar.")
            return feedback
        for verdict in feedback.verdicts:
            self.verdicts[verdict.key].value = verdict_html(verdict, self.book_base)
        skills = dict.fromkeys(self.control.skills)
        for verdict in feedback.verdicts:
            for item in verdict.misconceptions:
                skills[item.skill] = None
        record = AttemptRecord(exercise=self.exercise_id, answer=answer.to_json(), score=feedback.score,
                               max_score=feedback.max_score, case_id=self.control.id,
                               misconceptions=feedback.misconception_ids, skills=tuple(skills),
                               seconds=round(time.monotonic() - self.started))
        self.attempt_id = (self._store or SESSION.store()).record(pseudonym, record)
        self.status.value = ""
        self.summary.value = self._summary(feedback)
        return feedback

    def _summary(self, feedback: ControlFeedback) -> str:
        parts = [score_html(feedback, self.book_base)]
        parts.append(f"<p><b>Så här resonerar enheten:</b></p><p>{esc(feedback.model_motivation)}</p>")
        citation = settings().citation("avräkning", Month.parse(self.control.month_list()[-1]))
        parts.append(f"<p style='color:{NOTE}'>Ett belopp som betalats ut för mycket får inte dras av från "
                     f"kommande försörjningsstöd ({esc(citation)}). Försöket är sparat.</p>")
        return "".join(parts)

    def _on_check(self, _button=None) -> None:
        try:
            self.check()
        except ToolkitError as error:
            self.status.value = field_message(str(error))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.root)


def control_exercise(control: Control | str, **options) -> ControlExercise:
    """Create the control exercise for a file in casebank/controls (by id) or a Control."""
    return ControlExercise(control, **options)


def selftest_control(exercise: ControlExercise) -> None:
    """Hidden notebook check on a separate instance: the key gives all right, a known
    misconception (or a wrong total) is named, and text in an amount field is kept."""
    from ..control import DETECTORS, ControlContext

    probe = ControlExercise(exercise.control, rules=exercise.rules, store=Store("sqlite://"), pseudonym="sjalvtest",
                            exercise_id=exercise.exercise_id)
    probe.fill(probe.right_answer())
    probe.check_button.click()
    assert probe.feedback is not None and probe.feedback.all_correct, probe.summary.value
    ctx = ControlContext(probe.control, probe.rules, probe.results)
    expected = {v.key: v.expected for v in probe.feedback.verdicts}
    injected = next(((mid, key, amount) for mid, function in DETECTORS.items()
                     for key, amount in function(ctx).items() if amount != expected.get(key)), None)
    if injected is not None:
        mid, key, amount = injected
        probe.fields[key].value = format_kr(amount)
        probe.check_button.click()
        named = [m.id for m in probe.feedback.verdict(key).misconceptions]
        assert mid in named, (key, mid, named)
    probe.fields[TOTAL].value = "tusen"
    probe.check_button.click()
    assert "inget belopp" in probe.messages[TOTAL].value and probe.fields[TOTAL].value == "tusen"
    close_widgets(probe.root)
    print("Självtest godkänt: rätt svar ger rätt överallt, felen känns igen och text i ett beloppsfält "
          "ger ett meddelande.")
