"""Names in the case bank: a real name list and the patterns people write names in.

Cases use invented first names only, and each case file lists them in `påhittade_förnamn`.
The guard reads names with:
- the Swedish lists in Faker's sv_SE person data (imported as data: Skatteverket's 500 most
  common surnames, Isof's 500 most common first names), and the common names of Sweden's
  largest immigrant groups in names.yaml, each group with its source;
- patterns: first name + surname ("Amina Hussein"), a declared first name + any capitalised
  word ("Jonas Kowalczyk"), "Efternamn, Förnamn", an initial ("A. Svensson"), all capitals
  ("ANNA SVENSSON"), a lower-case surname ("Anna svensson"), and a surname from the list on
  its own ("familjen Bergman");
- in a case file with `påhittade_förnamn`: a first name from the lists that is not declared.
A surname right after a company word ("Lagerbolaget Berg") is part of a company's name, and a
capitalised Swedish word that is also a name (Inga, Hans, Berg) is a word when it stands alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

from ruamel.yaml import YAML

NAME = "namn"  # a full name, or a name in a pattern
SURNAME = "efternamn"  # a surname from the list, alone
UNDECLARED = "förnamn som inte står i påhittade_förnamn"

# Endings that make a capitalised word after a first name a surname even when it is not in
# a list (Jonas Lindqvistsson, Amina Kowalczyk-Berg).
SURNAME_ENDINGS = (
    "sson",
    "son",
    "berg",
    "ström",
    "strom",
    "qvist",
    "kvist",
    "gren",
    "lund",
    "dahl",
    "holm",
    "blad",
    "lind",
    "strand",
    "stedt",
    "bäck",
    "fors",
    "ling",
    "ander",
    "ius",
    "sjö",
    "gård",
    "heim",
    "löf",
    "löv",
    "björk",
    "ić",
    "ic",
    "vić",
    "ski",
    "ska",
    "cki",
    "cka",
    "nen",
    "oğlu",
    "oglu",
    "zadeh",
    "pour",
    "poor",
    "ian",
    "yan",
)
# Capitalised words that may follow a first name without being a surname.
_NOT_SURNAMES = frozenset(
    {
        "Och",
        "Eller",
        "Men",
        "Har",
        "Är",
        "Var",
        "Kan",
        "Ska",
        "Vill",
        "Som",
        "Med",
        "Från",
        "Till",
        "Hos",
        "Den",
        "Det",
        "De",
        "Han",
        "Hon",
        "Hen",
        "Vi",
        "Jag",
        "Du",
        "Mamma",
        "Pappa",
        "Swish",
        "Bankid",
        "Ica",
        "Coop",
        "Lidl",
    }
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FOLD = str.maketrans(
    {"ı": "i", "İ": "I", "đ": "dj", "Đ": "Dj", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "Ae"}
)


def fold(name: str) -> str:
    """A name without diacritics, for comparison: Yılmaz -> Yilmaz, Hodžić -> Hodzic. The
    Swedish letters å, ä and ö are kept (Ström is not Strom)."""
    if name.isascii():
        return name
    out = []
    for char in name.translate(_FOLD):
        if char in "åäöÅÄÖ":
            out.append(char)
            continue
        out.append("".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)))
    return "".join(out)


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    """How a word is looked up: folded and title-cased per part (ANNA-KARIN -> Anna-Karin)."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in fold(word).split("-"))


@lru_cache(maxsize=1)
def lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    """(first names, surnames, common words, company words), all as lookup keys."""
    from faker.providers.person.sv_SE import Provider as Swedish

    data = YAML(typ="safe").load(resources.files("toolkit.casebank").joinpath("names.yaml").read_text("utf-8"))
    first = {*Swedish.first_names_female, *Swedish.first_names_male}
    last = set(Swedish.last_names)
    for group in data["grupper"]:
        first.update(group.get("förnamn") or [])
        last.update(group.get("efternamn") or [])
    common = frozenset(_key(w) for w in data["vanliga_ord"])
    return (
        frozenset(_key(n) for n in first),
        frozenset(_key(n) for n in last),
        common,
        tuple(w.lower() for w in data["företagsord"]),
    )


def _is_surname(word: str, surnames: frozenset[str]) -> bool:
    key = _key(word)
    parts = key.split("-")
    bare = [re.sub(r"^(?:Al|El)-?", "", p) or p for p in parts]  # Al-Hassan, El-Sayed
    return (
        key in surnames
        or any(p in surnames for p in parts + bare)
        or (len(key) > 4 and key.lower().endswith(SURNAME_ENDINGS))
    )


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and (word[1:].islower() or word.isupper() or "-" in word)


_DECLARED = re.compile(r"^påhittade_förnamn:[ \t]*(?:\[([^\]\n]*)\]|\n((?:[ \t]*-[ \t]*\S[^\n]*\n?)+))", re.MULTILINE)


def declared_in(text: str) -> list[str] | None:
    """The invented first names a case text declares in `påhittade_förnamn` (a YAML list in
    brackets or with dashes), or None when it declares none."""
    match = _DECLARED.search(text)
    if not match:
        return None
    if match.group(1) is not None:
        return [n.strip(" '\"") for n in match.group(1).split(",") if n.strip()]
    return [line.strip()[1:].strip(" '\"") for line in match.group(2).splitlines() if line.strip()]


def find_names(text: str, declared: Iterable[str] | None = None) -> Iterator[tuple[str, int, int]]:
    """Names in a text, as (kind, start, end). `declared` is the file's påhittade_förnamn, or
    None when the file has none (then a first name alone is not a finding)."""
    first_names, surnames, common, company = lists()
    if declared is None:
        declared = declared_in(text)
    # A surname is never an invented first name, even when a file declares it as one.
    allowed = frozenset(k for k in map(_key, declared or ()) if k in first_names or k not in surnames)
    known_first = first_names | allowed if allowed else first_names
    words = list(_WORD.finditer(text))
    used: set[int] = set()
    for i, word in enumerate(words):
        w = word.group(0)
        if not w[:1].isupper():
            continue  # every pattern starts with a capital letter
        if text[word.start() - 1 : word.start()] == "_" or text[word.end() : word.end() + 1] == "_":
            continue  # part of an identifier such as HANDBOK_MAX_BELOPP
        key = _key(w)
        nxt = words[i + 1] if i + 1 < len(words) else None
        gap = text[word.end() : nxt.start()] if nxt else ""
        is_first = key in known_first
        # First name + surname, on one line: Amina Hussein, ANNA SVENSSON, Anna svensson.
        if nxt and is_first and _capitalised(w) and re.fullmatch(r"[ ]{1,2}", gap):
            n = nxt.group(0)
            n_key = _key(n)
            if (
                _capitalised(n)
                and n_key not in _NOT_SURNAMES
                and n_key not in allowed
                and (_is_surname(n, surnames) or (key in allowed and n_key not in first_names))
            ):
                used.update((i, i + 1))
                yield NAME, word.start(), nxt.end()
                continue
            if n.islower() and n_key in surnames and n_key not in common and len(n) > 2:
                used.update((i, i + 1))
                yield NAME, word.start(), nxt.end()
                continue
        # Efternamn, Förnamn: Svensson, Anna (not a list of declared first names).
        if (
            nxt
            and _capitalised(w)
            and key not in allowed
            and gap in (", ", ",  ")
            and _is_surname(w, surnames)
            and _key(nxt.group(0)) in known_first
            and not (key in first_names and key not in surnames)
        ):
            used.update((i, i + 1))
            yield NAME, word.start(), nxt.end()
            continue
        # An initial: A. Svensson, A.Svensson.
        if (
            nxt
            and len(w) == 1
            and w.isupper()
            and re.fullmatch(r"\.[ ]?", gap)
            and _capitalised(nxt.group(0))
            and _is_surname(nxt.group(0), surnames)
        ):
            used.update((i, i + 1))
            yield NAME, word.start(), nxt.end()
            continue
        # Alone, only a word written as a name counts (an all-capital word is an abbreviation).
        if i in used or not _capitalised(w) or w.isupper() or key in allowed or key in common:
            continue
        before = words[i - 1].group(0).lower() if i > 0 else ""
        after = (nxt.group(0) if nxt else "").lower()
        if before.endswith(company) or after in company or gap.strip() == "&":
            continue  # Lagerbolaget Berg, Berg AB, Berg & Son
        # A surname alone: familjen Bergman, Yilmaz sa ...
        if key in surnames and key not in first_names:
            yield SURNAME, word.start(), word.end()
        # A first name the case does not declare.
        elif declared is not None and key in first_names:
            yield UNDECLARED, word.start(), word.end()
