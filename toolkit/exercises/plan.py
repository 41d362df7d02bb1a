"""The plan exercise: the trainee edits a draft plan toward self-sufficiency in a form, clicks
"Granska" and sees the findings of the review, compares with an exemplar, and a method
supervisor can grade the attempt. Every finding comes from toolkit.plan; every attempt is
recorded in the progress store."""
from __future__ import annotations

import time

import ipywidgets as widgets

from ..errors import InputError, ToolkitError
from ..plan import (CHILDCARE, PARTNERS, SEVERITIES, Finding, Plan, PlanFile, compare_with_key, load_plan_rules,
                    parse_plan, plan_by_id, review, score, sections)
from ..progress import AttemptRecord, Store
from ..rules import Rules, load_rules
from .assessment import SESSION
from .common import PseudonymInput, esc, field_message, paragraphs

OK, WRONG, NOTE = "#0a6b3d", "#a1161b", "#555"
GRADES = ("Godkänd", "Godkänd med kommentar", "Gör om")
YES_NO = (("Uppgift saknas", None), ("Ja", True), ("Nej", False))
STYLE = """<style>
.hb-plan table {border-collapse: collapse; margin: .3em 0; width: 100%}
.hb-plan td, .hb-plan th {border-bottom: 1px solid #ddd; padding: .2em .6em; text-align: left; vertical-align: top}
.hb-plan .hb-section {font-weight: bold; margin-top: .6em; border-bottom: 1px solid #888}
</style>"""


def findings_html(findings: list[Finding]) -> str:
    """The findings as an escaped table, errors first."""
    if not findings:
        return f"<p style='color:{OK}'><b>Granskningen hittade inget att rätta.</b></p>"
    ordered = sorted(findings, key=lambda f: 0 if f.severity == "fel" else 1)
    rows = "".join(
        f"<tr><td style='color:{WRONG if f.severity == 'fel' else '#b36b00'}'><b>{esc(f.severity_label)}</b></td>"
        f"<td>{esc(f.field or '')}</td><td>{esc(f.message)}</td><td><code>{esc(f.rule)}</code></td></tr>"
        for f in ordered)
    return f"<table><tr><th>Allvar</th><th>Fält</th><th>Vad</th><th>Regel</th></tr>{rows}</table>"


def rules_html(rules: Rules) -> str:
    """The review rules (id, severity, meaning, source) and the labour-market unit's criteria."""
    words = load_plan_rules()
    rows = "".join(f"<tr><td><code>{esc(rule)}</code></td><td>{esc(SEVERITIES[r.severity])}</td>"
                   f"<td>{esc(r.description)}</td><td>{esc(r.source.title)}</td></tr>"
                   for rule, r in words.rules.items())
    unit = rules.municipality.labour_market_unit
    criteria = ""
    if unit is not None:
        needs = ", ".join(k.replace("_", " ") for k in unit.requirements)
        criteria = (f"<p>{esc(unit.name)} tar emot den som har minst {unit.min_work_capacity_percent} procent "
                    f"arbetsförmåga och {esc(needs)}. Källa: {esc(unit.source.describe())}.</p>")
    vague = ", ".join(f"”{w}”" for w in words.vague)
    return (f"<table><tr><th>Regel</th><th>Allvar</th><th>Vad den betyder</th><th>Bygger på</th></tr>{rows}</table>"
            f"{criteria}<p>Vaga formuleringar som granskningen letar efter: {esc(vague)}.</p>")


def comparison_html(mine: Plan, exemplar: Plan) -> str:
    """The trainee's plan and the exemplar side by side, section by section (escaped)."""
    def cell(lines: list[str]) -> str:
        return "<br>".join(esc(line) for line in lines) if lines else f"<i style='color:{NOTE}'>saknas</i>"

    rows = "".join(f"<tr><th>{esc(label)}</th><td>{cell(a)}</td><td>{cell(b)}</td></tr>"
                   for (label, a), (_, b) in zip(sections(mine), sections(exemplar)))
    return f"<table><tr><th></th><th>Din plan</th><th>Förebilden</th></tr>{rows}</table>"


class PlanExercise:
    """A draft plan as a form; 'Granska' reviews it, 'Visa förebild' compares with an exemplar."""

    ACTIVITY_ROWS, SUBGOAL_ROWS, COOPERATION_ROWS = 6, 4, 3

    def __init__(self, draft: PlanFile | str, *, rules: Rules | None = None, store: Store | None = None,
                 pseudonym: str | None = None, exercise_id: str | None = None):
        self.draft = draft if isinstance(draft, PlanFile) else plan_by_id(draft)
        self.exemplar = plan_by_id(self.draft.exemplar) if self.draft.exemplar else None
        self.rules = rules or load_rules(self.draft.municipality)
        self._store = store
        self.session_pseudonym = pseudonym
        self.exercise_id = exercise_id or f"plan/{self.draft.id}"
        self.findings: list[Finding] | None = None
        self.attempt_id: int | None = None
        self.review_id: int | None = None
        self.started = time.monotonic()
        self._build()
        self.fill(self.draft.plan)

    # -- the form ------------------------------------------------------------------------------------
    def _build(self) -> None:
        draft = self.draft
        wide = widgets.Layout(width="100%")
        heading = widgets.HTML(STYLE + f"<h3>{esc(draft.title)}</h3><p style='color:{NOTE}'>Nivå {draft.level}</p>")
        self.who = PseudonymInput(SESSION, self.session_pseudonym)
        self.pseudonym, self.pseudonym_message, self.pseudonym_box = self.who.text, self.who.message, self.who.box
        story = widgets.HTML(f"<h4>Ärendet</h4>{paragraphs(draft.narrative)}")
        self.date = widgets.DatePicker(description="Planens datum:", style={"description_width": "initial"})
        self.children_info = widgets.HTML()
        self.goal = widgets.Textarea(placeholder="Målet med klientens egna ord", layout=widgets.Layout(width="100%",
                                                                                                      height="4em"))
        self.goal_date = widgets.DatePicker(description="Målet nått senast:", style={"description_width": "initial"})
        self.obstacles = widgets.Textarea(placeholder="Ett hinder per rad", layout=widgets.Layout(width="100%",
                                                                                                 height="4em"))
        self.subgoals = [(widgets.Text(placeholder="Delmål", layout=wide), widgets.DatePicker())
                         for _ in range(self.SUBGOAL_ROWS)]
        self.activities = [(widgets.Text(placeholder="Vad", layout=wide), widgets.Text(placeholder="Vem", layout=wide),
                            widgets.DatePicker()) for _ in range(self.ACTIVITY_ROWS)]
        self.follow_up = widgets.DatePicker(description="Nästa uppföljning:", style={"description_width": "initial"})
        self.child_perspective = widgets.Textarea(placeholder="Hur planen påverkar barnen och vad de behöver",
                                                  layout=widgets.Layout(width="100%", height="4em"))
        partners = [("–", "")] + [(label, key) for key, label in PARTNERS.items()]
        self.cooperation = [(widgets.Dropdown(options=partners, value="", layout=widgets.Layout(width="100%")),
                             widgets.Text(placeholder="Vad samverkan gäller", layout=wide),
                             widgets.Checkbox(description="Remiss", indent=False))
                            for _ in range(self.COOPERATION_ROWS)]
        self.capacity = widgets.Text(placeholder="procent", description="Arbetsförmåga (%):",
                                     style={"description_width": "initial"}, layout=widgets.Layout(width="18em"))
        self.capacity_message = widgets.HTML()
        self.housing = widgets.Dropdown(options=YES_NO, value=None, description="Ordnat boende:",
                                        style={"description_width": "initial"})
        self.childcare = widgets.Dropdown(options=[("Uppgift saknas", None)] + [(v, k) for k, v in CHILDCARE.items()],
                                          value=None, description="Barnomsorg:", style={"description_width": "initial"})
        self.drug_free = widgets.Dropdown(options=YES_NO, value=None, description="Drogfri:",
                                          style={"description_width": "initial"})
        self.own = widgets.Textarea(placeholder="Vad klienten själv ansvarar för i sin ekonomi",
                                    layout=widgets.Layout(width="100%", height="4em"))

        def section(title: str) -> widgets.HTML:
            return widgets.HTML(f"<div class='hb-section'>{esc(title)}</div>")

        def grid(rows: list[tuple], columns: str, head: tuple[str, ...]) -> widgets.GridBox:
            cells = [widgets.HTML(f"<b>{esc(h)}</b>") for h in head] + [w for row in rows for w in row]
            return widgets.GridBox(cells, layout=widgets.Layout(grid_template_columns=columns, grid_gap="4px 8px",
                                                                width="100%"))

        form = widgets.VBox([
            widgets.HBox([self.date, self.children_info]),
            section("Mål (med klientens egna ord)"), self.goal, self.goal_date,
            section("Hinder"), self.obstacles,
            section("Delmål"), grid(self.subgoals, "3fr 12em", ("Delmål", "Datum")),
            section("Aktiviteter: vem gör vad, och när?"),
            grid(self.activities, "3fr 1fr 12em", ("Vad", "Vem", "När")),
            section("Nästa uppföljning"), self.follow_up,
            section("Barnperspektiv"), self.child_perspective,
            section("Samverkan"), grid(self.cooperation, "14em 3fr 7em", ("Med", "Vad", "")),
            section("Förutsättningar (arbetsmarknadsenhetens krav)"),
            widgets.HBox([widgets.VBox([self.capacity, self.capacity_message]), self.housing]),
            widgets.HBox([self.childcare, self.drug_free]),
            section("Klientens eget ansvar för ekonomin"), self.own,
        ], layout=wide)
        instruction = widgets.HTML(
            "<p>Utkastet nedan är skrivet av en kollega. Gör planen bättre: ändra, stryk och lägg till. Klicka på "
            "<b>Granska</b> för att se vad granskningen hittar, och på <b>Visa förebild</b> för att jämföra med en "
            "förebild.</p>")
        self.review_button = widgets.Button(description="Granska", button_style="primary", icon="check")
        self.exemplar_button = widgets.Button(description="Visa förebild", icon="eye",
                                              disabled=self.exemplar is None)
        self.reset_button = widgets.Button(description="Börja om med utkastet", icon="undo")
        self.review_button.on_click(self._on_review)
        self.exemplar_button.on_click(self._on_exemplar)
        self.reset_button.on_click(lambda _b=None: self.fill(self.draft.plan))
        self.status = widgets.HTML()
        self.result = widgets.HTML()
        self.comparison = widgets.HTML()
        self.supervisor = self._supervisor()
        rules_box = widgets.Accordion(children=[widgets.HTML(rules_html(self.rules))])
        rules_box.set_title(0, "Så granskas planen")
        self.widget = widgets.VBox([heading, self.pseudonym_box, story, rules_box, instruction, form,
                                    widgets.HBox([self.review_button, self.exemplar_button, self.reset_button]),
                                    self.status, self.result, self.comparison, self.supervisor], layout=wide)
        self.widget.add_class("hb-plan")

    def _supervisor(self) -> widgets.Accordion:
        self.attempt_field = widgets.BoundedIntText(value=0, min=0, max=10**9, description="Försök nr:",
                                                    style={"description_width": "initial"})
        self.reviewer = widgets.Text(description="Metodhandledare:", placeholder="pseudonym",
                                     style={"description_width": "initial"})
        self.grade = widgets.Dropdown(options=GRADES, value=GRADES[0], description="Bedömning:",
                                      style={"description_width": "initial"})
        self.comment = widgets.Textarea(placeholder="Kommentar till den nyanställda",
                                        layout=widgets.Layout(width="100%", height="5em"))
        self.save_review = widgets.Button(description="Spara bedömning", icon="save")
        self.save_review.on_click(self._on_save_review)
        self.review_status = widgets.HTML()
        box = widgets.VBox([widgets.HTML("<p>Metodhandledaren kan bedöma ett sparat försök. Bedömningen sparas "
                                         "med försöket.</p>"),
                            widgets.HBox([self.attempt_field, self.reviewer, self.grade]), self.comment,
                            self.save_review, self.review_status])
        accordion = widgets.Accordion(children=[box])
        accordion.set_title(0, "För metodhandledaren: bedöm försöket")
        return accordion

    # -- filling and reading ---------------------------------------------------------------------------
    def fill(self, plan: Plan) -> None:
        """Put a plan into the form (the draft at start; tests and the self-test)."""
        self.date.value = plan.date
        self.children = plan.children
        self.children_info.value = (f"<span style='margin-left:1em'>Barn i hushållet: <b>{plan.children}</b></span>")
        self.goal.value, self.goal_date.value = plan.goal, plan.goal_date
        self.obstacles.value = "\n".join(plan.obstacles)
        for i, (text, day) in enumerate(self.subgoals):
            goal = plan.subgoals[i] if i < len(plan.subgoals) else None
            text.value, day.value = (goal.text, goal.date) if goal else ("", None)
        for i, (what, who, when) in enumerate(self.activities):
            activity = plan.activities[i] if i < len(plan.activities) else None
            what.value, who.value, when.value = ((activity.what, activity.who, activity.when) if activity
                                                 else ("", "", None))
        self.follow_up.value = plan.next_follow_up
        self.child_perspective.value = plan.child_perspective
        for i, (partner, what, referral) in enumerate(self.cooperation):
            item = plan.cooperation[i] if i < len(plan.cooperation) else None
            partner.value, what.value, referral.value = ((item.partner, item.what, item.referral) if item
                                                         else ("", "", False))
        c = plan.conditions
        self.capacity.value = "" if c.work_capacity is None else str(c.work_capacity)
        self.housing.value, self.childcare.value, self.drug_free.value = c.settled_housing, c.childcare, c.drug_free
        self.own.value = plan.own_responsibility

    def read(self) -> tuple[Plan | None, str]:
        """The plan in the form, or None and a Swedish message naming what cannot be read."""
        self.capacity_message.value = ""
        capacity_text = self.capacity.value.strip().rstrip("%").strip()
        capacity = None
        if capacity_text:
            if not capacity_text.isdigit() or int(capacity_text) > 100:
                problem = f"Arbetsförmågan ska vara ett heltal 0–100 (procent), inte '{self.capacity.value}'."
                self.capacity_message.value = field_message(problem)
                return None, problem
            capacity = int(capacity_text)
        if self.date.value is None:
            return None, "Planens datum saknas: välj ett datum."
        data = {
            "datum": self.date.value, "barn_i_hushållet": self.children,
            "mål": self.goal.value.strip(), "måldatum": self.goal_date.value,
            "hinder": [line.strip() for line in self.obstacles.value.splitlines() if line.strip()],
            "delmål": [{"text": t.value.strip(), "datum": d.value} for t, d in self.subgoals
                       if t.value.strip() or d.value],
            "aktiviteter": [{"vad": a.value.strip(), "vem": b.value.strip(), "när": c.value}
                            for a, b, c in self.activities if a.value.strip() or b.value.strip() or c.value],
            "nästa_uppföljning": self.follow_up.value,
            "barnperspektiv": self.child_perspective.value.strip(),
            "samverkan": [{"med": p.value, "vad": w.value.strip(), "remiss": r.value}
                          for p, w, r in self.cooperation if p.value],
            "eget_ansvar": self.own.value.strip(),
            "förutsättningar": {"arbetsförmåga_procent": capacity, "ordnat_boende": self.housing.value,
                                "barnomsorg": self.childcare.value, "drogfri": self.drug_free.value},
        }
        try:
            return parse_plan(data, display="planen"), ""
        except InputError as error:
            return None, str(error)

    def _pseudonym(self) -> str | None:
        return self.who.resolve()

    # -- actions -------------------------------------------------------------------------------------
    def check(self) -> list[Finding] | None:
        """Review the plan in the form; show the findings; record the attempt."""
        plan, problem = self.read()
        if plan is None:
            self.status.value = field_message(f"{problem} Det du har skrivit finns kvar.")
            self.findings = None
            return None
        findings = review(plan, self.rules)
        self.findings = findings
        points, most = score(findings)
        errors = sum(1 for f in findings if f.severity == "fel")
        self.result.value = (f"<h4 style='color:{OK if not findings else WRONG}'>{errors} fel och "
                             f"{len(findings) - errors} varningar · {points} av {most} regler utan anmärkning</h4>"
                             + findings_html(findings))
        pseudonym = self._pseudonym()
        if pseudonym is None:
            self.status.value = field_message("Skriv din pseudonym överst, så sparas försöket. Planen finns kvar.")
            return findings
        record = AttemptRecord(exercise=self.exercise_id, answer=plan.to_data(), score=points, max_score=most,
                               case_id=self.draft.id, misconceptions=tuple(sorted({f"plan:{f.rule}" for f in findings})),
                               skills=tuple(self.draft.skills), seconds=round(time.monotonic() - self.started))
        self.attempt_id = (self._store or SESSION.store()).record(pseudonym, record)
        self.attempt_field.value = self.attempt_id
        self.status.value = f"<span style='color:{NOTE}'>Försöket är sparat (nr {self.attempt_id}).</span>"
        return findings

    def show_exemplar(self) -> None:
        if self.exemplar is None:
            return
        plan, problem = self.read()
        if plan is None:
            self.status.value = field_message(f"{problem} Det du har skrivit finns kvar.")
            return
        self.comparison.value = "<h4>Din plan och förebilden</h4>" + comparison_html(plan, self.exemplar.plan)

    def save_supervisor_review(self) -> int | None:
        """Store the supervisor's grade and comment with the attempt (toolkit.progress.Store.review)."""
        store = self._store or SESSION.store()
        try:
            review_id = store.review(int(self.attempt_field.value), reviewer=self.reviewer.value,
                                     grade=self.grade.value, comment=self.comment.value)
        except InputError as error:
            self.review_status.value = field_message(f"{error.problem[:1].upper()}{error.problem[1:]}. "
                                                    "Det du har skrivit finns kvar.")
            return None
        self.review_id = review_id
        self.review_status.value = (f"<span style='color:{OK}'>Bedömningen är sparad med försök "
                                    f"{int(self.attempt_field.value)}: {esc(self.grade.value)}.</span>")
        return review_id

    def _on_review(self, _button=None) -> None:
        try:
            self.check()
        except ToolkitError as error:
            self.status.value = field_message(str(error))

    def _on_exemplar(self, _button=None) -> None:
        self.show_exemplar()

    def _on_save_review(self, _button=None) -> None:
        try:
            self.save_supervisor_review()
        except ToolkitError as error:
            self.review_status.value = field_message(str(error))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def plan_exercise(draft_id: str, **options) -> PlanExercise:
    """Create the plan exercise for a draft in casebank/plans/ (see PlanExercise)."""
    return PlanExercise(draft_id, **options)


def plan_selftest(exercise: PlanExercise) -> None:
    """Review the draft (the key's findings), the exemplar (no findings), bad input and a supervisor
    grade; for hidden notebook cells."""
    store = Store("sqlite://")
    probe = PlanExercise(exercise.draft, rules=exercise.rules, store=store, pseudonym="sjalvtest")
    findings = probe.check()
    assert findings is not None and probe.draft.key is not None
    assert compare_with_key(findings, probe.draft.key) == ([], []), probe.result.value
    assert probe.exemplar is not None
    probe.fill(probe.exemplar.plan)
    assert probe.check() == [], probe.result.value
    probe.capacity.value = "mycket"
    assert probe.check() is None and "heltal" in probe.capacity_message.value
    assert probe.capacity.value == "mycket"
    probe.reviewer.value, probe.grade.value, probe.comment.value = "metodhandledare-1", GRADES[0], "Bra plan."
    assert probe.save_supervisor_review() is not None
    assert [r.grade for r in store.reviews(probe.attempt_id)] == [GRADES[0]]
    print("Självtest godkänt: utkastet ger facits fynd, förebilden inga fynd, felaktig inmatning ger ett meddelande "
          "och bedömningen sparas.")


__all__ = ["PlanExercise", "comparison_html", "findings_html", "plan_exercise", "plan_selftest", "rules_html"]
