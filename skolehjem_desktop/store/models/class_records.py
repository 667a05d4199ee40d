"""A class's records: its parent meetings and its parent council."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from skolehjem_desktop.domain.enums import CalledBy
from skolehjem_desktop.domain.limits import SHORT_MAX, TEXT_MAX
from skolehjem_desktop.store.models.base import Base, _enum, _maxlen, _now

if TYPE_CHECKING:
    from skolehjem_desktop.store.models.people import Guardian
    from skolehjem_desktop.store.models.school import Teacher


class ParentMeeting(Base):
    """A class parent meeting (forældremøde), called by the teachers or the parent council."""

    __tablename__ = "parent_meeting"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_class_id: Mapped[int] = mapped_column(
        ForeignKey("school_class.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime)
    ends_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(String(SHORT_MAX), default="")
    called_by: Mapped[CalledBy] = mapped_column(
        _enum(CalledBy, "called_by"), default=CalledBy.TEACHERS
    )
    agenda: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    families_present: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    teacher_links: Mapped[list[ParentMeetingTeacher]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    __table_args__ = (
        CheckConstraint(
            "families_present IS NULL OR families_present >= 0", name="families_present_range"
        ),
        CheckConstraint("ends_at IS NULL OR ends_at > starts_at", name="ends_after_starts"),
        _maxlen("place", SHORT_MAX),
        _maxlen("agenda", TEXT_MAX),
        _maxlen("minutes", TEXT_MAX),
    )


class ParentMeetingTeacher(Base):
    """A teacher who took part in a parent meeting."""

    __tablename__ = "parent_meeting_teacher"
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("parent_meeting.id", ondelete="CASCADE"), primary_key=True
    )
    teacher_id: Mapped[int] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), primary_key=True
    )
    teacher: Mapped[Teacher] = relationship()


class CouncilMember(Base):
    """A member of a class's parent council (klasseforældreråd); one may be the contact parent."""

    __tablename__ = "council_member"
    school_class_id: Mapped[int] = mapped_column(
        ForeignKey("school_class.id", ondelete="CASCADE"), primary_key=True
    )
    guardian_id: Mapped[int] = mapped_column(
        ForeignKey("guardian.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    is_contact_parent: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=text("0")
    )
    guardian: Mapped[Guardian] = relationship()
    __table_args__ = (
        Index(
            "ix_council_member_one_contact_parent",
            "school_class_id",
            unique=True,
            sqlite_where=text("is_contact_parent = 1"),
        ),
    )
