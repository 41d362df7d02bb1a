"""Shared fixtures: the project root, the built book and the loaded rules."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from durations import Recorder, longest_first

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
VENV_BIN = Path(sys.executable).parent

# The test processes keep a million objects (imported libraries, kept parses, exercises) until
# they end; with Python's default thresholds (700, 10, 10) the collector walked them all some
# 35 times, 24 CPU-seconds of a run. Young objects are collected after every 10 000 allocations,
# the older generations a hundred times more rarely (as in the book's build, book/_ext/gc_tuning.py).
gc.set_threshold(10_000, 100, 10)

# Tests never write to the user's own progress store: each test process gets a fresh file.
os.environ.setdefault("HANDBOK_DB", f"sqlite:///{tempfile.mkdtemp(prefix='handbok-test-')}/progress.sqlite")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--store-durations", action="store_true", help="write each test file's time to tests/durations.json"
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("store_durations"):
        config.pluginmanager.register(Recorder(config.option.markexpr), "handbok-durations")


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    # At the end pytest collects garbage twice, to report exceptions raised while objects are
    # freed; by then a worker holds half a million to a million objects, and the two walks took
    # 1.3-2.5 s in each. The process ends right after: what exists now is frozen and not walked
    # (garbage left since the last collection during the run is not looked at).
    gc.freeze()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    longest_first(items, config.option.markexpr)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_html() -> Path:
    """The book built by `make book` (make test builds it first)."""
    if not (HTML / "index.html").is_file():
        pytest.fail("Boken är inte byggd: kör 'make book' (make test gör det först).")
    return HTML


@pytest.fixture(scope="session")
def rules():
    from toolkit.rules import load_rules

    return load_rules("exempelstad")


def toolkit_env(**extra: str) -> dict[str, str]:
    """Environment for subprocesses: the venv first on PATH, the example municipality."""
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["KOMMUN"] = "exempelstad"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env.update(extra)
    return env


def run_toolkit(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m toolkit ARGS` run in this process (toolkit.cli.main) as the process would
    run it: in `cwd`, with the example municipality, stdout and stderr captured as UTF-8 text,
    argparse's exit caught, and the exit code returned. A new process costs 0.7–2 s of imports
    per call; tests/test_cli.py keeps real processes for the entry point itself."""
    from toolkit.cli import main

    written = io.BytesIO(), io.BytesIO()
    out, err = (io.TextIOWrapper(raw, encoding="utf-8", write_through=True) for raw in written)
    kommun = os.environ.get("KOMMUN")
    os.environ["KOMMUN"] = "exempelstad"
    try:
        with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1
                if isinstance(exit_.code, str):  # Python prints such an exit's text
                    print(exit_.code, file=err)
    finally:
        if kommun is None:
            os.environ.pop("KOMMUN", None)
        else:
            os.environ["KOMMUN"] = kommun
    text = [raw.getvalue().decode("utf-8") for raw in written]
    return subprocess.CompletedProcess(["python", "-m", "toolkit", *args], code, *text)
