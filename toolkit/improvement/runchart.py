"""Run charts (seriediagram) for improvement work: the median and the standard rules that
tell a real change from chance.

Two rule sets, with their parameters and sources in toolkit/parameters/seriediagram.yaml:
- Anhøj: unusually long runs (longest run > round(log2 n) + 3) and unusually few crossings
  (fewer than the 5 % quantile of Bin(n − 1, ½)), n = points not on the median;
- Perla, Provost and Murray: shift (6 or more in a row on one side; points on the median
  skipped), trend (5 or more all rising or all falling; equal neighbours count once), too
  few or too many runs (limits computed exactly from the Swed–Eisenhart distribution: the
  handbook's own computation, as the article's table has not been read) and astronomical
  points (a judgement; the toolkit only lists candidates outside I-chart limits).
Points on the median are removed before runs and crossings are counted (qicharts2's code).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from .params import RunChartFile, load_run_chart_rules

RULE_NAMES = {
    "längsta_serie": "ovanligt lång serie",
    "korsningar": "ovanligt få korsningar",
    "skift": "skift",
    "trend": "trend",
    "antal_serier": "antal serier",
    "astronomisk_kandidat": "astronomisk punkt",
}


@dataclass(frozen=True)
class Signal:
    """One rule applied to the chart. fired: the rule signals non-random variation (for the
    astronomical rule: there are candidates for a person to judge); limit: when it fires."""

    rule: str
    fired: bool
    value: int | None
    limit: str
    message: str
    points: tuple[int, ...] = ()


@dataclass(frozen=True)
class Analysis:
    values: tuple[float, ...]
    labels: tuple[str, ...]
    median: float
    baseline: int
    useful: int
    anhoej: tuple[Signal, ...]
    perla: tuple[Signal, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def signal(self) -> bool:
        """Anhøj's rules: is there a signal of non-random variation?"""
        return any(s.fired for s in self.anhoej)

    def fired(self) -> list[Signal]:
        return [s for s in (*self.anhoej, *self.perla) if s.fired]


def signs(values: Sequence[float], centre: float) -> list[int]:
    """+1 above the centre line, -1 below, 0 on it."""
    return [(v > centre) - (v < centre) for v in values]


def runs_of(sides: Sequence[int]) -> list[tuple[int, list[int]]]:
    """Runs among the points not on the centre line: (side, original indices), in order."""
    out: list[tuple[int, list[int]]] = []
    for index, side in enumerate(sides):
        if side == 0:
            continue
        if out and out[-1][0] == side:
            out[-1][1].append(index)
        else:
            out.append((side, [index]))
    return out


def longest_run_limit(useful: int, add: int) -> int:
    """Anhøj: the upper limit for the longest run, round(log2(n)) + add (log2 of an integer is
    never exactly halfway, so the rounding mode does not matter)."""
    return round(math.log2(useful)) + add


def crossings_limit(useful: int, percent: int) -> int:
    """Anhøj: the lower limit for crossings, the smallest x with P(X <= x) >= percent/100 for
    X ~ Bin(n − 1, 1/2) (R's qbinom), computed exactly in integers."""
    trials = max(useful - 1, 0)
    total, cumulative = 2**trials, 0
    for x in range(trials + 1):
        cumulative += math.comb(trials, x)
        if 100 * cumulative >= percent * total:
            return x
    return trials


def runs_distribution(above: int, below: int) -> dict[int, Fraction]:
    """The exact distribution of the number of runs for `above` and `below` points in random
    order (Swed and Eisenhart 1943)."""
    total = math.comb(above + below, above)
    out = {}
    for runs in range(2, above + below + 1):
        k = runs // 2
        if runs % 2 == 0:
            ways = 2 * math.comb(above - 1, k - 1) * math.comb(below - 1, k - 1)
        else:
            ways = math.comb(above - 1, k) * math.comb(below - 1, k - 1) + math.comb(above - 1, k - 1) * math.comb(
                below - 1, k
            )
        if ways:
            out[runs] = Fraction(ways, total)
    return out


def runs_limits(above: int, below: int, tail_permille: int) -> tuple[int, int]:
    """(fewest, most) runs expected by chance: a count below the first or above the second has
    probability at most tail_permille/1000 in its tail."""
    dist = runs_distribution(above, below)
    tail = Fraction(tail_permille, 1000)
    low = min(r for r in dist if sum(p for q, p in dist.items() if q <= r) > tail)
    high = max(r for r in dist if sum(p for q, p in dist.items() if q >= r) > tail)
    return low, high


def longest_trend(values: Sequence[float]) -> tuple[int, tuple[int, ...], int]:
    """The longest run of points all rising or all falling, equal neighbours counted once:
    (number of points, original indices of the counted points, +1 rising / -1 falling)."""
    kept = [i for i, v in enumerate(values) if i == 0 or v != values[i - 1]]
    best: tuple[int, tuple[int, ...], int] = (min(len(kept), 1), tuple(kept[:1]), 0)
    start = 0
    for j in range(1, len(kept)):
        direction = 1 if values[kept[j]] > values[kept[j - 1]] else -1
        if j - start >= 2 and direction != (1 if values[kept[j - 1]] > values[kept[j - 2]] else -1):
            start = j - 1
        if j - start + 1 > best[0]:
            best = (j - start + 1, tuple(kept[start : j + 1]), direction)
    return best


def anhoej(sides: Sequence[int], rules: RunChartFile | None = None) -> tuple[Signal, ...]:
    """Anhøj's two rules on a sequence of sides (+1 above, -1 below, 0 on the centre line)."""
    rules = rules or load_run_chart_rules()
    runs = runs_of(sides)
    useful = sum(1 for s in sides if s)
    if not useful:
        return ()
    longest = max(runs, key=lambda r: len(r[1]))
    run_max = longest_run_limit(useful, rules.anhoej.longest_run_add)
    crossings = len(runs) - 1
    cross_min = crossings_limit(useful, rules.anhoej.crossings_percent)
    return (
        Signal(
            "längsta_serie",
            len(longest[1]) > run_max,
            len(longest[1]),
            f"fler än {run_max}",
            f"Den längsta serien är {len(longest[1])} punkter i rad på samma sida om medianen. "
            f"Fler än {run_max} är en signal.",
            tuple(longest[1]),
        ),
        Signal(
            "korsningar",
            crossings < cross_min,
            crossings,
            f"färre än {cross_min}",
            f"Linjen korsar medianen {crossings} gånger. Färre än {cross_min} är en signal.",
        ),
    )


def _perla(values: Sequence[float], sides: list[int], baseline: int, rules: RunChartFile) -> tuple[Signal, ...]:
    perla = rules.perla
    runs = runs_of(sides)
    out = []
    if runs:
        longest = max(runs, key=lambda r: len(r[1]))
        out.append(
            Signal(
                "skift",
                len(longest[1]) >= perla.shift,
                len(longest[1]),
                f"{perla.shift} eller fler",
                f"{len(longest[1])} punkter i rad på samma sida om medianen. {perla.shift} eller fler är ett skift.",
                tuple(longest[1]),
            )
        )
    length, points, direction = longest_trend(values)
    way = "stiger" if direction > 0 else "sjunker"
    out.append(
        Signal(
            "trend",
            length >= perla.trend,
            length,
            f"{perla.trend} eller fler",
            f"{length} punkter i rad som alla {way}. {perla.trend} eller fler är en trend.",
            points,
        )
    )
    above, below = sides.count(1), sides.count(-1)
    if above and below:
        low, high = runs_limits(above, below, perla.runs.tail_permille)
        count = len(runs)
        fired = count < low or count > high
        what = "för få" if count < low else "för många" if count > high else "inom det väntade"
        out.append(
            Signal(
                "antal_serier",
                fired,
                count,
                f"utanför {low}–{high}",
                f"{count} serier, {what}: slumpen ger oftast {low}–{high} serier här (handbokens egen beräkning).",
            )
        )
    out.append(_astronomical(values, baseline, rules))
    return tuple(out)


def _astronomical(values: Sequence[float], baseline: int, rules: RunChartFile) -> Signal:
    screen = rules.perla.astronomical
    base = list(values[:baseline])
    ranges = [abs(b - a) for a, b in zip(base, base[1:], strict=False)]
    if len(base) < 2 or not any(ranges):
        return Signal(
            "astronomisk_kandidat",
            False,
            0,
            "–",
            "Baslinjen varierar inte, så ingen gräns för ovanliga punkter kan räknas fram.",
        )
    sigma = statistics.fmean(ranges) * 1000 / screen.d2_thousandths
    centre = statistics.fmean(base)
    low, high = centre - screen.sigmas * sigma, centre + screen.sigmas * sigma
    outside = tuple(i for i, v in enumerate(values) if v < low or v > high)
    bounds = f"{number(low)}–{number(high)}"
    return Signal(
        "astronomisk_kandidat",
        bool(outside),
        len(outside),
        f"utanför {bounds}",
        (f"{len(outside)} punkter ligger utanför {bounds}" if outside else f"Ingen punkt ligger utanför {bounds}")
        + ". En astronomisk punkt är en punkt som alla som ser "
        "diagrammet är överens om är ovanlig; gränsen hjälper bara till att hitta kandidater.",
        outside,
    )


def number(value: float) -> str:
    """8.5 -> '8,5', 9.0 -> '9' (Swedish decimal comma)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",").replace("-", "−")


def analyse(
    values: Sequence[float],
    labels: Sequence[str] | None = None,
    *,
    baseline: int | None = None,
    root: Path | None = None,
) -> Analysis:
    """Apply both rule sets to a series. baseline: the number of first points the median is
    taken from (default all points; use the months before a change to see its effect)."""
    values = tuple(float(v) for v in values)
    if len(values) < 2:
        raise ValueError("ett seriediagram behöver minst två punkter")
    labels = tuple(labels) if labels is not None else tuple(str(i + 1) for i in range(len(values)))
    if len(labels) != len(values):
        raise ValueError("lika många etiketter som värden behövs")
    baseline = baseline or len(values)
    if not 2 <= baseline <= len(values):
        raise ValueError(f"baslinjen ska vara 2–{len(values)} punkter")
    rules = load_run_chart_rules(root)
    median = float(statistics.median(values[:baseline]))
    sides = signs(values, median)
    useful = sum(1 for s in sides if s)
    notes = []
    if useful < rules.perla.min_points:
        notes.append(
            f"Bara {useful} punkter ligger utanför medianen. Reglerna som bygger på sannolikhet är "
            f"osäkra med färre än {rules.perla.min_points} punkter."
        )
    if useful < len(values):
        notes.append(f"{len(values) - useful} punkter ligger på medianen och räknas inte i serierna.")
    return Analysis(
        values,
        labels,
        median,
        baseline,
        useful,
        anhoej(sides, rules),
        _perla(values, sides, baseline, rules),
        tuple(notes),
    )


def conclusion(analysis: Analysis) -> str:
    """One sentence for the reader: is the change likely real?"""
    if analysis.signal:
        names = [RULE_NAMES[s.rule] for s in analysis.anhoej if s.fired]
        return (
            f"Diagrammet visar en signal ({' och '.join(names)}): variationen är troligen inte slumpmässig. "
            "Något har förändrats."
        )
    return "Diagrammet visar ingen signal enligt Anhøjs regler: variationen kan vara slumpmässig."
