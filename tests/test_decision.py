"""The decision rubric (toolkit.decision): the model decisions pass every element, and each
element that is missing or wrong is flagged on its own with feedback that names it."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest

from toolkit.casebank.skills import load_skills
from toolkit.decision import decision_ids, load_decision, model_answer, review
from toolkit.errors import InputError
from toolkit.yamlfile import load

ROOT = Path(__file__).resolve().parent.parent
IDS = decision_ids()
RECOVERY = [i for i in IDS if load_decision(i).recovery]
APPLICATIONS = [i for i in IDS if not load_decision(i).recovery]


def broken(exercise_id: str, **changes):
    exercise = load_decision(exercise_id)
    return exercise, dataclasses.replace(model_answer(exercise), **changes)


def wrong_only(result, key: str) -> str:
    """The feedback of the one flagged element; every other element must be right."""
    flagged = [e.key for e in result.elements if not e.right]
    assert flagged == [key], flagged
    return result.element(key).feedback


def test_there_are_enough_exercises_of_each_kind():
    kinds = [load_decision(i).decision for i in IDS]
    assert len(APPLICATIONS) >= 10 and len(RECOVERY) >= 3
    assert {"bifall", "avslag", "delvis_bifall", "återkrav"} <= set(kinds)


@pytest.mark.parametrize("exercise_id", APPLICATIONS)
def test_the_amount_is_the_hand_worked_key_of_the_case(exercise_id):
    exercise = load_decision(exercise_id)
    key = load(ROOT / "casebank" / "cases" / f"{exercise.case}.yaml")["facit"]
    if exercise.decision == "avslag":
        assert exercise.amount == 0
    else:
        assert exercise.amount == key["belopp"] and key["beslut"] == "bifall"
    if key["beslut"] == "avslag":
        assert exercise.decision == "avslag"


@pytest.mark.parametrize("exercise_id", RECOVERY)
def test_the_recovered_amount_is_the_sum_of_the_controls_key(exercise_id):
    exercise = load_decision(exercise_id)
    key = load(ROOT / "casebank" / "controls" / f"{exercise.control}.yaml")["facit"]
    assert exercise.amount == sum(key["felaktigt_utbetalt"].values()) > 0


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_model_decision_is_right_on_every_element(exercise_id, rules):
    exercise = load_decision(exercise_id)
    result = review(exercise, model_answer(exercise), rules)
    assert result.all_right, [(e.key, e.feedback) for e in result.elements if not e.right]
    assert result.misconceptions == ()
    skills = set(load_skills())
    assert {line.skill for line in result.lines} <= skills
    assert [line.key for line in result.lines] == [e.key for e in result.elements]


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_missing_or_wrong_decision_type_is_named(exercise_id, rules):
    exercise, answer = broken(exercise_id, decision="")
    assert "saknas" in wrong_only(review(exercise, answer, rules), "beslutstyp")
    other = "bifall" if exercise.decision != "bifall" else "avslag"
    exercise, answer = broken(exercise_id, decision=other)
    if other == "avslag":
        answer = dataclasses.replace(answer, amount=str(exercise.amount))
    assert "Beslutstypen ska vara" in wrong_only(review(exercise, answer, rules), "beslutstyp")


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_wrong_amount_and_a_wrong_period_are_flagged(exercise_id, rules):
    exercise, answer = broken(exercise_id, amount=str(exercise_amount(exercise_id) + 100))
    assert "stämmer inte med beräkningen" in wrong_only(review(exercise, answer, rules), "belopp")
    exercise, answer = broken(exercise_id, amount="mycket")
    assert "går inte att läsa" in wrong_only(review(exercise, answer, rules), "belopp")
    later = exercise.period.end + timedelta(days=1)
    exercise, answer = broken(exercise_id, start=later, end=later + timedelta(days=29))
    assert "Perioden" in wrong_only(review(exercise, answer, rules), "period")


def exercise_amount(exercise_id: str) -> int:
    return load_decision(exercise_id).amount


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_motivering_without_the_deciding_facts_names_them(exercise_id, rules):
    exercise = load_decision(exercise_id)
    text = "Du har ansökt om bistånd. Jag har läst ansökan. " * 8
    exercise, answer = broken(exercise_id, motivation=text)
    feedback = wrong_only(review(exercise, answer, rules), "motivering")
    assert all(fact.fact in feedback for fact in exercise.facts)
    assert "regeln" in feedback and "bedömt" in feedback
    result = review(*broken(exercise_id, motivation="Du får inget."), rules)
    assert "för kort" in result.element("motivering").feedback
    assert "beslut-motivering-utan-fakta" in result.misconceptions


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_missing_legal_reference_names_the_one_of_the_month(exercise_id, rules):
    exercise, answer = broken(exercise_id, legal="socialtjänstlagen")
    result = review(exercise, answer, rules)
    feedback = wrong_only(result, "lagrum")
    assert result.misconceptions == ("beslut-utan-lagrum",)
    for rule in exercise.legal:
        assert rules.citation(rule, exercise.month).text in feedback


def test_the_legal_reference_follows_the_month(rules):
    """A decision for 2023 cites the former law; the 2025:400 reference is then wrong."""
    exercise, answer = broken(
        "beslut-bifall-familj-2023", legal="12 kap. 1 § och 12 kap. 7 § socialtjänstlagen (2025:400)"
    )
    assert "(2001:453)" in wrong_only(review(exercise, answer, rules), "lagrum")


@pytest.mark.parametrize("exercise_id", APPLICATIONS)
def test_each_missing_part_of_the_appeal_information_is_named(exercise_id, rules):
    exercise = load_decision(exercise_id)
    text = exercise.model.information
    cuts = {
        "förvaltningsrätten": text.replace("förvaltningsrätten", "domstolen"),
        "tre veckor": text.replace("tre veckor", "en tid"),
        "fick del": text.replace("från den dag du fick del av beslutet", "efter beslutet"),
        "nämnden": text.replace("Skicka eller lämna överklagandet till socialnämnden.", ""),
    }
    for what, cut in cuts.items():
        result = review(*broken(exercise_id, information=cut), rules)
        feedback = wrong_only(result, "överklagande")
        assert "Överklagandehänvisningen: det saknas" in feedback, what
        assert result.misconceptions == ("beslut-utan-overklagandehanvisning",)
    assert "tre veckor" in wrong_only(review(*broken(exercise_id, information=""), rules), "överklagande")


@pytest.mark.parametrize("exercise_id", RECOVERY)
def test_the_recovery_information_names_avdrag_and_court(exercise_id, rules):
    exercise = load_decision(exercise_id)
    text = exercise.model.information
    no_avdrag = text.replace("Vi drar inte av beloppet från det försörjningsstöd som du får framöver.", "")
    result = review(*broken(exercise_id, information=no_avdrag), rules)
    assert "drar av" in wrong_only(result, "avräkning") and result.misconceptions == ("aterkrav-avraknat",)
    no_time = text.replace("Det måste ske inom tre år från det att kostnaden uppkom.", "")
    result = review(*broken(exercise_id, information=no_time), rules)
    assert "tre år" in wrong_only(result, "domstol") and result.misconceptions == ("aterkrav-utan-domstol",)
    assert "överklagande" not in [e.key for e in result.elements]


@pytest.mark.parametrize("exercise_id", IDS)
def test_kommunicering_is_required_only_where_the_exercise_says(exercise_id, rules):
    exercise, answer = broken(exercise_id, communication="")
    result = review(exercise, answer, rules)
    if exercise.communication_required:
        assert "25 § förvaltningslagen" in wrong_only(result, "kommunicering")
        assert result.misconceptions == ("beslut-utan-kommunicering",)
    else:
        assert result.all_right


@pytest.mark.parametrize("exercise_id", IDS)
def test_identity_data_is_refused_and_named_by_kind(exercise_id, rules):
    exercise = load_decision(exercise_id)
    answer = dataclasses.replace(model_answer(exercise), motivation=exercise.model.motivation + " Ring 070-123 45 67.")
    result = review(exercise, answer, rules)
    feedback = wrong_only(result, "identitet")
    assert "telefonnummer" in feedback and "070" not in feedback
    assert result.misconceptions == ("beslut-med-identitetsuppgifter",)


@pytest.mark.parametrize("exercise_id", IDS)
def test_plain_language_flags_long_sentences_and_officialese(exercise_id, rules):
    exercise = load_decision(exercise_id)
    long = " ".join(["och sedan"] * 20) + "."
    answer = dataclasses.replace(model_answer(exercise), motivation=exercise.model.motivation + " Jag " + long)
    assert "meningen som börjar" in wrong_only(review(exercise, answer, rules), "klarspråk")
    answer = dataclasses.replace(
        model_answer(exercise), motivation=exercise.model.motivation + " Du erhåller härmed svar."
    )
    feedback = wrong_only(review(exercise, answer, rules), "klarspråk")
    assert "härmed" in feedback and "erhåller" in feedback


def test_an_unknown_decision_type_is_a_swedish_message(rules):
    exercise, answer = broken(IDS[0], decision="kanske")
    with pytest.raises(InputError, match="beslutstyp"):
        review(exercise, answer, rules)


def test_an_exercise_whose_amount_disagrees_with_the_key_is_refused(tmp_path):
    source = (ROOT / "casebank" / "beslut" / "beslut-delvis-parkering.yaml").read_text(encoding="utf-8")
    path = tmp_path / "fel.yaml"
    path.write_text(source.replace("belopp: 7482", "belopp: 7500"), encoding="utf-8")
    with pytest.raises(InputError, match="stämmer inte med facit"):
        load_decision(path)
    path.write_text(source.replace("beslutstyp: delvis_bifall", "beslutstyp: avslag"), encoding="utf-8")
    with pytest.raises(InputError, match="avslag har beloppet 0"):
        load_decision(path)


def test_a_month_without_review_parameters_is_a_swedish_error_naming_the_value(tmp_path, rules):
    """A decision dated before the plain-language parameters start is refused, never guessed."""
    from toolkit.errors import MissingParameterError

    source = (ROOT / "casebank" / "beslut" / "beslut-bifall-familj-2023.yaml").read_text(encoding="utf-8")
    path = tmp_path / "gammalt.yaml"
    path.write_text(source.replace("{från: 2023-11-01, till: 2023-11-30}", "{från: 2008-11-01, till: 2008-11-30}"))
    exercise = load_decision(path)
    with pytest.raises(MissingParameterError, match="klarspråkets gränser|motiveringens gränser|lagrummet"):
        review(exercise, model_answer(exercise), rules)
