"""The words the user sees for the domain's closed vocabularies, in both languages.

Marked with ``N_`` here and translated when shown, so the same label serves the
window (the UI language) and a PDF (the document's language).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from skolehjem_desktop.domain.enums import (
    AulaMessageKind,
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
    SheetKind,
    StartedBy,
)
from skolehjem_desktop.i18n import N_, Translator, active

_LABELS: Final[tuple[tuple[StrEnum, str], ...]] = (
    (ConversationKind.ORDINARY, N_("Ordinary")),
    (ConversationKind.AS_NEEDED, N_("As needed")),
    (ConversationKind.EXPECTATION, N_("Expectations")),
    (ConversationKind.WELLBEING, N_("Wellbeing")),
    (RequestedBy.SCHOOL, N_("The school")),
    (RequestedBy.PARENTS, N_("The parents")),
    (ConversationStatus.PLANNED, N_("Planned")),
    (ConversationStatus.HELD, N_("Held")),
    (ConversationStatus.CANCELLED, N_("Cancelled")),
    (SectionKind.PRIVATE_PREPARATION, N_("My private preparation")),
    (SectionKind.AGENDA, N_("Agenda")),
    (SectionKind.PARENTS_INPUT, N_("The parents' input")),
    (SectionKind.ACADEMIC, N_("Academic development")),
    (SectionKind.SOCIAL_WELLBEING, N_("Social development and wellbeing")),
    (SectionKind.STRENGTHS_DEVELOPMENT, N_("Strengths and possibilities to develop")),
    (SectionKind.CONCERNS, N_("Concerns and problems")),
    (SectionKind.SUMMARY, N_("Summary")),
    (Responsible.SCHOOL, N_("The school")),
    (Responsible.HOME, N_("The home")),
    (Responsible.PUPIL, N_("The pupil")),
    (FocusArea.LANGUAGE_AWARENESS, N_("Language awareness")),
    (FocusArea.MATHS_AWARENESS, N_("Maths awareness")),
    (FocusArea.DANISH, N_("Danish")),
    (FocusArea.MATHS, N_("Maths")),
    (FocusArea.ALL_ROUND, N_("All-round development")),
    (FocusArea.FURTHER_EDUCATION, N_("Thoughts on further education")),
    (FocusArea.OTHER_SUBJECT, N_("Other subject")),
    (FocusStatus.NOT_STARTED, N_("Not started")),
    (FocusStatus.IN_PROGRESS, N_("In progress")),
    (FocusStatus.ACHIEVED, N_("Achieved")),
    (FocusStatus.DISCONTINUED, N_("Discontinued")),
    (PresentationVia.CONVERSATION, N_("At a school–home conversation")),
    (PresentationVia.AULA, N_("Through Aula")),
    (PresentationVia.MEETING, N_("At a meeting")),
    (ContactChannel.AULA, N_("Aula message")),
    (ContactChannel.PHONE, N_("Phone")),
    (ContactChannel.SMS, N_("SMS")),
    (ContactChannel.EMAIL, N_("E-mail")),
    (ContactChannel.MEETING, N_("Meeting")),
    (ContactChannel.AD_HOC, N_("Ad hoc talk")),
    (SheetKind.PARENTS, N_("The parents' preparation sheet")),
    (SheetKind.COLLEAGUE, N_("A colleague's input sheet")),
    (AulaMessageKind.INVITATION, N_("Invitation")),
    (AulaMessageKind.SUMMARY, N_("Conversation summary")),
    (AulaMessageKind.REMINDER, N_("Reminder of agreements")),
    (AulaMessageKind.REPLY, N_("Reply to the parents")),
    (StartedBy.PARENT, N_("A parent")),
    (StartedBy.SCHOOL, N_("The school")),
    (ContactTopic.WELLBEING, N_("Wellbeing")),
    (ContactTopic.ACADEMIC, N_("Academic")),
    (ContactTopic.PRACTICAL, N_("Practical")),
    (ContactTopic.CONFLICT, N_("Conflict")),
    (ContactTopic.OTHER, N_("Other")),
    (Relation.MOTHER, N_("Mother")),
    (Relation.FATHER, N_("Father")),
    (Relation.PARENT, N_("Parent")),
    (Relation.GUARDIAN, N_("Guardian")),
    (Relation.OTHER, N_("Other")),
    (Language.DA, N_("Danish")),
    (Language.EN, N_("English")),
    (CalledBy.TEACHERS, N_("The class's teachers")),
    (CalledBy.COUNCIL, N_("The class parent council")),
)


# Members of different StrEnums with the same value are equal ("aula" is a channel and a
# way of presenting), so the table is keyed by the enum's name and the member's value.
LABELS: Final[dict[tuple[str, str], str]] = {
    (type(member).__name__, member.value): message for member, message in _LABELS
}


def label(value: StrEnum, translator: Translator | None = None) -> str:
    """The user's word for ``value`` in the active language (or ``translator``'s)."""
    key = (type(value).__name__, value.value)
    message = LABELS.get(key) or EXTRA_LABELS.get(key, value.value)
    return (translator or active()).gettext(message)


# Labels of enums defined above the store (the services' own states).
EXTRA_LABELS: dict[tuple[str, str], str] = {
    ("OrdinaryState", "held"): N_("Held"),
    ("OrdinaryState", "planned"): N_("Planned"),
    ("OrdinaryState", "missing"): N_("Missing"),
}
