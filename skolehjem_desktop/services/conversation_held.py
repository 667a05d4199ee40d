"""Who must take part for a conversation to count as held.

The principles: a school–home conversation is "en dialog mellem elevens forældre og som
minimum elevens kontaktlærer" (a dialogue between the pupil's parents and at least the
pupil's contact teacher). A conversation without a guardian, or without a contact
teacher of the pupil's class that school year, is refused as held with
:class:`HeldWithoutParticipants`, which says what is missing; the teacher can confirm it
as an exception (it is then remembered as one and counts). A class with no contact
teacher on record takes any teacher of the school.

:func:`counts_as_held` is the same judgement in SQL, for what is owed.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session

from skolehjem_desktop.errors import ValidationError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.models import (
    ClassTeacher,
    Conversation,
    ConversationGuardian,
    ConversationTeacher,
    Enrolment,
)


class Missing(StrEnum):
    GUARDIAN = "guardian"
    CONTACT_TEACHER = "contact_teacher"


class HeldWithoutParticipants(ValidationError):
    """Marked held with no guardian or no contact teacher taking part; ``missing`` says which.

    The window asks whether it was held like that all the same (an exception).
    """

    def __init__(self, missing: tuple[Missing, ...]) -> None:
        self.missing = missing
        if missing == (Missing.GUARDIAN,):
            text = _("No parent or guardian is among those taking part.")
        elif missing == (Missing.CONTACT_TEACHER,):
            text = _("None of the pupil's contact teachers is among those taking part.")
        else:
            text = _(
                "Neither a parent or guardian nor one of the pupil's contact teachers is "
                "among those taking part."
            )
        super().__init__(
            text
            + " "
            + _(
                "A school–home conversation is a dialogue between the pupil's parents and at "
                "least the contact teacher."
            )
        )


def missing_participants(s: Session, conversation: Conversation) -> tuple[Missing, ...]:
    """What the conversation lacks to count as held (empty: nothing)."""
    missing: list[Missing] = []
    if not conversation.guardian_links:
        missing.append(Missing.GUARDIAN)
    year = SchoolYear.of(conversation.starts_at.date()).start_year
    contact_teachers = set(
        s.scalars(
            select(ClassTeacher.teacher_id)
            .join(Enrolment, Enrolment.class_id == ClassTeacher.class_id)
            .where(
                Enrolment.student_id == conversation.student_id,
                Enrolment.school_year == year,
                ClassTeacher.is_contact_teacher,
            )
        )
    )
    taking_part = {link.teacher_id for link in conversation.teacher_links}
    if not taking_part or (contact_teachers and not contact_teachers & taking_part):
        missing.append(Missing.CONTACT_TEACHER)
    return tuple(missing)


def counts_as_held(year: int) -> ColumnElement[bool]:
    """SQL: a held conversation of school year ``year`` that counts (the people were
    there, or the teacher confirmed the exception)."""
    with_guardian = exists().where(ConversationGuardian.conversation_id == Conversation.id)
    # Correlated with the outer conversation: its own pupil's contact teachers, not those
    # of any class with a conversation that year.
    contact_teachers = (
        select(ClassTeacher.teacher_id)
        .join(Enrolment, Enrolment.class_id == ClassTeacher.class_id)
        .where(
            Enrolment.student_id == Conversation.student_id,
            Enrolment.school_year == year,
            ClassTeacher.is_contact_teacher,
        )
        .correlate(Conversation)
    )
    with_contact_teacher = or_(
        exists().where(
            ConversationTeacher.conversation_id == Conversation.id,
            ConversationTeacher.teacher_id.in_(contact_teachers),
        ),
        and_(
            ~exists(contact_teachers),
            exists().where(ConversationTeacher.conversation_id == Conversation.id),
        ),
    )
    return or_(Conversation.held_exception, and_(with_guardian, with_contact_teacher))
