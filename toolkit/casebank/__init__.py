"""The case bank: synthetic cases for training, a guard against personal data, seeded
variants and tools for the method supervisors who write cases.

casebank/cases/<id>.yaml holds the cases, casebank/skills.yaml the skills they train.
Nothing here imports a UI module.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import settings

# Read once at import from toolkit.settings (HANDBOK_FALLBANK, HANDBOK_BOK, HANDBOK_PROJEKT).
PROJECT = settings.project_root()
CASEBANK = settings.casebank_dir()
CASES = CASEBANK / "cases"
SKILLS = CASEBANK / "skills.yaml"
BOOK = settings.book_dir()


def display(path: Path) -> str:
    """A path as the user sees it: relative to the project when inside it."""
    return settings.display_path(path)


def case_paths(folder: Path = CASES) -> list[Path]:
    """Every case file in the bank, sorted by name."""
    return sorted(Path(folder).glob("*.yaml"))


def find_case(name: str, folder: Path = CASES) -> Path:
    """A case given as a path or as an id in the bank."""
    from ..errors import InputError

    path = Path(name)
    if path.suffix in {".yaml", ".yml"} or os.path.lexists(path):
        if not os.path.lexists(path):
            raise InputError("filen finns inte", file=name)
        return path  # reading it says what else is wrong (a folder, a pipe, a link that loops)
    candidate = Path(folder) / f"{name}.yaml"
    if candidate.is_file():
        return candidate
    raise InputError(f"det finns inget fall med id '{name}' i {display(Path(folder))}")
