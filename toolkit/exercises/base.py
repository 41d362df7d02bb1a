"""The one exercise base: every exercise runs the same cycle on its button.

    answer()  what the trainee typed and chose, exactly as typed
    grade()   the core's verdict (or a message naming what cannot be read; nothing is lost)
    record    the attempt in the progress store, under the trainee's pseudonym
    render()  the verdicts, score or findings in the form

Subclasses build the form (the root widget is always `root`), say how to read and grade it,
and what they record. No rule lives here or in a subclass: every verdict comes from the core.
"""

from __future__ import annotations

import time
import weakref
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

import ipywidgets as widgets

from ..errors import InputError, ToolkitError
from ..progress import AttemptRecord, NotSavedError, Store, check_pseudonym
from ..rules import Rules
from .common import BOOK_BASE, SESSION, Session, close_widgets, sentence
from .render import field_message

AnswerT = TypeVar("AnswerT")
OutcomeT = TypeVar("OutcomeT")
RESULT_AREAS = ("summary", "result", "comparison")  # the attributes that hold a result, when an exercise has them
DISPLAY_ONLY = (widgets.HTML, widgets.HTMLMath, widgets.Label, widgets.Valid, widgets.Image)  # shown, never typed in


@dataclass
class Grading(Generic[OutcomeT]):
    """What grading gave: the outcome, or None and the status text when the form cannot be read."""

    outcome: OutcomeT | None
    problem: str = ""


class PseudonymInput:
    """The trainee's pseudonym: asked once per session, hidden when already known."""

    def __init__(self, session: Session, fixed: str | None = None):
        self.session, self.fixed = session, fixed
        self.text = widgets.Text(
            description="Pseudonym:", placeholder="till exempel ny-ss-07", layout=widgets.Layout(width="24em")
        )
        self.message = widgets.HTML()
        known = fixed or session.current_pseudonym()
        if known:
            self.text.value = known
        self.box = widgets.HBox([self.text, self.message], layout=widgets.Layout(display="none" if known else "flex"))

    def resolve(self) -> str | None:
        """The pseudonym to record under, or None with a message next to the field (shown)."""
        if self.fixed:
            return self.fixed
        typed = self.text.value
        if not typed.strip() and self.session.current_pseudonym():
            return self.session.current_pseudonym()
        try:
            name = check_pseudonym(typed)
        except InputError as error:
            self.message.value = field_message(sentence(error.problem))
            self.box.layout.display = "flex"
            return None
        self.message.value = ""
        self.session.pseudonym = name
        return name


class Exercise(ABC, Generic[AnswerT, OutcomeT]):
    """A form on a case (or budget, plan, control, household) with one check cycle."""

    kind: ClassVar[str]  # the attempt's exercise id is "<kind>/<what it is on>", e.g. bedomning/<case id>
    css_class: ClassVar[str] = ""  # the root's own class in the stylesheet, besides hb-exercise
    kept: ClassVar[str] = "Svaret finns kvar."  # what the status promises when the pseudonym is missing
    result_first: ClassVar[bool] = False  # show the result before asking for the pseudonym (budget, plan)

    def __init__(
        self,
        target: str,
        *,
        rules: Rules,
        store: Store | None = None,
        pseudonym: str | None = None,
        exercise_id: str | None = None,
        book_base: str | None = None,
    ):
        self.rules = rules
        self._store = store
        self.session_pseudonym = pseudonym
        self.book_base = BOOK_BASE if book_base is None else book_base
        self.exercise_id = exercise_id or f"{self.kind}/{target}"
        self.outcome: OutcomeT | None = None
        self.attempt_id: int | None = None
        self.started = time.monotonic()
        self.who: PseudonymInput | None = None
        self.status = widgets.HTML()
        self.root = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.root.add_class("hb-exercise")
        if self.css_class:
            self.root.add_class(self.css_class)
        # Old verdicts must never stand beside a changed answer: every input in the form clears them.
        self._checking = False
        self._watched: weakref.WeakSet[widgets.Widget] = weakref.WeakSet()
        self.root.observe(self._on_children, names="children")

    @property
    def store(self) -> Store:
        """The store attempts go to: the one given, else the session's."""
        return self._store or SESSION.store()

    # -- pieces of the form every exercise has ---------------------------------------------------------
    def ask_pseudonym(self) -> widgets.HBox:
        """The pseudonym field (pseudonym_box), hidden when the session already knows the trainee."""
        self.who = PseudonymInput(SESSION, self.session_pseudonym)
        self.pseudonym, self.pseudonym_message, self.pseudonym_box = self.who.text, self.who.message, self.who.box
        return self.who.box

    def button(self, description: str, icon: str = "check") -> widgets.Button:
        """The button that runs the check cycle (check_button)."""
        self.check_button = widgets.Button(description=description, button_style="primary", icon=icon)
        self.check_button.on_click(self._on_check)
        return self.check_button

    # -- the cycle -------------------------------------------------------------------------------------
    @abstractmethod
    def answer(self) -> AnswerT:
        """What the trainee has typed and chosen, exactly as typed."""

    @abstractmethod
    def grade(self, answer: AnswerT) -> Grading[OutcomeT]:
        """The core's verdict on an answer; also shows (or clears) the messages next to the fields."""

    @abstractmethod
    def attempt(self, answer: AnswerT, outcome: OutcomeT) -> AttemptRecord:
        """What the progress store keeps of a graded answer."""

    @abstractmethod
    def render(self, outcome: OutcomeT) -> None:
        """Show the verdicts, score or findings."""

    def render_saved(self, outcome: OutcomeT) -> None:
        """Show that the attempt is saved (after render)."""
        self.status.value = ""

    def missing_pseudonym(self) -> None:
        """Ask for the pseudonym: nothing is recorded without one, and nothing typed is lost."""
        self.status.value = field_message(f"Skriv din pseudonym överst, så sparas försöket. {self.kept}")

    def recorder(self) -> str | None:
        """The pseudonym to record under, or None (the field then says what is wrong)."""
        if self.who is not None:
            return self.who.resolve()
        return self.session_pseudonym or SESSION.current_pseudonym()

    def check(self) -> OutcomeT | None:
        """Read the form, grade it, record the attempt and show the result; None when the form
        cannot be read (the messages say what to fix, and everything typed stays)."""
        answer = self.answer()
        graded = self.grade(answer)
        # An assessment asks for the pseudonym at once, so every problem shows together; budget
        # and plan show their result first and ask for the pseudonym to save it.
        pseudonym = None if self.result_first else self.recorder()
        outcome = graded.outcome
        if outcome is None:
            self.outcome = None
            self.clear_result()
            self.status.value = field_message(graded.problem)
            return None
        if self.result_first:
            self._show(outcome)
            pseudonym = self.recorder()
        if pseudonym is None:
            if not self.result_first:
                self.outcome = None  # nothing graded is shown until it can be saved
                self.clear_result()
            self.missing_pseudonym()
            return outcome
        if not self.result_first:
            self._show(outcome)
        try:
            self.attempt_id = self.store.record(pseudonym, self.attempt(answer, outcome))
        except NotSavedError as error:  # the result is shown, but the trainee must know it is not kept
            self.attempt_id = None
            self.status.value = field_message(str(error))
            return outcome
        self.render_saved(outcome)
        return outcome

    def _show(self, outcome: OutcomeT) -> None:
        self.outcome = outcome
        self.render(outcome)

    def _on_check(self, _button: Any = None) -> None:
        self._checking = True  # what the check itself writes into the form is not a new answer
        try:
            self.check()
        except ToolkitError as error:  # a missing rule value or a bad file: say so, keep the form
            self.clear_result()
            self.status.value = field_message(str(error))
        finally:
            self._checking = False

    # -- no stale verdicts -----------------------------------------------------------------------------
    def result_areas(self) -> list[widgets.HTML]:
        """The widgets that show a verdict, score, finding or 'saved': the status, the summary,
        result and comparison boxes and every row's verdict."""
        areas = [self.status]
        for name in RESULT_AREAS:
            area = getattr(self, name, None)
            if isinstance(area, widgets.HTML):
                areas.append(area)
        verdicts = getattr(self, "verdicts", None)
        if isinstance(verdicts, dict):
            areas += [v for v in verdicts.values() if isinstance(v, widgets.HTML)]
        return areas

    def not_answer(self) -> list[widgets.Widget]:
        """Inputs (or boxes of them) that are not part of the answer: the pseudonym and a
        supervisor's review; changing them leaves the result standing."""
        kept: list[widgets.Widget] = [self.who.box] if self.who is not None else []
        review = getattr(getattr(self, "supervisor", None), "root", None)
        if isinstance(review, widgets.Widget):
            kept.append(review)
        return kept

    def clear_result(self) -> None:
        """Take down every verdict, score and 'saved' note (the answer has changed, or cannot be read)."""
        for area in self.result_areas():
            area.value = ""

    def _on_answer_changed(self, _change: Any = None) -> None:
        if not self._checking:
            self.clear_result()

    def _on_children(self, _change: Any = None) -> None:
        self._watch(self.root, {id(w) for w in self.not_answer()})

    def _watch(self, widget: Any, skipped: set[int]) -> None:
        if id(widget) in skipped:
            return
        if isinstance(widget, widgets.Box):
            if widget not in self._watched and widget is not self.root:
                self._watched.add(widget)
                widget.observe(self._on_children, names="children")  # rows added later are watched too
            for child in widget.children:
                self._watch(child, skipped)
        elif isinstance(widget, widgets.ValueWidget) and not isinstance(widget, DISPLAY_ONLY):
            if widget not in self._watched:
                self._watched.add(widget)
                widget.observe(self._on_answer_changed, names="value")

    def seconds(self) -> int:
        """Seconds since the form was shown (recorded with the attempt)."""
        return round(time.monotonic() - self.started)

    # -- showing and testing ---------------------------------------------------------------------------
    def displayed(self) -> list[Any]:
        """What a notebook shows for the exercise: the root widget."""
        return [self.root]

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for item in self.displayed():
            display(item)

    @abstractmethod
    def selftest(self) -> str:
        """Drive a separate instance (a throwaway store) as a trainee would; AssertionError when
        the feedback is wrong, else the sentence the hidden notebook cell prints."""

    def close(self) -> None:
        """Close the exercise's widgets: its tree, and the fields it keeps aside (a message or a
        verdict this case does not show), so that nothing of it stays in the kernel or the browser."""
        close_widgets(self.root)
        for value in vars(self).values():
            kept = value.values() if isinstance(value, dict) else value if isinstance(value, list | tuple) else [value]
            for widget in kept:
                if isinstance(widget, widgets.Widget):
                    close_widgets(widget)

    def probe_done(self, probe: Exercise[Any, Any], message: str) -> str:
        """Close a self-test's instance (so it leaves no widget state in the page) and pass on its message."""
        probe.close()
        return message


def selftest(exercise: Exercise[Any, Any]) -> None:
    """The hidden notebook check: the exercise's self-test, and its sentence printed."""
    print(exercise.selftest())
