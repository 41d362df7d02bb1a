"""The catalogue of misconceptions: toolkit/misconceptions.yaml (name, explanation, skill and
the book section that explains each)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field

from .. import settings
from ..schemas.common import Strict
from ..yamlfile import load_model

CATALOGUE = settings.PACKAGE / "misconceptions.yaml"
BOOK_BASE = "../chapters/"


class BookLink(Strict):
    chapter: str = Field(alias="kapitel", pattern=r"^[a-z0-9-]+$")
    label: str = Field(alias="etikett", pattern=r"^sec-[a-z0-9-]+$")


class Misconception(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: str = Field(alias="namn", min_length=5)
    explanation: str = Field(alias="förklaring", min_length=20)
    skill: str = Field(alias="färdighet")
    book: BookLink = Field(alias="bok")

    def url(self, base: str = BOOK_BASE) -> str:
        """The book section that explains it, e.g. '../chapters/x.html#sec-sambor'."""
        return f"{base}{self.book.chapter}.html#{self.book.label}"


class CatalogueFile(Strict):
    name: str = Field(alias="namn")
    items: list[Misconception] = Field(alias="missuppfattningar", min_length=1)


@lru_cache(maxsize=4)
def catalogue(path: Path = CATALOGUE) -> dict[str, Misconception]:
    """Every misconception by id, in the file's order."""
    model, _ = load_model(CatalogueFile, path, display=path.name)
    found: dict[str, Misconception] = {}
    for item in model.items:
        if item.id in found:
            raise ValueError(f"{path.name}: id '{item.id}' finns två gånger")
        found[item.id] = item
    return found


def get(misconception_id: str) -> Misconception:
    """A misconception by id; KeyError when the catalogue has no such id."""
    return catalogue()[misconception_id]
