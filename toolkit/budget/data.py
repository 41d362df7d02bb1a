"""The budget vocabulary and the reference costs (parameters/budgetkategorier.yaml and
konsumentverket.yaml), read, cross-checked and looked up by year, age and household size."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from ..errors import InputError, MissingParameterError
from ..money import ore, round_ore
from ..rules import PARAMETERS, Rules, display_path, load_rules
from ..schemas.budget import CategoriesFile, Category, ReferenceFile, ReferencePeriod, age_range
from ..yamlfile import load_model

NORM = ("riksnorm_personlig", "riksnorm_hushåll")
DEBTS = "skulder"  # the advice target for all debt payments together


class BudgetData:
    """The budget vocabulary and the reference costs, read and cross-checked once."""

    def __init__(self, root: Path = PARAMETERS, rules: Rules | None = None):
        root = Path(root)
        self.categories_path = root / "budgetkategorier.yaml"
        self.references_path = root / "konsumentverket.yaml"
        self.vocabulary, _ = load_model(
            CategoriesFile, self.categories_path, display=display_path(self.categories_path)
        )
        self.references, _ = load_model(ReferenceFile, self.references_path, display=display_path(self.references_path))
        rules = rules or load_rules()
        for key, category in self.vocabulary.categories.items():
            if category.reference is not None and category.reference not in self.references.posts:
                raise InputError(
                    f"kategorin {key} pekar på referensen '{category.reference}' som inte finns",
                    file=display_path(self.categories_path),
                )
            if category.cost_type is not None and category.cost_type not in rules.cost_types:
                raise InputError(
                    f"kategorin {key} pekar på kostnadstypen '{category.cost_type}' som inte finns",
                    file=display_path(self.categories_path),
                )

    @property
    def categories(self) -> dict[str, Category]:
        return self.vocabulary.categories

    def category(self, key: str) -> Category:
        return self.vocabulary.categories[key]

    def label(self, target: str) -> str:
        return "Skulder (avbetalningar)" if target == DEBTS else self.category(target).label

    def norm_categories(self) -> list[str]:
        return [key for key, c in self.categories.items() if c.covered_by in NORM]

    def period(self, year: int) -> ReferencePeriod:
        """The reference costs for a year; MissingParameterError if the year is not there."""
        for period in self.references.periods:
            if period.year == year:
                return period
        raise MissingParameterError(
            "referenskostnaderna för budgetrådgivning", str(year), display_path(self.references_path)
        )

    def reference(self, post: str, year: int, ages: list[int], persons_in_home: int | None = None) -> int:
        """A reference post in öre for the household: personal posts summed over the persons'
        ages; household posts for the household size (more persons than the rows: + the last
        step per person; in a shared home: the cost for everyone in the home × own persons ÷
        all persons)."""
        period = self.period(year)
        kind = self.references.posts[post].kind
        if kind == "personlig":
            table = period.personal.get(post)
            if table is None:
                raise MissingParameterError(f"referensposten {post}", str(year), display_path(self.references_path))
            total = 0
            for age in ages:
                total += next(amount for key, amount in table.items() if age_range(key)[0] <= age <= age_range(key)[1])
            return ore(total)
        row = period.household.get(post)
        if row is None:
            raise MissingParameterError(f"referensposten {post}", str(year), display_path(self.references_path))

        def size(n: int) -> int:
            # More persons than the rows: add the last step for each extra person.
            last = len(row)
            return row[n - 1] if n <= last else row[-1] + (n - last) * (row[-1] - row[-2])

        n = len(ages)
        if persons_in_home:
            return round_ore(Fraction(ore(size(persons_in_home)) * n, persons_in_home))
        return ore(size(n))


@lru_cache(maxsize=4)
def _data(root: str, municipality: str) -> BudgetData:
    return BudgetData(Path(root), load_rules(municipality))


def load_budget_data(root: Path = PARAMETERS, municipality: str | None = None) -> BudgetData:
    """The budget vocabulary and reference costs, loaded once per process."""
    return _data(str(root), municipality or load_rules().municipality_slug)
