"""One small case per misconception of the assessment, and the wrong amount a trainee with
that misconception writes, worked out here from the rules the way the trainee would (twice
the couples' amount, the full child amount, the whole wage, ...). Shared by the feedback
tests and the widget tests. Amounts in the cases are case data; every rule value is read
from the parameters, never typed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from toolkit.money import ore
from toolkit.months import Month
from toolkit.rules import Rules

MONTH = "2025-09"


def _adult(age: int = 35, role: str = "sökande", pid: str = "p1") -> dict:
    return {"id": pid, "roll": role, "ålder": age}


def _case(household: list[dict], **fields) -> dict:
    data = {
        "id": "scenario",
        "titel": "Scenario för en missuppfattning",
        "månad": MONTH,
        "hushåll": household,
        "kostnader": [{"typ": "boende", "belopp": 5000}, {"typ": "hushållsel", "belopp": 300}],
    }
    data.update(fields)
    return data


def _month() -> Month:
    return Month.parse(MONTH)


def _three_quarters(rules: Rules, kronor: int) -> int:
    """What a trainee counts of an amount when applying jobbstimulans (the part that is counted)."""
    percent = rules.jobbstimulans(_month()).percent_not_counted
    return ore(kronor) * (100 - percent) // 100


@dataclass(frozen=True)
class Scenario:
    misconception: str
    case: dict
    key: str  # the line where the trainee goes wrong
    wrong: Callable[[Rules], int]  # the amount (öre) the misconception gives
    counted: bool = True  # for incomes: the box "räknas" as the trainee leaves it

    def __str__(self) -> str:
        return self.misconception


child = {"id": "b1", "roll": "barn"}

SCENARIOS = [
    Scenario(
        "sambo-per-person",
        _case([_adult(), _adult(33, "medsökande", "p2")]),
        "norm:sambor",
        lambda r: 2 * ore(r.adult_amount(_month(), couple=True)),
    ),
    Scenario(
        "sambor-som-ensamstaende",
        _case([_adult(), _adult(33, "medsökande", "p2")]),
        "norm:sambor",
        lambda r: 2 * ore(r.adult_amount(_month(), couple=False)),
    ),
    Scenario(
        "lunch-fullt-belopp",
        _case([_adult(), {**child, "ålder": 5, "lunch_utanför_hemmet": True}]),
        "norm:b1",
        lambda r: ore(r.child_amount(_month(), 5, False)[0]),
    ),
    Scenario(
        "lunch-avdrag-utan-skal",
        _case([_adult(), {**child, "ålder": 2}]),
        "norm:b1",
        lambda r: ore(r.child_amount(_month(), 2, True)[0]),
    ),
    Scenario(
        "fel-aldersgrupp",
        _case([_adult(), {**child, "ålder": 7}]),
        "norm:b1",
        lambda r: ore(r.child_amount(_month(), 6, False)[0]),
    ),
    Scenario(
        "ung-vuxen-som-barn",
        _case([_adult(19)], delat_boende={"antal_personer": 3}),
        "norm:p1",
        lambda r: ore(r.child_amount(_month(), 19, False)[0]),
    ),
    Scenario(
        "skolungdom-som-vuxen",
        _case([_adult(), {**child, "ålder": 19, "skolungdom": True}]),
        "norm:b1",
        lambda r: ore(r.adult_amount(_month(), couple=False)),
    ),
    Scenario(
        "barnbidrag-ej-raknat",
        _case([_adult(), {**child, "ålder": 9}], inkomster=[{"typ": "barnbidrag", "belopp": 1250}]),
        "inkomst:1",
        lambda r: 0,
        counted=False,
    ),
    Scenario(
        "inkomst-ej-raknad",
        _case([_adult(25)], inkomster=[{"typ": "bostadsbidrag", "person": "p1", "belopp": 1400}]),
        "inkomst:1",
        lambda r: 0,
        counted=False,
    ),
    Scenario(
        "barns-lon-raknad",
        _case(
            [_adult(), {**child, "ålder": 16}],
            inkomster=[{"typ": "lön", "person": "b1", "belopp": 3000, "tidigare_i_år": 0}],
        ),
        "inkomst:1",
        lambda r: ore(3000),
    ),
    Scenario(
        "barns-lon-tidigare-i-ar",
        _case(
            [_adult(), {**child, "ålder": 16}],
            inkomster=[{"typ": "lön", "person": "b1", "belopp": 5000, "tidigare_i_år": 56000}],
        ),
        # the trainee forgets the 56 000 kr earned earlier and leaves all 5 000 uncounted
        "inkomst:1",
        lambda r: max(0, ore(5000) - ore(r.prisbasbelopp(2025))),
        counted=False,
    ),
    Scenario(
        "barns-lon-undantagen-for-vuxen",  # a young adult who has left school applies in a shared home
        _case(
            [_adult(18)], delat_boende={"antal_personer": 3}, inkomster=[{"typ": "lön", "person": "p1", "belopp": 4000}]
        ),
        "inkomst:1",
        lambda r: 0,
        counted=False,
    ),
    Scenario(
        "jobbstimulans-for-tidigt",
        _case(
            [_adult()],
            inkomster=[{"typ": "lön", "person": "p1", "belopp": 8000}],
            historik={"försörjningsstöd_månader_i_följd": 3},
        ),
        "inkomst:1",
        lambda r: _three_quarters(r, 8000),
    ),
    Scenario(
        "jobbstimulans-efter-tva-ar",  # no start month known: two years from the sixth month in a row
        _case(
            [_adult()],
            inkomster=[{"typ": "lön", "person": "p1", "belopp": 8000}],
            historik={"försörjningsstöd_månader_i_följd": 32},
        ),
        "inkomst:1",
        lambda r: _three_quarters(r, 8000),
    ),
    Scenario(
        "jobbstimulans-pa-ersattning",
        _case(
            [_adult()],
            inkomster=[{"typ": "a-kassa", "person": "p1", "belopp": 6000}],
            historik={"försörjningsstöd_månader_i_följd": 10},
        ),
        "inkomst:1",
        lambda r: _three_quarters(r, 6000),
    ),
    Scenario(
        "jobbstimulans-efter-tva-ar",
        _case(
            [_adult()],
            inkomster=[{"typ": "lön", "person": "p1", "belopp": 8000}],
            historik={"försörjningsstöd_månader_i_följd": 3, "jobbstimulans_från": "2023-01"},
        ),
        "inkomst:1",
        lambda r: _three_quarters(r, 8000),
    ),
    Scenario(
        "jobbstimulans-glomd",
        _case(
            [_adult()],
            inkomster=[{"typ": "lön", "person": "p1", "belopp": 8000}],
            historik={"försörjningsstöd_månader_i_följd": 8},
        ),
        "inkomst:1",
        lambda r: ore(8000),
    ),
    Scenario(
        "hushall-ej-delat",
        _case([_adult(45)], delat_boende={"antal_personer": 4}),
        "hushåll",
        lambda r: ore(r.household_cost(_month(), 4)),
    ),
    Scenario(
        "attonde-personen-glomd",
        _case(
            [_adult(), _adult(40, "medsökande", "p2")]
            + [{"id": f"b{i}", "roll": "barn", "ålder": 2 + i} for i in range(1, 7)]
        ),
        "hushåll",
        lambda r: ore(r.household_cost(_month(), 7)),
    ),
    Scenario(
        "hushall-fel-antal",
        _case([_adult(), {**child, "ålder": 9}, {"id": "b2", "roll": "barn", "ålder": 12}]),
        "hushåll",
        lambda r: ore(r.household_cost(_month(), 2)),
    ),
    Scenario(
        "umgangsbarn-fullt-belopp",
        _case([_adult(), {**child, "ålder": 8, "dagar_i_hushållet": 15}]),
        "norm:b1",
        lambda r: ore(r.child_amount(_month(), 8, False)[0]),
    ),
    Scenario(
        "umgangsbarn-i-hushallet",
        _case([_adult(), {**child, "ålder": 8, "dagar_i_hushållet": 15}]),
        "hushåll",
        lambda r: ore(r.household_cost(_month(), 2)),
    ),
    Scenario(
        "boende-over-riktvarde-utan-radrum",
        _case([_adult()], kostnader=[{"typ": "boende", "belopp": 7500}], historik={"rådrum_boende_till": "2025-06"}),
        "kostnad:1",
        lambda r: ore(7500),
    ),
    Scenario(
        "boende-begransat-utan-radrum",
        _case([_adult()], kostnader=[{"typ": "boende", "belopp": 7500}]),
        "kostnad:1",
        lambda r: ore(r.housing_cap(_month(), 1)),
    ),
    Scenario(
        "boende-riktvarde-som-tak",  # the nämnd accepted the higher cost after the rådrum
        _case(
            [_adult(), {**child, "ålder": 9}],
            kostnader=[
                {
                    "typ": "boende",
                    "belopp": 8400,
                    "godtagen_högre_kostnad": {"belopp": 8400, "skäl": "Barnet går i skolan i området."},
                }
            ],
            historik={"rådrum_boende_till": "2025-06"},
        ),
        "kostnad:1",
        lambda r: ore(r.housing_cap(_month(), 2)),
    ),
    Scenario(
        "tillgangar-ej-raknade",
        _case([_adult()], tillgångar=[{"typ": "sparkonto", "belopp": 5000}]),
        "tillgångar",
        lambda r: 0,
        counted=False,
    ),
    Scenario(
        "tillgangar-utan-buffert",
        _case([_adult()], tillgångar=[{"typ": "sparkonto", "belopp": 5000}]),
        "tillgångar",
        lambda r: ore(5000),
    ),
]
