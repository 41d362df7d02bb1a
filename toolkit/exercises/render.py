"""HTML for the exercises: the Jinja2 templates and the one stylesheet in templates/, rendered
through toolkit.templating (shared with the book's static preview). Every value a template
shows is escaped, so free text (a narrative, a plan the trainee wrote) can never become markup."""

from __future__ import annotations

from ..feedback import Graded, Verdict
from ..misconceptions import Misconception
from ..templating import blocks, environment, html, safe, stylesheet


def field_message(text: str) -> str:
    """A Swedish message shown next to a field; empty text clears it."""
    return html("common", "field_message", text)


def named_misconceptions(feedback: Graded) -> list[Misconception]:
    """Each misconception behind the errors, once, in the order of the verdicts."""
    return list({item.id: item for verdict in feedback.verdicts for item in verdict.misconceptions}.values())


def verdict_html(verdict: Verdict, book_base: str) -> str:
    """One row's verdict: right or wrong, the explanation, the rule and any misconception."""
    return html("common", "verdict", verdict, book_base)


__all__ = [
    "blocks",
    "environment",
    "field_message",
    "html",
    "named_misconceptions",
    "safe",
    "stylesheet",
    "verdict_html",
]
