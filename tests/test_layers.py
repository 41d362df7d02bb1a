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


def test_the_check_would_see_an_exercise_module():
    code = "import sys, toolkit.exercises\nprint('ipywidgets' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
