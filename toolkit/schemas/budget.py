"""The budget parameter files: budgetkategorier.yaml (what the försörjningsstöd says about each
category of a household budget) and konsumentverket.yaml (reference costs by age and size)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt, model_validator

from .common import Kronor, Source, Strict

# Where a cost belongs: see the comment at the top of budgetkategorier.yaml.
Coverage = Literal[
    "riksnorm_personlig", "riksnorm_hushåll", "skälig_kostnad", "livsföring_i_övrigt", "ingår_inte", "skuld"
]


class Category(Strict):
    label: str = Field(alias="benämning", min_length=2)
    covered_by: Coverage = Field(alias="täcks_av")
    cost_type: str | None = Field(default=None, alias="kostnadstyp")
    reference: str | None = Field(default=None, alias="referens")
    source: Source = Field(alias="källa")

    @model_validator(mode="after")
    def _cost_type(self) -> Category:
        if (self.covered_by == "skälig_kostnad") != (self.cost_type is not None):
            raise ValueError("kostnadstyp ska anges för skäliga kostnader och bara för dem")
        return self


class Deviation(Strict):
    min_percent: Annotated[StrictInt, Field(ge=0)] = Field(alias="minst_procent")
    min_kronor: Kronor = Field(alias="minst_kronor")


class CategoriesFile(Strict):
    name: str = Field(alias="namn")
    sources: dict[str, Source] = Field(default_factory=dict, alias="källor")
    categories: dict[str, Category] = Field(alias="kategorier", min_length=1)
    deviation: Deviation = Field(alias="avvikelse")


class ReferencePost(Strict):
    label: str = Field(alias="benämning", min_length=2)
    kind: Literal["personlig", "hushåll"] = Field(alias="slag")


def age_range(key: str) -> tuple[int, int]:
    """'7-10' -> (7, 10): an age band of the reference costs."""
    low, _, high = key.partition("-")
    return int(low), int(high)


class ReferencePeriod(Strict):
    year: Annotated[StrictInt, Field(ge=2000, le=2100)] = Field(alias="år")
    from_konsumentverket: StrictBool = Field(alias="från_konsumentverket")
    source: Source = Field(alias="källa")
    personal: dict[str, dict[Annotated[str, Field(pattern=r"^\d+-\d+$")], Kronor]] = Field(
        default_factory=dict, alias="personliga"
    )
    # Household posts: the cost for 1, 2, … persons; larger households add the last step.
    household: dict[str, Annotated[list[Kronor], Field(min_length=2)]] = Field(default_factory=dict, alias="hushåll")

    @model_validator(mode="after")
    def _bands_cover_all_ages(self) -> ReferencePeriod:
        for post, table in self.personal.items():
            expected = 0
            for low, high in sorted(age_range(key) for key in table):
                if low != expected or high < low:
                    raise ValueError(f"åldersgrupperna för {post} ska börja på 0 och följa på varandra utan glapp")
                expected = high + 1
            if expected <= 100:
                raise ValueError(f"åldersgrupperna för {post} ska räcka till alla åldrar (sista gruppen till 120)")
        if len({len(row) for row in self.household.values()}) > 1:
            raise ValueError("de hushållsgemensamma posterna ska ha lika många belopp (ett per antal personer)")
        if not self.from_konsumentverket and not self.source.note:
            raise ValueError("värden som inte är Konsumentverkets ska säga det i källans anmärkning")
        return self


class ReferenceFile(Strict):
    name: str = Field(alias="namn")
    posts: dict[str, ReferencePost] = Field(alias="poster", min_length=1)
    periods: list[ReferencePeriod] = Field(alias="perioder", min_length=1)

    @model_validator(mode="after")
    def _posts_known(self) -> ReferenceFile:
        for period in self.periods:
            tables: tuple[tuple[str, dict[str, object]], ...] = (
                ("personlig", dict(period.personal)),
                ("hushåll", dict(period.household)),
            )
            for kind, table in tables:
                for post in table:
                    if post not in self.posts or self.posts[post].kind != kind:
                        raise ValueError(f"{period.year}: posten {post} finns inte som {kind} post under poster")
        years = [p.year for p in self.periods]
        if len(years) != len(set(years)):
            raise ValueError("samma år står flera gånger")
        return self
