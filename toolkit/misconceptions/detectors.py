"""How each misconception is recognised: a detector computes, with the rules for the case's
month, the amount(s) a trainee would write if they held the misconception. No detector holds
a figure: every alternative, band and household size comes from the parameters."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction

from ..case import Income, Person
from ..child_earnings import child_wages
from ..errors import MissingParameterError
from ..housing import housing_size
from ..jobbstimulans import jobbstimulans_status
from ..money import ore, round_ore
from .context import LineContext

Detector = Callable[[LineContext], Iterable[int]]
DETECTORS: dict[str, Detector] = {}


def detector(misconception_id: str) -> Callable[[Detector], Detector]:
    def register(function: Detector) -> Detector:
        DETECTORS[misconception_id] = function
        return function

    return register


def _employment(ctx: LineContext) -> bool:
    item = ctx.income()
    return item is not None and ctx.rules.income_types[item.type].from_employment


def _lunch_age(ctx: LineContext, age: int) -> bool:
    """Whether the riksnorm has a lower amount for lunch outside the home at this age."""
    return any(band.covers(age) for band in ctx.rules.lunch_bands)


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
    if child is not None and not child.lunch_outside_home and _lunch_age(ctx, child.age):
        amount = _child_norm(ctx, child.age, True)
        if amount is not None:
            yield amount


@detector("fel-aldersgrupp")
def _wrong_band(ctx: LineContext) -> Iterable[int]:
    child = _full_time_child(ctx)
    if child is None:
        return
    bands = ctx.rules.child_bands
    index = next(i for i, band in enumerate(bands) if band.covers(child.age))
    for neighbour in (index - 1, index + 1):
        if 0 <= neighbour < len(bands):
            age = bands[neighbour].low
            amount = _child_norm(ctx, age, child.lunch_outside_home and _lunch_age(ctx, age))
            if amount is not None:
                yield amount


@detector("ung-vuxen-som-barn")
def _young_adult_as_child(ctx: LineContext) -> Iterable[int]:
    person = ctx.person() if ctx.kind == "norm" else None
    # An applicant is an adult; one young enough for the children's bands of the riksnorm.
    youngest_adult_band = ctx.rules.child_bands[-1].high if ctx.rules.child_bands else -1
    if (
        person is not None
        and person.role == "sökande"
        and person.age <= youngest_adult_band
        and ctx.case.co_applicant is None
    ):
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
    if ctx.line.key == "hushåll" and ctx.case.shared_home is None and persons > ctx.rules.household_rows(ctx.month):
        yield ore(ctx.rules.household_cost(ctx.month, ctx.rules.household_rows(ctx.month)))
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
    if ctx.line.key == "hushåll" and ctx.case.shared_home is None and persons <= ctx.rules.household_rows(ctx.month):
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
    item = ctx.income()
    if item is not None and item.type in ctx.rules.child_benefit_types() and ctx.line.amount > 0:
        yield 0


@detector("inkomst-ej-raknad")
def _income_left_out(ctx: LineContext) -> Iterable[int]:
    item = ctx.income()
    person = ctx.person()
    childs_wage = person is not None and person.role == "barn" and _employment(ctx)
    if (
        item is not None
        and item.type not in ctx.rules.child_benefit_types()
        and ctx.line.amount > 0
        and not childs_wage
    ):
        yield 0


@detector("barns-lon-raknad")
def _child_wage_counted(ctx: LineContext) -> Iterable[int]:
    item = ctx.income()
    if item is not None and ctx.line.rule == "barns_inkomster":
        yield ore(item.amount)


@detector("barns-lon-tidigare-i-ar")
def _child_wage_earlier_forgotten(ctx: LineContext) -> Iterable[int]:
    item = ctx.income()
    if item is not None and ctx.line.rule == "barns_inkomster" and ctx.ref is not None:
        index = int(ctx.ref) - 1
        right = child_wages(ctx.case, ctx.rules).get(index)
        if right is not None and right.earlier > 0:
            yield child_wages(ctx.case, ctx.rules, forget_earlier=True)[index].counted


@detector("barns-lon-undantagen-for-vuxen")
def _child_exemption_for_adult(ctx: LineContext) -> Iterable[int]:
    """A young adult's wage (one who has left school is no longer a child) exempted up to the limit."""
    person = ctx.person()
    item = ctx.income()
    rule = ctx.rules.child_earnings(ctx.month)
    if item is None or rule is None or person is None or not person.adult or not _employment(ctx):
        return
    if person.age <= ctx.rules.school_youth_ages()[1]:
        try:
            limit = ore(ctx.rules.prisbasbelopp(ctx.month.year) * rule.limit_in_prisbasbelopp)
        except MissingParameterError:
            return
        yield max(0, ore(item.amount) - limit)


def _adult_wage(ctx: LineContext) -> Income | None:
    """The income behind the line when it is an adult's wage."""
    person = ctx.person()
    item = ctx.income()
    return item if item is not None and _employment(ctx) and person is not None and person.adult else None


def _not_yet_qualified(ctx: LineContext) -> bool:
    """Fewer months in a row than the rule needs, and no earlier period with jobbstimulans."""
    params = ctx.rules.jobbstimulans(ctx.month)
    history = ctx.case.history
    return (
        params is not None and history.jobbstimulans_from is None and history.months_in_row < params.qualifying_months
    )


@detector("jobbstimulans-for-tidigt")
def _jobbstimulans_too_early(ctx: LineContext) -> Iterable[int]:
    wage = _adult_wage(ctx)
    if wage is not None and ctx.line.rule != "jobbstimulans" and _not_yet_qualified(ctx):
        yield _percent_counted(ctx, ore(wage.amount))


@detector("jobbstimulans-efter-tva-ar")
def _jobbstimulans_expired(ctx: LineContext) -> Iterable[int]:
    wage = _adult_wage(ctx)
    if (
        wage is not None
        and ctx.line.rule != "jobbstimulans"
        and not _not_yet_qualified(ctx)
        and ctx.rules.jobbstimulans(ctx.month) is not None
        and not jobbstimulans_status(ctx.case, ctx.rules).applies
    ):
        yield _percent_counted(ctx, ore(wage.amount))


@detector("jobbstimulans-pa-ersattning")
def _jobbstimulans_on_benefit(ctx: LineContext) -> Iterable[int]:
    item = ctx.income()
    if (
        item is not None
        and not _employment(ctx)
        and item.type not in ctx.rules.child_benefit_types()
        and ctx.line.amount > 0
    ):
        yield _percent_counted(ctx, ore(item.amount))


@detector("jobbstimulans-glomd")
def _jobbstimulans_forgotten(ctx: LineContext) -> Iterable[int]:
    item = ctx.income()
    if item is not None and ctx.line.rule == "jobbstimulans":
        yield ore(item.amount)


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
    item = ctx.cost()
    return item is not None and ctx.rules.cost_types[item.type].housing_cap


def _accepted(ctx: LineContext) -> bool:
    item = ctx.cost()
    return item is not None and item.accepted_higher is not None


def _cap(ctx: LineContext) -> int:
    return ore(ctx.rules.housing_cap(ctx.month, housing_size(ctx.case, ctx.rules, ctx.month).persons))


@detector("boende-over-riktvarde-utan-radrum")
def _housing_over_cap_accepted(ctx: LineContext) -> Iterable[int]:
    if _housing(ctx) and ctx.line.reported is not None and not _accepted(ctx):
        yield ctx.line.reported


@detector("boende-begransat-utan-radrum")
def _housing_capped_too_soon(ctx: LineContext) -> Iterable[int]:
    if _housing(ctx) and ctx.line.reported is None and not _accepted(ctx):
        cap = _cap(ctx)
        if ctx.line.amount > cap:
            yield cap


@detector("boende-riktvarde-som-tak")
def _housing_cap_as_ceiling(ctx: LineContext) -> Iterable[int]:
    """The nämnd accepted a higher cost after an individual assessment; the riktvärde was used anyway."""
    if _housing(ctx) and _accepted(ctx):
        cap = _cap(ctx)
        if ctx.line.amount > cap:
            yield cap
