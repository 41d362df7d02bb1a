"""The JupyterHub deployment for real: a hub on loopback with the test log-in, two trainees log in
through Chromium, each does an exercise, and each attempt lands under the right user in a real
PostgreSQL server (tests/postgres.py), as a unit's deployment stores them."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from app_server import free_port
from browser import chromium_browser
from postgres import postgres  # noqa: F401  (the session's PostgreSQL server)

from toolkit.exercises import load_registry
from toolkit.progress import Store

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PASSWORD = "test-losen-7"
TRAINEES = ("ny-ss-11", "ny-ss-12")


def start_hub(tmp_path: Path, port: int, database: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HANDBOK_", "JUPYTERHUB_"))}
    env.update(
        HANDBOK_HUB_INLOGGNING="test",
        HANDBOK_HUB_TESTLOSENORD=PASSWORD,
        HANDBOK_HUB_PORT=str(port),
        HANDBOK_HUB_TILLSTAND=str(tmp_path / "hub"),
        HANDBOK_HUB_SPAWNER="simple",
        HANDBOK_METODHANDLEDARE="handledare-1",
        HANDBOK_DB=database,
        PATH=f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}",
    )
    log = open(tmp_path / "hub.log", "w")
    hub = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "jupyterhub"), "-f", str(CONFIG)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/api/", timeout=2)
            return hub
        except (OSError, urllib.error.HTTPError):
            if hub.poll() is not None or time.monotonic() > deadline:
                hub.terminate()
                pytest.fail((tmp_path / "hub.log").read_text()[-4000:])
            time.sleep(0.5)


def stop_hub(hub: subprocess.Popen) -> None:
    hub.terminate()  # the hub stops the trainees' servers and the proxy it started
    try:
        hub.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(hub.pid, 9)


def do_exercise(page, base: str, user: str, title: str) -> None:
    page.goto(f"{base}/hub/login", timeout=60000)
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    # the hub starts the trainee's server and sends them to the app, which knows who they are
    page.locator(".hb-open", has_text=title).first.click(timeout=240000)
    page.locator(".widget-button", has_text="Rätta").wait_for(timeout=120000)
    assert page.locator(".widget-text input[placeholder='till exempel ny-ss-07']").count() == 0 or (
        page.locator(".widget-text input[placeholder='till exempel ny-ss-07']").first.is_hidden()
    )
    # a readable answer (graded, whether right or wrong): every amount 0, a decision and a motivation
    page.locator(".hb-amount input").first.wait_for(timeout=60000)  # the rows are drawn after the button
    for field in page.locator(".hb-amount input").all():
        field.fill("0")
    page.locator(".widget-text", has_text="Belopp").locator("input").fill("0")
    page.locator(".widget-radio-box input").first.check()
    page.locator(".hb-exercise textarea").first.fill("Hushållet saknar inkomster och behöver bistånd.")
    page.locator(".widget-button", has_text="Rätta").click()
    try:
        page.locator(".hb-exercise", has_text="sparat").first.wait_for(timeout=60000)
    except Exception:  # say what the trainee saw instead of only a timeout
        pytest.fail(
            f"{user}: försöket sparades inte; övningen visar:\n{page.locator('.hb-exercise').first.inner_text()[-3000:]}"
        )


def test_two_trainees_log_in_and_their_attempts_are_their_own(tmp_path: Path, postgres):  # noqa: F811
    entry = load_registry().entry("bedomning-01")
    port = free_port()
    database = postgres()
    hub = start_hub(tmp_path, port, database)
    try:
        with chromium_browser() as browser:
            for user in TRAINEES:
                context = browser.new_context()
                do_exercise(context.new_page(), f"http://127.0.0.1:{port}", user, entry.title)
                context.close()
    finally:
        stop_hub(hub)
    store = Store(database)
    assert store.engine.dialect.name == "postgresql"
    for user in TRAINEES:
        attempts = store.attempts(user)
        assert [a.exercise for a in attempts] == [entry.record_id], (user, attempts)
    assert store.attempts("ny-ss-07") == []


def test_the_hub_user_name_is_the_pseudonym_when_it_is_one(monkeypatch):
    from toolkit.exercises.common import Session

    monkeypatch.delenv("HANDBOK_PSEUDONYM", raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "ny-ss-21")
    assert Session().current_pseudonym() == "ny-ss-21"
    monkeypatch.setenv("JUPYTERHUB_USER", "anna.svensson@kommun.example")  # a name: asked for a pseudonym instead
    assert Session().current_pseudonym() is None
