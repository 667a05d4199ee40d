"""What the guide for the parents prints: the principles in force and, if given, a class.

The guide ("How we work together on your child") is written from
``services.principles.active()``; with a class it names the class's contact teachers and
its other teachers and is signed by them. Its language is the one asked for, else the
program's (it is for every family of the school, not one). Appended to an invitation,
it takes the invitation's language and the pupil's class.
"""

from __future__ import annotations

from skolehjem_desktop import i18n
from skolehjem_desktop.reports.data import GuideData
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.report_data import check_language, letterhead, signature


def guide_data(
    services: Services, class_id: int | None = None, lang: str | None = None
) -> GuideData:
    """The guide from the active principles, for the parents of ``class_id`` if given."""
    rules = services.principles.active()
    chosen = check_language(lang) or i18n.active().lang
    class_name: str | None = None
    grade: int | None = None
    contacts: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    in_class: tuple[int, str] | None = None
    if class_id is not None:
        info = services.classes.get(class_id)
        class_name, grade, in_class = info.name, info.grade, (info.id, info.name)
        teachers = services.classes.teachers(class_id)
        contacts = tuple(t.name for t in teachers if t.is_contact_teacher)
        others = tuple(t.name for t in teachers if not t.is_contact_teacher)
    return GuideData(
        lang=chosen,
        letterhead=letterhead(services),
        class_name=class_name,
        grade=grade,
        contact_teachers=contacts,
        other_teachers=others,
        conversations_per_year=rules.ordinary_conversations_per_year,
        conversation_by=rules.ordinary_conversation_by,
        start_meeting_by=rules.start_meeting_by,
        teachers_at_start_meeting=rules.start_meeting_teachers_present,
        parent_council=rules.parent_council_required,
        contact_parent=rules.contact_parent_required,
        presentations_per_year=rules.presentations_per_year,
        reply_working_days=rules.reply_working_days,
        hours_start=rules.working_hours_start,
        hours_end=rules.working_hours_end,
        working_weekdays=rules.working_weekdays,
        appointment_channels=rules.appointment_channels,
        signature=signature(services, in_class),
    )


def guide_for_conversation(services: Services, conversation_id: int, lang: str) -> GuideData:
    """The guide to send with a conversation's invitation: the pupil's class, in ``lang``."""
    detail = services.conversations.get(conversation_id)
    student = services.students.get(detail.student_id)
    in_class = student.class_in(detail.school_year)
    return guide_data(services, in_class[0] if in_class else None, lang)
