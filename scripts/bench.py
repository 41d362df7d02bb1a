"""make bench: timings of the whole build and of the toolkit, one table with each goal.

Rows: cold build, warm rebuild, a rebuild after one chapter's text changed and after one
parameter value changed (with the pages re-read), nbval in total and per notebook, the
what-if, answer → feedback, the exercise app, and the rows of scripts/bench_*.py (caseload,
supervisor, app). Each figure is a median of BENCH_RUNS runs (default 3) unless the row says
otherwise. The table shows the goal beside each figure and whether it is met; the machine
(cores, Python) heads it. Results also go to _build/bench.json.
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The Makefile's NBVAL_FLAGS: nbval alone in one process, without the plug-ins no notebook uses.
NBVAL_FLAGS = ["-p", "no:faker", "-p", "no:hypothesispytest", "--nbval-lax"]
sys.path.insert(0, str(ROOT))

Row = dict
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def row(name: str, value: float, unit: str, goal: float | None = None) -> Row:
    """One line of the table: the figure, its goal (at most) and whether it is met."""
    return {
        "mätning": name,
        "värde": value,
        "enhet": unit,
        "mål": f"≤ {goal:g} {unit}" if goal is not None else "–",
        "uppfyllt": None if goal is None else value <= goal,
    }


def median_of(function: Callable[[], float], runs: int = RUNS) -> float:
    return statistics.median(function() for _ in range(runs))


def timed(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def _build_command(out: Path) -> list[str]:
    return [str(BIN / "jupyter-book"), "build", ".", "--builder", "html", "--path-output", str(out), "-W", "-n"]


def _build(out: Path, *, direct: bool = False, cold: bool = False) -> tuple[float, list[str]]:
    """Seconds for `make book` into out (or jupyter-book itself when direct) and the pages
    Sphinx re-read (from its 'reading sources' lines). A cold build also starts with no
    parsed YAML kept from earlier processes (toolkit/parsecache.py)."""
    command = _build_command(out) if direct else ["make", "--no-print-directory", "book", f"OUT={out}"]
    env = {**os.environ, "HANDBOK_CACHE": str(out / "parsecache")} if cold else None
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    seconds = time.perf_counter() - start
    plain = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout)  # Sphinx colours its log through make
    pages = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", plain)
    return seconds, pages


@contextmanager
def changed(path: Path, edit: Callable[[str], str]):
    """A file changed for one build and restored afterwards, even when the build fails."""
    original = path.read_bytes()
    try:
        path.write_text(edit(original.decode("utf-8")), encoding="utf-8")
        yield
    finally:
        path.write_bytes(original)


def bench_build() -> list[Row]:
    """Cold build into an empty folder (median of RUNS), a warm rebuild with nothing changed,
    and rebuilds after one chapter's text and one parameter value changed."""
    colds, warms, sphinx = [], [], []
    for _ in range(RUNS):
        out = Path(tempfile.mkdtemp(prefix="bench-book-"))
        try:
            colds.append(_build(out, cold=True)[0])
            warms.append(_build(out)[0])
            sphinx.append(_build(out, direct=True)[0])
        finally:
            shutil.rmtree(out, ignore_errors=True)
    rows = [
        row("Kall byggning av hela boken (make book)", round(statistics.median(colds), 1), "s", 40),
        row("Varm ombyggnad, inget ändrat (make book)", round(statistics.median(warms), 2), "s", 1.5),
        row("Varm ombyggnad, inget ändrat (jupyter-book direkt)", round(statistics.median(sphinx), 2), "s"),
    ]
    out = Path(tempfile.mkdtemp(prefix="bench-book-"))
    try:
        _build(out)
        chapter = ROOT / "book" / "chapters" / "avslutning.md"
        with changed(chapter, lambda text: text + "\n<!-- ändrad för mätningen -->\n"):
            seconds, pages = _build(out)
        rows.append(
            row(f"Ombyggnad efter ändrad text i ett kapitel ({len(pages)} sida läst om)", round(seconds, 2), "s")
        )
        _build(out)
        municipal = ROOT / "toolkit" / "parameters" / "kommuner" / "exempelstad.yaml"

        def more_buffer(text: str) -> str:
            return re.sub(
                r"sparbuffert_per_person: (\d+)", lambda m: f"sparbuffert_per_person: {int(m[1]) + 100}", text
            )

        with changed(municipal, more_buffer):
            seconds, pages = _build(out)
        rows.append(
            row(
                f"Ombyggnad efter ändrat parametervärde ({len(pages)} beroende sidor körda igen)",
                round(seconds, 1),
                "s",
            )
        )
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return rows


def bench_nbval() -> list[Row]:
    """nbval over every notebook in a process of its own (make test runs it beside the other
    tests), then each notebook that has code alone (the exercise pages are text only)."""
    notebooks = [n for n in sorted((ROOT / "book").rglob("*.ipynb")) if ".ipynb_checkpoints" not in n.parts]
    with_code = [n for n in notebooks if '"cell_type": "code"' in n.read_text(encoding="utf-8")]
    pytest = [str(BIN / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", *NBVAL_FLAGS]
    total = median_of(lambda: timed([*pytest, "book"]))
    label = f"nbval över alla {len(notebooks)} notebooks ({len(with_code)} med kod)"
    rows = [row(label, round(total, 1), "s", 15)]
    for notebook in with_code:
        seconds = timed([*pytest, str(notebook.relative_to(ROOT))])
        rows.append(row(f"nbval {notebook.relative_to(ROOT / 'book')} (en körning)", round(seconds, 1), "s"))
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

    def once() -> float:
        start = time.perf_counter()
        for case in cases:
            assess(case, rules)
        return time.perf_counter() - start

    seconds = median_of(once)
    return [
        row("Beräkning med förklaring, 5 000 hushåll × 12 månader, ett fall i taget", round(seconds, 2), "s"),
        row("Beräkning med förklaring per hushåll och månad", round(seconds / len(cases) * 1e6), "µs"),
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
                row(
                    f"Svar → återkoppling, {name} (median av {count})",
                    round(statistics.median(times) * 1000, 1),
                    "ms",
                    50,
                )
            )
            rows.append(
                row(
                    f"Svar → återkoppling, {name} (95:e percentilen)",
                    round(times[int(len(times) * 0.95) - 1] * 1000, 1),
                    "ms",
                )
            )
        return rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_exercise_start(repeat: int = 3) -> list[Row]:
    """Kernel start → form shown: a fresh kernel opens an exercise (as the app does, with a
    throwaway progress store) until the form is displayed (nbclient); and in Chromium, the Voilà
    app from page load to the pseudonym form and from choosing an exercise to its form."""
    import nbformat
    from nbclient import NotebookClient

    source = 'from toolkit.exercises import open_exercise\nopen_exercise("bedomning-05", pseudonym="bench")'
    times = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ["HANDBOK_DB"] = f"sqlite:///{Path(folder) / 'progress.sqlite'}"
        for _ in range(repeat):
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
            start = time.perf_counter()
            NotebookClient(
                nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
            ).execute()
            times.append(time.perf_counter() - start)
            assert any(o.get("output_type") == "display_data" for o in nb.cells[0].outputs), nb.cells[0].outputs
        del os.environ["HANDBOK_DB"]
    rows = [row(f"Kärnstart → formulär visat, Jupyter (median av {repeat})", round(statistics.median(times), 2), "s")]
    return rows + _voila_start()


def _voila_start() -> list[Row]:
    if not Path("/usr/bin/chromium").exists():
        raise SystemExit("Chromium saknas: installera Debians paket (apt-get install chromium) och mät igen.")
    sys.path.insert(0, str(ROOT / "tests"))
    from app_server import voila_app
    from browser import chromium_page

    from toolkit.exercises.app import read_entry

    title = read_entry(ROOT / "book" / "exercises" / "bedomning-05-ensam-foralder-forsta-lon.ipynb").title
    with tempfile.TemporaryDirectory() as folder, voila_app(Path(folder)) as server, chromium_page() as page:
        start = time.perf_counter()
        page.goto(f"{server.base}/", timeout=120000)
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
        row("Övningsappen: sidan öppnad (ny kärna) → första formuläret", round(loaded, 2), "s"),
        row("Övningsappen: övning vald → formulär visat", round(opened, 2), "s"),
    ]


BENCHMARKS: list[Callable[[], list[Row]]] = [
    bench_build,
    bench_nbval,
    bench_engine,
    bench_exercise_feedback,
    bench_exercise_start,
]
# The capabilities' own rows: each scripts/bench_<name>.py has a BENCHMARKS list whose
# functions return rows with a "mål" such as "≤ 5 s".
EXTRA = ("bench_whatif", "bench_method", "bench_supervisor", "bench_app")


def _extra_benchmarks() -> list[Callable[[], list[Row]]]:
    import importlib

    sys.path.insert(0, str(ROOT / "scripts"))
    found = []
    for name in EXTRA:
        if (ROOT / "scripts" / f"{name}.py").exists():
            found += importlib.import_module(name).BENCHMARKS
    return found


def _with_verdict(found: Row) -> Row:
    """A row from another script: its goal string ("≤ 5 s") read back into a verdict."""
    if "uppfyllt" in found:
        return found
    match = re.match(r"≤\s*([\d.,]+)", str(found.get("mål", "")))
    met = None if match is None else float(found["värde"]) <= float(match[1].replace(",", "."))
    return {**found, "mål": found.get("mål", "–"), "uppfyllt": met}


def main() -> int:
    only = set(sys.argv[1:])  # names of benchmark functions, to run a few of them
    rows: list[Row] = []
    failed = []
    for bench in BENCHMARKS + _extra_benchmarks():
        if not only or bench.__name__ in only:
            try:
                rows += [_with_verdict(found) for found in bench()]
            except Exception:  # one broken measurement must not hide the others' figures
                traceback.print_exc()
                failed.append(bench.__name__)
                rows.append(
                    {
                        "mätning": f"{bench.__name__}: MISSLYCKADES",
                        "värde": "–",
                        "enhet": "",
                        "mål": "–",
                        "uppfyllt": None,
                    }
                )
    machine = {"python": platform.python_version(), "processorer": os.cpu_count(), "system": platform.platform()}
    print(f"Maskin: {machine['processorer']} processorkärnor, Python {machine['python']}, {machine['system']}")
    print(f"Varje värde är medianen av {RUNS} körningar om inte raden säger annat.\n")
    width = max(len(r["mätning"]) for r in rows)
    print(f"{'Mätning':<{width}}  {'Värde':>10}  {'Enhet':<5}  {'Mål':<10}  Uppfyllt")
    for found in rows:
        verdict = {True: "ja", False: "NEJ", None: ""}[found["uppfyllt"]]
        print(f"{found['mätning']:<{width}}  {found['värde']:>10}  {found['enhet']:<5}  {found['mål']:<10}  {verdict}")
    report = {"maskin": machine, "körningar": RUNS, "tid": time.strftime("%Y-%m-%dT%H:%M:%S"), "rader": rows}
    target = ROOT / "_build" / "bench.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nSparat i {target.relative_to(ROOT)}")
    if failed:
        print(f"Mätningar som misslyckades: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
