"""Grading a control answer: the marked discrepancies, the actions, and the amount paid in
error per month and in total, with the misconceptions that explain a wrong amount."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from ..assessment import assess
from ..feedback import MIN_MOTIVATION, Graded, Verdict
from ..misconceptions import Misconception, get, same_amount
from ..money import format_kr, parse_kronor
from ..months import Month
from ..rules import Rules, load_rules
from ..schemas.control import NO_ACTION
from .analysis import (
    MonthResult,
    change_warnings,
    declared_amount,
    discrepancies,
    paid_in_error,
    row_label,
    with_register,
)
from .model import Control

TOTAL = "fel:summa"
ACTIONS = "åtgärder"
MOTIVATION = "motivering"


# -- misconceptions in a control answer (each from the rules, never a typed figure) --------------------

ControlDetector = Callable[["ControlContext"], dict[str, int]]
DETECTORS: dict[str, ControlDetector] = {}


@dataclass
class ControlContext:
    control: Control
    rules: Rules
    results: list[MonthResult]


def control_detector(misconception_id: str) -> Callable[[ControlDetector], ControlDetector]:
    def register(function: ControlDetector) -> ControlDetector:
        DETECTORS[misconception_id] = function
        return function

    return register


def _totalled(per_month: dict[str, int]) -> dict[str, int]:
    """Alternatives per answer field: each month's field and the total."""
    return {**{month_field(m): v for m, v in per_month.items()}, TOTAL: sum(per_month.values())}


@control_detector("kontroll-brutto-som-netto")
def _gross_as_net(ctx: ControlContext) -> dict[str, int]:
    # The rows the trainee recomputes: wages that differ from the application in some month.
    rows = frozenset(d.row for d in discrepancies(ctx.control) if ctx.control.rows[d.row].gross)
    if not rows:
        return {}
    results = paid_in_error(ctx.control, ctx.rules, gross=rows)
    return _totalled({r.month: r.error for r in results})


@control_detector("kontroll-hela-inkomsten-som-fel")
def _whole_income(ctx: ControlContext) -> dict[str, int]:
    per_month = {}
    for month in ctx.control.month_list():
        extra = 0
        for row in ctx.control.rows:
            if row.benefit is not None:
                extra += max(0, (row.net(month) or 0) - declared_amount(ctx.control, month, row.benefit, row.person))
        per_month[month] = extra
    return _totalled(per_month)


@control_detector("kontroll-fel-manader")
def _wrong_months(ctx: ControlContext) -> dict[str, int]:
    first = next((r for r in ctx.results if r.error), None)
    if first is None:
        return {}
    spread = {}
    for i, result in enumerate(ctx.results):
        assumed = assess(ctx.control.case(i, with_register(ctx.control, i, from_month=first.month)), ctx.rules)
        spread[result.month] = max(0, result.paid.amount - assumed.amount)
    return _totalled(spread)


# -- the trainee's answer and the feedback --------------------------------------------------------------


@dataclass
class ControlAnswer:
    """What the trainee marked, chose and typed, kept as typed."""

    marked: set[tuple[int, str]] = field(default_factory=set)  # (register row, month)
    actions: set[str] = field(default_factory=set)
    per_month: dict[str, str] = field(default_factory=dict)
    total: str = ""
    motivation: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["marked"] = sorted([row, month] for row, month in self.marked)
        data["actions"] = sorted(self.actions)
        return data


@dataclass(frozen=True)
class ControlFeedback(Graded):
    errors: dict[str, str]
    verdicts: tuple[Verdict, ...] = ()
    warnings: tuple[str, ...] = ()
    model_motivation: str = ""


def month_field(month: str) -> str:
    return f"fel:{month}"


def row_field(index: int) -> str:
    return f"rad:{index}"


def _problem(error: ValueError) -> str:
    text = str(error)
    return text[:1].upper() + text[1:] + "."


def read_control_answer(
    control: Control, answer: ControlAnswer, rules: Rules | None = None
) -> tuple[dict[str, int], dict[str, str]]:
    """The typed amounts in öre per answer field, and a Swedish message per field that cannot be read."""
    rules = rules or load_rules(control.municipality)
    values: dict[str, int] = {}
    errors: dict[str, str] = {}
    for month in control.month_list():
        try:
            values[month_field(month)] = parse_kronor(answer.per_month.get(month, ""))
        except ValueError as error:
            errors[month_field(month)] = _problem(error)
    try:
        values[TOTAL] = parse_kronor(answer.total)
    except ValueError as error:
        errors[TOTAL] = _problem(error)
    known = {a.id for a in rules.control_actions}
    if not answer.actions:
        errors[ACTIONS] = "Välj minst en åtgärd (eller ”Ingen åtgärd”)."
    elif NO_ACTION in answer.actions and len(answer.actions) > 1:
        errors[ACTIONS] = "”Ingen åtgärd” kan inte väljas tillsammans med en annan åtgärd."
    elif not answer.actions <= known:
        errors[ACTIONS] = "Okänd åtgärd: välj bland alternativen."
    if len(answer.motivation.strip()) < MIN_MOTIVATION:
        errors[MOTIVATION] = "Skriv en kort motivering: vad avviker och varför du väljer åtgärderna."
    return values, errors


def compare_control(
    control: Control, answer: ControlAnswer, rules: Rules | None = None, results: list[MonthResult] | None = None
) -> ControlFeedback:
    """Grade a control answer: the marked discrepancies per register row, the actions, the
    amount paid in error per month and in total; misconceptions named from the rules."""
    rules = rules or load_rules(control.municipality)
    values, errors = read_control_answer(control, answer, rules)
    if errors:
        return ControlFeedback(errors=errors)
    results = results if results is not None else paid_in_error(control, rules)
    months = control.month_list()
    found = discrepancies(control)
    verdicts: list[Verdict] = []
    for index, row in enumerate(control.rows):
        expected = {d.month for d in found if d.row == index}
        marked = {month for (r, month) in answer.marked if r == index and month in months}
        label = row_label(control, row, rules)
        correct = marked == expected
        if expected:
            where = ", ".join(sorted(expected))
            details = "; ".join(
                f"{d.month}: ansökan {d.declared}, registret {d.register}" for d in found if d.row == index
            )
            message = (
                f"Rätt: avviker {where}."
                if correct
                else f"Fel: registret avviker från ansökan {where}; du markerade "
                f"{', '.join(sorted(marked)) or 'ingen månad'}."
            )
            explanation = details
        else:
            message = (
                "Rätt: stämmer med ansökan."
                if correct
                else f"Fel: registret stämmer med ansökan, men du markerade {', '.join(sorted(marked))}."
            )
            explanation = ""
        verdicts.append(Verdict(row_field(index), label, correct, None, 0, message, "", explanation))
    verdicts.append(_actions_verdict(control, answer.actions, Month.parse(months[-1]), rules))
    ctx = ControlContext(control, rules, results)
    alternatives = {mid: function(ctx) for mid, function in DETECTORS.items()}
    for result in results:
        key = month_field(result.month)
        verdicts.append(
            _amount_verdict(
                key,
                f"Felaktigt utbetalt {result.month}",
                values[key],
                result.error,
                _month_explanation(result),
                alternatives,
            )
        )
    total = sum(r.error for r in results)
    verdicts.append(
        _amount_verdict(
            TOTAL,
            "Felaktigt utbetalt, summa",
            values[TOTAL],
            total,
            " + ".join(format_kr(r.error) for r in results) + f" = {format_kr(total)}",
            alternatives,
        )
    )
    labels = {i: row_label(control, row, rules) for i, row in enumerate(control.rows)}
    limit = rules.change_warning(Month.parse(months[-1])).percent
    warnings = tuple(w.message(labels[w.row], limit) for w in change_warnings(control, rules=rules))
    return ControlFeedback({}, tuple(verdicts), warnings, control.key.motivation.strip())


def _month_explanation(result: MonthResult) -> str:
    return (
        f"Utbetalt {format_kr(result.paid.amount)} (räknade inkomster enligt ansökan "
        f"{format_kr(result.paid.incomes)}); med registrets uppgifter räknade inkomster "
        f"{format_kr(result.correct.incomes)} och rätt belopp {format_kr(result.correct.amount)}"
    )


def _amount_verdict(
    key: str, label: str, given: int, expected: int, explanation: str, alternatives: dict[str, dict[str, int]]
) -> Verdict:
    if same_amount(given, expected):
        return Verdict(key, label, True, given, expected, f"Rätt: {format_kr(expected)}.", "", explanation)
    named: tuple[Misconception, ...] = tuple(
        get(mid)
        for mid, amounts in alternatives.items()
        if key in amounts and amounts[key] != expected and same_amount(given, amounts[key])
    )
    return Verdict(
        key,
        label,
        False,
        given,
        expected,
        f"Fel: du skrev {format_kr(given)}. Rätt är {format_kr(expected)}.",
        "",
        explanation,
        named,
    )


def _actions_verdict(control: Control, chosen: set[str], month: Month, rules: Rules) -> Verdict:
    actions = rules.control_actions
    expected = set(control.key.actions)
    correct = chosen == expected
    texts = {a.id: a.text for a in actions}
    citations = sorted({str(rules.citation(a.rule, month)) for a in actions if a.rule and a.id in expected | chosen})
    if correct:
        message = "Rätt val av åtgärder."
    else:
        order = [a.id for a in actions]
        missing = [texts[a] for a in order if a in expected - chosen]
        extra = [texts[a] for a in order if a in chosen - expected]
        message = "Fel val av åtgärder."
        if missing:
            message += " Saknas: " + "; ".join(missing) + "."
        if extra:
            message += " Behövs inte: " + "; ".join(extra) + "."
    return Verdict(ACTIONS, "Åtgärder", correct, None, 0, message, "; ".join(citations), control.key.motivation.strip())


def right_control_answer(control: Control, rules: Rules | None = None) -> ControlAnswer:
    """The key as an answer (for the self-test and tests of the feedback)."""
    results = paid_in_error(control, rules)
    return ControlAnswer(
        marked={(d.row, d.month) for d in discrepancies(control)},
        actions=set(control.key.actions),
        per_month={r.month: format_kr(r.error) for r in results},
        total=format_kr(sum(r.error for r in results)),
        motivation="Registret avviker från ansökan; åtgärder enligt rutinen.",
    )
