"""The order in which the workers get the test files: the longest first, unknown files before
them, each file's own tests in their order (tests/durations.py)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import durations

MAIN, SYSTEM = "not (browser or build or system)", "browser or build or system"


def test_the_longest_file_goes_first_and_a_new_file_before_it(monkeypatch, tmp_path):
    kept = tmp_path / "durations.json"
    times = {MAIN: {"tests/test_short.py": 0.5, "tests/test_long.py": 12.0}, SYSTEM: {"tests/test_short.py": 90.0}}
    kept.write_text(json.dumps(times), encoding="utf-8")
    monkeypatch.setattr(durations, "PATH", kept)
    items = [
        SimpleNamespace(nodeid=nodeid)
        for nodeid in (
            "tests/test_short.py::test_a",
            "tests/test_long.py::test_b",
            "tests/test_new.py::test_c",
            "tests/test_long.py::test_a",
            "tests/test_short.py::test_b",
        )
    ]
    durations.longest_first(items, MAIN)  # type: ignore[arg-type]
    assert [item.nodeid for item in items] == [
        "tests/test_new.py::test_c",
        "tests/test_long.py::test_b",
        "tests/test_long.py::test_a",
        "tests/test_short.py::test_a",
        "tests/test_short.py::test_b",
    ]
    durations.longest_first(items, SYSTEM)  # type: ignore[arg-type]
    assert [item.nodeid for item in items][-2:] == ["tests/test_short.py::test_a", "tests/test_short.py::test_b"]
    assert durations.known(SYSTEM) == {"tests/test_short.py": 90.0}


def test_the_recorder_adds_up_each_file_under_its_selection_and_keeps_the_other(monkeypatch, tmp_path):
    kept = tmp_path / "durations.json"
    kept.write_text(json.dumps({SYSTEM: {"tests/test_a.py": 40.0}, MAIN: {"tests/test_old.py": 9.0}}), encoding="utf-8")
    monkeypatch.setattr(durations, "PATH", kept)
    recorder = durations.Recorder(MAIN)
    for nodeid, seconds in [("tests/test_a.py::x", 0.25), ("tests/test_a.py::y", 1.0), ("book/n.ipynb::Cell 0", 2.0)]:
        recorder.pytest_runtest_logreport(SimpleNamespace(nodeid=nodeid, duration=seconds))  # type: ignore[arg-type]
    recorder.pytest_sessionfinish(SimpleNamespace(config=SimpleNamespace()))  # type: ignore[arg-type]
    written = json.loads(kept.read_text(encoding="utf-8"))
    assert written == {SYSTEM: {"tests/test_a.py": 40.0}, MAIN: {"book/n.ipynb": 2.0, "tests/test_a.py": 1.2}}
    assert list(written[MAIN]) == ["book/n.ipynb", "tests/test_a.py"]  # longest first, for people


def test_a_broken_list_only_means_no_order(monkeypatch, tmp_path):
    broken = tmp_path / "durations.json"
    monkeypatch.setattr(durations, "PATH", broken)
    for text in ("{ inte json", "[1, 2]", json.dumps({MAIN: [1]})):
        broken.write_text(text, encoding="utf-8")
        assert durations.known(MAIN) == {}
