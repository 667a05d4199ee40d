"""evening plan

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 21:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evening_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_class_id", sa.Integer(), nullable=False),
        sa.Column("setup", sa.Text(), nullable=False),
        sa.Column("plan", sa.Text(), nullable=True),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_class_id"],
            ["school_class.id"],
            name=op.f("fk_evening_plan_school_class_id_school_class"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evening_plan")),
    )
    with op.batch_alter_table("evening_plan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evening_plan_school_class_id"), ["school_class_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("evening_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evening_plan_school_class_id"))
    op.drop_table("evening_plan")
