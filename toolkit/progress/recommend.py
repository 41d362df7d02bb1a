"""What a trainee should do next, from the competence profile: the weakest skills, the skills
not yet tried, the misconceptions that recur, and the next exercise for each (from the exercise
registry casebank/ovningar.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .mastery import levels

if TYPE_CHECKING:
    from ..casebank.exercises import Registry
    from .profile import Profile

WEAKEST = 3  # how many of the weakest skills to name


@dataclass(frozen=True)
class Recommendation:
    kind: str  # "svagast", "ej_provad" or "återkommande"
    subject: str  # the skill or misconception id
    reason: str  # why, in Swedish
    exercise: str | None  # the registry id of the next exercise, None when no exercise trains it
    title: str | None


def next_exercise(registry: Registry, skill: str, done: set[str]) -> tuple[str, str] | None:
    """The first exercise in the book's order that trains the skill and that the trainee has
    not done; else the first that trains it (to be done again on a new variant)."""
    training = [e for e in registry.exercises if skill in e.skills]
    if not training:
        return None
    chosen = next((e for e in training if e.record_id not in done), training[0])
    return chosen.id, chosen.title


def recommendations(
    profile: Profile, registry: Registry, skill_of: dict[str, str] | None = None
) -> list[Recommendation]:
    """The recommendations for a trainee. `skill_of` maps a misconception id to the skill it
    belongs to (toolkit/misconceptions.yaml); without it recurring misconceptions get no exercise."""
    params = levels()
    done = set(profile.exercises)
    tried = {s for s, summary in profile.skills.items() if summary.attempts}
    out: list[Recommendation] = []

    def add(kind: str, subject: str, reason: str, skill: str | None) -> None:
        found = next_exercise(registry, skill, done) if skill else None
        out.append(Recommendation(kind, subject, reason, *(found or (None, None))))

    weak = sorted(
        (s for s in profile.skills.values() if s.attempts and s.level < params.weak_below),
        key=lambda s: (s.level, s.percent, s.skill),
    )
    for summary in weak[:WEAKEST]:
        add("svagast", summary.skill, f"nivå {summary.level}, {summary.percent} % rätt", summary.skill)
    for skill in sorted({s for e in registry.exercises for s in e.skills} - tried):
        add("ej_provad", skill, "inte övad ännu", skill)
    for misconception, count in profile.misconceptions.most_common():
        if count >= params.recurring:
            add("återkommande", misconception, f"{count} gånger", (skill_of or {}).get(misconception))
    return out
