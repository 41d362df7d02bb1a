"""Finding the facts yourself: the trainee lists each income and cost found in the application
and the documents (type from the parameter lists, person, amount, month, counted or not), and
the list is matched to the case's own incomes and costs. Feedback names an item that was missed
and the document it stood in, an item that is not in the case, a wrong amount, an item put in
another month and an item counted (or left out) against the rules, with the reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from .case import Case
from .errors import InputError
from .feedback import Feedback, FormAnswer, Row, Verdict, compare, describe_person, form_rows
from .money import ORE_PER_KRONA, format_kr, parse_kronor
from .result import Assessment
from .rules import Rules

KINDS = ("inkomst", "kostnad")


@dataclass(frozen=True)
class FoundItem:
    """One row the trainee added: kind (inkomst or kostnad), type id, person id, amount and month
    as typed, and whether the trainee counts it (None: not asked)."""

    kind: str
    type: str
    amount: str
    person: str | None = None
    month: str = ""
    counted: bool | None = None


@dataclass(frozen=True)
class KeyItem:
    """An income or cost of the case; with the assessment, its line, whether the rules count it
    and why."""

    kind: str
    type: str
    person: str | None
    amount: int  # whole kronor
    line: str = ""  # the assessment's line key, e.g. inkomst:2
    counted: bool = True
    why: str = ""


@dataclass
class FactsReview:
    """Matched, missed, extra, wrong-amount, wrong-month and wrongly counted items, each with a
    Swedish sentence; `right` says per key item (by line) whether it was found right."""

    matched: list[KeyItem] = field(default_factory=list)
    messages: list[tuple[str, str]] = field(default_factory=list)  # (kind of finding, sentence)
    right: dict[str, bool] = field(default_factory=dict)
    extra: int = 0  # rows that match no item of the case (or another month)

    @property
    def all_found(self) -> bool:
        return not self.messages

    def of_kind(self, kind: str) -> list[str]:
        """The sentences of one kind of finding: saknas, extra, belopp, månad or räknas."""
        return [text for k, text in self.messages if k == kind]


def key_items(case: Case, assessment: Assessment | None = None) -> list[KeyItem]:
    """The incomes and costs the case itself holds (what the documents show); with the
    assessment, whether each is counted in the month and why."""
    listed = [("inkomst", i, x.type, x.person, x.amount) for i, x in enumerate(case.incomes, start=1)]
    listed += [("kostnad", i, x.type, x.person, x.amount) for i, x in enumerate(case.costs, start=1)]
    items = []
    for kind, number, type_id, person, amount in listed:
        key, counted, why = f"{kind}:{number}", True, ""
        if assessment is not None:
            line = assessment.line(key)
            counted, why = line.amount > 0, line.explanation
        items.append(KeyItem(kind, type_id, person, amount, key, counted, why))
    return items


def where(case: Case, amount: int) -> str | None:
    """The heading of the first document whose text shows the amount ('7 350' or '7350')."""
    shown = (f"{amount:,}".replace(",", " "), str(amount))
    for document in case.documents:
        if any(text in document.text for text in shown):
            return document.heading
    return None


def _label(rules: Rules, kind: str, type_id: str) -> str:
    types = rules.income_types if kind == "inkomst" else rules.cost_types
    return types[type_id].label.lower() if type_id in types else type_id


def item_label(case: Case, rules: Rules, kind: str, type_id: str, person: str | None) -> str:
    """'lön (barn, 15 år)': the type's label and, when given, whose it is."""
    label = _label(rules, kind, type_id)
    try:
        return f"{label} ({describe_person(case, case.person(person))})" if person else label
    except KeyError:
        return label


def counted_sentence(item: KeyItem, label: str) -> str:
    """Why the rules count the item, or not: 'Barnbidrag räknas som inkomst.'"""
    what = "inkomst" if item.kind == "inkomst" else "skälig kostnad"
    verb = "räknas som" if item.counted else "räknas inte som"
    because = f": {item.why}" if item.why else ""
    return f"{label[:1].upper()}{label[1:]} {verb} {what}{because}."


def parse_amount(row: FoundItem, number: int, rules: Rules) -> int:
    """The row's amount in whole kronor; an InputError names the row and the field."""
    try:
        return parse_kronor(row.amount) // ORE_PER_KRONA
    except ValueError as error:
        label = _label(rules, row.kind, row.type)
        raise InputError(f"rad {number} ({label}), fältet Belopp: {error}", field="belopp") from None


def check_row(row: FoundItem, number: int, rules: Rules) -> int:
    """Check a row's kind and type against the parameter lists and read its amount (kronor)."""
    if row.kind not in KINDS:
        raise InputError(f"rad {number}: okänd sort '{row.kind}': välj inkomst eller kostnad", field="sort")
    types = rules.income_types if row.kind == "inkomst" else rules.cost_types
    if row.type not in types:
        raise InputError(f"rad {number}: okänd {row.kind}styp '{row.type}'", field="typ")
    return parse_amount(row, number, rules)


def review_found(case: Case, found: list[FoundItem], rules: Rules, assessment: Assessment | None = None) -> FactsReview:
    """Match the trainee's rows to the case's incomes and costs (same kind, type and person),
    and say what is missing, extra, wrongly typed, in the wrong month or, with the assessment,
    counted against the rules. 4 kap. 1 och 3 §§ socialtjänstlagen (2001:453); from 2025-07-01
    12 kap. 7 § socialtjänstlagen (2025:400)."""
    result = FactsReview()
    remaining = key_items(case, assessment)
    month = str(case.month)
    for number, row in enumerate(found, start=1):
        kronor = check_row(row, number, rules)
        label = item_label(case, rules, row.kind, row.type, row.person)
        if row.month and row.month != month:
            result.extra += 1
            result.messages.append(("månad", f"{label.capitalize()} hör till {row.month}, inte till {month}."))
            continue
        match = next(
            (k for k in remaining if (k.kind, k.type, k.person) == (row.kind, row.type, row.person or None)), None
        )
        if match is None:
            result.extra += 1
            result.messages.append(("extra", f"{label.capitalize()} finns inte i underlagen för {month}."))
            continue
        remaining.remove(match)
        right = True
        if match.amount != kronor:
            right = False
            result.messages.append(
                (
                    "belopp",
                    f"{label.capitalize()}: beloppet {format_kr(kronor * ORE_PER_KRONA)} stämmer inte med underlagen.",
                )
            )
        if assessment is not None and row.counted is not None and row.counted != match.counted:
            right = False
            box = "kryssade i" if row.counted else "kryssade inte i"
            result.messages.append(("räknas", f"{counted_sentence(match, label)} Du {box} ”räknas”."))
        result.right[match.line] = right
        if right:
            result.matched.append(match)
    for missed in remaining:
        label = item_label(case, rules, missed.kind, missed.type, missed.person)
        stood = where(case, missed.amount)
        place = f" Den står i {stood}." if stood else " Den står i ansökan."
        result.right[missed.line] = False
        result.messages.append(
            ("saknas", f"Du har inte tagit med {label}, {format_kr(missed.amount * ORE_PER_KRONA)}.{place}")
        )
    return result


# -- the whole form of the find-the-facts mode --------------------------------------------------------

FACTS = "fakta"  # the key of a message about the trainee's own rows
FIXED = ("riksnorm", "justering")  # the rows the form keeps: what the documents do not list as items


@dataclass
class FactsAnswer(FormAnswer):
    """The beräkning (norm rows, totals, decision) and the trainee's own rows, as typed."""

    found: list[FoundItem] = field(default_factory=list)


@dataclass(frozen=True)
class FactsFeedback(Feedback):
    """The beräkning's verdicts, then one verdict per item of the case (found right or not) and
    per extra row; `review` holds the sentences."""

    review: FactsReview | None = None


def fixed_rows(case: Case, assessment: Assessment) -> list[Row]:
    """The rows the find-the-facts form starts with: the riksnorm, adjustments for särskilda skäl
    and the savings line (a computed line, not an item of the documents)."""
    return [r for r in form_rows(case, assessment) if r.category in FIXED or r.key == "tillgångar"]


def _own(found: list[FoundItem]) -> tuple[int, int]:
    """The need and incomes (öre) of the trainee's counted rows of the month."""
    need = incomes = 0
    for row in found:
        if row.counted is False:
            continue
        amount = parse_kronor(row.amount)
        need, incomes = (need + amount, incomes) if row.kind == "kostnad" else (need, incomes + amount)
    return need, incomes


def grade_found(case: Case, assessment: Assessment, answer: FactsAnswer, rules: Rules) -> FactsFeedback:
    """Grade the find-the-facts form: the trainee's rows against the case's items (review_found),
    and the norm rows, totals, decision and amount as in compare(). A row that cannot be read is
    named (row and field) under FACTS and nothing is graded. 4 kap. 1 och 3 §§ socialtjänstlagen
    (2001:453); from 2025-07-01 12 kap. 7 § socialtjänstlagen (2025:400)."""
    month = str(case.month)
    try:
        review = review_found(case, answer.found, rules, assessment)
    except InputError as error:
        review, problem = None, error.problem
    counted_rows = [r for r in answer.found if r.month in ("", month)]
    own = _own(counted_rows) if review is not None else (0, 0)
    feedback = compare(case, assessment, answer, rules, rows=fixed_rows(case, assessment), own=own)
    errors = dict(feedback.errors)
    if review is None:
        errors[FACTS] = problem[:1].upper() + problem[1:] + "."
    if errors:
        return FactsFeedback(errors=errors)
    assert review is not None
    verdicts = list(feedback.verdicts)
    items = {k.line: k for k in key_items(case, assessment)}
    for line, right in review.right.items():
        item = items[line]
        label = item_label(case, rules, item.kind, item.type, item.person)
        message = f"{label.capitalize()}: {'rätt' if right else 'inte rätt'}."
        verdicts.append(Verdict(f"{FACTS}:{line}", label, right, None, ore_of(item), message))
    verdicts += [
        Verdict(f"{FACTS}:extra:{n}", "Rad utan motsvarighet", False, None, 0, "En rad för mycket.")
        for n in range(1, review.extra + 1)
    ]
    return FactsFeedback(
        errors={},
        verdicts=tuple(verdicts),
        model_motivation=feedback.model_motivation,
        notices=feedback.notices,
        review=review,
    )


def ore_of(item: KeyItem) -> int:
    return item.amount * ORE_PER_KRONA
