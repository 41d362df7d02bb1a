"""A change to the toolkit's parameters re-executes the pages that use them on the next build."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import toolkit_env

pytestmark = pytest.mark.build

SMALL_TOC = """format: jb-book
root: book/intro
chapters:
  - file: book/chapters/bedomning-och-berakning
  - file: book/exercises/riksnorm-hushall
"""
IGNORE = shutil.ignore_patterns(
    ".venv", "_build", "node_modules", ".git", ".pytest_cache", ".hypothesis", "__pycache__", "*.sqlite"
)


def build(folder: Path) -> list[str]:
    """Build the book in folder; returns the documents Sphinx read."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    done = subprocess.run(
        [str(jupyter_book), "build", str(folder), "--builder", "html", "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        env=toolkit_env(PYTHONPATH=str(folder)),
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return re.findall(r"reading sources\.\.\. .*?\] (?:\x1b\[[0-9;]*m)?(\S+?)(?:\x1b|\s|$)", done.stdout)


def single_amount(folder: Path) -> str:
    from toolkit.money import format_kr, ore
    from toolkit.months import Month
    from toolkit.rules import Rules

    rules = Rules(folder / "toolkit" / "parameters", "exempelstad")
    return format_kr(ore(rules.adult_amount(Month(2025, 1), couple=False)))


def test_changed_parameter_reaches_the_built_page(tmp_path: Path, root: Path):
    copy = tmp_path / "bok"
    shutil.copytree(root, copy, ignore=IGNORE)
    (copy / "_toc.yml").write_text(SMALL_TOC, encoding="utf-8")
    page = copy / "_build" / "html" / "book" / "chapters" / "bedomning-och-berakning.html"

    first = build(copy)
    assert "book/chapters/bedomning-och-berakning" in first
    before = single_amount(copy)
    assert before in page.read_text(encoding="utf-8")

    # Nothing changed: a warm rebuild reads nothing again.
    assert build(copy) == []

    # The 2025 amount for ensamstående changes in the parameters only.
    parameters = copy / "toolkit" / "parameters" / "riksnorm.yaml"
    text = parameters.read_text(encoding="utf-8")
    old = int(before.replace("\u202f", "").split("\u00a0")[0])
    changed = re.sub(rf"(från: 2025-01-01[\s\S]*?ensamstående: ){old}", rf"\g<1>{old + 7}", text, count=1)
    assert changed != text
    parameters.write_text(changed, encoding="utf-8")
    after = single_amount(copy)
    assert after != before

    reread = build(copy)
    assert "book/chapters/bedomning-och-berakning" in reread
    assert "book/intro" not in reread  # a page without code does not depend on the toolkit
    html = page.read_text(encoding="utf-8")
    assert after in html
