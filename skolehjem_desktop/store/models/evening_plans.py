"""Conversation evenings being planned for a class, and what in them is per pupil."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from skolehjem_desktop.domain.limits import SHORT_MAX, TEXT_MAX
from skolehjem_desktop.store.models.base import Base, _maxlen, _now


class EveningPlan(Base):
    """A conversation evening being planned for a class, kept as typed across a restart.

    ``setup`` is JSON holding what names no pupil (the evenings, the teachers taking
    part, the rooms); ``plan`` is set (to a small JSON marker) once a draft plan was
    computed. Everything per pupil is in rows that go with the pupil: the families'
    unavailability (:class:`EveningPlanUnavailable`) and the draft's assignments
    (:class:`EveningPlanAssignment`). ``accepted_at`` is set when the plan became
    planned conversations.
    """

    __tablename__ = "evening_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_class_id: Mapped[int] = mapped_column(
        ForeignKey("school_class.id", ondelete="CASCADE"), index=True
    )
    setup: Mapped[str] = mapped_column(Text, default="{}")
    plan: Mapped[str | None] = mapped_column(Text)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    unavailable: Mapped[list[EveningPlanUnavailable]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    assignments: Mapped[list[EveningPlanAssignment]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class EveningPlanUnavailable(Base):
    """When one pupil's family cannot come, for one evening plan.

    ``periods`` is the text the setup uses (``16:00-17:00, 2026-11-24 18:30-19:30``).
    """

    __tablename__ = "evening_plan_unavailable"
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("evening_plan.id", ondelete="CASCADE"), primary_key=True
    )
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    periods: Mapped[str] = mapped_column(Text)
    __table_args__ = (
        CheckConstraint("length(trim(periods)) > 0", name="periods_not_empty"),
        _maxlen("periods", TEXT_MAX),
    )


class EveningPlanAssignment(Base):
    """One pupil's place in an evening plan's draft: when, in which room, with whom.

    ``teachers`` is the JSON list of the teachers' initials; ``conversation_id`` is the
    planned conversation made when the plan was accepted.
    """

    __tablename__ = "evening_plan_assignment"
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("evening_plan.id", ondelete="CASCADE"), primary_key=True
    )
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime)
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime)
    room: Mapped[str] = mapped_column(String(SHORT_MAX), default="")
    teachers: Mapped[str] = mapped_column(Text, default="[]")
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversation.id", ondelete="SET NULL"), index=True
    )
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_starts"),
        _maxlen("room", SHORT_MAX),
        _maxlen("teachers", TEXT_MAX),
    )
