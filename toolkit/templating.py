"""The exercises' HTML templates (toolkit/exercises/templates/*.html.j2) for the core and the UI.

The same Jinja2 templates render the live exercise (toolkit.exercises) and the book's static
preview of it (toolkit.preview). This module imports no UI library, so a book page that only
shows a preview runs without a kernel. Autoescaping is on for every template: free text (a
narrative, a plan the trainee wrote) can never become markup.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .money import format_kr

if TYPE_CHECKING:
    from .casebank.skills import Skill


def _folder() -> str:
    # The templates are package data of toolkit.exercises; reached through the toolkit package so
    # that importing them does not import the exercises (and ipywidgets).
    return str(files("toolkit").joinpath("exercises", "templates"))


def stylesheet() -> str:
    """The exercises' one stylesheet (templates/style.css)."""
    return files("toolkit").joinpath("exercises", "templates", "style.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _skills() -> dict[str, Skill]:
    try:
        from .casebank.skills import load_skills

        return dict(load_skills())
    except Exception:  # the skills file is optional for an exercise to work
        return {}


def skill_names() -> dict[str, str]:
    """Skill id -> Swedish name, in the order of casebank/skills.yaml (empty if unreadable)."""
    return {key: skill.name for key, skill in _skills().items()}


def skill_name(skill: str) -> str:
    """The Swedish name of a skill from casebank/skills.yaml, or the id made readable."""
    return skill_names().get(skill) or skill.replace("_", " ")


def skill_url(skill: str, book_base: str) -> str:
    """The link to the book section that teaches the skill, or "" when there is no book at hand."""
    found = _skills().get(skill)
    return found.url(book_base) if found is not None and book_base else ""


def _kr(amount_ore: int, sign: bool = False) -> str:
    return format_kr(amount_ore, sign=sign)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The template environment: autoescaping on for every template, whatever its name."""
    env = Environment(
        loader=FileSystemLoader(_folder()),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )
    env.filters["kr"] = _kr
    env.globals.update(css=Markup(stylesheet()), skill_url=skill_url, skill_name=skill_name)
    return env


def html(template: str, macro: str, /, *args: Any, **kwargs: Any) -> str:
    """One macro of templates/<template>.html.j2, rendered (values escaped)."""
    module = environment().get_template(f"{template}.html.j2").module
    return str(getattr(module, macro)(*args, **kwargs))


def safe(markup: str) -> Markup:
    """HTML rendered from a template, passed on into another template unescaped."""
    return Markup(markup)


def blocks(text: str) -> list[list[str]]:
    """Plain text (a narrative) as paragraphs of lines, for the template's paragraphs macro."""
    return [block.strip().split("\n") for block in (text or "").split("\n\n") if block.strip()]
