"""Shared fixtures: the project root, the built book and the loaded rules."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
VENV_BIN = Path(sys.executable).parent

# Tests never write to the user's own progress store: each test process gets a fresh file.
os.environ.setdefault("HANDBOK_DB", f"sqlite:///{tempfile.mkdtemp(prefix='handbok-test-')}/progress.sqlite")


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
