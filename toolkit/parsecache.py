"""Parsed YAML files kept on disk between processes.

Parsing with positions (ruamel's round-trip constructor) is slow, even with libyaml reading
the text (yamlevents), and every command, test process and exercise session reads the rule
values. A parse that passed every check is kept as a pickle named by the SHA-256 of the text,
of the reader's own code, of ruamel's and PyYAML's versions and of whether comments are kept,
so a changed file or a changed reader is a new name and nothing stale is ever read. Errors are
never kept. Only the data is kept, never a validated model: validation runs on every load.

The folder is HANDBOK_CACHE, else the user's cache folder; HANDBOK_CACHE=av turns it off.
A folder that cannot be written only means parsing again. The pickles are the user's own
files, in the user's own folder, like pip's and Python's caches.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from . import settings

KEEP = 4000  # files; beyond this the older half is removed (a case file's parse is ~10 kB)


@functools.cache
def _folder() -> Path | None:
    explicit = os.environ.get("HANDBOK_CACHE", "").strip()
    if explicit.lower() == "av":
        return None
    if explicit:
        return Path(explicit).expanduser() / "yaml"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(settings.APP_NAME, appauthor=False)) / "yaml"


@functools.cache
def _reader_version() -> bytes:
    from ruamel.yaml import __version__ as ruamel_version

    from . import yamlevents, yamlfile

    try:
        from yaml import __version__ as pyyaml_version
    except ImportError:
        pyyaml_version = "-"
    code = Path(yamlfile.__file__).read_bytes() + Path(yamlevents.__file__).read_bytes()
    versions = f"{ruamel_version} {pyyaml_version} {yamlevents.available()}"
    return hashlib.sha256(code + versions.encode()).digest()


def _path(text: str, roundtrip: bool) -> Path | None:
    folder = _folder()
    if folder is None:
        return None
    reader = _reader_version() + (b"roundtrip" if roundtrip else b"")
    digest = hashlib.sha256(reader + text.encode("utf-8", "surrogatepass")).hexdigest()
    return folder / f"{digest}.pickle"


def get(text: str, roundtrip: bool = False) -> Any | None:
    """The kept parse of this text, or None; roundtrip: the parse with comments."""
    path = _path(text, roundtrip)
    if path is None:
        return None
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None


def put(text: str, data: Any, roundtrip: bool = False) -> None:
    """Keep a parse that passed every check; written whole or not at all."""
    path = _path(text, roundtrip)
    if path is None or path.exists():
        return
    try:
        blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
            try:
                handle.write(blob)
            except OSError:
                temporary.unlink(missing_ok=True)
                raise
        os.replace(temporary, path)
        _prune(path.parent)
    except (OSError, pickle.PicklingError, TypeError, RecursionError):
        return


def _prune(folder: Path) -> None:
    entries = [entry for entry in os.scandir(folder) if entry.name.endswith(".pickle")]
    if len(entries) <= KEEP:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime)
    for entry in entries[: len(entries) // 2]:
        try:
            os.unlink(entry.path)
        except OSError:
            pass
