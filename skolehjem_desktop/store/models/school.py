"""The school: its settings, the teachers, the classes and who is in which class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from skolehjem_desktop.domain.limits import (
    CLASS_NAME_MAX,
    INITIALS_MAX,
    NAME_MAX,
    SETTING_KEY_MAX,
    SHORT_MAX,
    TEXT_MAX,
)
from skolehjem_desktop.store.models.base import Base, _maxlen

if TYPE_CHECKING:
    from skolehjem_desktop.store.models.people import Student


class Setting(Base):
    """Settings that belong to the data (school name, templates): they travel with a backup."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(SETTING_KEY_MAX), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    __table_args__ = (_maxlen("value", TEXT_MAX),)


class Teacher(Base):
    __tablename__ = "teacher"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    initials: Mapped[str] = mapped_column(String(INITIALS_MAX), unique=True)
    email: Mapped[str | None] = mapped_column(String(SHORT_MAX))
    is_user: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),
        CheckConstraint("length(trim(initials)) > 0", name="initials_not_empty"),
        _maxlen("name", NAME_MAX),
        Index("ix_teacher_one_user", "is_user", unique=True, sqlite_where=text("is_user = 1")),
    )


class SchoolClass(Base):
    """A class in one school year, e.g. 5.A in 2026/27 (``school_year`` = 2026)."""

    __tablename__ = "school_class"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(CLASS_NAME_MAX))
    school_year: Mapped[int] = mapped_column(Integer)
    grade: Mapped[int | None] = mapped_column(Integer)
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("school_class.id", ondelete="SET NULL")
    )

    teachers: Mapped[list[ClassTeacher]] = relationship(
        back_populates="school_class", cascade="all, delete-orphan"
    )
    enrolments: Mapped[list[Enrolment]] = relationship(
        back_populates="school_class", cascade="all, delete-orphan", passive_deletes=True
    )
    __table_args__ = (
        UniqueConstraint("name", "school_year", name="uq_school_class_name_year"),
        UniqueConstraint("id", "school_year", name="uq_school_class_id_year"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),
        CheckConstraint("school_year BETWEEN 2000 AND 2100", name="school_year_range"),
        CheckConstraint("grade IS NULL OR grade BETWEEN 0 AND 10", name="grade_range"),
    )


class ClassTeacher(Base):
    """A teacher of a class; the contact teachers are flagged."""

    __tablename__ = "class_teacher"
    class_id: Mapped[int] = mapped_column(
        ForeignKey("school_class.id", ondelete="CASCADE"), primary_key=True
    )
    teacher_id: Mapped[int] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), primary_key=True
    )
    is_contact_teacher: Mapped[bool] = mapped_column(
        Boolean, default=True, server_default=text("1")
    )
    school_class: Mapped[SchoolClass] = relationship(back_populates="teachers")
    teacher: Mapped[Teacher] = relationship()


class Enrolment(Base):
    """A pupil's class in one school year: at most one class per pupil per year."""

    __tablename__ = "enrolment"
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), primary_key=True
    )
    school_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    class_id: Mapped[int] = mapped_column(Integer, index=True)

    student: Mapped[Student] = relationship(back_populates="enrolments")
    school_class: Mapped[SchoolClass] = relationship(back_populates="enrolments")
    __table_args__ = (
        ForeignKeyConstraint(
            ["class_id", "school_year"],
            ["school_class.id", "school_class.school_year"],
            ondelete="CASCADE",
            name="fk_enrolment_class_year",
        ),
    )
