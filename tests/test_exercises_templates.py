"""The exercises' HTML comes from autoescaped Jinja2 templates with one stylesheet: free text in
any exercise stays inert, no module builds HTML or inline styles in Python, and the package
keeps one room per job (short modules, shared helpers not taken from assessment.py, paths from
toolkit.settings)."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import ipywidgets as widgets
import pytest
from bs4 import BeautifulSoup

import toolkit.exercises
import toolkit.plots
from toolkit.budget import budget_by_id
from toolkit.case import parse_case
from toolkit.control import load_control
from toolkit.exercises import (
    AssessmentExercise,
    BudgetExercise,
    ControlExercise,
    Exercise,
    PlanExercise,
    load_registry,
    open_exercise,
)
from toolkit.exercises.app import ExerciseApp
from toolkit.exercises.common import SESSION
from toolkit.exercises.registry import Registry
from toolkit.exercises.render import environment, html, stylesheet
from toolkit.plan import plan_by_id
from toolkit.progress import Store

PAYLOAD = "<script>alert('x')</script> & <img src=x onerror=alert(1)>"
MODULES = sorted(Path(toolkit.exercises.__file__).parent.glob("*.py")) + sorted(
    Path(toolkit.plots.__file__).parent.glob("*.py")
)
TEMPLATES = files("toolkit.exercises").joinpath("templates")
HTML_TAG = re.compile(r"<(p|div|span|b|i|br|table|tr|td|th|h[1-6]|a|ul|li|pre|code|style|img)[\s>/]")


def shown(root: widgets.Widget) -> list[str]:
    """Every HTML value in a widget tree."""
    found, todo = [], [root]
    while todo:
        widget = todo.pop()
        if isinstance(widget, widgets.HTML):
            found.append(widget.value)
        todo.extend(getattr(widget, "children", ()))
    return found


def with_payload(rules) -> dict[str, Callable[[], Exercise]]:
    store = Store("sqlite://")
    case = {
        "id": "fritext",
        "titel": PAYLOAD,
        "månad": "2025-09",
        "berättelse": PAYLOAD,
        "hushåll": [{"id": "p1", "roll": "sökande", "ålder": 40}],
        "kostnader": [{"typ": "boende", "belopp": 5000}],
    }
    return {
        "bedömning": lambda: AssessmentExercise(
            parse_case(case, rules=rules), rules=rules, store=store, pseudonym="ny-ss-07"
        ),
        "kontroll": lambda: ControlExercise(
            load_control("a-kassa-ej-redovisad").model_copy(update={"narrative": PAYLOAD}),
            store=store,
            pseudonym="ny-ss-07",
        ),
        "budget": lambda: BudgetExercise(
            budget_by_id("telefon-och-stromning").model_copy(update={"narrative": PAYLOAD, "title": PAYLOAD}),
            store=store,
            pseudonym="ny-ss-07",
        ),
        "plan": lambda: PlanExercise(
            plan_by_id("utkast-komvux").model_copy(update={"narrative": PAYLOAD, "title": PAYLOAD}),
            store=store,
            pseudonym="ny-ss-07",
        ),
    }


@pytest.mark.parametrize("kind", ["bedömning", "kontroll", "budget", "plan"])
def test_free_text_is_inert_in_every_exercise(kind: str, rules):
    exercise = with_payload(rules)[kind]()
    page = "\n".join(shown(exercise.root))
    assert "<script" not in page
    # the only images are the exercise's own charts, inline PNG with alt text and no handler
    for image in BeautifulSoup(page, "html.parser").find_all("img"):
        assert image.get("class") == ["hb-chart"] and image["src"].startswith("data:image/png;base64,")
        assert not [name for name in image.attrs if name.startswith("on")]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in page


def test_free_text_is_inert_in_the_app(monkeypatch):
    monkeypatch.setattr(SESSION, "pseudonym", None)
    monkeypatch.delenv("HANDBOK_PSEUDONYM", raising=False)
    entry = load_registry().entry("plan-01").model_copy(update={"title": PAYLOAD})
    app = ExerciseApp(registry=Registry(exercises=[entry]), store=Store("sqlite://"), book_base="")
    assert app.start("ny-ss-07")
    app.open("plan-01")
    page = "\n".join(shown(app.root))
    assert "<script" not in page and "<img" not in page and "&lt;script&gt;" in page


def test_templates_escape_whatever_their_name():
    assert environment().autoescape is True
    assert html("common", "text", PAYLOAD) == (
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"
    )
    assert html("common", "field_message", "") == ""


def test_one_stylesheet_shown_with_every_exercise():
    css = TEMPLATES.joinpath("style.css").read_text(encoding="utf-8")
    assert stylesheet() == css and ".hb-field-message" in css
    for name in ("bedomning-01", "kontroll-01", "budget-01", "plan-01", "riksnorm-01"):
        first = shown(open_exercise(name, store=Store("sqlite://"), pseudonym="ny-ss-07").root.children[0])[0]
        assert first.startswith(f"<style>{css}</style>"), name
    templates = {t.name: t.read_text(encoding="utf-8") for t in TEMPLATES.iterdir() if t.name.endswith(".j2")}
    assert {
        "common.html.j2",
        "assessment.html.j2",
        "control.html.j2",
        "budget.html.j2",
        "plan.html.j2",
        "riksnorm.html.j2",
        "app.html.j2",
    } <= set(templates)
    assert [name for name, text in templates.items() if "<style>" in text] == ["common.html.j2"]
    assert [name for name, text in templates.items() if "style=" in text] == []


def strings(path: Path) -> list[str]:
    """Every string constant in a module, the parts of f-strings included."""
    return [
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_no_module_builds_html_or_inline_styles():
    found = [
        (path.name, text[:60])
        for path in MODULES
        for text in strings(path)
        if HTML_TAG.search(text) or "style=" in text
    ]
    assert found == []


def test_every_module_is_short():
    long = {path.name: n for path in MODULES if (n := len(path.read_text(encoding="utf-8").splitlines())) >= 400}
    assert long == {}


def test_exercises_take_shared_helpers_from_common_not_from_assessment():
    importers = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module == "assessment":
                importers.append((path.name, sorted(a.name for a in node.names)))
    # Only the package's front door and the registry name the exercise class itself.
    assert sorted(importers) == [
        ("__init__.py", ["AssessmentExercise", "assessment_exercise"]),
        ("registry.py", ["AssessmentExercise"]),
    ]


def test_paths_come_from_settings():
    assert [path.name for path in MODULES if "__file__" in path.read_text(encoding="utf-8")] == []
