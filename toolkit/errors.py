"""Errors the toolkit shows to people: every message is Swedish and names what is wrong."""

from __future__ import annotations

import unicodedata


def one_line(text: object, limit: int = 300) -> str:
    """Text safe to show on one line: control characters written as escapes (a NUL as \\x00,
    a line break as \\n), and a very long text cut with '…'."""
    out = []
    for char in str(text):
        if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Zl", "Zp"}:
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    shown = "".join(out)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


class ToolkitError(Exception):
    """Base class: the message is meant for the user, never a traceback."""


class InputError(ToolkitError):
    """Bad input in a file or a form: names the file, the line and the field where known."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None, field: str | None = None):
        self.problem = message
        self.file = file
        self.line = line
        self.field = field
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.file:
            where.append(one_line(self.file))
        if self.line:
            where.append(f"rad {self.line}")
        if self.field:
            where.append(f"fältet '{one_line(self.field, 80)}'")
        prefix = ", ".join(where)
        problem = one_line(self.problem, 600)
        return f"{prefix}: {problem}" if prefix else problem


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
        where = [
            w
            for w in (
                one_line(self.file) if self.file else None,
                f"rad {self.line}" if self.line else None,
                f"kolumnen '{one_line(self.field, 80)}'" if self.field else None,
            )
            if w
        ]
        problem = one_line(self.problem, 600)
        return f"{', '.join(where)}: {problem}" if where else problem


class MissingCaseValueError(MissingParameterError):
    """A value the case file must give for the beräkning is missing (exit code 3, like a missing
    rule value): names the file, the line and the field, and what to write there."""

    def __init__(self, value: str, when: str, file: str, *, field: str, line: int | None = None, how: str = ""):
        self.value = value
        self.when = when
        self.file = file
        self.field = field
        self.line = line
        where = ", ".join(part for part in (file, f"rad {line}" if line else "", f"fältet '{field}'") if part)
        ToolkitError.__init__(
            self, f"{where}: värdet '{value}' saknas för {when}, så beräkningen kan inte göras. {how}".strip()
        )
