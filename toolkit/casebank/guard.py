"""The personal-data guard: finds identifiers that must never be in the case bank or the book.

Cases are synthetic and the book is public, so neither may hold a personnummer, a
samordningsnummer, a phone number, an e-mail address, a street address with a number, a
postcode with a town, a bank or clearing number or an exact date of birth (the detectors are
in toolkit.casebank.detectors). In the case bank, names are also refused: a full name, a
surname, or a first name that the case does not declare as invented (toolkit.casebank.names).
`python -m toolkit casebank check` runs the guard; the anonymizer uses the same detectors.

What is read, so that nothing hides from the guard by its name, its folder or its encoding:
- every file under casebank/ and book/, whatever its name, suffix or folder (hidden folders,
  .orig, no suffix); the file's name is checked too;
- a file that is not UTF-8, a link that points nowhere, a pipe or device, or a file over the
  size limit is a finding of its own (it cannot be checked, so it cannot pass); images, fonts
  and compiled Python are known by their first bytes and listed as not read;
- the raw text and the normalised text (toolkit.casebank.normalise: entities, Markdown,
  NFKC, zero-width characters, dashes); in a YAML file also every loaded string, so that
  escapes such as "\\x38" are decoded; in a notebook every cell and output.
Every finding names the file, the line and the kind, and says how to fix it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, one_line
from ..textfile import decode, read_bytes
from . import names
from .detectors import (
    ADDRESS,
    BANK,
    BIRTH_DATE,
    EMAIL,
    PERSONNUMMER,
    PHONE,
    POSTCODE,
    SAMORDNINGSNUMMER,
    Detector,
    _address,
    _bank,
    _birth_date,
    _email,
    _personnummer,
    _phone,
    _postcode,
)
from .normalise import normalise

NAME, SURNAME, UNDECLARED = names.NAME, names.SURNAME, names.UNDECLARED
NOT_UTF8 = "fil som inte är UTF-8"
UNREADABLE = "fil som inte kan läsas"

KINDS = (
    PERSONNUMMER,
    SAMORDNINGSNUMMER,
    PHONE,
    EMAIL,
    ADDRESS,
    POSTCODE,
    BANK,
    BIRTH_DATE,
    NAME,
    SURNAME,
    UNDECLARED,
    NOT_UTF8,
    UNREADABLE,
)
FILE_KINDS = (NOT_UTF8, UNREADABLE)

# What the anonymizer writes instead of each kind.
PLACEHOLDERS = {
    PERSONNUMMER: "[personnummer]",
    SAMORDNINGSNUMMER: "[samordningsnummer]",
    PHONE: "[telefonnummer]",
    EMAIL: "[e-post]",
    ADDRESS: "[adress]",
    POSTCODE: "[postnummer och ort]",
    BANK: "[bankuppgift]",
    BIRTH_DATE: "[födelsedatum]",
    NAME: "[namn]",
    SURNAME: "[namn]",
    UNDECLARED: "[namn]",
}

# How to fix each kind, in the words an author reads.
FIXES = {
    PERSONNUMMER: "ta bort numret; ett fall behöver inget personnummer (skriv åldern i år)",
    SAMORDNINGSNUMMER: "ta bort numret; ett fall behöver inget samordningsnummer (skriv åldern i år)",
    PHONE: "ta bort telefonnumret (skriv till exempel 'ringde handläggaren')",
    EMAIL: "ta bort e-postadressen (skriv till exempel 'mejlade handläggaren')",
    ADDRESS: "ta bort gatan och numret; skriv till exempel 'en tvåa i centrum'",
    POSTCODE: "ta bort postnumret; orten Exempelstad räcker",
    BANK: "ta bort kontonumret; skriv till exempel 'lönekontot'",
    BIRTH_DATE: "skriv åldern i år i stället för födelsedatumet",
    NAME: "skriv bara ett påhittat förnamn, utan efternamn, och lägg det i påhittade_förnamn",
    SURNAME: "ta bort efternamnet; fall har bara påhittade förnamn (står det i ett företagsnamn, skriv 'AB' efter)",
    UNDECLARED: "är namnet påhittat: lägg till det i fältet påhittade_förnamn; annars byt det mot ett påhittat förnamn",
    NOT_UTF8: "spara om filen som UTF-8; skyddet kan inte granska den annars",
    UNREADABLE: "ta bort den eller ersätt den med en vanlig textfil",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str
    file: str | None = None
    line: int | None = None
    where: str | None = None  # e.g. "cell 3" in a notebook, "filnamnet"

    def masked(self) -> str:
        """The found text with all but its first two characters hidden, so that a report
        of the guard does not itself repeat the personal data."""
        visible = self.text[:2]
        return visible + "".join("•" if ch.isalnum() else ch for ch in self.text[2:])

    def describe(self) -> str:
        """'file, cell 2, rad 14: telefonnummer ('07•-••• •• ••'). Åtgärd: …'"""
        place = ", ".join(str(p) for p in (self.file, self.where, f"rad {self.line}" if self.line else None) if p)
        what = (
            f"{self.kind}: {self.text}" if self.kind in FILE_KINDS else f"{self.kind} ('{one_line(self.masked(), 60)}')"
        )
        return f"{place}: {what}. Åtgärd: {FIXES[self.kind]}"


DETECTORS: dict[str, Detector] = {
    "personnummer": _personnummer,
    "telefon": _phone,
    "e-post": _email,
    "adress": _address,
    "postnummer": _postcode,
    "bank": _bank,
    "födelsedatum": _birth_date,
    "efternamn": names.find_names,
}
# The kinds refused everywhere; names only in the case bank (sources in the book may name
# the authors of public reports).
BOOK_DETECTORS = tuple(name for name in DETECTORS if name != "efternamn")


def find_all(
    text: str, detectors: Iterable[str] = tuple(DETECTORS), *, declared: Iterable[str] | None = None
) -> list[Finding]:
    """Every match of every detector in the raw and in the normalised text, overlapping ones
    included (sorted by position, spans in the raw text). `declared`: the file's invented
    first names, or None when it declares none."""
    if declared is None:  # a case text declares its own names (the normalised view loses the key's '_')
        declared = names.declared_in(text)
    detectors = tuple(detectors)
    normal = normalise(text)
    views = [(text, None)] + ([(normal.text, normal)] if normal.text != text else [])
    found: set[tuple[str, int, int]] = set()
    for view, mapping in views:
        for name in detectors:
            matches = names.find_names(view, declared) if name == "efternamn" else DETECTORS[name](view)
            for kind, start, end in matches:
                found.add((kind, *mapping.span(start, end)) if mapping else (kind, start, end))
    return sorted(
        (Finding(kind, start, end, text[start:end]) for kind, start, end in found),
        key=lambda f: (f.start, -(f.end - f.start), f.kind),
    )


def find(
    text: str, detectors: Iterable[str] = tuple(DETECTORS), *, declared: Iterable[str] | None = None
) -> list[Finding]:
    """The identifiers in a text, without overlaps: where two matches overlap, the one that
    starts first (then the longer) is kept."""
    kept: list[Finding] = []
    for finding in find_all(text, detectors, declared=declared):
        if kept and finding.start < kept[-1].end:
            if finding.end > kept[-1].end and finding.start == kept[-1].start:
                kept[-1] = finding
            continue
        kept.append(finding)
    return kept


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def scan_text(
    text: str,
    *,
    file: str | None = None,
    detectors: Iterable[str] = tuple(DETECTORS),
    declared: Iterable[str] | None = None,
    where: str | None = None,
) -> list[Finding]:
    """Findings in a text with their line numbers."""
    return [
        Finding(f.kind, f.start, f.end, f.text, file, _line_of(text, f.start), where)
        for f in find(text, tuple(detectors), declared=declared)
    ]


# Files that are not text and are not read: images, fonts, compiled Python, known by their
# suffix and their first bytes together (a .md file that starts like a PNG is still read).
_BINARY = {
    ".png": (b"\x89PNG", "PNG-bild"),
    ".jpg": (b"\xff\xd8\xff", "JPEG-bild"),
    ".jpeg": (b"\xff\xd8\xff", "JPEG-bild"),
    ".gif": (b"GIF8", "GIF-bild"),
    ".webp": (b"RIFF", "WebP-bild"),
    ".woff": (b"wOFF", "typsnitt"),
    ".woff2": (b"wOF2", "typsnitt"),
    ".ttf": (b"\x00\x01\x00\x00", "typsnitt"),
    ".otf": (b"OTTO", "typsnitt"),
}


def binary_kind(path: Path, data: bytes) -> str | None:
    """The kind of a known binary file, by its suffix and its first bytes, or None."""
    suffix = path.suffix.lower()
    if suffix in _BINARY and data.startswith(_BINARY[suffix][0]):
        return _BINARY[suffix][1]
    if suffix == ".pyc" and data[2:4] == b"\r\n":
        return "kompilerad Python"
    return None


def scan_file(
    path: Path,
    *,
    display: str | None = None,
    detectors: Iterable[str] = tuple(DETECTORS),
    skipped: list[str] | None = None,
) -> list[Finding]:
    """Findings in one file, whatever its suffix. A notebook is read cell by cell, so a finding
    names its cell; a YAML file also string by string (escapes decoded). A file that cannot be
    read as UTF-8 text is itself a finding; a known binary file is added to `skipped`."""
    name = display or str(path)
    detectors = tuple(detectors)
    try:
        data = read_bytes(path, display=name)
    except InputError as error:
        return [Finding(UNREADABLE, 0, 0, error.problem, name)]
    kind = binary_kind(Path(path), data)
    if kind:
        if skipped is not None:
            skipped.append(f"{name} ({kind})")
        return []
    try:
        text = decode(data, display=name)
    except InputError as error:
        return [Finding(NOT_UTF8, 0, 0, "filen är inte sparad som UTF-8", name, error.line)]
    if Path(path).suffix == ".ipynb" or text.lstrip().startswith('{"cells"'):
        return _scan_notebook(text, name, detectors)
    loaded = _load_yaml(text, name)
    declared = _declared(loaded)
    found = scan_text(text, file=name, detectors=detectors, declared=declared)
    if loaded is not None:
        seen = {(f.kind, f.line) for f in found}
        for finding in _scan_strings(loaded, text, name, detectors, declared):
            if (finding.kind, finding.line) not in seen:
                seen.add((finding.kind, finding.line))
                found.append(finding)
    return found


def _load_yaml(text: str, name: str) -> Any:
    """The loaded YAML of a text that is a YAML mapping or list, else None (Markdown, prose)."""
    from ..yamlfile import read_only

    try:
        data = read_only(text, display=name)  # the guard only reads it
    except InputError:
        return None
    return data if isinstance(data, (dict, list)) else None


def _declared(data: Any) -> list[str] | None:
    if isinstance(data, dict) and isinstance(data.get("påhittade_förnamn"), list):
        return [str(n) for n in data["påhittade_förnamn"]]
    return None


def _strings(node: Any, line: int | None = None) -> Iterator[tuple[str, int | None, bool]]:
    """(string, line where it starts, whether its text starts on the next line) in loaded YAML."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if isinstance(node, dict):
        for key, value in node.items():
            at = node.lc.value(key)[0] + 1 if isinstance(node, CommentedMap) and key in node.lc.data else line
            yield from _strings(value, at)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            at = node.lc.item(index)[0] + 1 if isinstance(node, CommentedSeq) and index in node.lc.data else line
            yield from _strings(value, at)
    elif isinstance(node, str):
        yield node, line, isinstance(node, (LiteralScalarString, FoldedScalarString))


def _scan_strings(
    data: Any, text: str, name: str, detectors: tuple[str, ...], declared: list[str] | None
) -> list[Finding]:
    """Findings in the loaded strings that the raw text does not show as they are: escapes
    ("\\x38"), and lines that folding joins."""
    found = []
    for value, line, block in _strings(data):
        if all(part in text for part in value.split("\n")):
            continue
        for f in find(value, detectors, declared=declared):
            at = (line or 0) + (1 if block else 0) + value.count("\n", 0, f.start) if line else None
            found.append(Finding(f.kind, f.start, f.end, f.text, name, at, "YAML-värde"))
    return found


def _scan_notebook(text: str, name: str, detectors: tuple[str, ...]) -> list[Finding]:
    try:
        cells = json.loads(text).get("cells", [])
        assert isinstance(cells, list)
    except (json.JSONDecodeError, AttributeError, AssertionError, RecursionError):
        return scan_text(text, file=name, detectors=detectors)
    found = []
    for number, cell in enumerate(cells, start=1):
        cell = cell if isinstance(cell, dict) else {}
        parts = [_join(cell.get("source", ""))]
        for output in cell.get("outputs", []) or []:
            output = output if isinstance(output, dict) else {}
            parts.append(_join(output.get("text", "")))
            for value in (output.get("data") or {}).values():
                parts.append(_join(value) if isinstance(value, (str, list)) else "")
        found += scan_text("\n".join(parts), file=name, detectors=detectors, where=f"cell {number}")
    # The rest of the file (metadata, escapes) as written: what the cells did not already show.
    shown = {(f.kind, f.text) for f in found}
    found += [f for f in scan_text(text, file=name, detectors=detectors) if (f.kind, f.text) not in shown]
    return found


def _join(value: object) -> str:
    return "".join(str(v) for v in value) if isinstance(value, list) else str(value)


def text_files(root: Path) -> Iterator[Path]:
    """Every file under a folder, hidden folders included, and every entry that is not a
    folder (a link, a pipe), so that the guard can refuse what it cannot read. Links to
    folders are listed, not followed."""
    root = Path(root)
    if not root.is_dir() or root.is_symlink():
        yield root
        return
    for folder, subfolders, files in os.walk(root, followlinks=False):
        subfolders.sort()
        for entry in sorted(files) + [d for d in subfolders if os.path.islink(os.path.join(folder, d))]:
            yield Path(folder) / entry


def scan_tree(
    root: Path,
    *,
    display: Callable[[Path], str] = str,
    detectors: Iterable[str] = tuple(DETECTORS),
    skipped: list[str] | None = None,
) -> list[Finding]:
    """Findings in every file under root, and in the files' names."""
    found = []
    detectors = tuple(detectors)
    for path in text_files(root):
        shown = display(path)
        found.extend(scan_file(path, display=shown, detectors=detectors, skipped=skipped))
        relative = str(path.relative_to(root)) if path != Path(root) else path.name
        found.extend(
            Finding(f.kind, f.start, f.end, f.text, shown, None, "filnamnet")
            for f in find(relative, [d for d in detectors if d != "efternamn"])
        )
    return found


def scan_project(
    casebank: Path, book: Path, *, display: Callable[[Path], str] = str, skipped: list[str] | None = None
) -> list[Finding]:
    """The guard's full check: every detector on the case bank, all but names on the book."""
    found = []
    if Path(casebank).exists():
        found += scan_tree(casebank, display=display, skipped=skipped)
    if Path(book).exists():
        found += scan_tree(book, display=display, detectors=BOOK_DETECTORS, skipped=skipped)
    return found
