"""Per-line results, the practice flag, checkpoint sign-offs and roles.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN with a default: SQLite does it in place, without copying the table.
    op.add_column("attempt", sa.Column("practice", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("trainee", sa.Column("role", sa.String(20), nullable=False, server_default=sa.text("'nyanstalld'")))
    # The profile and the cohort view group a trainee's attempts by time.
    op.create_index("ix_attempt_trainee_created", "attempt", ["trainee_id", "created"])
    op.create_table(
        "attempt_line",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("attempt_id", sa.Integer(), sa.ForeignKey("attempt.id"), nullable=False),
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("skill", sa.String(60), nullable=False),
        sa.Column("right", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_attempt_line_attempt_id", "attempt_line", ["attempt_id"])
    op.create_table(
        "checkpoint_signoff",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("trainee_id", sa.Integer(), sa.ForeignKey("trainee.id"), nullable=False),
        sa.Column("checkpoint", sa.String(80), nullable=False),
        sa.Column("supervisor", sa.String(40), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_checkpoint_signoff_trainee_id", "checkpoint_signoff", ["trainee_id"])


def downgrade() -> None:
    op.drop_table("checkpoint_signoff")
    op.drop_table("attempt_line")
    op.drop_index("ix_attempt_trainee_created", "attempt")
    with op.batch_alter_table("trainee") as batch:
        batch.drop_column("role")
    with op.batch_alter_table("attempt") as batch:
        batch.drop_column("practice")
