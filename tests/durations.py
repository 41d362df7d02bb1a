"""The order in which the test files are handed to pytest-xdist's two workers: the longest
first, by the time each file took in an earlier run (tests/durations.json).

xdist's own order starts the files with the most tests first, so a file of three slow tests
started last and one worker then ran alone for 8–12 s while the other was done. In collection
order (`--no-loadscope-reorder` in the Makefile), longest first, the files that start last are
short and both workers finish together. A file missing from the list goes first: it may be
long. `make durations` measures the files again; an out-of-date list only costs speed."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

import pytest

PATH = Path(__file__).with_name("durations.json")


def file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def _kept() -> dict:
    """The whole list: times per file under each -m selection; empty when it cannot be read."""
    try:
        data = json.loads(PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def known(selection: str) -> dict[str, float]:
    """The kept seconds per file for a run with this -m selection (make test's, make
    test-system's); empty when there are none."""
    try:
        return {str(name): float(seconds) for name, seconds in _kept().get(selection, {}).items()}
    except (AttributeError, TypeError, ValueError):
        return {}


def longest_first(items: list[pytest.Item], selection: str) -> None:
    """Sort the items file by file, the longest file first; a file's own order is kept."""
    seconds = known(selection)
    items.sort(key=lambda item: -seconds.get(file_of(item.nodeid), math.inf))


class Recorder:
    """Adds up setup, call and teardown per file (in the controlling process under xdist) and
    writes the totals, rounded to a tenth of a second, under the run's -m selection when it
    ends (a file with system tests and others has a time in each)."""

    def __init__(self, selection: str) -> None:
        self.selection = selection
        self.seconds: dict[str, float] = defaultdict(float)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[file_of(report.nodeid)] += report.duration

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(session.config, "workerinput"):  # a worker: the controller writes
            return
        run = {name: round(total, 1) for name, total in self.seconds.items()}
        kept = _kept() | {self.selection: dict(sorted(run.items(), key=lambda item: (-item[1], item[0])))}
        PATH.write_text(json.dumps(dict(sorted(kept.items())), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
