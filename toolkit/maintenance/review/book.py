"""Reading the book: the pages with their declared rule values and review dates, the exercise
notebooks with their routine and skills, the cases, and the reading order of _toc.yml."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ...yamlfile import loads
from .model import MUNICIPAL, PARAMETERS, ROOT, Case, Exercise, Page

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(\n|\Z)", re.DOTALL)


def front_matter(path: Path) -> dict[str, Any]:
    """The YAML front matter of a Markdown page ({} when it has none)."""
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        return {}
    data = loads(match.group(1), display=str(path))
    return dict(data) if data else {}


def _title(text: str, fallback: str) -> str:
    """The first level-1 heading outside the front matter and code blocks."""
    text = _FRONT_MATTER.sub("", text)
    text = re.sub(r"^(```|~~~).*?^\1", "", text, flags=re.MULTILINE | re.DOTALL)
    match = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else fallback


def _as_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def rule_stems(root: Path = ROOT) -> set[str]:
    """The rule values a page may declare: the parameter files' stems and 'kommun'."""
    return {p.stem for p in (root / PARAMETERS).glob("*.yaml")} | {MUNICIPAL}


def pages(root: Path = ROOT) -> list[Page]:
    """Every page of the book under book/ (intro and chapters) with its declared rules and review date."""
    found = []
    for path in [root / "book" / "intro.md", *sorted((root / "book" / "chapters").glob("*.md"))]:
        if not path.is_file():
            continue
        meta = front_matter(path)
        text = path.read_text(encoding="utf-8")
        found.append(
            Page(
                str(path.relative_to(root)),
                _title(text, path.stem),
                [str(r) for r in meta.get("regler") or []],
                _as_date(meta.get("granskad")),
            )
        )
    return found


def _notebook_sources(nb: dict[str, Any], kind: str) -> list[str]:
    return [
        "".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", "")
        for c in nb.get("cells", [])
        if c.get("cell_type") == kind
    ]


def _registry(root: Path) -> dict[str, dict[str, Any]]:
    """The exercise registry's entries by notebook, read leniently (review is no validator)."""
    path = root / "casebank" / "ovningar.yaml"
    try:
        data = loads(path.read_text(encoding="utf-8"), display=str(path)) or {}
    except Exception:  # no registry, or a broken one: the registry's own checks report it
        return {}
    return {str(e.get("notebook")): dict(e) for e in data.get("övningar") or [] if isinstance(e, dict)}


def exercises(root: Path = ROOT) -> list[Exercise]:
    """Every exercise notebook with its routine, skills and the case-bank cases it is on: from the
    exercise registry (casebank/ovningar.yaml), and from a notebook's own metadata, which wins."""
    case_ids = {p.stem for p in (root / "casebank" / "cases").glob("*.yaml")}
    registry = _registry(root)
    found = []
    for path in sorted((root / "book" / "exercises").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        meta = {**registry.get(path.stem, {}), **((nb.get("metadata") or {}).get("handbok") or {})}
        code = "\n".join(_notebook_sources(nb, "code"))
        literals = set(re.findall(r"[\"']([a-z0-9][a-z0-9-]*)[\"']", code)) | {str(meta.get("fall"))}
        markdown = "\n".join(_notebook_sources(nb, "markdown"))
        skills = meta.get("färdigheter") or []
        found.append(
            Exercise(
                str(path.relative_to(root)),
                _title(markdown, path.stem),
                meta.get("rutin"),
                [skills] if isinstance(skills, str) else list(skills),
                sorted(literals & case_ids),
                list(meta.get("regler") or []),
            )
        )
    return found


def cases(root: Path = ROOT) -> list[Case]:
    """Every case in casebank/cases with its month and skills (read leniently: review is no validator)."""
    found = []
    for path in sorted((root / "casebank" / "cases").glob("*.yaml")):
        try:
            data = loads(path.read_text(encoding="utf-8"), display=str(path)) or {}
        except Exception:  # a broken case is reported by the case-bank checks, not here
            data = {}
        skills = data.get("färdigheter") or []
        found.append(
            Case(
                path.stem, str(path.relative_to(root)), str(data["månad"]) if data.get("månad") else None, list(skills)
            )
        )
    return found


EXERCISE_LINK = re.compile(r"\{doc\}`(?:[^`<]*<)?\.\./exercises/([A-Za-z0-9_-]+)>?`")


def toc_files(root: Path = ROOT) -> list[str]:
    """Every file in _toc.yml, in reading order (without suffix, relative to the root)."""
    data = loads((root / "_toc.yml").read_text(encoding="utf-8"), display="_toc.yml")
    found = [str(data["root"])]

    def walk(items: Iterable[Any] | None) -> None:
        for item in items or []:
            if "file" in item:
                found.append(str(item["file"]))
            walk(item.get("sections"))
            walk(item.get("chapters"))

    for part in data.get("parts") or []:
        walk(part.get("chapters"))
    walk(data.get("chapters"))
    return found


def linked_exercises(path: Path) -> list[str]:
    """The exercise notebooks a chapter links to with {doc}`../exercises/<name>`, in order."""
    return list(dict.fromkeys(EXERCISE_LINK.findall(path.read_text(encoding="utf-8"))))


def chapter_exercises(root: Path = ROOT) -> list[tuple[Page, list[str]]]:
    """The chapters in reading order, each with the exercises it links to."""
    by_path = {p.path: p for p in pages(root)}
    out = []
    for file in toc_files(root):
        path = f"{file}.md"
        if path in by_path and path.startswith("book/chapters/"):
            out.append((by_path[path], linked_exercises(root / path)))
    return out
