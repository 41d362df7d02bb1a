"""What a caseworker looks up beside a form: the facts of an application and the municipality's
own guidelines, as tables (rendered by templates/common.html.j2)."""

from __future__ import annotations

from ..case import Case
from ..feedback import describe_person
from ..money import format_kr
from ..rules import Rules
from .render import html


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


def case_facts_html(case: Case, rules: Rules) -> str:
    """The facts of the application and documents as a table."""
    return html("common", "facts", case_facts_rows(case, rules))


def guidelines_html(rules: Rules, case: Case) -> str:
    """The municipality's own choices a caseworker looks up: housing guideline, rådrum, buffer."""
    chosen = rules.municipal(case.month)
    caps = "; ".join(
        f"{n} {'person' if n == 1 else 'personer'}: {format_kr(v * 100)}"
        for n, v in sorted(chosen.housing_caps.items())
    )
    rows = [
        (
            "Riktvärde för boendekostnad per månad",
            caps + " (fler personer: det högsta). Riktvärdet är en utgångspunkt: en högre kostnad kan "
            "godtas efter en individuell prövning, och efter rådrummet prövas kostnaden på nytt",
        ),
        ("Rådrum för en för hög boendekostnad", f"normalt {chosen.grace_months} månader"),
        ("Sparbuffert som inte räknas", f"{format_kr(chosen.savings_buffer_per_person * 100)} per person"),
        ("Avrundning av försörjningsstödet", chosen.rounding.replace("_", " ")),
    ]
    return html("common", "pairs", rows)
