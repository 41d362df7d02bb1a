"""The exercise app and the exercise notebooks: every exercise listed by skill, reachable from
the table of contents, opened without code, each case's variant answered right."""

from __future__ import annotations

import json
from pathlib import Path

import comm
import pytest

from toolkit.casebank.skills import load_skills
from toolkit.exercises import AssessmentExercise, ControlExercise, load_registry, open_exercise
from toolkit.exercises.app import (
    ExerciseApp,
    app_notebook,
    exercises_dir,
    instruction_html,
    voila_command,
    voila_templates,
)
from toolkit.exercises.catalogue import programme_groups, skill_progress
from toolkit.exercises.common import SESSION
from toolkit.exercises.registry import Entry
from toolkit.programme import load_programme
from toolkit.progress import Store
from toolkit.words import count_text
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
    # text only: the instruction, then the static preview, rendered by the book's {ovning} directive
    assert [c["cell_type"] for c in cells] == ["markdown", "markdown"]
    assert cells[0]["source"] and "".join(cells[0]["source"]).startswith("# Övning: ")
    assert "".join(cells[1]["source"]).strip() == f"```{{ovning}} {entry.id}\n```"
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


def test_the_list_follows_the_introduction_programme_and_names_each_exercise_once():
    groups = programme_groups(REGISTRY.exercises)
    listed = [e.id for g in groups for e in g.entries]
    assert sorted(listed) == sorted(e.id for e in REGISTRY.exercises)  # each exercise exactly once
    programme = load_programme()
    first_week = [REGISTRY.by_notebook(n).id for n in programme.weeks[0].exercises]
    assert listed[: len(first_week)] == first_week  # the book's first exercise comes first
    assert groups[0].title == f"Vecka 1: {programme.weeks[0].title}"
    weeks = [programme.week_of(REGISTRY.entry(i).notebook) or 99 for i in listed]
    assert weeks == sorted(weeks)


def test_the_app_shows_one_button_per_exercise_with_skill_names(monkeypatch):
    monkeypatch.delenv("HANDBOK_PSEUDONYM", raising=False)
    monkeypatch.setattr(SESSION, "pseudonym", None)
    app = ExerciseApp(store=Store("sqlite://"), book_base="")
    app.start("ny-ss-07")
    buttons = [c.children[0] for c in app.root.children if hasattr(c, "children") and c.children]
    assert len(buttons) == len(REGISTRY.exercises)
    assert buttons[0].description == REGISTRY.by_notebook(load_programme().weeks[0].exercises[0]).title
    text = " ".join(getattr(c.children[1], "value", "") for c in app.root.children if hasattr(c, "children"))
    names = load_skills()
    assert names["jobbstimulans"].name in text and "arbete_först" not in text


def test_progress_per_skill_counts_the_trainees_attempts():
    store = Store("sqlite://")
    rows = {r.skill: r for r in skill_progress(REGISTRY.exercises, store, "ny-ss-07")}
    assert rows["kontroll"].attempts == 0 and rows["kontroll"].attempts_text() == "inga försök än"
    exercise = open_exercise("kontroll-02", store=store, pseudonym="ny-ss-07")
    exercise.fill(exercise.right_answer())
    exercise.check_button.click()
    rows = {r.skill: r for r in skill_progress(REGISTRY.exercises, store, "ny-ss-07")}
    total = sum("kontroll" in e.skills for e in REGISTRY.exercises)
    assert rows["kontroll"].done_text() == f"1 av {total} övningar klara"
    assert rows["kontroll"].attempts_text() == "1 försök, 100 % rätt"


def test_counts_agree_in_number():
    assert count_text(1, "övning", "övningar") == "1 övning" and count_text(2, "övning", "övningar") == "2 övningar"


def test_the_books_button_opens_its_exercise(monkeypatch):
    monkeypatch.delenv("HANDBOK_PSEUDONYM", raising=False)
    monkeypatch.setattr(SESSION, "pseudonym", None)
    monkeypatch.setenv("QUERY_STRING", "ovning=plan-01")
    app = ExerciseApp(store=Store("sqlite://"), book_base="")
    app.start("ny-ss-07")
    assert app.current is not None and app.current.exercise_id == REGISTRY.entry("plan-01").record_id


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


def test_a_view_the_trainee_leaves_is_closed_and_a_long_session_does_not_grow(monkeypatch):
    monkeypatch.delenv("HANDBOK_PSEUDONYM", raising=False)
    monkeypatch.setattr(SESSION, "pseudonym", None)
    app = ExerciseApp(store=Store("sqlite://"), book_base="")
    assert app.start("ny-ss-07")
    list_view = list(app.root.children)
    exercise = app.open("kontroll-02")
    assert exercise is not None and all(w.comm is None for w in list_view)  # the list is closed
    parts = [exercise.root, *exercise.root.children]
    app.show_list()
    assert app.current is None and all(w.comm is None for w in parts)  # and so is the exercise
    assert app.pseudonym.comm is not None and app.root.comm is not None  # the app's own stay open
    open_after = []
    for _ in range(3):
        for exercise_id in ("bedomning-01", "budget-01", "plan-01", "beslut-01", "veckoplan-01"):
            app.open(exercise_id)
            app.show_list()
        app.open_planner()
        app.show_list()
        open_after.append(len(comm.get_comm_manager().comms))  # each open widget has a comm
    assert open_after[0] == open_after[1] == open_after[2], open_after
