"""`make book` runs the build only when something it reads changed, and never leaves a stale
book: a newer input file, another municipality or HANDBOK_* setting, a missing built book and a
failed build all make the next `make book` build again. A stand-in for jupyter-book records
each run, so the test takes seconds and builds nothing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

FAKE = """#!/bin/sh
# Stands in for jupyter-book: records the run and writes an index page, or fails on request.
echo run >> "$FAKE_LOG"
[ "${FAKE_FAIL:-}" = 1 ] && exit 1
mkdir -p "$FAKE_OUT/_build/html" && touch "$FAKE_OUT/_build/html/index.html"
"""


@pytest.fixture
def make_book(tmp_path: Path):
    bin_dir, out, log = tmp_path / "bin", tmp_path / "ut", tmp_path / "körningar.txt"
    bin_dir.mkdir()
    fake = bin_dir / "jupyter-book"
    fake.write_text(FAKE, encoding="utf-8")
    fake.chmod(0o755)
    log.touch()
    base = {k: v for k, v in os.environ.items() if not k.startswith("HANDBOK_") and k != "KOMMUN"}

    def run(*, fail: bool = False, **env: str) -> int:
        """Run `make book` and return how many builds have run so far."""
        environment = {**base, "FAKE_LOG": str(log), "FAKE_OUT": str(out), **env}
        if fail:
            environment["FAKE_FAIL"] = "1"
        done = subprocess.run(
            ["make", "--no-print-directory", "book", f"OUT={out}", f"BIN={bin_dir}"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
        )
        assert (done.returncode != 0) == fail, done.stdout + done.stderr
        return len(log.read_text(encoding="utf-8").splitlines())

    run.out = out  # type: ignore[attr-defined]
    return run


def test_nothing_changed_means_no_build(make_book):
    assert make_book() == 1
    assert make_book() == 1
    assert make_book() == 1


def test_a_newer_input_file_builds_again(make_book):
    assert make_book() == 1
    stamp = make_book.out / "_build" / ".book-built"
    os.utime(stamp, (0, 0))  # every file of the book, toolkit and case bank is now newer
    assert make_book() == 2
    assert make_book() == 2


def test_another_municipality_or_setting_builds_again(make_book):
    assert make_book() == 1
    assert make_book(KOMMUN="annanstad") == 2
    assert make_book(KOMMUN="annanstad") == 2
    assert make_book(KOMMUN="annanstad", HANDBOK_OVNINGSAPP="https://ovningar.example/") == 3
    assert make_book() == 4
    assert make_book(HANDBOK_CACHE="/tmp/annan-cache") == 4  # where parses are kept changes no page


def test_a_missing_book_or_a_failed_build_builds_again(make_book):
    assert make_book() == 1
    (make_book.out / "_build" / "html" / "index.html").unlink()
    assert make_book() == 2
    os.utime(make_book.out / "_build" / ".book-built", (0, 0))
    assert make_book(fail=True) == 3
    assert make_book() == 4
    assert make_book() == 4
