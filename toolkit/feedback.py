"""Feedback on a trainee's answer, computed from the assessment; no UI here."""
from __future__ import annotations

from dataclasses import dataclass

from .money import format_kr, parse_kronor


@dataclass(frozen=True)
class AmountVerdict:
    """The outcome of checking one typed amount against the right one."""

    ok: bool            # the answer could be read
    correct: bool
    message: str        # Swedish, plain language, for the trainee
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
