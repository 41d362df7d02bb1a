"""The book's page for an exercise: the case and a static, clearly non-interactive preview.

The published book is static HTML: a form there would look live and do nothing. So an exercise
page shows what the trainee reads (the case, its documents and facts), the rows the form asks
for as a plain table, and a link that opens the live exercise in the exercise app (its address
from settings.exercise_app_url(); no link when none is set). It is rendered from the same
Jinja2 templates as the live exercise, and imports no UI library: the page needs no kernel.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup

from . import settings
from .assessment import assess
from .case import Case, load_case
from .casebank.exercises import Entry, load_registry
from .factfinding import fixed_rows
from .feedback import SECTIONS, describe_person, form_rows
from .money import format_kr
from .rules import Rules, load_rules
from .templating import blocks, html, skill_name

LABEL = "Förhandsvisning – öva i övningsappen"
APP_BUTTON = "Öppna övningen i övningsappen"


def household_case(month: str, couple: bool, children: list[int], lunch: list[bool]) -> Case:
    """The warm-up exercise's household (one or two adults, children) as a case for the engine."""
    people: list[dict[str, object]] = [{"id": "p1", "roll": "sökande", "ålder": 35}]
    if couple:
        people.append({"id": "p2", "roll": "medsökande", "ålder": 33})
    for i, age in enumerate(children):
        person: dict[str, object] = {"id": f"b{i + 1}", "roll": "barn", "ålder": age}
        if i < len(lunch) and lunch[i]:
            person["lunch_utanför_hemmet"] = True
        people.append(person)
    return Case.model_validate(
        {"id": "uppvarmning", "titel": "Riksnormen för ett hushåll", "månad": month, "hushåll": people}
    )


def describe_household(case: Case) -> str:
    """The warm-up household in words: 'en vuxen som bor ensam; ett barn som är 4 år'."""
    parts = ["två vuxna som är sambor" if case.co_applicant else "en vuxen som bor ensam"]
    for person in case.household:
        if person.role == "barn":
            lunch = ", äter lunch på förskolan fem dagar i veckan" if person.lunch_outside_home else ""
            parts.append(f"ett barn som är {person.age} år{lunch}")
    return "; ".join(parts)


def case_facts_rows(case: Case, rules: Rules) -> list[tuple[str, str, str]]:
    """The facts of the application and documents: (what, fact, details) per row."""
    rows = []
    for person in case.household:
        extra = []
        if person.lunch_outside_home:
            extra.append("äter lunch på förskolan fem dagar i veckan")
        if person.school_youth:
            extra.append("bor hemma och går i skolan (grundskola, gymnasieskola eller jämförlig grundutbildning)")
        if person.part_time:
            extra.append(f"bor i hushållet {person.days_in_household} dagar i månaden (umgänge)")
        rows.append(("Hushållet", describe_person(case, person).capitalize(), "; ".join(extra)))
    if case.shared_home:
        rows.append(
            (
                "Boendet",
                "Delar bostad utan att vara sambo",
                f"{case.shared_home.persons_in_home} personer bor i bostaden",
            )
        )
    for cost in case.costs:
        note = format_kr(cost.amount * 100)
        if cost.accepted_higher is not None:
            note += (
                f"; nämnden har godtagit {format_kr(cost.accepted_higher.amount * 100)} efter en "
                f"individuell prövning: {cost.accepted_higher.reason}"
            )
        rows.append(("Kostnad", rules.cost_types[cost.type].label, note))
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
        rows.append(
            (
                "Historik",
                "Första månaden med jobbstimulans (den senaste periodens första månad)",
                str(history.jobbstimulans_from),
            )
        )
    if history.housing_grace_until:
        rows.append(("Historik", "Rådrum för boendekostnaden till och med", str(history.housing_grace_until)))
    return rows


def app_link(entry: Entry) -> str:
    """The address that opens this exercise in the exercise app, or "" when no app is set."""
    base = settings.exercise_app_url()
    if not base:
        return ""
    return f"{base}{'&' if '?' in base else '?'}{urlencode({'ovning': entry.id})}"


def _assessment(entry: Entry) -> str:
    case = load_case(settings.casebank_dir() / "cases" / f"{entry.case}.yaml")
    rules = load_rules(case.municipality)
    facts = Markup(html("common", "facts", case_facts_rows(case, rules)))
    skills = [skill_name(s) for s in case.skills]
    assessment = assess(case, rules)
    # From level 2 the trainee finds the incomes and costs: the preview shows the norm rows only.
    find_facts = entry.level >= 2
    rows = fixed_rows(case, assessment) if find_facts else form_rows(case, assessment)
    sections = [(title, [r.label for r in rows if r.category == category]) for category, title in SECTIONS]
    shown = [(title, labels) for title, labels in sections if labels]
    return (
        html("assessment", "heading", case, None, skills)
        + html(
            "assessment",
            "case_view",
            blocks(case.narrative),
            facts if not case.narrative.strip() else "",
            case.documents,
        )
        + html("preview", "facts_form" if find_facts else "form", shown)
    )


def _body(entry: Entry) -> str:
    if entry.kind == "bedömning":
        return _assessment(entry)
    if entry.household is not None:
        household = entry.household
        case = household_case(household.month, household.couple, list(household.children), list(household.lunch))
        return html("riksnorm", "intro", case.month, describe_household(case))
    skills = [skill_name(s) for s in entry.skills]
    if entry.kind == "veckoplan" and entry.week is not None:
        from .caseload.grading import describe_task, week_task

        return html("caseload", "heading", entry.level, skills) + html(
            "caseload", "task", describe_task(week_task(entry.week.seed))
        )
    if entry.kind == "beslut" and entry.decision is not None:
        return _decision(str(entry.decision))
    if entry.kind == "scenario" and entry.scenario is not None:
        from .scenarios.model import load_scenario

        scenario = load_scenario(str(entry.scenario))
        options = "".join(f"<li>{Markup.escape(o.text)}</li>" for o in scenario.options)
        return (
            html("scenario", "heading", scenario)
            + html("common", "story", "Situationen", blocks(scenario.situation))
            + html("scenario", "question", scenario)
            + f"<ul class='hb-preview-options'>{options}</ul>"
            + html("common", "section", "Varför? (du skriver ditt skäl i övningsappen)")
        )
    if entry.kind == "kontroll":
        from .control.model import load_control

        control = load_control(str(entry.control))
        months = control.month_list()
        rules = load_rules(control.municipality)
        facts = html("common", "facts", case_facts_rows(control.case(0, []), rules))
        head = html("control", "heading", months[0], months[-1], control.level, skills)
        return head + html("common", "story", "Ärendet", blocks(control.narrative)) + facts
    if entry.kind == "budget":
        from .budget import budget_by_id

        budget = budget_by_id(str(entry.budget))
        return html("budget", "heading", budget) + html("common", "story", "Hushållet", blocks(budget.narrative))
    from .plan import plan_by_id

    draft = plan_by_id(str(entry.plan))
    return html("plan", "heading", draft) + html("common", "story", "Ärendet", blocks(draft.narrative))


def _decision(name: str) -> str:
    """The decision exercise's case and what to write; the form and the rubric are in the app."""
    from .decision.model import exercise_case, exercise_control, load_decision

    exercise = load_decision(name)
    narrative = (
        exercise_control(exercise).narrative if exercise.control is not None else exercise_case(exercise).narrative
    )
    parts = [
        "Beslut (bifall, avslag, delvis bifall eller återkrav), belopp och period",
        "Motivering: fakta, regeln med enkla ord och din bedömning",
        "Lagrum",
        "Om beloppet inte betalas, och om avdrag" if exercise.recovery else "Överklagandehänvisning",
        "Kommunicering",
    ]
    return (
        html("decision", "heading", exercise)
        + html("common", "story", "Ärendet", blocks(narrative))
        + html("common", "story", "Beslutet du ska skriva", blocks(exercise.situation))
        + html("preview", "form", [("Det här skriver du i övningsappen", parts)])
    )


@dataclass(frozen=True)
class Preview:
    """An exercise's static page content; a notebook cell that ends with it shows it as HTML."""

    entry: Entry

    def html(self) -> str:
        """The preview note (with the app link when set), then the case and the rows to fill in."""
        note = html("preview", "note", LABEL, APP_BUTTON, app_link(self.entry))
        return html("preview", "page", Markup(note), Markup(_body(self.entry)))

    def _repr_html_(self) -> str:
        return self.html()


def exercise_preview(exercise_id: str) -> Preview:
    """The book page's preview of the exercise with this id in the registry (casebank/ovningar.yaml)."""
    return Preview(load_registry().entry(exercise_id))
