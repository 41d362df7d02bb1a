"""Reading a written text: word stems, sentences and the plain-language measures the decision
review applies (Språklag (2009:600) 11 §: vårdat, enkelt och begripligt)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = ("kap.", "t.ex.", "bl.a.", "s.k.", "dvs.", "m.m.", "o.s.v.", "p.g.a.", "nr.", "ca.", "jfr.", "st.")
WORD = re.compile(r"[\wåäöÅÄÖéü§:–-]+", re.UNICODE)
DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-"})


def normal(text: str) -> str:
    """Lower case, one kind of dash and single spaces: what stems are looked for in."""
    return " ".join((text or "").lower().translate(DASHES).split())


def has_stem(text: str, stems: list[str]) -> bool:
    """Whether one of the word stems (or phrases) stands in the text."""
    haystack = normal(text)
    return any(normal(stem) in haystack for stem in stems)


def missing_stems(text: str, groups: list[list[str]]) -> list[int]:
    """The indexes of the groups none of whose stems stands in the text."""
    return [i for i, stems in enumerate(groups) if not has_stem(text, stems)]


def words(text: str) -> list[str]:
    """The words of a text (numbers and § count as words)."""
    return WORD.findall(text or "")


def sentences(text: str) -> list[str]:
    """The sentences of a text: split at . ! ? or a line break, not after an abbreviation."""
    protected = text or ""
    for abbreviation in ABBREVIATIONS:
        protected = re.sub(re.escape(abbreviation), abbreviation.replace(".", "\u2024"), protected, flags=re.I)
    parts = re.split(r"(?<=[.!?])\s+|\n+", protected)
    return [p.replace("\u2024", ".").strip() for p in parts if words(p)]


@dataclass(frozen=True)
class Readability:
    """The plain-language measures of a text."""

    mean_words: float
    longest: str
    longest_words: int
    officialese: tuple[str, ...]


def readability(text: str, officialese: list[str]) -> Readability:
    """Mean sentence length in words, the longest sentence and the officialese words used."""
    found = sentences(text)
    lengths = [len(words(s)) for s in found]
    longest = max(range(len(found)), key=lambda i: lengths[i]) if found else -1
    used = {w.lower() for w in words(text)}
    hard = tuple(word for word in officialese if word.lower() in used)
    return Readability(
        mean_words=sum(lengths) / len(lengths) if lengths else 0.0,
        longest=found[longest] if found else "",
        longest_words=lengths[longest] if found else 0,
        officialese=hard,
    )


def citation_parts(citation: str) -> list[str]:
    """The parts of a legal citation a written reference must contain: each 'N kap. M §' (or
    'M §') and the SFS number, compared without spaces and dots."""
    text = normal(citation)
    sections = re.findall(r"(?:\d+ kap\. )?\d+(?: ?- ?\d+)?(?: [a-z])? ?§§?", text)
    numbers = re.findall(r"\d{4}:\d+", text)
    return [squeeze(part) for part in sections + numbers]


def squeeze(text: str) -> str:
    """Text without spaces and dots, for comparing references ('12 kap 1 §' = '12 kap. 1 §')."""
    return re.sub(r"[\s.]", "", normal(text)).replace("§§", "§")


def cites(written: str, citation: str) -> bool:
    """Whether a written legal reference contains every part of a citation."""
    squeezed = squeeze(written)
    return all(part in squeezed for part in citation_parts(citation))
