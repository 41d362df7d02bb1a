"""Budget advice: a household budget set against the riksnorm and reference costs, and what
each piece of advice does to the monthly result and to the bistånd. No UI here.

Lowering expenses works as well as raising income, but not every saving lowers the bistånd:
- a cost the riksnorm covers (food, phone, ...): the norm stays, the household keeps the saving;
- a reasonable cost outside the norm (rent, electricity, ...): the bistånd falls with the cost;
- debts and costs outside försörjningsstöd: paid by the household; debts belong to the
  municipality's budget and debt counselling, never to the bistånd.
Everything the riksnorm covers is read from assess(); reference costs come from
toolkit/parameters/konsumentverket.yaml with their source and year.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

from .assessment import Assessment, assess
from .case import (Adjustment, Case, Cost, History, Income, KronorOre, MonthField, Person, SharedHome, Slug)
from .errors import InputError, MissingParameterError
from .money import format_kr, ore, parse_kronor, round_ore
from .months import Month
from . import settings
from .paramschema import Source
from .rules import PARAMETERS, Rules, display_path, load_rules
from .yamlfile import field_name, line_of, load, load_model, validate

BUDGET_DIR = settings.casebank_dir() / "budget"

COVERAGE = ("riksnorm_personlig", "riksnorm_hushåll", "skälig_kostnad", "livsföring_i_övrigt", "ingår_inte",
            "skuld")
NORM = ("riksnorm_personlig", "riksnorm_hushåll")
DEBTS = "skulder"  # the advice target for all debt payments together

# Actions a trainee can choose for a budget line, with their Swedish labels.
ACTIONS = {
    "behåll": "Ingen ändring",
    "sänk": "Sänk kostnaden till …",
    "bevilja": "Bevilja bistånd för kostnaden",
    "skuldrådgivning": "Hänvisa till budget- och skuldrådgivningen",
    "rådrum": "Rådrum och plan för att flytta (ny hyra …)",
}

VERDICTS = {
    "bra": "Bra råd",
    "dubbelt": "Beviljas två gånger",
    "redan_med": "Finns redan med",
    "annanstans": "Hör hemma någon annanstans",
    "inte_tillämplig": "Passar inte här",
    "ingen_effekt": "Ingen effekt",
}
WRONG = ("dubbelt", "redan_med", "annanstans", "inte_tillämplig")

Kronor = Annotated[StrictInt, Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


# -- the parameter files -------------------------------------------------------------------------
class Category(_Strict):
    label: str = Field(alias="benämning", min_length=2)
    covered_by: Literal[COVERAGE] = Field(alias="täcks_av")  # type: ignore[valid-type]
    cost_type: str | None = Field(default=None, alias="kostnadstyp")
    reference: str | None = Field(default=None, alias="referens")
    source: Source = Field(alias="källa")

    @model_validator(mode="after")
    def _cost_type(self) -> "Category":
        if (self.covered_by == "skälig_kostnad") != (self.cost_type is not None):
            raise ValueError("kostnadstyp ska anges för skäliga kostnader och bara för dem")
        return self


class Deviation(_Strict):
    min_percent: Annotated[StrictInt, Field(ge=0)] = Field(alias="minst_procent")
    min_kronor: Kronor = Field(alias="minst_kronor")


class CategoriesFile(_Strict):
    name: str = Field(alias="namn")
    sources: dict[str, Source] = Field(default_factory=dict, alias="källor")
    categories: dict[str, Category] = Field(alias="kategorier", min_length=1)
    deviation: Deviation = Field(alias="avvikelse")


class ReferencePost(_Strict):
    label: str = Field(alias="benämning", min_length=2)
    kind: Literal["personlig", "hushåll"] = Field(alias="slag")


def _band(key: str) -> tuple[int, int]:
    low, _, high = key.partition("-")
    return int(low), int(high)


class ReferencePeriod(_Strict):
    year: Annotated[StrictInt, Field(ge=2000, le=2100)] = Field(alias="år")
    from_konsumentverket: StrictBool = Field(alias="från_konsumentverket")
    source: Source = Field(alias="källa")
    personal: dict[str, dict[Annotated[str, Field(pattern=r"^\d+-\d+$")], Kronor]] = Field(
        default_factory=dict, alias="personliga")
    household: dict[str, Annotated[list[Kronor], Field(min_length=7, max_length=7)]] = Field(
        default_factory=dict, alias="hushåll")

    @model_validator(mode="after")
    def _bands_cover_all_ages(self) -> "ReferencePeriod":
        for post, bands in self.personal.items():
            expected = 0
            for low, high in sorted(_band(key) for key in bands):
                if low != expected or high < low:
                    raise ValueError(f"åldersgrupperna för {post} ska börja på 0 och följa på varandra utan glapp")
                expected = high + 1
            if expected <= 100:
                raise ValueError(f"åldersgrupperna för {post} ska räcka till alla åldrar (sista gruppen till 120)")
        if not self.from_konsumentverket and not self.source.note:
            raise ValueError("värden som inte är Konsumentverkets ska säga det i källans anmärkning")
        return self


class ReferenceFile(_Strict):
    name: str = Field(alias="namn")
    posts: dict[str, ReferencePost] = Field(alias="poster", min_length=1)
    periods: list[ReferencePeriod] = Field(alias="perioder", min_length=1)

    @model_validator(mode="after")
    def _posts_known(self) -> "ReferenceFile":
        for period in self.periods:
            for kind, table in (("personlig", period.personal), ("hushåll", period.household)):
                for post in table:
                    if post not in self.posts or self.posts[post].kind != kind:
                        raise ValueError(f"{period.year}: posten {post} finns inte som {kind} post under poster")
        years = [p.year for p in self.periods]
        if len(years) != len(set(years)):
            raise ValueError("samma år står flera gånger")
        return self


class BudgetData:
    """The budget vocabulary and the reference costs, read and cross-checked once."""

    def __init__(self, root: Path = PARAMETERS, rules: Rules | None = None):
        root = Path(root)
        self.categories_path = root / "budgetkategorier.yaml"
        self.references_path = root / "konsumentverket.yaml"
        self.vocabulary, _ = load_model(CategoriesFile, self.categories_path,
                                        display=display_path(self.categories_path))
        self.references, _ = load_model(ReferenceFile, self.references_path,
                                        display=display_path(self.references_path))
        rules = rules or load_rules()
        for key, category in self.vocabulary.categories.items():
            if category.reference is not None and category.reference not in self.references.posts:
                raise InputError(f"kategorin {key} pekar på referensen '{category.reference}' som inte finns",
                                 file=display_path(self.categories_path))
            if category.cost_type is not None and category.cost_type not in rules.cost_types:
                raise InputError(f"kategorin {key} pekar på kostnadstypen '{category.cost_type}' som inte finns",
                                 file=display_path(self.categories_path))

    @property
    def categories(self) -> dict[str, Category]:
        return self.vocabulary.categories

    def category(self, key: str) -> Category:
        return self.vocabulary.categories[key]

    def label(self, target: str) -> str:
        return "Skulder (avbetalningar)" if target == DEBTS else self.category(target).label

    def norm_categories(self) -> list[str]:
        return [key for key, c in self.categories.items() if c.covered_by in NORM]

    def period(self, year: int) -> ReferencePeriod:
        """The reference costs for a year; MissingParameterError if the year is not there."""
        for period in self.references.periods:
            if period.year == year:
                return period
        raise MissingParameterError("referenskostnaderna för budgetrådgivning", str(year),
                                    display_path(self.references_path))

    def reference(self, post: str, year: int, ages: list[int], persons_in_home: int | None = None) -> int:
        """A reference post in öre for the household: personal posts summed over the persons'
        ages; household posts for the household size (more than seven: + (7 − 6) per person;
        in a shared home: the cost for everyone in the home × own persons ÷ all persons)."""
        period = self.period(year)
        kind = self.references.posts[post].kind
        if kind == "personlig":
            table = period.personal.get(post)
            if table is None:
                raise MissingParameterError(f"referensposten {post}", str(year), display_path(self.references_path))
            total = 0
            for age in ages:
                total += next(amount for key, amount in table.items() if _band(key)[0] <= age <= _band(key)[1])
            return ore(total)
        row = period.household.get(post)
        if row is None:
            raise MissingParameterError(f"referensposten {post}", str(year), display_path(self.references_path))

        def size(n: int) -> int:
            return row[n - 1] if n <= 7 else row[6] + (n - 7) * (row[6] - row[5])

        n = len(ages)
        if persons_in_home:
            return round_ore(Fraction(ore(size(persons_in_home)) * n, persons_in_home))
        return ore(size(n))


@lru_cache(maxsize=4)
def _data(root: str, municipality: str) -> BudgetData:
    return BudgetData(Path(root), load_rules(municipality))


def load_budget_data(root: Path = PARAMETERS, municipality: str | None = None) -> BudgetData:
    """The budget vocabulary and reference costs, loaded once per process."""
    return _data(str(root), municipality or load_rules().municipality_slug)


# -- the budget file -----------------------------------------------------------------------------
class Expense(_Strict):
    category: str = Field(alias="kategori")
    amount: Kronor = Field(alias="belopp")
    note: str | None = Field(default=None, alias="anmärkning")


class Debt(_Strict):
    kind: str = Field(alias="slag", min_length=2)
    payment: Kronor = Field(alias="månadsbetalning")
    remaining: Kronor | None = Field(default=None, alias="kvar")
    note: str | None = Field(default=None, alias="anmärkning")


class AdviceKey(_Strict):
    """One piece of advice the key expects, in priority order."""

    target: str = Field(alias="kategori")
    action: Literal[tuple(ACTIONS)] = Field(alias="åtgärd")  # type: ignore[valid-type]
    at_most: Kronor | None = Field(default=None, alias="högst")
    reason: str = Field(alias="motivering", min_length=10)


class BudgetKey(_Strict):
    """The key (facit), worked out by a person from the rules, never copied from the toolkit."""

    riksnorm: KronorOre
    assistance_before: KronorOre = Field(alias="bistånd_före")
    result_before: StrictInt = Field(alias="resultat_före")
    advice: list[AdviceKey] = Field(alias="råd", min_length=1)
    assistance_after: KronorOre = Field(alias="bistånd_efter")
    result_after: StrictInt = Field(alias="resultat_efter")
    working: str | None = Field(default=None, alias="beräkning")
    source: str = Field(alias="källa", min_length=10)


class Budget(_Strict):
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


def _problems(budget: Budget, data: BudgetData, rules: Rules):
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
    yield from _to_case(budget).problems(rules)


def parse_budget(data: Any, *, display: str = "<budget>", rules: Rules | None = None) -> Budget:
    """Validate loaded YAML as a budget; InputError names the file, line and field."""
    budget = validate(Budget, data, display=display)
    rules = rules or load_rules(budget.municipality)
    for path, problem in _problems(budget, load_budget_data(municipality=rules.municipality_slug), rules):
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


def budget_files(directory: Path = BUDGET_DIR) -> list[Path]:
    return sorted(Path(directory).glob("*.yaml"))


def budget_by_id(budget_id: str, directory: Path = BUDGET_DIR) -> Budget:
    path = Path(directory) / f"{budget_id}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in budget_files(directory))
        raise InputError(f"budgeten '{budget_id}' finns inte (finns: {known})")
    return load_budget(path)


# -- from budget to case -------------------------------------------------------------------------
def _to_case(budget: Budget, *, month: Month | None = None, history: History | None = None,
             amounts: dict[str, int] | None = None, adjustments: tuple[Adjustment, ...] = (),
             data: BudgetData | None = None) -> Case:
    """The case the engine assesses: household, incomes and the reasonable costs of the budget."""
    data = data or load_budget_data(municipality=budget.municipality)
    amounts = amounts or {}
    costs = []
    for expense in budget.expenses:
        category = data.categories.get(expense.category)
        if category is not None and category.cost_type is not None:
            costs.append(Cost(type=category.cost_type, amount=amounts.get(expense.category, expense.amount)))
    return Case(id=budget.id, title=budget.title, month=month or budget.month, household=list(budget.household),
                costs=costs, incomes=list(budget.incomes), history=history or budget.history,
                shared_home=budget.shared_home, municipality=budget.municipality, adjustments=list(adjustments))


# -- analysis ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Comparison:
    """One reference post against what the household spends on the categories compared with it."""

    post: str
    label: str
    categories: tuple[str, ...]
    amount: int      # öre a month
    reference: int   # öre a month
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
    incomes: int          # öre: what the household receives (before bistånd)
    expenses: int         # öre: every expense line
    debts: int            # öre: debt payments
    norm_spending: int    # öre: spending on what the riksnorm covers
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
        from_kv, year, source = (analysis_or_period.reference_from_konsumentverket,
                                 analysis_or_period.reference_year, analysis_or_period.reference_source)
    else:
        from_kv, year, source = (analysis_or_period.from_konsumentverket, analysis_or_period.year,
                                 analysis_or_period.source)
    if from_kv:
        return f"Referenskostnader: {source.describe()} ({year})."
    return (f"Referenskostnaderna för {year} är påhittade exempel, INTE Konsumentverkets siffror. "
            "De visar bara hur jämförelsen går till. Använd Konsumentverkets tabeller (Koll på pengarna) "
            "i ett riktigt ärende.")


def _ages(budget: Budget) -> list[int]:
    return [p.age for p in budget.household if not p.part_time]


def analyse(budget: Budget, rules: Rules | None = None, *, amounts: dict[str, int] | None = None,
            debts: int | None = None, adjustments: tuple[Adjustment, ...] = (),
            history: History | None = None) -> Analysis:
    """The budget against the riksnorm (from assess()) and the reference costs, with flags.

    amounts (kronor per category), debts (öre) and adjustments describe a budget after advice.
    4 kap. 3 § socialtjänstlagen (2001:453); from 2025-07-01 12 kap. 7 § socialtjänstlagen (2025:400).
    """
    rules = rules or load_rules(budget.municipality)
    data = load_budget_data(municipality=rules.municipality_slug)
    amounts = amounts or {}
    result = assess(_to_case(budget, amounts=amounts, adjustments=adjustments, history=history, data=data), rules)
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
        comparisons.append(Comparison(post, data.references.posts[post].label, tuple(categories), amount, reference,
                                      deviates))

    flags = []
    if norm_spending > result.riksnorm:
        flags.append(Flag("över_normen", None,
                          f"Hushållet lägger {format_kr(norm_spending)} i månaden på sådant som riksnormen täcker. "
                          f"Riksnormen ger {format_kr(result.riksnorm)}: {format_kr(norm_spending - result.riksnorm)} "
                          "mer än normen. Det är där råden om att sänka kostnader gör skillnad för hushållet."))
    rent = budget.expense("boende")
    if rent is not None:
        persons = len(budget.household) - sum(1 for p in budget.household if p.part_time)
        cap = ore(rules.housing_cap(budget.month, persons))
        if ore(amounts.get("boende", rent.amount)) > cap:
            months = rules.municipal(budget.month).grace_months
            flags.append(Flag("hyra_över_riktvärdet", "boende",
                              f"Hyran är {format_kr(ore(amounts.get('boende', rent.amount)) - cap)} över "
                              f"{rules.municipality.name}s riktvärde {format_kr(cap)} för {persons} "
                              f"{'person' if persons == 1 else 'personer'}. Ge rådrum (normalt {months} månader) "
                              "och gör en plan för att flytta eller sänka hyran. Efter rådrummet räknas bara "
                              "riktvärdet."))
    for category, amount in lines.items():
        covered = data.category(category).covered_by
        if amount and covered == "livsföring_i_övrigt":
            flags.append(Flag("livsföring_i_övrigt", category,
                              f"{data.category(category).label} ingår inte i riksnormen. Ett behov prövas för sig, "
                              "som bistånd till livsföring i övrigt, efter en egen ansökan."))
        elif amount and covered == "ingår_inte":
            flags.append(Flag("ingår_inte", category,
                              f"{data.category(category).label} ingår inte i försörjningsstödet. Hushållet betalar "
                              "det själv, av normen eller egna pengar."))
    if budget.debts:
        flags.append(Flag("skuld", DEBTS,
                          f"Hushållet betalar {format_kr(debt_total)} i månaden på skulder. Skulder betalas inte "
                          "med försörjningsstöd. Hänvisa till kommunens budget- och skuldrådgivning."))
    analysis = Analysis(budget, result, sum(ore(i.amount) for i in budget.incomes), sum(lines.values()), debt_total,
                        norm_spending, tuple(comparisons), (), period.year, period.source,
                        period.from_konsumentverket, lines)
    if analysis.result < 0:
        flags.append(Flag("underskott", None,
                          f"Hushållet går back {format_kr(-analysis.result)} i månaden, med försörjningsstödet "
                          "inräknat."))
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
        (f"Riktvärden för boende i {rules.municipality.name}", settings.source.describe()
         + (f". {settings.source.note}" if settings.source.note else "")),
        (f"Referenskostnader {period.year}", period.source.describe() + (
            "" if period.from_konsumentverket else " – påhittade exempelvärden, INTE Konsumentverkets siffror")),
    ]
    seen = []
    for category in data.categories.values():
        text = category.source.describe()
        if text not in seen:
            seen.append(text)
    rows += [("Vad riksnormen täcker och vad som ligger utanför", text) for text in seen]
    return rows


# -- advice --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Advice:
    """One piece of advice for a budget line: the action and, where it needs one, the new amount."""

    target: str               # an expense category or DEBTS
    action: str               # a key of ACTIONS
    amount: int | None = None  # öre: the new monthly amount (sänk, rådrum, skuldrådgivning)
    priority: int | None = None


def read_advice(budget: Budget, rows: dict[str, dict[str, str]]) -> tuple[list[Advice], dict[str, str]]:
    """Read what a trainee chose per budget line: {target: {'åtgärd', 'belopp', 'prioritet'}}.

    Returns the advice and a Swedish message per line that could not be read (nothing is lost:
    the caller keeps the form as it was).
    """
    data = load_budget_data(municipality=budget.municipality)
    advices, problems = [], {}
    for target in budget.targets:
        row = rows.get(target) or {}
        action = (row.get("åtgärd") or "behåll").strip()
        label = data.label(target)
        if action not in ACTIONS:
            problems[target] = f"{label}: okänd åtgärd '{action}'"
            continue
        priority_text = str(row.get("prioritet") or "").strip()
        priority = None
        if priority_text and priority_text not in ("–", "-"):
            if not priority_text.isdigit() or int(priority_text) < 1:
                problems[target] = f"{label}: prioriteten ska vara 1, 2, 3 …"
                continue
            priority = int(priority_text)
        if action == "behåll":
            if priority is not None:
                problems[target] = f"{label}: välj en åtgärd innan du ger raden en prioritet"
            continue
        amount_text = str(row.get("belopp") or "").strip()
        amount = None
        if amount_text:
            try:
                amount = parse_kronor(amount_text)
            except ValueError as error:
                problems[target] = f"{label}: {error}"
                continue
            if amount % 100:
                problems[target] = f"{label}: skriv hela kronor"
                continue
        elif action == "sänk":
            problems[target] = f"{label}: skriv det nya beloppet i kronor per månad"
            continue
        advices.append(Advice(target, action, amount, priority))
    priorities = [a.priority for a in advices if a.priority is not None]
    if len(priorities) != len(set(priorities)):
        problems["prioritet"] = "Två råd har samma prioritet: ge varje råd en egen siffra (1 är viktigast)."
    return advices, problems


@dataclass(frozen=True)
class AdviceEffect:
    advice: Advice
    verdict: str              # a key of VERDICTS
    message: str
    result_change: int        # öre a month
    assistance_change: int    # öre a month
    applied: bool             # whether the advice changes the budget when applied


@dataclass
class _Change:
    amounts: dict[str, int]
    debts: int | None
    adjustments: list[Adjustment]
    housing_grace_until: Month | None
    grace_set: bool = False


def _start(budget: Budget) -> _Change:
    return _Change({}, None, [], budget.history.housing_grace_until)


def _current(budget: Budget, target: str) -> int:
    """A line's amount today in öre."""
    if target == DEBTS:
        return budget.debt_payments
    expense = budget.expense(target)
    return ore(expense.amount) if expense else 0


def _classify(budget: Budget, advice: Advice, rules: Rules, data: BudgetData) -> tuple[str, str, bool]:
    """(verdict, message without the numbers, applied) for one piece of advice."""
    target, action = advice.target, advice.action
    label = data.label(target)
    covered = "skuld" if target == DEBTS else data.category(target).covered_by
    if action == "sänk":
        if target == DEBTS:
            return ("annanstans", "Avbetalningar kan inte bara sänkas: det kräver en uppgörelse med den man är "
                    "skyldig. Hänvisa till kommunens budget- och skuldrådgivning.", False)
        if advice.amount is None:
            return "ingen_effekt", f"Skriv det nya beloppet för {label.lower()}.", False
        if advice.amount >= _current(budget, target):
            return "ingen_effekt", f"Det nya beloppet för {label.lower()} är inte lägre än i dag.", False
        if covered in NORM:
            return ("bra", f"{label} ingår i riksnormen. Normen är densamma hur mycket hushållet än lägger "
                    "på det.", True)
        if covered == "skälig_kostnad":
            return ("bra", f"{label} är en skälig kostnad utanför riksnormen. Biståndet följer kostnaden.",
                    True)
        return "bra", f"{label} ingår inte i försörjningsstödet. Hushållet betalar det själv.", True
    if action == "bevilja":
        if covered in NORM:
            return ("dubbelt", f"{label} ingår redan i riksnormen. Bistånd för det igen vore att bevilja samma "
                    "behov två gånger.", True)
        if covered == "skälig_kostnad":
            return ("redan_med", f"{label} är redan med i beräkningen som skälig kostnad. Den ska inte läggas "
                    "till en gång till.", False)
        if covered == "skuld":
            return ("annanstans", "Skulder betalas inte med försörjningsstöd. Hänvisa till kommunens budget- och "
                    "skuldrådgivning.", False)
        if covered == "livsföring_i_övrigt":
            return ("annanstans", f"{label} prövas för sig, som bistånd till livsföring i övrigt, efter en egen "
                    "ansökan. Det är inget budgetråd.", False)
        return ("annanstans", f"{label} ingår inte i försörjningsstödet. Råd i stället hushållet att sänka "
                "kostnaden.", False)
    if action == "skuldrådgivning":
        if target != DEBTS:
            return "inte_tillämplig", f"{label} är ingen skuld. Budget- och skuldrådgivningen gäller skulder.", False
        return ("bra", "Skulderna hör hemma hos kommunens budget- och skuldrådgivning. Den kan hjälpa till med en "
                "uppgörelse; tills dess ändras inte avbetalningarna.", advice.amount is not None)
    if action == "rådrum":
        if target != "boende":
            return "inte_tillämplig", f"Rådrum gäller boendekostnaden, inte {label.lower()}.", False
        persons = len([p for p in budget.household if not p.part_time])
        cap = ore(rules.housing_cap(budget.month, persons))
        if _current(budget, target) <= cap:
            return ("inte_tillämplig", f"Hyran ligger inom riktvärdet {format_kr(cap)}. Inget rådrum behövs.",
                    False)
        if advice.amount is None:
            return ("bra", "Rådrum är rätt. Men utan en ny, lägre hyra räknas bara riktvärdet när rådrummet är "
                    "slut, och hushållet får betala resten själv.", True)
        if advice.amount > cap:
            return ("bra", f"Rådrum är rätt, men den nya hyran är fortfarande över riktvärdet {format_kr(cap)}. "
                    "Efter rådrummet räknas bara riktvärdet.", True)
        return "bra", "Rådrum och en flytt till en hyra inom riktvärdet: biståndet sjunker med hyran.", True
    return "ingen_effekt", "Ingen ändring.", False


def _apply(budget: Budget, advice: Advice, change: _Change, *, after_grace: bool = True) -> None:
    """Change the budget as the advice says (the state once the advice is carried out)."""
    if advice.action == "sänk" and advice.target != DEBTS:
        change.amounts[advice.target] = advice.amount // 100
    elif advice.action == "bevilja":
        amount = _current(budget, advice.target)
        change.adjustments.append(Adjustment(post=f"bistånd för {advice.target}", amount=amount // 100,
                                             reason="beviljat i budgetövningen utöver normen"))
    elif advice.action == "skuldrådgivning" and advice.amount is not None:
        change.debts = advice.amount
    elif advice.action == "rådrum":
        if advice.amount is not None:
            change.amounts["boende"] = advice.amount // 100
        if after_grace:
            # the state after the rådrum: it ended the month before
            change.housing_grace_until = budget.month.plus(-1)
            change.grace_set = True


def _analyse_change(budget: Budget, change: _Change, rules: Rules) -> Analysis:
    history = budget.history
    if change.grace_set:
        history = History(months_in_row=history.months_in_row, jobbstimulans_from=history.jobbstimulans_from,
                          housing_grace_until=change.housing_grace_until)
    return analyse(budget, rules, amounts=change.amounts, debts=change.debts, adjustments=tuple(change.adjustments),
                   history=history)


def effect(budget: Budget, advice: Advice, rules: Rules | None = None, base: Analysis | None = None) -> AdviceEffect:
    """What one piece of advice does to the monthly result and to the bistånd, with a verdict."""
    rules = rules or load_rules(budget.municipality)
    data = load_budget_data(municipality=rules.municipality_slug)
    base = base or analyse(budget, rules)
    verdict, message, applied = _classify(budget, advice, rules, data)
    if not applied:
        return AdviceEffect(advice, verdict, message, 0, 0, False)
    change = _start(budget)
    _apply(budget, advice, change)
    after = _analyse_change(budget, change, rules)
    d_result, d_assist = after.result - base.result, after.assistance - base.assistance
    numbers = []
    if d_assist:
        numbers.append(f"Biståndet {'ökar' if d_assist > 0 else 'minskar'} med {format_kr(abs(d_assist))} i månaden.")
    else:
        numbers.append("Biståndet ändras inte.")
    if d_result:
        numbers.append(f"Hushållet får {format_kr(abs(d_result))} {'mer' if d_result > 0 else 'mindre'} över "
                       "varje månad.")
    elif d_assist < 0:
        numbers.append("Hushållets resultat ändras inte: det som sparas minskar biståndet.")
    else:
        numbers.append("Hushållets resultat ändras inte.")
    return AdviceEffect(advice, verdict, f"{message} {' '.join(numbers)}", d_result, d_assist, True)


@dataclass(frozen=True)
class Outcome:
    """Every piece of advice with its effect, and the budget before and after all of it."""

    effects: tuple[AdviceEffect, ...]
    before: Analysis
    after: Analysis


def outcome(budget: Budget, advices: list[Advice], rules: Rules | None = None) -> Outcome:
    """The effect of each piece of advice alone, and of all of them together."""
    rules = rules or load_rules(budget.municipality)
    before = analyse(budget, rules)
    effects = tuple(effect(budget, a, rules, before) for a in advices)
    change = _start(budget)
    for item in effects:
        if item.applied:
            _apply(budget, item.advice, change)
    return Outcome(effects, before, _analyse_change(budget, change, rules))


# -- month by month ------------------------------------------------------------------------------
@dataclass(frozen=True)
class MonthRow:
    month: Month
    result_before: int
    result_after: int
    assistance_before: int
    assistance_after: int


@dataclass(frozen=True)
class Projection:
    rows: tuple[MonthRow, ...]
    stopped: str | None = None   # why the projection ends early (a missing rule value)


def _month_change(budget: Budget, advices: list[Advice], k: int, grace_months: int) -> _Change:
    """The budget in month k (0 = the budget month): advice takes effect from the next month;
    a rådrum runs from the budget month for the municipality's grace months, the new rent after it."""
    change = _start(budget)
    for advice in advices:
        if advice.action == "rådrum":
            grace_until = budget.history.housing_grace_until or budget.month.plus(grace_months - 1)
            change.housing_grace_until = grace_until
            change.grace_set = True
            if advice.amount is not None and budget.month.plus(k) > grace_until:
                change.amounts["boende"] = advice.amount // 100
        elif k >= 1:
            _apply(budget, advice, change, after_grace=False)
    return change


def project(budget: Budget, advices: list[Advice], rules: Rules | None = None, months: int = 6) -> Projection:
    """Month by month: the result and the bistånd without and with the advice.

    The count of months in a row with försörjningsstöd (jobbstimulans) follows the projected
    bistånd. A month without verified rule values ends the projection with the reason.
    """
    rules = rules or load_rules(budget.municipality)
    applied = [e.advice for e in outcome(budget, advices, rules).effects if e.applied]
    grace_months = rules.municipal(budget.month).grace_months
    series: dict[str, list[tuple[int, int]]] = {"before": [], "after": []}
    stopped = None
    for name, chosen in (("before", []), ("after", applied)):
        in_row, since = budget.history.months_in_row, budget.history.jobbstimulans_from
        for k in range(months):
            month = budget.month.plus(k)
            change = _month_change(budget, chosen, k, grace_months)
            grace = change.housing_grace_until if change.grace_set else budget.history.housing_grace_until
            history = History(months_in_row=in_row, jobbstimulans_from=since, housing_grace_until=grace)
            try:
                shifted = budget.model_copy(update={"month": month})
                result = analyse(shifted, rules, amounts=change.amounts, debts=change.debts,
                                 adjustments=tuple(change.adjustments), history=history)
            except MissingParameterError as error:
                stopped = f"Prognosen slutar före {month}: {error}"
                break
            status = result.assessment.jobbstimulans
            if status is not None and status.applies and status.start is not None:
                since = status.start
            in_row = in_row + 1 if result.assistance > 0 else 0
            series[name].append((result.result, result.assistance))
    count = min(len(series["before"]), len(series["after"]))
    rows = tuple(MonthRow(budget.month.plus(k), series["before"][k][0], series["after"][k][0],
                          series["before"][k][1], series["after"][k][1]) for k in range(count))
    return Projection(rows, stopped)


# -- feedback against the key --------------------------------------------------------------------
@dataclass(frozen=True)
class KeyCheck:
    key: AdviceKey
    hit: bool
    message: str


@dataclass(frozen=True)
class BudgetFeedback:
    outcome: Outcome
    checks: tuple[KeyCheck, ...]
    priority_ok: bool
    priority_message: str
    wrong: tuple[AdviceEffect, ...]
    score: int
    max_score: int
    misconceptions: tuple[str, ...]


def check_advice(budget: Budget, advices: list[Advice], rules: Rules | None = None) -> BudgetFeedback:
    """Compare a trainee's advice with the key: which key advice was given, what was wrong
    (granting twice what the norm covers, advice that belongs elsewhere) and the priority."""
    if budget.key is None:
        raise InputError("budgeten har inget facit", field="facit")
    rules = rules or load_rules(budget.municipality)
    data = load_budget_data(municipality=rules.municipality_slug)
    result = outcome(budget, advices, rules)
    by_target = {e.advice.target: e for e in result.effects}
    checks, misconceptions = [], []
    for item in budget.key.advice:
        label = data.label(item.target)
        given = by_target.get(item.target)
        action = ACTIONS[item.action].replace(" …", "").replace(" (ny hyra", "").rstrip(")").lower()
        limit = f" (högst {format_kr(ore(item.at_most))})" if item.at_most is not None else ""
        if given is None or given.advice.action != item.action:
            checks.append(KeyCheck(item, False, f"{label}: facit säger {action}{limit}. {item.reason}"))
            misconceptions.append(f"budget:missat:{item.target}")
        elif item.at_most is not None and (given.advice.amount is None or given.advice.amount > ore(item.at_most)):
            checks.append(KeyCheck(item, False, f"{label}: rätt åtgärd, men beloppet behöver vara högst "
                                                f"{format_kr(ore(item.at_most))}. {item.reason}"))
            misconceptions.append(f"budget:belopp:{item.target}")
        else:
            checks.append(KeyCheck(item, True, f"{label}: rätt. {item.reason}"))
    wrong = tuple(e for e in result.effects if e.verdict in WRONG)
    for e in wrong:
        misconceptions.append(f"budget:{e.verdict}:{e.advice.target}")
    first = next((a for a in advices if a.priority == 1), None)
    top = budget.key.advice[0]
    if first is None:
        priority_ok, priority_message = False, (
            f"Ange vilket råd som är viktigast (prioritet 1). Facit börjar med {data.label(top.target).lower()}.")
    elif first.target == top.target:
        priority_ok, priority_message = True, f"Rätt prioritet: {data.label(top.target).lower()} först."
    else:
        priority_ok, priority_message = False, (
            f"Du satte {data.label(first.target).lower()} först. Facit börjar med "
            f"{data.label(top.target).lower()}: {top.reason}")
        misconceptions.append("budget:prioritet")
    hits = sum(1 for c in checks if c.hit)
    score = max(0, hits + (1 if priority_ok else 0) - len(wrong))
    return BudgetFeedback(result, tuple(checks), priority_ok, priority_message, wrong, score,
                          len(budget.key.advice) + 1, tuple(misconceptions))


def key_advice(budget: Budget) -> list[Advice]:
    """The key's advice as Advice, at the key's highest amounts, in priority order (self-tests)."""
    if budget.key is None:
        return []
    return [Advice(item.target, item.action, ore(item.at_most) if item.at_most is not None else None, i + 1)
            for i, item in enumerate(budget.key.advice)]


__all__ = ["ACTIONS", "DEBTS", "VERDICTS", "Advice", "AdviceEffect", "Analysis", "Budget", "BudgetData",
           "BudgetFeedback", "Comparison", "Flag", "MonthRow", "Outcome", "Projection", "analyse", "budget_by_id",
           "budget_files", "check_advice", "effect", "key_advice", "load_budget", "load_budget_data", "outcome",
           "parse_budget", "project", "read_advice", "reference_note", "sources"]
