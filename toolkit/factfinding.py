"""Finding the facts yourself: the trainee lists each income and cost found in the application
and the documents (type from the parameter lists, person, amount, month), and the list is matched
to the case's own incomes and costs. Feedback names an item that was missed and the document it
stood in, an item that is not in the case, a wrong amount and an item put in another month.

This is the core of the "find the facts" mode; the form that uses it is not built yet."""

from __future__ import annotations

from dataclasses import dataclass, field

from .case import Case
from .errors import InputError
from .money import ORE_PER_KRONA, format_kr, parse_kronor
from .rules import Rules

KINDS = ("inkomst", "kostnad")


@dataclass(frozen=True)
class FoundItem:
    """One row the trainee added: kind (inkomst or kostnad), type id, person id, amount and month
    as typed."""

    kind: str
    type: str
    amount: str
    person: str | None = None
    month: str = ""


@dataclass(frozen=True)
class KeyItem:
    kind: str
    type: str
    person: str | None
    amount: int  # whole kronor


@dataclass
class FactsReview:
    """Matched, missed, extra, wrong-amount and wrong-month items, each with a Swedish sentence."""

    matched: list[KeyItem] = field(default_factory=list)
    messages: list[tuple[str, str]] = field(default_factory=list)  # (kind of finding, sentence)

    @property
    def all_found(self) -> bool:
        return not self.messages

    def of_kind(self, kind: str) -> list[str]:
        """The sentences of one kind of finding: saknas, extra, belopp or månad."""
        return [text for k, text in self.messages if k == kind]


def key_items(case: Case) -> list[KeyItem]:
    """The incomes and costs the case itself holds (what the documents show)."""
    items = [KeyItem("inkomst", i.type, i.person, i.amount) for i in case.incomes]
    return items + [KeyItem("kostnad", c.type, c.person, c.amount) for c in case.costs]


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


def review_found(case: Case, found: list[FoundItem], rules: Rules) -> FactsReview:
    """Match the trainee's rows to the case's incomes and costs (same kind, type and person),
    and say what is missing, extra, wrongly typed or in the wrong month."""
    result = FactsReview()
    remaining = key_items(case)
    month = str(case.month)
    for row in found:
        if row.kind not in KINDS:
            raise InputError(f"okänd sort '{row.kind}': välj inkomst eller kostnad", field="sort")
        types = rules.income_types if row.kind == "inkomst" else rules.cost_types
        if row.type not in types:
            raise InputError(f"okänd {row.kind}styp '{row.type}'", field="typ")
        try:
            kronor = parse_kronor(row.amount) // ORE_PER_KRONA
        except ValueError as error:
            raise InputError(f"{_label(rules, row.kind, row.type)}: {error}", field="belopp") from None
        label = _label(rules, row.kind, row.type)
        if row.month and row.month != month:
            result.messages.append(("månad", f"{label.capitalize()} hör till {row.month}, inte till {month}."))
            continue
        match = next(
            (k for k in remaining if (k.kind, k.type, k.person) == (row.kind, row.type, row.person or None)), None
        )
        if match is None:
            result.messages.append(("extra", f"{label.capitalize()} finns inte i underlagen för {month}."))
            continue
        remaining.remove(match)
        if match.amount != kronor:
            result.messages.append(
                (
                    "belopp",
                    f"{label.capitalize()}: beloppet {format_kr(kronor * ORE_PER_KRONA)} stämmer inte med underlagen.",
                )
            )
        else:
            result.matched.append(match)
    for missed in remaining:
        label = _label(rules, missed.kind, missed.type)
        stood = where(case, missed.amount)
        place = f" Den står i {stood}." if stood else " Den står i ansökan."
        result.messages.append(
            ("saknas", f"Du har inte tagit med {label}, {format_kr(missed.amount * ORE_PER_KRONA)}.{place}")
        )
    return result
