"""The what-if: försörjningsstöd for many households and months at once, as a table.

A unit asks "what would the year cost with these households", or "what if the riksnorm of the
new year applied". Assessing one case at a time explains every line, but takes tens of
microseconds a case; this module computes only the amounts, column by column with pandas. The
rule look-ups are not repeated here: each distinct household make-up, household size and
history is asked of the rules engine once (riksnorm amounts, riktvärde, jobbstimulans status),
and the columns are combined with the engine's formula and its one rounding. Tests check that
every amount equals the engine's.

One row per household and month. Columns (amounts in whole kronor):

- `hushåll`, `månad` (YYYY-MM);
- `vuxna`: 1 (ensamstående) or 2 (sambor);
- `barn`: the children's ages separated by spaces, an age followed by 'L' when the child eats
  lunch outside the home on weekdays (for example '3L 9'); empty without children;
- `boende`: the housing cost, `rådrum_till`: the last month of the rådrum (empty when none
  has been given);
- `övriga_kostnader`: the other reasonable costs together;
- one column per income type of `parameters/inkomsttyper.yaml` (for example `lön`,
  `barnbidrag`), the adults' incomes; `månader_i_följd` with försörjningsstöd before the
  month, `jobbstimulans_från` (empty when not known).

Households with situations the table cannot hold (shared housing, umgänge, children's own
earnings, assets, adjustments) are assessed case by case with `toolkit.assessment.assess`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .case import Case
from .errors import InputError
from .jobbstimulans import jobbstimulans_status
from .money import ore
from .months import Month
from .rules import Rules

REQUIRED = ("hushåll", "månad", "vuxna", "barn", "boende", "övriga_kostnader", "månader_i_följd")
OPTIONAL = {"rådrum_till": "", "jobbstimulans_från": ""}


def children(text: str) -> list[tuple[int, bool]]:
    """'3L 9' -> [(3, True), (9, False)] (a space, '/' or ';' between ages)."""
    found = []
    for part in re.split(r"[\s;/]+", str(text).strip()):
        if not part:
            continue
        lunch = part.upper().endswith("L")
        digits = part[:-1] if lunch else part
        if not digits.isdigit():
            raise InputError(f"'{part}' är ingen ålder (skriv till exempel 3L 9)", field="barn")
        found.append((int(digits), lunch))
    return found


def _ordinal(month: str) -> int:
    when = Month.parse(month)
    return when.year * 12 + when.month


def _percent(rules: Rules, month: str, in_row: int, since: str) -> int:
    """The percent of earned income left uncounted this month (0 when jobbstimulans does not apply)."""
    history = {"försörjningsstöd_månader_i_följd": in_row, **({"jobbstimulans_från": since} if since else {})}
    probe = Case.model_validate(
        {
            "id": "vad-om",
            "titel": "Vad händer om",
            "månad": month,
            "hushåll": [{"id": "p1", "roll": "sökande", "ålder": 30}],
            "historik": history,
        }
    )
    if not jobbstimulans_status(probe, rules).applies:
        return 0
    period = rules.jobbstimulans(probe.month)
    return period.percent_not_counted if period is not None else 0


def amounts(table: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Försörjningsstöd in öre per row: `hushåll`, `månad`, `belopp_öre` and `beslut`.

    The amount is max(0, riksnorm + reasonable costs − counted incomes), rounded once by the
    municipality's setting, exactly as `assess` computes it for the same household.
    12 kap. 7 § socialtjänstlagen (2025:400); before 2025-07-01 4 kap. 1 och 3 §§ socialtjänstlagen (2001:453).
    """
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise InputError(f"kolumnen '{missing[0]}' saknas (behövs: {', '.join(REQUIRED)})", field=missing[0])
    column = {
        name: table[name].fillna(default).astype(str) if name in table else None for name, default in OPTIONAL.items()
    }
    # Each distinct month, make-up of children, rådrum and history is looked up once; the rows
    # then index the small tables that the rules engine filled.
    m, months = pd.factorize(table["månad"].astype(str))
    b, makeups = pd.factorize(table["barn"].fillna("").astype(str))
    kids = [children(text) for text in makeups]
    adults = table["vuxna"].to_numpy(dtype=np.int64)
    persons = adults + np.array([len(k) for k in kids], dtype=np.int64)[b]
    when = [Month.parse(month) for month in months]
    top = int(persons.max(initial=1))

    adult = np.array(
        [[ore(rules.adult_amount(w, couple=False)), ore(rules.adult_amount(w, couple=True))] for w in when]
    )
    household = np.array([[0] + [ore(rules.household_cost(w, n)) for n in range(1, top + 1)] for w in when])
    cap = np.array([[0] + [ore(rules.housing_cap(w, n)) for n in range(1, top + 1)] for w in when])
    pairs = sorted({pair for found in kids for pair in found})  # the (age, lunch) that occur
    index = {pair: i for i, pair in enumerate(pairs)}
    each = np.array([[ore(rules.child_amount(w, age, lunch)[0]) for age, lunch in pairs] for w in when]).reshape(
        len(when), len(pairs)
    )
    count = np.zeros((len(kids), len(pairs)), dtype=np.int64)  # children of each age in each make-up
    for j, found in enumerate(kids):
        for pair in found:
            count[j, index[pair]] += 1
    child_norm = each @ count.T  # öre per month and make-up
    riksnorm = adult[m, adults - 1] + child_norm[m, b] + household[m, persons]

    housing = table["boende"].to_numpy(dtype=np.int64) * 100
    g, graces = (
        pd.factorize(column["rådrum_till"]) if column["rådrum_till"] is not None else (np.zeros(len(table), int), [""])
    )
    grace_end = np.array([_ordinal(x) if x else 10**9 for x in graces])
    expired = np.array([_ordinal(x) for x in months])[m] > grace_end[g]  # after the rådrum: the riktvärde
    housing = np.where(expired, np.minimum(housing, cap[m, persons]), housing)
    costs = housing + table["övriga_kostnader"].to_numpy(dtype=np.int64) * 100

    # Everything in hundredths of an öre, so that a percentage of a wage stays exact.
    total = (riksnorm + costs) * 100
    incomes = [c for c in table.columns if c in rules.income_types and rules.income_types[c].counted]
    earned = [c for c in incomes if rules.income_types[c].from_employment]
    if earned:
        since = (
            column["jobbstimulans_från"] if column["jobbstimulans_från"] is not None else pd.Series([""] * len(table))
        )
        s, sinces = pd.factorize(since)
        n = table["månader_i_följd"].to_numpy(dtype=np.int64)
        key = (m * (int(n.max(initial=0)) + 1) + n) * max(len(sinces), 1) + s
        unique, k = np.unique(key, return_inverse=True)
        first = np.zeros(len(unique), dtype=np.int64)
        first[k] = np.arange(len(key))  # a row of each distinct month and history
        percent = np.array([_percent(rules, months[m[r]], int(n[r]), sinces[s[r]]) for r in first])[k]
        for name in earned:
            total -= table[name].fillna(0).to_numpy(dtype=np.int64) * 100 * (100 - percent)
    for name in incomes:
        if name not in earned:
            total -= table[name].fillna(0).to_numpy(dtype=np.int64) * 100 * 100

    modes = [rules.municipal(w).rounding for w in when]
    unknown = set(modes) - {"närmaste_krona", "nedåt", "ingen"}
    if unknown:
        raise ValueError(f"okänt avrundningssätt: {unknown.pop()}")
    amount = np.where(total > 0, _round_once(total, np.array(modes)[m]), 0)
    return pd.DataFrame(
        {
            "hushåll": table["hushåll"].to_numpy(),
            "månad": table["månad"].to_numpy(),
            "belopp_öre": amount,
            "beslut": np.where(amount > 0, "bifall", "avslag"),
        }
    )


def _round_once(hundredths: np.ndarray, mode: np.ndarray) -> np.ndarray:
    """money.round_once for exact amounts in hundredths of an öre."""
    nearest_krona = ((hundredths + 5000) // 10000) * 100
    down = (hundredths // 10000) * 100
    to_ore = (hundredths + 50) // 100
    return np.where(mode == "närmaste_krona", nearest_krona, np.where(mode == "nedåt", down, to_ore))


__all__ = ["OPTIONAL", "REQUIRED", "amounts", "children"]
