"""make bench: timings of the whole build and of the toolkit, as a table and as JSON.

Rows: cold build, warm rebuild, nbval per notebook, and in-process rows registered in
BENCHMARKS (each returns its own rows). Results go to _build/bench.json.
"""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

Row = dict


def timed(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def bench_build() -> list[Row]:
    """Cold build into an empty folder, then a warm rebuild with nothing changed."""
    out = Path(tempfile.mkdtemp(prefix="bench-book-"))
    command = [
        str(BIN / "jupyter-book"),
        "build",
        ".",
        "--builder",
        "html",
        "--path-output",
        str(out),
        "-W",
        "-n",
        "--keep-going",
    ]
    try:
        cold = timed(command)
        warm = timed(command)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return [
        {"mätning": "Kall byggning av boken", "värde": round(cold, 1), "enhet": "s"},
        {"mätning": "Varm ombyggnad (inget ändrat)", "värde": round(warm, 1), "enhet": "s"},
    ]


def bench_nbval() -> list[Row]:
    rows = []
    for notebook in sorted((ROOT / "book").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in notebook.parts:
            continue
        seconds = timed(
            [
                str(BIN / "python"),
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "--nbval-lax",
                str(notebook.relative_to(ROOT)),
            ]
        )
        rows.append(
            {"mätning": f"nbval {notebook.relative_to(ROOT / 'book')}", "värde": round(seconds, 1), "enhet": "s"}
        )
    return rows


def synthetic_households(count: int, seed: int = 2025) -> list[dict]:
    """Random but valid households for 2025 (the latest complete table)."""
    rng = random.Random(seed)
    households = []
    for n in range(count):
        people = [{"id": "p1", "roll": "sökande", "ålder": rng.randint(18, 64)}]
        if rng.random() < 0.3:
            people.append({"id": "p2", "roll": "medsökande", "ålder": rng.randint(18, 64)})
        for c in range(rng.choice([0, 0, 1, 2, 3, 5, 7])):
            age = rng.randint(0, 17)
            child = {"id": f"b{c + 1}", "roll": "barn", "ålder": age}
            if age <= 6 and rng.random() < 0.5:
                child["lunch_utanför_hemmet"] = True
            people.append(child)
        incomes = [{"typ": "barnbidrag", "belopp": 1250 * (len(people) - 1)}] if len(people) > 1 else []
        if rng.random() < 0.4:
            incomes.append({"typ": "lön", "person": "p1", "belopp": rng.randint(1000, 15000)})
        households.append(
            {
                "id": f"hushall-{n}",
                "titel": "Syntetiskt hushåll",
                "månad": "2025-01",
                "hushåll": people,
                "kostnader": [
                    {"typ": "boende", "belopp": rng.randint(4000, 14000)},
                    {"typ": "hushållsel", "belopp": 400},
                ],
                "inkomster": incomes,
                "historik": {"försörjningsstöd_månader_i_följd": rng.randint(0, 30)},
            }
        )
    return households


def bench_engine() -> list[Row]:
    """Assess 5 000 households for each of the 12 months of 2025, in process."""
    from toolkit.assessment import assess
    from toolkit.case import Case
    from toolkit.rules import load_rules

    rules = load_rules("exempelstad")
    cases = []
    for data in synthetic_households(5000):
        for month in range(1, 13):
            cases.append(Case.model_validate({**data, "månad": f"2025-{month:02d}"}))
    start = time.perf_counter()
    for case in cases:
        assess(case, rules)
    seconds = time.perf_counter() - start
    return [
        {"mätning": "Beräkning 5 000 hushåll × 12 månader", "värde": round(seconds, 2), "enhet": "s"},
        {"mätning": "Beräkning per hushåll och månad", "värde": round(seconds / len(cases) * 1e6), "enhet": "µs"},
    ]


def _clicks(exercise, wrong: Callable[[int], None], count: int) -> list[float]:
    """Seconds per 'Rätta' (read, compare, show, record), every other click with an error."""
    times = []
    for i in range(count):
        wrong(i)
        start = time.perf_counter()
        exercise.check_button.click()
        times.append(time.perf_counter() - start)
        assert exercise.feedback is not None and exercise.feedback.readable
    return times


def bench_exercise_feedback(count: int = 200) -> list[Row]:
    """Answer → feedback in process: 'Rätta' on a filled form, the attempt stored in an SQLite file."""
    from toolkit.exercises import AssessmentExercise, ControlExercise
    from toolkit.money import format_kr
    from toolkit.progress import Store

    folder = Path(tempfile.mkdtemp(prefix="bench-progress-"))
    try:
        store = Store(f"sqlite:///{folder / 'progress.sqlite'}")
        rows = []
        assessment = AssessmentExercise("barns-lon-over-prisbasbelopp", store=store, pseudonym="bench")
        right = assessment.right_answer()
        key, _, amount = assessment.injectable()
        assessment.fill(right)

        def wrong_line(i: int) -> None:
            assessment.fields[key].value = format_kr(amount) if i % 2 else right.lines[key].amount

        control = ControlExercise("lon-enligt-skatteverket", store=store, pseudonym="bench")
        control.fill(control.right_answer())
        total = control.right_answer().total

        def wrong_total(i: int) -> None:
            control.fields["fel:summa"].value = "1 kr" if i % 2 else total

        for name, exercise, wrong in (
            ("bedömningsövning", assessment, wrong_line),
            ("kontrollövning", control, wrong_total),
        ):
            times = sorted(_clicks(exercise, wrong, count))
            rows.append(
                {
                    "mätning": f"Svar → återkoppling, {name} (median av {count}, mål ≤ 50 ms)",
                    "värde": round(statistics.median(times) * 1000, 1),
                    "enhet": "ms",
                }
            )
            rows.append(
                {
                    "mätning": f"Svar → återkoppling, {name} (95:e percentilen)",
                    "värde": round(times[int(len(times) * 0.95) - 1] * 1000, 1),
                    "enhet": "ms",
                }
            )
        return rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_exercise_start(repeat: int = 3) -> list[Row]:
    """Kernel start → form shown: a fresh kernel runs an exercise notebook's hidden cell until
    the form is displayed (nbclient); and in Chromium, the Voilà app from page load to the
    pseudonym form and from choosing an exercise to its form."""
    import nbformat
    from nbclient import NotebookClient

    notebook = ROOT / "book" / "exercises" / "bedomning-05-ensam-foralder-forsta-lon.ipynb"
    times = []
    for _ in range(repeat):
        nb = nbformat.read(notebook, as_version=4)
        nb.cells = nb.cells[:2]
        start = time.perf_counter()
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
        times.append(time.perf_counter() - start)
        assert any(o.get("output_type") == "display_data" for o in nb.cells[1].outputs)
    rows = [
        {
            "mätning": f"Kärnstart → formulär visat, Jupyter (median av {repeat})",
            "värde": round(statistics.median(times), 2),
            "enhet": "s",
        }
    ]
    return rows + _voila_start()


def _voila_start() -> list[Row]:
    import socket
    import urllib.request

    if not Path("/usr/bin/chromium").exists():
        return []
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import chromium_page

    from toolkit.exercises.app import read_entry, voila_command

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = Path(tempfile.mkdtemp(prefix="bench-voila-"))
    argv, env = voila_command(port)
    env["HANDBOK_DB"] = f"sqlite:///{folder / 'progress.sqlite'}"
    env.pop("HANDBOK_PSEUDONYM", None)
    server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/voila/api/shutdown", timeout=2)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.2)
        title = read_entry(ROOT / "book" / "exercises" / "bedomning-05-ensam-foralder-forsta-lon.ipynb").title
        with chromium_page() as page:
            start = time.perf_counter()
            page.goto(f"{base}/", timeout=120000)
            page.locator(".widget-button", has_text="Börja").wait_for(timeout=120000)
            loaded = time.perf_counter() - start
            page.locator(".widget-text input").first.fill("bench")
            page.locator(".widget-button", has_text="Börja").click()
            page.locator(".hb-open", has_text=title).first.wait_for(timeout=60000)
            start = time.perf_counter()
            page.locator(".hb-open", has_text=title).first.click()
            page.locator(".widget-button", has_text="Rätta").wait_for(timeout=60000)
            opened = time.perf_counter() - start
        return [
            {"mätning": "Voilà: sidan öppnad (ny kärna) → första formuläret", "värde": round(loaded, 2), "enhet": "s"},
            {"mätning": "Voilà: övning vald → formulär visat", "värde": round(opened, 2), "enhet": "s"},
        ]
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)


# Later issues add their rows here (answer → feedback, kernel start → form shown, ...).
BENCHMARKS: list[Callable[[], list[Row]]] = [
    bench_build,
    bench_nbval,
    bench_engine,
    bench_exercise_feedback,
    bench_exercise_start,
]


def main() -> int:
    rows: list[Row] = []
    for bench in BENCHMARKS:
        rows += bench()
    width = max(len(r["mätning"]) for r in rows)
    print(f"{'Mätning':<{width}}  {'Värde':>10}  Enhet")
    for row in rows:
        print(f"{row['mätning']:<{width}}  {row['värde']:>10}  {row['enhet']}")
    report = {
        "maskin": {"python": platform.python_version(), "processorer": os.cpu_count(), "system": platform.platform()},
        "tid": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "rader": rows,
    }
    target = ROOT / "_build" / "bench.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nSparat i {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
