"""The guard's detectors try some patterns only where a match can start (a run of digits;
+, ( or 0 for a phone number), which is faster than a search at every position. These tests
check that this finds exactly what pattern.finditer finds, on texts full of near misses."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.casebank import detectors, search

# Pieces of identifiers and of what lies next to them, so that most texts hold near misses.
PIECES = (
    "19",
    "20",
    "18",
    "811218",
    "9876",
    "0701234567",
    "-",
    "+",
    " ",
    "  ",
    ".",
    "/",
    ":",
    ",",
    "X",
    "XXXX",
    "xx",
    "**",
    "•",
    "(",
    ")",
    "(0)",
    "0046",
    "46",
    "070",
    "08",
    "12",
    "3",
    "31",
    "01",
    "14",
    "2025",
    "2009",
    "1988",
    "8327",
    "123",
    "45",
    "1234567",
    "3:e",
    "januari",
    "jan",
    "Storgatan",
    "Mariaplan",
    "vägen",
    "B",
    "a",
    "kr",
    "år",
    "född",
    "\n",
    "\t",
    "\u00a0",
    "é",
)
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def found(matches) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=200, deadline=None)
@given(texts)
def test_trying_digit_runs_finds_what_a_search_everywhere_finds(text):
    runs = search.digit_runs(text)
    for pattern in detectors.AT_DIGIT_RUNS:
        assert found(search.tried_at(pattern, text, runs)) == found(pattern.finditer(text)), pattern.pattern


@settings(max_examples=200, deadline=None)
@given(texts)
def test_trying_phone_starts_finds_what_a_search_everywhere_finds(text):
    for pattern, starts in detectors.AT_PHONE_START:
        tried = search.tried_at(pattern, text, (m.start() for m in starts.finditer(text)))
        assert found(tried) == found(pattern.finditer(text))


def test_a_pattern_that_can_start_elsewhere_is_caught():
    """The check has teeth: a pattern that can start inside a run of digits finds less."""
    import re

    inside = re.compile(r"\d{3}")
    text = "1234567"
    assert found(search.tried_at(inside, text, search.digit_runs(text))) != found(inside.finditer(text))
