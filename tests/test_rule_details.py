"""Details of issue 11 that the golden cases do not show by their amounts: how a citation reads
when its section is not verified, where the open questions are listed, the check of the 2026
table against the Government's totals, the path for a year with totals only, and the exit codes
and messages of the command line for a case that cannot be assessed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.assessment import assess
from toolkit.case import load_case, parse_case
from toolkit.cli import main
from toolkit.errors import InputError, MissingParameterError
from toolkit.maintenance.tables import lagrum_markdown, open_sections_markdown
from toolkit.months import Month
from toolkit.rules import PARAMETERS, Rules

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture()
def params(tmp_path: Path) -> Path:
    copy = tmp_path / "parameters"
    shutil.copytree(PARAMETERS, copy)
    return copy


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} ska stå en gång i {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def case(month: str, household: list[dict], **fields) -> dict:
    return {"id": "prov", "titel": "Prov", "månad": month, "hushåll": household, **fields}


# -- citations ---------------------------------------------------------------------------------------


def test_a_verified_section_of_the_new_law_is_cited_as_it_is(rules):
    september = Month(2025, 9)
    assert str(rules.citation("rätt_till_bistånd", september)) == "12 kap. 1 § socialtjänstlagen (2025:400)"
    assert str(rules.citation("jobbstimulans", september)) == "12 kap. 8 § socialtjänstlagen (2025:400)"
    assert str(rules.citation("barns_inkomster", september)) == "12 kap. 9 § socialtjänstlagen (2025:400)"
    assert str(rules.citation("särskilda_skäl", september)) == (
        "12 kap. 7 § tredje stycket socialtjänstlagen (2025:400)"
    )


def test_an_unverified_section_cites_the_chapter_and_the_former_section(params):
    replace_once(
        params / "lagrum.yaml",
        "        hänvisning: 12 kap. 1 § socialtjänstlagen (2025:400)\n        källa: &sol2025",
        "        hänvisning: 12 kap. socialtjänstlagen (2025:400)\n        paragraf_verifierad: false\n"
        "        källa: &sol2025",
    )
    citation = Rules(params, "exempelstad").citation("rätt_till_bistånd", Month(2025, 9))
    assert (
        str(citation) == "12 kap. socialtjänstlagen (2025:400), som motsvarar 4 kap. 1 § socialtjänstlagen (2001:453)"
    )
    assert "inte verifierad" not in lagrum_markdown(["rätt_till_bistånd"], Rules(params, "exempelstad"))


def test_an_unverified_citation_without_a_different_former_is_shown_as_it_is(rules):
    # The general advice has the same name before and after 2025-07-01; the open question is
    # whether it was reissued, not which section: no "som motsvarar" to itself.
    assert str(rules.citation("umgänge", Month(2025, 9))) == "SOSFS 2013:1, allmänna råd om ekonomiskt bistånd"


def test_no_line_a_trainee_reads_warns_about_an_unverified_section(rules):
    for path in sorted(GOLDEN.glob("*.yaml")):
        result = assess(load_case(path), rules)
        texts = [line.citation for line in result.lines] + [result.decision_citation]
        assert not any("verifierad" in text for text in texts), path.stem
    assert "inte verifierad" not in lagrum_markdown(list(rules.lagrum.rules), rules)


def test_the_open_questions_are_listed_once_for_the_sources_page(rules):
    listed = open_sections_markdown(rules).splitlines()
    unverified = [
        (rule.description, w.citation)
        for rule in rules.lagrum.rules.values()
        for w in rule.wordings
        if not w.section_verified
    ]
    assert unverified and len(listed) == len(unverified)
    for (description, citation), line in zip(unverified, listed, strict=True):
        assert line.startswith(f"- {description}: {citation} (")


# -- the 2026 table and totals -----------------------------------------------------------------------


def test_a_total_that_does_not_match_the_table_is_rejected(params):
    replace_once(params / "riksnorm.yaml", "      ensamstående_1_person: 5220\n", "      ensamstående_1_person: 5230\n")
    with pytest.raises(InputError) as caught:
        Rules(params, "exempelstad")
    assert "ensamstående_1_person" in str(caught.value) and "5220" in str(caught.value)


def test_a_year_with_only_totals_computes_those_households_and_names_the_table_for_others(params):
    text = (params / "riksnorm.yaml").read_text(encoding="utf-8")
    start = text.index("    personliga_kostnader:", text.index("  - från: 2026-01-01"))
    end = text.index("    # Regeringens summor")
    (params / "riksnorm.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    rules = Rules(params, "exempelstad")
    single = assess(parse_case(case("2026-02", [{"id": "p1", "roll": "sökande", "ålder": 40}])), rules)
    assert single.riksnorm == 5220 * 100  # the Government's total, read from the file copy above
    with pytest.raises(MissingParameterError, match="tabell"):
        assess(
            parse_case(
                case(
                    "2026-02", [{"id": "p1", "roll": "sökande", "ålder": 40}, {"id": "b1", "roll": "barn", "ålder": 4}]
                )
            ),
            rules,
        )


# -- the command line ----------------------------------------------------------------------------------


def test_a_childs_wage_without_tidigare_i_ar_exits_3_and_names_the_field(capsys):
    code = main(["assess", str(GOLDEN / "errors" / "fel-barns-lon-utan-tidigare-i-ar.yaml"), "--kommun", "exempelstad"])
    err = capsys.readouterr().err
    assert code == 3
    assert "inkomster[2].tidigare_i_år" in err and "fel-barns-lon-utan-tidigare-i-ar.yaml" in err and "rad " in err


def test_an_adult_who_left_school_in_the_parents_case_exits_2(capsys):
    code = main(
        ["assess", str(GOLDEN / "errors" / "fel-foraldrar-med-arton-aring-utan-skola.yaml"), "--kommun", "exempelstad"]
    )
    err = capsys.readouterr().err
    assert code == 2 and "hushåll[2].ålder" in err and "går inte i skolan" in err


def test_an_accepted_cost_above_the_actual_cost_is_refused(rules):
    data = case(
        "2025-10",
        [{"id": "p1", "roll": "sökande", "ålder": 40}],
        kostnader=[
            {
                "typ": "boende",
                "belopp": 7000,
                "godtagen_högre_kostnad": {"belopp": 7500, "skäl": "Skäl som är tillräckligt långt."},
            }
        ],
    )
    with pytest.raises(InputError) as caught:
        parse_case(data, rules=rules)
    assert caught.value.field == "kostnader[1].godtagen_högre_kostnad.belopp"


def test_a_childs_wage_in_january_needs_no_tidigare_i_ar(rules):
    data = case(
        "2025-01",
        [{"id": "p1", "roll": "sökande", "ålder": 40}, {"id": "b1", "roll": "barn", "ålder": 16}],
        inkomster=[{"typ": "lön", "person": "b1", "belopp": 3000}],
    )
    line = assess(parse_case(data, rules=rules), rules).line("inkomst:1")
    assert line.amount == 0 and line.rule == "barns_inkomster"
