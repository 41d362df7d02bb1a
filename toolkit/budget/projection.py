"""The budget month by month: the result and the bistånd without and with the advice."""

from __future__ import annotations

from dataclasses import dataclass

from ..case import History
from ..errors import MissingParameterError
from ..months import Month
from ..rules import Rules, load_rules
from .advice import Advice, Change, apply_advice, outcome, start_change
from .analysis import analyse
from .model import Budget


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
    stopped: str | None = None  # why the projection ends early (a missing rule value)


def month_change(budget: Budget, advices: list[Advice], k: int, grace_months: int) -> Change:
    """The budget in month k (0 = the budget month): advice takes effect from the next month;
    a rådrum runs from the budget month for the municipality's grace months, the new rent after it."""
    change = start_change(budget)
    for advice in advices:
        if advice.action == "rådrum":
            grace_until = budget.history.housing_grace_until or budget.month.plus(grace_months - 1)
            change.housing_grace_until = grace_until
            change.grace_set = True
            if advice.amount is not None and budget.month.plus(k) > grace_until:
                change.amounts["boende"] = advice.amount // 100
        elif k >= 1:
            apply_advice(budget, advice, change, after_grace=False)
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
            change = month_change(budget, chosen, k, grace_months)
            grace = change.housing_grace_until if change.grace_set else budget.history.housing_grace_until
            history = History(months_in_row=in_row, jobbstimulans_from=since, housing_grace_until=grace)
            try:
                shifted = budget.model_copy(update={"month": month})
                result = analyse(
                    shifted,
                    rules,
                    amounts=change.amounts,
                    debts=change.debts,
                    adjustments=tuple(change.adjustments),
                    history=history,
                )
            except MissingParameterError as error:
                stopped = f"Prognosen slutar före {month}: {error}"
                break
            status = result.assessment.jobbstimulans
            if status is not None and status.applies and status.start is not None:
                since = status.start
            in_row = in_row + 1 if result.assistance > 0 else 0
            series[name].append((result.result, result.assistance))
    count = min(len(series["before"]), len(series["after"]))
    rows = tuple(
        MonthRow(
            budget.month.plus(k),
            series["before"][k][0],
            series["after"][k][0],
            series["before"][k][1],
            series["after"][k][1],
        )
        for k in range(count)
    )
    return Projection(rows, stopped)
