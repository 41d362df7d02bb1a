"""Alembic's environment for the progress store. The store (toolkit.progress.migrate) hands
over an open connection inside a locked transaction; nothing here opens its own."""

from __future__ import annotations

from alembic import context

from toolkit.progress.models import Base


def run() -> None:
    """Run the migrations on the connection the store passed in the config's attributes."""
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()


# Alembic runs this file; a plain import (the layer check walks every module) does nothing.
if hasattr(context, "config"):
    run()
