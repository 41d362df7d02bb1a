"""The what-if for `make bench`: försörjningsstöd for 5 000 households × 12 months (goal ≤ 0.5 s).

The households are those of scripts/bench.py (the engine's own row assesses them one case at
a time); here they are one table, computed by toolkit.whatif.amounts. Each figure is the
median of several runs in one process (the parameter files are loaded before the first run).

Run alone: .venv/bin/python scripts/bench_whatif.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

Row = dict


def table(count: int = 5000):
    """One row per household and month of 2025, from the same households as the engine's row."""
    import pandas as pd
    from bench import synthetic_households

    rows = []
    for data in synthetic_households(count):
        people = data["hushåll"]
        adults = sum(1 for p in people if p["roll"] != "barn")
        children = ";".join(
            f"{p['ålder']}L" if p.get("lunch_utanför_hemmet") else str(p["ålder"])
            for p in people
            if p["roll"] == "barn"
        )
        incomes = {i["typ"]: i["belopp"] for i in data["inkomster"]}
        costs = {c["typ"]: c["belopp"] for c in data["kostnader"]}
        for month in range(1, 13):
            rows.append(
                {
                    "hushåll": data["id"],
                    "månad": f"2025-{month:02d}",
                    "vuxna": adults,
                    "barn": children,
                    "boende": costs["boende"],
                    "övriga_kostnader": costs["hushållsel"],
                    "lön": incomes.get("lön", 0),
                    "barnbidrag": incomes.get("barnbidrag", 0),
                    "månader_i_följd": data["historik"]["försörjningsstöd_månader_i_följd"],
                }
            )
    return pd.DataFrame(rows)


def bench_whatif(repeat: int = 5) -> list[Row]:
    from toolkit.rules import load_rules
    from toolkit.whatif import amounts

    rules = load_rules("exempelstad")
    frame = table()
    amounts(frame.head(100), rules)  # loads the parameters
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        amounts(frame, rules)
        times.append(time.perf_counter() - start)
    return [
        {
            "mätning": f"Vad händer om: 5 000 hushåll × 12 månader som tabell (median av {repeat})",
            "värde": round(statistics.median(times), 3),
            "enhet": "s",
            "mål": "≤ 0.5 s",
        }
    ]


BENCHMARKS = [bench_whatif]


if __name__ == "__main__":
    for found in bench_whatif():
        print(f"{found['mätning']}: {found['värde']} {found['enhet']} (mål {found['mål']})")
