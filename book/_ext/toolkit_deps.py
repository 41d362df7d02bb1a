"""Re-execute a notebook page when the toolkit, its parameters or the case bank change.

The pages run code from `toolkit/` and read `toolkit/parameters/` and `casebank/`. Sphinx
only re-reads a page whose own source changed, so a new riksnorm figure would leave the
old one on the page. This extension records those files as dependencies of every page
that executes code; Sphinx then re-reads (and myst-nb, in force mode, re-executes) the page
whenever one of them is newer than the page's last build.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

# Folders, relative to the book's root, whose files the executed pages depend on.
WATCHED = ("toolkit", "casebank")
SUFFIXES = {".py", ".yaml", ".yml", ".csv"}
CODE_CELL = re.compile(r"^```\{code-cell\}", re.MULTILINE)


def _watched_files(root: Path) -> list[str]:
    files = []
    for folder in WATCHED:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                files.append(str(path))
    return files


def _executes_code(path: Path, source: str) -> bool:
    return path.suffix == ".ipynb" or bool(CODE_CELL.search(source))


def note_dependencies(app: Sphinx, docname: str, source: list[str]) -> None:
    path = Path(app.env.doc2path(docname))
    if not _executes_code(path, source[0]):
        return
    for file in _watched_files(Path(app.srcdir)):
        app.env.note_dependency(file)


def setup(app: Sphinx) -> dict:
    app.connect("source-read", note_dependencies)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
