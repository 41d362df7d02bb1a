"""The method supervisor's grade of a saved attempt: the attempt's number, a grade and a
comment, stored with the attempt (toolkit.progress.Store.review). Shown under an exercise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..errors import InputError, ToolkitError
from ..progress import Store
from .common import sentence
from .render import field_message, html

GRADES = ("Godkänd", "Godkänd med kommentar", "Gör om")
WIDE = {"description_width": "initial"}


class SupervisorReview:
    """A folded box: attempt number, supervisor, grade, comment and 'Spara bedömning' (root)."""

    def __init__(self, store: Callable[[], Store]):
        self._store = store
        self.review_id: int | None = None
        self.attempt_field = widgets.BoundedIntText(value=0, min=0, max=10**9, description="Försök nr:", style=WIDE)
        self.reviewer = widgets.Text(description="Metodhandledare:", placeholder="pseudonym", style=WIDE)
        self.grade = widgets.Dropdown(options=GRADES, value=GRADES[0], description="Bedömning:", style=WIDE)
        self.comment = widgets.Textarea(
            placeholder="Kommentar till den nyanställda", layout=widgets.Layout(width="100%", height="5em")
        )
        self.save_button = widgets.Button(description="Spara bedömning", icon="save")
        self.save_button.on_click(self._on_save)
        self.status = widgets.HTML()
        box = widgets.VBox(
            [
                widgets.HTML(html("supervisor", "intro")),
                widgets.HBox([self.attempt_field, self.reviewer, self.grade]),
                self.comment,
                self.save_button,
                self.status,
            ]
        )
        self.root = widgets.Accordion(children=[box])
        self.root.set_title(0, "För metodhandledaren: bedöm försöket")

    def save(self) -> int | None:
        """Store the grade and comment with the attempt; None with a message (nothing lost) when
        the attempt or the supervisor's pseudonym is wrong."""
        attempt = int(self.attempt_field.value)
        try:
            review_id = self._store().review(
                attempt, reviewer=self.reviewer.value, grade=self.grade.value, comment=self.comment.value
            )
        except InputError as error:
            self.status.value = field_message(f"{sentence(error.problem)} Det du har skrivit finns kvar.")
            return None
        self.review_id = review_id
        self.status.value = html("supervisor", "saved", attempt, self.grade.value)
        return review_id

    def _on_save(self, _button: Any = None) -> None:
        try:
            self.save()
        except ToolkitError as error:
            self.status.value = field_message(str(error))
