"""Grading a trainee's budget advice against the key (facit)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..money import format_kr, ore
from ..rules import Rules, load_rules
from .advice import WRONG, Advice, AdviceEffect, Outcome, outcome
from .data import load_budget_data
from .model import ACTIONS, AdviceKey, Budget


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
            checks.append(
                KeyCheck(
                    item,
                    False,
                    f"{label}: rätt åtgärd, men beloppet behöver vara högst "
                    f"{format_kr(ore(item.at_most))}. {item.reason}",
                )
            )
            misconceptions.append(f"budget:belopp:{item.target}")
        else:
            checks.append(KeyCheck(item, True, f"{label}: rätt. {item.reason}"))
    wrong = tuple(e for e in result.effects if e.verdict in WRONG)
    for e in wrong:
        misconceptions.append(f"budget:{e.verdict}:{e.advice.target}")
    first = next((a for a in advices if a.priority == 1), None)
    top = budget.key.advice[0]
    if first is None:
        priority_ok, priority_message = (
            False,
            (f"Ange vilket råd som är viktigast (prioritet 1). Facit börjar med {data.label(top.target).lower()}."),
        )
    elif first.target == top.target:
        priority_ok, priority_message = True, f"Rätt prioritet: {data.label(top.target).lower()} först."
    else:
        priority_ok, priority_message = (
            False,
            (
                f"Du satte {data.label(first.target).lower()} först. Facit börjar med "
                f"{data.label(top.target).lower()}: {top.reason}"
            ),
        )
        misconceptions.append("budget:prioritet")
    hits = sum(1 for c in checks if c.hit)
    score = max(0, hits + (1 if priority_ok else 0) - len(wrong))
    return BudgetFeedback(
        result,
        tuple(checks),
        priority_ok,
        priority_message,
        wrong,
        score,
        len(budget.key.advice) + 1,
        tuple(misconceptions),
    )


def key_advice(budget: Budget) -> list[Advice]:
    """The key's advice as Advice, at the key's highest amounts, in priority order (self-tests)."""
    if budget.key is None:
        return []
    return [
        Advice(item.target, item.action, ore(item.at_most) if item.at_most is not None else None, i + 1)
        for i, item in enumerate(budget.key.advice)
    ]
