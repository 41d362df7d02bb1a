"""Templates a unit can take into its case system: one YAML source each, three outputs.

Each template in book/mallar/<id>.yaml (beslut, journalanteckning, remiss, orosanmälan,
planering) is rendered once into a list of blocks, and every output is made from those blocks:
the handbook page (docutils nodes, book/_ext/mallar.py), a Word file (python-docx) and plain
text. So the page, the .docx and the .txt always hold the same words.

The texts may name the municipality with Jinja2 placeholders ({{ nämnd }}, {{ kommun }},
{{ enhet }}, {{ arbetsmarknadsenhet }}), filled in from the municipality file when the book is
built. What the social secretary fills in per case stands in square brackets: [belopp].
A part can be shared by several templates (the överklagandehänvisning of every beslut):
it is written once in book/mallar/gemensamma-delar.yaml and named with `gemensam:`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from .. import settings
from ..errors import InputError
from ..schemas.common import Strict
from ..yamlfile import load_model

SHARED_FILE = "gemensamma-delar.yaml"
KINDS = ("beslut", "journalanteckning", "remiss", "orosanmälan", "planering")


class Part(Strict):
    """A section of a template: a heading, paragraphs and bullets, or a shared part by name."""

    heading: str | None = Field(default=None, alias="rubrik")
    paragraphs: list[str] = Field(default_factory=list, alias="stycken")
    bullets: list[str] = Field(default_factory=list, alias="punkter")
    shared: str | None = Field(default=None, alias="gemensam")

    @model_validator(mode="after")
    def _content_or_shared(self) -> Part:
        if self.shared and (self.heading or self.paragraphs or self.bullets):
            raise ValueError("en del med 'gemensam' får inte ha egen rubrik eller text")
        if not self.shared and not (self.paragraphs or self.bullets):
            raise ValueError("delen har ingen text: skriv 'stycken' eller 'punkter', eller 'gemensam'")
        for text in [self.heading or "", *self.paragraphs, *self.bullets]:
            # The page would print these typographically (”, –, …), the Word and text files as typed.
            for typed, wanted in (('"', "”"), ("--", "–"), ("...", "…")):
                if typed in text:
                    raise ValueError(f"skriv {wanted} i stället för {typed}: {text[:60]}")
        return self


class Template(Strict):
    """One template: its title, when it is used (shown on the page only) and its parts."""

    title: str = Field(alias="titel", min_length=3)
    kind: Literal["beslut", "journalanteckning", "remiss", "orosanmälan", "planering"] = Field(alias="slag")
    used_when: str = Field(alias="används_när", min_length=10)
    parts: list[Part] = Field(alias="delar", min_length=1)


class SharedParts(Strict):
    parts: dict[str, list[Part]] = Field(alias="delar")


@dataclass(frozen=True)
class Block:
    """One line of a rendered template: kind is 'title', 'heading', 'paragraph' or 'bullet'."""

    kind: str
    text: str


@dataclass(frozen=True)
class Rendered:
    id: str
    title: str
    kind: str
    used_when: str
    blocks: list[Block]


def templates_dir() -> Path:
    """The folder of the template sources: <book>/mallar."""
    return settings.book_dir() / "mallar"


def template_ids(folder: Path | None = None) -> list[str]:
    """Every template in the folder, by file name (the shared parts file is not a template)."""
    folder = folder or templates_dir()
    return sorted(p.stem for p in folder.glob("*.yaml") if p.name != SHARED_FILE)


def _display(path: Path) -> str:
    return settings.display_path(path)


def load_template(template_id: str, folder: Path | None = None) -> Template:
    """The template's source, validated; InputError names the file and the field."""
    path = (folder or templates_dir()) / f"{template_id}.yaml"
    model, _ = load_model(Template, path, display=_display(path))
    return model


def load_shared(folder: Path | None = None) -> dict[str, list[Part]]:
    path = (folder or templates_dir()) / SHARED_FILE
    if not path.is_file():
        return {}
    model, _ = load_model(SharedParts, path, display=_display(path))
    return model.parts


def _fill(text: str, context: dict[str, str], where: str) -> str:
    """Fill the municipality's placeholders; an unknown placeholder is an error naming it."""
    from jinja2 import Environment, StrictUndefined, TemplateSyntaxError, UndefinedError

    environment = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    try:
        return " ".join(environment.from_string(text).render(**context).split())
    except UndefinedError as error:
        found = re.search(r"'([^']+)' is undefined", error.message or "")
        name = f"'{found.group(1)}'" if found else "i texten"
        raise InputError(
            f"okänd platshållare {name}; de som finns är {', '.join(sorted(context))}", file=where
        ) from None
    except TemplateSyntaxError as error:
        raise InputError(f"platshållaren är felskriven: {error.message}", file=where) from None


def render(template_id: str, context: dict[str, str], folder: Path | None = None) -> Rendered:
    """The template as blocks, with the municipality's names filled in."""
    folder = folder or templates_dir()
    template = load_template(template_id, folder)
    shared = load_shared(folder)
    where = _display(folder / f"{template_id}.yaml")
    blocks = [Block("title", _fill(template.title, context, where))]
    parts: list[Part] = []
    for part in template.parts:
        if part.shared and part.shared not in shared:
            raise InputError(
                f"den gemensamma delen '{part.shared}' finns inte i {SHARED_FILE} "
                f"(finns: {', '.join(sorted(shared)) or 'inga'})",
                file=where,
            )
        parts += shared[part.shared] if part.shared else [part]
    for part in parts:
        if part.heading:
            blocks.append(Block("heading", _fill(part.heading, context, where)))
        blocks += [Block("paragraph", _fill(text, context, where)) for text in part.paragraphs]
        blocks += [Block("bullet", _fill(text, context, where)) for text in part.bullets]
    return Rendered(template_id, blocks[0].text, template.kind, _fill(template.used_when, context, where), blocks)


def municipality_context(model) -> dict[str, str]:
    """The placeholders a template may use, from a validated municipality file."""
    unit = getattr(model, "labour_market_unit", None)
    return {
        "kommun": model.name,
        "nämnd": model.board,
        "enhet": model.unit,
        "arbetsmarknadsenhet": unit.name if unit is not None else "kommunens arbetsmarknadsenhet",
    }


def to_text(rendered: Rendered) -> str:
    """Plain text: the title, then each heading, paragraph and bullet ('- ') on its own line,
    with a blank line between blocks (bullets of one list stay together)."""
    lines: list[str] = []
    previous = None
    for block in rendered.blocks:
        if lines and not (block.kind == "bullet" and previous == "bullet"):
            lines.append("")
        lines.append(f"- {block.text}" if block.kind == "bullet" else block.text)
        previous = block.kind
    return "\n".join(lines) + "\n"


def to_docx(rendered: Rendered, path: Path) -> Path:
    """A Word file with the title, headings, paragraphs and bulleted lists of the template."""
    from docx import Document

    document = Document()
    document.core_properties.title = rendered.title
    document.core_properties.language = "sv-SE"
    for block in rendered.blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=1)
        elif block.kind == "heading":
            document.add_heading(block.text, level=2)
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        else:
            document.add_paragraph(block.text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_all(out_dir: Path, context: dict[str, str], folder: Path | None = None) -> list[Path]:
    """Write <id>.docx and <id>.txt for every template into out_dir; return the files written."""
    written = []
    code = Path(__file__).read_bytes()
    for template_id in template_ids(folder):
        rendered = render(template_id, context, folder)
        docx_path, text_path = out_dir / f"{template_id}.docx", out_dir / f"{template_id}.txt"
        # Writing a Word file takes a tenth of a second: a rebuild keeps the files when the
        # rendered template and the code that writes them are the same as last time.
        signature = hashlib.sha256(repr(rendered).encode() + code).hexdigest()
        stamp = out_dir / f".{template_id}.sha256"
        fresh = docx_path.is_file() and text_path.is_file() and stamp.is_file()
        if not (fresh and stamp.read_text(encoding="utf-8") == signature):
            to_docx(rendered, docx_path)
            text_path.write_text(to_text(rendered), encoding="utf-8")
            stamp.write_text(signature, encoding="utf-8")
        written += [docx_path, text_path]
    return written


__all__ = [
    "KINDS",
    "Block",
    "Rendered",
    "municipality_context",
    "render",
    "template_ids",
    "templates_dir",
    "to_docx",
    "to_text",
    "write_all",
]
