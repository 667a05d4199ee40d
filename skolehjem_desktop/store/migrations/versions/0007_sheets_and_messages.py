"""sheets read back, colleagues' input, families' times, messages for Aula

Four new tables (see ``store/models/sheets.py``) and a flag on a pupil's guardian: lives
apart from the pupil's other guardians. Nothing else moves. Going back drops them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 03:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "family_availability",
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("slots", sa.Text(), server_default="[]", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("separate", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("with_siblings", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "length(note) <= 20000", name=op.f("ck_family_availability_note_length")
        ),
        sa.CheckConstraint(
            "length(slots) <= 20000", name=op.f("ck_family_availability_slots_length")
        ),
        sa.CheckConstraint(
            "school_year BETWEEN 2000 AND 2100",
            name=op.f("ck_family_availability_school_year_range"),
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_family_availability_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("student_id", "school_year", name=op.f("pk_family_availability")),
    )
    op.create_table(
        "aula_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "invitation",
                "summary",
                "reminder",
                "reply",
                name="aula_message_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.Column("answers_contact_id", sa.Integer(), nullable=True),
        sa.Column("logged_contact_id", sa.Integer(), nullable=True),
        sa.Column(
            "language",
            sa.Enum(
                "da", "en", name="language", native_enum=False, create_constraint=True, length=32
            ),
            nullable=False,
        ),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("copied_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(subject) <= 200", name=op.f("ck_aula_message_subject_length")),
        sa.ForeignKeyConstraint(
            ["answers_contact_id"],
            ["contact_entry.id"],
            name=op.f("fk_aula_message_answers_contact_id_contact_entry"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_aula_message_conversation_id_conversation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["logged_contact_id"],
            ["contact_entry.id"],
            name=op.f("fk_aula_message_logged_contact_id_contact_entry"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_aula_message_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aula_message")),
    )
    op.create_index(
        op.f("ix_aula_message_student_id"), "aula_message", ["student_id"], unique=False
    )
    op.create_table(
        "colleague_input",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.Column("colleague", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("academic", sa.Text(), nullable=False),
        sa.Column("wellbeing", sa.Text(), nullable=False),
        sa.Column("focus_suggestions", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "length(academic) <= 20000", name=op.f("ck_colleague_input_academic_length")
        ),
        sa.CheckConstraint(
            "length(colleague) <= 100", name=op.f("ck_colleague_input_colleague_length")
        ),
        sa.CheckConstraint(
            "length(focus_suggestions) <= 20000",
            name=op.f("ck_colleague_input_focus_suggestions_length"),
        ),
        sa.CheckConstraint(
            "length(subject) <= 200", name=op.f("ck_colleague_input_subject_length")
        ),
        sa.CheckConstraint(
            "length(wellbeing) <= 20000", name=op.f("ck_colleague_input_wellbeing_length")
        ),
        sa.CheckConstraint(
            "school_year BETWEEN 2000 AND 2100", name=op.f("ck_colleague_input_school_year_range")
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_colleague_input_conversation_id_conversation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_colleague_input_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_colleague_input")),
    )
    op.create_index(
        op.f("ix_colleague_input_student_id"), "colleague_input", ["student_id"], unique=False
    )
    op.create_table(
        "sheet_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "parents",
                "colleague",
                name="sheet_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_sheet_import_conversation_id_conversation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_sheet_import_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sheet_import")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_sheet_import_content_hash")),
    )
    op.create_index(
        op.f("ix_sheet_import_student_id"), "sheet_import", ["student_id"], unique=False
    )
    op.add_column(
        "student_guardian",
        sa.Column("lives_apart", sa.Boolean(), server_default=sa.text("0"), nullable=False),
    )


def downgrade() -> None:
    # In place (SQLite 3.35 and later): a batch copy of student_guardian would drop a
    # parent table of other rows.
    op.execute("ALTER TABLE student_guardian DROP COLUMN lives_apart")
    for table in ("sheet_import", "colleague_input", "aula_message", "family_availability"):
        op.drop_table(table)
