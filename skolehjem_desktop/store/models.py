"""The typed SQLAlchemy models of the whole domain (see the glossary in DESIGN.md).

Rules that the database itself can keep are kept here: foreign keys, CHECK
constraints for every closed vocabulary, sane ranges and text lengths, and the
rule that the teacher's private preparation is never shared. No CPR number is
stored anywhere, by design.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from skolehjem_desktop.domain.enums import (
    CalledBy,
    ContactChannel,
    ContactTopic,
    ConversationKind,
    ConversationStatus,
    FocusArea,
    FocusStatus,
    Language,
    PresentationVia,
    Relation,
    RequestedBy,
    Responsible,
    SectionKind,
    StartedBy,
)
from skolehjem_desktop.domain.limits import (
    CLASS_NAME_MAX,
    INITIALS_MAX,
    NAME_MAX,
    PHONE_MAX,
    SETTING_KEY_MAX,
    SHORT_MAX,
    TEXT_MAX,
)

# The limits on text the teacher types are domain.limits; the services check them first and
# say so plainly, the CHECK constraints below hold them for anything else.

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _enum(cls: type[StrEnum], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


def _maxlen(column: str, limit: int) -> CheckConstraint:
    return CheckConstraint(f"length({column}) <= {limit}", name=f"{column}_length")


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


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

    student: Mapped[Student] = relationship(back_populates="guardian_links")
    guardian: Mapped[Guardian] = relationship(back_populates="student_links")


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


class ContactEntry(Base):
    """Informal contact with the home (henvendelse): a message, a call, a short talk."""

    __tablename__ = "contact_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), index=True
    )
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("guardian.id", ondelete="SET NULL"))
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime)
    channel: Mapped[ContactChannel] = mapped_column(_enum(ContactChannel, "contact_channel"))
    started_by: Mapped[StartedBy] = mapped_column(_enum(StartedBy, "started_by"))
    topic: Mapped[ContactTopic] = mapped_column(_enum(ContactTopic, "contact_topic"))
    summary: Mapped[str] = mapped_column(Text, default="")
    reply_due: Mapped[dt.date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (_maxlen("summary", TEXT_MAX),)


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
