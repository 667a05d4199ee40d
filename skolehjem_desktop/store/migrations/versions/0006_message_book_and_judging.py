"""message book 2022, appointments, held exceptions

The message book's school year gets what the 2022 rules add (interventions and follow-up
for a pupil who needs them; the pupil's thoughts on further education in grades 7–9).
The contact log gets the channel sms, and a call or an sms can say it was agreed on
first (the table is rebuilt for its CHECK of the channels; nothing refers to it). A
conversation held without a guardian or a contact teacher remembers that the teacher
confirmed it. Nothing else moves: the new columns default to no. Going back, an sms
becomes a call.

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
CHANNELS_0005 = ("aula", "phone", "email", "meeting", "ad_hoc")
CHANNELS_0006 = ("aula", "phone", "sms", "email", "meeting", "ad_hoc")
COLUMNS_0005 = (
    "id, student_id, guardian_id, occurred_at, channel, started_by, topic, summary, reply_due, done"
)


def _contact_table(name: str, channels: tuple[str, ...], by_appointment: bool) -> str:
    listed = ", ".join(f"'{c}'" for c in channels)
    appointment = "\n\tby_appointment BOOLEAN DEFAULT 0 NOT NULL, " if by_appointment else ""
    return f"""CREATE TABLE {name} (
\tid INTEGER NOT NULL, \tstudent_id INTEGER NOT NULL, \tguardian_id INTEGER,
\toccurred_at DATETIME NOT NULL, \tchannel VARCHAR(32) NOT NULL,
\tstarted_by VARCHAR(32) NOT NULL, \ttopic VARCHAR(32) NOT NULL, \tsummary TEXT NOT NULL,
\treply_due DATE, \tdone BOOLEAN NOT NULL, {appointment}
\tCONSTRAINT pk_contact_entry PRIMARY KEY (id),
\tCONSTRAINT ck_contact_entry_summary_length CHECK (length(summary) <= {TEXT_MAX}),
\tCONSTRAINT fk_contact_entry_guardian_id_guardian FOREIGN KEY(guardian_id)
\t\tREFERENCES guardian (id) ON DELETE SET NULL,
\tCONSTRAINT fk_contact_entry_student_id_student FOREIGN KEY(student_id)
\t\tREFERENCES student (id) ON DELETE CASCADE,
\tCONSTRAINT ck_contact_entry_contact_channel CHECK (channel IN ({listed})),
\tCONSTRAINT ck_contact_entry_started_by CHECK (started_by IN ('parent', 'school')),
\tCONSTRAINT ck_contact_entry_contact_topic CHECK (topic IN
\t\t('wellbeing', 'academic', 'practical', 'conflict', 'other'))
)"""


def _rebuild_contacts(channels: tuple[str, ...], by_appointment: bool, select: str) -> None:
    """The contact log copied into a table of the new shape, then put in its place.

    No table refers to ``contact_entry``, so dropping it touches no other rows.
    """
    columns = COLUMNS_0005 + (", by_appointment" if by_appointment else "")
    op.execute(_contact_table("contact_entry_new", channels, by_appointment))
    op.execute(f"INSERT INTO contact_entry_new ({columns}) SELECT {select} FROM contact_entry")
    op.execute("DROP TABLE contact_entry")
    op.execute("ALTER TABLE contact_entry_new RENAME TO contact_entry")
    op.execute("CREATE INDEX ix_contact_entry_student_id ON contact_entry (student_id)")


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
    _rebuild_contacts(CHANNELS_0006, True, COLUMNS_0005 + ", 0")
    # 0005 let a school set these to 0; from 0006 at least one a year (the law's minimum).
    op.execute(
        "UPDATE principle SET value = '1' WHERE value = '0' AND rule IN "
        "('ordinary_conversations_per_year', 'presentations_per_year')"
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
    _rebuild_contacts(
        CHANNELS_0005,
        False,
        COLUMNS_0005.replace("channel,", "CASE channel WHEN 'sms' THEN 'phone' ELSE channel END,"),
    )
    op.drop_table("message_book_year")
