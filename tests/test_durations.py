"""The order in which the workers get the test files: the longest first, unknown files before
them, each file's own tests in their order (tests/durations.py)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import durations


def test_the_longest_file_goes_first_and_a_new_file_before_it(monkeypatch, tmp_path):
    kept = tmp_path / "durations.json"
    kept.write_text(json.dumps({"tests/test_short.py": 0.5, "tests/test_long.py": 12.0}), encoding="utf-8")
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
    durations.longest_first(items)  # type: ignore[arg-type]
    assert [item.nodeid for item in items] == [
        "tests/test_new.py::test_c",
        "tests/test_long.py::test_b",
        "tests/test_long.py::test_a",
        "tests/test_short.py::test_a",
        "tests/test_short.py::test_b",
    ]


def test_the_recorder_adds_up_each_file_and_keeps_the_files_it_did_not_run(monkeypatch, tmp_path):
    kept = tmp_path / "durations.json"
    kept.write_text(json.dumps({"tests/test_other.py": 3.0, "tests/test_a.py": 9.0}), encoding="utf-8")
    monkeypatch.setattr(durations, "PATH", kept)
    recorder = durations.Recorder()
    for nodeid, seconds in [("tests/test_a.py::x", 0.25), ("tests/test_a.py::y", 1.0), ("book/n.ipynb::Cell 0", 2.0)]:
        recorder.pytest_runtest_logreport(SimpleNamespace(nodeid=nodeid, duration=seconds))  # type: ignore[arg-type]
    recorder.pytest_sessionfinish(SimpleNamespace(config=SimpleNamespace()))  # type: ignore[arg-type]
    assert json.loads(kept.read_text(encoding="utf-8")) == {
        "tests/test_other.py": 3.0,
        "book/n.ipynb": 2.0,
        "tests/test_a.py": 1.2,
    }
    assert list(json.loads(kept.read_text(encoding="utf-8"))) == [
        "tests/test_other.py",
        "book/n.ipynb",
        "tests/test_a.py",
    ]


def test_a_broken_list_only_means_no_order(monkeypatch, tmp_path):
    broken = tmp_path / "durations.json"
    broken.write_text("{ inte json", encoding="utf-8")
    monkeypatch.setattr(durations, "PATH", broken)
    assert durations.known() == {}
