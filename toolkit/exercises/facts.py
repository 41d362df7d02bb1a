"""What a caseworker looks up beside a form: the facts of an application and the municipality's
own guidelines, as tables (rendered by templates/common.html.j2)."""

from __future__ import annotations

from ..case import Case
from ..money import format_kr
from ..preview import case_facts_rows
from ..rules import Rules
from .render import html


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
