"""The message book (meddelelsesbogen): a pupil's focus points and their presentation."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from skolehjem_desktop.domain.enums import FocusArea, FocusStatus, PresentationVia
from skolehjem_desktop.domain.limits import NAME_MAX, TEXT_MAX
from skolehjem_desktop.store.models.base import Base, _enum, _maxlen


class FocusPoint(Base):
    """A focus point in the message book (meddelelsesbogen) for one school year and area."""

    __tablename__ = "focus_point"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), index=True
    )
    school_year: Mapped[int] = mapped_column(Integer)
    area: Mapped[FocusArea] = mapped_column(_enum(FocusArea, "focus_area"))
    subject: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    goal: Mapped[str] = mapped_column(Text)
    actions: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[FocusStatus] = mapped_column(
        _enum(FocusStatus, "focus_status"), default=FocusStatus.NOT_STARTED
    )
    evaluation: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("focus_point.id", ondelete="SET NULL")
    )
    __table_args__ = (
        CheckConstraint("school_year BETWEEN 2000 AND 2100", name="school_year_range"),
        CheckConstraint("length(trim(goal)) > 0", name="goal_not_empty"),
        CheckConstraint(
            "area <> 'other_subject' OR length(trim(subject)) > 0", name="other_needs_subject"
        ),
        _maxlen("goal", TEXT_MAX),
        _maxlen("actions", TEXT_MAX),
        _maxlen("evaluation", TEXT_MAX),
        Index("ix_focus_point_student_year", "student_id", "school_year"),
    )


class FocusPresentation(Base):
    """When a pupil's focus points were presented to the parents, and how."""

    __tablename__ = "focus_presentation"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), index=True
    )
    school_year: Mapped[int] = mapped_column(Integer)
    presented_on: Mapped[dt.date] = mapped_column(Date)
    via: Mapped[PresentationVia] = mapped_column(_enum(PresentationVia, "presentation_via"))
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversation.id", ondelete="SET NULL")
    )
    note: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (
        CheckConstraint("school_year BETWEEN 2000 AND 2100", name="school_year_range"),
        _maxlen("note", TEXT_MAX),
    )


class MessageBookYear(Base):
    """What the message book holds for a pupil's school year besides the focus points.

    The 2022 rules (L 174): for a pupil who needs them, the interventions and their
    follow-up (indsatser og opfølgning); in grades 7–9, the pupil's thoughts on further
    education (uddannelsesønsker).
    """

    __tablename__ = "message_book_year"
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), primary_key=True
    )
    school_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    needs_support: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    interventions: Mapped[str] = mapped_column(Text, default="", server_default="")
    follow_up: Mapped[str] = mapped_column(Text, default="", server_default="")
    further_education: Mapped[str] = mapped_column(Text, default="", server_default="")
    __table_args__ = (
        CheckConstraint("school_year BETWEEN 2000 AND 2100", name="school_year_range"),
        _maxlen("interventions", TEXT_MAX),
        _maxlen("follow_up", TEXT_MAX),
        _maxlen("further_education", TEXT_MAX),
    )
