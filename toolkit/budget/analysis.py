"""The budget against the riksnorm (from assess()) and the reference costs: the comparisons,
the flags that call for advice, and the sources of every figure shown."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..assessment import Assessment, assess
from ..case import Adjustment, History
from ..money import format_kr, ore
from ..rules import Rules, load_rules
from ..schemas.budget import ReferencePeriod
from ..schemas.common import Source
from .data import DEBTS, NORM, load_budget_data
from .model import Budget, to_case


@dataclass(frozen=True)
class Comparison:
    """One reference post against what the household spends on the categories compared with it."""

    post: str
    label: str
    categories: tuple[str, ...]
    amount: int  # öre a month
    reference: int  # öre a month
    deviates: bool

    @property
    def difference(self) -> int:
        return self.amount - self.reference


@dataclass(frozen=True)
class Flag:
    """Something in the budget that needs advice or belongs elsewhere."""

    id: str
    target: str | None
    message: str


@dataclass(frozen=True)
class Analysis:
    budget: Budget
    assessment: Assessment
    incomes: int  # öre: what the household receives (before bistånd)
    expenses: int  # öre: every expense line
    debts: int  # öre: debt payments
    norm_spending: int  # öre: spending on what the riksnorm covers
    comparisons: tuple[Comparison, ...]
    flags: tuple[Flag, ...]
    reference_year: int
    reference_source: Source
    reference_from_konsumentverket: bool
    expense_lines: dict[str, int] = field(default_factory=dict)  # öre per category, after any advice

    @property
    def riksnorm(self) -> int:
        return self.assessment.riksnorm

    @property
    def assistance(self) -> int:
        return self.assessment.amount

    @property
    def result(self) -> int:
        """Incomes + bistånd − expenses − debt payments, öre (negative: underskott)."""
        return self.incomes + self.assistance - self.expenses - self.debts


def reference_note(analysis_or_period: Analysis | ReferencePeriod) -> str:
    """How the reference figures must be described wherever they are shown (Swedish)."""
    if isinstance(analysis_or_period, Analysis):
        from_kv, year, source = (
            analysis_or_period.reference_from_konsumentverket,
            analysis_or_period.reference_year,
            analysis_or_period.reference_source,
        )
    else:
        from_kv, year, source = (
            analysis_or_period.from_konsumentverket,
            analysis_or_period.year,
            analysis_or_period.source,
        )
    if from_kv:
        return f"Referenskostnader: {source.describe()} ({year})."
    return (
        f"Referenskostnaderna för {year} är påhittade exempel, INTE Konsumentverkets siffror. "
        "De visar bara hur jämförelsen går till. Använd Konsumentverkets tabeller (Koll på pengarna) "
        "i ett riktigt ärende."
    )


def _ages(budget: Budget) -> list[int]:
    return [p.age for p in budget.household if not p.part_time]


def analyse(
    budget: Budget,
    rules: Rules | None = None,
    *,
    amounts: dict[str, int] | None = None,
    debts: int | None = None,
    adjustments: tuple[Adjustment, ...] = (),
    history: History | None = None,
) -> Analysis:
    """The budget against the riksnorm (from assess()) and the reference costs, with flags.

    amounts (kronor per category), debts (öre) and adjustments describe a budget after advice.
    4 kap. 3 § socialtjänstlagen (2001:453); from 2025-07-01 12 kap. 7 § socialtjänstlagen (2025:400).
    """
    rules = rules or load_rules(budget.municipality)
    data = load_budget_data(municipality=rules.municipality_slug)
    amounts = amounts or {}
    result = assess(to_case(budget, amounts=amounts, adjustments=adjustments, history=history, data=data), rules)
    lines = {e.category: ore(amounts.get(e.category, e.amount)) for e in budget.expenses}
    debt_total = budget.debt_payments if debts is None else debts
    norm_spending = sum(v for k, v in lines.items() if data.category(k).covered_by in NORM)

    period = data.period(budget.month.year)
    ages = _ages(budget)
    shared = budget.shared_home.persons_in_home if budget.shared_home else None
    rule = data.vocabulary.deviation
    comparisons = []
    posts: dict[str, list[str]] = {}
    for category in lines:
        post = data.category(category).reference
        if post is not None:
            posts.setdefault(post, []).append(category)
    for post, categories in posts.items():
        reference = data.reference(post, budget.month.year, ages, shared)
        amount = sum(lines[c] for c in categories)
        gap = abs(amount - reference)
        deviates = gap >= ore(rule.min_kronor) and gap * 100 >= rule.min_percent * reference
        comparisons.append(
            Comparison(post, data.references.posts[post].label, tuple(categories), amount, reference, deviates)
        )

    flags = []
    if norm_spending > result.riksnorm:
        flags.append(
            Flag(
                "över_normen",
                None,
                f"Hushållet lägger {format_kr(norm_spending)} i månaden på sådant som riksnormen täcker. "
                f"Riksnormen ger {format_kr(result.riksnorm)}: {format_kr(norm_spending - result.riksnorm)} "
                "mer än normen. Det är där råden om att sänka kostnader gör skillnad för hushållet.",
            )
        )
    rent = budget.expense("boende")
    if rent is not None:
        persons = len(budget.household) - sum(1 for p in budget.household if p.part_time)
        cap = ore(rules.housing_cap(budget.month, persons))
        if ore(amounts.get("boende", rent.amount)) > cap:
            months = rules.municipal(budget.month).grace_months
            flags.append(
                Flag(
                    "hyra_över_riktvärdet",
                    "boende",
                    f"Hyran är {format_kr(ore(amounts.get('boende', rent.amount)) - cap)} över "
                    f"{rules.municipality.name}s riktvärde {format_kr(cap)} för {persons} "
                    f"{'person' if persons == 1 else 'personer'}. Ge rådrum (normalt {months} månader) "
                    "och gör en plan för att flytta eller sänka hyran. Efter rådrummet görs en ny "
                    "bedömning med riktvärdet som utgångspunkt.",
                )
            )
    for category, amount in lines.items():
        covered = data.category(category).covered_by
        if amount and covered == "livsföring_i_övrigt":
            flags.append(
                Flag(
                    "livsföring_i_övrigt",
                    category,
                    f"{data.category(category).label} ingår inte i riksnormen. Ett behov prövas för sig, "
                    "som bistånd till livsföring i övrigt, efter en egen ansökan.",
                )
            )
        elif amount and covered == "ingår_inte":
            flags.append(
                Flag(
                    "ingår_inte",
                    category,
                    f"{data.category(category).label} ingår inte i försörjningsstödet. Hushållet betalar "
                    "det själv, av normen eller egna pengar.",
                )
            )
    if budget.debts:
        flags.append(
            Flag(
                "skuld",
                DEBTS,
                f"Hushållet betalar {format_kr(debt_total)} i månaden på skulder. Skulder betalas inte "
                "med försörjningsstöd. Hänvisa till kommunens budget- och skuldrådgivning.",
            )
        )
    analysis = Analysis(
        budget,
        result,
        sum(ore(i.amount) for i in budget.incomes),
        sum(lines.values()),
        debt_total,
        norm_spending,
        tuple(comparisons),
        (),
        period.year,
        period.source,
        period.from_konsumentverket,
        lines,
    )
    if analysis.result < 0:
        flags.append(
            Flag(
                "underskott",
                None,
                f"Hushållet går back {format_kr(-analysis.result)} i månaden, med försörjningsstödet inräknat.",
            )
        )
    return replace(analysis, flags=tuple(flags))


def sources(budget: Budget, rules: Rules | None = None) -> list[tuple[str, str]]:
    """(what, source with year) for every figure the budget exercise shows, in Swedish."""
    rules = rules or load_rules(budget.municipality)
    data = load_budget_data(municipality=rules.municipality_slug)
    period = data.period(budget.month.year)
    riksnorm = rules.riksnorm(budget.month)
    settings = rules.municipal(budget.month)
    rows = [
        (f"Riksnormen {budget.month.year}", riksnorm.source.describe()),
        (
            f"Riktvärden för boende i {rules.municipality.name}",
            settings.source.describe() + (f". {settings.source.note}" if settings.source.note else ""),
        ),
        (
            f"Referenskostnader {period.year}",
            period.source.describe()
            + ("" if period.from_konsumentverket else " – påhittade exempelvärden, INTE Konsumentverkets siffror"),
        ),
    ]
    seen = []
    for category in data.categories.values():
        text = category.source.describe()
        if text not in seen:
            seen.append(text)
    rows += [("Vad riksnormen täcker och vad som ligger utanför", text) for text in seen]
    return rows
