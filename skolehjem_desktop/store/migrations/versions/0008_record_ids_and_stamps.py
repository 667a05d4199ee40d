"""record ids and change stamps, for a class that moves between teachers

Every table of the school's records gets a stable id (``uid``, a UUID) and a stamp of
its last change (``version``, ``changed_at``, ``changed_by``), kept by triggers (see
``store/stamps.py``); the rows already there get theirs now. Four tables remember what a
class file exchange needs (``store/models/sync.py``). Nothing else moves. Going back
drops the triggers, the columns and the four tables.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 05:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from skolehjem_desktop.store import stamps

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The tables of schema 0007 that get the stamps (frozen here: a later table gets its
# columns in its own revision).
TABLES_0007 = (
    "guardian",
    "school_class",
    "student",
    "teacher",
    "class_teacher",
    "contact_entry",
    "conversation",
    "council_member",
    "enrolment",
    "evening_plan",
    "family_availability",
    "focus_point",
    "message_book_year",
    "parent_meeting",
    "student_guardian",
    "agreement",
    "aula_message",
    "colleague_input",
    "conversation_guardian",
    "conversation_section",
    "conversation_teacher",
    "evening_plan_assignment",
    "evening_plan_unavailable",
    "focus_presentation",
    "parent_meeting_teacher",
    "sheet_import",
)


def _sync_tables() -> None:
    op.create_table(
        "sync_tombstone",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=True),
        sa.Column("deleted_at", sa.String(length=24), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_sync_tombstone")),
    )
    op.create_table(
        "sync_received",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_sync_received")),
    )
    op.create_table(
        "sync_alias",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("local_uid", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_sync_alias")),
    )
    op.create_index(op.f("ix_sync_alias_local_uid"), "sync_alias", ["local_uid"])
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=True),
        sa.Column("school_class_id", sa.Integer(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("changed_at", sa.String(length=24), nullable=True),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column("sender", sa.String(length=100), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_class_id"],
            ["school_class.id"],
            name=op.f("fk_sync_conflict_school_class_id_school_class"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_sync_conflict_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    op.create_index(op.f("ix_sync_conflict_uid"), "sync_conflict", ["uid"])
    op.create_index(op.f("ix_sync_conflict_student_id"), "sync_conflict", ["student_id"])
    op.create_index(op.f("ix_sync_conflict_school_class_id"), "sync_conflict", ["school_class_id"])


def upgrade() -> None:
    _sync_tables()
    for table in TABLES_0007:
        for column in stamps.stamp_columns():
            op.add_column(table, column)
        op.execute(stamps.fill_ddl(table))
        op.create_index(f"ix_{table}_uid", table, ["uid"], unique=True)
        for statement in stamps.trigger_ddl(table):
            op.execute(statement)


def downgrade() -> None:
    for table in TABLES_0007:
        for statement in stamps.drop_trigger_ddl(table):
            op.execute(statement)
        op.drop_index(f"ix_{table}_uid", table_name=table)
        # SQLite (3.35 and later) drops a column in place.
        for name in reversed(stamps.STAMP_COLUMNS):
            op.drop_column(table, name)
    for name in ("sync_conflict", "sync_alias", "sync_received", "sync_tombstone"):
        op.drop_table(name)
