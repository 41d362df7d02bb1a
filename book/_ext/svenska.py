"""The theme's labels in Swedish: the book is in Swedish (language: sv), but the pydata and book
themes ship no Swedish catalog for "Back to top", "Color mode" and the like.

book/locale/sv/LC_MESSAGES/tema.po holds the translations. It is compiled (Babel, which Sphinx
itself uses) into the build's doctree folder and added to the "sphinx" catalog, as a fallback
behind Sphinx's own Swedish. The two sidebar buttons whose labels the theme hard-codes are
overridden in book/_templates/.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx

SOURCE = Path("book") / "locale" / "sv" / "LC_MESSAGES" / "tema.po"


def compile_catalog(po: Path, folder: Path) -> Path:
    """The .po file as folder/sv/LC_MESSAGES/sphinx.mo; returns the folder for gettext."""
    target = folder / "sv" / "LC_MESSAGES" / "sphinx.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    with po.open("rb") as source:
        catalog = read_po(source, locale="sv")
    with target.open("wb") as out:
        write_mo(out, catalog)
    return folder


def setup(app: Sphinx) -> dict:
    folder = compile_catalog(Path(app.confdir) / SOURCE, Path(app.doctreedir) / "svenska")
    app.add_message_catalog("sphinx", str(folder))
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
