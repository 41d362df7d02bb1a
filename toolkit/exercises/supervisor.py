"""The method supervisor's tools in the app: the grade of a saved attempt shown under an
exercise (SupervisorReview), and the supervisor's page over the group (SupervisorView).
Every figure comes from toolkit.progress; a trainee can neither grade nor see the group."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..errors import InputError, ToolkitError
from ..misconceptions import catalogue
from ..progress import SUPERVISOR, Store, cohort
from ..progress.roles import may_grade, require_supervisor
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
            if not may_grade(self._store(), self.reviewer.value):
                require_supervisor(self._store(), self.reviewer.value)
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


def _rows(frame: Any) -> list[list[Any]]:
    """A DataFrame's cells as lists (the template escapes every value)."""
    return frame.astype(object).where(frame.notna(), "").values.tolist()


class SupervisorView:
    """The method supervisor's page (root): the group's skills, weeks, common misconceptions,
    attempts waiting for a grade, checkpoints to sign off, and export. Shown only to a
    supervisor (toolkit.progress.roles)."""

    def __init__(self, store: Callable[[], Store], cohort_name: str | None = None):
        self._store, self.cohort_name = store, cohort_name
        self.supervisor = widgets.Text(description="Metodhandledare:", placeholder="pseudonym", style=WIDE)
        self.show_button = widgets.Button(description="Visa gruppen", icon="users", button_style="primary")
        self.show_button.on_click(lambda _b: self._guarded(self.show))
        self.status = widgets.HTML()
        self.skills, self.weeks, self.named, self.waiting, self.standing = (widgets.HTML() for _ in range(5))
        self.attempt_choice = widgets.Dropdown(description="Försök:", options=[], style=WIDE)
        self.grade = widgets.Dropdown(options=GRADES, value=GRADES[0], description="Bedömning:", style=WIDE)
        self.comment = widgets.Textarea(placeholder="Kommentar", layout=widgets.Layout(width="100%"))
        self.grade_button = widgets.Button(description="Spara bedömning", icon="save")
        self.grade_button.on_click(lambda _b: self._guarded(self.save_grade))
        self.trainee_choice = widgets.Dropdown(description="Nyanställd:", options=[], style=WIDE)
        self.trainee_choice.observe(lambda _c: self._guarded(self.show_standing), names="value")
        self.checkpoint_choice = widgets.Dropdown(description="Kontrollpunkt:", options=[], style=WIDE)
        self.signoff_comment = widgets.Textarea(placeholder="Kommentar", layout=widgets.Layout(width="100%"))
        self.signoff_button = widgets.Button(description="Godkänn kontrollpunkten", icon="check")
        self.signoff_button.on_click(lambda _b: self._guarded(self.sign_off))
        self.export_path = widgets.Text(value="gruppen.xlsx", description="Fil:", style=WIDE)
        self.export_button = widgets.Button(description="Exportera", icon="download")
        self.export_button.on_click(lambda _b: self._guarded(self.export))
        tabs = widgets.Tab(
            children=[
                self.skills,
                self.weeks,
                self.named,
                widgets.VBox([self.waiting, self.attempt_choice, self.grade, self.comment, self.grade_button]),
                widgets.VBox(
                    [
                        self.trainee_choice,
                        self.standing,
                        self.checkpoint_choice,
                        self.signoff_comment,
                        self.signoff_button,
                    ]
                ),
                widgets.HBox([self.export_path, self.export_button]),
            ]
        )
        for n, title in enumerate(
            ["Färdigheter", "Veckor", "Missuppfattningar", "Att bedöma", "Kontrollpunkter", "Exportera"]
        ):
            tabs.set_title(n, title)
        self.tabs = tabs
        tabs.layout.display = "none"
        self.root = widgets.VBox(
            [
                widgets.HTML(html("supervisor", "view_intro")),
                widgets.HBox([self.supervisor, self.show_button]),
                self.status,
                tabs,
            ]
        )
        self.root.add_class("hb-supervisor")

    def _who(self) -> str:
        """The supervisor's pseudonym; InputError when it is not a supervisor's (nothing is shown)."""
        return require_supervisor(self._store(), self.supervisor.value)

    def _guarded(self, action: Callable[[], object]) -> None:
        try:
            action()
        except InputError as error:
            self.status.value = field_message(f"{sentence(error.problem)}")
        except ToolkitError as error:
            self.status.value = field_message(str(error))

    def show(self) -> None:
        """Fill every tab from the store, after checking that the viewer is a supervisor."""
        from ..programme import load_programme
        from ..progress.checkpoints import checkpoint_ids

        self._who()
        store = self._store()
        found = cohort.tables(store, self.cohort_name)
        heat = found["färdigheter"]
        self.skills.value = (
            html(
                "supervisor",
                "heatmap",
                list(heat.index),
                list(heat.columns),
                heat.astype(object).where(heat.notna(), None).values.tolist(),
            )
            if len(heat)
            else html("supervisor", "table", [], [], "Inga försök ännu.")
        )
        weeks = found["veckor"]
        self.weeks.value = html(
            "supervisor",
            "table",
            ["Nyanställd", "Vecka", "Försök", "Helt rätt", "Andel helt rätt (%)"],
            _rows(weeks),
            "Inga försök ännu.",
        )
        named = found["missuppfattningar"].head(10)
        names = catalogue()
        named = named.assign(misconception=named["misconception"].map(lambda i: names[i].name if i in names else i))
        self.named.value = html(
            "supervisor",
            "table",
            ["Missuppfattning", "Antal gånger", "Antal nyanställda"],
            _rows(named),
            "Inga missuppfattningar ännu.",
        )
        waiting = found["att_granska"]
        self.waiting.value = html(
            "supervisor",
            "table",
            ["Försök", "Nyanställd", "Övning", "Sparat"],
            _rows(waiting),
            "Inget väntar på bedömning.",
        )
        self.attempt_choice.options = [
            (f"{r.attempt}: {r.pseudonym}, {r.exercise}", int(r.attempt)) for r in waiting.itertuples()
        ]
        self.attempt_choice.value = self.attempt_choice.options[0][1] if self.attempt_choice.options else None
        self.trainee_choice.options = [t.pseudonym for t in store.trainees() if t.role != SUPERVISOR]
        self.checkpoint_choice.options = checkpoint_ids(load_programme())
        self.tabs.layout.display = "flex"
        self.status.value = ""

    def save_grade(self) -> int:
        """Store the grade and comment with the chosen attempt (supervisors only)."""
        who = self._who()
        if self.attempt_choice.value is None:
            raise InputError("välj ett försök att bedöma", field="försök")
        review = self._store().review(
            self.attempt_choice.value, reviewer=who, grade=self.grade.value, comment=self.comment.value
        )
        attempt, grade = self.attempt_choice.value, self.grade.value
        self.show()  # the graded attempt leaves the list
        self.status.value = html("supervisor", "saved", attempt, grade)
        return review

    def show_standing(self) -> None:
        """The chosen trainee's checkpoints: signed off or not, and the skills still below level."""
        from ..programme import load_programme
        from ..progress.checkpoints import standing

        if not self.trainee_choice.value:
            return
        self._who()
        table = standing(self._store(), self.trainee_choice.value, load_programme())
        table = table.drop(columns=["kontrollpunkt"])
        self.standing.value = html(
            "supervisor",
            "table",
            ["Vecka", "Innehåll", "Färdigheter kvar", "Godkänd av", "Godkänd", "Kommentar"],
            _rows(table),
            "",
        )

    def sign_off(self) -> int:
        """Sign the chosen checkpoint off for the chosen trainee (supervisors only)."""
        who = self._who()
        trainee, checkpoint = self.trainee_choice.value, self.checkpoint_choice.value
        if not trainee or not checkpoint:
            raise InputError("välj en nyanställd och en kontrollpunkt", field="kontrollpunkt")
        signoff = self._store().sign_off(trainee, checkpoint, supervisor=who, comment=self.signoff_comment.value)
        self.show_standing()
        self.status.value = html("supervisor", "signed", checkpoint, trainee)
        return signoff

    def export(self) -> None:
        """Write the group's tables to the file named (.xlsx, else CSV files)."""
        self._who()
        written = cohort.export(self._store(), self.export_path.value.strip() or "gruppen.xlsx", self.cohort_name)
        self.status.value = html("supervisor", "exported", ", ".join(str(p) for p in written))
