"""The housing cost against the municipal riktvärde: a guide for the assessment, not a ceiling.

Within the riktvärde the actual cost counts. Above it the cost is accepted now and the household
gets time (rådrum) to lower it; when the rådrum has run out, the riktvärde is the default, and the
line says that an individual assessment is still required. A cost the nämnd has accepted after
that assessment (the case's `godtagen_högre_kostnad`, with its reason) counts instead, and the
line cites the reason. Whether a child on umgänge counts in the household size for the riktvärde
is the municipality's setting, shown on the line.
"""

from __future__ import annotations

from dataclasses import dataclass

from .case import Case, Cost
from .money import format_kr, ore
from .months import Month
from .rules import Rules

# What the individual assessment after the rådrum weighs (Socialstyrelsen's advice on a
# reasonable time to move; the municipality's guideline is a starting point).
ASSESSMENT = "barnens behov, bostadsmarknaden på orten och vad hushållet har gjort för att hitta en billigare bostad"
ACCEPTED_FIELD = "godtagen_högre_kostnad"


def persons_text(count: int) -> str:
    """'1 person', '3 personer'."""
    return f"{count} {'person' if count == 1 else 'personer'}"


@dataclass(frozen=True)
class HousingSize:
    """The household size the riktvärde is read for, and how umgänge was counted."""

    persons: int
    note: str  # empty when no child lives in the household part of the month


def housing_size(case: Case, rules: Rules, month: Month) -> HousingSize:
    """Everyone in the application who lives in the home all month; a child on umgänge too when
    the municipality says so (kommuner/<kortnamn>.yaml: umgänge.räknas_i_boendets_riktvärde)."""
    full_time = len(case.full_time)
    visiting = sum(1 for person in case.household if person.part_time)
    if not visiting:
        return HousingSize(full_time, "")
    name = rules.municipality.name
    if rules.municipal(month).umgange.housing_size:
        return HousingSize(full_time + visiting, f"barn på umgänge räknas med enligt {name}s riktlinjer")
    return HousingSize(full_time, f"barn på umgänge räknas inte med enligt {name}s riktlinjer")


@dataclass(frozen=True)
class HousingResult:
    counted: int  # öre
    explanation: str
    reported: int | None  # öre: the actual cost, where a smaller amount counts
    notice: str = ""


def assess_housing(case: Case, rules: Rules, index: int, cost: Cost) -> HousingResult:
    """What counts of a housing cost this month, and why.

    12 kap. 7 § socialtjänstlagen (2025:400); before 2025-07-01 4 kap. 3 § socialtjänstlagen (2001:453).
    """
    month = case.month
    size = housing_size(case, rules, month)
    amount, cap = ore(cost.amount), ore(rules.housing_cap(month, size.persons))
    cap_text = f"riktvärde {format_kr(cap)} för {persons_text(size.persons)}"
    note = f" ({size.note})" if size.note else ""
    name = rules.municipality.name
    accepted = cost.accepted_higher
    if accepted is not None:
        if ore(accepted.amount) <= cap:
            raise case.fail(
                ("kostnader", index, ACCEPTED_FIELD, "belopp"),
                f"{format_kr(ore(accepted.amount))} är inte högre än kommunens {cap_text}; ta bort fältet "
                f"{ACCEPTED_FIELD} (kostnaden inom riktvärdet räknas ändå)",
            )
    if amount <= cap:
        return HousingResult(amount, f"inom kommunens {cap_text}{note}", None)
    over = format_kr(amount - cap)
    if accepted is not None:
        counted = min(amount, ore(accepted.amount))
        part = "hela kostnaden" if counted == amount else format_kr(counted)
        return HousingResult(
            counted,
            f"över kommunens {cap_text} med {over}{note}; nämnden har efter en individuell bedömning "
            f"godtagit {part}: {accepted.reason.strip()}",
            amount if counted != amount else None,
        )
    grace = case.history.housing_grace_until
    if grace is not None and month > grace:
        return HousingResult(
            cap,
            f"över kommunens {cap_text} med {over}{note}; rådrummet gick ut {grace}, så riktvärdet räknas som "
            f"utgångspunkt. En individuell bedömning krävs: {ASSESSMENT}",
            amount,
            f"Rådrummet för boendekostnaden gick ut {grace}: riktvärdet ({format_kr(cap)}) räknas som utgångspunkt, "
            f"inget tak. Gör en individuell bedömning ({ASSESSMENT}). Godtar nämnden en högre kostnad, skriv "
            f"den i fallet ({ACCEPTED_FIELD}) med skälet.",
        )
    if grace is not None:
        return HousingResult(
            amount,
            f"över kommunens {cap_text} med {over}{note}; godtas under rådrum till och med {grace}",
            None,
            f"Boendekostnaden är {over} över {name}s {cap_text}; den godtas under rådrum till och med {grace}.",
        )
    months = rules.municipal(month).grace_months
    return HousingResult(
        amount,
        f"över kommunens {cap_text} med {over}{note}; godtas, rådrum ska ges",
        None,
        f"Boendekostnaden är {over} över {name}s {cap_text}. Den godtas nu; ge ett rådrum (normalt {months} "
        f"månader) att sänka kostnaden och skriv in datumet i planen.",
    )


__all__ = [
    "ACCEPTED_FIELD",
    "ASSESSMENT",
    "HousingResult",
    "HousingSize",
    "assess_housing",
    "housing_size",
    "persons_text",
]
