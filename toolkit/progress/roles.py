"""Supervisors and trainees told apart. A supervisor (metodhandledare) is a pseudonym with the
role in the store (`python -m toolkit progress role PSEUDONYM --metodhandledare`) or listed in
the deployment's group, the environment variable HANDBOK_METODHANDLEDARE (pseudonyms separated
by commas, as a JupyterHub group is handed to the server). Everyone else is a trainee."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..errors import InputError
from .models import SUPERVISOR, Trainee, check_pseudonym

if TYPE_CHECKING:
    from .store import Store

GROUP = "HANDBOK_METODHANDLEDARE"


def group() -> set[str]:
    """The deployment's supervisors from HANDBOK_METODHANDLEDARE (empty when unset)."""
    return {name.strip().lower() for name in os.environ.get(GROUP, "").split(",") if name.strip()}


def is_supervisor(store: Store, pseudonym: str) -> bool:
    """True when the pseudonym is a supervisor in the store or in the deployment's group."""
    name = check_pseudonym(pseudonym)
    if name in group():
        return True
    with store.session() as session:
        return session.scalar(select(Trainee.role).where(Trainee.pseudonym == name)) == SUPERVISOR


def require_supervisor(store: Store, pseudonym: str) -> str:
    """The supervisor's pseudonym; InputError (Swedish) when it is not a supervisor's."""
    name = check_pseudonym(pseudonym)
    if not is_supervisor(store, name):
        raise InputError(
            f"{name} är inte metodhandledare: bara en metodhandledare kan se gruppen, bedöma försök "
            "och godkänna kontrollpunkter",
            field="metodhandledare",
        )
    return name


def may_read(store: Store, viewer: str, pseudonym: str) -> bool:
    """A trainee reads only their own attempts; a supervisor reads everyone's."""
    return check_pseudonym(viewer) == check_pseudonym(pseudonym) or is_supervisor(store, viewer)


def enforced(store: Store) -> bool:
    """Roles are in force once the deployment names a supervisor (in the store or its group);
    before that a single trainee working alone grades their own plans."""
    if group():
        return True
    with store.session() as session:
        return session.scalar(select(Trainee.id).where(Trainee.role == SUPERVISOR).limit(1)) is not None


def may_grade(store: Store, pseudonym: str) -> bool:
    """Whether the pseudonym may grade attempts: a supervisor, or anyone while no roles are in force."""
    return is_supervisor(store, pseudonym) or not enforced(store)
