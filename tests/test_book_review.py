"""The review report: after a parameter changes, it lists exactly the pages, exercises and
cases that rely on it, and marks pages reviewed before the change."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT

from toolkit.cli import main
from toolkit.maintenance import review

PAGE = """---
regler: {rules}
granskad: "{reviewed}"
---

# {title}

Text.
"""


def notebook(title: str, meta: dict | None, code: str = "") -> str:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [f"# {title}\n"]},
        {
            "cell_type": "code",
            "metadata": {"tags": ["remove-input"]},
            "execution_count": None,
            "outputs": [],
            "source": [code],
        },
    ]
    return json.dumps(
        {"cells": cells, "metadata": {"handbok": meta} if meta else {}, "nbformat": 4, "nbformat_minor": 5}
    )


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A small book: three pages, three exercises, two cases and a copy of the parameters."""
    root = tmp_path / "bok"
    shutil.copytree(ROOT / "toolkit" / "parameters", root / "toolkit" / "parameters")
    chapters = root / "book" / "chapters"
    chapters.mkdir(parents=True)
    (root / "book" / "intro.md").write_text(PAGE.format(rules="[]", reviewed="2026-01-01", title="Start"))
    (chapters / "norm.md").write_text(PAGE.format(rules="[riksnorm, lagrum]", reviewed="2020-01-01", title="Norm"))
    (chapters / "arbete.md").write_text(PAGE.format(rules="[jobbstimulans]", reviewed="2099-01-01", title="Arbete"))
    (chapters / "mote.md").write_text(PAGE.format(rules="[kommun]", reviewed="2020-01-01", title="Möte"))
    exercises = root / "book" / "exercises"
    exercises.mkdir()
    (exercises / "bedomning-01-jobb.ipynb").write_text(
        notebook("Jobb", {"rutin": "arbete", "färdigheter": ["jobbstimulans"]})
    )
    (exercises / "bedomning-02-fall.ipynb").write_text(
        notebook("Fall", {"rutin": "norm", "färdigheter": ["planering"]}, 'exercise = case_exercise("familj-2025")')
    )
    (exercises / "plan-01-plan.ipynb").write_text(notebook("Plan", {"rutin": "mote", "färdigheter": ["planering"]}))
    cases = root / "casebank" / "cases"
    cases.mkdir(parents=True)
    (cases / "familj-2025.yaml").write_text("id: familj-2025\nmånad: 2025-03\nfärdigheter: [riksnorm]\n")
    (cases / "ensam-2024.yaml").write_text("id: ensam-2024\nmånad: 2024-05\nfärdigheter: [jobbstimulans]\n")
    return root


def names(report: review.Report) -> tuple[list[str], list[str], list[str]]:
    return (
        [Path(p.path).stem for p, _, _ in report.pages],
        [Path(e.path).stem for e, _ in report.exercises],
        [c.id for c, _ in report.cases],
    )


def test_a_changed_rule_lists_the_pages_exercises_and_cases_that_rely_on_it(tree: Path):
    report = review.review(tree, review.changes_named(tree, ["jobbstimulans"]))
    pages, exercises, cases = names(report)
    assert pages == ["arbete"]
    assert exercises == ["bedomning-01-jobb"]  # by its skill; the plan exercise does not rely on it
    assert cases == ["ensam-2024"]


def test_riksnorm_reaches_exercises_through_the_cases_they_use(tree: Path):
    report = review.review(tree, review.changes_named(tree, ["riksnorm"]))
    pages, exercises, cases = names(report)
    assert pages == ["norm"]
    assert exercises == ["bedomning-02-fall"]  # uses the case familj-2025, which every assessment bases on riksnorm
    assert sorted(cases) == ["ensam-2024", "familj-2025"]
    why = dict(report.exercises[0][1])
    assert why["riksnorm"] == ["fall familj-2025"]


def test_the_municipality_file_is_the_rule_kommun(tree: Path):
    report = review.review(tree, review.changes_named(tree, ["kommun"]))
    assert names(report)[0] == ["mote"]
    assert review.rule_of("toolkit/parameters/kommuner/exempelstad.yaml") == "kommun"
    assert review.rule_of("toolkit/parameters/riksnorm.yaml") == "riksnorm"
    assert review.rule_of("book/chapters/norm.md") is None


def test_an_unknown_rule_is_an_error_that_names_the_known_ones(tree: Path):
    with pytest.raises(ValueError, match="okänt regelvärde: riksnormen.*riksnorm"):
        review.changes_named(tree, ["riksnormen"])


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_since_a_revision_finds_the_changed_file_its_years_and_the_stale_pages(tree: Path):
    git(tree, "init", "-q")
    git(tree, "add", ".")
    git(tree, "commit", "-q", "-m", "start")
    path = tree / "toolkit" / "parameters" / "riksnorm.yaml"
    text = path.read_text(encoding="utf-8")
    # Change one 2025 amount (the first period starting 2025-01-01) in the working tree.
    head, tail = text.split("från: 2025-01-01", 1)
    changed = head + "från: 2025-01-01" + tail.replace("ensamstående: ", "ensamstående: 1", 1)
    path.write_text(changed, encoding="utf-8")

    changes = review.changes_since(tree, "HEAD")
    assert [(c.rule, c.years) for c in changes] == [("riksnorm", [2025])]
    assert changes[0].when == date.today()  # uncommitted: changed today
    report = review.review(tree, changes)
    pages, _, cases = names(report)
    assert pages == ["norm"]
    assert report.pages[0][2] is True  # reviewed 2020, before the change
    assert cases == ["familj-2025"]  # the 2024 case is not affected by a 2025 change

    git(tree, "commit", "-q", "-am", "2025 changed")
    assert review.changes_since(tree, "HEAD") == []
    assert [c.rule for c in review.changes_since(tree, "HEAD~1")] == ["riksnorm"]


def test_without_arguments_the_report_lists_pages_reviewed_before_their_rules_last_changed(tree: Path):
    git(tree, "init", "-q")
    git(tree, "add", ".")
    git(tree, "commit", "-q", "-m", "start")
    stale = {Path(page.path).stem for page, _ in review.stale_pages(tree)}
    assert stale == {"norm", "mote"}  # reviewed 2020; 'arbete' was reviewed after today's commit


def test_the_cli_prints_a_checklist_for_the_real_book(capsys):
    assert main(["review", "--changed", "riksnorm"]) == 0
    out = capsys.readouterr().out
    assert "book/chapters/bedomning-och-berakning.md" in out
    assert "book/chapters/motet.md" not in out  # the meeting page relies on no riksnorm figure
    assert "Sidor att granska igen" in out and "Övningar att granska igen" in out


def test_the_cli_json_lists_the_same_pages_as_the_front_matter_says(capsys):
    assert main(["review", "--changed", "prisbasbelopp", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = sorted(p.path for p in review.pages(ROOT) if "prisbasbelopp" in p.rules)
    assert sorted(item["sida"] for item in data["sidor"]) == expected
    assert expected  # the calculation chapter shows the prisbasbelopp


def test_the_cli_rejects_an_unknown_rule(capsys):
    assert main(["review", "--changed", "riksnormen"]) == 2
    assert "okänt regelvärde" in capsys.readouterr().err
