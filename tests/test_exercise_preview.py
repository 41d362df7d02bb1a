"""The book's exercise pages: the case and a static preview labelled as one, no form, no kernel,
and a link to the live exercise in the app only when its address is set."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.casebank.exercises import load_registry
from toolkit.preview import APP_BUTTON, LABEL, exercise_preview

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from inprocess import NEEDS_KERNEL, needs_kernel  # noqa: E402

REGISTRY = load_registry()
FORM = ("input", "button", "select", "textarea", "form")


@pytest.mark.parametrize("entry", REGISTRY.exercises, ids=lambda e: e.id)
def test_each_preview_is_labelled_and_holds_no_form(entry, monkeypatch):
    monkeypatch.delenv("HANDBOK_OVNINGSAPP", raising=False)
    soup = BeautifulSoup(exercise_preview(entry.id).html(), "html.parser")
    assert LABEL in soup.get_text(" ")
    assert soup.find(FORM) is None
    assert soup.find("a", class_="hb-app-button") is None
    assert "metodhandledare om adressen" in soup.get_text(" ")


def test_the_assessment_preview_shows_the_case_and_the_rows_to_fill_in():
    entry = REGISTRY.entry("bedomning-01")
    soup = BeautifulSoup(exercise_preview(entry.id).html(), "html.parser")
    text = soup.get_text(" ")
    assert "Kontoutdrag mars 2025" in text and "Jonas" in text  # the case's documents and narrative
    table = soup.find("table", class_="hb-preview-form")
    assert table is not None and "Hushållsel" in table.get_text(" ")
    assert {td.get_text() for td in table.find_all("td")[1::2]} == {"–"}  # no answer is given away


@pytest.mark.parametrize(
    "entry", [e for e in REGISTRY.exercises if e.kind == "bedömning" and e.level >= 2], ids=lambda e: e.id
)
def test_a_level_2_assessment_preview_gives_no_income_or_cost_row_away(entry, rules):
    """From level 2 the trainee finds the incomes and costs: the preview shows the norm rows and
    the shape of the rows to add, never a row per item of the case."""
    table = BeautifulSoup(exercise_preview(entry.id).html(), "html.parser").find("table", class_="hb-preview-form")
    assert table is not None
    text = table.get_text(" ")
    assert "Riksnorm" in text and "Inkomster och kostnader du har hittat" in text
    labels = {t.label for t in rules.income_types.values()} | {t.label for t in rules.cost_types.values()}
    cells = [td.get_text() for td in table.find_all("td")[0::2]]
    assert not [cell for cell in cells if any(cell.startswith(label) for label in labels)], cells
    assert {td.get_text() for td in table.find_all("td")[1::2]} == {"–"}


def test_the_app_link_opens_the_exercise_when_an_address_is_set(monkeypatch):
    monkeypatch.setenv("HANDBOK_OVNINGSAPP", "https://ovningar.example.test/")
    soup = BeautifulSoup(exercise_preview("plan-01").html(), "html.parser")
    link = soup.find("a", class_="hb-app-button")
    assert link is not None and link.get_text() == APP_BUTTON
    assert link["href"] == "https://ovningar.example.test/?ovning=plan-01"
    monkeypatch.setenv("HANDBOK_OVNINGSAPP", "https://example.test/voila/render/ovningar.ipynb?x=1")
    link = BeautifulSoup(exercise_preview("plan-01").html(), "html.parser").find("a", class_="hb-app-button")
    assert link["href"].endswith("?x=1&ovning=plan-01")


def book_pages() -> list[Path]:
    """Every page the book executes: notebooks and MyST pages under book/, not the app's notebook."""
    pages = sorted((ROOT / "book").rglob("*.ipynb")) + sorted((ROOT / "book").rglob("*.md"))
    return [p for p in pages if "app" not in p.relative_to(ROOT / "book").parts and ".ipynb_checkpoints" not in p.parts]


@pytest.mark.parametrize("path", book_pages(), ids=lambda p: p.stem)
def test_no_book_page_needs_a_kernel(path: Path):
    import nbformat

    if path.suffix == ".ipynb":
        assert not needs_kernel(nbformat.read(path, as_version=4)), path.name
    else:
        assert not NEEDS_KERNEL.search(path.read_text(encoding="utf-8")), path.name


def test_the_check_for_a_kernel_would_see_a_widget_page():
    import nbformat

    page = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import ipywidgets as w")])
    assert needs_kernel(page)


def test_the_preview_imports_no_ui_library():
    code = (
        "import sys\nfrom toolkit.preview import exercise_preview\nexercise_preview('bedomning-01').html()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'matplotlib', 'ipykernel')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]", done.stdout


def test_the_book_passes_the_address_from_its_configuration():
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert "handbok_ovningsapp:" in config
    notebook = json.loads((ROOT / "book" / "exercises" / "plan-01-lagerjobb.ipynb").read_text(encoding="utf-8"))
    assert "I den publicerade boken visas" not in json.dumps(notebook, ensure_ascii=False)
