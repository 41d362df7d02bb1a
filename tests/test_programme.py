"""The introduction programme (book/data/introduktion.yaml): its schema, and that it fits the book.

Every exercise named exists in book/exercises, every chapter in book/chapters, every skill in
casebank/skills.yaml, every week has exercises and a checkpoint with pass criteria, and a
control exercise never comes before the calculation skills it builds on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from toolkit import programme
from toolkit.casebank.skills import load_skills
from toolkit.errors import InputError

DATA = ROOT / "book" / "data" / "introduktion.yaml"


def book_problems(prog: programme.Programme) -> list[str]:
    chapters = {p.stem for p in (ROOT / "book" / "chapters").glob("*.md")}
    return programme.problems(
        prog, programme.exercise_catalogue(ROOT / "book" / "exercises"), set(load_skills()), chapters
    )


def write(tmp_path: Path, old: str, new: str) -> Path:
    text = DATA.read_text(encoding="utf-8")
    assert old in text, f"testet hittar inte {old!r} i introduktion.yaml"
    path = tmp_path / "introduktion.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# -- the real programme ---------------------------------------------------------------------------
def test_the_programme_fits_the_book():
    prog = programme.load_programme(DATA)
    assert book_problems(prog) == []


def test_every_week_has_exercises_that_exist_and_a_checkpoint_with_criteria():
    prog = programme.load_programme(DATA)
    notebooks = {p.stem for p in (ROOT / "book" / "exercises").glob("*.ipynb")}
    assert len(prog.weeks) == 6
    for week in prog.weeks:
        assert week.exercises, f"vecka {week.number} har inga övningar"
        missing = [e for e in week.exercises if e not in notebooks]
        assert not missing, f"vecka {week.number}: {missing} finns inte"
        assert week.checkpoint.criteria


def test_every_skill_in_a_checkpoint_is_a_skill_of_the_case_bank():
    skills = set(load_skills())
    prog = programme.load_programme(DATA)
    used = {s for w in prog.weeks for s in w.checkpoint.skills()} | set(prog.control_builds_on)
    assert used and used <= skills, sorted(used - skills)


def test_control_exercises_come_after_the_calculation_they_build_on():
    prog = programme.load_programme(DATA)
    catalogue = programme.exercise_catalogue(ROOT / "book" / "exercises")
    controls = [e for w in prog.weeks for e in w.exercises if catalogue[e].kind == "kontroll"]
    assert controls, "programmet har inga kontrollövningar"
    first_control = min(prog.week_of(e) for e in controls)
    for skill in prog.control_builds_on:
        passed_at = [w.number for w in prog.weeks if skill in w.checkpoint.skills()]
        trained_at = [
            w.number
            for w in prog.weeks
            for e in w.exercises
            if catalogue[e].kind == "beräkning" and skill in catalogue[e].skills
        ]
        assert passed_at and min(passed_at) < first_control, skill
        assert trained_at and min(trained_at) < first_control, skill


def test_the_checkpoints_use_every_kind_of_pass_criterion():
    prog = programme.load_programme(DATA)
    kinds = {type(c).__name__ for w in prog.weeks for c in w.checkpoint.criteria}
    assert kinds == {"SkillCriterion", "ReviewedWork", "ObservedMeeting", "Talk"}


def test_the_book_table_names_every_week_exercise_and_criterion():
    prog = programme.load_programme(DATA)
    text = programme.programme_markdown(prog, {}, {"riksnorm": "Riksnormen"})
    for week in prog.weeks:
        assert f"**Vecka {week.number}: {week.title}**" in text
        for name in week.exercises:
            assert f"<../exercises/{name}>`" in text
    assert "Riksnormen: minst nivå 2 (rätt på första försöket i minst två olika fall eller varianter)" in text
    assert "Förste socialsekreteraren har granskat och godkänt 2 beslut:" in text
    assert "Metodhandledaren har granskat och godkänt 1 plan:" in text


# -- the checks find what is wrong ----------------------------------------------------------------------
def test_a_control_exercise_moved_before_the_calculation_is_reported(tmp_path):
    # Week 1 gets a control exercise that needs jobbstimulans, which week 2 trains first.
    path = write(
        tmp_path, "övningar: [riksnorm-hushall,", "övningar: [kontroll-04-lon-enligt-skatteverket, riksnorm-hushall,"
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace("      - kontroll-04-lon-enligt-skatteverket\n", ""), encoding="utf-8"
    )
    found = book_problems(programme.load_programme(path))
    assert (
        "vecka 1: kontrollövningen kontroll-04-lon-enligt-skatteverket kommer före beräkningsövningar "
        "som tränar jobbstimulans" in found
    )
    assert (
        "vecka 1: kontrollövningen kontroll-04-lon-enligt-skatteverket kommer före en kontrollpunkt "
        "som kräver riksnorm" in found
    )


def test_an_unknown_exercise_chapter_or_skill_is_reported(tmp_path):
    path = write(tmp_path, "- bedomning-12-barns-sommarjobb", "- bedomning-99-finns-inte")
    assert "vecka 2: övningen bedomning-99-finns-inte finns inte i book/exercises" in book_problems(
        programme.load_programme(path)
    )
    path = write(tmp_path, "läs: [utredning, bedomning-och-berakning]", "läs: [utredning, kapitel-som-saknas]")
    assert "vecka 2: kapitlet kapitel-som-saknas finns inte i book/chapters" in book_problems(
        programme.load_programme(path)
    )
    path = write(tmp_path, "färdighet: umgänge, nivå: 1", "färdighet: umgangesrätt, nivå: 1")
    assert "vecka 3: färdigheten umgangesrätt finns inte i casebank/skills.yaml" in book_problems(
        programme.load_programme(path)
    )


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("färdighet: umgänge, nivå: 1", "färdighet: umgänge, nivå: 4", "nivå 4 för umgänge finns inte"),
        ("  - vecka: 2\n", "  - vecka: 3\n", "numrerade 1, 2, 3"),
        (
            "      - plan-03-arbetstraning\n",
            "      - plan-03-arbetstraning\n      - plan-01-lagerjobb\n",
            "plan-01-lagerjobb står både i vecka 5 och vecka 6",
        ),
        (
            "    övningar:\n      - bedomning-08-radrum-har-gatt-ut\n      - bedomning-13-jobbstimulans-tva-ar-slut\n"
            "      - plan-03-arbetstraning\n",
            "    övningar: []\n",
            "listan får inte vara tom",
        ),
        ("granskare: Förste socialsekreteraren", "granskare: Kollegan", "ska vara något av"),
        (
            "        - typ: observerat_möte\n          möte: ett månadsmöte",
            "        - typ: hospitering\n          möte: ett månadsmöte",
            "typen 'hospitering' finns inte",
        ),
    ],
)
def test_a_broken_programme_file_gives_a_clear_swedish_message(tmp_path, old, new, expected):
    with pytest.raises(InputError) as error:
        programme.load_programme(write(tmp_path, old, new))
    assert "introduktion.yaml" in str(error.value) and expected in str(error.value)


def test_the_catalogue_reads_kind_and_skills_from_the_notebooks():
    catalogue = programme.exercise_catalogue(ROOT / "book" / "exercises")
    assert catalogue["kontroll-04-lon-enligt-skatteverket"].kind == "kontroll"
    assert "jobbstimulans" in catalogue["kontroll-04-lon-enligt-skatteverket"].skills
    assert catalogue["riksnorm-hushall"].kind == "beräkning"
    assert catalogue["plan-01-lagerjobb"].kind == "plan"
