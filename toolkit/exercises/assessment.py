"""The assessment exercise: the trainee reads a case and fills in the beräkningsunderlag.

One row per line of the assessment (person or post), the totals, the decision and a
motivation. "Rätta" asks the core (toolkit.feedback.compare) for a verdict per row and
shows it next to the row; every readable attempt is recorded in the progress store.
"Ny variant" deals a seeded variant of the same case from the case bank. No rule lives
here: every figure and verdict comes from the core.
"""
from __future__ import annotations

import os
import random
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import ipywidgets as widgets

from ..assessment import Assessment, assess
from ..case import Case, load_case
from .. import settings
from ..errors import InputError, ToolkitError
from ..feedback import (AMOUNT, DECISION, DECISIONS, INCOMES, MOTIVATION, NEED, SECTIONS, Feedback, FormAnswer,
                        Graded, LineAnswer, Verdict, compare, describe_person, form_rows)
from ..misconceptions import Misconception, alternatives, line_contexts
from ..money import format_kr
from ..progress import AttemptRecord, Store, check_pseudonym
from ..rules import Rules, load_rules
from .common import PseudonymInput, esc, field_message, paragraphs

PROJECT = settings.project_root()
CASES = settings.casebank_dir() / "cases"
OK, WRONG, NOTE = "#0a6b3d", "#a1161b", "#555"
# Where links to the book point: relative from book/exercises/ in the book; the web app sets
# its own base (or "" when no built book is served, and then names the chapter instead).
BOOK_BASE = "../chapters/"


# -- session: who is practising, and where attempts go -----------------------------------------------

class _Session:
    """The trainee's pseudonym for this kernel (asked once) and the progress store."""

    def __init__(self) -> None:
        self.pseudonym: str | None = None
        self._store: Store | None = None

    def current_pseudonym(self) -> str | None:
        if self.pseudonym:
            return self.pseudonym
        env = os.environ.get("HANDBOK_PSEUDONYM", "").strip()
        if env:
            try:
                return check_pseudonym(env)
            except InputError:
                return None
        return None

    def store(self) -> Store:
        if self._store is None:
            self._store = Store()
        return self._store


SESSION = _Session()


@lru_cache(maxsize=1)
def _skills() -> dict[str, Any]:
    try:
        from ..casebank.skills import load_skills

        return dict(load_skills())
    except Exception:  # the skills file is optional for an exercise to work
        return {}


def skill_names() -> dict[str, str]:
    """Skill id -> Swedish name, in the order of casebank/skills.yaml (empty if unreadable)."""
    return {key: skill.name for key, skill in _skills().items()}


def skill_html(skill: str, book_base: str) -> str:
    """The skill's name, linked to the book section that teaches it when the book is at hand."""
    found = _skills().get(skill)
    if found is None or not book_base:
        return esc(skill_name(skill))
    return f"<a href='{esc(found.url(book_base))}' target='_blank'>{esc(found.name)}</a>"


def skill_name(skill: str) -> str:
    """The Swedish name of a skill from casebank/skills.yaml, or the id made readable."""
    return skill_names().get(skill) or skill.replace("_", " ")


def misconception_html(item: Misconception, book_base: str) -> str:
    if book_base:
        more = f"<a href='{esc(item.url(book_base))}' target='_blank'>Läs mer i boken</a>"
    else:
        more = f"Läs mer i bokens kapitel {esc(item.book.chapter.replace('-', ' '))}."
    return (f"<div class='hb-misconception'><b>Troligen: {esc(item.name)}.</b> {esc(item.explanation)} {more} "
            f"<span style='color:{NOTE}'>(färdighet: {skill_html(item.skill, book_base)})</span></div>")


def score_html(feedback: Graded, book_base: str) -> str:
    """The score, then each misconception behind the errors once, with its book link."""
    colour = OK if feedback.all_correct else WRONG
    parts = [f"<h4 style='color:{colour}'>Du har {feedback.score} av {feedback.max_score} rätt.</h4>"]
    named = {item.id: item for verdict in feedback.verdicts for item in verdict.misconceptions}
    if named:
        parts.append("<p><b>Det här kan ligga bakom felen:</b></p>")
        parts += [misconception_html(item, book_base) for item in named.values()]
    return "".join(parts)


def verdict_html(verdict: Verdict, book_base: str) -> str:
    colour, mark = (OK, "✓") if verdict.correct else (WRONG, "✗")
    parts = [f"<div style='color:{colour}'><b>{mark} {esc(verdict.message)}</b></div>"]
    if verdict.explanation:
        parts.append(f"<div style='color:{NOTE}'>{esc(verdict.explanation)}</div>")
    if verdict.citation:
        parts.append(f"<div style='color:{NOTE};font-size:90%'>Regel: {esc(verdict.citation)}</div>")
    parts += [misconception_html(m, book_base) for m in verdict.misconceptions]
    return "".join(parts)


def case_path(case: Case | str) -> Path | None:
    """The file a case comes from: casebank/cases/<id>.yaml for an id."""
    if isinstance(case, Case):
        name = getattr(case, "_file", None)
        path = Path(name) if name else None
        if path is not None and not path.is_absolute():
            path = PROJECT / path
        return path if path is not None and path.is_file() else None
    path = Path(case)
    return path if path.suffix == ".yaml" else CASES / f"{case}.yaml"


def load_case_by_id(case: Case | str, rules: Rules | None = None) -> Case:
    if isinstance(case, Case):
        return case
    return load_case(case_path(case), rules=rules)


def variant_maker() -> Callable[..., Any] | None:
    """The case bank's seeded variant function (make_variant(path, seed, rules=...)), if any."""
    try:
        from ..casebank.variants import make_variant
    except ImportError:
        return None
    return make_variant


def variant_seed(pseudonym: str | None, exercise: str, store: Store, dealt: int) -> int:
    """The seed of the next variant: from the trainee, exercise, cohort and attempt when the
    case bank gives that function (so a reload gives the same numbers), else random."""
    try:
        from ..casebank.variants import seed_for
    except ImportError:
        seed_for = None
    if pseudonym is None or seed_for is None:
        return random.SystemRandom().randrange(1, 2**31)
    earlier = {a.variant_seed for a in store.attempts(pseudonym, exercise) if a.variant_seed is not None}
    cohort = next((t.cohort or "" for t in store.trainees() if t.pseudonym == pseudonym), "")
    return seed_for(pseudonym, exercise, cohort, len(earlier) + dealt + 1)


def case_facts_html(case: Case, rules: Rules) -> str:
    """The facts of the application and documents as a table: what a caseworker would note."""
    rows = []
    for person in case.household:
        extra = []
        if person.lunch_outside_home:
            extra.append("äter lunch på förskolan fem dagar i veckan")
        if person.school_youth:
            extra.append("bor hemma och går i gymnasiet")
        if person.part_time:
            extra.append(f"bor i hushållet {person.days_in_household} dagar i månaden (umgänge)")
        rows.append(("Hushållet", describe_person(case, person).capitalize(), "; ".join(extra)))
    if case.shared_home:
        rows.append(("Boendet", "Delar bostad utan att vara sambo",
                     f"{case.shared_home.persons_in_home} personer bor i bostaden"))
    for cost in case.costs:
        rows.append(("Kostnad", rules.cost_types[cost.type].label, format_kr(cost.amount * 100)))
    for income in case.incomes:
        who = f" ({describe_person(case, case.person(income.person))})" if income.person else ""
        note = format_kr(income.amount * 100)
        if income.earlier_this_year is not None:
            note += f"; tidigare i år {format_kr(income.earlier_this_year * 100)}"
        rows.append(("Inkomst", rules.income_types[income.type].label + who, note))
    for asset in case.assets:
        rows.append(("Tillgång", asset.type, format_kr(asset.amount * 100)))
    for item in case.adjustments:
        rows.append(("Justering", item.post, f"{format_kr(item.amount * 100, sign=True)}: {item.reason}"))
    history = case.history
    rows.append(("Historik", "Månader i följd med försörjningsstöd före denna månad", str(history.months_in_row)))
    if history.jobbstimulans_from:
        rows.append(("Historik", "Jobbstimulansen användes första gången", str(history.jobbstimulans_from)))
    if history.housing_grace_until:
        rows.append(("Historik", "Rådrum för boendekostnaden till och med", str(history.housing_grace_until)))
    body = "".join(f"<tr><td>{esc(a)}</td><td>{esc(b)}</td><td>{esc(c)}</td></tr>" for a, b, c in rows)
    return f"<table class='hb-facts'><tr><th>Vad</th><th>Uppgift</th><th>Detaljer</th></tr>{body}</table>"


def guidelines_html(rules: Rules, case: Case) -> str:
    """The municipality's own choices a caseworker looks up: housing guideline, rådrum, buffer."""
    settings = rules.municipal(case.month)
    caps = "; ".join(f"{n} {'person' if n == 1 else 'personer'}: {format_kr(v * 100)}"
                     for n, v in sorted(settings.housing_caps.items()))
    rows = [("Riktvärde för boendekostnad per månad", caps + " (fler personer: det högsta)"),
            ("Rådrum för en för hög boendekostnad", f"normalt {settings.grace_months} månader"),
            ("Sparbuffert som inte räknas", f"{format_kr(settings.savings_buffer_per_person * 100)} per person"),
            ("Avrundning av försörjningsstödet", settings.rounding.replace("_", " "))]
    body = "".join(f"<tr><td>{esc(a)}</td><td>{esc(b)}</td></tr>" for a, b in rows)
    return f"<table class='hb-facts'>{body}</table>"


STYLE = """<style>
.hb-exercise table.hb-facts {border-collapse: collapse; margin: .3em 0}
.hb-exercise table.hb-facts td, .hb-exercise table.hb-facts th {border-bottom: 1px solid #ddd; padding: .2em .6em;
  text-align: left; vertical-align: top}
.hb-exercise .hb-misconception {margin-top: .2em; padding: .2em .4em; background: #fff6e5; border-left: 3px solid #d98c00}
.hb-exercise .hb-section {font-weight: bold; margin-top: .6em; border-bottom: 1px solid #888}
.hb-exercise pre {white-space: pre-wrap; background: #f7f7f7; padding: .4em}
</style>"""


class AssessmentExercise:
    """A case and its beräkningsunderlag as a form, with feedback line by line on 'Rätta'."""

    def __init__(self, case: Case | str, *, rules: Rules | None = None, store: Store | None = None,
                 pseudonym: str | None = None, seed: int | None = None, exercise_id: str | None = None,
                 book_base: str | None = None):
        self.base_case = load_case_by_id(case)
        self.path = case_path(case)
        self.rules = rules or load_rules(self.base_case.municipality)
        self._store = store
        self.session_pseudonym = pseudonym
        self.book_base = BOOK_BASE if book_base is None else book_base
        self.exercise_id = exercise_id or f"bedomning/{self.base_case.id}"
        self.feedback: Feedback | None = None
        self.attempt_id: int | None = None
        self.root = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.root.add_class("hb-exercise")
        maker = variant_maker()
        self._variant_of = maker if maker and self.path and self.base_case.variation is not None else None
        self._dealt = 0
        self._deal(self.base_case, seed)

    # -- building the form ---------------------------------------------------------------------
    def _deal(self, case: Case, seed: int | None) -> None:
        if seed is not None:
            make = self._variant_of
            if make is None:
                raise ToolkitError("fallbanken har ingen funktion för varianter ännu")
            case = make(self.path, seed, rules=self.rules).case
        self.case, self.seed = case, seed
        self.assessment: Assessment = assess(case, self.rules)
        self.rows = form_rows(case, self.assessment)
        self.started = time.monotonic()
        self.feedback = None
        self._build()

    def _build(self) -> None:
        case = self.case
        heading = widgets.HTML(
            STYLE + f"<p style='color:{NOTE}'>Fall: {esc(case.title)} · månad {esc(case.month)} · nivå {case.level}"
            + (f" · variant {self.seed}" if self.seed is not None else "")
            + (" · färdigheter: " + esc(", ".join(skill_name(s) for s in case.skills)) if case.skills else "")
            + "</p>")
        docs = "".join(f"<h4>{esc(d.heading)}</h4><pre>{esc(d.text)}</pre>" for d in case.documents)
        if case.narrative.strip():
            # The narrative and documents are what the trainee reads, as in real work; a summary
            # of the case data would give away what the case asks the trainee to find.
            case_view = widgets.HTML(f"<h4>Ärendet</h4>{paragraphs(case.narrative)}{docs}")
        else:
            case_view = widgets.HTML(f"<h4>Uppgifter ur ansökan och underlagen</h4>"
                                     f"{case_facts_html(case, self.rules)}{docs}")
        facts = widgets.Accordion(children=[widgets.HTML(guidelines_html(self.rules, case))])
        facts.set_title(0, f"{self.rules.municipality.name}s riktlinjer")
        facts.selected_index = None

        self.who = PseudonymInput(SESSION, self.session_pseudonym)
        self.pseudonym, self.pseudonym_message, self.pseudonym_box = self.who.text, self.who.message, self.who.box

        self.fields: dict[str, widgets.Text] = {}
        self.counted: dict[str, widgets.Checkbox] = {}
        self.messages: dict[str, widgets.HTML] = {}
        self.verdicts: dict[str, widgets.HTML] = {}
        cells: list[widgets.Widget] = []
        head = ["Post", "Räknas", "Belopp (kr per månad)", "Återkoppling"]
        cells += [widgets.HTML(f"<b>{h}</b>") for h in head]
        for category, title in SECTIONS:
            rows = [r for r in self.rows if r.category == category]
            if not rows:
                continue
            cells += [widgets.HTML(f"<div class='hb-section'>{esc(title)}</div>")] + [widgets.HTML() for _ in head[1:]]
            for row in rows:
                cells += self._row(row.key, row.label, income=row.income)
        cells += [widgets.HTML("<div class='hb-section'>Summa</div>")] + [widgets.HTML() for _ in head[1:]]
        cells += self._row(NEED, "Summa riksnorm och skäliga kostnader")
        cells += self._row(INCOMES, "Summa räknade inkomster")
        self.grid = widgets.GridBox(cells, layout=widgets.Layout(
            grid_template_columns="minmax(12em, 2fr) 4.5em minmax(11em, 1fr) minmax(16em, 3fr)",
            grid_gap="4px 10px", width="100%"))

        self.decision = widgets.RadioButtons(options=[(label, key) for key, label in DECISIONS.items()],
                                             value=None, description="Beslut:")
        self.messages[DECISION] = widgets.HTML()
        self.verdicts[DECISION] = widgets.HTML()
        self.fields[AMOUNT] = widgets.Text(placeholder="kronor", description="Belopp:",
                                           layout=widgets.Layout(width="18em"))
        self.messages[AMOUNT] = widgets.HTML()
        self.verdicts[AMOUNT] = widgets.HTML()
        self.motivation = widgets.Textarea(placeholder="Kort motivering till beslutet",
                                           layout=widgets.Layout(width="100%", height="5em"))
        self.messages[MOTIVATION] = widgets.HTML()
        decision_box = widgets.VBox([
            widgets.HTML("<div class='hb-section'>Beslut</div>"),
            widgets.HBox([widgets.VBox([self.decision, self.messages[DECISION]]), self.verdicts[DECISION]]),
            widgets.HBox([widgets.VBox([self.fields[AMOUNT], self.messages[AMOUNT]]), self.verdicts[AMOUNT]]),
            widgets.HTML("<b>Motivering</b>"), self.motivation, self.messages[MOTIVATION]])

        self.check_button = widgets.Button(description="Rätta", button_style="primary", icon="check")
        self.variant_button = widgets.Button(description="Ny variant", icon="refresh",
                                             disabled=self._variant_of is None,
                                             tooltip="Samma slags fall med andra uppgifter"
                                             if self._variant_of else "Varianter finns inte för det här fallet ännu")
        self.check_button.on_click(self._on_check)
        self.variant_button.on_click(self._on_variant)
        self.status = widgets.HTML()
        self.summary = widgets.HTML()
        instruction = widgets.HTML(
            "<p>Fyll i beräkningsunderlaget som i det vanliga arbetet: belopp per månad i hela kronor "
            "(ören går bra där en andel ger ören). Kryssa i <b>Räknas</b> för varje inkomst som ska räknas "
            "och skriv det belopp som räknas. Välj beslut, skriv beloppet och en kort motivering. Klicka "
            "sedan på <b>Rätta</b>.</p>")
        self.root.children = [heading, self.pseudonym_box, case_view, facts, instruction, self.grid, decision_box,
                              widgets.HBox([self.check_button, self.variant_button]), self.status, self.summary]

    def _row(self, key: str, label: str, *, income: bool = False) -> list[widgets.Widget]:
        self.fields[key] = widgets.Text(placeholder="kronor", layout=widgets.Layout(width="100%"))
        self.fields[key].add_class("hb-amount")
        self.messages[key] = widgets.HTML()
        self.verdicts[key] = widgets.HTML()
        if income:
            self.counted[key] = widgets.Checkbox(value=False, indent=False, description="",
                                                 layout=widgets.Layout(width="auto"))
            box: widgets.Widget = self.counted[key]
        else:
            box = widgets.HTML()
        return [widgets.HTML(esc(label)), box, widgets.VBox([self.fields[key], self.messages[key]]),
                self.verdicts[key]]

    # -- reading and filling -------------------------------------------------------------------------
    def answer(self) -> FormAnswer:
        """What the trainee has typed and chosen, exactly as typed."""
        lines = {row.key: LineAnswer(self.fields[row.key].value,
                                     self.counted[row.key].value if row.income else False) for row in self.rows}
        return FormAnswer(lines, self.fields[NEED].value, self.fields[INCOMES].value, self.decision.value,
                          self.fields[AMOUNT].value, self.motivation.value)

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

    def right_answer(self) -> FormAnswer:
        """The key as a filled-in form (for the self-test and tests of the feedback)."""
        a = self.assessment
        lines = {row.key: LineAnswer(format_kr(a.line(row.key).amount), a.line(row.key).amount > 0)
                 for row in self.rows}
        return FormAnswer(lines, format_kr(a.riksnorm + a.adjustments + a.costs), format_kr(a.incomes), a.decision,
                          format_kr(a.amount), "Beräknat enligt riksnormen, skäliga kostnader och räknade inkomster.")

    # -- actions -----------------------------------------------------------------------------------
    def _pseudonym(self) -> str | None:
        return self.who.resolve()

    def check(self) -> Feedback:
        """Grade what is in the form now; show messages or verdicts; record the attempt."""
        form = self.answer()
        feedback = compare(self.case, self.assessment, form, self.rules)
        for key, message in self.messages.items():
            message.value = field_message(feedback.errors.get(key, ""))
        pseudonym = self._pseudonym()
        if not feedback.readable:
            self.feedback = feedback
            count = len(feedback.errors)
            self.status.value = field_message(
                f"{count} fält behöver rättas innan svaret kan bedömas. "
                "Det du har skrivit finns kvar.")
            return feedback
        if pseudonym is None:
            self.feedback = None
            self.status.value = field_message("Skriv din pseudonym överst, så sparas försöket. Svaret finns kvar.")
            return feedback
        self.feedback = feedback
        for verdict in feedback.verdicts:
            self.verdicts[verdict.key].value = verdict_html(verdict, self.book_base)
        self.attempt_id = self._record(pseudonym, form, feedback)
        self.status.value = ""
        self.summary.value = self._summary(feedback)
        return feedback

    def _record(self, pseudonym: str, form: FormAnswer, feedback: Feedback) -> int:
        skills = dict.fromkeys(self.case.skills)
        for verdict in feedback.verdicts:
            for item in verdict.misconceptions:
                skills[item.skill] = None
        record = AttemptRecord(exercise=self.exercise_id, answer=form.to_json(), score=feedback.score,
                               max_score=feedback.max_score, case_id=self.base_case.id, variant_seed=self.seed,
                               misconceptions=feedback.misconception_ids, skills=tuple(skills),
                               seconds=round(time.monotonic() - self.started))
        store = self._store or SESSION.store()
        return store.record(pseudonym, record)

    def _summary(self, feedback: Feedback) -> str:
        parts = [score_html(feedback, self.book_base)]
        parts.append(f"<p><b>Jämför din motivering med ett exempel:</b></p><p>{esc(feedback.model_motivation)}</p>")
        parts.append(f"<p style='color:{NOTE}'>Försöket är sparat.</p>")
        return "".join(parts)

    def _on_check(self, _button=None) -> None:
        try:
            self.check()
        except ToolkitError as error:  # a missing parameter or a bad case file: say so, keep the form
            self.status.value = field_message(str(error))

    def new_variant(self, seed: int | None = None) -> None:
        """Deal a seeded variant of the same case (the pseudonym and the typed pseudonym are kept)."""
        if seed is None:
            pseudonym = self.session_pseudonym or SESSION.current_pseudonym()
            seed = variant_seed(pseudonym, self.exercise_id, self._store or SESSION.store(), self._dealt)
        typed = self.pseudonym.value
        self._deal(self.base_case, seed)
        self._dealt += 1
        self.pseudonym.value = typed

    def _on_variant(self, _button=None) -> None:
        try:
            self.new_variant()
        except ToolkitError as error:
            self.status.value = field_message(str(error))

    # -- for the self-test -----------------------------------------------------------------------------
    def injectable(self) -> tuple[str, str, int]:
        """A (row, misconception id, amount) to inject: prefer one that trains the case's skills."""
        options = []
        for key, ctx in line_contexts(self.case, self.rules, self.assessment).items():
            for misconception_id, amounts in alternatives(ctx).items():
                options.append((key, misconception_id, min(amounts)))
        if not options:
            raise AssertionError("inget fel att pröva i det här fallet")
        from ..misconceptions import get

        wanted = [o for o in options if get(o[1]).skill in self.case.skills]
        return (wanted or options)[0]

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.root)


def close_widgets(widget: widgets.Widget) -> None:
    """Close a widget tree (children, layouts, styles), so a hidden self-test leaves no state
    in the saved page."""
    for child in getattr(widget, "children", ()):
        close_widgets(child)
    for part in ("layout", "style"):
        value = getattr(widget, part, None)
        if isinstance(value, widgets.Widget):
            value.close()
    widget.close()


def assessment_exercise(case: Case | str, **options) -> AssessmentExercise:
    """Create the assessment exercise for a case in the bank (by id) or a Case."""
    return AssessmentExercise(case, **options)


def selftest_assessment(exercise: AssessmentExercise) -> None:
    """Hidden notebook check on a separate instance: the key gives all right, one injected
    misconception is named, and text in an amount field gives a message and is kept."""
    probe = AssessmentExercise(exercise.case, rules=exercise.rules, store=Store("sqlite://"),
                               pseudonym="sjalvtest", exercise_id=exercise.exercise_id)
    probe.fill(probe.right_answer())
    probe.check_button.click()
    assert probe.feedback is not None and probe.feedback.all_correct, probe.summary.value
    key, misconception_id, amount = probe.injectable()
    probe.fields[key].value = format_kr(amount)
    if key in probe.counted:
        probe.counted[key].value = amount > 0
    probe.check_button.click()
    named = [m.id for m in probe.feedback.verdict(key).misconceptions]
    assert misconception_id in named, (key, misconception_id, named)
    probe.fields[key].value = "tusen"
    probe.counted.get(key, widgets.Checkbox()).value = True
    probe.check_button.click()
    assert "inget belopp" in probe.messages[key].value and probe.fields[key].value == "tusen"
    close_widgets(probe.root)
    print("Självtest godkänt: rätt svar ger rätt på alla rader, ett inlagt fel får sin missuppfattning "
          "och text i ett beloppsfält ger ett meddelande.")
