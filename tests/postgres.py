"""A real PostgreSQL server for the store's tests, started on loopback in a temporary folder
from Debian's `postgresql` package and stopped after the session. Never skipped: missing
binaries fail with how to install them."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

INSTALL = (
    "PostgreSQL behövs för testerna av framstegsdatabasen: installera Debians paket "
    "(sudo apt-get install postgresql) eller ange mappen med initdb och pg_ctl i PG_BIN."
)


def binaries() -> Path:
    """The folder with initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/*/bin."""
    explicit = os.environ.get("PG_BIN", "").strip()
    found = [explicit] if explicit else sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version)[::-1]
    for folder in found:
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    pytest.fail(INSTALL)


def _version(folder: str) -> int:
    number = Path(folder).parent.name
    return int(number) if number.isdigit() else 0


def _as_server_user(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; run it as the unprivileged user 'nobody' then.
    if os.geteuid() == 0:
        return ["runuser", "-u", "nobody", "--", *command]
    return command


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres() -> Iterator[Callable[[], str]]:
    """A function that creates a fresh, empty database on the session's server and returns its
    SQLAlchemy address."""
    import psycopg

    bin_dir = binaries()
    folder = Path(tempfile.mkdtemp(prefix="handbok-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody")
    port = _free_port()
    run = {"check": True, "capture_output": True, "text": True, "timeout": 120}
    try:
        subprocess.run(
            _as_server_user(
                [str(bin_dir / "initdb"), "-D", str(data), "-U", "handbok", "--auth=trust", "-E", "UTF8", "--no-sync"]
            ),
            **run,
        )
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
        subprocess.run(
            _as_server_user(
                [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-o", options, "-w", "start"]
            ),
            **run,
        )
    except subprocess.CalledProcessError as error:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"PostgreSQL kunde inte startas: {error.stderr or error.stdout}\n{INSTALL}")
    admin = f"postgresql://handbok@127.0.0.1:{port}/postgres"

    def database() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return f"postgresql+psycopg://handbok@127.0.0.1:{port}/{name}"

    try:
        yield database
    finally:
        subprocess.run(
            _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(folder, ignore_errors=True)
