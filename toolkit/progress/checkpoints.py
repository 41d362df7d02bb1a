"""Where a trainee stands in the introduction programme (book/data/introduktion.yaml): per
week's checkpoint, the skill criteria met from the competence profile, and whether a
supervisor has signed the checkpoint off (who, when, comment)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..programme import Programme
    from .store import Store


def checkpoint_ids(programme: Programme) -> list[str]:
    """The checkpoints a supervisor can sign off: one per week, named by the week's id."""
    return [week.id for week in programme.weeks]


def standing(store: Store, pseudonym: str, programme: Programme) -> pd.DataFrame:
    """One row per week: the checkpoint, the skills still below the required level, and the
    sign-off (supervisor, when, comment; empty when not signed off)."""
    import pandas as pd

    profile = store.profile(pseudonym)
    signed = {s.checkpoint: s for s in store.signoffs(pseudonym)}
    rows = []
    for week in programme.weeks:
        below = [
            f"{skill} (nivå {profile.skills[skill].level if skill in profile.skills else 0} av {level})"
            for skill, level in week.checkpoint.skills().items()
            if (profile.skills[skill].level if skill in profile.skills else 0) < level
        ]
        signoff = signed.get(week.id)
        rows.append(
            {
                "vecka": week.number,
                "kontrollpunkt": week.id,
                "rubrik": week.title,
                "färdigheter_kvar": ", ".join(below),
                "godkänd_av": signoff.supervisor if signoff else "",
                "godkänd": signoff.created if signoff else None,
                "kommentar": signoff.comment if signoff else "",
            }
        )
    return pd.DataFrame(rows)
