"""The pupils and their guardians, and which guardian is whose.

No CPR number is stored anywhere, by design.
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
    Index,
    Integer,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from skolehjem_desktop.domain.enums import Language, Relation
from skolehjem_desktop.domain.limits import NAME_MAX, PHONE_MAX, SHORT_MAX
from skolehjem_desktop.store.models.base import Base, _enum, _maxlen, _now

if TYPE_CHECKING:
    from skolehjem_desktop.store.models.school import Enrolment


class Student(Base):
    """A pupil. Minimal fields: names and an optional birth date; never a CPR number."""

    __tablename__ = "student"
    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(NAME_MAX))
    last_name: Mapped[str] = mapped_column(String(NAME_MAX))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    enrolments: Mapped[list[Enrolment]] = relationship(
        back_populates="student", cascade="all, delete-orphan", passive_deletes=True
    )
    guardian_links: Mapped[list[StudentGuardian]] = relationship(
        back_populates="student", cascade="all, delete-orphan", passive_deletes=True
    )
    __table_args__ = (
        CheckConstraint("length(trim(first_name)) > 0", name="first_name_not_empty"),
        _maxlen("first_name", NAME_MAX),
        _maxlen("last_name", NAME_MAX),
        Index("ix_student_names", "last_name", "first_name"),
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Guardian(Base):
    """A parent or guardian, with contact data and the language they read best."""

    __tablename__ = "guardian"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    email: Mapped[str | None] = mapped_column(String(SHORT_MAX))
    phone: Mapped[str | None] = mapped_column(String(PHONE_MAX))
    preferred_language: Mapped[Language] = mapped_column(
        _enum(Language, "language"), default=Language.DA
    )
    student_links: Mapped[list[StudentGuardian]] = relationship(
        back_populates="guardian", cascade="all, delete-orphan", passive_deletes=True
    )
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),
        _maxlen("name", NAME_MAX),
    )


class StudentGuardian(Base):
    """A guardian of a pupil: the relation and custody belong to the pair."""

    __tablename__ = "student_guardian"
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), primary_key=True
    )
    guardian_id: Mapped[int] = mapped_column(
        ForeignKey("guardian.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    relation: Mapped[Relation] = mapped_column(_enum(Relation, "relation"), default=Relation.PARENT)
    has_custody: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("1"))
    position: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # Lives at another address than the pupil's other guardians (the Guardians tab): such
    # parents may each want a conversation of their own.
    lives_apart: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))

    student: Mapped[Student] = relationship(back_populates="guardian_links")
    guardian: Mapped[Guardian] = relationship(back_populates="student_links")
