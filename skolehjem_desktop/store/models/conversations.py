"""School–home conversations: who takes part, their text sections, what was agreed.

The teacher's private preparation is a section that the database never lets be shared.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from skolehjem_desktop.domain.enums import (
    ConversationKind,
    ConversationStatus,
    RequestedBy,
    Responsible,
    SectionKind,
)
from skolehjem_desktop.domain.limits import SHORT_MAX, TEXT_MAX
from skolehjem_desktop.store.models.base import Base, _enum, _maxlen, _now

if TYPE_CHECKING:
    from skolehjem_desktop.store.models.people import Guardian, Student
    from skolehjem_desktop.store.models.school import Teacher


class Conversation(Base):
    """A school–home conversation (skole/hjemsamtale) about one pupil."""

    __tablename__ = "conversation"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ConversationKind] = mapped_column(_enum(ConversationKind, "conversation_kind"))
    requested_by: Mapped[RequestedBy] = mapped_column(_enum(RequestedBy, "requested_by"))
    status: Mapped[ConversationStatus] = mapped_column(
        _enum(ConversationStatus, "conversation_status"), default=ConversationStatus.PLANNED
    )
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=30)
    place: Mapped[str] = mapped_column(String(SHORT_MAX), default="")
    pupil_attends: Mapped[bool] = mapped_column(Boolean, default=True)
    pupil_attends_note: Mapped[str] = mapped_column(String(SHORT_MAX), default="")
    parents_wishes: Mapped[str] = mapped_column(Text, default="")
    next_conversation: Mapped[str] = mapped_column(Text, default="")
    # Held without a guardian or without a contact teacher, and the teacher confirmed it.
    held_exception: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    student: Mapped[Student] = relationship()
    sections: Mapped[list[ConversationSection]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", passive_deletes=True
    )
    agreements: Mapped[list[Agreement]] = relationship(
        back_populates="conversation",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Agreement.position",
    )
    teacher_links: Mapped[list[ConversationTeacher]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    guardian_links: Mapped[list[ConversationGuardian]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    __table_args__ = (
        CheckConstraint("duration_minutes BETWEEN 5 AND 480", name="duration_range"),
        _maxlen("place", SHORT_MAX),
        _maxlen("pupil_attends_note", SHORT_MAX),
        _maxlen("parents_wishes", TEXT_MAX),
        _maxlen("next_conversation", TEXT_MAX),
    )


class ConversationTeacher(Base):
    __tablename__ = "conversation_teacher"
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), primary_key=True
    )
    teacher_id: Mapped[int] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), primary_key=True
    )
    teacher: Mapped[Teacher] = relationship()


class ConversationGuardian(Base):
    __tablename__ = "conversation_guardian"
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), primary_key=True
    )
    guardian_id: Mapped[int] = mapped_column(
        ForeignKey("guardian.id", ondelete="CASCADE"), primary_key=True
    )
    guardian: Mapped[Guardian] = relationship()


class ConversationSection(Base):
    """One text section of a conversation; says whether the parents see it."""

    __tablename__ = "conversation_section"
    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"))
    kind: Mapped[SectionKind] = mapped_column(_enum(SectionKind, "section_kind"))
    text: Mapped[str] = mapped_column(Text, default="")
    shared: Mapped[bool] = mapped_column(Boolean, default=True)
    conversation: Mapped[Conversation] = relationship(back_populates="sections")
    __table_args__ = (
        UniqueConstraint("conversation_id", "kind", name="uq_conversation_section_kind"),
        CheckConstraint(
            "NOT (kind = 'private_preparation' AND shared)", name="private_never_shared"
        ),
        _maxlen("text", TEXT_MAX),
    )


class Agreement(Base):
    """What was agreed in a conversation, who is responsible, by when, and whether it is done."""

    __tablename__ = "agreement"
    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    responsible: Mapped[Responsible] = mapped_column(_enum(Responsible, "responsible"))
    due: Mapped[dt.date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    conversation: Mapped[Conversation] = relationship(back_populates="agreements")
    __table_args__ = (
        CheckConstraint("length(trim(text)) > 0", name="text_not_empty"),
        _maxlen("text", TEXT_MAX),
    )
