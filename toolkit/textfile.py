"""Read a text file that a person names, safely: only a regular file, never more than the size
limit, and only UTF-8. Every refusal is an InputError in Swedish that names the file.

A path can be anything: a folder, a symbolic link that points at itself, a named pipe (FIFO)
that would wait forever for a writer, or a device such as /dev/zero that never ends. The file
is opened without blocking and checked with fstat on the open descriptor, so what is checked
is what is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from . import settings
from .errors import InputError

# Swedish words for the errors a path can give on open.
_OPEN_ERRORS = {
    errno.ENOENT: "filen finns inte",
    errno.ENOTDIR: "filen finns inte (en del av sökvägen är ingen mapp)",
    errno.EACCES: "filen får inte läsas (behörighet saknas)",
    errno.EPERM: "filen får inte läsas (behörighet saknas)",
    errno.ELOOP: "sökvägen är en symbolisk länk som pekar i en slinga (till sig själv eller runt)",
    errno.ENAMETOOLONG: "sökvägen är för lång",
    errno.EISDIR: "det är en mapp, inte en fil",
    errno.ENXIO: "det är ingen vanlig fil (en enhet eller en socket)",
}


def _kind(mode: int) -> str | None:
    """Why a file that is not regular cannot be read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "det är en mapp, inte en fil: ange en fil i mappen"
    if stat.S_ISFIFO(mode):
        return "det är en namngiven pipe (FIFO), ingen vanlig fil: ange en sparad fil"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "det är en enhet, ingen vanlig fil: ange en sparad fil"
    return "det är ingen vanlig fil: ange en sparad fil"


def read_bytes(path: str | Path, *, display: str | None = None, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (default: settings.max_file_bytes())."""
    name = display or str(path)
    limit = settings.max_file_bytes() if limit is None else limit
    try:
        # O_NONBLOCK: a FIFO opens at once instead of waiting for a writer; fstat refuses it below.
        fd = os.open(os.fspath(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        problem = _OPEN_ERRORS.get(
            error.errno or 0, f"filen kan inte öppnas ({errno.errorcode.get(error.errno or 0, error.errno)})"
        )
        raise InputError(problem, file=name) from None
    except ValueError:  # a NUL character in the path
        raise InputError("sökvägen innehåller ett otillåtet tecken (NUL)", file=name) from None
    try:
        info = os.fstat(fd)
        refusal = _kind(info.st_mode)
        if refusal is None and info.st_size > limit:
            refusal = _too_big(info.st_size, limit)
    except OSError:
        refusal = "filen kan inte läsas"
    if refusal:
        os.close(fd)
        raise InputError(refusal, file=name)
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise InputError(
                f"filen kan inte läsas ({errno.errorcode.get(error.errno or 0, error.errno)})", file=name
            ) from None
    if len(data) > limit:  # the file grew while it was read
        raise InputError(_too_big(len(data), limit), file=name)
    return data


def _too_big(size: int, limit: int) -> str:
    return (
        f"filen är {size:,} byte, mer än gränsen {limit:,} byte (en fallfil är några kilobyte); "
        "kontrollera att det är rätt fil, eller höj gränsen med HANDBOK_MAX_FILSTORLEK"
    ).replace(",", " ")


def decode(data: bytes, *, display: str) -> str:
    """UTF-8 text, without a leading byte order mark; InputError naming the line of the first
    byte that is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            "filen är inte sparad som UTF-8 (till exempel Latin-1 eller Windows-1252); spara om den som UTF-8",
            file=display,
            line=line,
        ) from None
    return text.removeprefix("\ufeff")


def read_text(path: str | Path, *, display: str | None = None, limit: int | None = None) -> str:
    """A regular UTF-8 text file of at most `limit` bytes; InputError for anything else."""
    name = display or str(path)
    return decode(read_bytes(path, display=name, limit=limit), display=name)
