"""Advice on a budget: reading what a trainee chose, and what each piece of advice does to the
monthly result and to the bistånd, with a verdict (good advice, granting twice what the norm
covers, advice that belongs elsewhere, …)."""

from __future__ import annotations

from dataclasses import dataclass

from ..case import Adjustment, History
from ..money import format_kr, ore, parse_kronor
from ..months import Month
from ..rules import Rules, load_rules
from .analysis import Analysis, analyse
from .data import DEBTS, NORM, BudgetData, load_budget_data
from .model import ACTIONS, Budget

VERDICTS = {
    "bra": "Bra råd",
    "dubbelt": "Beviljas två gånger",
    "redan_med": "Finns redan med",
    "annanstans": "Hör hemma någon annanstans",
    "inte_tillämplig": "Passar inte här",
    "ingen_effekt": "Ingen effekt",
}
WRONG = ("dubbelt", "redan_med", "annanstans", "inte_tillämplig")


@dataclass(frozen=True)
class Advice:
    """One piece of advice for a budget line: the action and, where it needs one, the new amount."""

    target: str  # an expense category or DEBTS
    action: str  # a key of ACTIONS
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
    verdict: str  # a key of VERDICTS
    message: str
    result_change: int  # öre a month
    assistance_change: int  # öre a month
    applied: bool  # whether the advice changes the budget when applied


@dataclass
class Change:
    amounts: dict[str, int]
    debts: int | None
    adjustments: list[Adjustment]
    housing_grace_until: Month | None
    grace_set: bool = False


def start_change(budget: Budget) -> Change:
    return Change({}, None, [], budget.history.housing_grace_until)


def current(budget: Budget, target: str) -> int:
    """A line's amount today in öre."""
    if target == DEBTS:
        return budget.debt_payments
    expense = budget.expense(target)
    return ore(expense.amount) if expense else 0


def classify(budget: Budget, advice: Advice, rules: Rules, data: BudgetData) -> tuple[str, str, bool]:
    """(verdict, message without the numbers, applied) for one piece of advice."""
    target, action = advice.target, advice.action
    label = data.label(target)
    covered = "skuld" if target == DEBTS else data.category(target).covered_by
    if action == "sänk":
        if target == DEBTS:
            return (
                "annanstans",
                "Avbetalningar kan inte bara sänkas: det kräver en uppgörelse med den man är "
                "skyldig. Hänvisa till kommunens budget- och skuldrådgivning.",
                False,
            )
        if advice.amount is None:
            return "ingen_effekt", f"Skriv det nya beloppet för {label.lower()}.", False
        if advice.amount >= current(budget, target):
            return "ingen_effekt", f"Det nya beloppet för {label.lower()} är inte lägre än i dag.", False
        if covered in NORM:
            return (
                "bra",
                f"{label} ingår i riksnormen. Normen är densamma hur mycket hushållet än lägger på det.",
                True,
            )
        if covered == "skälig_kostnad":
            return ("bra", f"{label} är en skälig kostnad utanför riksnormen. Biståndet följer kostnaden.", True)
        return "bra", f"{label} ingår inte i försörjningsstödet. Hushållet betalar det själv.", True
    if action == "bevilja":
        if covered in NORM:
            return (
                "dubbelt",
                f"{label} ingår redan i riksnormen. Bistånd för det igen vore att bevilja samma behov två gånger.",
                True,
            )
        if covered == "skälig_kostnad":
            return (
                "redan_med",
                f"{label} är redan med i beräkningen som skälig kostnad. Den ska inte läggas till en gång till.",
                False,
            )
        if covered == "skuld":
            return (
                "annanstans",
                "Skulder betalas inte med försörjningsstöd. Hänvisa till kommunens budget- och skuldrådgivning.",
                False,
            )
        if covered == "livsföring_i_övrigt":
            return (
                "annanstans",
                f"{label} prövas för sig, som bistånd till livsföring i övrigt, efter en egen "
                "ansökan. Det är inget budgetråd.",
                False,
            )
        return (
            "annanstans",
            f"{label} ingår inte i försörjningsstödet. Råd i stället hushållet att sänka kostnaden.",
            False,
        )
    if action == "skuldrådgivning":
        if target != DEBTS:
            return "inte_tillämplig", f"{label} är ingen skuld. Budget- och skuldrådgivningen gäller skulder.", False
        return (
            "bra",
            "Skulderna hör hemma hos kommunens budget- och skuldrådgivning. Den kan hjälpa till med en "
            "uppgörelse; tills dess ändras inte avbetalningarna.",
            advice.amount is not None,
        )
    if action == "rådrum":
        if target != "boende":
            return "inte_tillämplig", f"Rådrum gäller boendekostnaden, inte {label.lower()}.", False
        persons = len([p for p in budget.household if not p.part_time])
        cap = ore(rules.housing_cap(budget.month, persons))
        if current(budget, target) <= cap:
            return ("inte_tillämplig", f"Hyran ligger inom riktvärdet {format_kr(cap)}. Inget rådrum behövs.", False)
        if advice.amount is None:
            return (
                "bra",
                "Rådrum är rätt. Men utan en ny, lägre hyra är riktvärdet utgångspunkten när rådrummet "
                "är slut; godtas inte den högre hyran efter en ny bedömning får hushållet betala resten själv.",
                True,
            )
        if advice.amount > cap:
            return (
                "bra",
                f"Rådrum är rätt, men den nya hyran är fortfarande över riktvärdet {format_kr(cap)}. "
                "Efter rådrummet är riktvärdet utgångspunkten för en ny bedömning.",
                True,
            )
        return "bra", "Rådrum och en flytt till en hyra inom riktvärdet: biståndet sjunker med hyran.", True
    return "ingen_effekt", "Ingen ändring.", False


def apply_advice(budget: Budget, advice: Advice, change: Change, *, after_grace: bool = True) -> None:
    """Change the budget as the advice says (the state once the advice is carried out)."""
    if advice.action == "sänk" and advice.target != DEBTS and advice.amount is not None:
        change.amounts[advice.target] = advice.amount // 100
    elif advice.action == "bevilja":
        amount = current(budget, advice.target)
        change.adjustments.append(
            Adjustment(
                post=f"bistånd för {advice.target}",
                amount=amount // 100,
                reason="beviljat i budgetövningen utöver normen",
            )
        )
    elif advice.action == "skuldrådgivning" and advice.amount is not None:
        change.debts = advice.amount
    elif advice.action == "rådrum":
        if advice.amount is not None:
            change.amounts["boende"] = advice.amount // 100
        if after_grace:
            # the state after the rådrum: it ended the month before
            change.housing_grace_until = budget.month.plus(-1)
            change.grace_set = True


def analyse_change(budget: Budget, change: Change, rules: Rules) -> Analysis:
    history = budget.history
    if change.grace_set:
        history = History(
            months_in_row=history.months_in_row,
            jobbstimulans_from=history.jobbstimulans_from,
            housing_grace_until=change.housing_grace_until,
        )
    return analyse(
        budget,
        rules,
        amounts=change.amounts,
        debts=change.debts,
        adjustments=tuple(change.adjustments),
        history=history,
    )


def effect(budget: Budget, advice: Advice, rules: Rules | None = None, base: Analysis | None = None) -> AdviceEffect:
    """What one piece of advice does to the monthly result and to the bistånd, with a verdict."""
    rules = rules or load_rules(budget.municipality)
    data = load_budget_data(municipality=rules.municipality_slug)
    base = base or analyse(budget, rules)
    verdict, message, applied = classify(budget, advice, rules, data)
    if not applied:
        return AdviceEffect(advice, verdict, message, 0, 0, False)
    change = start_change(budget)
    apply_advice(budget, advice, change)
    after = analyse_change(budget, change, rules)
    d_result, d_assist = after.result - base.result, after.assistance - base.assistance
    numbers = []
    if d_assist:
        numbers.append(f"Biståndet {'ökar' if d_assist > 0 else 'minskar'} med {format_kr(abs(d_assist))} i månaden.")
    else:
        numbers.append("Biståndet ändras inte.")
    if d_result:
        numbers.append(
            f"Hushållet får {format_kr(abs(d_result))} {'mer' if d_result > 0 else 'mindre'} över varje månad."
        )
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
    change = start_change(budget)
    for item in effects:
        if item.applied:
            apply_advice(budget, item.advice, change)
    return Outcome(effects, before, analyse_change(budget, change, rules))
