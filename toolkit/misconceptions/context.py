"""The context a detector sees: one line of the right assessment, with its case and rules."""

from __future__ import annotations

from dataclasses import dataclass

from ..assessment import Assessment, Line
from ..case import Case, Cost, Income, Person
from ..months import Month
from ..rules import Rules


@dataclass(frozen=True)
class LineContext:
    """One line of the right assessment, with the case and rules it came from."""

    case: Case
    rules: Rules
    assessment: Assessment
    line: Line

    @property
    def month(self) -> Month:
        return self.case.month

    @property
    def kind(self) -> str:
        return self.line.key.split(":")[0]

    @property
    def ref(self) -> str | None:
        return self.line.key.split(":", 1)[1] if ":" in self.line.key else None

    def person(self) -> Person | None:
        """The person a norm line or an income/cost line is about."""
        if self.kind == "norm" and self.ref is not None and self.ref not in ("sambor", "summa"):
            return self.case.person(self.ref)
        item = self.item()
        if item is not None and item.person:
            return self.case.person(item.person)
        return None

    def item(self) -> Income | Cost | None:
        """The case's income or cost behind an income or cost line."""
        return self.income() or self.cost()

    def income(self) -> Income | None:
        """The case's income behind an income line ('inkomst:2' is the second income)."""
        if self.kind == "inkomst" and self.ref is not None:
            return self.case.incomes[int(self.ref) - 1]
        return None

    def cost(self) -> Cost | None:
        """The case's cost behind a cost line."""
        if self.kind == "kostnad" and self.ref is not None:
            return self.case.costs[int(self.ref) - 1]
        return None

    def full_time(self) -> int:
        return len(self.case.full_time)

    def part_time_children(self) -> list[Person]:
        return [p for p in self.case.household if p.part_time]


def line_contexts(case: Case, rules: Rules, assessment: Assessment) -> dict[str, LineContext]:
    """Every line of the assessment with its context, by line key."""
    return {line.key: LineContext(case, rules, assessment, line) for line in assessment.lines}
