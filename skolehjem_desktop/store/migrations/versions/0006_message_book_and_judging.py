"""message book 2022, appointments, held exceptions

The message book's school year gets what the 2022 rules add (interventions and follow-up
for a pupil who needs them; the pupil's thoughts on further education in grades 7–9).
A call or an sms can say it was agreed first, and a conversation held without a guardian
or a contact teacher remembers that the teacher confirmed it. Nothing else moves: the
new columns default to no.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 02:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TEXT_MAX = 20000


def upgrade() -> None:
    op.create_table(
        "message_book_year",
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("needs_support", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("interventions", sa.Text(), server_default="", nullable=False),
        sa.Column("follow_up", sa.Text(), server_default="", nullable=False),
        sa.Column("further_education", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint(
            "school_year BETWEEN 2000 AND 2100",
            name=op.f("ck_message_book_year_school_year_range"),
        ),
        sa.CheckConstraint(
            f"length(interventions) <= {TEXT_MAX}",
            name=op.f("ck_message_book_year_interventions_length"),
        ),
        sa.CheckConstraint(
            f"length(follow_up) <= {TEXT_MAX}", name=op.f("ck_message_book_year_follow_up_length")
        ),
        sa.CheckConstraint(
            f"length(further_education) <= {TEXT_MAX}",
            name=op.f("ck_message_book_year_further_education_length"),
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_message_book_year_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("student_id", "school_year", name=op.f("pk_message_book_year")),
    )
    op.add_column(
        "contact_entry",
        sa.Column("by_appointment", sa.Boolean(), server_default=sa.text("0"), nullable=False),
    )
    op.add_column(
        "conversation",
        sa.Column("held_exception", sa.Boolean(), server_default=sa.text("0"), nullable=False),
    )


def downgrade() -> None:
    # SQLite (3.35 and later) drops a column in place. A batch copy would drop and
    # re-create the tables, and with foreign keys on, the rows that point at them
    # (the evening plans' conversations) would be set to null or deleted.
    op.execute("ALTER TABLE conversation DROP COLUMN held_exception")
    op.execute("ALTER TABLE contact_entry DROP COLUMN by_appointment")
    op.drop_table("message_book_year")
