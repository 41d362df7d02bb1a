"""The case bank itself: enough cases, every skill trained at least three times, every key
worked out by hand agrees with the engine, and the skills point at the right book sections."""

from __future__ import annotations

from collections import Counter

import pytest

from toolkit.assessment import assess
from toolkit.case import load_case
from toolkit.casebank import case_paths
from toolkit.casebank.authoring import compare_key, coverage
from toolkit.casebank.skills import load_skills
from toolkit.casebank.teaching import CONDITIONS, failing
from toolkit.cli import main
from toolkit.rules import load_rules

# The skill ids and book sections agreed for the project (see the project brief).
SKILLS = [
    "riksnorm",
    "hushållsgemenskap",
    "inkomster",
    "jobbstimulans",
    "barns_inkomster",
    "boende_och_rådrum",
    "umgänge",
    "kontroll",
    "budgetrådgivning",
    "planering",
    "barnrätt",
    "våld_i_nära_relation",
    "unga_vuxna",
    "långvarigt_bistånd",
    "arbete_först",
    "beslutsskrivning",
    "akuta_lägen",
    "besöksplanering",
]
SECTIONS = {
    "bedomning-och-berakning": {
        "sec-riksnorm",
        "sec-aldersgrupper",
        "sec-lunch",
        "sec-skolungdom",
        "sec-sambor",
        "sec-fler-an-sju",
        "sec-hushallsgemenskap",
        "sec-umgange",
        "sec-skaliga-kostnader",
        "sec-boende-radrum",
        "sec-inkomster",
        "sec-jobbstimulans",
        "sec-barns-inkomster",
        "sec-tillgangar",
        "sec-avslag",
        "sec-sarskilda-skal",
    },
    "utredning": {"sec-kontroll"},
    "felaktiga-utbetalningar": {"sec-felaktig-utbetalning", "sec-aterkrav", "sec-bidragsbrott"},
    "budgetradgivning": {"sec-budget"},
    "planering": {"sec-plan"},
    "motet": {"sec-barnratt", "sec-vald"},
    "arbete-forst": {"sec-arbete-forst", "sec-unga-vuxna"},
    "langvarigt-bistand": {"sec-langvarigt"},
    "beslut-och-dokumentation": {"sec-beslutets-innehall"},
    "akuta-lagen": {"sec-nodprovning"},
    "planera-och-forbattra": {"sec-veckoplan"},
}
PATHS = case_paths()


@pytest.fixture(scope="module")
def cases():
    return [load_case(path) for path in PATHS]


def test_skills_file_has_the_agreed_skills_and_sections():
    skills = load_skills()
    assert list(skills) == SKILLS
    for skill_id, skill in skills.items():
        for section in [skill.section, *skill.see_also]:
            chapter, label = section.split("#")
            assert label in SECTIONS.get(chapter, set()), f"{skill_id}: {section}"
        assert len(skill.mastery.split()) >= 10, skill_id
        unknown = set(skill.rules) - set(load_rules().lagrum.rules)
        assert not unknown, f"{skill_id}: regler som inte finns i lagrum.yaml: {unknown}"


def test_the_bank_is_large_and_covers_every_skill_at_several_levels(cases):
    assert len(cases) >= 40
    table = coverage(cases, load_skills())
    skills = load_skills()
    thin = {
        skill: sum(levels.values())
        for skill, levels in table.items()
        if sum(levels.values()) < 3 and not skills[skill].exercises_only
    }
    assert not thin, f"färdigheter med färre än tre fall: {thin}"
    assert {case.level for case in cases} == {1, 2, 3}
    years = Counter(case.month.year for case in cases)
    assert years[2025] > len(cases) / 2, years
    assert len({case.id for case in cases}) == len(cases)


def test_every_case_is_reviewed_keyed_and_teaches_something(cases):
    for case in cases:
        assert case.reviewed, case.id
        assert case.key is not None and case.key.working and len(case.key.source) > 30, case.id
        assert case.teaching_point is not None and case.teaching_point.conditions, case.id
        assert all(name in CONDITIONS for name in case.teaching_point.conditions), case.id
        assert case.variation is not None, case.id
        assert case.documents and len(case.narrative) > 300, case.id


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_the_engine_agrees_with_the_hand_worked_key(path):
    case = load_case(path)
    rules = load_rules(case.municipality)
    result = assess(case, rules)
    assert compare_key(case, result) == []
    assert failing(case, result, rules, case.teaching_point.conditions) == []


def test_validate_passes_on_the_whole_bank(capsys):
    assert main(["casebank", "validate"]) == 0
    out = capsys.readouterr().out
    assert f"{len(PATHS)} fall lästa, {len(PATHS)} utan anmärkning." in out
    for skill in SKILLS:
        assert skill in out
