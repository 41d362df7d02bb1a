"""Running totals for the supervisor's view and the competence profile, the review queue, and
an index that finds an earlier attempt on the same variant; filled from the stored attempts.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _trainee() -> sa.Column:
    return sa.Column("trainee_id", sa.Integer(), sa.ForeignKey("trainee.id"), primary_key=True)


def _counts(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.Integer(), nullable=False, server_default=sa.text("0")) for name in names]


def upgrade() -> None:
    # The backfill reads the attempts through toolkit.progress.backfill, which names only columns
    # that exist from this revision on (a later revision that renames one must copy it here).
    from toolkit.progress.backfill import backfill

    op.create_index("ix_attempt_variant", "attempt", ["trainee_id", "exercise", "case_id", "variant_seed"])
    op.create_table(
        "skill_total",
        _trainee(),
        sa.Column("skill", sa.String(), primary_key=True),
        *_counts("attempts", "score", "max_score", "full_marks", "right_variants", "streak", "practice"),
        *_counts("misconceptions"),
        sa.Column("last", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "skill_variant",
        _trainee(),
        sa.Column("skill", sa.String(), primary_key=True),
        sa.Column("variant", sa.String(), primary_key=True),
    )
    op.create_table(
        "week_total", _trainee(), sa.Column("week", sa.String(10), primary_key=True), *_counts("attempts", "full_marks")
    )
    op.create_table(
        "misconception_total", _trainee(), sa.Column("misconception", sa.String(), primary_key=True), *_counts("count")
    )
    op.create_table(
        "exercise_total", _trainee(), sa.Column("exercise", sa.String(80), primary_key=True), *_counts("attempts")
    )
    op.create_table(
        "review_queue",
        sa.Column("attempt_id", sa.Integer(), sa.ForeignKey("attempt.id"), primary_key=True),
        sa.Column("trainee_id", sa.Integer(), sa.ForeignKey("trainee.id"), nullable=False),
        sa.Column("exercise", sa.String(80), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_review_queue_trainee_id", "review_queue", ["trainee_id"])
    op.create_index("ix_review_queue_created", "review_queue", ["created", "attempt_id"])
    backfill(op.get_bind())


def downgrade() -> None:
    for table in (
        "review_queue",
        "exercise_total",
        "misconception_total",
        "week_total",
        "skill_variant",
        "skill_total",
    ):
        op.drop_table(table)
    op.drop_index("ix_attempt_variant", "attempt")
