"""Long-term cases and improvement work: long-term status from payment histories, a group
followed over time, synthetic histories from the case bank, and run charts (seriediagram)
with their rules. Definitions and rule parameters: toolkit/parameters/langvarighet.yaml and
seriediagram.yaml.

Core capability: no UI imports (the charts are drawn in toolkit.plots.improvement). The
names below load on first use, so the command line does not import pandas to start.
"""

from __future__ import annotations

import importlib
from typing import Any

_NAMES = {
    "Analysis": "runchart",
    "Signal": "runchart",
    "analyse": "runchart",
    "conclusion": "runchart",
    "follow": "cohort",
    "PaymentHistories": "history",
    "read_payments": "history",
    "long_term": "longterm",
    "rolling_long_term": "longterm",
    "runs": "longterm",
    "status": "longterm",
    "summary": "longterm",
}
__all__ = sorted(_NAMES)


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        return getattr(importlib.import_module(f".{_NAMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
