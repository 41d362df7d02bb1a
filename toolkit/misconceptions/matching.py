"""Matching a wrong amount to the misconceptions whose amounts it equals."""

from __future__ import annotations

from ..money import round_kronor
from .catalogue import Misconception, catalogue, get
from .context import LineContext
from .detectors import DETECTORS


def same_amount(given: int, expected: int) -> bool:
    """Equal to the öre, or equal to the expected amount rounded to whole kronor (half up)."""
    return given == expected or (expected % 100 != 0 and given == round_kronor(expected, "närmaste_krona"))


def alternatives(ctx: LineContext) -> dict[str, set[int]]:
    """For each misconception that can touch this line, the amounts it would give."""
    found: dict[str, set[int]] = {}
    for misconception_id in catalogue():
        function = DETECTORS.get(misconception_id)
        if function is None:
            continue
        amounts = {a for a in function(ctx) if not same_amount(a, ctx.line.amount) and a != ctx.line.amount}
        if amounts:
            found[misconception_id] = amounts
    return found


def detect(ctx: LineContext, given: int) -> list[Misconception]:
    """The misconceptions that explain a wrong amount on this line (catalogue order)."""
    if same_amount(given, ctx.line.amount):
        return []
    return [
        get(mid) for mid, amounts in alternatives(ctx).items() if any(same_amount(given, amount) for amount in amounts)
    ]
