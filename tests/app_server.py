"""Start the exercise app exactly as `make serve` does, on a free port, with its own progress store."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from conftest import toolkit_env

from toolkit.exercises.app import voila_command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class AppServer:
    base: str
    process: subprocess.Popen

    def kernels(self) -> list[psutil.Process]:
        """The kernel processes the server runs now (one per open exercise session)."""
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        found = []
        for child in children:
            with contextlib.suppress(psutil.Error):
                if any("ipykernel" in part or "exercises.kernel" in part for part in child.cmdline()):
                    found.append(child)
        return found

    def wait_for_kernels(self, count: int, timeout: float = 60) -> int:
        """Wait until exactly `count` kernels run (or the time is up); the number running."""
        deadline = time.monotonic() + timeout
        while len(self.kernels()) != count and time.monotonic() < deadline:
            time.sleep(0.5)
        return len(self.kernels())


@contextlib.contextmanager
def voila_app(tmp_path: Path, **settings: str) -> Iterator[AppServer]:
    """The app on 127.0.0.1 with the given settings (environment variables)."""
    port = free_port()
    argv, env = voila_command(port)
    env = {
        **toolkit_env(),
        **{k: v for k, v in env.items() if k == "JUPYTER_PATH"},
        "HANDBOK_DB": f"sqlite:///{tmp_path / 'progress.sqlite'}",
        **settings,
    }
    env.pop("HANDBOK_PSEUDONYM", None)
    log_path = tmp_path / f"voila-{port}.log"
    log = open(log_path, "w")
    process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/voila/api/shutdown", timeout=2)
            except urllib.error.HTTPError:
                break  # the server answers
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(log_path.read_text())
                time.sleep(0.3)
            else:
                break
        yield AppServer(base, process)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
