"""Feedback on a trainee's beräkningsunderlag, line by line; no UI here.

The trainee fills in one row per line of the assessment (amount, and for incomes whether it
is counted), the totals, the decision and a motivation. compare() reads what was typed,
names every field that cannot be read (in Swedish, so the form can show it next to the
field), and otherwise returns a verdict per row: right or wrong, the right value, the rule
and its citation for the month, and the misconception that explains a wrong value.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .assessment import Assessment, Line
from .case import Case, Person
from .misconceptions import Misconception, detect, line_contexts, same_amount
from .money import format_kr, parse_kronor, round_kronor
from .rules import Rules

NEED = "summa:behov"
INCOMES = "summa:inkomster"
DECISION = "beslut"
AMOUNT = "belopp"
MOTIVATION = "motivering"
DECISIONS = {"bifall": "Bevilja", "avslag": "Avslå"}
MIN_MOTIVATION = 10
SECTIONS = (
    ("riksnorm", "Riksnorm"),
    ("justering", "Justeringar (särskilda skäl)"),
    ("kostnad", "Skäliga kostnader"),
    ("inkomst", "Inkomster"),
)


@dataclass(frozen=True)
class AmountVerdict:
    """The outcome of checking one typed amount against the right one."""

    ok: bool  # the answer could be read
    correct: bool
    message: str  # Swedish, plain language, for the trainee
    answer: int | None = None  # öre


def check_amount(text: str, expected: int, *, what: str) -> AmountVerdict:
    """Read a typed amount and compare it with the expected amount (öre)."""
    try:
        answer = parse_kronor(text)
    except ValueError as error:
        return AmountVerdict(False, False, f"{what}: {error}")
    if answer == expected:
        return AmountVerdict(True, True, f"{what}: rätt, {format_kr(expected)}.", answer)
    return AmountVerdict(True, False, f"{what}: du svarade {format_kr(answer)}, rätt är {format_kr(expected)}.", answer)


# -- the form ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One row of the beräkningsunderlag the trainee fills in."""

    key: str
    category: str
    label: str
    income: bool = False


def describe_person(case: Case, person: Person) -> str:
    """'sökande, 34 år', 'barn 2, 5 år': neutral, so the label gives no answer away."""
    name = getattr(person, "name", None)
    if person.role == "barn":
        children = [p for p in case.household if p.role == "barn"]
        role = "barn" if len(children) == 1 else f"barn {children.index(person) + 1}"
    else:
        role = person.role
    text = f"{role}, {person.age} år"
    return f"{name} ({text})" if name else text


def row_label(case: Case, line: Line) -> str:
    """What the row is about, without saying how it is computed."""
    kind, _, ref = line.key.partition(":")
    if kind == "norm":
        if ref == "sambor":
            return "Personliga kostnader: sökande och medsökande"
        if ref == "summa":
            return "Riksnorm för hushållet (summa)"
        return f"Personliga kostnader: {describe_person(case, case.person(ref))}"
    if kind == "hushåll":
        if ref:
            return f"Hushållsgemensamma kostnader, umgänge: {describe_person(case, case.person(ref))}"
        return "Hushållsgemensamma kostnader"
    if kind == "justering":
        return line.post
    if kind in ("kostnad", "inkomst"):
        item = (case.costs if kind == "kostnad" else case.incomes)[int(ref) - 1]
        label = line.post
        if item.person:
            label += f" ({describe_person(case, case.person(item.person))})"
        return label
    if kind == "tillgångar":
        return "Tillgångar (till exempel sparade pengar)"
    return line.post


def form_rows(case: Case, assessment: Assessment) -> list[Row]:
    """The rows of the form, in the order of a beräkningsunderlag."""
    rows = []
    for category, _ in SECTIONS:
        for line in assessment.lines_in(category):
            rows.append(Row(line.key, category, row_label(case, line), income=category == "inkomst"))
    return rows


@dataclass
class LineAnswer:
    amount: str = ""
    counted: bool = False  # incomes only: the box "räknas"


@dataclass
class FormAnswer:
    """Everything the trainee typed or chose, kept as typed."""

    lines: dict[str, LineAnswer] = field(default_factory=dict)
    need_total: str = ""
    income_total: str = ""
    decision: str | None = None
    amount: str = ""
    motivation: str = ""

    def to_json(self) -> dict:
        return asdict(self)


def _problem(error: ValueError) -> str:
    text = str(error)
    return text[:1].upper() + text[1:] + "."


def read_answer(rows: list[Row], form: FormAnswer) -> tuple[dict[str, int], dict[str, str]]:
    """Amounts in öre per field, and a Swedish message per field that cannot be read."""
    values: dict[str, int] = {}
    errors: dict[str, str] = {}
    for row in rows:
        answer = form.lines.get(row.key, LineAnswer())
        text = answer.amount.strip()
        if row.income and not answer.counted:
            if not text:
                values[row.key] = 0
                continue
            try:
                amount = parse_kronor(text)
            except ValueError as error:
                errors[row.key] = _problem(error)
                continue
            if amount:
                errors[row.key] = (
                    "Du har skrivit ett belopp men inte kryssat i ”räknas”. Kryssa i rutan "
                    "om inkomsten ska räknas, annars töm fältet."
                )
            else:
                values[row.key] = 0
            continue
        try:
            values[row.key] = parse_kronor(text)
        except ValueError as error:
            errors[row.key] = _problem(error)
    for key, text in ((NEED, form.need_total), (INCOMES, form.income_total)):
        try:
            values[key] = parse_kronor(text)
        except ValueError as error:
            errors[key] = _problem(error)
    if form.decision not in DECISIONS:
        errors[DECISION] = "Välj ett beslut: bevilja eller avslå."
    if form.decision == "avslag" and not form.amount.strip():
        values[AMOUNT] = 0
    else:
        try:
            values[AMOUNT] = parse_kronor(form.amount)
        except ValueError as error:
            errors[AMOUNT] = _problem(error)
    if form.decision == "avslag" and values.get(AMOUNT):
        errors[AMOUNT] = "Vid avslag betalas inget ut: skriv 0 eller lämna fältet tomt."
        values.pop(AMOUNT)
    if len(form.motivation.strip()) < MIN_MOTIVATION:
        errors[MOTIVATION] = "Skriv en kort motivering till beslutet, med några ord om varför."
    return values, errors


# -- the verdicts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    key: str
    label: str
    correct: bool
    given: int | None  # öre
    expected: int  # öre
    message: str  # Swedish, for the trainee
    citation: str = ""
    explanation: str = ""
    misconceptions: tuple[Misconception, ...] = ()
    consequential: bool = False  # wrong, but follows from the trainee's own rows


class Graded:
    """Score and misconceptions of a graded form; needs `errors` and `verdicts`."""

    errors: dict[str, str]
    verdicts: tuple[Verdict, ...]

    @property
    def readable(self) -> bool:
        return not self.errors

    @property
    def score(self) -> int:
        return sum(v.correct for v in self.verdicts)

    @property
    def max_score(self) -> int:
        return len(self.verdicts)

    @property
    def all_correct(self) -> bool:
        return self.readable and self.score == self.max_score

    @property
    def misconception_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.id for v in self.verdicts for m in v.misconceptions))

    def verdict(self, key: str) -> Verdict:
        return next(v for v in self.verdicts if v.key == key)


@dataclass(frozen=True)
class Feedback(Graded):
    errors: dict[str, str]
    verdicts: tuple[Verdict, ...] = ()
    model_motivation: str = ""
    notices: tuple[str, ...] = ()


def _amount_message(row: Row, given: int, expected: int) -> tuple[bool, str]:
    correct = same_amount(given, expected)
    if row.income:
        right = f"räknas med {format_kr(expected)}" if expected else "räknas inte (0 kr)"
        yours = f"du räknade {format_kr(given)}" if given else "du räknade inte inkomsten"
        return correct, (f"Rätt: {right}." if correct else f"Fel: {yours}. Rätt: {right}.")
    if correct:
        return True, f"Rätt: {format_kr(expected)}."
    return False, f"Fel: du skrev {format_kr(given)}. Rätt är {format_kr(expected)}."


def compare(
    case: Case,
    assessment: Assessment,
    form: FormAnswer,
    rules: Rules,
    *,
    rows: list[Row] | None = None,
    own: tuple[int, int] = (0, 0),
) -> Feedback:
    """Compare a filled-in beräkningsunderlag with the assessment of the same case.

    Returns the fields that cannot be read (nothing is graded then), or one verdict per row,
    total, decision and amount. `rows` limits the rows graded (the form of the find-the-facts
    mode has the norm rows only); `own` adds the need and incomes (öre) of the trainee's other
    rows when telling a consequential error in a total. 4 kap. 1 och 3 §§ socialtjänstlagen (2001:453); from
    2025-07-01 12 kap. 7 § socialtjänstlagen (2025:400).
    """
    rows = form_rows(case, assessment) if rows is None else rows
    values, errors = read_answer(rows, form)
    if errors:
        return Feedback(errors=errors)
    contexts = line_contexts(case, rules, assessment)
    verdicts = []
    for row in rows:
        line = assessment.line(row.key)
        given = values[row.key]
        correct, message = _amount_message(row, given, line.amount)
        found = () if correct else tuple(detect(contexts[row.key], given))
        verdicts.append(
            Verdict(row.key, row.label, correct, given, line.amount, message, line.citation, line.explanation, found)
        )
    own_need = own[0] + sum(values[r.key] for r in rows if r.category != "inkomst")
    own_incomes = own[1] + sum(values[r.key] for r in rows if r.category == "inkomst")
    need = assessment.riksnorm + assessment.adjustments + assessment.costs
    verdicts.append(_total(NEED, "Summa riksnorm och skäliga kostnader", values[NEED], need, own_need))
    verdicts.append(_total(INCOMES, "Summa räknade inkomster", values[INCOMES], assessment.incomes, own_incomes))
    verdicts.append(_decision(form.decision, assessment))
    rounding = rules.municipal(case.month).rounding
    own_amount = round_kronor(max(0, values[NEED] - values[INCOMES]), rounding)
    verdicts.append(
        _total(
            AMOUNT,
            "Försörjningsstöd att betala ut",
            values[AMOUNT],
            assessment.amount,
            own_amount,
            citation=assessment.decision_citation,
            explanation=f"{format_kr(need)} − {format_kr(assessment.incomes)}, avrundat "
            f"({rounding.replace('_', ' ')}); aldrig under 0 kr",
        )
    )
    return Feedback(
        errors={},
        verdicts=tuple(verdicts),
        model_motivation=model_motivation(case, assessment),
        notices=assessment.notices,
    )


def _total(
    key: str, label: str, given: int, expected: int, own: int, *, citation: str = "", explanation: str = ""
) -> Verdict:
    if same_amount(given, expected):
        return Verdict(key, label, True, given, expected, f"Rätt: {format_kr(expected)}.", citation, explanation)
    consequential = same_amount(given, own)
    message = f"Fel: du skrev {format_kr(given)}. Rätt är {format_kr(expected)}."
    if consequential:
        message += " Din summa stämmer med dina egna rader: felet följer av raderna ovan (följdfel)."
    return Verdict(key, label, False, given, expected, message, citation, explanation, (), consequential)


def _decision(decision: str | None, assessment: Assessment) -> Verdict:
    right = DECISIONS[assessment.decision].lower()
    correct = decision == assessment.decision
    why = (
        "behovet är större än de räknade inkomsterna"
        if assessment.decision == "bifall"
        else "de räknade inkomsterna täcker behovet"
    )
    message = f"Rätt: {right}, eftersom {why}." if correct else f"Fel: rätt beslut är att {right}, eftersom {why}."
    return Verdict(DECISION, "Beslut", correct, None, 0, message, assessment.decision_citation)


def model_motivation(case: Case, assessment: Assessment) -> str:
    """A short motivation a supervisor would accept, written from the assessment."""
    need = assessment.riksnorm + assessment.adjustments + assessment.costs
    parts = [
        f"Beräkningen gäller {assessment.month}. Riksnormen är {format_kr(assessment.riksnorm)}"
        + (f", justeringar {format_kr(assessment.adjustments, sign=True)}" if assessment.adjustments else "")
        + f" och de skäliga kostnaderna {format_kr(assessment.costs)}, sammanlagt {format_kr(need)}."
        + f" Hushållets räknade inkomster är {format_kr(assessment.incomes)}."
    ]
    special = [f"{row_label(case, line)}: {line.explanation}." for line in assessment.lines if line.explanation]
    parts.extend(dict.fromkeys(special))
    if assessment.decision == "bifall":
        parts.append(
            f"Behovet är större än inkomsterna. Ansökan beviljas med {format_kr(assessment.amount)} "
            f"({assessment.decision_citation})."
        )
    else:
        parts.append(f"Inkomsterna täcker behovet. Ansökan avslås ({assessment.decision_citation}).")
    parts.extend(assessment.notices)
    return " ".join(parts)


__all__ = [
    "AMOUNT",
    "AmountVerdict",
    "DECISION",
    "DECISIONS",
    "Feedback",
    "FormAnswer",
    "INCOMES",
    "LineAnswer",
    "MOTIVATION",
    "NEED",
    "Row",
    "SECTIONS",
    "Verdict",
    "check_amount",
    "compare",
    "describe_person",
    "form_rows",
    "model_motivation",
    "read_answer",
    "row_label",
]
