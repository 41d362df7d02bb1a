"""Numbers in running Swedish text: 'sju personer', 'två år', 'sex månader'.

A rule value read from the parameters is written into a sentence here; the value itself never is.
"""

from __future__ import annotations

# Swedish number words as they stand before a plural noun ("två år", "tolv månader").
_WORDS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")
MONTHS_PER_YEAR = 12


def number_word(n: int, *, neuter: bool = False) -> str:
    """'sju' for 7; digits above twelve. neuter: 'ett' for 1 ('ett år' rather than 'en månad')."""
    if n == 1 and neuter:
        return "ett"
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def months_text(months: int) -> str:
    """A duration in words: 'två år' for 24, 'ett år' for 12, 'sex månader' for 6, '18 månader'."""
    years, rest = divmod(months, MONTHS_PER_YEAR)
    if rest == 0 and years:
        return f"{number_word(years, neuter=True)} år"
    return f"{number_word(months)} {'månad' if months == 1 else 'månader'}"


def count_text(count: int, singular: str, plural: str) -> str:
    """'1 övning', '3 övningar': a count with its noun in the right number."""
    return f"{count} {singular if count == 1 else plural}"


def persons_text(count: int) -> str:
    """'1 person', '3 personer': a household size as a line or a notice says it."""
    return count_text(count, "person", "personer")
