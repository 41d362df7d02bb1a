"""The one strict base of every file model, and the source and dated period every rule value has."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, model_validator

from .. import settings


def absurd_amount(shown: str) -> ValueError:
    """The error for an amount over the plausible bound (settings.max_amount)."""
    limit = f"{settings.max_amount():,}".replace(",", " ")
    return ValueError(
        f"beloppet {shown} kr är orimligt stort; högsta tillåtna belopp är {limit} kr "
        "(inställningen HANDBOK_MAX_BELOPP)"
    )


def plausible(kronor: int) -> int:
    """Refuse an absurd amount (a typing error or hostile input) instead of computing with it."""
    if abs(kronor) > settings.max_amount():
        raise absurd_amount(f"{kronor:,}".replace(",", " "))
    return kronor


# Every amount in whole kronor that a file holds, and one that may be negative (an adjustment).
Kronor = Annotated[StrictInt, Field(ge=0), AfterValidator(plausible)]
SignedKronor = Annotated[StrictInt, AfterValidator(plausible)]


class Strict(BaseModel):
    """Swedish keys by alias, unknown keys rejected, values never changed after reading.

    Rejecting unknown keys is what keeps a misspelt field from silently becoming a default.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Source(Strict):
    """Where a value comes from: a statute (SFS) or an agency's page, with title."""

    title: str = Field(alias="titel", min_length=3)
    sfs: str | None = Field(default=None, pattern=r"^\d{4}:\d+$")
    publisher: str | None = Field(default=None, alias="utgivare")
    published: date | None = Field(default=None, alias="datum")
    url: str | None = None
    note: str | None = Field(default=None, alias="anmärkning")

    @model_validator(mode="after")
    def _needs_origin(self) -> Source:
        if not (self.sfs or self.publisher):
            raise ValueError("källan måste ange ett SFS-nummer eller en utgivare")
        return self

    def describe(self) -> str:
        """'Title, SFS n, Publisher, date' for a list of sources."""
        parts = [self.title]
        if self.sfs and self.sfs not in self.title:
            parts.append(f"SFS {self.sfs}")
        if self.publisher:
            parts.append(self.publisher)
        if self.published:
            parts.append(self.published.isoformat())
        return ", ".join(parts)


class Dated(Strict):
    """A value's period of validity (end inclusive, open when missing) and its source."""

    start: date = Field(alias="från")
    end: date | None = Field(default=None, alias="till")
    source: Source = Field(alias="källa")

    @model_validator(mode="after")
    def _ordered(self) -> Dated:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"perioden slutar ({self.end}) före den börjar ({self.start})")
        return self

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)
