"""What the register shows against the application: the discrepancies, the change warning,
and the amount paid in error month by month.

For each month the toolkit assesses the application as declared (what was paid) and again
with the register's figures (what should have been paid); the difference, never below zero,
is the amount paid in error.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..assessment import Assessment, assess
from ..errors import InputError
from ..money import format_kr, ore
from ..months import Month
from ..rules import Rules, load_rules
from .model import Control, RegisterRow, declared_incomes


def row_label(control: Control, row: RegisterRow, rules: Rules | None = None) -> str:
    """'Bostadsbidrag (Försäkringskassan)', 'Lön, medsökande (Skatteverket)'."""
    if row.benefit is not None:
        rules = rules or load_rules(control.municipality)
        name = rules.income_types[row.benefit].label
    else:
        name = row.fact or ""
    roles = {p.get("id"): p.get("roll") for p in control.application.get("hushåll", [])}
    who = f", {roles.get(row.person, row.person)}" if row.person else ""
    return f"{name}{who} ({row.source})"


def declared_amount(control: Control, month: str, benefit: str, person: str | None = None) -> int:
    """What the applicant declared for a benefit and person in the month (öre)."""
    index = control.month_list().index(month)
    return sum(ore(i.amount) for i in control.months[index].declared if i.type == benefit and i.person == person)


@dataclass(frozen=True)
class Discrepancy:
    row: int  # index in control.rows
    month: str
    declared: str  # as shown: an amount or a fact
    register: str


def differs(control: Control, row: RegisterRow, month: str) -> bool:
    """Whether the register answer for the month differs from the application."""
    if row.benefit is not None:
        return (row.net(month) or 0) != declared_amount(control, month, row.benefit, row.person)
    return row.values.get(month, "") != row.declared.get(month, "")


def discrepancies(control: Control) -> list[Discrepancy]:
    """Every (register row, month of the control) where the register differs from the application."""
    found = []
    for index, row in enumerate(control.rows):
        for month in control.month_list():
            if differs(control, row, month):
                if row.benefit is not None:
                    declared = format_kr(declared_amount(control, month, row.benefit, row.person))
                    register = format_kr(row.net(month) or 0)
                else:
                    declared, register = row.declared.get(month, "–"), row.values.get(month, "–")
                found.append(Discrepancy(index, month, declared, register))
    return found


@dataclass(frozen=True)
class ChangeWarning:
    row: int
    previous: str
    month: str
    old: int  # öre
    new: int  # öre
    percent: int  # rounded, for display; None-like 0 when the benefit is new

    def message(self, label: str, limit: int) -> str:
        if self.old == 0:
            return f"{label}: ny utbetalning {self.month} ({format_kr(self.new)}); inget belopp {self.previous}."
        direction = "höjts" if self.new > self.old else "sänkts"
        return (
            f"{label}: har {direction} med {self.percent} % från {self.previous} till {self.month} "
            f"({format_kr(self.old)} → {format_kr(self.new)}), mer än {limit} %."
        )


def changed_more_than(old: int, new: int, percent: int) -> bool:
    """True when new differs from old by more than percent of old (exact, integers only);
    a benefit that appears (old 0, new above 0) always counts as changed."""
    if old == 0:
        return new > 0
    return abs(new - old) * 100 > percent * old


def change_warnings(control: Control, limit: int | None = None, rules: Rules | None = None) -> list[ChangeWarning]:
    """The register service's warning: a benefit that changed by more than the limit between
    two consecutive periods in the answer (kontroll.yaml: the limit in force in the later month)."""
    rules = rules or load_rules(control.municipality)
    warnings = []
    for index, row in enumerate(control.rows):
        if not row.money:
            continue
        months = row.months()
        for previous, month in pairwise(months):
            if Month.parse(month).minus(Month.parse(previous)) != 1:
                continue
            old, new = row.net(previous) or 0, row.net(month) or 0
            percent_limit = rules.change_warning(Month.parse(month)).percent if limit is None else limit
            if changed_more_than(old, new, percent_limit):
                percent = (abs(new - old) * 100 + old // 2) // old if old else 0
                warnings.append(ChangeWarning(index, previous, month, old, new, percent))
    return warnings


# -- the amount paid in error -------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthResult:
    month: str
    paid: Assessment
    correct: Assessment

    @property
    def error(self) -> int:
        """Paid in error in öre: what was paid minus what should have been paid, never below 0."""
        return max(0, self.paid.amount - self.correct.amount)


def with_register(
    control: Control, index: int, *, gross: frozenset[int] = frozenset(), from_month: str | None = None
) -> list[dict[str, Any]]:
    """The month's incomes with every money row of the register replacing what was declared
    (for the rows in gross, the wage before tax: what a trainee with that misconception uses)."""
    month = from_month or control.months[index].month
    covered = {(row.benefit, row.person) for row in control.rows if row.money}
    incomes = [i for i in declared_incomes(control, index) if (i["typ"], i.get("person")) not in covered]
    for number, row in enumerate(control.rows):
        if not row.money:
            continue
        use_gross = number in gross and row.gross_amount(month) is not None
        amount = (row.gross_amount(month) if use_gross else row.net(month)) or 0
        if amount:
            kronor, rest = divmod(amount, 100)
            if rest:
                raise InputError(f"registersvaret för {row.benefit} {month} ska vara i hela kronor")
            incomes.append({"typ": row.benefit, "belopp": kronor, **({"person": row.person} if row.person else {})})
    return incomes


def paid_in_error(
    control: Control, rules: Rules | None = None, *, gross: frozenset[int] = frozenset(), from_month: str | None = None
) -> list[MonthResult]:
    """For each month: the assessment as paid (the application as declared) and as it should
    have been with the register's figures. 9 kap. 1 § socialtjänstlagen (2001:453)."""
    rules = rules or load_rules(control.municipality)
    results = []
    for index, month in enumerate(control.month_list()):
        paid = assess(control.case(index, declared_incomes(control, index)), rules)
        correct = assess(control.case(index, with_register(control, index, gross=gross, from_month=from_month)), rules)
        results.append(MonthResult(month, paid, correct))
    return results
