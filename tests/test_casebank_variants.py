"""Seeded variants: deterministic per seed, different across seeds, within the declared
bounds, with the text rewritten, and always keeping the case's teaching point."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.assessment import assess
from toolkit.case import load_case, parse_case
from toolkit.casebank import CASES, case_paths
from toolkit.casebank.guard import find
from toolkit.casebank.teaching import failing
from toolkit.casebank.variants import VariantError, make_variant, rejection, seed_for
from toolkit.cli import main
from toolkit.rules import load_rules
from toolkit.yamlfile import loads

SEEDS = range(1, 7)


def _money(value: int) -> str:
    return f"{value:,}".replace(",", " ")


# -- the seed ------------------------------------------------------------------------------------
def test_seed_is_a_pure_function_of_trainee_exercise_cohort_and_attempt():
    base = seed_for("D17", "bedomning-01", "2025-hosten")
    assert base == seed_for("D17", "bedomning-01", "2025-hosten")
    assert base == seed_for(" D17 ", "bedomning-01", "2025-hosten")  # spaces typed by accident
    others = {
        seed_for("D18", "bedomning-01", "2025-hosten"),  # the trainee beside
        seed_for("D17", "bedomning-02", "2025-hosten"),  # another exercise
        seed_for("D17", "bedomning-01", "2026-varen"),  # retaken in a new cohort
        seed_for("D17", "bedomning-01", "2025-hosten", attempt=2),  # a new attempt
        seed_for("D1", "7bedomning-01", "2025-hosten"),  # fields do not run together
    }
    assert base not in others and len(others) == 5


# -- determinism and difference --------------------------------------------------------------------
def test_same_seed_gives_the_same_variant_and_other_seeds_differ():
    path = CASES / "ensam-foralder-forsta-lon.yaml"
    assert make_variant(path, 42).yaml() == make_variant(path, 42).yaml()
    texts = {make_variant(path, seed).yaml() for seed in range(1, 9)}
    assert len(texts) == 8


def test_two_trainees_side_by_side_get_different_numbers():
    path = CASES / "barns-lon-over-prisbasbelopp.yaml"
    one = make_variant(path, seed_for("D17", "bedomning-14", "2025-hosten"))
    two = make_variant(path, seed_for("D18", "bedomning-14", "2025-hosten"))
    assert one.draw != two.draw
    assert one.yaml() != two.yaml()


# -- every case, several seeds ----------------------------------------------------------------------
def _bounds_hold(original, variant) -> list[str]:
    problems = []
    bounds = original.variation
    if bounds.months is not None and not bounds.months.start <= variant.month <= bounds.months.end:
        problems.append(f"månaden {variant.month} ligger utanför gränserna")
    for before, after in zip(original.household, variant.household, strict=True):
        if abs(after.age - before.age) > bounds.age:
            problems.append(f"{before.id}: åldern {before.age} → {after.age}")
    pairs = list(zip(original.incomes, variant.incomes, strict=True)) + list(
        zip(original.costs, variant.costs, strict=True)
    )
    for before, after in pairs:
        if before.type in load_rules().fixed_income_types() and before.amount != after.amount:
            problems.append(f"{before.type} ändrades fast beloppet är fast")
        allowed = before.amount * bounds.percent / 100 + 50
        if abs(after.amount - before.amount) > allowed:
            problems.append(f"{before.type}: {before.amount} → {after.amount} är mer än {bounds.percent} %")
    return problems


@pytest.mark.parametrize("path", case_paths(), ids=lambda p: p.stem)
def test_variants_keep_the_teaching_point_and_stay_within_bounds(path):
    original = load_case(path)
    rules = load_rules(original.municipality)
    original_result = assess(original, rules)
    conditions = original.teaching_point.conditions
    seen = set()
    for seed in SEEDS:
        variant = make_variant(path, seed, rules=rules)
        text = variant.yaml()
        seen.add(text)
        case = parse_case(loads(text), rules=rules)
        result = assess(case, rules)
        assert failing(case, result, rules, conditions) == [], (seed, conditions)
        assert result.decision == original_result.decision, seed
        assert case.key.amount == result.amount and case.key.decision == result.decision
        assert "Variant av fallet" in case.key.source and str(seed) in case.key.source
        assert _bounds_hold(original, case) == [], seed
        assert find(text) == [], seed
        assert (
            case.month,
            [p.age for p in case.household],
            [i.amount for i in case.incomes],
            [c.amount for c in case.costs],
        ) != (
            original.month,
            [p.age for p in original.household],
            [i.amount for i in original.incomes],
            [c.amount for c in original.costs],
        ), seed
    assert len(seen) >= len(SEEDS) - 1, "olika frön ska ge olika varianter"


@pytest.mark.parametrize("name", ["ensam-foralder-forsta-lon", "radrum-har-gatt-ut", "sambor-tva-barn-akassa"])
def test_the_text_follows_the_new_numbers(name):
    path = CASES / f"{name}.yaml"
    original = load_case(path)
    original_text = original.narrative + "".join(d.text for d in original.documents)
    for seed in SEEDS:
        variant = make_variant(path, seed)
        text = variant.case.narrative + "".join(d.text for d in variant.case.documents)
        for old, new in variant.draw.amounts.items():
            if _money(old) in original_text and old != new:
                assert _money(new) in text, (seed, old, new)
        for person_before, person_after in zip(original.household, variant.case.household, strict=True):
            if f"{person_before.age} år" in original.narrative:
                assert f"{person_after.age} år" in variant.case.narrative, seed
        assert str(variant.case.month) in text or variant.draw.month_shift == 0


def test_a_pay_slip_stays_consistent():
    """Gross pay − tax = net pay on the variant's pay slip, for every seed."""
    path = CASES / "ensam-foralder-forsta-lon.yaml"
    for seed in SEEDS:
        slip = next(d for d in make_variant(path, seed).case.documents if d.kind == "lönespecifikation")
        numbers = {
            label: int(re.sub(r"\D", "", value))
            for label, value in re.findall(r"^(Bruttolön|Skatt|Att betala ut)\s+(−?[\d ]+)$", slip.text, re.MULTILINE)
        }
        assert numbers["Bruttolön"] - numbers["Skatt"] == numbers["Att betala ut"], (seed, numbers)


def test_history_months_move_with_the_month():
    path = CASES / "jobbstimulans-tva-ar-slut.yaml"
    original = load_case(path)
    for seed in SEEDS:
        variant = make_variant(path, seed).case
        shift = variant.month.minus(original.month)
        assert variant.history.jobbstimulans_from == original.history.jobbstimulans_from.plus(shift)


# -- rejection ---------------------------------------------------------------------------------------
def test_a_candidate_that_loses_its_teaching_point_is_rejected():
    path = CASES / "umgange-helger-avslag.yaml"
    original = load_case(path)
    rules = load_rules()
    original_result = assess(original, rules)
    data = loads(path.read_text(encoding="utf-8"))
    data["inkomster"][0]["belopp"] = 9000  # Karim's wage falls: the need is no longer covered
    candidate = parse_case(data, rules=rules)
    reasons = rejection(original, original_result, candidate, assess(candidate, rules), rules)
    assert any("lärandemålet håller inte" in reason for reason in reasons)
    assert any("beslutet blir bifall" in reason for reason in reasons)
    assert rejection(original, original_result, original, original_result, rules) == []


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_variant_when_every_draw_loses_the_point(tmp_path):
    """Moved into the next year, a child's earnings fit under the higher prisbasbelopp."""
    text = (CASES / "barns-lon-over-prisbasbelopp.yaml").read_text(encoding="utf-8")
    text = (
        text.replace("id: barns-lon-over-prisbasbelopp", "id: gransfall")
        .replace("månad: 2025-11", "månad: 2024-12")
        .replace("belopp: 7900, tidigare_i_år: 54300", "belopp: 7400, tidigare_i_år: 50000")
        .replace("månader: {från: 2025-10, till: 2025-12}", "månader: {från: 2024-12, till: 2025-01}")
        .replace("belopp_procent: 5", "belopp_procent: 0")
    )
    path = _write(tmp_path, "gransfall", text)
    with pytest.raises(VariantError, match="lärandemålet håller inte"):
        make_variant(path, 3, tries=20)


def test_no_variant_when_the_case_itself_misses_its_point(tmp_path):
    text = (CASES / "barns-sommarjobb.yaml").read_text(encoding="utf-8")
    text = text.replace("id: barns-sommarjobb", "id: fel-mal").replace(
        "villkor: [barns_lön_under_gränsen, jobbstimulans_gäller_inte, bifall]", "villkor: [barns_lön_över_gränsen]"
    )
    with pytest.raises(VariantError, match="fallets eget lärandemål"):
        make_variant(_write(tmp_path, "fel-mal", text), 1)


def test_no_variant_without_bounds(tmp_path):
    text = (CASES / "ensam-2026.yaml").read_text(encoding="utf-8").replace("id: ensam-2026", "id: utan-granser")
    text = re.sub(r"variation:\n(  .*\n)+", "", text)
    with pytest.raises(VariantError, match="ingen variation"):
        make_variant(_write(tmp_path, "utan-granser", text), 1)


# -- the command ---------------------------------------------------------------------------------------
def test_variant_command_by_seed_and_by_trainee(capsys):
    assert main(["casebank", "variant", "ensam-forsta-ansokan", "--seed", "5"]) == 0
    by_seed = capsys.readouterr().out
    assert by_seed.startswith("# Variant av ensam-forsta-ansokan med frö 5.")
    case = parse_case(loads(by_seed))
    assert case.id == "ensam-forsta-ansokan-v5" and case.key is not None
    seed = seed_for("D17", "bedomning-01", "2025-hosten")
    assert (
        main(
            [
                "casebank",
                "variant",
                "ensam-forsta-ansokan",
                "--deltagare",
                "D17",
                "--ovning",
                "bedomning-01",
                "--kurs",
                "2025-hosten",
            ]
        )
        == 0
    )
    by_trainee = capsys.readouterr().out
    header = (
        f"# Variant av ensam-forsta-ansokan med frö {seed}. Åldrar, belopp och månad är nya; "
        "lärandemålet är detsamma.\n"
    )
    assert by_trainee == header + make_variant(CASES / "ensam-forsta-ansokan.yaml", seed).yaml()


@pytest.mark.parametrize(
    "args, message",
    [
        (["ensam-forsta-ansokan"], "--seed"),
        (["ensam-forsta-ansokan", "--deltagare", "D17"], "--seed"),
        (["ensam-forsta-ansokan", "--seed", "-3"], "0 eller större"),
        (["finns-inte", "--seed", "1"], "inget fall"),
    ],
)
def test_variant_command_bad_input(args, message, capsys):
    assert main(["casebank", "variant", *args]) == 2
    assert message in capsys.readouterr().err


def test_the_variant_keeps_the_cases_comments_and_the_wrapping_of_its_text():
    # The case file is read with ruamel alone here (roundtrip): libyaml's faster reading, which
    # the rest of the toolkit uses, leaves out comments and where folded text was wrapped.
    path = CASES / "arton-ar-utan-skola.yaml"
    original = path.read_text(encoding="utf-8")
    text = make_variant(path, 7).text
    comment = next(line for line in original.splitlines() if line.startswith("# Sonen"))
    assert comment in text.splitlines()
    wrapped = original.split("lärandemål:\n  text: >-\n")[1].splitlines()[0]
    assert wrapped in text.splitlines()
