"""The core imports no UI library: only toolkit.exercises and toolkit.plots may."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import toolkit

UI = ("ipywidgets", "matplotlib", "IPython.display")


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
        if info.name.startswith(("toolkit.exercises", "toolkit.plots")) or info.name == "toolkit.__main__":
            continue
        names.append(info.name)
    return names


def test_there_is_a_core_to_check():
    names = core_modules()
    assert {
        "toolkit.assessment",
        "toolkit.rules",
        "toolkit.feedback",
        "toolkit.casebank.guard",
        "toolkit.progress",
        "toolkit.budget",
        "toolkit.plan",
        "toolkit.cli",
    } <= set(names)


def test_core_modules_import_no_ui_library():
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {[u.split('.')[0] for u in UI]!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_a_trainees_session_loads_no_table_library(tmp_path):
    """The app, the trainee's list with its skill figures and an exercise of each kind leave pandas unloaded (it is the supervisor's: tens of
    megabytes in every trainee's kernel); only the budget exercise, which draws its chart, loads
    matplotlib and numpy."""
    code = (
        "import os, sys\n"
        f"os.environ['HANDBOK_DB'] = 'sqlite:///{tmp_path / 'progress.sqlite'}'\n"
        "import toolkit.exercises.app\n"
        "print('ipywidgets', 'ipywidgets' in sys.modules)\n"  # the check above would see an exercise module
        "from toolkit.exercises import open_exercise\n"
        "from toolkit.casebank.exercises import load_registry\n"
        "first = {}\n"
        "for entry in load_registry().exercises:\n"
        "    first.setdefault(entry.kind, entry.id)\n"
        "for kind, exercise_id in first.items():\n"
        "    open_exercise(exercise_id, pseudonym='ny-ss-01')\n"
        "    loaded = sorted(m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules)\n"
        "    print(kind, loaded)\n"
        "from toolkit.exercises.catalogue import skill_progress\n"
        "from toolkit.progress import Store\n"
        "skill_progress(load_registry().exercises, Store(), 'ny-ss-01')\n"
        "print('listan', sorted(m for m in ('pandas',) if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = dict(line.split(" ", 1) for line in done.stdout.strip().splitlines())
    assert lines.pop("ipywidgets") == "True", done.stdout
    assert len(lines) >= 8, done.stdout
    assert all("pandas" not in loaded for loaded in lines.values()), done.stdout
    before_budget = list(lines)[: list(lines).index("budget")]
    assert all(lines[kind] == "[]" for kind in before_budget), done.stdout
