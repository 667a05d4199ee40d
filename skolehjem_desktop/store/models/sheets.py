"""What comes back from the homes and the colleagues, and what goes out to Aula.

A filled-in sheet read back is remembered by a hash of what it held (:class:`SheetImport`),
so reading it twice adds nothing twice. A colleague's input before a conversation
(:class:`ColleagueInput`) is private to the school. The times a family said suit them
(:class:`FamilyAvailability`) feed the evening planner. A message copied for Aula
(:class:`AulaMessage`) remembers when, and the contact it was logged as.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from skolehjem_desktop.domain.enums import AulaMessageKind, Language, SheetKind
from skolehjem_desktop.domain.limits import NAME_MAX, SHORT_MAX, TEXT_MAX
from skolehjem_desktop.store.models.base import Base, _enum, _maxlen


class SheetImport(Base):
    """A filled-in sheet that was read back: which pupil, which conversation, when."""

    __tablename__ = "sheet_import"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SheetKind] = mapped_column(_enum(SheetKind, "sheet_kind"))
    # sha256 of the sheet's kind, school, pupil, conversation and answers (canonical JSON)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), index=True
    )
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversation.id", ondelete="SET NULL")
    )
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ColleagueInput(Base):
    """A subject teacher's input before a pupil's conversation (private to the school)."""

    __tablename__ = "colleague_input"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), index=True
    )
    school_year: Mapped[int] = mapped_column(Integer)
    # the pupil's next conversation when it was read (none planned: null)
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversation.id", ondelete="SET NULL")
    )
    colleague: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    subject: Mapped[str] = mapped_column(String(SHORT_MAX), default="")
    academic: Mapped[str] = mapped_column(Text, default="")
    wellbeing: Mapped[str] = mapped_column(Text, default="")
    focus_suggestions: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    __table_args__ = (
        CheckConstraint("school_year BETWEEN 2000 AND 2100", name="school_year_range"),
        _maxlen("colleague", NAME_MAX),
        _maxlen("subject", SHORT_MAX),
        _maxlen("academic", TEXT_MAX),
        _maxlen("wellbeing", TEXT_MAX),
        _maxlen("focus_suggestions", TEXT_MAX),
    )


class FamilyAvailability(Base):
    """When a family said conversations suit them, from their preparation sheet.

    ``slots`` is JSON: a list of ``{"weekday": 0-6, "start": "HH:MM", "end": "HH:MM"}``
    (0 = Monday). ``separate``: parents who live apart each want a conversation;
    ``with_siblings``: the family wants one conversation with the pupil's siblings.
    """

    __tablename__ = "family_availability"
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), primary_key=True
    )
    school_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    slots: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    separate: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    with_siblings: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    __table_args__ = (
        CheckConstraint("school_year BETWEEN 2000 AND 2100", name="school_year_range"),
        _maxlen("slots", TEXT_MAX),
        _maxlen("note", TEXT_MAX),
    )


class AulaMessage(Base):
    """A message the teacher copied for Aula: what, in which language, when."""

    __tablename__ = "aula_message"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[AulaMessageKind] = mapped_column(_enum(AulaMessageKind, "aula_message_kind"))
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), index=True
    )
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversation.id", ondelete="SET NULL")
    )
    # the parent's contact it answers (a reply), and the school's contact it was logged as
    answers_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_entry.id", ondelete="SET NULL")
    )
    logged_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_entry.id", ondelete="SET NULL")
    )
    language: Mapped[Language] = mapped_column(_enum(Language, "language"))
    subject: Mapped[str] = mapped_column(String(SHORT_MAX), default="")
    copied_at: Mapped[dt.datetime] = mapped_column(DateTime)
    __table_args__ = (_maxlen("subject", SHORT_MAX),)
