"""Synthetic payment histories made from the case bank's households, for examples, exercises
and benchmarks. Seeded and deterministic: the same seed gives the same histories.

Each synthetic household copies one case from casebank/cases/ (adults, children, whether it
has earnings, the key's monthly amount) and then moves in and out of bistånd month by month.
The chances below are invented to give plausible-looking data; they are no estimate of
anything and must never be quoted as facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .. import settings
from ..months import Month
from .history import PaymentHistories


@dataclass(frozen=True)
class Chances:
    """Invented monthly chances (per mille) for the synthetic histories; not estimates."""

    leave: int = 50  # a household with bistånd stops getting it
    leave_with_earnings: int = 100
    leave_with_children: int = 35
    come_back: int = 40  # a household without bistånd gets it again
    start_with: int = 700  # a household has bistånd in the first month
    amount_spread_percent: int = 10


@dataclass(frozen=True)
class Profile:
    """What a synthetic household copies from a case."""

    case: str
    adults: int
    children: int
    earnings: bool
    amount: int  # kronor a month, from the case's key


@lru_cache(maxsize=4)
def profiles(folder: Path | None = None) -> tuple[Profile, ...]:
    """Every case in the bank whose key grants an amount above zero, as a profile."""
    from ..case import load_case
    from ..rules import load_rules

    income_types = load_rules().income_types
    folder = folder or settings.casebank_dir() / "cases"
    found = []
    for path in sorted(Path(folder).glob("*.yaml")):
        case = load_case(path)
        if case.key is None or case.key.amount <= 0:
            continue
        earnings = any(i.type in income_types and income_types[i.type].from_employment for i in case.incomes)
        found.append(
            Profile(
                case.id,
                sum(1 for p in case.household if p.role != "barn"),
                sum(1 for p in case.household if p.role == "barn"),
                earnings,
                case.key.amount // 100,
            )
        )
    if not found:
        raise ValueError(f"fallbanken {folder} har inga fall med ett beviljat belopp att utgå från")
    return tuple(found)


def _leave_chance(chosen: list[Profile], chances: Chances) -> np.ndarray:
    return np.array(
        [
            (
                chances.leave_with_earnings
                if p.earnings
                else chances.leave_with_children
                if p.children
                else chances.leave
            )
            / 1000
            for p in chosen
        ]
    )


def _frame(chosen: list[Profile]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "fall": [p.case for p in chosen],
            "barn": [p.children > 0 for p in chosen],
            "vuxna": [p.adults for p in chosen],
        }
    )


def _amounts(rng: np.random.Generator, chosen: list[Profile], paid: np.ndarray, chances: Chances) -> np.ndarray:
    base = np.array([p.amount for p in chosen], dtype=np.int64)
    spread = rng.integers(-chances.amount_spread_percent, chances.amount_spread_percent + 1, size=len(chosen))
    monthly = base * (100 + spread) // 100
    return np.where(paid, monthly[:, None], 0).astype(np.int64)


def histories(
    count: int,
    first: Month,
    months: int,
    *,
    seed: int = 2026,
    chances: Chances | None = None,
    folder: Path | None = None,
) -> PaymentHistories:
    """`count` households over `months` months from `first`, each copying a case drawn at random."""
    chances = chances or Chances()
    rng = np.random.default_rng(seed)
    bank = profiles(folder)
    chosen = [bank[i] for i in rng.integers(0, len(bank), size=count)]
    leave = _leave_chance(chosen, chances)
    paid = np.zeros((count, months), dtype=bool)
    paid[:, 0] = rng.random(count) < chances.start_with / 1000
    for t in range(1, months):
        draw = rng.random(count)
        paid[:, t] = np.where(paid[:, t - 1], draw >= leave, draw < chances.come_back / 1000)
    ids = np.array([f"S{i + 1:06d}" for i in range(count)], dtype=object)
    return PaymentHistories(ids, first, _amounts(rng, chosen, paid, chances), _frame(chosen))


def cohort(
    size: int,
    with_children: int,
    start: Month,
    after: int,
    *,
    seed: int = 2026,
    chances: Chances | None = None,
    folder: Path | None = None,
) -> PaymentHistories:
    """A synthetic group shaped like a project's starting point: `size` households with bistånd
    every month of the year up to `start` (so all are long-term then), `with_children` of them
    with children, followed for `after` months. Only the shape is copied; the months after are
    invented."""
    if not 0 <= with_children <= size:
        raise ValueError("antalet hushåll med barn ska vara mellan noll och gruppens storlek")
    chances = chances or Chances()
    rng = np.random.default_rng(seed)
    bank = profiles(folder)
    parents = [p for p in bank if p.children] or list(bank)
    others = [p for p in bank if not p.children] or list(bank)
    chosen = [parents[i] for i in rng.integers(0, len(parents), size=with_children)] + [
        others[i] for i in rng.integers(0, len(others), size=size - with_children)
    ]
    before = 12
    paid = np.zeros((size, before + after), dtype=bool)
    paid[:, :before] = True
    leave = _leave_chance(chosen, chances)
    for t in range(before, before + after):
        draw = rng.random(size)
        paid[:, t] = np.where(paid[:, t - 1], draw >= leave, draw < chances.come_back / 1000)
    ids = np.array([f"K{i + 1:04d}" for i in range(size)], dtype=object)
    return PaymentHistories(ids, start.plus(-(before - 1)), _amounts(rng, chosen, paid, chances), _frame(chosen))
