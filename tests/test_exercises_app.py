"""The exercise app and the exercise notebooks: every exercise listed by skill, reachable from
the table of contents, opened without code, each case's variant answered right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.exercises import AssessmentExercise, ControlExercise, load_registry
from toolkit.exercises.app import (
    ExerciseApp,
    app_notebook,
    by_skill,
    exercises_dir,
    instruction_html,
    voila_command,
    voila_templates,
)
from toolkit.exercises.common import SESSION
from toolkit.exercises.registry import Entry
from toolkit.progress import Store
from toolkit.yamlfile import load

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = load_registry()
MINE = [e for e in REGISTRY.exercises if e.kind in ("bedömning", "kontroll")]
ASSESSMENTS = sorted((e for e in REGISTRY.exercises if e.kind == "bedömning"), key=lambda e: e.notebook)


def notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_enough_exercises_and_all_in_the_table_of_contents():
    assert len(list(exercises_dir().glob("bedomning-*.ipynb"))) >= 10
    assert len(list(exercises_dir().glob("kontroll-*.ipynb"))) >= 4
    toc = load(ROOT / "_toc.yml")
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    captions = [part["caption"] for part in toc["parts"]]
    assert "Övningar: kontroll" in captions
    for entry in MINE:
        assert f"book/exercises/{entry.notebook}" in files, entry.notebook


@pytest.mark.parametrize("entry", MINE, ids=lambda e: e.id)
def test_notebook_pattern(entry: Entry):
    data = notebook(exercises_dir() / f"{entry.notebook}.ipynb")
    cells = data["cells"]
    assert [c["cell_type"] for c in cells] == ["markdown", "code", "code"]
    assert cells[0]["source"] and "".join(cells[0]["source"]).startswith("# Övning: ")
    assert cells[1]["metadata"]["tags"] == ["remove-input"] and cells[1]["outputs"] == []
    assert f'open_exercise("{entry.id}")' in "".join(cells[1]["source"])
    test = cells[2]
    assert test["metadata"]["tags"] == ["remove-cell"] and "".join(test["source"]).startswith("# NBVAL_CHECK_OUTPUT")
    assert test["execution_count"] and "Självtest godkänt" in "".join(test["outputs"][0]["text"])
    assert not any(ch.isdigit() for ch in "".join(test["outputs"][0]["text"]))  # figure-free
    assert entry.routine in {"bedomning-och-berakning", "utredning", "felaktiga-utbetalningar"}
    assert (ROOT / "book" / "chapters" / f"{entry.routine}.md").is_file()
    assert entry.skills


def test_levels_go_from_easy_to_hard():
    levels = [e.level for e in ASSESSMENTS]
    assert levels == sorted(levels) and levels[0] == 1 and levels[-1] == 3


@pytest.mark.parametrize("entry", ASSESSMENTS, ids=lambda e: e.id)
def test_each_case_and_a_variant_can_be_answered_right(entry: Entry, rules):
    exercise = AssessmentExercise(str(entry.case), store=Store("sqlite://"), pseudonym="ny-ss-07")
    exercise.fill(exercise.right_answer())
    exercise.check_button.click()
    assert exercise.feedback.all_correct
    assert not exercise.variant_button.disabled
    exercise.new_variant(seed=11)
    exercise.fill(exercise.right_answer())
    exercise.check_button.click()
    assert exercise.feedback.all_correct and exercise.seed == 11


def test_app_lists_every_exercise_by_skill():
    groups = by_skill(REGISTRY.exercises)
    assert {e.id for entries in groups.values() for e in entries} == {e.id for e in REGISTRY.exercises}
    assert {e.id for e in MINE} <= {e.id for entries in groups.values() for e in entries}
    assert "kontroll" in groups and "jobbstimulans" in groups
    assert any(e.id.startswith("kontroll-") for e in groups["kontroll"])
    assert list(groups)[-1] == "övrigt" or "övrigt" not in groups


def test_instruction_is_plain_html_without_directives_or_raw_html():
    text = "Läs ärendet.\n\n:::{note}\nI boken visas en bild.\n:::\n\nSe {doc}`../chapters/utredning`. <b>x</b>"
    rendered = instruction_html(text)
    assert "I boken visas" not in rendered and ":::" not in rendered and "{doc}" not in rendered
    assert "kapitlet Utredning" in rendered and "&lt;b&gt;" in rendered


def test_app_asks_pseudonym_once_and_opens_an_exercise(monkeypatch):
    monkeypatch.delenv("HANDBOK_PSEUDONYM", raising=False)
    monkeypatch.setattr(SESSION, "pseudonym", None)
    monkeypatch.setattr(SESSION, "_store", None)
    store = Store("sqlite://")
    app = ExerciseApp(store=store, book_base="")
    assert "pseudonym" in app.root.children[0].value
    assert not app.start("Anna Svensson") and "aldrig ditt namn" in app.pseudonym_message.value
    assert app.start("ny-ss-07")
    assert any("Kontroll" in getattr(c, "value", "") for c in app.root.children)
    exercise = app.open("kontroll-02")
    assert isinstance(exercise, ControlExercise) and exercise.pseudonym_box.layout.display == "none"
    assert exercise.root in app.root.children
    exercise.fill(exercise.right_answer())
    exercise.check_button.click()
    assert [a.trainee.pseudonym for a in store.attempts()] == ["ny-ss-07"]
    app.show_list()
    assert any(
        "klar" in getattr(c.children[1], "value", "")
        for c in app.root.children
        if hasattr(c, "children") and len(c.children) == 2
    )
    marked = {
        c.children[0].description
        for c in app.root.children
        if hasattr(c, "children") and len(c.children) == 2 and "klar" in getattr(c.children[1], "value", "")
    }
    assert marked == {REGISTRY.entry("kontroll-02").title}
    assessment = app.open("bedomning-01")
    assert isinstance(assessment, AssessmentExercise)
    assert "Läs mer i boken" not in assessment.summary.value  # no built book served: no dead links


def test_voila_command_serves_on_localhost_with_the_offline_template():
    argv, env = voila_command(8866)
    assert str(app_notebook()) in argv and "--Voila.ip=127.0.0.1" in argv and "--no-browser" in argv
    assert "--template=handbok" in argv and "--port=8866" in argv
    assert "--VoilaConfiguration.file_allowlist=_build/html/.*" in argv
    assert env["JUPYTER_PATH"].split(":")[0] == str(voila_templates())
    template = (voila_templates() / "voila" / "templates" / "handbok" / "index.html.j2").read_text(encoding="utf-8")
    assert "fontawesome-free@^5/css/all.min.css" in template  # the CDN stylesheet it removes
    app = notebook(app_notebook())
    assert all("remove-input" in c["metadata"].get("tags", []) for c in app["cells"] if c["cell_type"] == "code")
