"""Browser tests never skip silently: without Chromium they fail saying how to install it,
unless HANDBOK_TILLAT_HOPPA_OVER_WEBBLASARE=1 explicitly allows skipping; `make test-system` checks first."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import browser
import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_missing_chromium_fails_with_how_to_install(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(browser, "CHROMIUM", str(tmp_path / "chromium"))
    monkeypatch.delenv(browser.SKIP_SETTING, raising=False)
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        browser.need_chromium()
    monkeypatch.setenv(browser.SKIP_SETTING, "1")
    with pytest.raises(pytest.skip.Exception):
        browser.need_chromium()


def test_chromium_is_here():
    assert browser.chromium_missing() is None  # on this machine the browser tests run


def make_check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """`make check-chromium` as a user that is not root (a stand-in `id` says 1000)."""
    (tmp_path / "id").write_text("#!/bin/sh\necho 1000\n")
    (tmp_path / "id").chmod(0o755)
    environment = {k: v for k, v in os.environ.items() if k != browser.SKIP_SETTING}
    environment["PATH"] = f"{tmp_path}:{environment['PATH']}"
    environment.update(env)
    missing = f"CHROMIUM={tmp_path / 'ingen-chromium'}"
    return subprocess.run(
        ["make", "-s", "check-chromium", missing], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def test_make_test_stops_with_how_to_install_when_chromium_is_missing(tmp_path: Path):
    result = make_check(tmp_path)
    assert result.returncode != 0 and "sudo apt-get install chromium" in result.stdout, result.stdout
    allowed = make_check(tmp_path, HANDBOK_TILLAT_HOPPA_OVER_WEBBLASARE="1")
    assert allowed.returncode == 0 and "hoppas över" in allowed.stdout
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test-system: .*check-chromium", makefile, re.M)
