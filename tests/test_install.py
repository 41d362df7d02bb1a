"""The package stands on its own: a non-editable install (`uv pip install .`) into a fresh
virtual environment runs `python -m toolkit assess` on a case file and opens an exercise,
from a folder outside the checkout, with the case bank found through HANDBOK_FALLBANK.

The dependencies come from the project's own locked environment (a path entry in the new
environment), so the test installs only this package, the way `pip install .` copies it. uv
installs it, as the Makefile installs everything (the project's venv has no pip of its own)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest
from conftest import ROOT, VENV_BIN
from ruamel.yaml import YAML

pytestmark = pytest.mark.system

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with this package installed non-editable; returns its python."""
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    # Install from a clean copy of the tracked files, as from a fresh clone.
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in files.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The locked dependencies, without the project's editable hook (a plain path entry runs no .pth).
    Path(site, "locked_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            VENV_BIN / "uv",
            "pip",
            "install",
            "--quiet",
            "--python",
            python,
            "--no-deps",
            "--no-build-isolation",
            "--offline",
            str(source),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    shutil.rmtree(source)  # nothing may point back at the copy the package was built from
    return python


def _run(python: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(cwd),
        "HANDBOK_FALLBANK": str(ROOT / "casebank"),
        "HANDBOK_DB": f"sqlite:///{cwd / 'progress.sqlite'}",
        "KOMMUN": "exempelstad",
    }
    return subprocess.run([python, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_installed_package_is_a_copy(installed, tmp_path):
    done = _run(installed, tmp_path, "-c", "import toolkit; print(toolkit.__file__)")
    assert done.returncode == 0, done.stderr
    location = Path(done.stdout.strip())
    assert ROOT not in location.parents, location
    assert installed.parent.parent in location.parents


def test_installed_package_assesses_a_case_file(installed, tmp_path):
    case = GOLDEN / "golden-2025-september-ensamstaende-foralder.yaml"
    key = YAML(typ="safe").load(case.read_text(encoding="utf-8"))["facit"]
    done = _run(installed, tmp_path, "-m", "toolkit", "assess", "--json", str(case))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["belopp"] == key["belopp"]


def test_installed_package_opens_an_exercise(installed, tmp_path):
    """Wiring only (the engine is tested against hand-worked keys elsewhere): the installed
    package finds the case, its templates and the store, and records the attempt."""
    code = (
        "from toolkit.exercises import assessment_exercise\n"
        "exercise = assessment_exercise('ensam-forsta-ansokan', pseudonym='installtest')\n"
        "exercise.fill(exercise.right_answer())\n"
        "exercise.check_button.click()\n"
        "print(exercise.feedback.all_correct, exercise.attempt_id)\n"
    )
    done = _run(installed, tmp_path, "-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "1"], done.stdout
    assert (tmp_path / "progress.sqlite").is_file()
