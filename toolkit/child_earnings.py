"""Children's and school youths' own earnings: the part within one prisbasbelopp per calendar
year is not counted. The limit is the child's, over all of that child's income lines together
(two jobs share one limit); each line says what the child earned earlier this calendar year in
that job (`tidigare_i_år`). Who is a child is checked with the case (under 18, or a school youth
until 21); the limit is read from barns_inkomster.yaml and prisbasbelopp.yaml.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .case import Case, Income
from .money import format_kr, ore
from .rules import Rules


@dataclass(frozen=True)
class ChildWage:
    """One income line of a child's own work, with the share of the child's limit it used."""

    person: str
    counted: int  # öre
    limit: int  # öre: the yearly limit
    earlier: int  # öre: the child's earnings earlier this year, all lines together
    left: int  # öre: what was left of the limit before this line
    lines: int  # how many wage lines the child has this month

    def explanation(self) -> str:
        jobs = f" (för barnets {self.lines} arbeten tillsammans)" if self.lines > 1 else ""
        return (
            f"ett prisbasbelopp ({format_kr(self.limit)}) per kalenderår räknas inte{jobs}; tidigare i år "
            f"{format_kr(self.earlier)}, kvar av gränsen före den här lönen {format_kr(self.left)}"
        )


def _is_child_wage(case: Case, rules: Rules, income: Income) -> bool:
    if not rules.income_types[income.type].from_employment or income.person is None:
        return False
    return case.person(income.person).role == "barn"


def child_wages(case: Case, rules: Rules, *, forget_earlier: bool = False) -> dict[int, ChildWage]:
    """Every child's wage line by its index in the case, with what counts of it; empty before
    the rule existed. forget_earlier: as if nothing was earned earlier this year (what a trainee
    who forgets it computes). A missing prisbasbelopp raises MissingParameterError; a missing
    `tidigare_i_år` after January raises MissingCaseValueError naming the field.
    12 kap. 9 § socialtjänstlagen (2025:400); before 2025-07-01 4 kap. 1 a § socialtjänstlagen (2001:453).
    """
    rule = rules.child_earnings(case.month)
    indexes = [i for i, income in enumerate(case.incomes) if _is_child_wage(case, rules, income)]
    if rule is None or not indexes:
        return {}
    limit = ore(rules.prisbasbelopp(case.month.year) * rule.limit_in_prisbasbelopp)
    by_child: dict[str, list[int]] = defaultdict(list)
    for i in indexes:
        income = case.incomes[i]
        assert income.person is not None
        if income.earlier_this_year is None and case.month.month > 1 and not forget_earlier:
            raise case.missing(
                ("inkomster", i, "tidigare_i_år"),
                f"tidigare_i_år för {income.person}s lön",
                "Gränsen på ett prisbasbelopp gäller per kalenderår: skriv vad barnet har tjänat tidigare i "
                "år på det här arbetet (0 om inget).",
            )
        by_child[income.person].append(i)
    out: dict[int, ChildWage] = {}
    for person, lines in by_child.items():
        earlier = 0 if forget_earlier else sum(ore(case.incomes[i].earlier_this_year or 0) for i in lines)
        left = max(0, limit - earlier)
        for i in lines:
            reported = ore(case.incomes[i].amount)
            exempt = min(reported, left)
            out[i] = ChildWage(person, reported - exempt, limit, earlier, left, len(lines))
            left -= exempt
    return out


__all__ = ["ChildWage", "child_wages"]
