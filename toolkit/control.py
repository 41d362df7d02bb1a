"""Control of an application against register answers: discrepancies, the change warning,
and the amount paid in error. No UI here.

A control exercise (casebank/controls/<id>.yaml) holds a household as in a case file, what
the applicant declared for each month, and synthetic register answers for the same months
as the register service (SSBTEK) gives them: Försäkringskassan, Arbetsförmedlingen, the
a-kassa, CSN and Skatteverket. For each month the toolkit assesses the application as
declared (what was paid) and again with the register's figures (what should have been
paid); the difference, never below zero, is the amount paid in error.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from datetime import date
from typing import Annotated, Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator, model_validator

from .assessment import Assessment, assess
from .case import Case, PersonId, Slug, parse_case
from . import settings
from .errors import InputError
from .feedback import MIN_MOTIVATION, Graded, Verdict
from .misconceptions import Misconception, get, same_amount
from .money import format_kr, ore, parse_kronor
from .months import Month
from .rules import Rules, load_rules
from .yamlfile import load, validate

HERE = Path(__file__).resolve().parent
SETTINGS = HERE / "control.yaml"
CONTROLS = settings.casebank_dir() / "controls"
SOURCES = ("Försäkringskassan", "Arbetsförmedlingen", "A-kassan", "CSN", "Skatteverket")
Kronor = Annotated[StrictInt, Field(ge=0)]
TOTAL = "fel:summa"
ACTIONS = "åtgärder"
MOTIVATION = "motivering"


# -- settings: the warning threshold, the actions and their legal basis --------------------------------

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Wording(_Strict):
    start: date = Field(alias="från")
    end: date | None = Field(default=None, alias="till")
    citation: str = Field(alias="hänvisning")
    verified: bool = Field(alias="verifierad")
    source: str = Field(alias="källa")


class Action(_Strict):
    id: str
    text: str
    rule: str | None = Field(default=None, alias="lagrum")


class ChangeWarningSetting(_Strict):
    percent: Annotated[StrictInt, Field(ge=1, le=100)] = Field(alias="gräns_procent")
    source: str = Field(alias="källa")


class Settings(_Strict):
    name: str = Field(alias="namn")
    change_warning: ChangeWarningSetting = Field(alias="ändringsvarning")
    sources: dict[str, str] = Field(alias="källor")
    actions: list[Action] = Field(alias="åtgärder")
    rules: dict[str, list[Wording]] = Field(alias="lagrum")

    def action(self, action_id: str) -> Action:
        return next(a for a in self.actions if a.id == action_id)

    def citation(self, rule: str, month: Month) -> str:
        """The citation in force on the first day of the month, marked when not verified."""
        day = month.first_day
        for wording in self.rules[rule]:
            if wording.start <= day and (wording.end is None or day <= wording.end):
                return wording.citation if wording.verified else f"{wording.citation} (paragrafen är inte verifierad)"
        raise InputError(f"lagrum för {rule} saknas för {month}", file=SETTINGS.name)


@lru_cache(maxsize=2)
def settings(path: Path = SETTINGS) -> Settings:
    return validate(Settings, load(path, display=path.name), display=path.name)


# -- the control exercise file ---------------------------------------------------------------------

def _month_keys(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, amount in value.items():
            try:
                out[str(Month.parse(str(key)))] = amount
            except ValueError as error:
                raise ValueError(str(error)) from None
        return out
    return value


class RegisterRow(_Strict):
    """One line of a register answer: a benefit paid per month, or a fact per month."""

    source: Literal["Försäkringskassan", "Arbetsförmedlingen", "A-kassan", "CSN", "Skatteverket"] = Field(alias="källa")
    benefit: str | None = Field(default=None, alias="förmån")
    fact: str | None = Field(default=None, alias="uppgift")
    person: PersonId | None = None
    amounts: dict[str, Kronor] = Field(default_factory=dict, alias="belopp")
    gross: dict[str, Kronor] = Field(default_factory=dict, alias="brutto")
    tax: dict[str, Kronor] = Field(default_factory=dict, alias="skatt")
    values: dict[str, str] = Field(default_factory=dict, alias="värden")
    declared: dict[str, str] = Field(default_factory=dict, alias="redovisat")

    _keys = field_validator("amounts", "gross", "tax", "values", "declared", mode="before")(
        lambda cls, v: _month_keys(v))

    @model_validator(mode="after")
    def _one_kind(self) -> "RegisterRow":
        if (self.benefit is None) == (self.fact is None):
            raise ValueError("ett registersvar har antingen förmån (pengar) eller uppgift (en uppgift), inte båda")
        if self.fact is not None and (self.amounts or self.gross or self.tax):
            raise ValueError("en uppgift har värden, inte belopp")
        if self.benefit is not None and self.gross and not self.tax.keys() >= self.gross.keys():
            raise ValueError("brutto kräver skatt för samma månader")
        if self.benefit is not None and self.amounts and self.gross:
            raise ValueError("ange antingen belopp (utbetalt) eller brutto och skatt")
        return self

    @property
    def money(self) -> bool:
        return self.benefit is not None

    def months(self) -> list[str]:
        return sorted(set(self.amounts) | set(self.gross) | set(self.values))

    def net(self, month: str) -> int | None:
        """What was paid out in the month, in öre (gross minus tax for Skatteverket)."""
        if month in self.gross:
            return ore(self.gross[month] - self.tax[month])
        if month in self.amounts:
            return ore(self.amounts[month])
        return None

    def gross_amount(self, month: str) -> int | None:
        return ore(self.gross[month]) if month in self.gross else None


class DeclaredIncome(_Strict):
    type: str = Field(alias="typ")
    amount: Kronor = Field(alias="belopp")
    person: PersonId | None = None


class ControlMonth(_Strict):
    month: str = Field(alias="månad")
    declared: list[DeclaredIncome] = Field(default_factory=list, alias="redovisat")

    _month = field_validator("month", mode="before")(lambda cls, v: str(Month.parse(str(v))))


class Finding(_Strict):
    benefit: str = Field(alias="förmån")
    month: str = Field(alias="månad")
    person: PersonId | None = None

    _month = field_validator("month", mode="before")(lambda cls, v: str(Month.parse(str(v))))


class ControlKey(_Strict):
    """The key, worked out by hand: where the register differs, the amount paid in error per
    month, and what to do."""

    findings: list[Finding] = Field(default_factory=list, alias="avvikelser")
    paid_in_error: dict[str, Kronor] = Field(alias="felaktigt_utbetalt")
    actions: list[str] = Field(alias="åtgärder", min_length=1)
    motivation: str = Field(alias="motivering", min_length=20)
    working: str = Field(default="", alias="beräkning")
    source: str = Field(alias="källa", min_length=10)

    _keys = field_validator("paid_in_error", mode="before")(lambda cls, v: _month_keys(v))


class Control(_Strict):
    id: Slug
    title: str = Field(alias="titel", min_length=3)
    level: Literal[1, 2, 3] = Field(default=1, alias="nivå")
    skills: list[str] = Field(default_factory=list, alias="färdigheter")
    municipality: Slug | None = Field(default=None, alias="kommun")
    application: dict[str, Any] = Field(alias="ansökan")
    narrative: str = Field(default="", alias="berättelse")
    months: list[ControlMonth] = Field(alias="månader", min_length=1)
    rows: list[RegisterRow] = Field(alias="registersvar", min_length=1)
    key: ControlKey = Field(alias="facit")

    def month_list(self) -> list[str]:
        return [m.month for m in self.months]

    def case(self, index: int, incomes: list[dict]) -> Case:
        """The application for one month as a case, with the given incomes."""
        data = dict(self.application)
        history = dict(data.get("historik") or {})
        history["försörjningsstöd_månader_i_följd"] = history.get("försörjningsstöd_månader_i_följd", 0) + index
        data.update({"id": self.id, "titel": self.title, "månad": self.months[index].month, "historik": history,
                     "inkomster": incomes})
        if self.municipality:
            data["kommun"] = self.municipality
        return parse_case(data, display=f"{self.id} ({self.months[index].month})")


def load_control(name: str | Path, folder: Path = CONTROLS) -> Control:
    """A control exercise by id (in casebank/controls) or by path; InputError names the
    file, line and field of any problem."""
    path = Path(name)
    if path.suffix != ".yaml":
        path = Path(folder) / f"{name}.yaml"
    display = str(path.relative_to(HERE.parent)) if path.is_relative_to(HERE.parent) else str(path)
    data = load(path, display=display)
    control = validate(Control, data, display=display)
    if path.stem != control.id:
        raise InputError(f"id '{control.id}' ska vara samma som filnamnet ('{path.stem}')", file=display)
    rules = load_rules(control.municipality)
    known = {a.id for a in settings().actions}
    for action in control.key.actions:
        if action not in known:
            raise InputError(f"okänd åtgärd '{action}' (finns: {', '.join(sorted(known))})", file=display,
                             field="facit.åtgärder")
    for row in control.rows:
        if row.money and row.benefit not in rules.income_types:
            raise InputError(f"okänd förmån '{row.benefit}' (ska vara en inkomsttyp)", file=display,
                             field="registersvar")
    for i in range(len(control.months)):
        control.case(i, _declared(control, i)).check(rules)
    return control


def control_ids(folder: Path = CONTROLS) -> list[str]:
    return sorted(p.stem for p in Path(folder).glob("*.yaml"))


def _declared(control: Control, index: int) -> list[dict]:
    return [{"typ": i.type, "belopp": i.amount, **({"person": i.person} if i.person else {})}
            for i in control.months[index].declared]


# -- what the register shows -----------------------------------------------------------------------

def row_label(control: Control, row: RegisterRow, rules: Rules | None = None) -> str:
    """'Bostadsbidrag (Försäkringskassan)', 'Lön, medsökande (Skatteverket)'."""
    if row.money:
        rules = rules or load_rules(control.municipality)
        name = rules.income_types[row.benefit].label
    else:
        name = row.fact or ""
    roles = {p.get("id"): p.get("roll") for p in control.application.get("hushåll", [])}
    who = f", {roles.get(row.person, row.person)}" if row.person else ""
    return f"{name}{who} ({row.source})"


def declared_amount(control: Control, month: str, benefit: str, person: str | None = None) -> int:
    """What the applicant declared for a benefit and person in the month (öre)."""
    index = control.month_list().index(month)
    return sum(ore(i.amount) for i in control.months[index].declared if i.type == benefit and i.person == person)


@dataclass(frozen=True)
class Discrepancy:
    row: int            # index in control.rows
    month: str
    declared: str       # as shown: an amount or a fact
    register: str


def differs(control: Control, row: RegisterRow, month: str) -> bool:
    """Whether the register answer for the month differs from the application."""
    if row.money:
        return (row.net(month) or 0) != declared_amount(control, month, row.benefit, row.person)
    return row.values.get(month, "") != row.declared.get(month, "")


def discrepancies(control: Control) -> list[Discrepancy]:
    """Every (register row, month of the control) where the register differs from the application."""
    found = []
    for index, row in enumerate(control.rows):
        for month in control.month_list():
            if differs(control, row, month):
                if row.money:
                    declared = format_kr(declared_amount(control, month, row.benefit, row.person))
                    register = format_kr(row.net(month) or 0)
                else:
                    declared, register = row.declared.get(month, "–"), row.values.get(month, "–")
                found.append(Discrepancy(index, month, declared, register))
    return found


@dataclass(frozen=True)
class ChangeWarning:
    row: int
    previous: str
    month: str
    old: int   # öre
    new: int   # öre
    percent: int  # rounded, for display; None-like 0 when the benefit is new

    def message(self, label: str, limit: int) -> str:
        if self.old == 0:
            return f"{label}: ny utbetalning {self.month} ({format_kr(self.new)}); inget belopp {self.previous}."
        direction = "höjts" if self.new > self.old else "sänkts"
        return (f"{label}: har {direction} med {self.percent} % från {self.previous} till {self.month} "
                f"({format_kr(self.old)} → {format_kr(self.new)}), mer än {limit} %.")


def changed_more_than(old: int, new: int, percent: int) -> bool:
    """True when new differs from old by more than percent of old (exact, integers only);
    a benefit that appears (old 0, new above 0) always counts as changed."""
    if old == 0:
        return new > 0
    return abs(new - old) * 100 > percent * old


def change_warnings(control: Control, limit: int | None = None) -> list[ChangeWarning]:
    """The register service's warning: a benefit that changed by more than the limit (12 %)
    between two consecutive periods in the answer."""
    limit = settings().change_warning.percent if limit is None else limit
    warnings = []
    for index, row in enumerate(control.rows):
        if not row.money:
            continue
        months = row.months()
        for previous, month in zip(months, months[1:]):
            if Month.parse(month).minus(Month.parse(previous)) != 1:
                continue
            old, new = row.net(previous) or 0, row.net(month) or 0
            if changed_more_than(old, new, limit):
                percent = (abs(new - old) * 100 + old // 2) // old if old else 0
                warnings.append(ChangeWarning(index, previous, month, old, new, percent))
    return warnings


# -- the amount paid in error -------------------------------------------------------------------------

@dataclass(frozen=True)
class MonthResult:
    month: str
    paid: Assessment
    correct: Assessment

    @property
    def error(self) -> int:
        """Paid in error in öre: what was paid minus what should have been paid, never below 0."""
        return max(0, self.paid.amount - self.correct.amount)


def _with_register(control: Control, index: int, *, gross: frozenset[int] = frozenset(),
                   from_month: str | None = None) -> list[dict]:
    """The month's incomes with every money row of the register replacing what was declared
    (for the rows in gross, the wage before tax: what a trainee with that misconception uses)."""
    month = from_month or control.months[index].month
    covered = {(row.benefit, row.person) for row in control.rows if row.money}
    incomes = [i for i in _declared(control, index) if (i["typ"], i.get("person")) not in covered]
    for number, row in enumerate(control.rows):
        if not row.money:
            continue
        use_gross = number in gross and row.gross_amount(month) is not None
        amount = (row.gross_amount(month) if use_gross else row.net(month)) or 0
        if amount:
            kronor, rest = divmod(amount, 100)
            if rest:
                raise InputError(f"registersvaret för {row.benefit} {month} ska vara i hela kronor")
            incomes.append({"typ": row.benefit, "belopp": kronor, **({"person": row.person} if row.person else {})})
    return incomes


def paid_in_error(control: Control, rules: Rules | None = None, **variation) -> list[MonthResult]:
    """For each month: the assessment as paid (the application as declared) and as it should
    have been with the register's figures. 9 kap. 1 § socialtjänstlagen (2001:453)."""
    rules = rules or load_rules(control.municipality)
    results = []
    for index, month in enumerate(control.month_list()):
        paid = assess(control.case(index, _declared(control, index)), rules)
        correct = assess(control.case(index, _with_register(control, index, **variation)), rules)
        results.append(MonthResult(month, paid, correct))
    return results


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
            if row.money:
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
        assumed = assess(ctx.control.case(i, _with_register(ctx.control, i, from_month=first.month)), ctx.rules)
        spread[result.month] = max(0, result.paid.amount - assumed.amount)
    return _totalled(spread)


# -- the trainee's answer and the feedback --------------------------------------------------------------

@dataclass
class ControlAnswer:
    """What the trainee marked, chose and typed, kept as typed."""

    marked: set[tuple[int, str]] = field(default_factory=set)   # (register row, month)
    actions: set[str] = field(default_factory=set)
    per_month: dict[str, str] = field(default_factory=dict)
    total: str = ""
    motivation: str = ""

    def to_json(self) -> dict:
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


def read_control_answer(control: Control, answer: ControlAnswer) -> tuple[dict[str, int], dict[str, str]]:
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
    known = {a.id for a in settings().actions}
    if not answer.actions:
        errors[ACTIONS] = "Välj minst en åtgärd (eller ”Ingen åtgärd”)."
    elif "ingen_åtgärd" in answer.actions and len(answer.actions) > 1:
        errors[ACTIONS] = "”Ingen åtgärd” kan inte väljas tillsammans med en annan åtgärd."
    elif not answer.actions <= known:
        errors[ACTIONS] = "Okänd åtgärd: välj bland alternativen."
    if len(answer.motivation.strip()) < MIN_MOTIVATION:
        errors[MOTIVATION] = "Skriv en kort motivering: vad avviker och varför du väljer åtgärderna."
    return values, errors


def compare_control(control: Control, answer: ControlAnswer, rules: Rules | None = None,
                    results: list[MonthResult] | None = None) -> ControlFeedback:
    """Grade a control answer: the marked discrepancies per register row, the actions, the
    amount paid in error per month and in total; misconceptions named from the rules."""
    rules = rules or load_rules(control.municipality)
    values, errors = read_control_answer(control, answer)
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
            details = "; ".join(f"{d.month}: ansökan {d.declared}, registret {d.register}" for d in found if d.row == index)
            message = (f"Rätt: avviker {where}." if correct else
                       f"Fel: registret avviker från ansökan {where}; du markerade "
                       f"{', '.join(sorted(marked)) or 'ingen månad'}.")
            explanation = details
        else:
            message = ("Rätt: stämmer med ansökan." if correct else
                       f"Fel: registret stämmer med ansökan, men du markerade {', '.join(sorted(marked))}.")
            explanation = ""
        verdicts.append(Verdict(row_field(index), label, correct, None, 0, message, "", explanation))
    verdicts.append(_actions_verdict(control, answer.actions, Month.parse(months[-1])))
    ctx = ControlContext(control, rules, results)
    alternatives = {mid: function(ctx) for mid, function in DETECTORS.items()}
    for result in results:
        key = month_field(result.month)
        verdicts.append(_amount_verdict(key, f"Felaktigt utbetalt {result.month}", values[key], result.error,
                                        _month_explanation(result), alternatives))
    total = sum(r.error for r in results)
    verdicts.append(_amount_verdict(TOTAL, "Felaktigt utbetalt, summa", values[TOTAL], total,
                                    " + ".join(format_kr(r.error) for r in results) + f" = {format_kr(total)}",
                                    alternatives))
    labels = {i: row_label(control, row, rules) for i, row in enumerate(control.rows)}
    limit = settings().change_warning.percent
    warnings = tuple(w.message(labels[w.row], limit) for w in change_warnings(control))
    return ControlFeedback({}, tuple(verdicts), warnings, control.key.motivation.strip())


def _month_explanation(result: MonthResult) -> str:
    return (f"Utbetalt {format_kr(result.paid.amount)} (räknade inkomster enligt ansökan "
            f"{format_kr(result.paid.incomes)}); med registrets uppgifter räknade inkomster "
            f"{format_kr(result.correct.incomes)} och rätt belopp {format_kr(result.correct.amount)}")


def _amount_verdict(key: str, label: str, given: int, expected: int, explanation: str,
                    alternatives: dict[str, dict[str, int]]) -> Verdict:
    if same_amount(given, expected):
        return Verdict(key, label, True, given, expected, f"Rätt: {format_kr(expected)}.", "", explanation)
    named: tuple[Misconception, ...] = tuple(
        get(mid) for mid, amounts in alternatives.items()
        if key in amounts and amounts[key] != expected and same_amount(given, amounts[key]))
    return Verdict(key, label, False, given, expected,
                   f"Fel: du skrev {format_kr(given)}. Rätt är {format_kr(expected)}.", "", explanation, named)


def _actions_verdict(control: Control, chosen: set[str], month: Month) -> Verdict:
    config = settings()
    expected = set(control.key.actions)
    correct = chosen == expected
    texts = {a.id: a.text for a in config.actions}
    citations = sorted({config.citation(a.rule, month) for a in config.actions
                        if a.rule and a.id in expected | chosen})
    if correct:
        message = "Rätt val av åtgärder."
    else:
        order = [a.id for a in config.actions]
        missing = [texts[a] for a in order if a in expected - chosen]
        extra = [texts[a] for a in order if a in chosen - expected]
        message = "Fel val av åtgärder."
        if missing:
            message += " Saknas: " + "; ".join(missing) + "."
        if extra:
            message += " Behövs inte: " + "; ".join(extra) + "."
    return Verdict(ACTIONS, "Åtgärder", correct, None, 0, message, "; ".join(citations),
                   control.key.motivation.strip())


def right_control_answer(control: Control, rules: Rules | None = None) -> ControlAnswer:
    """The key as an answer (for the self-test and tests of the feedback)."""
    results = paid_in_error(control, rules)
    return ControlAnswer(
        marked={(d.row, d.month) for d in discrepancies(control)}, actions=set(control.key.actions),
        per_month={r.month: format_kr(r.error) for r in results},
        total=format_kr(sum(r.error for r in results)),
        motivation="Registret avviker från ansökan; åtgärder enligt rutinen.")


__all__ = ["ChangeWarning", "Control", "ControlAnswer", "ControlFeedback", "DETECTORS", "Discrepancy", "MonthResult",
           "RegisterRow", "change_warnings", "changed_more_than", "compare_control", "control_ids", "declared_amount",
           "discrepancies", "load_control", "month_field", "paid_in_error", "right_control_answer", "row_field",
           "row_label", "settings"]
