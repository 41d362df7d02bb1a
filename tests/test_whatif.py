"""The what-if computes, column by column, exactly the amount the rules engine gives each case.

The engine is checked against hand-worked keys (tests/golden); here every row of the table is
also assessed as a case, and the two amounts must be equal to the öre.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

from toolkit.assessment import assess
from toolkit.case import Case
from toolkit.errors import InputError
from toolkit.rules import load_rules
from toolkit.whatif import amounts


def households(count: int, seed: int) -> list[dict]:
    """Rows of the what-if table: varied make-up, housing over and under the riktvärde, rådrum,
    wages with and without jobbstimulans (months in a row and a known first month)."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        children = []
        for _ in range(rng.choice([0, 0, 1, 2, 3, 5, 7])):
            age = rng.randint(0, 17)
            children.append(f"{age}L" if age <= 6 and rng.random() < 0.5 else str(age))
        month = f"{rng.choice([2025, 2026])}-{rng.randint(1, 12):02d}"
        year, mon = map(int, month.split("-"))
        rows.append(
            {
                "hushåll": f"h{n}",
                "månad": month,
                "vuxna": rng.choice([1, 1, 2]),
                "barn": " ".join(children),
                "boende": rng.randint(3000, 16000),
                "rådrum_till": rng.choice(["", "", f"{year - 1}-{mon:02d}", f"{year + 1}-{mon:02d}"]),
                "övriga_kostnader": rng.choice([0, 350, 780]),
                "lön": rng.choice([0, 0, rng.randint(500, 18000)]),
                "a-kassa": rng.choice([0, 0, rng.randint(2000, 9000)]),
                "barnbidrag": 1250 * len(children),
                "bostadsbidrag": rng.choice([0, 1400]),
                "månader_i_följd": rng.randint(0, 40),
                "jobbstimulans_från": rng.choice(["", "", f"{year - 2}-{mon:02d}", f"{year - 1}-{mon:02d}"]),
            }
        )
    return rows


def as_case(row: dict) -> Case:
    people = [{"id": "p1", "roll": "sökande", "ålder": 40}]
    if row["vuxna"] == 2:
        people.append({"id": "p2", "roll": "medsökande", "ålder": 38})
    for i, child in enumerate(filter(None, row["barn"].split(" "))):
        lunch = child.endswith("L")
        people.append(
            {"id": f"b{i + 1}", "roll": "barn", "ålder": int(child.rstrip("L")), "lunch_utanför_hemmet": lunch}
        )
    incomes = [
        {"typ": kind, "belopp": row[kind], **({"person": "p1"} if kind in ("lön", "a-kassa") else {})}
        for kind in ("lön", "a-kassa", "barnbidrag", "bostadsbidrag")
        if row[kind]
    ]
    costs = [{"typ": "boende", "belopp": row["boende"]}]
    if row["övriga_kostnader"]:
        costs.append({"typ": "hushållsel", "belopp": row["övriga_kostnader"]})
    history: dict = {"försörjningsstöd_månader_i_följd": row["månader_i_följd"]}
    if row["jobbstimulans_från"]:
        history["jobbstimulans_från"] = row["jobbstimulans_från"]
    if row["rådrum_till"]:
        history["rådrum_boende_till"] = row["rådrum_till"]
    return Case.model_validate(
        {
            "id": row["hushåll"],
            "titel": "Hushåll i vad-händer-om",
            "månad": row["månad"],
            "hushåll": people,
            "kostnader": costs,
            "inkomster": incomes,
            "historik": history,
        }
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_amount_equals_the_engines(seed: int) -> None:
    rules = load_rules("exempelstad")
    rows = households(400, seed)
    result = amounts(pd.DataFrame(rows), rules)
    engine = [assess(as_case(row), rules) for row in rows]
    assert list(result["belopp_öre"]) == [a.amount for a in engine]
    assert list(result["beslut"]) == [a.decision for a in engine]
    # the sample reaches every branch: avslag and bifall, an expired rådrum over the riktvärde,
    # and jobbstimulans applied
    assert {a.decision for a in engine} == {"bifall", "avslag"}
    assert any(line.rule == "jobbstimulans" for a in engine for line in a.lines)
    assert any(line.reported is not None and line.category == "kostnad" for a in engine for line in a.lines)


def test_a_missing_column_is_named() -> None:
    rules = load_rules("exempelstad")
    frame = pd.DataFrame(households(3, 1)).drop(columns=["boende"])
    with pytest.raises(InputError, match="boende"):
        amounts(frame, rules)


def test_a_child_age_that_is_not_a_number_is_named() -> None:
    rules = load_rules("exempelstad")
    frame = pd.DataFrame(households(3, 1))
    frame.loc[0, "barn"] = "tre"
    with pytest.raises(InputError, match="'tre' är ingen ålder"):
        amounts(frame, rules)


def test_the_command_reads_the_example_and_its_total_is_the_engines(tmp_path, capsys) -> None:
    """`python -m toolkit whatif` on the shipped example: every row's amount equals assess()."""
    import csv

    from toolkit.cli import main
    from toolkit.settings import casebank_dir

    example = casebank_dir() / "metod" / "vad-hander-om.csv"
    out = tmp_path / "ut.csv"
    assert main(["whatif", str(example), "--csv", str(out)]) == 0
    rows = list(csv.DictReader(example.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    rules = load_rules("exempelstad")
    for row in rows:
        for column in ("vuxna", "boende", "övriga_kostnader", "månader_i_följd", "lön", "barnbidrag", "bostadsbidrag"):
            row[column] = int(row[column] or 0)
        row["a-kassa"] = 0
    expected = [assess(as_case(row), rules).amount for row in rows]
    written = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert [round(float(r["belopp"].replace(",", ".")) * 100) for r in written] == expected
    total = capsys.readouterr().out.splitlines()[-2]
    from toolkit.money import format_kr

    assert total.startswith("Totalt") and total.endswith(format_kr(sum(expected)))


def test_text_in_an_amount_is_named_with_row_and_column(tmp_path, capsys) -> None:
    from toolkit.cli import main

    bad = tmp_path / "hushall.csv"
    bad.write_text("hushåll;månad;vuxna;barn;boende;övriga_kostnader;månader_i_följd\na;2026-01;1;;sex tusen;0;1\n")
    assert main(["whatif", str(bad)]) == 2
    assert "rad 2, kolumnen 'boende': 'sex tusen' är inget belopp" in capsys.readouterr().err
