"""The schema as it was before migrations: trainee, attempt and review.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trainee",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pseudonym", sa.String(40), nullable=False),
        sa.Column("cohort", sa.String(40), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_trainee_pseudonym", "trainee", ["pseudonym"], unique=True)
    op.create_table(
        "attempt",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("trainee_id", sa.Integer(), sa.ForeignKey("trainee.id"), nullable=False),
        sa.Column("exercise", sa.String(80), nullable=False),
        sa.Column("case_id", sa.String(80), nullable=True),
        sa.Column("variant_seed", sa.BigInteger(), nullable=True),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("max_score", sa.Integer(), nullable=False),
        sa.Column("misconceptions", sa.JSON(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_attempt_trainee_id", "attempt", ["trainee_id"])
    op.create_index("ix_attempt_exercise", "attempt", ["exercise"])
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("attempt_id", sa.Integer(), sa.ForeignKey("attempt.id"), nullable=False),
        sa.Column("reviewer", sa.String(40), nullable=False),
        sa.Column("grade", sa.String(40), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_review_attempt_id", "review", ["attempt_id"])


def downgrade() -> None:
    op.drop_table("review")
    op.drop_table("attempt")
    op.drop_table("trainee")
