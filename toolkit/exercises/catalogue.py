"""The exercise app's list: every exercise once, in the order of the introduction programme
(book/data/introduktion.yaml), and the trainee's progress per skill from the progress store.

Nothing here draws a widget: the app (app.py) shows what these functions return.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..casebank.exercises import Entry
from ..errors import ToolkitError
from ..programme import load_programme
from ..progress import Store
from ..templating import skill_name, skill_names
from ..words import count_text

MORE = "Fler övningar"


@dataclass
class Group:
    """A heading of the list (a week of the programme) and its exercises in order."""

    title: str
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class SkillProgress:
    """One row of the progress table: a skill, its exercises done and the share of right answers."""

    skill: str
    name: str
    done: int
    exercises: int
    attempts: int
    percent_right: int | None

    def done_text(self) -> str:
        """'2 av 5 övningar klara' ('1 av 1 övning klar')."""
        noun = count_text(self.exercises, "övning", "övningar").split(" ", 1)[1]
        return f"{self.done} av {self.exercises} {noun} {'klar' if self.exercises == 1 else 'klara'}"

    def attempts_text(self) -> str:
        """'3 försök, 67 % rätt' or 'inga försök än'."""
        if not self.attempts:
            return "inga försök än"
        tried = count_text(self.attempts, "försök", "försök")
        return tried if self.percent_right is None else f"{tried}, {self.percent_right} % rätt"


def programme_groups(entries: list[Entry]) -> list[Group]:
    """The exercises by week of the introduction programme, each once, in the order the book
    gives them; exercises the programme does not schedule come last, under "Fler övningar"."""
    try:
        weeks = load_programme().weeks
    except ToolkitError:  # without a readable programme the list keeps the registry's order
        weeks = []
    by_notebook = {entry.notebook: entry for entry in entries}
    groups: list[Group] = []
    placed: set[str] = set()
    for week in weeks:
        group = Group(f"Vecka {week.number}: {week.title}")
        for name in week.exercises:
            if name in by_notebook and name not in placed:
                group.entries.append(by_notebook[name])
                placed.add(name)
        if group.entries:
            groups.append(group)
    rest = [entry for entry in entries if entry.notebook not in placed]
    if rest:
        groups.append(Group(MORE if groups else "Övningar", rest))
    return groups


def done_exercises(store: Store, pseudonym: str | None) -> set[str]:
    """The exercises (attempt names) the trainee has done with every row right."""
    if not pseudonym:
        return set()
    return {a.exercise for a in store.attempts(pseudonym) if a.max_score and a.score == a.max_score}


def skill_progress(entries: list[Entry], store: Store, pseudonym: str | None) -> list[SkillProgress]:
    """Per skill of casebank/skills.yaml that an exercise trains: exercises done of all, and the
    attempts and share of right answers from the running totals (Store.skill_counts)."""
    counts = store.skill_counts(pseudonym) if pseudonym else {}
    done = done_exercises(store, pseudonym)
    trained = {skill for entry in entries for skill in entry.skills}
    order = [s for s in skill_names() if s in trained] + sorted(trained - set(skill_names()))
    rows = []
    for skill in order:
        mine = [entry for entry in entries if skill in entry.skills]
        attempts, score, max_score = counts.get(skill, (0, 0, 0))
        percent = round(100 * score / max_score) if max_score else None
        finished = sum(entry.record_id in done for entry in mine)
        rows.append(SkillProgress(skill, skill_name(skill), finished, len(mine), attempts, percent))
    return rows
