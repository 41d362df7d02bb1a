"""What an assessment gives: its lines (riksnorm, adjustments, costs, incomes) and totals.

Kept apart from the computation so that feedback, reports and exercises read results without
the rules engine's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .jobbstimulans import JobbstimulansStatus
from .money import kronor_json
from .months import Month

CATEGORIES = ("riksnorm", "justering", "kostnad", "inkomst")


@dataclass(frozen=True)
class Line:
    key: str  # stable across variants: 'norm:p1', 'hushåll', 'kostnad:1', 'inkomst:2'
    category: str  # one of CATEGORIES
    post: str  # what the line is, in Swedish
    person: str | None
    amount: int  # öre; what the line adds (riksnorm, costs) or what is counted (incomes)
    rule: str  # rule id in toolkit/parameters/lagrum.yaml
    citation: str  # the legal citation in force in the month
    explanation: str = ""
    reported: int | None = None  # öre: the amount in the case, where a rule changed it
    exact: Fraction | None = None  # öre, exact, where a share makes `amount` a rounded display

    @property
    def value(self) -> Fraction | int:
        """The line's exact amount in öre: what the totals add (an int when it is whole)."""
        return self.exact if self.exact is not None else self.amount


@dataclass(frozen=True)
class Assessment:
    case_id: str
    title: str
    month: Month
    municipality: str
    lines: tuple[Line, ...]
    riksnorm: int
    adjustments: int
    costs: int
    incomes: int
    unrounded: int
    amount: int
    decision: str
    decision_citation: str
    notices: tuple[str, ...] = field(default=())
    jobbstimulans: JobbstimulansStatus | None = None
    exact_total: Fraction | None = None  # öre: riksnorm + adjustments + costs − incomes, before rounding

    def lines_in(self, category: str) -> list[Line]:
        return [line for line in self.lines if line.category == category]

    def line(self, key: str) -> Line:
        for line in self.lines:
            if line.key == key:
                return line
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        """The object of case-format.md: amounts in kronor (öre as two decimals)."""
        return {
            "fall": self.case_id,
            "titel": self.title,
            "månad": str(self.month),
            "kommun": self.municipality,
            "riksnorm": kronor_json(self.riksnorm),
            "justeringar": kronor_json(self.adjustments),
            "skäliga_kostnader": kronor_json(self.costs),
            "räknade_inkomster": kronor_json(self.incomes),
            "belopp": kronor_json(self.amount),
            "beslut": self.decision,
            "beslut_regel": self.decision_citation,
            "rader": [
                {
                    "nyckel": line.key,
                    "kategori": line.category,
                    "post": line.post,
                    "person": line.person,
                    "belopp": kronor_json(line.amount),
                    "regel": line.citation,
                    "regel_id": line.rule,
                    "förklaring": line.explanation,
                    **({"redovisat": kronor_json(line.reported)} if line.reported is not None else {}),
                }
                for line in self.lines
            ],
            "anmärkningar": list(self.notices),
        }
