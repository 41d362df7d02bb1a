"""The rows the trainee adds in the find-the-facts mode of the assessment exercise (from level 2):
one row per income or cost found in the application and the documents, with kind, type (from
the parameter lists), person, amount, month and "räknas". Rows can be added and removed; an
amount that cannot be read gets a Swedish message on its own row and nothing typed is lost.
Grading is the core's (toolkit.factfinding); nothing here holds a rule."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..case import Case
from ..casebank.skills import load_skills
from ..factfinding import FactsFeedback, FactsReview, FoundItem
from ..feedback import describe_person
from ..money import parse_kronor
from ..months import month_label
from ..progress import LineResult
from ..result import Assessment
from ..rules import Rules
from .common import named, sentence
from .render import field_message, html

KIND_OPTIONS = (("Inkomst", "inkomst"), ("Kostnad", "kostnad"))
NOBODY = ""  # the person dropdown's "hushållet" (an item of no one person, e.g. barnbidrag)


class FactRow:
    """One row: the widgets for kind, type, person, amount, month, räknas and 'Ta bort'."""

    def __init__(self, owner: FactsForm):
        self.owner = owner
        self.kind = named(widgets.Dropdown(options=KIND_OPTIONS, value="inkomst"), "sort")
        self.type = named(widgets.Dropdown(options=owner.type_options("inkomst")), "typ")
        self.person = named(widgets.Dropdown(options=owner.persons, value=NOBODY), "person")
        self.amount = named(widgets.Text(placeholder="kronor per månad"), "belopp")
        self.amount.add_class("hb-amount")
        self.month = named(widgets.Dropdown(options=owner.months, value=owner.month), "månad")
        # The one field a sighted trainee cannot tell by its value: its name stays visible.
        self.counted = widgets.Checkbox(
            value=False, indent=False, description="räknas", style={"description_width": "initial"}
        )
        self.remove = widgets.Button(description="Ta bort", icon="trash")
        self.remove.on_click(lambda _button: owner.remove(self))
        self.message = widgets.HTML()
        self.kind.observe(self._on_kind, names="value")
        small = widgets.Layout(width="auto")
        for widget in (self.kind, self.type, self.person, self.month, self.counted):
            widget.layout = small
        self.box = widgets.VBox(
            [
                widgets.HBox(
                    [self.kind, self.type, self.person, self.amount, self.month, self.counted, self.remove],
                    layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
                ),
                self.message,
            ]
        )

    def number(self, number: int) -> None:
        """Name the row's fields by its place ('Rad 2: belopp'), for screen readers and messages."""
        for name, widget in (
            ("sort", self.kind),
            ("typ", self.type),
            ("person", self.person),
            ("belopp", self.amount),
            ("månad", self.month),
            ("räknas", self.counted),
        ):
            widget.description = f"Rad {number}: {name}"
        self.remove.tooltip = f"Ta bort rad {number}"

    def _on_kind(self, change: Any) -> None:
        self.type.options = self.owner.type_options(change["new"])

    def item(self) -> FoundItem:
        """The row as typed (the person None when it is the household's)."""
        person = self.person.value or None
        return FoundItem(
            self.kind.value, self.type.value, self.amount.value, person, self.month.value, self.counted.value
        )

    def set(self, item: FoundItem) -> None:
        """Put a found item into the row."""
        self.kind.value = item.kind
        self.type.value = item.type
        self.person.value = item.person or NOBODY
        self.amount.value = item.amount
        self.month.value = item.month or self.owner.month
        self.counted.value = bool(item.counted)


class FactsForm:
    """The trainee's own incomes and costs: 'Lägg till rad', a row per item, the review."""

    def __init__(self, case: Case, rules: Rules):
        self.rules = rules
        self.persons = [("hushållet (ingen särskild person)", NOBODY)] + [
            (describe_person(case, p), p.id) for p in case.household
        ]
        self.month = str(case.month)
        self.months = [(month_label(case.month.plus(n)), str(case.month.plus(n))) for n in (-1, 0, 1)]
        self.rows: list[FactRow] = []
        self.rows_box = widgets.VBox()
        self.add_button = widgets.Button(description="Lägg till rad", icon="plus")
        self.add_button.on_click(lambda _button: self.add())
        self.review = widgets.HTML()  # the facts review, shown above the beräkning's verdicts
        head = html("common", "section", "Inkomster och kostnader du har hittat")
        help_text = html(
            "common",
            "muted",
            "En rad för varje inkomst och kostnad i ansökan och underlagen: sort, typ, vems, belopp per "
            "månad, månad och om den räknas.",
        )
        self.box = widgets.VBox([widgets.HTML(head + help_text), self.rows_box, self.add_button, self.review])

    def type_options(self, kind: str) -> list[tuple[str, str]]:
        """The types of a kind, by their labels in the parameter lists."""
        types = self.rules.income_types if kind == "inkomst" else self.rules.cost_types
        return [(t.label, key) for key, t in types.items()]

    def add(self, item: FoundItem | None = None) -> FactRow:
        """A new row at the end (filled with the item, when given)."""
        row = FactRow(self)
        if item is not None:
            row.set(item)
        self.rows.append(row)
        self._show_rows()
        return row

    def remove(self, row: FactRow) -> None:
        """Take a row away."""
        self.rows.remove(row)
        self._show_rows()

    def _show_rows(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            row.number(number)
        self.rows_box.children = [r.box for r in self.rows]

    def clear(self) -> None:
        for row in list(self.rows):
            self.remove(row)

    def fill(self, found: list[FoundItem]) -> None:
        """Replace the rows by these items."""
        self.clear()
        for item in found:
            self.add(item)

    def found(self) -> list[FoundItem]:
        return [row.item() for row in self.rows]

    def check(self) -> int:
        """Show a message on each row whose amount cannot be read (row number and field named);
        the number of such rows."""
        problems = 0
        for number, row in enumerate(self.rows, start=1):
            try:
                parse_kronor(row.amount.value)
                row.message.value = ""
            except ValueError as error:
                problems += 1
                label = dict((v, k) for k, v in row.type.options).get(row.type.value, row.type.value)
                row.message.value = field_message(sentence(f"rad {number} ({label}), fältet Belopp: {error}"))
        return problems

    def show(self, review: FactsReview | None) -> None:
        self.review.value = html("assessment", "facts_review", review) if review is not None else ""


def fact_lines(skills: list[str], outcome: Any, assessment: Assessment) -> tuple[LineResult, ...]:
    """One line per income and cost of the case, found right or not ("fakta:inkomst:2"), with the
    skills that train its rule (casebank/skills.yaml `regler`): the exercise's own, else every
    skill that does, so the profile credits finding the facts."""
    if not isinstance(outcome, FactsFeedback) or outcome.review is None:
        return ()
    known = load_skills()
    lines = []
    for key, right in outcome.review.right.items():
        rule = assessment.line(key).rule
        trains = [s for s in skills if s in known and rule in known[s].rules]
        trains = trains or [s for s, skill in known.items() if rule in skill.rules]
        lines += [LineResult(f"fakta:{key}", skill, right) for skill in trains]
    return tuple(lines)


def facts_selftest(probe: Any) -> str:
    """Drive a find-the-facts probe: the key's rows give all right; a removed row is named as
    missed with its document; text in an amount gets a message on its row and is kept."""
    probe.fill(probe.right_answer())
    probe.check_button.click()
    assert probe.feedback is not None and probe.feedback.all_correct, probe.facts_form.review.value
    form: FactsForm = probe.facts_form
    form.remove(form.rows[0])
    probe.check_button.click()
    assert probe.feedback is not None and not probe.feedback.all_correct
    assert "Du har inte tagit med" in form.review.value, form.review.value
    form.rows[0].amount.value = "tusen"
    probe.check_button.click()
    assert "inget belopp" in form.rows[0].message.value and form.rows[0].amount.value == "tusen"
    return (
        "Självtest godkänt: rätt rader ger rätt på allt, en borttagen rad nämns som saknad med sitt "
        "underlag och text i ett beloppsfält ger ett meddelande på raden."
    )
