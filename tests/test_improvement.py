"""Long-term status, a group followed over time, synthetic histories and run charts
(toolkit.improvement).

The run-chart rules are tested against published examples (cited in each docstring) and
against hand-made series where each rule must fire and must not. Long-term status is
checked on hand-made payment histories worked out in the docstrings, and the vectorised
code against a plain loop written here.
"""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, run_toolkit

from toolkit.errors import InputError, MissingParameterError
from toolkit.improvement import PaymentHistories, analyse, conclusion, follow, read_payments, status, summary, synthetic
from toolkit.improvement.longterm import rolling_long_term, runs
from toolkit.improvement.params import load_long_term, load_run_chart_rules
from toolkit.improvement.runchart import (
    anhoej,
    crossings_limit,
    longest_run_limit,
    longest_trend,
    runs_distribution,
    runs_limits,
)
from toolkit.months import Month

# qicharts2 vignette, Appendix 2 "Critical values for longest run and number of crossings"
# (github.com/anhoej/qicharts2, version 0.8.1, docs/articles/qicharts2.html): n: (longest run
# upper limit, crossings lower limit) for n = 10 … 100 useful observations.
APPENDIX_2 = dict(
    zip(
        range(10, 101),
        [
            (6, 2),
            (6, 2),
            (7, 3),
            (7, 3),
            (7, 4),
            (7, 4),
            (7, 4),
            (7, 5),
            (7, 5),
            (7, 6),
            (7, 6),
            (7, 6),
            (7, 7),
            (8, 7),
            (8, 8),
            (8, 8),
            (8, 8),
            (8, 9),
            (8, 9),
            (8, 10),
            (8, 10),
            (8, 11),
            (8, 11),
            (8, 11),
            (8, 12),
            (8, 12),
            (8, 13),
            (8, 13),
            (8, 14),
            (8, 14),
            (8, 14),
            (8, 15),
            (8, 15),
            (8, 16),
            (8, 16),
            (8, 17),
            (9, 17),
            (9, 17),
            (9, 18),
            (9, 18),
            (9, 19),
            (9, 19),
            (9, 20),
            (9, 20),
            (9, 21),
            (9, 21),
            (9, 21),
            (9, 22),
            (9, 22),
            (9, 23),
            (9, 23),
            (9, 24),
            (9, 24),
            (9, 25),
            (9, 25),
            (9, 25),
            (9, 26),
            (9, 26),
            (9, 27),
            (9, 27),
            (9, 28),
            (9, 28),
            (9, 29),
            (9, 29),
            (9, 29),
            (9, 30),
            (9, 30),
            (9, 31),
            (9, 31),
            (9, 32),
            (9, 32),
            (9, 33),
            (9, 33),
            (9, 34),
            (9, 34),
            (9, 34),
            (9, 35),
            (9, 35),
            (9, 36),
            (9, 36),
            (9, 37),
            (10, 37),
            (10, 38),
            (10, 38),
            (10, 39),
            (10, 39),
            (10, 39),
            (10, 40),
            (10, 40),
            (10, 41),
            (10, 41),
        ],
        strict=True,
    )
)


def sides(*lengths: int) -> list[int]:
    """A sign sequence from run lengths, starting above the centre line and alternating."""
    out: list[int] = []
    for i, length in enumerate(lengths):
        out += [1 if i % 2 == 0 else -1] * length
    return out


def by_rule(signals) -> dict:
    return {s.rule: s for s in signals}


# -- Anhøj: the critical values and the published examples ----------------------------------------
def test_the_critical_values_match_the_published_table():
    """qicharts2 vignette, Appendix 2 (n = 10–100): round(log2(n) + 3) and qbinom(0.05, n − 1, 0.5)."""
    rules = load_run_chart_rules()
    for n, (run_max, crossings_min) in APPENDIX_2.items():
        assert longest_run_limit(n, rules.anhoej.longest_run_add) == run_max, n
        assert crossings_limit(n, rules.anhoej.crossings_percent) == crossings_min, n


def test_the_qicharts2_vignette_example_signals_on_both_rules():
    """qicharts2 vignette: a chart with 24 useful points where "the longest run includes 13 data
    points (upper limit = 8), and the number of crossings is 4 (lower limit = 8)": both rules
    signal. The data values are not printed, so the test uses a sign sequence with the same
    summary: five runs (four crossings), the longest 13."""
    pattern = sides(3, 2, 3, 3, 13)
    assert len(pattern) == 24
    signals = by_rule(anhoej(pattern))
    assert (signals["längsta_serie"].value, signals["längsta_serie"].limit) == (13, "fler än 8")
    assert (signals["korsningar"].value, signals["korsningar"].limit) == (4, "färre än 8")
    assert signals["längsta_serie"].fired and signals["korsningar"].fired


def test_the_crossrun_vignette_example_has_no_signal():
    """crossrun vignette (Wentzel-Larsen and Anhøj, CRAN): 24 observations, the longest run 5
    (observations 12–16 below the median) and 11 crossings. With the limits for n = 24 (8 and 8)
    there is no signal. Values are not given; this sequence has the same summary."""
    pattern = sides(2, 2, 2, 2, 3, 5, 1, 2, 1, 2, 1, 1)
    assert len(pattern) == 24 and pattern[11:16] == [-1] * 5
    signals = by_rule(anhoej(pattern))
    assert (signals["längsta_serie"].value, signals["korsningar"].value) == (5, 11)
    assert not signals["längsta_serie"].fired and not signals["korsningar"].fired


def test_the_sciencetrends_example_has_no_signal():
    """Wentzel-Larsen and Anhøj (sciencetrends.com): 13 points with crossings between times 3–4,
    6–7, 7–8, 9–10 and 10–11, so 5 crossings and a longest run of 3 (times 4–6): no signal (limits
    for n = 13: a run longer than 7, fewer than 3 crossings)."""
    pattern = sides(3, 3, 1, 2, 1, 3)
    signals = by_rule(anhoej(pattern))
    assert (signals["längsta_serie"].value, signals["korsningar"].value) == (3, 5)
    assert not any(s.fired for s in signals.values())


def test_the_balestracci_example_is_a_crossings_signal_and_a_shift():
    """Balestracci, "An Underrated Test for Run Charts" (Quality Digest, 2008-10-03): 16 points in
    runs of 7, 7, 1 and 1, no point on the median; his table expects 5–12 runs for 16 points, so 4
    runs are too few. By hand: Anhøj n = 16 gives a longest-run limit of 7 (7 is not more than 7)
    and a crossings limit of 4 (3 crossings are fewer): a signal. Perla's shift: 7 ≥ 6."""
    values = [20] * 7 + [10] * 7 + [20, 10]
    analysis = analyse(values)
    assert analysis.median == 15 and analysis.useful == 16
    anh, perla = by_rule(analysis.anhoej), by_rule(analysis.perla)
    assert not anh["längsta_serie"].fired and anh["korsningar"].fired and anh["korsningar"].value == 3
    assert perla["skift"].fired and perla["skift"].value == 7
    assert perla["antal_serier"].fired and perla["antal_serier"].value == 4
    assert not perla["trend"].fired
    assert analysis.signal and "signal" in conclusion(analysis)


# -- the runs count (the handbook's own computation) ------------------------------------------------
def test_the_runs_distribution_worked_by_hand():
    """8 points above and 8 below, C(16, 8) = 12870 orders. Runs R: P(R=2) = 2/12870,
    P(R=3) = 2·7 = 14, P(R=4) = 2·7·7 = 98, P(R=5) = 2·C(7,2)·7 = 294 (all /12870). P(R ≤ 4) =
    114/12870 ≈ 0.9 % is within the 2.5 % tail, P(R ≤ 5) = 408/12870 ≈ 3.2 % is not: fewer than 5
    runs is too few. The distribution is symmetric around 9, so more than 13 is too many."""
    dist = runs_distribution(8, 8)
    assert sum(dist.values()) == 1
    assert [dist[r] * 12870 for r in (2, 3, 4, 5)] == [2, 14, 98, 294]
    assert runs_limits(8, 8, load_run_chart_rules().perla.runs.tail_permille) == (5, 13)
    assert dist[4] == dist[14] and dist[2] == Fraction(2, 12870)


# Swed and Eisenhart (1943), "Tables for testing randomness of grouping in a sequence of
# alternatives", Ann. Math. Statist. 14(1), 66–87, Table I (p. 70): P(R <= r) for n1 = 2 and
# n2 = 2–20, r = 2, 3, 4, as reprinted in the documentation of pruns in the R package randtests
# (CRAN; the example "Creates Table I in Swed and Eisenhart (1943), p. 70"). Rounded as printed
# there: nine decimals for r = 2, seven for r = 3 and 4.
SWED_EISENHART_TABLE_I = {
    2: (0.333333333, 0.6666667, 1.0000000),
    3: (0.200000000, 0.5000000, 0.9000000),
    4: (0.133333333, 0.4000000, 0.8000000),
    5: (0.095238095, 0.3333333, 0.7142857),
    6: (0.071428571, 0.2857143, 0.6428571),
    7: (0.055555556, 0.2500000, 0.5833333),
    8: (0.044444444, 0.2222222, 0.5333333),
    9: (0.036363636, 0.2000000, 0.4909091),
    10: (0.030303030, 0.1818182, 0.4545455),
    11: (0.025641026, 0.1666667, 0.4230769),
    12: (0.021978022, 0.1538462, 0.3956044),
    13: (0.019047619, 0.1428571, 0.3714286),
    14: (0.016666667, 0.1333333, 0.3500000),
    15: (0.014705882, 0.1250000, 0.3308824),
    16: (0.013071895, 0.1176471, 0.3137255),
    17: (0.011695906, 0.1111111, 0.2982456),
    18: (0.010526316, 0.1052632, 0.2842105),
    19: (0.009523810, 0.1000000, 0.2714286),
    20: (0.008658009, 0.0952381, 0.2597403),
}


def test_the_runs_distribution_matches_swed_and_eisenhart_table_i():
    """The exact runs distribution behind the too-few/too-many-runs rule against the published
    table: P(R <= r) for two points on one side and 2–20 on the other."""
    for n2, printed in SWED_EISENHART_TABLE_I.items():
        dist = runs_distribution(2, n2)
        cumulative = [sum(p for r, p in dist.items() if r <= top) for top in (2, 3, 4)]
        assert round(float(cumulative[0]), 9) == printed[0], n2
        assert [round(float(c), 7) for c in cumulative[1:]] == list(printed[1:]), n2
        assert sum(dist.values()) == 1 and max(dist) == 5 - (n2 == 2)  # 2 + 2 points give at most 4 runs


def test_the_runs_limits_flag_the_published_table_i_tails():
    """With n1 = 2 the fewest runs, 2, has P = 2/C(n2 + 2, 2) (Table I, first column). It lies
    within the 2.5 % tail only from n2 = 12 on (0.025641026 for 11 is above 0.025, 0.021978022
    for 12 is not), so two runs are 'too few' from 12 points on the other side and not before."""
    tail = load_run_chart_rules().perla.runs.tail_permille
    assert tail == 25
    assert runs_limits(2, 11, tail)[0] == 2  # P(R = 2) = 0.0256 > 0.025: 2 runs are not too few
    assert runs_limits(2, 12, tail)[0] == 3  # P(R = 2) = 0.0220 <= 0.025: 2 runs are too few


# -- Perla's rules on hand-made series ------------------------------------------------------------------
@pytest.mark.parametrize(
    "values, fired, length",
    [
        ([1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 1, 9], False, 5),  # five above in a row: not a shift
        ([1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 1], True, 6),  # six above in a row: a shift
        ([1, 1, 1, 9, 9, 9, 5, 9, 9, 9, 1, 1, 1], True, 6),  # 5 is the median: skipped, so 3 + 3 = 6
    ],
)
def test_the_shift_rule(values, fired, length):
    shift = by_rule(analyse(values).perla)["skift"]
    assert (shift.fired, shift.value) == (fired, length)


@pytest.mark.parametrize(
    "values, fired, length",
    [
        ([5, 1, 2, 3, 4, 0, 6], False, 4),  # four rising
        ([5, 1, 2, 3, 4, 5, 0], True, 5),  # five rising
        ([9, 1, 2, 2, 3, 4, 5, 0], True, 5),  # a repeated 2 counts once and does not break it
        ([9, 1, 2, 2, 3, 4, 9, 9], True, 5),  # 1, 2, 3, 4, 9
        ([1, 2, 2, 3, 4, 0, 0, 0], False, 4),  # 1, 2, 3, 4 and then down
        ([9, 8, 7, 7, 6, 5, 9], True, 5),  # falling, with a repeat
    ],
)
def test_the_trend_rule(values, fired, length):
    trend = by_rule(analyse(values).perla)["trend"]
    assert (trend.fired, trend.value) == (fired, length)


def test_too_many_runs():
    """16 points alternating around the median: 16 runs, more than the 13 expected at most."""
    runs_count = by_rule(analyse([1, 9] * 8).perla)["antal_serier"]
    assert runs_count.fired and runs_count.value == 16 and "för många" in runs_count.message


def test_astronomical_candidates_are_listed_for_a_person_to_judge():
    """Baseline 10, 12, 11, 13, 12, 11, 10, 12 (mean 11.375; moving ranges 2, 1, 2, 1, 1, 1, 2,
    mean 10/7; sigma = (10/7)/1.128 ≈ 1.27; limits ≈ 7.6–15.2): 40 lies outside, 14 inside."""
    values = [10, 12, 11, 13, 12, 11, 10, 12, 14, 40, 12, 11]
    screen = by_rule(analyse(values, baseline=8).perla)["astronomisk_kandidat"]
    assert screen.fired and screen.points == (9,)
    quiet = by_rule(analyse(values[:9] + [14, 12, 11], baseline=8).perla)["astronomisk_kandidat"]
    assert not quiet.fired


def test_few_points_and_points_on_the_median_are_noted():
    analysis = analyse([3, 5, 5, 7, 5, 6])
    assert analysis.median == 5 and analysis.useful == 3
    assert any("osäkra" in note for note in analysis.notes)
    assert any("3 punkter ligger på medianen" in note for note in analysis.notes)


def test_a_series_needs_two_points_and_a_sensible_baseline():
    with pytest.raises(ValueError, match="minst två"):
        analyse([1])
    with pytest.raises(ValueError, match="baslinjen"):
        analyse([1, 2, 3], baseline=5)


def test_longest_trend_returns_the_counted_points():
    assert longest_trend([5, 1, 2, 2, 3, 4, 0]) == (4, (1, 2, 4, 5), 1)


# -- the Borås series --------------------------------------------------------------------------------
def test_the_boras_series_by_hand():
    """Job applications per month in the Borås project (book/data/resultat.yaml, from the
    presentation "Försörjningsstöd i Borås"): 8, 9, 8, 5, 9, 16 | 17, 20, 23, 23, 25, 27, with
    weekly meetings from February. Baseline August–January: median (8 + 9)/2 = 8.5. Signs:
    − + − − + + + + + + + +: the longest run is 8 (December–July), more than round(log2 12) + 3
    = 7, a signal. Crossings 3; P(X ≤ 2) = 67/2048 < 5 % and P(X ≤ 3) = 232/2048 ≥ 5 % for
    X ~ Bin(11, ½), so the limit is 3 and 3 is not fewer. Trend: from November 5, 9, 16, 17, 20,
    23, (23), 25, 27 = 8 rising points."""
    from toolkit.plots.results import load_results

    run = load_results().run
    baseline = run.months.index(run.change)
    analysis = analyse(run.applications, run.months, baseline=baseline)
    assert analysis.median == 8.5
    anh, perla = by_rule(analysis.anhoej), by_rule(analysis.perla)
    assert (anh["längsta_serie"].value, anh["längsta_serie"].limit, anh["längsta_serie"].fired) == (
        8,
        "fler än 7",
        True,
    )
    assert (anh["korsningar"].value, anh["korsningar"].limit, anh["korsningar"].fired) == (3, "färre än 3", False)
    assert perla["skift"].fired and perla["trend"].fired and perla["trend"].value == 8


# -- long-term status --------------------------------------------------------------------------------
def histories(rows: dict[str, str], first: Month) -> PaymentHistories:
    """'1' = a payment of 1 000 kr that month, '0' none."""
    ids = np.array(list(rows), dtype=object)
    amounts = np.array([[1000 if c == "1" else 0 for c in pattern] for pattern in rows.values()], dtype=np.int64)
    return PaymentHistories(ids, first, amounts)


def test_long_term_status_by_hand():
    """2025, January to December (Socialstyrelsen: 10–12 months of a calendar year):
    A paid January–October (10 months) → långvarigt; B 9 months → not; C every month of 2025 and
    December 2024 → 12 months, 13 in a row at December 2025; D 11 months with a gap in June →
    långvarigt, 6 in a row at the end, longest run 6 (July–December) — the first five months are 5."""
    h = histories(
        {
            "A": "0" + "111111111100",
            "B": "0" + "111111111000",
            "C": "1" + "111111111111",
            "D": "0" + "111110111111",
        },
        Month(2024, 12),
    )
    table = status(h, 2025).set_index("hushåll")
    assert table["månader_med_bistånd"].to_dict() == {"A": 10, "B": 9, "C": 12, "D": 11}
    assert table["långvarigt"].tolist() == [True, False, True, True]
    assert table["månader_i_följd"].to_dict() == {"A": 0, "B": 0, "C": 13, "D": 6}
    assert table["längsta_i_följd"].to_dict() == {"A": 10, "B": 9, "C": 13, "D": 6}
    assert summary(status(h, 2025))["långvarigt"] == 3


def test_a_year_not_yet_over_is_unknown_unless_already_long_term():
    """History January–June 2025: six months paid cannot yet be 10, so unknown (<NA>), not False."""
    h = histories({"A": "111111", "B": "000000"}, Month(2025, 1))
    result = status(h, 2025)["långvarigt"]
    assert result.isna().tolist() == [True, True]
    longer = histories({"A": "1111111111", "B": "0000000000"}, Month(2025, 1))
    assert status(longer, 2025)["långvarigt"].tolist()[:1] == [True]


def test_very_long_term_is_the_handbooks_own_setting():
    """The setting in langvarighet.yaml is marked as not official; a run of exactly that many
    months is very long-term, one month fewer is not."""
    setting = load_long_term().settings.very_long_term
    assert setting.official is False
    months = setting.months_in_row
    h = histories({"A": "1" * months, "B": "0" + "1" * (months - 1)}, Month(2023, 1))
    assert status(h).set_index("hushåll")["mycket_långvarigt_egen_inställning"].to_dict() == {"A": True, "B": False}


def test_runs_and_the_rolling_year_by_hand():
    paid = np.array([[1, 1, 0, 1, 1, 1], [0, 0, 0, 0, 0, 1]], dtype=bool)
    assert runs(paid).tolist() == [[1, 2, 0, 1, 2, 3], [0, 0, 0, 0, 0, 1]]
    # 10 of the 12 months up to December 2018 → long-term by the rolling setting; 9 → not.
    h = histories({"A": "110111111110", "B": "110111111100"}, Month(2018, 1))
    assert rolling_long_term(h, Month(2018, 12)).tolist() == [True, False]
    with pytest.raises(ValueError, match="historiken börjar"):
        rolling_long_term(h, Month(2018, 6))


def test_the_definition_has_a_start_date():
    h = histories({"A": "1" * 12}, Month(2013, 1))
    with pytest.raises(MissingParameterError, match="långvarigt"):
        status(h, 2013)


def test_the_vectorised_status_matches_a_plain_loop():
    rng = random.Random(3)
    rows = {f"H{i}": "".join(rng.choice("0111") for _ in range(30)) for i in range(300)}
    h = histories(rows, Month(2023, 7))
    table = status(h, 2024, at=Month(2024, 12)).set_index("hushåll")
    for hid, pattern in rows.items():
        year = pattern[6:18]  # January–December 2024
        assert table.loc[hid, "månader_med_bistånd"] == year.count("1")
        assert table.loc[hid, "längsta_i_följd"] == max(len(r) for r in pattern.split("0"))
        upto = pattern[:18]
        assert table.loc[hid, "månader_i_följd"] == len(upto) - len(upto.rstrip("1"))


# -- reading payments -------------------------------------------------------------------------------
def test_payments_are_read_from_a_long_table():
    frame = pd.DataFrame(
        {
            "hushåll": ["H2", "H1", " H1", "H1"],
            "månad": ["2025-01", "2025-01", "2025-03", "2025-03"],
            "belopp": ["1 200", 500, 100, 200],
        }
    )
    h = PaymentHistories.from_long(frame)
    assert list(h.ids) == ["H1", "H2"] and h.first == Month(2025, 1) and h.last == Month(2025, 3)
    assert h.amounts.tolist() == [[500, 0, 300], [1200, 0, 0]]
    back = h.to_long()
    assert back.to_dict("list") == {
        "hushåll": ["H1", "H1", "H2"],
        "månad": ["2025-01", "2025-03", "2025-01"],
        "belopp": [500, 300, 1200],
    }


@pytest.mark.parametrize(
    "column, bad, problem",
    [
        ("månad", "2025-13", "ÅÅÅÅ-MM"),
        ("belopp", "12,50", "helt belopp"),
        ("belopp", "-5", "helt belopp"),
        ("hushåll", "", "saknas"),
    ],
)
def test_a_bad_payment_row_names_its_line(tmp_path, column, bad, problem):
    rows = {"hushåll": ["H1", "H2", "H3"], "månad": ["2025-01", "2025-02", "2025-03"], "belopp": ["100", "200", "300"]}
    rows[column][1] = bad
    path = tmp_path / "b.csv"
    pd.DataFrame(rows).to_csv(path, sep=";", index=False)
    with pytest.raises(InputError) as error:
        read_payments(path, display="b.csv")
    assert error.value.describe().startswith(f"b.csv, rad 3, kolumnen '{column}'")
    assert problem in error.value.describe()


def test_a_payment_file_without_a_column(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("hushåll;månad\nH1;2025-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="kolumnen 'belopp'"):
        read_payments(path, display="b.csv")


# -- a group over time ------------------------------------------------------------------------------
def test_a_group_followed_month_by_month_by_hand():
    """Start December 2018; A–D paid all of 2018 (long-term), E only half the year (not in the group).
    January: A stops; February: B stops, A comes back; March: C stops. D keeps bistånd."""
    h = histories(
        {
            "A": "1" * 12 + "011",
            "B": "1" * 12 + "100",
            "C": "1" * 12 + "110",
            "D": "1" * 12 + "111",
            "E": "0" * 6 + "1" * 6 + "111",
        },
        Month(2018, 1),
    )
    table = follow(h, Month(2018, 12), until=Month(2019, 3))
    assert table["månad"].tolist() == ["2018-12", "2019-01", "2019-02", "2019-03"]
    assert table["kvar"].tolist() == [4, 3, 3, 2]
    assert table["avslutade"].tolist() == [0, 1, 1, 1]
    assert table["tillbaka"].tolist() == [0, 0, 1, 0]
    assert table["avslutade_sedan_start"].tolist() == [0, 1, 1, 2]
    assert table["andel_kvar_procent"].tolist() == [100, 75, 75, 50]


# -- synthetic histories ---------------------------------------------------------------------------
def test_synthetic_histories_are_repeatable_and_come_from_the_case_bank():
    first = synthetic.histories(500, Month(2024, 1), 24, seed=5)
    again = synthetic.histories(500, Month(2024, 1), 24, seed=5)
    other = synthetic.histories(500, Month(2024, 1), 24, seed=6)
    assert np.array_equal(first.amounts, again.amounts) and not np.array_equal(first.amounts, other.amounts)
    cases = {p.stem for p in (ROOT / "casebank" / "cases").glob("*.yaml")}
    assert set(first.attributes["fall"]) <= cases
    assert (first.amounts >= 0).all() and first.paid.any()


def test_a_synthetic_group_has_the_starting_point_asked_for():
    """A group shaped like Borås's starting point (428 long-term cases, 105 with children, August
    2018: book/data/resultat.yaml): everyone is long-term in the start month."""
    from toolkit.plots.results import load_results

    start = load_results().long_term
    group = synthetic.cohort(start.cases, start.with_children, Month.parse(start.month), 11)
    assert len(group) == start.cases and int(group.attributes["barn"].sum()) == start.with_children
    assert rolling_long_term(group, Month.parse(start.month)).all()
    table = follow(group, Month.parse(start.month))
    assert table["kvar"].iloc[0] == start.cases and len(table) == 12
    with pytest.raises(ValueError, match="barn"):
        synthetic.cohort(10, 11, Month(2018, 8), 3)


# -- the command line and the chart ----------------------------------------------------------------
toolkit = run_toolkit  # the command in this process (tests/conftest.py)


def test_the_commands_run_on_the_example_files(tmp_path):
    done = toolkit(
        "improvement", "status", "casebank/metod/betalningar.csv", "--år", "2025", "--csv", str(tmp_path / "s.csv")
    )
    assert done.returncode == 0, done.stderr
    assert "Långvarigt bistånd 2025" in done.stdout and "ingen officiell definition" in done.stdout
    assert len(pd.read_csv(tmp_path / "s.csv", sep=";", encoding="utf-8-sig")) == 180
    done = toolkit("improvement", "runchart", "casebank/metod/serie.csv", "--baslinje", "8")
    assert done.returncode == 0, done.stderr
    assert "Anhøjs regler" in done.stdout and "Medianen för de första 8 är 10,5" in done.stdout


def test_a_bad_series_exits_2(tmp_path):
    path = tmp_path / "serie.csv"
    path.write_text("period;värde\nv1;3\nv2;tre\n", encoding="utf-8")
    done = toolkit("improvement", "runchart", str(path))
    assert done.returncode == 2
    assert "rad 3, kolumnen 'värde'" in done.stderr and "Traceback" not in done.stderr


def test_the_run_chart_comes_with_a_text():
    from toolkit.plots.improvement import cohort_chart, run_chart
    from toolkit.plots.results import png

    analysis = analyse([20] * 7 + [10] * 7 + [20, 10])
    fig, text = run_chart(analysis, title="Prov", measure="Antal")
    assert png(fig).startswith(b"\x89PNG")
    assert "Medianen för de första 16 punkterna är 15" in text and "signal" in text
    h = histories({"A": "1" * 12 + "10", "B": "1" * 12 + "11"}, Month(2018, 1))
    fig, text = cohort_chart(follow(h, Month(2018, 12)), title="Gruppen")
    assert png(fig).startswith(b"\x89PNG") and "2 i december 2018 och 1 i februari 2019" in text
