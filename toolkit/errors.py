"""Errors the toolkit shows to people: every message is Swedish and names what is wrong."""
from __future__ import annotations


class ToolkitError(Exception):
    """Base class: the message is meant for the user, never a traceback."""


class InputError(ToolkitError):
    """Bad input in a file or a form: names the file, the line and the field where known."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None):
        self.problem = message
        self.file = file
        self.line = line
        self.field = field
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.line:
            where.append(f"rad {self.line}")
        if self.field:
            where.append(f"fältet '{self.field}'")
        prefix = ", ".join(where)
        return f"{prefix}: {self.problem}" if prefix else self.problem


class MissingParameterError(ToolkitError):
    """A rule value is missing for the month assessed: the toolkit never guesses."""

    def __init__(self, value: str, when: str, file: str):
        self.value = value
        self.when = when
        self.file = file
        super().__init__(
            f"Värdet '{value}' saknas för {when}. Det finns inget verifierat värde, så "
            f"beräkningen kan inte göras. Lägg till värdet med källa i {file}."
        )


class CsvError(InputError):
    """Bad input in a CSV file: names the file, the row and the column ("kolumnen", not "fältet")."""

    def describe(self) -> str:
        where = [w for w in (self.file, f"rad {self.line}" if self.line else None,
                             f"kolumnen '{self.field}'" if self.field else None) if w]
        return f"{', '.join(where)}: {self.problem}" if where else self.problem
