"""Read a small CSV file with Swedish column names, keeping row numbers for the messages.

Comma or semicolon as separator (Excel in Swedish saves with semicolons), UTF-8 with or
without a byte-order mark; empty rows are skipped. Errors are CsvError: file, row, column.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .errors import CsvError, InputError
from .textfile import read_bytes


def read_table(
    path: str | Path, columns: dict[str, bool], *, display: str | None = None
) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: text}) for every non-empty row; CsvError for a missing file, a
    missing required column or an unknown column."""
    name = display or str(path)
    try:  # only a regular file under the size limit: never a pipe, a device or a folder
        raw = read_bytes(path, display=name)
    except InputError as error:
        raise CsvError(error.problem, file=name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvError("filen är inte sparad som UTF-8 (välj CSV UTF-8 när du sparar i Excel)", file=name) from None
    first = text.splitlines()[0] if text.strip() else ""
    if not first:
        raise CsvError("filen är tom", file=name)
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    for column in header:
        if column not in columns:
            raise CsvError(f"okänd kolumn (kolumnerna är {', '.join(columns)})", file=name, line=1, field=column)
    for column, required in columns.items():
        if required and column not in header:
            raise CsvError("kolumnen saknas i första raden", file=name, line=1, field=column)
    rows = []
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            raise CsvError(f"raden har {len(values)} värden men filen har {len(header)} kolumner", file=name, line=line)
        row = {column: (values[i].strip() if i < len(values) else "") for i, column in enumerate(header)}
        rows.append((line, row))
    if not rows:
        raise CsvError("filen har inga rader under rubrikraden", file=name)
    return rows
