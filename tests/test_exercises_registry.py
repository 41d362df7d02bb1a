"""The exercise registry (casebank/ovningar.yaml): it and the notebooks agree both ways, every
entry opens as the exercise it names, what it says agrees with what each exercise is on, and a
broken registry gives a Swedish message naming what is wrong."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from toolkit import settings
from toolkit.budget import budget_by_id
from toolkit.case import load_case
from toolkit.casebank.skills import load_skills
from toolkit.control import load_control
from toolkit.decision import load_decision
from toolkit.errors import InputError
from toolkit.exercises import (
    AssessmentExercise,
    BudgetExercise,
    ControlExercise,
    Exercise,
    PlanExercise,
    RiksnormExercise,
    ScenarioExercise,
    WeekPlanExercise,
    WrittenDecisionExercise,
    load_registry,
    open_exercise,
)
from toolkit.exercises.registry import Entry, registry_path
from toolkit.plan import plan_by_id
from toolkit.progress import Store
from toolkit.scenarios import load_scenario
from toolkit.yamlfile import load

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "book" / "exercises"
REGISTRY = load_registry()
CLASSES = {
    "bedömning": AssessmentExercise,
    "kontroll": ControlExercise,
    "budget": BudgetExercise,
    "plan": PlanExercise,
    "riksnorm": RiksnormExercise,
    "veckoplan": WeekPlanExercise,
    "beslut": WrittenDecisionExercise,
    "scenario": ScenarioExercise,
}


def notebook(name: str) -> dict:
    return json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_the_registry_lies_in_the_case_bank_named_by_settings():
    assert registry_path() == settings.casebank_dir() / "ovningar.yaml"
    assert registry_path() == ROOT / "casebank" / "ovningar.yaml"


def test_registry_and_notebooks_agree_both_ways():
    on_disk = {p.stem for p in NOTEBOOKS.glob("*.ipynb")}
    listed = [e.notebook for e in REGISTRY.exercises]
    assert sorted(listed) == sorted(on_disk)
    for name in on_disk:
        entry = REGISTRY.by_notebook(name)
        data = notebook(name)
        assert not [c for c in data["cells"] if c["cell_type"] == "code"], f"{name}: en övningssida har ingen kod"
        text = "\n".join(source(c) for c in data["cells"])
        opened = re.findall(r"^```\{ovning\} (\S+)$", text, re.MULTILINE)
        assert opened == [entry.id], (name, opened)
        heading = re.search(r"^# Övning: (.+)$", source(data["cells"][0]), re.MULTILINE)
        assert heading and heading.group(1).strip() == entry.title, name
        assert "handbok" not in data["metadata"], f"{name}: rutin och färdigheter står i registret"


def test_registry_follows_the_table_of_contents():
    toc = load(ROOT / "_toc.yml")
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    in_book = [f.split("/")[-1] for f in files if f.startswith("book/exercises/")]
    assert [e.notebook for e in REGISTRY.exercises] == in_book


@pytest.mark.parametrize(
    "path", sorted(NOTEBOOKS.glob("*.ipynb")) + [ROOT / "book" / "app" / "ovningar.ipynb"], ids=lambda p: p.stem
)
def test_notebooks_are_output_free_but_for_the_self_test(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    for cell in data["cells"]:
        if cell["cell_type"] != "code":
            continue
        assert {"remove-input", "remove-cell"} & set(cell["metadata"].get("tags", [])), "synlig kod"
        if source(cell).startswith("# NBVAL_CHECK_OUTPUT"):
            assert [o["output_type"] for o in cell["outputs"]] == ["stream"]
            assert "".join(cell["outputs"][0]["text"]).startswith("Självtest godkänt")
        else:
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("entry", REGISTRY.exercises, ids=lambda e: e.id)
def test_every_entry_opens_as_the_exercise_it_names_and_passes_its_self_test(entry: Entry):
    """The self-test drives a throwaway instance as a trainee would (it ran in the book's pages
    before they became static previews). One opening serves both checks: building an exercise's
    form is most of what opening costs."""
    exercise = open_exercise(entry.id, store=Store("sqlite://"), pseudonym="ny-ss-07")
    assert type(exercise) is CLASSES[entry.kind] and isinstance(exercise, Exercise)
    assert exercise.exercise_id == entry.record_id == f"{entry.record_id.split('/')[0]}/{entry.target}"
    assert "hb-exercise" in exercise.root._dom_classes
    assert exercise.check_button in walk(exercise.root)
    assert exercise.selftest().startswith("Självtest godkänt")


def walk(widget) -> list:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += walk(child)
    return found


def test_what_the_registry_says_agrees_with_what_each_exercise_is_on():
    skills = set(load_skills())
    chapters = {p.stem for p in (ROOT / "book" / "chapters").glob("*.md")}
    problems = []
    for entry in REGISTRY.exercises:
        if entry.kind == "bedömning":
            target = load_case(ROOT / "casebank" / "cases" / f"{entry.case}.yaml")
        elif entry.kind == "kontroll":
            target = load_control(str(entry.control))
        elif entry.kind == "budget":
            target = budget_by_id(str(entry.budget))
        elif entry.kind == "plan":
            target = plan_by_id(str(entry.plan))
        elif entry.kind == "beslut":
            target = load_decision(str(entry.decision))
        elif entry.kind == "scenario":
            target = load_scenario(str(entry.scenario))
        else:
            target = None
        if target is not None and (list(target.skills), target.level) != (entry.skills, entry.level):
            problems.append(f"{entry.id}: {entry.skills}/{entry.level} mot {target.skills}/{target.level}")
        if set(entry.skills) - skills:
            problems.append(f"{entry.id}: okänd färdighet {sorted(set(entry.skills) - skills)}")
        if entry.routine not in chapters:
            problems.append(f"{entry.id}: rutinen {entry.routine} finns inte")
        if not entry.notebook.startswith(entry.id.rsplit("-", 1)[0]):
            problems.append(f"{entry.id}: notebooken {entry.notebook} har en annan typ i namnet")
    assert not problems, "\n".join(problems)


def test_the_attempts_keep_their_names():
    """The progress store names attempts as before the registry, so old attempts still count."""
    names = {e.id: e.record_id for e in REGISTRY.exercises}
    assert names["bedomning-01"] == "bedomning/ensam-forsta-ansokan"
    assert names["kontroll-02"] == "kontroll/a-kassa-ej-redovisad"
    assert names["budget-01"] == "budget/telefon-och-stromning"
    assert names["plan-01"] == "plan/utkast-lagerjobb"
    assert names["riksnorm-01"] == "riksnorm/riksnorm-01"
    assert names["veckoplan-01"] == "veckoplan/veckoplan-01"


def test_an_unknown_id_is_named():
    with pytest.raises(InputError, match="ingen övning med id 'bedomning-99'"):
        open_exercise("bedomning-99")


@pytest.mark.parametrize(
    "change, words",
    [
        (("    fall: ensam-forsta-ansokan\n", "    kontroll: ensam-forsta-ansokan\n"), "anger fall och inget annat"),
        (("    nivå: 1\n", "    nivå: 7\n"), "nivå"),
        (("    rutin: bedomning-och-berakning\n", "    rutin: bedomning-och-berakning\n    farg: röd\n"), "farg"),
        (("  - id: bedomning-02\n", "  - id: bedomning-01\n"), "samma id står flera gånger: bedomning-01"),
    ],
)
def test_a_broken_registry_gives_a_swedish_message(tmp_path: Path, monkeypatch, change, words):
    bank = tmp_path / "fallbank"
    shutil.copytree(ROOT / "casebank", bank)
    path = bank / "ovningar.yaml"
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    monkeypatch.setenv("HANDBOK_FALLBANK", str(bank))
    assert registry_path() == path
    with pytest.raises(InputError) as raised:
        load_registry()
    assert words in str(raised.value) and "ovningar.yaml" in str(raised.value)
