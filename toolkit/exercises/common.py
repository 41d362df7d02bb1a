"""What every exercise shares: the session (who practises, where attempts go), the skills and
their book sections, cases from the case bank, variant seeds, and closing widget trees.

Nothing here renders HTML (templates do, see render.py) and nothing holds a rule.
"""

from __future__ import annotations

import os
import random
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from .. import settings
from ..case import Case, load_case
from ..casebank.skills import load_skills
from ..casebank.variants import make_variant, seed_for
from ..errors import InputError
from ..progress import LineResult, Store, check_pseudonym
from ..rules import Rules
from ..templating import skill_name, skill_names, skill_url

# Where links to the book point: relative from book/exercises/ in the book. The app passes
# its own base (or "" when no built book is served, and then the chapter is named instead).
BOOK_BASE = "../chapters/"


# -- the session ------------------------------------------------------------------------------------


class Session:
    """The trainee's pseudonym for this kernel (asked once) and the progress store."""

    def __init__(self) -> None:
        self.pseudonym: str | None = None
        self._store: Store | None = None

    def current_pseudonym(self) -> str | None:
        """The pseudonym given in this kernel, else HANDBOK_PSEUDONYM, else the JupyterHub user
        name (JUPYTERHUB_USER: the trainee logged in), when it is a valid pseudonym."""
        if self.pseudonym:
            return self.pseudonym
        for name in ("HANDBOK_PSEUDONYM", "JUPYTERHUB_USER"):
            env = os.environ.get(name, "").strip()
            if env:
                try:
                    return check_pseudonym(env)
                except InputError:
                    return None
        return None

    def store(self) -> Store:
        """The progress store (settings.database_url()), opened on first use."""
        if self._store is None:
            self._store = Store()
        return self._store

    def use_store(self, store: Store) -> None:
        """Record every attempt of this session in this store (the app's, a test's)."""
        self._store = store


SESSION = Session()


def sentence(problem: str) -> str:
    """An InputError's problem as a sentence: capital letter, full stop."""
    return problem[:1].upper() + problem[1:] + "."


# -- skills -----------------------------------------------------------------------------------------


def skills_trained(skills: Iterable[str], verdicts: Iterable[Any]) -> tuple[str, ...]:
    """The exercise's skills, then the skills of the misconceptions behind the errors (once each)."""
    found = dict.fromkeys(skills)
    for verdict in verdicts:
        for item in verdict.misconceptions:
            found[item.skill] = None
    return tuple(found)


def line_results(skills: Iterable[str], verdicts: Iterable[Any], assessment: Any) -> tuple[LineResult, ...]:
    """Each graded line of a beräkning with the skill it trains (the skills' `regler` in
    casebank/skills.yaml), for the exercise's own skills: the profile credits a skill with
    exactly these lines."""
    known = load_skills()
    trains = {skill: set(known[skill].rules) for skill in skills if skill in known}
    found = []
    for verdict in verdicts:
        try:
            rule = assessment.line(verdict.key).rule
        except KeyError:  # totals and the decision: no single rule
            continue
        found += [LineResult(verdict.key, skill, verdict.correct) for skill, rules in trains.items() if rule in rules]
    return tuple(found)


# -- cases and variants -----------------------------------------------------------------------------


def case_path(case: Case | str) -> Path | None:
    """The file a case comes from: <case bank>/cases/<id>.yaml for an id."""
    if isinstance(case, Case):
        name = getattr(case, "_file", None)
        path = Path(name) if name else None
        if path is not None and not path.is_absolute():
            path = settings.project_root() / path
        return path if path is not None and path.is_file() else None
    path = Path(case)
    return path if path.suffix == ".yaml" else settings.casebank_dir() / "cases" / f"{case}.yaml"


def load_case_by_id(case: Case | str, rules: Rules | None = None) -> Case:
    """A case given as a Case, an id in the case bank or a file."""
    if isinstance(case, Case):
        return case
    path = case_path(case)
    assert path is not None  # an id or a file name always names a path
    return load_case(path, rules=rules)


def variant_seed(pseudonym: str | None, exercise: str, store: Store, dealt: int) -> int:
    """The seed of the next variant: from the trainee, exercise, cohort and attempt (so a reload
    gives the same numbers), or random when no pseudonym is known yet."""
    if pseudonym is None:
        return random.SystemRandom().randrange(1, 2**31)
    earlier = {a.variant_seed for a in store.attempts(pseudonym, exercise) if a.variant_seed is not None}
    cohort = next((t.cohort or "" for t in store.trainees() if t.pseudonym == pseudonym), "")
    return seed_for(pseudonym, exercise, cohort, len(earlier) + dealt + 1)


# -- widgets ----------------------------------------------------------------------------------------


W = Any  # a form widget with a description (Text, Dropdown, Checkbox, DatePicker)


def named(widget: W, name: str) -> W:
    """Give a field in a table an accessible name that screen readers read but the eye does not
    need (the row and column headings already say it): its description, hidden by style.css."""
    widget.description = name
    widget.add_class("hb-sr-label")
    return widget


class Cells:
    """The text cells of one form (headings, labels, messages, verdicts), made by calling it.
    They share one layout and one style, which nothing changes: a cell of its own would cost
    two more models in the kernel and the browser, and a form has a hundred cells."""

    def __init__(self) -> None:
        self.first: widgets.HTML | None = None

    def __call__(self, value: str = "") -> widgets.HTML:
        if self.first is None:  # the first cell's layout and style are the ones all share
            self.first = widgets.HTML(value)
            return self.first
        return widgets.HTML(value, layout=self.first.layout, style=self.first.style)


def show_instead(box: widgets.Box, children: list[widgets.Widget], keep: Collection[widgets.Widget] = ()) -> None:
    """Show `children` in the box and close what it showed before and no longer shows, so that
    a view left behind (the app's list, an exercise, a variant's form) frees its state in the
    kernel and the browser. The widgets in `keep` stay open all the same."""
    before = box.children
    box.children = children
    for widget in before:
        close_widgets(widget, [*children, *keep])


def close_widgets(widget: widgets.Widget, keep: Collection[widgets.Widget] = ()) -> None:
    """Close a widget tree (children, layouts, styles), so a hidden self-test leaves no state
    in the saved page and a view the app leaves frees its state in the kernel and the browser.
    The widgets in `keep`, and the trees under them, stay open."""
    if any(widget is kept for kept in keep):
        return
    for child in getattr(widget, "children", ()):
        close_widgets(child, keep)
    for part in ("layout", "style"):
        value = getattr(widget, part, None)
        if isinstance(value, widgets.Widget):
            value.close()
    widget.close()


__all__ = [
    "BOOK_BASE",
    "Cells",
    "SESSION",
    "Session",
    "case_path",
    "close_widgets",
    "load_case_by_id",
    "make_variant",
    "named",
    "sentence",
    "show_instead",
    "skill_name",
    "skill_names",
    "skill_url",
    "skills_trained",
    "variant_seed",
]
