"""What the review works with: the pages, exercises and cases of the book, the changes of
rule values, and which rule values each skill relies on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ... import settings

ROOT = settings.project_root()
PARAMETERS = Path("toolkit") / "parameters"
MUNICIPAL = "kommun"

# Rule values every assessment of a case reads, whatever the case trains.
ASSESSMENT_RULES = ("riksnorm", "lagrum", "inkomsttyper", "kostnadstyper", MUNICIPAL)

# Which rule values an exercise relies on through the skills it trains (casebank/skills.yaml).
SKILL_RULES: dict[str, tuple[str, ...]] = {
    "riksnorm": ("riksnorm", "lagrum"),
    "hushållsgemenskap": ("riksnorm", "lagrum"),
    "inkomster": ("inkomsttyper", "lagrum"),
    "jobbstimulans": ("jobbstimulans", "lagrum"),
    "barns_inkomster": ("barns_inkomster", "prisbasbelopp", "lagrum"),
    "boende_och_rådrum": ("kostnadstyper", MUNICIPAL),
    "umgänge": ("riksnorm", MUNICIPAL, "lagrum"),
    "kontroll": ("inkomsttyper", "kontroll", "lagrum"),
    "budgetrådgivning": ("riksnorm",),
    "långvarigt_bistånd": ("jobbstimulans",),
}


@dataclass
class Page:
    path: str
    title: str
    rules: list[str]
    reviewed: date | None


@dataclass
class Exercise:
    path: str
    title: str
    routine: str | None
    skills: list[str]
    cases: list[str]
    explicit_rules: list[str] = field(default_factory=list)

    def rules(self, case_rules: dict[str, set[str]]) -> dict[str, list[str]]:
        """Each rule value the exercise relies on, with why (the skill, the case or its metadata)."""
        found: dict[str, list[str]] = {}
        for rule in self.explicit_rules:
            found.setdefault(rule, []).append("metadata")
        for skill in self.skills:
            for rule in SKILL_RULES.get(skill, ()):
                found.setdefault(rule, []).append(f"färdighet {skill}")
        for case in self.cases:
            for rule in sorted(case_rules.get(case, set())):
                found.setdefault(rule, []).append(f"fall {case}")
        return found


@dataclass
class Case:
    id: str
    path: str
    month: str | None
    skills: list[str]

    @property
    def rules(self) -> set[str]:
        rules = set(ASSESSMENT_RULES)
        for skill in self.skills:
            rules.update(SKILL_RULES.get(skill, ()))
        return rules


@dataclass
class Change:
    rule: str
    files: list[str]
    when: date | None
    years: list[int] | None = None  # the years whose values changed, where git could tell


@dataclass
class Report:
    changes: list[Change]
    pages: list[tuple[Page, list[str], bool]]  # page, changed rules it relies on, reviewed before the change
    exercises: list[tuple[Exercise, dict[str, list[str]]]]
    cases: list[tuple[Case, list[str]]]
    unknown_rules: list[tuple[str, str]]  # (page or exercise, rule) not in toolkit/parameters
