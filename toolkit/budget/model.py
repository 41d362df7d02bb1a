"""The budget file (casebank/budget/<id>.yaml): a household, its incomes, expenses and debts,
and the key (facit) worked out by hand; read, checked and turned into the case the engine
assesses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, StrictInt

from .. import settings
from ..case import Adjustment, Case, Cost, History, Income, KronorOre, MonthField, Person, SharedHome, Slug
from ..errors import InputError
from ..money import ore
from ..months import Month
from ..rules import Rules, display_path, load_rules
from ..schemas.common import Kronor, Strict
from ..yamlfile import field_name, line_of, load, validate
from .data import DEBTS, BudgetData, load_budget_data

# Actions a trainee can choose for a budget line, with their Swedish labels.
Action = Literal["behåll", "sänk", "bevilja", "skuldrådgivning", "rådrum"]
ACTIONS: dict[str, str] = {
    "behåll": "Ingen ändring",
    "sänk": "Sänk kostnaden till …",
    "bevilja": "Bevilja bistånd för kostnaden",
    "skuldrådgivning": "Hänvisa till budget- och skuldrådgivningen",
    "rådrum": "Rådrum och plan för att flytta (ny hyra …)",
}


def budget_dir() -> Path:
    """Where the budgets are: casebank/budget."""
    return settings.casebank_dir() / "budget"


class Expense(Strict):
    category: str = Field(alias="kategori")
    amount: Kronor = Field(alias="belopp")
    note: str | None = Field(default=None, alias="anmärkning")


class Debt(Strict):
    kind: str = Field(alias="slag", min_length=2)
    payment: Kronor = Field(alias="månadsbetalning")
    remaining: Kronor | None = Field(default=None, alias="kvar")
    note: str | None = Field(default=None, alias="anmärkning")


class AdviceKey(Strict):
    """One piece of advice the key expects, in priority order."""

    target: str = Field(alias="kategori")
    action: Action = Field(alias="åtgärd")
    at_most: Kronor | None = Field(default=None, alias="högst")
    reason: str = Field(alias="motivering", min_length=10)


class BudgetKey(Strict):
    """The key (facit), worked out by a person from the rules, never copied from the toolkit."""

    riksnorm: KronorOre
    assistance_before: KronorOre = Field(alias="bistånd_före")
    result_before: StrictInt = Field(alias="resultat_före")
    advice: list[AdviceKey] = Field(alias="råd", min_length=1)
    assistance_after: KronorOre = Field(alias="bistånd_efter")
    result_after: StrictInt = Field(alias="resultat_efter")
    working: str | None = Field(default=None, alias="beräkning")
    source: str = Field(alias="källa", min_length=10)


class Budget(Strict):
    id: Slug
    title: str = Field(alias="titel", min_length=3)
    month: MonthField = Field(alias="månad")
    skills: list[str] = Field(default_factory=list, alias="färdigheter")
    level: Literal[1, 2, 3] = Field(default=1, alias="nivå")
    municipality: Slug | None = Field(default=None, alias="kommun")
    household: list[Person] = Field(alias="hushåll", min_length=1)
    history: History = Field(default_factory=History, alias="historik")
    shared_home: SharedHome | None = Field(default=None, alias="delat_boende")
    incomes: list[Income] = Field(default_factory=list, alias="inkomster")
    expenses: list[Expense] = Field(alias="utgifter", min_length=1)
    debts: list[Debt] = Field(default_factory=list, alias="skulder")
    narrative: str = Field(default="", alias="berättelse")
    key: BudgetKey | None = Field(default=None, alias="facit")

    def expense(self, category: str) -> Expense | None:
        return next((e for e in self.expenses if e.category == category), None)

    @property
    def debt_payments(self) -> int:
        """All debt payments a month, öre."""
        return sum(ore(d.payment) for d in self.debts)

    @property
    def targets(self) -> list[str]:
        """The lines advice can be given for: each expense category, then the debts."""
        return [e.category for e in self.expenses] + ([DEBTS] if self.debts else [])


def problems(budget: Budget, data: BudgetData, rules: Rules) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every problem across fields: (path of the field, Swedish message)."""
    seen = set()
    for i, expense in enumerate(budget.expenses):
        where = ("utgifter", i, "kategori")
        if expense.category not in data.categories:
            yield where, f"okänd kategori '{expense.category}' (finns: {', '.join(data.categories)})"
        elif data.category(expense.category).covered_by == "skuld":
            yield where, "skulder skrivs under skulder, inte under utgifter"
        if expense.category in seen:
            yield where, f"kategorin '{expense.category}' står två gånger: slå ihop beloppen"
        seen.add(expense.category)
    if budget.key is not None:
        for i, item in enumerate(budget.key.advice):
            if item.target not in budget.targets:
                yield ("facit", "råd", i, "kategori"), f"'{item.target}' finns inte bland budgetens rader"
    yield from to_case(budget).problems(rules)


def parse_budget(data: Any, *, display: str = "<budget>", rules: Rules | None = None) -> Budget:
    """Validate loaded YAML as a budget; InputError names the file, line and field."""
    budget = validate(Budget, data, display=display)
    rules = rules or load_rules(budget.municipality)
    for path, problem in problems(budget, load_budget_data(municipality=rules.municipality_slug), rules):
        raise InputError(problem, file=display, line=line_of(data, path), field=field_name(path))
    return budget


def load_budget(path: str | Path, *, rules: Rules | None = None) -> Budget:
    """Read a budget file (casebank/budget/<id>.yaml)."""
    path = Path(path)
    name = display_path(path) if path.is_absolute() else str(path)
    budget = parse_budget(load(path, display=name), display=name, rules=rules)
    if budget.id != path.stem:
        raise InputError(f"id '{budget.id}' ska vara samma som filnamnet ('{path.stem}')", file=name, field="id")
    return budget


def budget_files(directory: Path | None = None) -> list[Path]:
    return sorted(Path(directory or budget_dir()).glob("*.yaml"))


def budget_by_id(budget_id: str, directory: Path | None = None) -> Budget:
    path = Path(directory or budget_dir()) / f"{budget_id}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in budget_files(directory))
        raise InputError(f"budgeten '{budget_id}' finns inte (finns: {known})")
    return load_budget(path)


def to_case(
    budget: Budget,
    *,
    month: Month | None = None,
    history: History | None = None,
    amounts: dict[str, int] | None = None,
    adjustments: tuple[Adjustment, ...] = (),
    data: BudgetData | None = None,
) -> Case:
    """The case the engine assesses: household, incomes and the reasonable costs of the budget."""
    data = data or load_budget_data(municipality=budget.municipality)
    amounts = amounts or {}
    costs = []
    for expense in budget.expenses:
        category = data.categories.get(expense.category)
        if category is not None and category.cost_type is not None:
            costs.append(Cost(type=category.cost_type, amount=amounts.get(expense.category, expense.amount)))
    return Case(
        id=budget.id,
        title=budget.title,
        month=month or budget.month,
        household=list(budget.household),
        costs=costs,
        incomes=list(budget.incomes),
        history=history or budget.history,
        shared_home=budget.shared_home,
        municipality=budget.municipality,
        adjustments=list(adjustments),
    )
