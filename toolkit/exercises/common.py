"""Pieces every exercise form shares: escaping, field messages and the pseudonym field."""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ..errors import InputError
from ..progress import check_pseudonym

WRONG = "#a1161b"


def esc(text: Any) -> str:
    """Free text as inert HTML (quotes too, so it is safe inside attributes)."""
    return html.escape(str(text), quote=True)


def paragraphs(text: str) -> str:
    """Plain text (a case narrative) as escaped HTML paragraphs."""
    blocks = [b.strip() for b in (text or "").split("\n\n") if b.strip()]
    return "".join(f"<p>{esc(b).replace(chr(10), '<br>')}</p>" for b in blocks)


def field_message(text: str) -> str:
    """A Swedish message shown next to a field; empty text clears it."""
    return f"<span class='hb-field-message' style='color:{WRONG}'>{esc(text)}</span>" if text else ""


class PseudonymInput:
    """The trainee's pseudonym: asked once per session, hidden when already known."""

    def __init__(self, session: Any, fixed: str | None = None):
        self.session, self.fixed = session, fixed
        self.text = widgets.Text(description="Pseudonym:", placeholder="till exempel ny-ss-07",
                                 layout=widgets.Layout(width="24em"))
        self.message = widgets.HTML()
        known = fixed or session.current_pseudonym()
        if known:
            self.text.value = known
        self.box = widgets.HBox([self.text, self.message], layout=widgets.Layout(display="none" if known else "flex"))

    def resolve(self) -> str | None:
        """The pseudonym to record under, or None with a message next to the field (shown)."""
        if self.fixed:
            return self.fixed
        typed = self.text.value
        if not typed.strip() and self.session.current_pseudonym():
            return self.session.current_pseudonym()
        try:
            name = check_pseudonym(typed)
        except InputError as error:
            self.message.value = field_message(error.problem[:1].upper() + error.problem[1:] + ".")
            self.box.layout.display = "flex"
            return None
        self.message.value = ""
        self.session.pseudonym = name
        return name
