"""Rewriting a case's text for a variant: dates, month names, ages and amounts move as drawn.

In a document that shows one of the case's amounts (a pay slip, a rent notice), the other
kronor amounts change in the same proportion and a difference such as gross pay − tax = net pay
is kept exact.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TYPE_CHECKING

from ..months import MONTH_NAMES, Month

if TYPE_CHECKING:
    from .variants import Draw

MIN_VARIED_AMOUNT = 100  # kronor: smaller amounts (a fee, a bus fare) keep their value

_TOKEN = re.compile(
    r"(?P<date>(?<![\d\-])(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>0[1-9]|[12]\d|3[01]))?(?![\d]))"
    r"|(?P<mname>\b(?P<mn>" + "|".join(MONTH_NAMES) + r")\b(?:(?P<msp>[ \u00a0])(?P<my>(?:19|20)\d{2})\b)?)"
    r"|(?P<age>(?<![\d,.\-])(?P<an>\d{1,3})(?P<asuf>(?:[ \u00a0]|-)år(?:s|ing|ingen|iga)?\b))"
    r"|(?P<num>(?<![\d,.\-:/])(?P<nv>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?P<dec>,\d{2})?(?![\d]|[,.]\d|-\d|:\d))",
    re.IGNORECASE,
)
_AMOUNT_AFTER = re.compile(r"^(?:[ \u00a0]?(?:kr\b|kronor|:-|sek\b))|^[ \t]*(?:$|\n|\|)", re.IGNORECASE)


def _parse_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _format_like(original: str, value: int) -> str:
    """A number written like the original: with the same thousands separator, or none."""
    separator = next((ch for ch in original if not ch.isdigit()), None)
    if separator is None:
        return str(value)
    return f"{value:,}".replace(",", separator)


def _shift_month_name(name: str, shift: int, year: str | None, space: str | None) -> str:
    index = MONTH_NAMES.index(name.lower())
    if year is not None:
        moved = Month(int(year), index + 1).plus(shift)
        new = MONTH_NAMES[moved.month - 1]
        tail = f"{space}{moved.year}"
    else:
        new = MONTH_NAMES[(index + shift) % 12]
        tail = ""
    if name[0].isupper():
        new = new[0].upper() + new[1:]
    return new + tail


def _document_map(text: str, amounts: dict[int, int], kept: frozenset[int] = frozenset()) -> dict[int, int]:
    """For a document that shows exactly one changed amount of the case: every other kronor
    amount in it scaled in the same proportion, with differences kept exact (month pay −
    deduction = gross pay; gross pay − tax = the case's net pay)."""
    numbers = [
        (_parse_number(m.group("nv")), m)
        for m in _TOKEN.finditer(text)
        if m.group("num") and m.group("dec") in (None, ",00")
    ]
    shown = {value for value, _ in numbers if value in amounts and amounts[value] != value}
    if len(shown) != 1:
        return {}
    anchor = shown.pop()
    factor = Fraction(amounts[anchor], anchor)
    others = {
        value
        for value, match in numbers
        if value not in amounts
        and value not in kept
        and value >= MIN_VARIED_AMOUNT
        and not (match.group("nv").isdigit() and 1900 <= value <= 2100)
        and _AMOUNT_AFTER.match(text[match.end() : match.end() + 8])
    }
    scaled = {value: int(value * factor + Fraction(1, 2)) for value in sorted(others)}
    locked: set[int] = set()
    for a in sorted(others, reverse=True):
        for b in sorted(others):
            c = a - b
            if 0 < b < a and c in others and c not in locked and c not in (a, b) and c + anchor not in others:
                scaled[c] = scaled[a] - scaled[b]
                locked |= {a, b, c}
    for a in sorted(others, reverse=True):
        if a - anchor in others:
            scaled[a - anchor] = scaled[a] - amounts[anchor]
    for b in sorted(others):
        c = anchor - b
        if b < c and c in others:  # the anchor is the sum of two parts (grant + loan)
            scaled[c] = amounts[anchor] - scaled[b]
    return scaled


def rewrite(text: str, drawn: Draw, *, document: bool = False) -> str:
    """The text with its dates, month names, ages and amounts changed as drawn."""
    extra = _document_map(text, drawn.amounts, drawn.kept) if document else {}

    def replace(match: re.Match) -> str:
        if match.group("date"):
            month = Month(int(match.group("y")), int(match.group("m"))).plus(drawn.month_shift)
            if match.group("d"):
                day = min(int(match.group("d")), month.days)
                return f"{month}-{day:02d}"
            return str(month)
        if match.group("mname"):
            return _shift_month_name(match.group("mn"), drawn.month_shift, match.group("my"), match.group("msp"))
        if match.group("age"):
            age = int(match.group("an"))
            return f"{drawn.ages.get(age, age)}{match.group('asuf')}"
        value = _parse_number(match.group("nv"))
        dec = match.group("dec") or ""
        if value in drawn.amounts and (not dec or dec == ",00"):
            return _format_like(match.group("nv"), drawn.amounts[value]) + dec
        if value in extra and (not dec or dec == ",00"):
            return _format_like(match.group("nv"), extra[value]) + dec
        return match.group(0)

    return _TOKEN.sub(replace, text)
