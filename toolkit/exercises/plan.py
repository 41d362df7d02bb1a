"""The plan exercise: the trainee edits a draft plan toward self-sufficiency in a form, clicks
"Granska" and sees the findings of the review, compares with an exemplar, and a method
supervisor can grade the attempt. Every finding comes from toolkit.plan; every attempt is
recorded in the progress store."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..errors import InputError
from ..plan import (
    CHILDCARE,
    PARTNERS,
    SEVERITIES,
    Finding,
    Plan,
    PlanFile,
    compare_with_key,
    load_plan_rules,
    parse_plan,
    plan_by_id,
    review,
    score,
    sections,
)
from ..progress import AttemptRecord, Store
from ..rules import Rules, load_rules
from .base import Exercise, Grading
from .common import Cells, named
from .render import blocks, field_message, html
from .supervisor import GRADES, SupervisorReview

YES_NO = (("Uppgift saknas", None), ("Ja", True), ("Nej", False))
WIDE = {"description_width": "initial"}
Read = tuple[Plan | None, str]


def rules_html(rules: Rules) -> str:
    """The review rules (id, severity, meaning, source) and the labour-market unit's criteria."""
    words = load_plan_rules()
    rows = [(rule, SEVERITIES[r.severity], r.description, r.source.title) for rule, r in words.rules.items()]
    unit = rules.municipality.labour_market_unit
    needs = ", ".join(k.replace("_", " ") for k in unit.requirements) if unit is not None else ""
    source = unit.source.describe() if unit is not None else ""
    return html("plan", "rules", rows, unit, needs, source, ", ".join(f"”{w}”" for w in words.vague))


def comparison_html(mine: Plan, exemplar: Plan) -> str:
    """The trainee's plan and the exemplar side by side, section by section (escaped)."""
    rows = [(label, a, b) for (label, a), (_, b) in zip(sections(mine), sections(exemplar), strict=False)]
    return html("plan", "comparison", rows)


class PlanExercise(Exercise[Read, list[Finding]]):
    """A draft plan as a form; 'Granska' reviews it, 'Visa förebild' compares with an exemplar."""

    kind = "plan"
    css_class = "hb-plan"
    kept = "Planen finns kvar."
    result_first = True
    ACTIVITY_ROWS, SUBGOAL_ROWS, COOPERATION_ROWS = 6, 4, 3

    def __init__(
        self,
        draft: PlanFile | str,
        *,
        rules: Rules | None = None,
        store: Store | None = None,
        pseudonym: str | None = None,
        exercise_id: str | None = None,
        book_base: str | None = None,
    ):
        self.draft = draft if isinstance(draft, PlanFile) else plan_by_id(draft)
        super().__init__(
            self.draft.id,
            rules=rules or load_rules(self.draft.municipality),
            store=store,
            pseudonym=pseudonym,
            exercise_id=exercise_id,
            book_base=book_base,
        )
        self.exemplar = plan_by_id(self.draft.exemplar) if self.draft.exemplar else None
        self._build()
        self.fill(self.draft.plan)

    @property
    def findings(self) -> list[Finding] | None:
        """The findings shown now (None before 'Granska', or when the plan could not be read)."""
        return self.outcome

    # -- the form ------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.text = Cells()
        wide = widgets.Layout(width="100%")

        def text_area(placeholder: str) -> widgets.Textarea:
            field = widgets.Textarea(placeholder=placeholder, layout=widgets.Layout(width="100%", height="4em"))
            return named(field, placeholder)

        heading = self.text(html("plan", "heading", self.draft))
        who = self.ask_pseudonym()
        story = self.text(html("common", "story", "Ärendet", blocks(self.draft.narrative)))
        self.date = widgets.DatePicker(description="Planens datum:", style=WIDE)
        self.children_info = self.text()
        self.goal = text_area("Målet med klientens egna ord")
        self.goal_date = widgets.DatePicker(description="Målet nått senast:", style=WIDE)
        self.obstacles = text_area("Ett hinder per rad")
        self.subgoals = [
            (
                named(widgets.Text(placeholder="Delmål", layout=wide), f"Delmål {i}"),
                named(widgets.DatePicker(), f"Datum för delmål {i}"),
            )
            for i in range(1, self.SUBGOAL_ROWS + 1)
        ]
        self.activities = [
            (
                named(widgets.Text(placeholder="Vad", layout=wide), f"Aktivitet {i}: vad"),
                named(widgets.Text(placeholder="Vem", layout=wide), f"Aktivitet {i}: vem"),
                named(widgets.DatePicker(), f"Aktivitet {i}: datum"),
            )
            for i in range(1, self.ACTIVITY_ROWS + 1)
        ]
        self.follow_up = widgets.DatePicker(description="Nästa uppföljning:", style=WIDE)
        self.child_perspective = text_area("Hur planen påverkar barnen och vad de behöver")
        partners = [("–", "")] + [(label, key) for key, label in PARTNERS.items()]
        self.cooperation = [
            (
                named(
                    widgets.Dropdown(options=partners, value="", layout=widgets.Layout(width="100%")),
                    f"Samverkan {i}: med vem",
                ),
                named(widgets.Text(placeholder="Vad samverkan gäller", layout=wide), f"Samverkan {i}: vad"),
                widgets.Checkbox(description="Remiss", indent=False),
            )
            for i in range(1, self.COOPERATION_ROWS + 1)
        ]
        self.capacity = widgets.Text(
            placeholder="procent", description="Arbetsförmåga (%):", style=WIDE, layout=widgets.Layout(width="18em")
        )
        self.capacity_message = self.text()
        self.housing = widgets.Dropdown(options=YES_NO, value=None, description="Ordnat boende:", style=WIDE)
        self.childcare = widgets.Dropdown(
            options=[("Uppgift saknas", None)] + [(v, k) for k, v in CHILDCARE.items()],
            value=None,
            description="Barnomsorg:",
            style=WIDE,
        )
        self.drug_free = widgets.Dropdown(options=YES_NO, value=None, description="Drogfri:", style=WIDE)
        self.own = text_area("Vad klienten själv ansvarar för i sin ekonomi")

        def section(title: str) -> widgets.HTML:
            return self.text(html("common", "section", title))

        def grid(rows: list[tuple[Any, ...]], columns: str, head: tuple[str, ...]) -> widgets.GridBox:
            cells = [self.text(html("common", "bold", h)) for h in head] + [w for row in rows for w in row]
            return widgets.GridBox(
                cells, layout=widgets.Layout(grid_template_columns=columns, grid_gap="4px 8px", width="100%")
            )

        form = widgets.VBox(
            [
                widgets.HBox([self.date, self.children_info]),
                section("Mål (med klientens egna ord)"),
                self.goal,
                self.goal_date,
                section("Hinder"),
                self.obstacles,
                section("Delmål"),
                grid(self.subgoals, "3fr 12em", ("Delmål", "Datum")),
                section("Aktiviteter: vem gör vad, och när?"),
                grid(self.activities, "3fr 1fr 12em", ("Vad", "Vem", "När")),
                section("Nästa uppföljning"),
                self.follow_up,
                section("Barnperspektiv"),
                self.child_perspective,
                section("Samverkan"),
                grid(self.cooperation, "14em 3fr 7em", ("Med", "Vad", "")),
                section("Förutsättningar (arbetsmarknadsenhetens krav)"),
                widgets.HBox([widgets.VBox([self.capacity, self.capacity_message]), self.housing]),
                widgets.HBox([self.childcare, self.drug_free]),
                section("Klientens eget ansvar för ekonomin"),
                self.own,
            ],
            layout=wide,
        )
        self.review_button = self.button("Granska")
        self.exemplar_button = widgets.Button(description="Visa förebild", icon="eye", disabled=self.exemplar is None)
        self.reset_button = widgets.Button(
            description="Börja om med utkastet", icon="undo", layout=widgets.Layout(width="auto")
        )
        self.exemplar_button.on_click(self._on_exemplar)
        self.reset_button.on_click(lambda _b=None: self.fill(self.draft.plan))
        self.result = self.text()
        self.comparison = self.text()
        self.supervisor = SupervisorReview(lambda: self.store)
        reviewing = self.supervisor  # its fields under the names the plan's tests and self-test use
        self.attempt_field, self.reviewer, self.grade_choice = (
            reviewing.attempt_field,
            reviewing.reviewer,
            reviewing.grade,
        )
        self.comment, self.save_review, self.review_status = reviewing.comment, reviewing.save_button, reviewing.status
        rules_box = widgets.Accordion(children=[self.text(rules_html(self.rules))])
        rules_box.set_title(0, "Så granskas planen")
        self.root.children = [
            heading,
            who,
            story,
            rules_box,
            self.text(html("plan", "instruction")),
            form,
            widgets.HBox([self.review_button, self.exemplar_button, self.reset_button]),
            self.status,
            self.result,
            self.comparison,
            self.supervisor.root,
        ]

    # -- filling and reading ---------------------------------------------------------------------------
    def fill(self, plan: Plan) -> None:
        """Put a plan into the form (the draft at start; tests and the self-test)."""
        self.date.value = plan.date
        self.children = plan.children
        self.children_info.value = html("plan", "children", plan.children)
        self.goal.value, self.goal_date.value = plan.goal, plan.goal_date
        self.obstacles.value = "\n".join(plan.obstacles)
        for i, (text, day) in enumerate(self.subgoals):
            goal = plan.subgoals[i] if i < len(plan.subgoals) else None
            text.value, day.value = (goal.text, goal.date) if goal else ("", None)
        for i, (what, who, when) in enumerate(self.activities):
            activity = plan.activities[i] if i < len(plan.activities) else None
            what.value, who.value, when.value = (
                (activity.what, activity.who, activity.when) if activity else ("", "", None)
            )
        self.follow_up.value = plan.next_follow_up
        self.child_perspective.value = plan.child_perspective
        for i, (partner, what, referral) in enumerate(self.cooperation):
            item = plan.cooperation[i] if i < len(plan.cooperation) else None
            partner.value, what.value, referral.value = (
                (item.partner, item.what, item.referral) if item else ("", "", False)
            )
        c = plan.conditions
        self.capacity.value = "" if c.work_capacity is None else str(c.work_capacity)
        self.housing.value, self.childcare.value, self.drug_free.value = c.settled_housing, c.childcare, c.drug_free
        self.own.value = plan.own_responsibility

    def read(self) -> Read:
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
            "datum": self.date.value,
            "barn_i_hushållet": self.children,
            "mål": self.goal.value.strip(),
            "måldatum": self.goal_date.value,
            "hinder": [line.strip() for line in self.obstacles.value.splitlines() if line.strip()],
            "delmål": [
                {"text": t.value.strip(), "datum": d.value} for t, d in self.subgoals if t.value.strip() or d.value
            ],
            "aktiviteter": [
                {"vad": a.value.strip(), "vem": b.value.strip(), "när": c.value}
                for a, b, c in self.activities
                if a.value.strip() or b.value.strip() or c.value
            ],
            "nästa_uppföljning": self.follow_up.value,
            "barnperspektiv": self.child_perspective.value.strip(),
            "samverkan": [
                {"med": p.value, "vad": w.value.strip(), "remiss": r.value} for p, w, r in self.cooperation if p.value
            ],
            "eget_ansvar": self.own.value.strip(),
            "förutsättningar": {
                "arbetsförmåga_procent": capacity,
                "ordnat_boende": self.housing.value,
                "barnomsorg": self.childcare.value,
                "drogfri": self.drug_free.value,
            },
        }
        try:
            return parse_plan(data, display="planen"), ""
        except InputError as error:
            return None, str(error)

    # -- the cycle -------------------------------------------------------------------------------------
    def answer(self) -> Read:
        return self.read()

    def grade(self, answer: Read) -> Grading[list[Finding]]:
        plan, problem = answer
        if plan is None:
            return Grading(None, f"{problem} Det du har skrivit finns kvar.")
        return Grading(review(plan, self.rules))

    def render(self, outcome: list[Finding]) -> None:
        points, most = score(outcome)
        errors = sum(1 for f in outcome if f.severity == "fel")
        ordered = sorted(outcome, key=lambda f: 0 if f.severity == "fel" else 1)  # errors first
        self.result.value = html("plan", "result", errors, len(outcome) - errors, points, most, ordered)

    def attempt(self, answer: Read, outcome: list[Finding]) -> AttemptRecord:
        plan = answer[0]
        assert plan is not None  # graded, so read
        points, most = score(outcome)
        return AttemptRecord(
            exercise=self.exercise_id,
            answer=plan.to_data(),
            score=points,
            max_score=most,
            case_id=self.draft.id,
            misconceptions=tuple(sorted({f"plan:{f.rule}" for f in outcome})),
            skills=tuple(self.draft.skills),
            seconds=self.seconds(),
        )

    def render_saved(self, outcome: list[Finding]) -> None:
        self.attempt_field.value = self.attempt_id
        self.status.value = html("plan", "saved", self.attempt_id)

    # -- the exemplar and the supervisor ---------------------------------------------------------------
    def show_exemplar(self) -> None:
        """The plan in the form beside the exemplar, section by section."""
        if self.exemplar is None:
            return
        plan, problem = self.read()
        if plan is None:
            self.status.value = field_message(f"{problem} Det du har skrivit finns kvar.")
            return
        self.comparison.value = html("common", "heading4", "Din plan och förebilden") + comparison_html(
            plan, self.exemplar.plan
        )

    def save_supervisor_review(self) -> int | None:
        """Store the supervisor's grade and comment with the attempt (toolkit.progress.Store.review)."""
        return self.supervisor.save()

    @property
    def review_id(self) -> int | None:
        """The supervisor's saved review, if any."""
        return self.supervisor.review_id

    def _on_exemplar(self, _button: Any = None) -> None:
        self.show_exemplar()

    def selftest(self) -> str:
        """The draft gives the key's findings, the exemplar none, bad input a message, and a
        supervisor's grade is saved."""
        store = Store("sqlite://")
        probe = PlanExercise(self.draft, rules=self.rules, store=store, pseudonym="sjalvtest")
        findings = probe.check()
        assert findings is not None and probe.draft.key is not None
        assert compare_with_key(findings, probe.draft.key) == ([], []), probe.result.value
        assert probe.exemplar is not None
        probe.fill(probe.exemplar.plan)
        assert probe.check() == [], probe.result.value
        probe.capacity.value = "mycket"
        assert probe.check() is None and "heltal" in probe.capacity_message.value
        assert probe.capacity.value == "mycket"
        probe.reviewer.value, probe.grade_choice.value, probe.comment.value = (
            "metodhandledare-1",
            GRADES[0],
            "Bra plan.",
        )
        assert probe.save_supervisor_review() is not None and probe.attempt_id is not None
        assert [r.grade for r in store.reviews(probe.attempt_id)] == [GRADES[0]]
        return self.probe_done(
            probe,
            "Självtest godkänt: utkastet ger facits fynd, förebilden inga fynd, felaktig "
            "inmatning ger ett meddelande och bedömningen sparas.",
        )


def plan_exercise(draft_id: str, **options: Any) -> PlanExercise:
    """Create the plan exercise for a draft in casebank/plans/ (see PlanExercise)."""
    return PlanExercise(draft_id, **options)
