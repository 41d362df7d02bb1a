"""The personal-data guard: finds identifiers that must never be in the case bank or the book.

Cases are synthetic and the book is public, so neither may hold a personnummer, a
samordningsnummer, a phone number, an e-mail address, a street address with a number, a
postcode with a town, a bank or clearing number or an exact date of birth. In the case
bank, a first name followed by a common Swedish surname is also refused (cases use
fictional first names only). `python -m toolkit casebank check` runs the guard; the
anonymizer uses the same detectors to mask a free text.

The rules, chosen so that the amounts, months and payment days a case needs pass:
- personnummer/samordningsnummer: 10 or 12 digits (YYMMDD or YYYYMMDD, then four digits),
  with '-', '+', a space or nothing between, a possible date (the day + 60 for a
  samordningsnummer) and a valid Luhn check digit.
- phone number: 0 or +46/0046 first, then 8–10 digits in all (7–9 after 46), with single
  spaces or hyphens between; or any number of six digits or more after a word such as tfn,
  telefon, mobil or sms.
- e-mail: name@domain.tld, also written with (at) or [at].
- street address: a street name ending in -gatan, -vägen, -gränd, -stigen, -torget and
  the like, or a name after "adress"/"bor på", followed by a house number; a lägenhetsnummer
  (lgh and four digits); a box number.
- postcode with town: three and two digits (123 45) followed on the same line by a
  capitalised word; or a postcode after the word postnummer.
- bank and clearing number: a number after clearing, kontonummer, bankgiro, plusgiro,
  personkonto or IBAN; a four-digit clearing number followed by an account number of 7–12
  digits; a Swedish IBAN.
- date of birth: any date after a word such as född, föddes, födelsedatum or f.; a date with
  day, month and year before 2010 (not the first of a month, which is how laws take
  effect); a personnummer with the last four digits masked (880314-XXXX).
Months (2025-09), amounts (7 200 kr) and dates in 2010 or later without a word about birth
(a payment day such as 2025-09-25) are allowed.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"
PHONE = "telefonnummer"
EMAIL = "e-postadress"
ADDRESS = "gatuadress"
POSTCODE = "postnummer med ort"
BANK = "bank- eller clearingnummer"
BIRTH_DATE = "födelsedatum"
SURNAME = "efternamn"

KINDS = (PERSONNUMMER, SAMORDNINGSNUMMER, PHONE, EMAIL, ADDRESS, POSTCODE, BANK, BIRTH_DATE, SURNAME)

# What the anonymizer writes instead of each kind.
PLACEHOLDERS = {
    PERSONNUMMER: "[personnummer]", SAMORDNINGSNUMMER: "[samordningsnummer]", PHONE: "[telefonnummer]",
    EMAIL: "[e-post]", ADDRESS: "[adress]", POSTCODE: "[postnummer och ort]", BANK: "[bankuppgift]",
    BIRTH_DATE: "[födelsedatum]", SURNAME: "[namn]",
}

# Files the guard reads, by suffix; everything else (images, fonts) is skipped.
TEXT_SUFFIXES = {".md", ".markdown", ".yaml", ".yml", ".txt", ".ipynb", ".py", ".csv", ".json", ".rst", ".bib",
                 ".html", ".tex"}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str
    file: str | None = None
    line: int | None = None
    where: str | None = None   # e.g. "cell 3" in a notebook

    def masked(self) -> str:
        """The found text with all but its first two characters hidden, so that a report
        of the guard does not itself repeat the personal data."""
        visible = self.text[:2]
        return visible + "".join("•" if ch.isalnum() else ch for ch in self.text[2:])

    def describe(self) -> str:
        place = ", ".join(str(p) for p in (self.file, self.where, f"rad {self.line}" if self.line else None) if p)
        return f"{place}: {self.kind} ('{self.masked()}')"


# -- helpers ------------------------------------------------------------------------------------
def luhn_valid(digits: str) -> bool:
    """The Luhn check used by personnummer and samordningsnummer (on the ten digits)."""
    total = 0
    for i, char in enumerate(digits[:-1]):
        n = int(char) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10 == int(digits[-1])


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


_ISO_DATE = re.compile(r"^(19|20)\d{2}-\d{2}(-\d{2})?$")
_UNIT_AFTER = re.compile(r"^\s*(?:kr\b|kronor|:-|sek\b|år\b|dagar|dag\b|gånger|timmar|veckor|månader|procent|%|st\b|"
                         r"personer|barn\b|minuter)", re.IGNORECASE)


def _followed_by_unit(text: str, end: int) -> bool:
    return bool(_UNIT_AFTER.match(text[end:end + 12]))


# -- detectors: each yields (kind, start, end) --------------------------------------------------
_PNR = re.compile(r"(?<![\d\w])((?:18|19|20)?\d{6})[ ]?([-+–]?)[ ]?(\d{4})(?!\d)")


def _personnummer(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _PNR.finditer(text):
        head, tail = match.group(1), match.group(3)
        ten = head[-6:] + tail
        month, day = int(ten[2:4]), int(ten[4:6])
        if not 1 <= month <= 12:
            continue
        if 1 <= day <= 31:
            kind = PERSONNUMMER
        elif 61 <= day <= 91:
            kind = SAMORDNINGSNUMMER
        else:
            continue
        if luhn_valid(ten):
            yield kind, match.start(), match.end()


_PHONE = re.compile(r"(?<![\w+\-/.,:])(?:(?:\+|00)[ ]?46[ \-]*(?:\(0\)[ \-]*)?|\(?0)\d(?:\)?[ \-–]?\d){6,9}(?![\d])")
_PHONE_WORD = re.compile(
    r"\b(?:tfn|tel|telefon(?:nummer|nr)?|mobil(?:nummer|nr|telefon)?|mobilen|sms|nås på|ring(?:er)? på)\b[.:]?\s*"
    r"(?:nr\.?\s*)?(\+?\(?\d[\d ()\-–]{4,18}\d)", re.IGNORECASE)


def _phone(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _PHONE.finditer(text):
        found = match.group(0)
        digits = _digits(found.replace("(0)", ""))
        international = found.lstrip("(").startswith(("+", "00"))
        count = len(digits) - (4 if found.startswith("00") else 2) if international else len(digits)
        if (7 <= count <= 9) if international else (8 <= count <= 10):
            yield PHONE, match.start(), match.end()
    for match in _PHONE_WORD.finditer(text):
        number = match.group(1).strip()
        if len(_digits(number)) >= 6 and not _ISO_DATE.match(number) and not _followed_by_unit(text, match.end(1)):
            yield PHONE, match.start(1), match.end(1)


_EMAIL = re.compile(r"[A-Za-z0-9._%+\-åäöÅÄÖ]+[ ]?(?:@|\(at\)|\[at\]|\{at\}|\(snabel-a\))[ ]?"
                    r"[A-Za-z0-9\-åäö]+(?:[ ]?(?:\.|\(dot\)|\[dot\]|\(punkt\))[ ]?[A-Za-z0-9\-åäö]+)*"
                    r"[ ]?(?:\.|\(dot\)|\[dot\]|\(punkt\))[ ]?[A-Za-z]{2,}\b")


def _email(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _EMAIL.finditer(text):
        yield EMAIL, match.start(), match.end()


_STREET_SUFFIX = (r"(?:gatan|gata|vägen|väg|gränd|gränden|stigen|torget|torg|backen|backe|allén|allé|leden|liden|"
                  r"slingan|stråket|kroken|kajen|esplanaden|promenaden|bryggan|parken|ängen|gärde)")
_HOUSE_NUMBER = r"\d{1,4}(?:[ ]?[A-Ha-h](?![\wåäö]))?(?![\d,.]\d)"
_STREET = re.compile(rf"\b[A-ZÅÄÖÉa-zåäöé][a-zåäöé\-]*?[a-zåäöé]{_STREET_SUFFIX}[ \u00a0]+{_HOUSE_NUMBER}",
                     re.IGNORECASE)
_STREET_TWO_WORDS = re.compile(
    rf"\b[A-ZÅÄÖ][a-zåäöé]+[ ](?:gatan|gata|vägen|väg|torget|torg|gränd|allé|allén|backe|backen|stig|stigen)"
    rf"[ \u00a0]+{_HOUSE_NUMBER}")
_STREET_WORD = re.compile(rf"\b(?:adress(?:en)?|bor på|boende på|besöksadress|postadress)\s*:?\s*"
                          rf"([A-ZÅÄÖ][\wåäöé\-]+(?:[ ][\wåäöé\-]+){{0,3}}[ ]{_HOUSE_NUMBER})", re.IGNORECASE)
_FLAT = re.compile(r"\b(?:lgh|lägenhetsnummer|lägenhet nr)\.?[ ]?\d{4}\b|\bBox[ ]\d{1,5}\b", re.IGNORECASE)


def _address(text: str) -> Iterator[tuple[str, int, int]]:
    for pattern in (_STREET, _STREET_TWO_WORDS):
        for match in pattern.finditer(text):
            if not _followed_by_unit(text, match.end()):
                yield ADDRESS, match.start(), match.end()
    for match in _STREET_WORD.finditer(text):
        if not _followed_by_unit(text, match.end(1)):
            yield ADDRESS, match.start(1), match.end(1)
    for match in _FLAT.finditer(text):
        yield ADDRESS, match.start(), match.end()


_POSTCODE = re.compile(r"(?<![\d\w,.\-])(?:SE[- ]?)?\d{3}[ \u00a0]?\d{2}[ \t\u00a0]{1,3}"
                       r"(?:[A-ZÅÄÖ][a-zåäöé]{2,}|[A-ZÅÄÖ]{3,})(?![\wåäö])")
_POSTCODE_WORD = re.compile(r"\b(?:postnummer|postnr)\.?\s*:?\s*(\d{3}[ ]?\d{2})(?!\d)", re.IGNORECASE)


def _postcode(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _POSTCODE.finditer(text):
        yield POSTCODE, match.start(), match.end()
    for match in _POSTCODE_WORD.finditer(text):
        yield POSTCODE, match.start(), match.end()


_BANK_WORD = re.compile(
    r"\b(?:clearing(?:nummer|nr)?|clnr|kontonummer|kontonr|konto[ ]?nr|bankkonto(?:nummer|nr)?|"
    r"bankgiro(?:nummer|nr|t)?|plusgiro(?:nummer|nr|t)?|personkonto(?:t|nummer)?|bg|pg|iban)\b\.?[ ]?:?[ ]?"
    r"(?:nr\.?|nummer|är)?[ ]?:?[ ]?((?:[A-Z]{2}[ ]?\d{2}[ ]?)?\d[\d ,\-–]{2,30}\d)", re.IGNORECASE)
_ACCOUNT = re.compile(r"(?<![\d\-/.,:])([1-9]\d{3})(-\d)?(?:[ ]?[,\-–][ ]?|[ ])(\d{3,}(?:[ \-]\d{2,}){0,4}(?:-\d)?)(?![\d])")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?\d{4}){4,7}(?:[ ]?\d{1,3})?\b")


def _bank(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _BANK_WORD.finditer(text):
        number = match.group(1).rstrip(" ,-–")
        end = match.start(1) + len(number)
        if len(_digits(number)) >= 4 and not _ISO_DATE.match(number) and not _followed_by_unit(text, end):
            yield BANK, match.start(1), end
    for match in _ACCOUNT.finditer(text):
        account = _digits(match.group(3))
        if 7 <= len(account) <= 12 and not _followed_by_unit(text, match.end()):
            yield BANK, match.start(), match.end()
    for match in _IBAN.finditer(text):
        yield BANK, match.start(), match.end()


_MONTHS = (r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
           r"jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?")
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NO = r"(?:0?[1-9]|1[0-2])"
_FULL_DATES = [
    re.compile(r"(?<![\d\-])(?P<y>(?:19|20)\d{2})[-/.](?P<m>0[1-9]|1[0-2])[-/.](?P<d>0[1-9]|[12]\d|3[01])(?![\d])"),
    re.compile(r"(?<![\d\-])(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![\d])"),
    re.compile(rf"(?<![\d\-/.])(?P<d>{_DAY})[./\-](?P<m>{_MONTH_NO})[./\-](?P<y>(?:19|20)\d{{2}})(?![\d])"),
    re.compile(rf"(?<![\d\-/.])(?P<d>{_DAY})/(?P<m>{_MONTH_NO})[ ](?P<y>(?:19|20)\d{{2}})(?![\d])"),
    re.compile(rf"(?<![\d])(?P<d>{_DAY})(?::e|:a)?[ \u00a0]+(?P<mn>{_MONTHS})[ \u00a0]+(?P<y>(?:19|20)\d{{2}})(?![\d])",
               re.IGNORECASE),
]
# Forms only read as a date right after a word about birth (too ambiguous elsewhere).
_SHORT_DATES = [
    re.compile(r"(?<![\d])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\d])"),
    re.compile(rf"(?<![\d]){_DAY}[./\-]{_MONTH_NO}[./\-]\d{{2}}(?![\d])"),
    re.compile(rf"(?<![\d]){_DAY}(?::e|:a)?[ ]+{_MONTHS}(?:[ ]+(?:19|20)?\d{{2}})?(?![\d])", re.IGNORECASE),
    re.compile(rf"(?<![\d]){_DAY}/{_MONTH_NO}(?:[ \-](?:19|20)?\d{{2}})?(?![\d])"),
]
_BIRTH_WORD = re.compile(r"(?:\b(?:född|födda|föddes|födelsedatum|födelsedag|födelsedagen|fdd|dob|born)\b|\bf\.)"
                         r"[ \t:]*(?:den|on)?[ \t:]*", re.IGNORECASE)
_MASKED_PNR = re.compile(r"(?<![\d])(?:18|19|20)?\d{6}[ ]?[-+]?[ ]?(?:[Xx*•]{4}|[Xx*]{2}\d{2}|\d{2}[Xx*]{2})(?![\w])")


def _birth_date(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _BIRTH_WORD.finditer(text):
        window_start = match.end()
        window = text[window_start:window_start + 40]
        for pattern in (*_FULL_DATES, *_SHORT_DATES):
            found = pattern.match(window)
            if found:
                yield BIRTH_DATE, match.start(), window_start + found.end()
                break
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            year, day = int(match.group("y")), int(match.group("d"))
            if year < 2010 and day != 1:
                yield BIRTH_DATE, match.start(), match.end()
    for match in _MASKED_PNR.finditer(text):
        yield BIRTH_DATE, match.start(), match.end()


_SURNAME_ENDINGS = ("sson", "son", "berg", "ström", "strom", "qvist", "kvist", "gren", "lund", "dahl", "dal", "holm",
                    "blad", "lind", "strand", "stedt", "bäck", "fors", "ling", "ander", "ius", "sjö", "gård", "heim",
                    "löf", "löv", "björk")
_NAME_PAIR = re.compile(r"\b[A-ZÅÄÖ][a-zåäöé]+(?:[ \-][A-ZÅÄÖ][a-zåäöé]+)?[ ]+([A-ZÅÄÖ][a-zåäöé]+)\b")


def _surname(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _NAME_PAIR.finditer(text):
        if match.group(1).lower().endswith(_SURNAME_ENDINGS):
            yield SURNAME, match.start(), match.end()


Detector = Callable[[str], Iterator[tuple[str, int, int]]]
DETECTORS: dict[str, Detector] = {
    "personnummer": _personnummer,
    "telefon": _phone,
    "e-post": _email,
    "adress": _address,
    "postnummer": _postcode,
    "bank": _bank,
    "födelsedatum": _birth_date,
    "efternamn": _surname,
}
# The kinds refused everywhere; surnames only in the case bank (sources in the book may name
# the authors of public reports).
BOOK_DETECTORS = tuple(name for name in DETECTORS if name != "efternamn")


def find_all(text: str, detectors: Iterable[str] = tuple(DETECTORS)) -> list[Finding]:
    """Every match of every detector, overlapping ones included (sorted by position)."""
    found = []
    for name in detectors:
        for kind, start, end in DETECTORS[name](text):
            found.append(Finding(kind, start, end, text[start:end]))
    return sorted(found, key=lambda f: (f.start, -(f.end - f.start)))


def find(text: str, detectors: Iterable[str] = tuple(DETECTORS)) -> list[Finding]:
    """The identifiers in a text, without overlaps: where two matches overlap, the one that
    starts first (then the longer) is kept."""
    kept: list[Finding] = []
    for finding in find_all(text, detectors):
        if kept and finding.start < kept[-1].end:
            if finding.end > kept[-1].end and finding.start == kept[-1].start:
                kept[-1] = finding
            continue
        kept.append(finding)
    return kept


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def scan_text(text: str, *, file: str | None = None, detectors: Iterable[str] = tuple(DETECTORS)) -> list[Finding]:
    """Findings in a text with their line numbers."""
    return [Finding(f.kind, f.start, f.end, f.text, file, _line_of(text, f.start))
            for f in find(text, tuple(detectors))]


def scan_file(path: Path, *, display: str | None = None, detectors: Iterable[str] = tuple(DETECTORS)) -> list[Finding]:
    """Findings in one file. A notebook is read cell by cell, so a finding names its cell."""
    name = display or str(path)
    detectors = tuple(detectors)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []
    if Path(path).suffix == ".ipynb":
        try:
            cells = json.loads(text).get("cells", [])
        except (json.JSONDecodeError, AttributeError):
            return scan_text(text, file=name, detectors=detectors)
        found = []
        for number, cell in enumerate(cells, start=1):
            parts = [_join(cell.get("source", ""))]
            for output in cell.get("outputs", []) or []:
                parts.append(_join(output.get("text", "")))
                for value in (output.get("data") or {}).values():
                    parts.append(_join(value) if isinstance(value, (str, list)) else "")
            cell_text = "\n".join(parts)
            for f in find(cell_text, detectors):
                found.append(Finding(f.kind, f.start, f.end, f.text, name, _line_of(cell_text, f.start),
                                     f"cell {number}"))
        return found
    return scan_text(text, file=name, detectors=detectors)


def _join(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def text_files(root: Path) -> Iterator[Path]:
    """The text files under a folder, skipping hidden folders and build output."""
    root = Path(root)
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(p.startswith(".") or p in {"_build", "__pycache__", "node_modules"} for p in parts):
            continue
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
            yield path


def scan_tree(root: Path, *, display: Callable[[Path], str] = str,
              detectors: Iterable[str] = tuple(DETECTORS)) -> list[Finding]:
    """Findings in every text file under root."""
    found = []
    for path in text_files(root):
        found.extend(scan_file(path, display=display(path), detectors=tuple(detectors)))
    return found


def scan_project(casebank: Path, book: Path, *, display: Callable[[Path], str] = str) -> list[Finding]:
    """The guard's full check: every detector on the case bank, all but surnames on the book."""
    found = []
    if Path(casebank).exists():
        found += scan_tree(casebank, display=display)
    if Path(book).exists():
        found += scan_tree(book, display=display, detectors=BOOK_DETECTORS)
    return found
