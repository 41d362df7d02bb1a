"""The plan review: one hand-made plan per rule, clean exemplars, and the drafts against keys
worked out by hand (casebank/plans/*.yaml, facit)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from toolkit.errors import InputError
from toolkit.plan import (
    RULE_IDS,
    add_months,
    compare_with_key,
    follow_up_deadline,
    load_plan_file,
    load_plan_rules,
    parse_plan,
    plan_files,
    review,
    rules_markdown,
    score,
)
from toolkit.rules import PARAMETERS, Rules, load_rules

CLEAN = {
    "datum": "2025-09-10",
    "barn_i_hushållet": 0,
    "mål": "Jag ska ha ett arbete på minst halvtid senast i mars 2026.",
    "hinder": ["Har inte arbetat på två år."],
    "delmål": [{"text": "Truckkort klart", "datum": "2025-11-30"}],
    "aktiviteter": [{"vad": "Anmäla sig till truckutbildningen", "vem": "Erik", "när": "2025-09-24"}],
    "nästa_uppföljning": "2025-10-08",
    "samverkan": [{"med": "arbetsförmedlingen", "vad": "Erik är inskriven."}],
    "eget_ansvar": "Erik betalar hyran samma dag som pengarna kommer.",
}


def plan(**changes):
    data = dict(CLEAN)
    data.update(changes)
    return parse_plan(data)


def found(p) -> list[tuple[str, str | None]]:
    return [(f.rule, f.field) for f in review(p)]


def test_the_clean_hand_made_plan_has_no_findings():
    assert found(plan()) == []


@pytest.mark.parametrize("path", plan_files(kind="förebild"), ids=lambda p: p.stem)
def test_exemplars_have_no_findings(path: Path):
    assert review(load_plan_file(path).plan) == []


@pytest.mark.parametrize("path", plan_files(kind="utkast"), ids=lambda p: p.stem)
def test_drafts_give_exactly_the_hand_reviewed_findings(path: Path):
    draft = load_plan_file(path)
    assert compare_with_key(review(draft.plan), draft.key) == ([], [])
    assert load_plan_file(Path(path).parent / f"{draft.exemplar}.yaml").kind == "förebild"


def test_there_are_at_least_four_plan_exercises():
    assert len(plan_files(kind="utkast")) >= 4


@pytest.mark.parametrize(
    "field, empty",
    [
        ("mål", ""),
        ("hinder", []),
        ("delmål", []),
        ("aktiviteter", []),
        ("nästa_uppföljning", None),
        ("samverkan", []),
        ("eget_ansvar", "  "),
    ],
)
def test_missing_element(field, empty):
    assert found(plan(**{field: empty})) == [("saknat-element", field)]


def test_cooperation_with_someone_else_only_is_missing_cooperation():
    assert found(plan(samverkan=[{"med": "annan", "vad": "Vårdcentralen"}])) == [("saknat-element", "samverkan")]
    assert found(plan(samverkan=[{"med": "arbetsmarknadsenheten", "vad": "Samtal"}])) == []


def test_activity_without_owner_or_date():
    p = plan(aktiviteter=[{"vad": "Söka jobb", "när": "2025-09-30"}, {"vad": "Boka läkartid", "vem": "Erik"}])
    assert found(p) == [
        ("aktivitet-utan-ansvarig", "aktiviteter[1].vem"),
        ("aktivitet-utan-datum", "aktiviteter[2].när"),
    ]


def test_activity_with_owner_but_no_content():
    p = plan(aktiviteter=CLEAN["aktiviteter"] + [{"vem": "Erik", "när": "2025-09-30"}])
    assert found(p) == [("saknat-element", "aktiviteter[2].vad")]


def test_follow_up_convention_is_the_same_day_next_month():
    assert add_months(dt.date(2025, 9, 10), 1) == dt.date(2025, 10, 10)
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 12, 15), 1) == dt.date(2026, 1, 15)
    assert follow_up_deadline(plan()) == dt.date(2025, 10, 10)


def test_follow_up_later_than_the_next_monthly_meeting():
    assert found(plan(nästa_uppföljning="2025-10-10")) == []
    assert found(plan(nästa_uppföljning="2025-10-11")) == [("uppföljning-för-sent", "nästa_uppföljning")]
    end_of_month = plan(datum="2025-01-31", nästa_uppföljning="2025-03-01")
    assert found(end_of_month) == [("uppföljning-för-sent", "nästa_uppföljning")]
    assert found(plan(datum="2025-01-31", nästa_uppföljning="2025-02-28")) == []


def test_follow_up_before_the_plan_date():
    assert found(plan(nästa_uppföljning="2025-09-09")) == [("uppföljning-före-plandatum", "nästa_uppföljning")]


@pytest.mark.parametrize(
    "goal, goal_date, measurable",
    [
        ("Jag vill ha ett jobb.", None, False),
        ("Jag vill ha ett jobb.", "2026-03-31", True),
        ("Jag vill arbeta 50 procent.", None, True),
        ("Jag vill ha ett jobb inom sex månader.", None, True),
        ("Jag vill ha ett jobb i mars.", None, True),
        ("Jag vill bli självförsörjande.", None, False),
    ],
)
def test_goal_needs_a_number_or_a_date(goal, goal_date, measurable):
    result = found(plan(mål=goal, måldatum=goal_date))
    assert result == ([] if measurable else [("mål-inte-mätbart", "mål")])


def test_sub_goal_needs_a_number_or_a_date():
    p = plan(
        delmål=[
            {"text": "Truckkort klart", "datum": "2025-11-30"},
            {"text": "Söka jobb"},
            {"text": "Söka tio jobb i veckan"},
        ]
    )
    assert found(p) == [("delmål-inte-mätbart", "delmål[2]")]


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Erik ska försöka söka jobb.", "försöka"),
        ("Vid behov kontaktar Erik oss.", "vid behov"),
        ("Eventuellt en praktik.", "eventuellt"),
        ("Arbete på sikt.", "på sikt"),
    ],
)
def test_vague_wording(text, phrase):
    findings = review(plan(eget_ansvar=text))
    assert [(f.rule, f.field) for f in findings] == [("vag-formulering", "eget_ansvar")]
    assert f'"{phrase}"' in findings[0].message


def test_vague_words_match_whole_words_only():
    assert found(plan(eget_ansvar="Erik redovisar sitt försökssätt och sina behovsbedömningar.")) == []


def test_child_perspective_in_a_household_with_children():
    assert found(plan(barn_i_hushållet=2)) == [("barnperspektiv-saknas", "barnperspektiv")]
    assert found(plan(barn_i_hushållet=2, barnperspektiv="Barnen går kvar i sin skola.")) == []


REFERRAL = [{"med": "arbetsmarknadsenheten", "vad": "Arbetsträning", "remiss": True}]


def referral(**conditions):
    base = {"arbetsförmåga_procent": 50, "ordnat_boende": True, "drogfri": True}
    base.update(conditions)
    return plan(samverkan=REFERRAL, förutsättningar=base)


def test_referral_that_meets_the_criteria():
    assert found(referral()) == []
    assert found(referral(arbetsförmåga_procent=25)) == []


@pytest.mark.parametrize("conditions", [{"arbetsförmåga_procent": 24}, {"ordnat_boende": False}, {"drogfri": False}])
def test_referral_that_breaks_a_criterion(conditions):
    assert found(referral(**conditions)) == [("remiss-bryter-kriterier", "samverkan[1]")]


def test_childcare_counts_only_with_children():
    assert found(referral(barnomsorg="saknas")) == []
    with_children = plan(
        barn_i_hushållet=1,
        barnperspektiv="Barnet går på förskola.",
        samverkan=REFERRAL,
        förutsättningar={"arbetsförmåga_procent": 50, "ordnat_boende": True, "drogfri": True, "barnomsorg": "saknas"},
    )
    assert found(with_children) == [("remiss-bryter-kriterier", "samverkan[1]")]


def test_referral_with_unknown_criteria():
    p = plan(samverkan=REFERRAL)
    assert found(p) == [("remiss-kriterier-okända", "samverkan[1]")] * 3


def test_cooperation_without_referral_is_not_checked_against_the_criteria():
    p = plan(
        samverkan=[{"med": "arbetsmarknadsenheten", "vad": "Samtal", "remiss": False}],
        förutsättningar={"arbetsförmåga_procent": 10},
    )
    assert found(p) == []


def test_review_is_deterministic_and_scored():
    draft = load_plan_file(Path("casebank/plans/utkast-lagerjobb.yaml"))
    assert review(draft.plan) == review(draft.plan)
    # broken rules: mål-inte-mätbart, vag-formulering, delmål-inte-mätbart, aktivitet-utan-datum,
    # uppföljning-för-sent: 11 − 5 = 6
    assert score(review(draft.plan)) == (6, 11)


def test_findings_have_swedish_severity_from_the_rules_file():
    rules = load_plan_rules()
    for f in review(load_plan_file(Path("casebank/plans/utkast-sambor.yaml")).plan):
        assert f.severity == rules.rules[f.rule].severity
        assert f.severity_label in ("Fel", "Varning")
    assert sorted(rules.rules) == sorted(RULE_IDS)
    assert rules_markdown().count("\n") == len(RULE_IDS) + 1


def copy_parameters(tmp_path: Path) -> Path:
    root = tmp_path / "parameters"
    shutil.copytree(PARAMETERS, root)
    return root


def test_municipality_settings_drive_the_follow_up_and_the_criteria(tmp_path: Path):
    root = copy_parameters(tmp_path)
    path = root / "kommuner" / "exempelstad.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("minsta_arbetsförmåga_procent: 25", "minsta_arbetsförmåga_procent: 50")
    text = text.replace("  högst_månader: 1", "  högst_månader: 2")
    path.write_text(text, encoding="utf-8")
    rules = Rules(root, "exempelstad")
    assert follow_up_deadline(plan(), rules) == dt.date(2025, 11, 10)
    assert [f.rule for f in review(referral(arbetsförmåga_procent=40), rules)] == ["remiss-bryter-kriterier"]
    assert review(referral(arbetsförmåga_procent=40), load_rules()) == []


def test_rules_file_must_cover_every_rule(tmp_path: Path):
    root = copy_parameters(tmp_path)
    path = root / "planregler.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  remiss-kriterier-okända:")
    end = text.index("# Vaga formuleringar")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(InputError, match="remiss-kriterier-okända"):
        load_plan_rules(str(root))


@pytest.mark.parametrize(
    "change, message",
    [
        ({"förutsättningar": {"arbetsförmåga_procent": 150}}, "högst 100"),
        ({"datum": "i morgon"}, "datum"),
        ({"målet": "Jobb"}, "okänd nyckel"),
        ({"samverkan": [{"med": "kyrkan"}]}, "något av"),
    ],
)
def test_bad_plan_input_names_the_field(change, message):
    with pytest.raises(InputError, match=message):
        plan(**change)
