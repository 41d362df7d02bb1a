"""Finding the facts yourself (toolkit.factfinding): the trainee's own rows are matched to the
case's incomes and costs; a missed item is named with the document it stood in, and an extra
row, a wrong amount and a wrong month each get their own sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.case import load_case
from toolkit.errors import InputError
from toolkit.factfinding import FoundItem, key_items, review_found

CASES = Path(__file__).resolve().parent.parent / "casebank" / "cases"


@pytest.fixture
def case():
    return load_case(CASES / "hyra-over-riktvarde-radrum.yaml")


def everything(case) -> list[FoundItem]:
    return [FoundItem(k.kind, k.type, str(k.amount), k.person) for k in key_items(case)]


def test_every_item_found_gives_no_finding(case, rules):
    result = review_found(case, everything(case), rules)
    assert result.all_found and len(result.matched) == len(case.incomes) + len(case.costs) == 4


def test_a_missed_income_is_named_with_the_document_it_stood_in(case, rules):
    found = [row for row in everything(case) if row.type != "aktivitetsstöd"]
    (sentence,) = review_found(case, found, rules).of_kind("saknas")
    assert "aktivitetsstöd" in sentence and "Svar från Försäkringskassan (via SSBTEK)" in sentence


def test_a_missed_rent_is_named_with_the_rent_notice(case, rules):
    found = [row for row in everything(case) if row.type != "boende"]
    (sentence,) = review_found(case, found, rules).of_kind("saknas")
    assert "Hyresavi juni" in sentence


def test_an_extra_row_a_wrong_amount_and_a_wrong_month_are_each_named(case, rules):
    rows = everything(case)
    extra = FoundItem("inkomst", "lön", "4000", "p1")
    wrong_amount = FoundItem("inkomst", "aktivitetsstöd", "6200", "p1")
    rows = [r for r in rows if r.type != "aktivitetsstöd"] + [extra, wrong_amount]
    result = review_found(case, rows, rules)
    assert len(result.of_kind("extra")) == 1 and "finns inte i underlagen för 2025-05" in result.of_kind("extra")[0]
    assert len(result.of_kind("belopp")) == 1 and "stämmer inte" in result.of_kind("belopp")[0]
    other_month = [r for r in everything(case) if r.type != "aktivitetsstöd"]
    other_month.append(FoundItem("inkomst", "aktivitetsstöd", "6100", "p1", month="2025-04"))
    result = review_found(case, other_month, rules)
    assert "hör till 2025-04, inte till 2025-05" in result.of_kind("månad")[0]
    assert len(result.of_kind("saknas")) == 1  # the income of the month is still missing


def test_unknown_types_and_bad_amounts_are_swedish_messages(case, rules):
    with pytest.raises(InputError, match="okänd inkomststyp 'lotto'"):
        review_found(case, [FoundItem("inkomst", "lotto", "10")], rules)
    with pytest.raises(InputError, match="inget belopp"):
        review_found(case, [FoundItem("kostnad", "hushållsel", "mycket")], rules)
    with pytest.raises(InputError, match="inkomst eller kostnad"):
        review_found(case, [FoundItem("skuld", "hushållsel", "10")], rules)
