"""Golden cases: every case in tests/golden/ is assessed and compared with its hand-worked key.

The keys (facit) and the selected line amounts in tests/golden/expected/ are worked out by
hand from the parameter files, with the source named in each case. Nothing here derives an
expected value from the engine.
"""

from __future__ import annotations

import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from toolkit.assessment import assess
from toolkit.case import load_case
from toolkit.errors import InputError, MissingCaseValueError, MissingParameterError
from toolkit.rules import PARAMETERS, Rules

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(GOLDEN.glob("*.yaml"))
ERROR_CASES = sorted((GOLDEN / "errors").glob("*.yaml"))
KEY_FIELDS = ("belopp", "riksnorm", "skäliga_kostnader", "räknade_inkomster", "beslut", "beräkning", "källa")


def read(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


LINES = read(GOLDEN / "expected" / "lines.yaml")
ERRORS = read(GOLDEN / "expected" / "errors.yaml")


def ore(kronor) -> int:
    """A hand-written amount in kronor (at most two decimals) to öre."""
    value = Decimal(str(kronor)) * 100
    assert value == value.to_integral_value(), f"{kronor} har fler än två decimaler"
    return int(value)


def plain(text: str) -> str:
    """A message with its narrow and no-break spaces as plain spaces, for comparing words."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def half_up_kronor(amount_ore: int) -> int:
    """Round öre to whole kronor, half up (Exempelstad's setting), for checking the keys."""
    return (amount_ore + 50) // 100 * 100


@pytest.fixture(scope="module")
def assessed(rules):
    """Every golden case assessed once: id -> (raw YAML, Assessment)."""
    return {path.stem: (read(path), assess(load_case(path), rules)) for path in CASES}


def test_there_are_enough_golden_cases():
    assert len(CASES) >= 25, f"bara {len(CASES)} facitfall"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_key_is_complete_and_adds_up(path):
    """Each key is complete, names its source and is arithmetically consistent in itself."""
    raw = read(path)
    assert raw["id"] == path.stem and raw["id"].startswith("golden-")
    key = raw.get("facit") or {}
    missing = [name for name in KEY_FIELDS if name not in key]
    assert not missing, f"facit saknar {missing}"
    assert len(key["källa"]) >= 20 and len(key["beräkning"].splitlines()) >= 2
    need = ore(key["riksnorm"]) + ore(key.get("justeringar", 0)) + ore(key["skäliga_kostnader"])
    unrounded = need - ore(key["räknade_inkomster"])
    expected = half_up_kronor(unrounded) if unrounded > 0 else 0
    assert ore(key["belopp"]) == expected, "facit går inte ihop: riksnorm + justeringar + kostnader − inkomster"
    assert key["beslut"] == ("bifall" if expected > 0 else "avslag")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_engine_matches_hand_worked_key(path, assessed):
    raw, result = assessed[path.stem]
    key = raw["facit"]
    got = {
        "belopp": result.amount,
        "riksnorm": result.riksnorm,
        "justeringar": result.adjustments,
        "skäliga_kostnader": result.costs,
        "räknade_inkomster": result.incomes,
        "beslut": result.decision,
    }
    expected = {
        "belopp": ore(key["belopp"]),
        "riksnorm": ore(key["riksnorm"]),
        "justeringar": ore(key.get("justeringar", 0)),
        "skäliga_kostnader": ore(key["skäliga_kostnader"]),
        "räknade_inkomster": ore(key["räknade_inkomster"]),
        "beslut": key["beslut"],
    }
    assert got == expected


@pytest.mark.parametrize("case_id", sorted(LINES), ids=str)
def test_selected_lines_and_citations(case_id, assessed):
    assert case_id in assessed, f"{case_id} i expected/lines.yaml har ingen fallfil"
    _, result = assessed[case_id]
    spec = LINES[case_id]
    for key, want in spec.get("rader", {}).items():
        line = result.line(key)
        assert line.amount == ore(want["belopp"]), key
        if "regel_id" in want:
            assert line.rule == want["regel_id"], key
        if "lagrum" in want:
            assert line.citation == want["lagrum"], key
        if "lagrum_innehåller" in want:
            assert want["lagrum_innehåller"] in line.citation, key
        for word in want.get("förklaring_nämner", []):
            assert str(word) in plain(line.explanation), (key, word, line.explanation)
    if "beslut_lagrum" in spec:
        assert result.decision_citation == spec["beslut_lagrum"]
    if "beslut_lagrum_innehåller" in spec:
        assert spec["beslut_lagrum_innehåller"] in result.decision_citation
    for word in spec.get("anmärkning_nämner", []):
        assert any(word in notice for notice in result.notices), (word, result.notices)


def test_every_error_case_has_an_expectation():
    assert sorted(p.stem for p in ERROR_CASES) == sorted(ERRORS)


@pytest.mark.parametrize("path", ERROR_CASES, ids=lambda p: p.stem)
def test_error_is_named(path, rules):
    """A month without a verified value stops with the value, the month and the file (exit 3);
    a value the case must give stops the same way naming the field; a wrong case stops with the
    field and a message that says what is wrong (exit 2)."""
    want = ERRORS[path.stem]
    kind = want.get("slag", "saknat_värde")
    case = load_case(path)
    if kind == "indata":
        with pytest.raises(InputError) as caught:
            assess(case, rules)
        error = caught.value
        assert error.field == want["fält"], (error.field, str(error))
        for word in want["meddelandet_nämner"]:
            assert str(word) in plain(error.problem), (word, error.problem)
        return
    with pytest.raises(MissingParameterError) as caught:
        assess(case, rules)
    error = caught.value
    for word in want["värdet_nämner"]:
        assert word.lower() in error.value.lower(), (word, error.value)
    assert error.when == str(want["när"])
    message = str(error)
    assert error.value in message and str(want["när"]) in message
    if kind == "saknat_i_fallet":
        assert isinstance(error, MissingCaseValueError)
        assert error.field == want["fält"] and error.file.endswith(want["fil"])
        assert want["fält"] in message and want["fil"] in message
    else:
        assert not isinstance(error, MissingCaseValueError)
        assert error.file == want["fil"] and want["fil"] in message


@pytest.mark.parametrize("case_id", sorted(k for k, v in LINES.items() if "med_inställning" in v), ids=str)
def test_the_municipal_setting_changes_the_key(case_id, tmp_path):
    """A case worked by hand twice: with Exempelstad's setting and with the setting flipped in a
    copy of the municipality file (kommuner/exempelstad.yaml)."""
    spec = LINES[case_id]["med_inställning"]
    params = tmp_path / "parameters"
    shutil.copytree(PARAMETERS, params)
    town = params / "kommuner" / "exempelstad.yaml"
    text = town.read_text(encoding="utf-8")
    ((name, value),) = [(k, v) for k, v in spec.items() if k not in ("facit", "förklaring_nämner")]
    line = f"      {name}: {str(not value).lower()}\n"
    assert text.count(line) == 1, f"{name} ska stå en gång i exempelstad.yaml"
    town.write_text(text.replace(line, f"      {name}: {str(value).lower()}\n"), encoding="utf-8")
    result = assess(load_case(GOLDEN / f"{case_id}.yaml"), Rules(params, "exempelstad"))
    assert result.amount == ore(spec["facit"]["belopp"])
    assert result.costs == ore(spec["facit"]["skäliga_kostnader"])
    housing = next(line for line in result.lines if line.category == "kostnad")
    for word in spec.get("förklaring_nämner", []):
        assert word in plain(housing.explanation), (word, housing.explanation)


# -- coverage -------------------------------------------------------------------------------


def _band(age: int) -> str:
    for low, high in ((0, 0), (1, 2), (3, 3), (4, 6), (7, 10), (11, 14), (15, 18), (19, 20)):
        if low <= age <= high:
            return f"{low}-{high}" if low != high else str(low)
    raise AssertionError(age)


def test_every_rule_is_exercised(assessed, rules):
    """Each rule id of the beräkning in lagrum.yaml is used by at least one golden case (the
    decision's rule by every case); the count per rule is printed. The rules of the control
    exercises (område: kontroll) are checked in test_control.py."""
    per_rule: Counter[str] = Counter()
    for _, result in assessed.values():
        for rule in {line.rule for line in result.lines} | {"rätt_till_bistånd"}:
            per_rule[rule] += 1
    known = {rule_id for rule_id, rule in rules.lagrum.rules.items() if rule.area == "beräkning"}
    assert set(per_rule) <= known, f"regler som inte finns i lagrum.yaml: {set(per_rule) - known}"
    unused = sorted(known - set(per_rule))
    print(f"\nFacitfall: {len(assessed)}; fall per regel:")
    for rule in sorted(known):
        print(f"  {rule:<22} {per_rule[rule]}")
    assert not unused, f"regler utan facitfall: {unused}"


def test_every_year_band_and_edge_is_covered(assessed):
    """The golden cases cover each year's table, each age band, lunch and the named edges."""
    months = {str(result.month) for _, result in assessed.values()}
    years = {m[:4] for m in months}
    assert {"2014", "2015", "2017", "2019", "2021", "2023", "2024", "2025", "2026"} <= years
    # 2026 with the full table: a child, lunch outside the home and a shared home.
    assert any(
        m.startswith("2026") and any(p["roll"] == "barn" for p in raw["hushåll"])
        for raw, m in ((raw, str(r.month)) for raw, r in assessed.values())
    )
    assert any("2025-01" <= m <= "2025-06" for m in months) and any("2025-07" <= m <= "2025-12" for m in months)
    bands, lunch = set(), set()
    for raw, _ in assessed.values():
        for person in raw["hushåll"]:
            if person["roll"] == "barn":
                bands.add(_band(person["ålder"]))
                if person.get("lunch_utanför_hemmet"):
                    lunch.add(_band(person["ålder"]))
    assert bands == {"0", "1-2", "3", "4-6", "7-10", "11-14", "15-18", "19-20"}
    assert lunch == {"0", "1-2", "3", "4-6"}
    decisions = Counter(result.decision for _, result in assessed.values())
    assert decisions["avslag"] >= 2 and decisions["bifall"] >= 20
    sizes = {len(raw["hushåll"]) for raw, _ in assessed.values() if "delat_boende" not in raw}
    assert {8, 9} <= sizes
