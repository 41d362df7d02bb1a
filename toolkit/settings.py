"""Where the toolkit finds and keeps things: one module decides, from environment variables
with documented defaults, so that the package works from a source checkout, an editable
install and a plain `pip install .` alike.

| variable                 | what                                    | default                                   |
|--------------------------|-----------------------------------------|-------------------------------------------|
| `HANDBOK_PROJEKT`        | the project folder (book, case bank)    | the checkout the package lies in, else the current folder |
| `HANDBOK_FALLBANK`       | the case bank                           | `<projekt>/casebank`                      |
| `HANDBOK_BOK`            | the book's sources                      | `<projekt>/book`                          |
| `HANDBOK_BYGGD_BOK`      | the built book (HTML)                   | `<projekt>/_build/html`                   |
| `HANDBOK_DB`             | the progress store (SQLAlchemy address) | SQLite in the user's data folder          |
| `KOMMUN`                 | the municipality's short name           | `exempelstad`                             |
| `HANDBOK_OVNINGSAPP`     | the exercise app's address (book links) | none: the book shows no app link          |
| `HANDBOK_MAX_BELOPP`     | the largest amount (kr) a file may hold | `10000000` (ten million kronor)           |
| `HANDBOK_MAX_FILSTORLEK` | the largest file (bytes) the toolkit reads | `2000000` (2 MB)                       |
| `HANDBOK_APP_VARDAR`     | host names the exercise app answers to, besides this computer | none (only localhost, 127.0.0.1, ::1) |
| `HANDBOK_KERNEL_TOMGANG_MINUTER` | minutes before an idle exercise session is shut down | `20`                  |
| `HANDBOK_MAX_KERNLAR`    | exercise sessions (kernels) open at once in the app | `25`                              |
| `HANDBOK_CACHE`          | where parsed YAML files are kept between processes (`av`: nowhere) | the user's cache folder |

The two limits guard against absurd or hostile input, not against any rule: a case file is a
few kilobytes, and no monthly cost, income, asset or adjustment in försörjningsstöd comes near
ten million kronor, so a larger number is a typing error (or an attack) and is refused with
a message naming the setting. They are settings rather than rule values because they have
no start date and no legal source; a municipality that trains on unusual cases may raise them.

The rule values (`toolkit/parameters/`) are package data and always travel with the code.
Functions, not constants: a test or a server may change the environment after import.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PARAMETERS = PACKAGE / "parameters"
DEFAULT_MUNICIPALITY = "exempelstad"
DEFAULT_MAX_AMOUNT = 10_000_000
DEFAULT_MAX_FILE_BYTES = 2_000_000
DEFAULT_IDLE_MINUTES = 20
DEFAULT_MAX_KERNELS = 25
APP_NAME = "handbok-ekonomiskt-bistand"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().resolve() if value else None


def project_root() -> Path:
    """The project folder: HANDBOK_PROJEKT, else the source checkout this package lies in
    (editable install), else the current folder (installed package run from a project)."""
    explicit = _env_path("HANDBOK_PROJEKT")
    if explicit is not None:
        return explicit
    checkout = PACKAGE.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "casebank").is_dir():
        return checkout
    return Path.cwd().resolve()


def casebank_dir() -> Path:
    """The case bank: cases, budgets, plans, controls and the exercise registry."""
    return _env_path("HANDBOK_FALLBANK") or project_root() / "casebank"


def book_dir() -> Path:
    """The book's sources (chapters, exercise notebooks, the app's notebook)."""
    return _env_path("HANDBOK_BOK") or project_root() / "book"


def built_book_dir() -> Path:
    """The built book that the exercise app links to and serves beside itself."""
    return _env_path("HANDBOK_BYGGD_BOK") or project_root() / "_build" / "html"


def data_dir() -> Path:
    """The user's data folder for this toolkit (never inside the package or the checkout)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_url() -> str:
    """The progress store: HANDBOK_DB (any SQLAlchemy address), else an SQLite file in the
    user's data folder."""
    explicit = os.environ.get("HANDBOK_DB", "").strip()
    if explicit:
        return explicit
    return f"sqlite:///{data_dir() / 'progress.sqlite'}"


def municipality() -> str:
    """The municipality whose guidelines apply: KOMMUN, else the example municipality."""
    return os.environ.get("KOMMUN", "").strip() or DEFAULT_MUNICIPALITY


def exercise_app_url() -> str:
    """The exercise app's address that the book's exercise pages link to: HANDBOK_OVNINGSAPP
    (set by the book build from _config.yml), else "" and the pages show no link."""
    return os.environ.get("HANDBOK_OVNINGSAPP", "").strip()


def _env_limit(name: str, default: int) -> int:
    value = os.environ.get(name, "").replace(" ", "").replace("_", "").strip()
    if not value:
        return default
    if not value.isdigit() or len(value) > 18 or int(value) < 1:
        from .errors import InputError

        raise InputError(f"inställningen {name} ska vara ett positivt heltal, inte '{value[:40]}'")
    return int(value)


def max_amount() -> int:
    """The largest amount in whole kronor that a case, budget or key may hold: HANDBOK_MAX_BELOPP,
    else ten million. A larger amount is refused as a typing error, never computed."""
    return _env_limit("HANDBOK_MAX_BELOPP", DEFAULT_MAX_AMOUNT)


def max_file_bytes() -> int:
    """The largest file in bytes that the toolkit reads: HANDBOK_MAX_FILSTORLEK, else 2 MB."""
    return _env_limit("HANDBOK_MAX_FILSTORLEK", DEFAULT_MAX_FILE_BYTES)


def app_hosts() -> list[str]:
    """The host names the exercise app answers to besides this computer's own (HANDBOK_APP_VARDAR,
    comma-separated, e.g. 'ovningar.exempelstad.se'); a request naming another host is refused."""
    return [h.strip().lower() for h in os.environ.get("HANDBOK_APP_VARDAR", "").split(",") if h.strip()]


def kernel_idle_minutes() -> int:
    """Minutes an exercise session may stand idle, with no page connected, before its kernel is
    shut down: HANDBOK_KERNEL_TOMGANG_MINUTER, else 20."""
    return _env_limit("HANDBOK_KERNEL_TOMGANG_MINUTER", DEFAULT_IDLE_MINUTES)


def max_kernels() -> int:
    """How many exercise sessions (kernels) the app keeps at once: HANDBOK_MAX_KERNLAR, else 25.
    The next trainee gets a page that asks them to try again shortly."""
    return _env_limit("HANDBOK_MAX_KERNLAR", DEFAULT_MAX_KERNELS)


def display_path(path: Path) -> str:
    """A path as the user sees it: relative to the project (or the package's parent) when
    it lies there, else as it is."""
    path = Path(path)
    for base in (project_root(), PACKAGE.parent):
        try:
            return str(path.resolve().relative_to(base))
        except (ValueError, OSError, RuntimeError):  # outside the base, or a link that loops
            continue
    return str(path)
