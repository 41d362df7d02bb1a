"""A case's teaching point as conditions on its assessment.

A case declares what it teaches (`lärandemål: {text, villkor}`); each villkor is a named
predicate below. The validator checks that the conditions hold for the case itself, and a
variant is rejected unless they still hold after its ages, amounts and month changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from ..assessment import Assessment, Line
from ..case import Case, Income
from ..housing import housing_size
from ..jobbstimulans import wording as jobbstimulans_wording
from ..money import ore
from ..months import Month
from ..rules import Rules, load_rules
from ..words import number_word

Wording = Callable[[Rules, Month], str]


@dataclass(frozen=True)
class Condition:
    wording: str | Wording  # Swedish, what must hold; from the rules where it names a value
    holds: Callable[[Case, Assessment, Rules], bool]

    def describe(self, rules: Rules, month: Month) -> str:
        """What must hold, with the rule values in force in the month."""
        return self.wording if isinstance(self.wording, str) else self.wording(rules, month)

    @property
    def text(self) -> str:
        """What must hold, with the rule values in force this month (for the list of conditions)."""
        return self.describe(load_rules(), Month.of(date.today()))


def _jobbstimulans_text(rules: Rules, month: Month) -> str:
    words = jobbstimulans_wording(rules, month)
    share = f"{words.percent_not_counted} % av lönen" if words else "en del av lönen"
    return f"jobbstimulansen gäller och {share} räknas inte"


def _child_limit(rules: Rules, month: Month) -> str:
    """'ett prisbasbelopp': the limit for children's earnings (barns_inkomster.yaml)."""
    rule = rules.child_earnings(month)
    if rule is None:
        return "gränsen för barns arbetsinkomster"
    return f"{number_word(rule.limit_in_prisbasbelopp, neuter=True)} prisbasbelopp"


def _school_band(rules: Rules, month: Month) -> str:
    """'19–20 år': the oldest age band of the riksnorm's children, for school youth."""
    return rules.child_bands[-1].label


def _school_youth(case: Case, result: Assessment, rules: Rules) -> bool:
    oldest = rules.child_bands[-1]
    return any(p.school_youth and p.age >= oldest.low for p in case.household)


def _income_lines(
    result: Assessment, case: Case, kind: str | None = None, role: str | None = None
) -> Iterator[tuple[Income, Line]]:
    for i, income in enumerate(case.incomes):
        if kind is not None and income.type != kind:
            continue
        if role is not None and (income.person is None or case.person(income.person).role != role):
            continue
        yield income, result.line(f"inkomst:{i + 1}")


def _child_wage_lines(case: Case, result: Assessment) -> list[Line]:
    return [line for income, line in _income_lines(result, case, "lön", "barn")]


def _housing(case: Case, result: Assessment, rules: Rules) -> Iterator[tuple[int, int, int]]:
    """(reported öre, counted öre, cap öre) for each housing cost in the case."""
    cap = ore(rules.housing_cap(case.month, housing_size(case, rules, case.month).persons))
    for i, cost in enumerate(case.costs):
        if rules.cost_types[cost.type].housing_cap:
            line = result.line(f"kostnad:{i + 1}")
            yield ore(cost.amount), line.amount, cap


def _jobbstimulans_applies(case: Case, result: Assessment, rules: Rules) -> bool:
    return (
        result.jobbstimulans is not None
        and result.jobbstimulans.applies
        and any(line.rule == "jobbstimulans" for line in result.lines)
    )


def _jobbstimulans_not(case: Case, result: Assessment, rules: Rules) -> bool:
    return result.jobbstimulans is not None and not result.jobbstimulans.applies


def _child_over(case: Case, result: Assessment, rules: Rules) -> bool:
    return any(line.rule == "barns_inkomster" and 0 < line.amount for line in _child_wage_lines(case, result))


def _child_under(case: Case, result: Assessment, rules: Rules) -> bool:
    lines = _child_wage_lines(case, result)
    return bool(lines) and all(line.rule == "barns_inkomster" and line.amount == 0 for line in lines)


def _child_full(case: Case, result: Assessment, rules: Rules) -> bool:
    lines = _child_wage_lines(case, result)
    return bool(lines) and any(
        line.rule != "barns_inkomster" and line.amount > 0 and line.reported is None for line in lines
    )


def _housing_above(case: Case, result: Assessment, rules: Rules) -> bool:
    return any(reported > cap for reported, _, cap in _housing(case, result, rules))


def _housing_accepted(case: Case, result: Assessment, rules: Rules) -> bool:
    return any(reported > cap and counted == reported for reported, counted, cap in _housing(case, result, rules))


def _housing_capped(case: Case, result: Assessment, rules: Rules) -> bool:
    return any(reported > cap and counted == cap for reported, counted, cap in _housing(case, result, rules))


def _housing_within(case: Case, result: Assessment, rules: Rules) -> bool:
    found = list(_housing(case, result, rules))
    return bool(found) and all(reported <= cap for reported, _, cap in found)


def _assets_counted(case: Case, result: Assessment, rules: Rules) -> bool:
    return any(line.key == "tillgångar" and line.amount > 0 for line in result.lines)


def _assets_under(case: Case, result: Assessment, rules: Rules) -> bool:
    lines = [line for line in result.lines if line.key == "tillgångar"]
    return bool(lines) and all(line.amount == 0 for line in lines)


def _gift_counted(case: Case, result: Assessment, rules: Rules) -> bool:
    return any(line.amount > 0 for _, line in _income_lines(result, case, "gåva"))


CONDITIONS: dict[str, Condition] = {
    "bifall": Condition("beslutet blir bifall", lambda c, r, _: r.decision == "bifall"),
    "avslag": Condition("beslutet blir avslag (inkomsterna täcker behovet)", lambda c, r, _: r.decision == "avslag"),
    "jobbstimulans_gäller": Condition(_jobbstimulans_text, _jobbstimulans_applies),
    "jobbstimulans_gäller_inte": Condition("jobbstimulansen gäller inte: hela lönen räknas", _jobbstimulans_not),
    "barns_lön_över_gränsen": Condition(
        lambda r, m: f"barnets lön går över {_child_limit(r, m)} för året: delen över gränsen räknas", _child_over
    ),
    "barns_lön_under_gränsen": Condition(
        lambda r, m: f"barnets lön ryms inom {_child_limit(r, m)} för året: ingenting räknas", _child_under
    ),
    "barns_lön_räknas_helt": Condition(
        "den unga personen omfattas inte av regeln om barns inkomster: hela lönen räknas", _child_full
    ),
    "boende_över_riktvärdet": Condition("boendekostnaden är högre än kommunens riktvärde", _housing_above),
    "boende_godtas_under_rådrum": Condition(
        "boendekostnaden är över riktvärdet men räknas fullt ut (rådrum)", _housing_accepted
    ),
    "boende_begränsas_till_riktvärdet": Condition(
        "rådrummet har gått ut och den högre kostnaden bedöms inte som skälig: riktvärdet räknas", _housing_capped
    ),
    "boende_inom_riktvärdet": Condition("boendekostnaden ryms inom kommunens riktvärde", _housing_within),
    "tillgångar_räknas": Condition("tillgångar över sparbufferten räknas som inkomst", _assets_counted),
    "tillgångar_under_bufferten": Condition("tillgångarna ryms i sparbufferten och räknas inte", _assets_under),
    "gåva_räknas": Condition("en gåva eller annan insättning räknas som inkomst", _gift_counted),
    "umgänge": Condition(
        "ett barn räknas efter antalet umgängesdagar", lambda c, r, _: any(line.rule == "umgänge" for line in r.lines)
    ),
    "hushållsgemenskap": Condition(
        "den sökande får sin andel av hushållets gemensamma kostnader",
        lambda c, r, _: any(line.rule == "hushållsgemenskap" for line in r.lines),
    ),
    "sambor": Condition(
        "samborna får ett gemensamt belopp", lambda c, r, _: any(line.key == "norm:sambor" for line in r.lines)
    ),
    "lunch_utanför_hemmet": Condition(
        "ett barn äter lunch i förskolan: det lägre beloppet",
        lambda c, r, _: any(p.lunch_outside_home for p in c.household),
    ),
    "skolungdom": Condition(
        lambda r, m: f"en ungdom {_school_band(r, m)} som går i skolan räknas som barn", _school_youth
    ),
    "justering": Condition("normen justeras av särskilda skäl", lambda c, r, _: bool(r.lines_in("justering"))),
}


def unknown(names: list[str]) -> list[str]:
    """The condition names that are not in the vocabulary."""
    return [name for name in names if name not in CONDITIONS]


def failing(case: Case, result: Assessment, rules: Rules, names: list[str]) -> list[str]:
    """The conditions (by name) that do not hold for this assessment."""
    return [name for name in names if name in CONDITIONS and not CONDITIONS[name].holds(case, result, rules)]
