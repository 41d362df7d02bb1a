"""The guard's detectors for identifiers written with digits and symbols: personnummer and
samordningsnummer, phone numbers, e-mail, street addresses, postcodes with a town, bank and
clearing numbers and dates of birth. Each detector yields (kind, start, end) in the text it is
given; toolkit.casebank.guard runs them on the raw and on the normalised text
(toolkit.casebank.normalise), so a detector may assume one dash ("-") and one kind of space.

The rules, chosen so that the amounts, months and payment days a case needs pass:
- personnummer/samordningsnummer: 10 or 12 digits (YYMMDD or YYYYMMDD, then four digits), with
  any run of up to three separators (space, '-', '+', '.', '/') between any of the digits, or
  glued to a word (pnr8112189876); python-stdnum checks the date, in either century, and the
  check digit; a samordningsnummer (the day + 60) is checked here in the same way.
- phone number: 0 (not 00) and 7–9 more digits, or +46/0046 and 7–9 digits, in groups with any
  separators (dots, slashes, double spaces, every digit spaced); or six digits or more after a
  word such as tfn, telefon, mobil or sms.
- e-mail: name@domain.tld, also with (at), [at], a full-width @, or written out: "anna at
  exempel dot se", "anna snabel-a exempel punkt se" (with a known top-level domain).
- street address: a street name ending in -gatan, -vägen, -gränd, -plan, -lunden, -strand
  and the like, or two words (Södra vägen, Kungsholms strand), or abbreviated (Storg.), followed
  or preceded (12 Storgatan) by a house number; a name after "adress"/"bor på"; a
  lägenhetsnummer (lgh and four digits); a box number.
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

import re
from collections.abc import Callable, Iterator

from stdnum import exceptions as stdnum_exceptions
from stdnum import luhn
from stdnum.se import personnummer as stdnum_personnummer

from .search import digit_runs, tried_at

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"
PHONE = "telefonnummer"
EMAIL = "e-postadress"
ADDRESS = "gatuadress"
POSTCODE = "postnummer med ort"
BANK = "bank- eller clearingnummer"
BIRTH_DATE = "födelsedatum"

Match = tuple[str, int, int]
Detector = Callable[[str], Iterator[Match]]


# -- helpers ------------------------------------------------------------------------------------
def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


_ISO_DATE = re.compile(r"^(19|20)\d{2}-\d{2}(-\d{2})?$")
_UNIT_AFTER = re.compile(
    r"^\s*(?:kr\b|kronor|:-|sek\b|år\b|dagar|dag\b|gånger|timmar|veckor|månader|procent|%|st\b|"
    r"personer|barn\b|minuter)",
    re.IGNORECASE,
)


def _followed_by_unit(text: str, end: int) -> bool:
    return bool(_UNIT_AFTER.match(text[end : end + 12]))


# -- numbers written with any separators ------------------------------------------------------
# A run of digit groups with up to three separators between them: "81 12 18-9876",
# "81.12.18-9876", "811218/9876", "0 7 0 1 2 3 4 5 6 7", "070.123.45.67".
# A dash or plus joins groups only when it touches the digit before it, so that arithmetic in a
# worked key ("11 140 − 17 330", "5 180 + 6 308") is not read as one number.
_RUN = re.compile(r"\d+(?:(?:[ \t./]{1,3}|[-+][ \t./]{0,2})\d+)*")
_GROUP = re.compile(r"\d+")


def identity_kind(digits: str) -> str | None:
    """PERSONNUMMER or SAMORDNINGSNUMMER when 10 or 12 digits make a valid number, else None.

    python-stdnum checks the date (in either century: the '-' or the '+' form) and the check
    digit. It does not know the samordningsnummer, whose day is the day of birth + 60: that is
    checked here, with the check digit on the number as written and the date on the day - 60.
    Folkbokföringslagen (1991:481) 18 § and 18 a §.
    """
    if len(digits) == 12 and digits[:2] not in ("18", "19", "20") or len(digits) not in (10, 12):
        return None
    forms = [f"{digits[:-4]}-{digits[-4:]}"] + ([f"{digits[:-4]}+{digits[-4:]}"] if len(digits) == 10 else [])
    if any(stdnum_personnummer.is_valid(form) for form in forms):
        return PERSONNUMMER
    head, day = digits[:-4], int(digits[-6:-4])
    if 61 <= day <= 91 and luhn.is_valid(digits[-10:]):
        shifted = f"{head[:-2]}{day - 60:02d}"
        for form in forms:
            try:
                stdnum_personnummer.get_birth_date(shifted + form[len(head) :])
                return SAMORDNINGSNUMMER
            except (ValueError, ArithmeticError, stdnum_exceptions.ValidationError):
                continue
    return None


def _combinations(text: str) -> Iterator[tuple[list[tuple[int, int, str]], int, int]]:
    """For every run of digit groups: each sequence of whole consecutive groups with at most
    13 digits (0046 and nine), as (groups, index of the first, index after the last)."""
    for run in _RUN.finditer(text):
        groups = [(run.start() + m.start(), run.start() + m.end(), m.group(0)) for m in _GROUP.finditer(run.group(0))]
        for first in range(len(groups)):
            count = 0
            for last in range(first, len(groups)):
                count += len(groups[last][2])
                if count > 13:
                    break
                yield groups, first, last + 1


# The classic form, also with spaces around the dash: 811218 - 9876, 19811218 + 9876.
_PNR = re.compile(r"(?<!\d)((?:18|19|20)?\d{6})[ \t]{0,2}[-+][ \t]{0,2}(\d{4})(?!\d)")


def _personnummer(text: str) -> Iterator[Match]:
    for match in tried_at(_PNR, text, digit_runs(text)):
        kind = identity_kind(match.group(1) + match.group(2))
        if kind:
            yield kind, match.start(), match.end()
    for groups, first, end in _combinations(text):
        digits = "".join(g[2] for g in groups[first:end])
        if len(digits) in (10, 12):
            kind = identity_kind(digits)
            if kind:
                yield kind, groups[first][0], groups[end - 1][1]


def _spaced_before(text: str, groups: list[tuple[int, int, str]], index: int) -> bool:
    """The group starts its run, or whitespace separates it from the group before."""
    return index == 0 or any(c.isspace() for c in text[groups[index - 1][1] : groups[index][0]])


def _phone_groups(text: str) -> Iterator[Match]:
    """Phone numbers written in digit groups with any separators."""
    for groups, first, end in _combinations(text):
        digits = "".join(g[2] for g in groups[first:end])
        if not (_spaced_before(text, groups, first) and (end == len(groups) or _spaced_before(text, groups, end))):
            continue
        sizes = [len(g[2]) for g in groups[first:end]]
        plus = first == 0 and text[groups[0][0] - 1 : groups[0][0]] == "+"
        if plus and digits.startswith("46"):
            national = digits[2:]
        elif digits.startswith("0046"):
            national = digits[4:]
        elif digits.startswith("0") and not digits.startswith("00"):
            if not (2 <= sizes[0] <= 4 or len(sizes) == 1 or max(sizes) == 1) or not 8 <= len(digits) <= 10:
                continue
            yield PHONE, groups[first][0], groups[end - 1][1]
            continue
        else:
            continue
        if 7 <= len(national) <= 9 and not national.startswith("0"):
            yield PHONE, groups[first][0] - (1 if plus else 0), groups[end - 1][1]


_PHONE = re.compile(r"(?<![\w+\-/.,:])(?:(?:\+|00)[ ]?46[ \-]*(?:\(0\)[ \-]*)?|\(?0)\d(?:\)?[ \-–]?\d){6,9}(?![\d])")
_PHONE_WORD = re.compile(
    r"\b(?:tfn|tel|telefon(?:nummer|nr)?|mobil(?:nummer|nr|telefon)?|mobilen|sms|nås på|ring(?:er)? på)\b[.:]?\s*"
    r"(?:nr\.?\s*)?(\+?\(?\d[\d ()\-–]{4,18}\d)",
    re.IGNORECASE,
)


_PHONE_START = re.compile(r"[+(0]")  # where a match of _PHONE can start


def _phone(text: str) -> Iterator[Match]:
    for match in tried_at(_PHONE, text, (m.start() for m in _PHONE_START.finditer(text))):
        found = match.group(0)
        digits = _digits(found.replace("(0)", ""))
        international = found.lstrip("(").startswith(("+", "00"))
        count = len(digits) - (4 if found.startswith("00") else 2) if international else len(digits)
        if (7 <= count <= 9) if international else (8 <= count <= 10):
            yield PHONE, match.start(), match.end()
    for match in _PHONE_WORD.finditer(text):
        number = match.group(1).strip()
        if (
            len(_digits(number)) >= 6
            and not _ISO_DATE.match(number)
            and not _followed_by_unit(text, match.end(1))
            and not re.search(r"\(\s*[-+]", number)
        ):  # "telefon 900 (−600)" is an amount and a change
            yield PHONE, match.start(1), match.end(1)
    yield from _phone_groups(text)


# The lookbehind lets a match start only where a word starts, so that a long run of
# letters and dots is read once, not once from every position (which took minutes). The
# lookahead lets a word that no @ or (at) follows fail at once, not after 64 shorter tries.
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-åäöÅÄÖ])(?=[A-Za-z0-9._%+\-åäöÅÄÖ]++[ ]?+[@(\[{])[A-Za-z0-9._%+\-åäöÅÄÖ]{1,64}[ ]?(?:@|\(at\)|\[at\]|\{at\}|\(snabel-a\))[ ]?"
    r"[A-Za-z0-9\-åäö]{1,63}(?:[ ]?(?:\.|\(dot\)|\[dot\]|\(punkt\))[ ]?[A-Za-z0-9\-åäö]{1,63}){0,8}"
    r"[ ]?(?:\.|\(dot\)|\[dot\]|\(punkt\))[ ]?[A-Za-z]{2,}\b"
)


# Written out: "anna at exempel dot se", "anna snabel-a exempel punkt se", "anna (at) exempel (punkt) se".
_TLD = r"(?:se|nu|com|org|net|eu|info|io|fi|no|dk|de|uk|fr|biz|me|co|edu|gov|ax|is|pl|tr|ir|so|er|ba|rs|iq|sy|af)"
_AT_WORD = r"(?:[(\[{][ \t]*(?:at|snabel-?a)[ \t]*[)\]}]|(?<=[ \t])(?:at|snabel-?a)(?=[ \t]))"
_DOT_WORD = r"(?:[(\[{][ \t]*(?:dot|punkt)[ \t]*[)\]}]|(?<=[ \t])(?:dot|punkt)(?=[ \t])|\.)"
_EMAIL_WORDS = re.compile(  # the lookahead as in _EMAIL
    rf"(?<![\w.%+\-])(?=[\w.%+\-]++[ \t]*+(?:@|[(\[{{]|(?<=[ \t])(?:at|snabel)))[\w.%+\-]{{1,64}}[ \t]*(?:@|{_AT_WORD})[ \t]*[\w\-]{{1,63}}(?:[ \t]*{_DOT_WORD}[ \t]*[\w\-]{{1,63}}){{0,8}}?"
    rf"[ \t]*{_DOT_WORD}[ \t]*{_TLD}(?![\w])",
    re.IGNORECASE,
)


def _email(text: str) -> Iterator[Match]:
    for pattern in (_EMAIL, _EMAIL_WORDS):
        for match in pattern.finditer(text):
            yield EMAIL, match.start(), match.end()


_STREET_SUFFIX = (
    r"(?:gatan|gata|vägen|väg|gränd|gränden|stigen|torget|torg|backen|backe|allén|allé|leden|liden|"
    r"slingan|stråket|kroken|kajen|esplanaden|promenaden|bryggan|parken|ängen|gärde)"
)
_HOUSE_NUMBER = r"\d{1,4}(?:[ ]?[A-Ha-h](?![\wåäö]))?(?![\d,.]\d)"
# The lookahead (a word, then spaces and a digit) lets most words fail at once, before the lazy
# search for an ending among two dozen: 12 ms instead of 67 ms over the whole case bank.
_STREET = re.compile(
    rf"\b(?=[a-zåäöé\-]++[ \u00a0]{{1,3}}\d)[A-ZÅÄÖÉa-zåäöé][a-zåäöé\-]{{0,40}}?[a-zåäöé]{_STREET_SUFFIX}[ \u00a0]{{1,3}}{_HOUSE_NUMBER}",
    re.IGNORECASE,
)
_STREET_TWO_WORDS = re.compile(
    rf"\b[A-ZÅÄÖ][a-zåäöé]+[ ](?:gatan|gata|vägen|väg|torget|torg|gränd|allé|allén|backe|backen|stig|stigen)"
    rf"[ \u00a0]+{_HOUSE_NUMBER}"
)
_STREET_WORD = re.compile(
    rf"\b(?:adress(?:en)?|bor på|boende på|besöksadress|postadress)\s*:?\s*"
    rf"([A-ZÅÄÖ][\wåäöé\-]{{1,40}}(?:[ ][\wåäöé\-]{{1,40}}){{0,3}}[ ]{_HOUSE_NUMBER})",
    re.IGNORECASE,
)
_FLAT = re.compile(r"\b(?:lgh|lägenhetsnummer|lägenhet nr)\.?[ ]?\d{4}\b|\bBox[ ]\d{1,5}\b", re.IGNORECASE)


# Proper names of streets and squares without a -gatan/-vägen ending: Mariaplan 2, Tegnérlunden 3,
# Norr Mälarstrand 12; capitalised, so that "handlingsplan 2" is not read as an address.
_PLACE_SUFFIX = (
    r"(?:plan|planen|lunden|strand|stranden|hamnen|ringen|platsen|kaj|udden|holmen|höjden|hagen|ängen|vik|viken)"
)
_PLACE = re.compile(rf"\b[A-ZÅÄÖ][a-zåäöéü\-]{{0,40}}[a-zåäöéü]{_PLACE_SUFFIX}[ ]{{1,3}}{_HOUSE_NUMBER}")
_PLACE_TWO_WORDS = re.compile(
    rf"\b[A-ZÅÄÖ][a-zåäöéü]{{1,40}}[ ](?:strand|plan|kaj|hamn|park|esplanad|promenad|udde|ring|"
    rf"torg|gata|väg|allé|backe|gränd|stig|plats|gård)[ ]+{_HOUSE_NUMBER}"
)
# Abbreviated: Storg. 12, Kungsg 12, Ringv. 4 (gatan, vägen).
_STREET_ABBREVIATED = re.compile(
    r"\b[A-ZÅÄÖ][a-zåäöéü]{1,40}(?:g|v|gat|väg)\.[ ]?\d{1,4}(?:[ ]?[A-Ha-h](?![\wåäö]))?(?![\d,.]\d)"
)
# The house number first: 12 Storgatan.
_NUMBER_FIRST = re.compile(
    rf"(?<![\d,.:\-])\b\d{{1,4}}[ ]?[A-Ha-h]?[ ]+[A-ZÅÄÖ][a-zåäöé\-]{{0,40}}[a-zåäöé](?:{_STREET_SUFFIX}|"
    rf"{_PLACE_SUFFIX})\b"
)


def _address(text: str) -> Iterator[Match]:
    for pattern in (_PLACE, _PLACE_TWO_WORDS, _STREET_ABBREVIATED):
        for match in pattern.finditer(text):
            if not _followed_by_unit(text, match.end()):
                yield ADDRESS, match.start(), match.end()
    for match in tried_at(_NUMBER_FIRST, text, digit_runs(text)):
        if not _followed_by_unit(text, match.end()):
            yield ADDRESS, match.start(), match.end()
    for pattern in (_STREET, _STREET_TWO_WORDS):
        for match in pattern.finditer(text):
            if not _followed_by_unit(text, match.end()):
                yield ADDRESS, match.start(), match.end()
    for match in _STREET_WORD.finditer(text):
        if not _followed_by_unit(text, match.end(1)):
            yield ADDRESS, match.start(1), match.end(1)
    for match in _FLAT.finditer(text):
        yield ADDRESS, match.start(), match.end()


_POSTCODE = re.compile(
    r"(?<![\d\w,.\-])(?:SE[- ]?)?\d{3}[ \u00a0]?\d{2}[ \t\u00a0]{1,3}"
    r"(?:[A-ZÅÄÖ][a-zåäöé]{2,}|[A-ZÅÄÖ]{3,})(?![\wåäö])"
)
_POSTCODE_WORD = re.compile(r"\b(?:postnummer|postnr)\.?\s*:?\s*(\d{3}[ ]?\d{2})(?!\d)", re.IGNORECASE)


def _postcode(text: str) -> Iterator[Match]:
    for match in _POSTCODE.finditer(text):
        yield POSTCODE, match.start(), match.end()
    for match in _POSTCODE_WORD.finditer(text):
        yield POSTCODE, match.start(), match.end()


_BANK_WORD = re.compile(
    r"\b(?:clearing(?:nummer|nr)?|clnr|kontonummer|kontonr|konto[ ]?nr|bankkonto(?:nummer|nr)?|"
    r"bankgiro(?:nummer|nr|t)?|plusgiro(?:nummer|nr|t)?|personkonto(?:t|nummer)?|bg|pg|iban)\b\.?[ ]?:?[ ]?"
    r"(?:nr\.?|nummer|är)?[ ]?:?[ ]?((?:[A-Z]{2}[ ]?\d{2}[ ]?)?\d[\d ,\-–]{2,30}\d)",
    re.IGNORECASE,
)
_ACCOUNT = re.compile(
    r"(?<![\d\-/.,:])([1-9]\d{3})(-\d)?(?:[ ]?[,\-–][ ]?|[ ])(\d{3,}(?:[ \-]\d{2,}){0,4}(?:-\d)?)(?![\d])"
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?\d{4}){4,7}(?:[ ]?\d{1,3})?\b")


def _bank(text: str) -> Iterator[Match]:
    for match in _BANK_WORD.finditer(text):
        number = match.group(1).rstrip(" ,-–")
        end = match.start(1) + len(number)
        if len(_digits(number)) >= 4 and not _ISO_DATE.match(number) and not _followed_by_unit(text, end):
            yield BANK, match.start(1), end
    for match in tried_at(_ACCOUNT, text, digit_runs(text)):
        account = _digits(match.group(3))
        if 7 <= len(account) <= 12 and not _followed_by_unit(text, match.end()):
            yield BANK, match.start(), match.end()
    for match in _IBAN.finditer(text):
        yield BANK, match.start(), match.end()


_MONTHS = (
    r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NO = r"(?:0?[1-9]|1[0-2])"
_FULL_DATES = [
    re.compile(r"(?<![\d\-])(?P<y>(?:19|20)\d{2})[-/.](?P<m>0[1-9]|1[0-2])[-/.](?P<d>0[1-9]|[12]\d|3[01])(?![\d])"),
    re.compile(r"(?<![\d\-])(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![\d])"),
    re.compile(rf"(?<![\d\-/.])(?P<d>{_DAY})[./\-](?P<m>{_MONTH_NO})[./\-](?P<y>(?:19|20)\d{{2}})(?![\d])"),
    re.compile(rf"(?<![\d\-/.])(?P<d>{_DAY})/(?P<m>{_MONTH_NO})[ ](?P<y>(?:19|20)\d{{2}})(?![\d])"),
    re.compile(
        rf"(?<![\d])(?P<d>{_DAY})(?::e|:a)?[ \u00a0]+(?P<mn>{_MONTHS})[ \u00a0]+(?P<y>(?:19|20)\d{{2}})(?![\d])",
        re.IGNORECASE,
    ),
]
# Forms only read as a date right after a word about birth (too ambiguous elsewhere).
_SHORT_DATES = [
    re.compile(r"(?<![\d])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\d])"),
    re.compile(rf"(?<![\d]){_DAY}[./\-]{_MONTH_NO}[./\-]\d{{2}}(?![\d])"),
    re.compile(rf"(?<![\d]){_DAY}(?::e|:a)?[ ]+{_MONTHS}(?:[ ]+(?:19|20)?\d{{2}})?(?![\d])", re.IGNORECASE),
    re.compile(rf"(?<![\d]){_DAY}/{_MONTH_NO}(?:[ \-](?:19|20)?\d{{2}})?(?![\d])"),
]
_BIRTH_WORD = re.compile(
    r"(?:\b(?:född|födda|föddes|födelsedatum|födelsedag|födelsedagen|fdd|dob|born)\b|\bf\.)"
    r"[ \t:]*(?:den|on)?[ \t:]*",
    re.IGNORECASE,
)
_MASKED_PNR = re.compile(r"(?<![\d])(?:18|19|20)?\d{6}[ ]?[-+]?[ ]?(?:[Xx*•]{4}|[Xx*]{2}\d{2}|\d{2}[Xx*]{2})(?![\w])")


# The patterns searched only where a run of digits starts, and _PHONE only at + ( and 0
# (tests/test_detector_search.py checks that this finds what a search everywhere finds).
AT_DIGIT_RUNS = (_PNR, _NUMBER_FIRST, _ACCOUNT, *_FULL_DATES, _MASKED_PNR)
AT_PHONE_START = ((_PHONE, _PHONE_START),)


def _birth_date(text: str) -> Iterator[Match]:
    for match in _BIRTH_WORD.finditer(text):
        window_start = match.end()
        window = text[window_start : window_start + 40]
        for pattern in (*_FULL_DATES, *_SHORT_DATES):
            found = pattern.match(window)
            if found:
                yield BIRTH_DATE, match.start(), window_start + found.end()
                break
    runs = digit_runs(text)
    for pattern in _FULL_DATES:
        for match in tried_at(pattern, text, runs):
            year, day = int(match.group("y")), int(match.group("d"))
            if year < 2010 and day != 1:
                yield BIRTH_DATE, match.start(), match.end()
    for match in tried_at(_MASKED_PNR, text, runs):
        yield BIRTH_DATE, match.start(), match.end()
