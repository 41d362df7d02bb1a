"""Normalise a text before the guard matches it, and remember where each character came from.

A careless author, or a copy from a web page or a Word file, hides an identifier from a plain
pattern without meaning to: a full-width @ or digit, a non-breaking hyphen, a zero-width space
or a soft hyphen inside a number, an HTML entity (&#56; for 8), a tag or Markdown emphasis
around part of it (811218-**9876**). The normalised text has:

- HTML entities decoded and tags removed;
- Markdown emphasis and code markers (* _ ` ~) next to a character removed;
- Unicode NFKC applied (full-width and other compatibility forms become plain letters and
  digits), combining accents composed with their letter;
- zero-width characters and soft hyphens removed;
- every dash (hyphen, non-breaking hyphen, en dash, minus) written '-', every space ' '.

Each character of the result keeps the span of the original text it came from, so that a
finding points at the original line and the anonymizer masks the original characters.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# Characters that take no room: zero-width space, non-joiner and joiner, word joiner, invisible
# operators, byte order mark, soft hyphen, Mongolian vowel separator.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e")
_MARKUP = re.compile(
    r"(?P<entity>&(?:\#\d{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<tag></?[A-Za-z][^<>\n]{0,200}>)"
    r"|(?P<emphasis>(?<=\S)[*_`~]+|[*_`~]+(?=\S))"
)
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


@dataclass(frozen=True)
class Normalised:
    """The normalised text; starts[i] and ends[i] give the original span of text[i]."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of text[start:end]."""
        if end <= start:
            position = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return position, position
        return self.starts[start], self.ends[end - 1]


def _fold(char: str) -> str:
    if char == "\u2212" or unicodedata.category(char) == "Pd":
        return "-"
    if unicodedata.category(char) == "Zs":
        return " "
    return char


class _Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def ascii(self, text: str, offset: int) -> None:
        # ASCII needs no NFKC; only the hyphen-minus is already '-'.
        self.chars.extend(text)
        self.starts.extend(range(offset, offset + len(text)))
        self.ends.extend(range(offset + 1, offset + len(text) + 1))

    def add(self, text: str, start: int, end: int) -> None:
        for char in text:
            if char in INVISIBLE:
                continue
            for part in unicodedata.normalize("NFKC", char):
                if part in INVISIBLE:
                    continue
                if unicodedata.combining(part):
                    if self.chars:
                        composed = unicodedata.normalize("NFC", self.chars[-1] + part)
                        if len(composed) == 1:
                            self.chars[-1] = composed
                            self.ends[-1] = end
                    continue  # a mark that composes with nothing does not matter to a pattern
                self.chars.append(_fold(part))
                self.starts.append(start)
                self.ends.append(end)

    def segment(self, text: str, offset: int) -> None:
        for run in _ASCII_RUNS.finditer(text):
            if run.group(0).isascii():
                self.ascii(run.group(0), offset + run.start())
            else:
                for i, char in enumerate(run.group(0), start=offset + run.start()):
                    self.add(char, i, i + 1)


def normalise(text: str) -> Normalised:
    """The text as the guard matches it, with the original span of every character."""
    builder = _Builder()
    position = 0
    for match in _MARKUP.finditer(text):
        builder.segment(text[position : match.start()], position)
        if match.lastgroup == "entity":
            builder.add(html.unescape(match.group(0)), match.start(), match.end())
        position = match.end()
    builder.segment(text[position:], position)
    return Normalised("".join(builder.chars), tuple(builder.starts), tuple(builder.ends))
