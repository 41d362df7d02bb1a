"""A group followed over time: the households that were long-term when a project started,
and how many of them still get bistånd, stop or come back each month (as Borås followed
its 428 long-term cases from August 2018).

A household is "kvar" in a month when it got a payment that month; it "avslutades" in a
month when it got one the month before but not this month; it "kom tillbaka" when it got
none the month before but one this month. These are plain counts, not an official measure.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..months import Month
from .history import PaymentHistories
from .longterm import rolling_long_term


def follow(
    histories: PaymentHistories,
    start: Month,
    *,
    members: np.ndarray | None = None,
    until: Month | None = None,
    root: Path | None = None,
) -> pd.DataFrame:
    """One row per month from start: månad, kvar, avslutade (this month), tillbaka (this month),
    avslutade_sedan_start (cohort size minus kvar), andel_kvar_procent (whole percent, rounded
    down). members: a boolean mask of the cohort; default the households long-term in the
    start month by the rolling setting (langvarighet.yaml)."""
    if members is None:
        members = rolling_long_term(histories, start, root)
    members = np.asarray(members, dtype=bool)
    first = histories.column(start)
    last = histories.column(until) if until else histories.amounts.shape[1] - 1
    paid = histories.paid[members, first : last + 1]
    size = int(members.sum())
    kvar = paid.sum(axis=0)
    before = np.concatenate([paid[:, :1], paid[:, :-1]], axis=1)
    stopped = (before & ~paid).sum(axis=0)
    back = (~before & paid).sum(axis=0)
    return pd.DataFrame(
        {
            "månad": [str(start.plus(i)) for i in range(paid.shape[1])],
            "kvar": kvar,
            "avslutade": stopped,
            "tillbaka": back,
            "avslutade_sedan_start": size - kvar,
            "andel_kvar_procent": (kvar * 100) // max(size, 1),
        }
    )
