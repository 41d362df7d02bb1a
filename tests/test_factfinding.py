"""Finding the facts yourself (toolkit.factfinding): the trainee's own rows are matched to the
case's incomes and costs; a missed item is named with the document it stood in, and an extra
row, a wrong amount and a wrong month each get their own sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.assessment import assess
from toolkit.case import load_case
from toolkit.errors import InputError
from toolkit.factfinding import FACTS, FactsAnswer, FoundItem, fixed_rows, grade_found, key_items, review_found

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


# -- counted or not: whether each item counts comes from the case's hand-worked key ------------------


def counted_as_the_key_says(case, not_counted: set[tuple[str, str, str | None]]) -> list[FoundItem]:
    """The case's items with "räknas" as its key (facit) says; the counted amounts must add up
    to the key's räknade_inkomster and skäliga_kostnader (öre in the key)."""
    rows = [
        FoundItem(
            k.kind, k.type, str(k.amount), k.person, str(case.month), (k.kind, k.type, k.person) not in not_counted
        )
        for k in key_items(case)
    ]
    assert case.key is not None
    assert sum(int(r.amount) for r in rows if r.kind == "inkomst" and r.counted) * 100 == case.key.incomes
    assert sum(int(r.amount) for r in rows if r.kind == "kostnad" and r.counted) * 100 == case.key.costs
    return rows


@pytest.fixture
def summer_job():
    return load_case(CASES / "barns-sommarjobb.yaml")


# The key's beräkning: "Sonens lön 8 200 kr ... ryms inom ett prisbasbelopp": not counted.
CHILDS_WAGE = {("inkomst", "lön", "b1")}


def test_items_counted_as_the_key_says_give_no_finding(summer_job, rules):
    rows = counted_as_the_key_says(summer_job, CHILDS_WAGE)
    result = review_found(summer_job, rows, rules, assess(summer_job, rules))
    assert result.all_found, result.messages
    assert set(result.right.values()) == {True} and len(result.right) == 9


def test_a_childs_wage_counted_is_named_with_the_reason(summer_job, rules):
    rows = counted_as_the_key_says(summer_job, CHILDS_WAGE)
    rows = [FoundItem(r.kind, r.type, r.amount, r.person, r.month, True) for r in rows]
    result = review_found(summer_job, rows, rules, assess(summer_job, rules))
    (sentence,) = result.of_kind("räknas")
    assert sentence.startswith("Lön (barn 1, 15 år) räknas inte som inkomst: ")
    assert "prisbasbelopp" in sentence and sentence.endswith("Du kryssade i ”räknas”.")
    assert result.right["inkomst:2"] is False and result.right["inkomst:1"] is True


def test_a_benefit_left_uncounted_is_named(summer_job, rules):
    rows = [
        FoundItem(r.kind, r.type, r.amount, r.person, r.month, False) if r.type == "barnbidrag" else r
        for r in counted_as_the_key_says(summer_job, CHILDS_WAGE)
    ]
    (sentence,) = review_found(summer_job, rows, rules, assess(summer_job, rules)).of_kind("räknas")
    assert sentence == "Barnbidrag räknas som inkomst. Du kryssade inte i ”räknas”."


def test_without_the_assessment_counted_is_not_judged(summer_job, rules):
    rows = [FoundItem(r.kind, r.type, r.amount, r.person, r.month, True) for r in everything(summer_job)]
    assert review_found(summer_job, rows, rules).all_found


def test_a_bad_amount_names_the_row_and_the_field(case, rules):
    rows = [FoundItem("kostnad", "boende", "8900"), FoundItem("kostnad", "hushållsel", "mycket")]
    with pytest.raises(InputError, match=r"rad 2 \(hushållsel\), fältet Belopp: .*inget belopp"):
        review_found(case, rows, rules)


def test_grading_the_form_names_an_unreadable_row_and_grades_nothing(summer_job, rules):
    answer = FactsAnswer(found=[FoundItem("inkomst", "barnbidrag", "tvåtusen")])
    feedback = grade_found(summer_job, assess(summer_job, rules), answer, rules)
    assert not feedback.readable and feedback.verdicts == () and feedback.review is None
    assert feedback.errors[FACTS].startswith("Rad 1 (barnbidrag), fältet Belopp")


def test_the_form_keeps_the_norm_rows_only(summer_job, rules):
    rows = fixed_rows(summer_job, assess(summer_job, rules))
    assert rows and {row.category for row in rows} == {"riksnorm"}
