"""Warm-up exercise: the riksnorm of one household, checked line by line."""
from __future__ import annotations

import html

import ipywidgets as widgets

from ..assessment import Assessment, assess
from ..case import Case
from ..feedback import check_amount
from ..money import format_kr
from ..rules import load_rules


def _household_case(month: str, couple: bool, children: list[int], lunch: list[bool]) -> Case:
    people = [{"id": "p1", "roll": "sökande", "ålder": 35}]
    if couple:
        people.append({"id": "p2", "roll": "medsökande", "ålder": 33})
    for i, age in enumerate(children):
        person = {"id": f"b{i + 1}", "roll": "barn", "ålder": age}
        if i < len(lunch) and lunch[i]:
            person["lunch_utanför_hemmet"] = True
        people.append(person)
    return Case.model_validate({"id": "uppvarmning", "titel": "Riksnormen för ett hushåll", "månad": month,
                                "hushåll": people})


def _describe(case: Case) -> str:
    parts = ["två vuxna som är sambor" if case.co_applicant else "en vuxen som bor ensam"]
    for person in case.household:
        if person.role == "barn":
            lunch = ", äter lunch på förskolan fem dagar i veckan" if person.lunch_outside_home else ""
            parts.append(f"ett barn som är {person.age} år{lunch}")
    return "; ".join(parts)


class RiksnormExercise:
    """A form: the trainee types the household's riksnorm and gets feedback on 'Rätta'."""

    def __init__(self, month: str, *, couple: bool = False, children: tuple[int, ...] = (),
                 lunch: tuple[bool, ...] = ()):
        self.case = _household_case(month, couple, list(children), list(lunch))
        self.result: Assessment = assess(self.case, load_rules())
        self.answer = widgets.Text(description="Riksnorm:", placeholder="kronor per månad",
                                   layout=widgets.Layout(width="22em"))
        self.check = widgets.Button(description="Rätta", button_style="primary", icon="check")
        self.field_message = widgets.HTML()
        self.feedback = widgets.HTML()
        self.check.on_click(self._on_check)
        intro = widgets.HTML(
            f"<p><b>Hushållet ({self.case.month}):</b> {html.escape(_describe(self.case))}.</p>"
            "<p>Skriv hushållets riksnorm för månaden: personliga kostnader och hushållsgemensamma "
            "kostnader tillsammans.</p>")
        self.widget = widgets.VBox([intro, widgets.HBox([self.answer, self.check]), self.field_message,
                                    self.feedback])

    def _on_check(self, _button=None) -> None:
        verdict = check_amount(self.answer.value, self.result.riksnorm, what="Riksnormen")
        if not verdict.ok:
            self.field_message.value = f"<span style='color:#a00'>{html.escape(verdict.message)}</span>"
            self.feedback.value = ""
            return
        self.field_message.value = ""
        rows = "".join(
            f"<tr><td>{html.escape(line.post)}</td><td style='text-align:right'>{format_kr(line.amount)}</td>"
            f"<td>{html.escape(line.citation)}</td></tr>" for line in self.result.lines_in("riksnorm"))
        colour = "#075" if verdict.correct else "#a00"
        self.feedback.value = (f"<p style='color:{colour}'><b>{html.escape(verdict.message)}</b></p>"
                               f"<table><tr><th>Post</th><th>Belopp</th><th>Regel</th></tr>{rows}</table>")
        self.correct = verdict.correct

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def riksnorm_exercise(month: str, **household) -> RiksnormExercise:
    """Create the warm-up exercise for a household (see RiksnormExercise)."""
    return RiksnormExercise(month, **household)


def selftest(exercise: RiksnormExercise) -> None:
    """Answer with the key, click 'Rätta' and check the verdict; used by hidden notebook cells."""
    probe = RiksnormExercise(str(exercise.case.month), couple=exercise.case.co_applicant is not None,
                             children=tuple(p.age for p in exercise.case.household if p.role == "barn"),
                             lunch=tuple(p.lunch_outside_home for p in exercise.case.household if p.role == "barn"))
    probe.answer.value = format_kr(probe.result.riksnorm)
    probe.check.click()
    assert probe.correct, probe.feedback.value
    probe.answer.value = "tusen"
    probe.check.click()
    assert "inget belopp" in probe.field_message.value, probe.field_message.value
    print("Självtest godkänt: rätt svar och felaktig inmatning ger rätt återkoppling.")
