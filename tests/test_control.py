"""Control of an application against register answers: the hand-worked keys of every
control exercise, the 12 % change warning, the control misconceptions and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.control import (
    ACTIONS,
    CONTROLS,
    DETECTORS,
    MOTIVATION,
    TOTAL,
    ControlAnswer,
    change_warnings,
    changed_more_than,
    compare_control,
    control_ids,
    discrepancies,
    load_control,
    month_field,
    paid_in_error,
    right_control_answer,
    row_field,
    settings,
)
from toolkit.errors import InputError
from toolkit.money import format_kr, ore
from toolkit.months import Month


@pytest.fixture(scope="module")
def controls():
    return {cid: load_control(cid) for cid in control_ids()}


def test_at_least_four_control_exercises_from_the_five_sources(controls):
    assert len(controls) >= 4
    sources = {row.source for control in controls.values() for row in control.rows}
    assert sources == {"Försäkringskassan", "Arbetsförmedlingen", "A-kassan", "CSN", "Skatteverket"}


@pytest.mark.parametrize("cid", control_ids())
def test_amount_paid_in_error_matches_the_hand_worked_key(cid, controls):
    control = controls[cid]
    results = paid_in_error(control)
    assert {r.month: r.error for r in results} == {m: ore(v) for m, v in control.key.paid_in_error.items()}
    assert all(r.error >= 0 and r.error <= r.paid.amount for r in results)


@pytest.mark.parametrize("cid", control_ids())
def test_discrepancies_match_the_hand_worked_key(cid, controls):
    control = controls[cid]
    found = {
        (control.rows[d.row].benefit or control.rows[d.row].fact, control.rows[d.row].person, d.month)
        for d in discrepancies(control)
    }
    assert found == {(f.benefit, f.person, f.month) for f in control.key.findings}


@pytest.mark.parametrize("cid", control_ids())
def test_control_files_hold_no_personal_data(cid):
    from toolkit.casebank.guard import find

    text = (CONTROLS / f"{cid}.yaml").read_text(encoding="utf-8")
    assert find(text) == []


# -- the change warning -----------------------------------------------------------------------------


def test_change_warning_threshold_is_exact():
    limit = settings().change_warning.percent
    assert limit == 12
    old = ore(10000)
    assert not changed_more_than(old, old * (100 + limit) // 100, limit)  # exactly 12 %: no warning
    assert changed_more_than(old, old * (100 + limit) // 100 + 1, limit)  # one öre more: warning
    assert not changed_more_than(old, old * (100 - limit) // 100, limit)
    assert changed_more_than(old, old * (100 - limit) // 100 - 1, limit)
    assert changed_more_than(0, ore(1), limit) and not changed_more_than(0, 0, limit)


def test_warning_for_a_raised_benefit_that_was_declared(controls):
    control = controls["stammer-trots-varning"]
    warnings = change_warnings(control)
    assert [(control.rows[w.row].benefit, w.previous, w.month) for w in warnings] == [
        ("bostadsbidrag", "2025-09", "2025-10")
    ]
    assert discrepancies(control) == []  # the warning is a signal, not a discrepancy
    text = warnings[0].message("Bostadsbidrag", settings().change_warning.percent)
    assert "höjts" in text and "mer än 12 %" in text


def test_warning_for_a_lowered_benefit_and_a_new_payment(controls):
    control = controls["studiemedel-pa-sommaren"]
    kinds = {(control.rows[w.row].benefit, w.month, w.new > w.old) for w in change_warnings(control)}
    assert ("bostadsbidrag", "2025-08", False) in kinds
    assert ("studiemedel", "2025-06", True) in kinds


# -- grading ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("cid", control_ids())
def test_right_answer_is_right_everywhere(cid, controls):
    feedback = compare_control(controls[cid], right_control_answer(controls[cid]))
    assert feedback.readable and feedback.all_correct, [v.message for v in feedback.verdicts if not v.correct]
    assert feedback.misconception_ids == ()


def test_missing_mark_and_missing_action_are_wrong_and_explained(controls):
    control = controls["lon-enligt-skatteverket"]
    answer = right_control_answer(control)
    fact_row = next(i for i, row in enumerate(control.rows) if not row.money)
    answer.marked.discard((fact_row, "2025-11"))
    answer.actions.discard("utreda")
    feedback = compare_control(control, answer)
    row = feedback.verdict(row_field(fact_row))
    assert not row.correct and "2025-11" in row.message and "ingen månad" in row.message
    actions = feedback.verdict(ACTIONS)
    assert not actions.correct and "Saknas" in actions.message and "Utred" in actions.message
    assert "bidragsbrottslagen" in actions.citation


def test_actions_cite_the_law_of_the_month(controls):
    march = compare_control(controls["a-kassa-ej-redovisad"], right_control_answer(controls["a-kassa-ej-redovisad"]))
    assert "9 kap. 1 § socialtjänstlagen (2001:453)" in march.verdict(ACTIONS).citation
    autumn = controls["lon-enligt-skatteverket"]
    citation = compare_control(autumn, right_control_answer(autumn)).verdict(ACTIONS).citation
    assert "33 kap. 1 § socialtjänstlagen (2025:400)" in citation and "inte verifierad" not in citation


def _answer_with(control, key: str, amount: int) -> ControlAnswer:
    answer = right_control_answer(control)
    if key == TOTAL:
        answer.total = format_kr(amount)
    else:
        answer.per_month[key.split(":", 1)[1]] = format_kr(amount)
    return answer


def test_gross_wage_taken_as_net_is_named(controls, rules):
    control = controls["lon-enligt-skatteverket"]
    row = next(r for r in control.rows if r.gross and r.person == "p1")
    percent = rules.jobbstimulans(Month.parse("2025-10")).percent_not_counted
    # the trainee counts 75 % of the wage before tax instead of after tax
    wrong = ore(row.gross["2025-10"]) * (100 - percent) // 100
    feedback = compare_control(control, _answer_with(control, month_field("2025-10"), wrong))
    verdict = feedback.verdict(month_field("2025-10"))
    assert not verdict.correct and "kontroll-brutto-som-netto" in [m.id for m in verdict.misconceptions]


def test_whole_undeclared_income_taken_as_the_error_is_named(controls):
    control = controls["studiemedel-pa-sommaren"]
    csn = next(r for r in control.rows if r.source == "CSN")
    wrong = ore(csn.amounts["2025-06"])  # all the studiemedel, more than was paid
    for key in (month_field("2025-06"), TOTAL):
        verdict = compare_control(control, _answer_with(control, key, wrong)).verdict(key)
        assert not verdict.correct and "kontroll-hela-inkomsten-som-fel" in [m.id for m in verdict.misconceptions]


def test_whole_net_wage_ignoring_jobbstimulans_is_named(controls):
    control = controls["lon-enligt-skatteverket"]
    row = next(r for r in control.rows if r.gross and r.person == "p1")
    wrong = ore(row.gross["2025-11"] - row.tax["2025-11"])
    verdict = compare_control(control, _answer_with(control, month_field("2025-11"), wrong)).verdict(
        month_field("2025-11")
    )
    assert "kontroll-hela-inkomsten-som-fel" in [m.id for m in verdict.misconceptions]


def test_error_in_a_month_without_discrepancy_is_named(controls):
    control = controls["a-kassa-ej-redovisad"]
    # the trainee puts April's error in March too, where the register agrees with the application
    wrong = ore(control.key.paid_in_error["2025-04"])
    verdict = compare_control(control, _answer_with(control, month_field("2025-03"), wrong)).verdict(
        month_field("2025-03")
    )
    assert not verdict.correct and "kontroll-fel-manader" in [m.id for m in verdict.misconceptions]


def test_every_control_misconception_has_a_test_here():
    tested = {"kontroll-brutto-som-netto", "kontroll-hela-inkomsten-som-fel", "kontroll-fel-manader"}
    assert tested == set(DETECTORS)


# -- bad input ------------------------------------------------------------------------------------------


def test_bad_amounts_and_empty_required_fields_give_swedish_messages(controls):
    control = controls["a-kassa-ej-redovisad"]
    answer = right_control_answer(control)
    answer.per_month["2025-04"] = "femtusen"
    answer.per_month["2025-05"] = "-7800"
    answer.total = ""
    answer.actions = set()
    answer.motivation = ""
    feedback = compare_control(control, answer)
    assert not feedback.readable and feedback.verdicts == ()
    assert "inget belopp" in feedback.errors[month_field("2025-04")]
    assert "negativt" in feedback.errors[month_field("2025-05")]
    assert "tomt" in feedback.errors[TOTAL]
    assert "åtgärd" in feedback.errors[ACTIONS] and "motivering" in feedback.errors[MOTIVATION]


def test_no_action_together_with_another_is_refused(controls):
    control = controls["stammer-trots-varning"]
    answer = right_control_answer(control)
    answer.actions = {"ingen_åtgärd", "återkrav"}
    assert "Ingen åtgärd" in compare_control(control, answer).errors[ACTIONS]


@pytest.mark.parametrize(
    "change, words",
    [
        (("facit", "åtgärder"), "okänd åtgärd"),
        (("registersvar", "månad"), "ingen månad"),
        (("registersvar", "extra"), "okänd nyckel"),
    ],
)
def test_malformed_control_file_names_file_and_problem(tmp_path: Path, change, words):
    text = (CONTROLS / "a-kassa-ej-redovisad.yaml").read_text(encoding="utf-8")
    if change == ("facit", "åtgärder"):
        text = text.replace("åtgärder: [komplettering, återkrav, polisanmälan]", "åtgärder: [komplettering, ringa]")
    elif change == ("registersvar", "månad"):
        text = text.replace("2025-04: 5200", "april: 5200")
    else:
        text = text.replace("    förmån: a-kassa\n", "    förmån: a-kassa\n    extra: 1\n")
    path = tmp_path / "a-kassa-ej-redovisad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_control(path)
    assert words in str(error.value) and "a-kassa-ej-redovisad.yaml" in str(error.value)


def test_every_citation_of_the_control_is_in_lagrum_and_read_through_rules(controls):
    """The rules of the control exercises (område: kontroll in lagrum.yaml) have a citation in
    force in every month of every control exercise, and every action's rule is one of them."""
    from toolkit.rules import load_rules

    rules = load_rules()
    control_rules = {rule_id for rule_id, rule in rules.lagrum.rules.items() if rule.area == "kontroll"}
    assert {"återkrav", "anmälan_bidragsbrott", "avräkning"} <= control_rules
    assert {a.rule for a in rules.control_actions if a.rule} <= control_rules
    for control in controls.values():
        for month in control.month_list():
            for rule_id in control_rules:
                assert str(rules.citation(rule_id, Month.parse(month))), (control.id, month, rule_id)
                assert settings().citation(rule_id, Month.parse(month)) == str(
                    rules.citation(rule_id, Month.parse(month))
                )
