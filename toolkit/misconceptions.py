"""The catalogue of misconceptions, and how each is recognised in a wrong answer.

The texts (name, explanation, skill, book section) are data in misconceptions.yaml. A
detector here computes, with the rules for the case's month, the amount(s) a trainee
would write if they held the misconception; a wrong answer equal to one of them names
it. No detector holds a figure: every alternative comes from the parameters.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Callable, Iterable

from pydantic import BaseModel, ConfigDict, Field

from .assessment import Assessment, Line, jobbstimulans_status
from .case import Case, Cost, Income, Person
from .errors import MissingParameterError
from .money import ore, round_kronor, round_ore
from .rules import AGE_BANDS, Rules
from .yamlfile import load_model

CATALOGUE = Path(__file__).resolve().parent / "misconceptions.yaml"
BOOK_BASE = "../chapters/"
# Benefits meant for the children: the ones trainees most often leave out.
CHILD_BENEFITS = frozenset({"barnbidrag", "flerbarnstillägg", "underhållsstöd", "underhållsbidrag"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class BookLink(_Strict):
    chapter: str = Field(alias="kapitel", pattern=r"^[a-z0-9-]+$")
    label: str = Field(alias="etikett", pattern=r"^sec-[a-z0-9-]+$")


class Misconception(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: str = Field(alias="namn", min_length=5)
    explanation: str = Field(alias="förklaring", min_length=20)
    skill: str = Field(alias="färdighet")
    book: BookLink = Field(alias="bok")

    def url(self, base: str = BOOK_BASE) -> str:
        """The book section that explains it, e.g. '../chapters/x.html#sec-sambor'."""
        return f"{base}{self.book.chapter}.html#{self.book.label}"


class _Catalogue(_Strict):
    name: str = Field(alias="namn")
    items: list[Misconception] = Field(alias="missuppfattningar", min_length=1)


@lru_cache(maxsize=4)
def catalogue(path: Path = CATALOGUE) -> dict[str, Misconception]:
    """Every misconception by id, in the file's order."""
    model, _ = load_model(_Catalogue, path, display=path.name)
    found: dict[str, Misconception] = {}
    for item in model.items:
        if item.id in found:
            raise ValueError(f"{path.name}: id '{item.id}' finns två gånger")
        found[item.id] = item
    return found


def get(misconception_id: str) -> Misconception:
    return catalogue()[misconception_id]


# -- the context a detector sees ----------------------------------------------------------------

@dataclass(frozen=True)
class LineContext:
    """One line of the right assessment, with the case and rules it came from."""

    case: Case
    rules: Rules
    assessment: Assessment
    line: Line

    @property
    def month(self):
        return self.case.month

    @property
    def kind(self) -> str:
        return self.line.key.split(":")[0]

    @property
    def ref(self) -> str | None:
        return self.line.key.split(":", 1)[1] if ":" in self.line.key else None

    def person(self) -> Person | None:
        """The person a norm line or an income/cost line is about."""
        if self.kind == "norm" and self.ref not in ("sambor", "summa"):
            return self.case.person(self.ref)
        item = self.item()
        if item is not None and item.person:
            return self.case.person(item.person)
        return None

    def item(self) -> Income | Cost | None:
        if self.kind == "inkomst":
            return self.case.incomes[int(self.ref) - 1]
        if self.kind == "kostnad":
            return self.case.costs[int(self.ref) - 1]
        return None

    def full_time(self) -> int:
        return len(self.case.full_time)

    def part_time_children(self) -> list[Person]:
        return [p for p in self.case.household if p.part_time]


Detector = Callable[[LineContext], Iterable[int]]
DETECTORS: dict[str, Detector] = {}


def detector(misconception_id: str) -> Callable[[Detector], Detector]:
    def register(function: Detector) -> Detector:
        DETECTORS[misconception_id] = function
        return function
    return register


def _employment(ctx: LineContext) -> bool:
    item = ctx.item()
    return isinstance(item, Income) and ctx.rules.income_types[item.type].from_employment


def _percent_counted(ctx: LineContext, amount: int) -> int:
    """What is counted of a wage under jobbstimulans (75 % with today's parameters)."""
    params = ctx.rules.jobbstimulans(ctx.month)
    if params is None:
        return amount
    return amount - round_ore(Fraction(amount * params.percent_not_counted, 100))


def _child_norm(ctx: LineContext, age: int, lunch: bool) -> int | None:
    try:
        return ore(ctx.rules.child_amount(ctx.month, age, lunch)[0])
    except (ValueError, MissingParameterError):
        return None


# -- riksnorm --------------------------------------------------------------------------------------

@detector("sambo-per-person")
def _sambo_per_person(ctx: LineContext) -> Iterable[int]:
    if ctx.line.key == "norm:sambor":
        yield 2 * ore(ctx.rules.adult_amount(ctx.month, couple=True))


@detector("sambor-som-ensamstaende")
def _sambor_single(ctx: LineContext) -> Iterable[int]:
    if ctx.line.key == "norm:sambor":
        yield 2 * ore(ctx.rules.adult_amount(ctx.month, couple=False))


def _full_time_child(ctx: LineContext) -> Person | None:
    person = ctx.person() if ctx.kind == "norm" else None
    if person is not None and person.role == "barn" and not person.part_time:
        return person
    return None


@detector("lunch-fullt-belopp")
def _lunch_full(ctx: LineContext) -> Iterable[int]:
    child = _full_time_child(ctx)
    if child is not None and child.lunch_outside_home:
        amount = _child_norm(ctx, child.age, False)
        if amount is not None:
            yield amount


@detector("lunch-avdrag-utan-skal")
def _lunch_without_reason(ctx: LineContext) -> Iterable[int]:
    child = _full_time_child(ctx)
    if child is not None and not child.lunch_outside_home and child.age <= 6:
        amount = _child_norm(ctx, child.age, True)
        if amount is not None:
            yield amount


@detector("fel-aldersgrupp")
def _wrong_band(ctx: LineContext) -> Iterable[int]:
    child = _full_time_child(ctx)
    if child is None:
        return
    index = next(i for i, (low, high, _) in enumerate(AGE_BANDS) if low <= child.age <= high)
    for neighbour in (index - 1, index + 1):
        if 0 <= neighbour < len(AGE_BANDS):
            age = AGE_BANDS[neighbour][0]
            amount = _child_norm(ctx, age, child.lunch_outside_home and age <= 6)
            if amount is not None:
                yield amount


@detector("ung-vuxen-som-barn")
def _young_adult_as_child(ctx: LineContext) -> Iterable[int]:
    person = ctx.person() if ctx.kind == "norm" else None
    if person is not None and person.role == "sökande" and 18 <= person.age <= 20 and ctx.case.co_applicant is None:
        amount = _child_norm(ctx, person.age, False)
        if amount is not None:
            yield amount


@detector("skolungdom-som-vuxen")
def _school_youth_as_adult(ctx: LineContext) -> Iterable[int]:
    child = _full_time_child(ctx)
    if child is not None and child.school_youth:
        yield ore(ctx.rules.adult_amount(ctx.month, couple=False))


# -- household common costs ------------------------------------------------------------------------

@detector("hushall-ej-delat")
def _household_not_shared(ctx: LineContext) -> Iterable[int]:
    shared = ctx.case.shared_home
    if ctx.line.key == "hushåll" and shared is not None:
        yield ore(ctx.rules.household_cost(ctx.month, shared.persons_in_home))
        yield ore(ctx.rules.household_cost(ctx.month, ctx.full_time()))


@detector("attonde-personen-glomd")
def _eighth_forgotten(ctx: LineContext) -> Iterable[int]:
    persons = ctx.full_time()
    if ctx.line.key == "hushåll" and ctx.case.shared_home is None and persons > 7:
        yield ore(ctx.rules.household_cost(ctx.month, 7))
        yield ore(ctx.rules.household_cost(ctx.month, persons - 1))


@detector("umgangsbarn-i-hushallet")
def _visiting_child_counted(ctx: LineContext) -> Iterable[int]:
    visiting = len(ctx.part_time_children())
    settings = ctx.rules.municipal(ctx.month)
    if ctx.line.key == "hushåll" and ctx.case.shared_home is None and visiting and not settings.umgange.household_costs:
        yield ore(ctx.rules.household_cost(ctx.month, ctx.full_time() + visiting))


@detector("hushall-fel-antal")
def _household_wrong_size(ctx: LineContext) -> Iterable[int]:
    persons = ctx.full_time()
    visiting = len(ctx.part_time_children())  # counting them is its own misconception
    if ctx.line.key == "hushåll" and ctx.case.shared_home is None and persons <= 7:
        for other in range(max(1, persons - 2), persons + 3):
            if other != persons and not (visiting and other == persons + visiting):
                yield ore(ctx.rules.household_cost(ctx.month, other))


@detector("umgangsbarn-fullt-belopp")
def _visiting_child_full(ctx: LineContext) -> Iterable[int]:
    person = ctx.person() if ctx.kind == "norm" else None
    if person is not None and person.part_time and ctx.line.reported is not None:
        yield ctx.line.reported


# -- incomes ---------------------------------------------------------------------------------------

@detector("barnbidrag-ej-raknat")
def _child_benefit_left_out(ctx: LineContext) -> Iterable[int]:
    item = ctx.item()
    if ctx.kind == "inkomst" and item.type in CHILD_BENEFITS and ctx.line.amount > 0:
        yield 0


@detector("inkomst-ej-raknad")
def _income_left_out(ctx: LineContext) -> Iterable[int]:
    item = ctx.item()
    person = ctx.person()
    childs_wage = person is not None and person.role == "barn" and _employment(ctx)
    if ctx.kind == "inkomst" and item.type not in CHILD_BENEFITS and ctx.line.amount > 0 and not childs_wage:
        yield 0


@detector("barns-lon-raknad")
def _child_wage_counted(ctx: LineContext) -> Iterable[int]:
    if ctx.kind == "inkomst" and ctx.line.rule == "barns_inkomster":
        yield ore(ctx.item().amount)


def _child_limit_left(ctx: LineContext, earlier: int) -> int | None:
    rule = ctx.rules.child_earnings(ctx.month)
    if rule is None:
        return None
    limit = ore(ctx.rules.prisbasbelopp(ctx.month.year) * rule.limit_in_prisbasbelopp)
    return max(0, limit - earlier)


@detector("barns-lon-tidigare-i-ar")
def _child_wage_earlier_forgotten(ctx: LineContext) -> Iterable[int]:
    item = ctx.item()
    if ctx.kind == "inkomst" and ctx.line.rule == "barns_inkomster" and item.earlier_this_year:
        left = _child_limit_left(ctx, 0)
        if left is not None:
            yield max(0, ore(item.amount) - left)


@detector("barns-lon-undantagen-for-vuxen")
def _child_exemption_for_adult(ctx: LineContext) -> Iterable[int]:
    person = ctx.person()
    item = ctx.item()
    if ctx.kind == "inkomst" and _employment(ctx) and person is not None and person.role == "barn" \
            and ctx.line.rule != "barns_inkomster":
        left = _child_limit_left(ctx, ore(item.earlier_this_year or 0))
        if left is not None:
            yield max(0, ore(item.amount) - left)


def _adult_wage(ctx: LineContext) -> bool:
    person = ctx.person()
    return ctx.kind == "inkomst" and _employment(ctx) and person is not None and person.adult


def _not_yet_qualified(ctx: LineContext) -> bool:
    """Fewer months in a row than the rule needs, and no earlier period with jobbstimulans."""
    params = ctx.rules.jobbstimulans(ctx.month)
    history = ctx.case.history
    return params is not None and history.jobbstimulans_from is None and history.months_in_row < params.qualifying_months


@detector("jobbstimulans-for-tidigt")
def _jobbstimulans_too_early(ctx: LineContext) -> Iterable[int]:
    if _adult_wage(ctx) and ctx.line.rule != "jobbstimulans" and _not_yet_qualified(ctx):
        yield _percent_counted(ctx, ore(ctx.item().amount))


@detector("jobbstimulans-efter-tva-ar")
def _jobbstimulans_expired(ctx: LineContext) -> Iterable[int]:
    if _adult_wage(ctx) and ctx.line.rule != "jobbstimulans" and not _not_yet_qualified(ctx) \
            and ctx.rules.jobbstimulans(ctx.month) is not None and not jobbstimulans_status(ctx.case, ctx.rules).applies:
        yield _percent_counted(ctx, ore(ctx.item().amount))


@detector("jobbstimulans-pa-ersattning")
def _jobbstimulans_on_benefit(ctx: LineContext) -> Iterable[int]:
    item = ctx.item()
    if ctx.kind == "inkomst" and not _employment(ctx) and item.type not in CHILD_BENEFITS and ctx.line.amount > 0:
        yield _percent_counted(ctx, ore(item.amount))


@detector("jobbstimulans-glomd")
def _jobbstimulans_forgotten(ctx: LineContext) -> Iterable[int]:
    if ctx.kind == "inkomst" and ctx.line.rule == "jobbstimulans":
        yield ore(ctx.item().amount)


@detector("tillgangar-ej-raknade")
def _assets_left_out(ctx: LineContext) -> Iterable[int]:
    if ctx.line.key == "tillgångar" and ctx.line.amount > 0:
        yield 0


@detector("tillgangar-utan-buffert")
def _assets_without_buffer(ctx: LineContext) -> Iterable[int]:
    if ctx.line.key == "tillgångar" and ctx.line.reported is not None:
        yield ctx.line.reported


# -- housing ---------------------------------------------------------------------------------------

def _housing(ctx: LineContext) -> bool:
    item = ctx.item()
    return ctx.kind == "kostnad" and ctx.rules.cost_types[item.type].housing_cap


@detector("boende-over-riktvarde-utan-radrum")
def _housing_over_cap_accepted(ctx: LineContext) -> Iterable[int]:
    if _housing(ctx) and ctx.line.reported is not None:
        yield ctx.line.reported


@detector("boende-begransat-utan-radrum")
def _housing_capped_too_soon(ctx: LineContext) -> Iterable[int]:
    if _housing(ctx) and ctx.line.reported is None:
        cap = ore(ctx.rules.housing_cap(ctx.month, ctx.full_time()))
        if ctx.line.amount > cap:
            yield cap


# -- matching --------------------------------------------------------------------------------------

def same_amount(given: int, expected: int) -> bool:
    """Equal to the öre, or equal to the expected amount rounded to whole kronor (half up)."""
    return given == expected or (expected % 100 != 0 and given == round_kronor(expected, "närmaste_krona"))


def alternatives(ctx: LineContext) -> dict[str, set[int]]:
    """For each misconception that can touch this line, the amounts it would give."""
    found: dict[str, set[int]] = {}
    for misconception_id in catalogue():
        function = DETECTORS.get(misconception_id)
        if function is None:
            continue
        amounts = {a for a in function(ctx) if not same_amount(a, ctx.line.amount) and a != ctx.line.amount}
        if amounts:
            found[misconception_id] = amounts
    return found


def detect(ctx: LineContext, given: int) -> list[Misconception]:
    """The misconceptions that explain a wrong amount on this line (catalogue order)."""
    if same_amount(given, ctx.line.amount):
        return []
    return [get(mid) for mid, amounts in alternatives(ctx).items()
            if any(same_amount(given, amount) for amount in amounts)]


def line_contexts(case: Case, rules: Rules, assessment: Assessment) -> dict[str, LineContext]:
    return {line.key: LineContext(case, rules, assessment, line) for line in assessment.lines}


__all__ = ["BookLink", "DETECTORS", "LineContext", "Misconception", "alternatives", "catalogue", "detect", "get",
           "line_contexts", "same_amount"]
