"""principles: the school's own value of a rule of school–home cooperation

One row per rule the school changed from its preset (the preset's name is a setting).
Nothing else moves: a database without rows has the defaults, as before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 01:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "principle",
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.CheckConstraint("length(trim(rule)) > 0", name=op.f("ck_principle_rule_not_empty")),
        sa.CheckConstraint("length(value) <= 200", name=op.f("ck_principle_value_length")),
        sa.PrimaryKeyConstraint("rule", name=op.f("pk_principle")),
    )


def downgrade() -> None:
    op.drop_table("principle")
    op.execute("DELETE FROM setting WHERE key = 'principles.preset'")
