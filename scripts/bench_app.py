"""Measure the exercise app with many trainees at once: memory per session, time to an exercise,
time from a click to the feedback. Writes _build/bench_app.json and prints a table.

    .venv/bin/python scripts/bench_app.py [--sessions 20] [--exercise bedomning-01]

It starts the app as `make serve` does (on a free port, with a throwaway progress store),
opens every session in Debian's Chromium and keeps them all open, then measures:

- memory of each session's kernel once its exercise is ready: RSS and USS (memory only it uses);
- start page requested -> the exercise's form ready (pseudonym typed, exercise chosen);
- click on "Rätta" -> the feedback shown (median and p95).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from toolkit import settings
from toolkit.exercises import load_registry

# The app started exactly as the tests start it (tests/app_server.py): `make serve` on a free port.
sys.path.insert(0, str(settings.project_root() / "tests"))
from app_server import voila_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"]
TIMEOUT = 300_000  # ms: 20 kernels starting on two cores take a while


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(sessions: int, exercise: str) -> dict:
    title = load_registry().entry(exercise).title
    with tempfile.TemporaryDirectory() as tmp, voila_app(Path(tmp), HANDBOK_MAX_KERNLAR=str(sessions + 5)) as server:
        base = server.base
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            pages, ready, clicks = [], [], []
            for number in range(sessions):
                page = browser.new_page()
                started = time.monotonic()
                page.goto(f"{base}/", timeout=TIMEOUT)
                page.locator(".widget-text input").first.fill(f"bench-{number:02d}")
                page.locator(".widget-button", has_text="Börja").click(timeout=TIMEOUT)
                page.locator(".hb-open", has_text=title).first.click(timeout=TIMEOUT)
                page.locator(".widget-button", has_text="Rätta").wait_for(timeout=TIMEOUT)
                ready.append(time.monotonic() - started)
                pages.append(page)
            memory = []
            for kernel in server.kernels():
                info = kernel.memory_full_info()
                memory.append({"rss_mb": info.rss / 1e6, "uss_mb": info.uss / 1e6})
            for page in pages:
                page.locator(".hb-amount input").first.fill("tusen")
                started = time.monotonic()
                page.locator(".widget-button", has_text="Rätta").click()
                page.locator(".hb-field-message", has_text="inget belopp").first.wait_for(timeout=TIMEOUT)
                clicks.append(time.monotonic() - started)
            browser.close()
    return {
        "sessions": sessions,
        "exercise": exercise,
        "kernels": len(memory),
        "kernel_rss_mb": [round(m["rss_mb"], 1) for m in memory],
        "kernel_uss_mb": [round(m["uss_mb"], 1) for m in memory],
        "kernel_rss_mb_max": round(max(m["rss_mb"] for m in memory), 1),
        "kernels_rss_mb_total": round(sum(m["rss_mb"] for m in memory), 1),
        "kernels_uss_mb_total": round(sum(m["uss_mb"] for m in memory), 1),
        "start_to_exercise_s_median": round(statistics.median(ready), 2),
        "start_to_exercise_s_p95": round(p95(ready), 2),
        "click_to_feedback_s_median": round(statistics.median(clicks), 3),
        "click_to_feedback_s_p95": round(p95(clicks), 3),
    }


def bench_app(sessions: int = 10) -> list[dict]:
    """Rows for `make bench`: the app with `sessions` trainees at once (one run: it takes a minute)."""
    result = run(sessions, "bedomning-01")
    per_session = result["kernels_uss_mb_total"] / max(result["kernels"], 1)
    return [
        {
            "mätning": f"Appen: minne per session ({sessions} samtidiga, det bara sessionen använder)",
            "värde": round(per_session, 1),
            "enhet": "MB",
            "mål": "≤ 100 MB",
        },
        {
            "mätning": "Appen: startsidan → övningens formulär (median)",
            "värde": result["start_to_exercise_s_median"],
            "enhet": "s",
            "mål": "–",
        },
        {
            "mätning": "Appen: klick på Rätta → återkopplingen (p95)",
            "värde": result["click_to_feedback_s_p95"],
            "enhet": "s",
            "mål": "–",
        },
    ]


BENCHMARKS = [bench_app]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--exercise", default="bedomning-01")
    args = parser.parse_args()
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    result = run(args.sessions, args.exercise)
    out = settings.project_root() / "_build" / "bench_app.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    for key, value in result.items():
        if not isinstance(value, list):
            print(f"{key:32} {value}")
    print(f"(skrivet till {settings.display_path(out)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
