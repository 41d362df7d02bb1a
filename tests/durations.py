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


def known() -> dict[str, float]:
    try:
        data = json.loads(PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(name): float(seconds) for name, seconds in data.items()} if isinstance(data, dict) else {}


def longest_first(items: list[pytest.Item]) -> None:
    """Sort the items file by file, the longest file first; a file's own order is kept."""
    seconds = known()
    items.sort(key=lambda item: -seconds.get(file_of(item.nodeid), math.inf))


class Recorder:
    """Adds up setup, call and teardown per file (in the controlling process under xdist) and
    writes the totals, rounded to a tenth of a second, when the run ends."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[file_of(report.nodeid)] += report.duration

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(session.config, "workerinput"):  # a worker: the controller writes
            return
        merged = known() | {name: round(total, 1) for name, total in self.seconds.items()}
        text = json.dumps(dict(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))), indent=1, ensure_ascii=False)
        PATH.write_text(text + "\n", encoding="utf-8")
