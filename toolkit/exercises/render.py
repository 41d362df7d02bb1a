"""HTML for the exercises: Jinja2 templates with autoescaping and the one stylesheet, both
package data in toolkit/exercises/templates/. Every value a template shows is escaped, so
free text (a narrative, a plan the trainee wrote) can never become markup."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..feedback import Graded, Verdict
from ..misconceptions import Misconception
from ..money import format_kr
from .common import skill_name, skill_url


def stylesheet() -> str:
    """The exercises' one stylesheet (templates/style.css)."""
    return files("toolkit.exercises").joinpath("templates", "style.css").read_text(encoding="utf-8")


def _kr(amount_ore: int, sign: bool = False) -> str:
    return format_kr(amount_ore, sign=sign)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The template environment: autoescaping on for every template, whatever its name."""
    env = Environment(
        loader=PackageLoader("toolkit.exercises", "templates"),
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
    """HTML this package rendered from a template, passed on into another template unescaped."""
    return Markup(markup)


def blocks(text: str) -> list[list[str]]:
    """Plain text (a narrative) as paragraphs of lines, for the template's paragraphs macro."""
    return [block.strip().split("\n") for block in (text or "").split("\n\n") if block.strip()]


def field_message(text: str) -> str:
    """A Swedish message shown next to a field; empty text clears it."""
    return html("common", "field_message", text)


def named_misconceptions(feedback: Graded) -> list[Misconception]:
    """Each misconception behind the errors, once, in the order of the verdicts."""
    return list({item.id: item for verdict in feedback.verdicts for item in verdict.misconceptions}.values())


def verdict_html(verdict: Verdict, book_base: str) -> str:
    """One row's verdict: right or wrong, the explanation, the rule and any misconception."""
    return html("common", "verdict", verdict, book_base)
