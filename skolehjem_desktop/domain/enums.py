"""The closed vocabularies of the domain, stored as text with a CHECK constraint."""

from __future__ import annotations

from enum import StrEnum


class Relation(StrEnum):
    MOTHER = "mother"
    FATHER = "father"
    PARENT = "parent"
    GUARDIAN = "guardian"
    OTHER = "other"


class Language(StrEnum):
    DA = "da"
    EN = "en"


class ConversationKind(StrEnum):
    ORDINARY = "ordinary"
    AS_NEEDED = "as_needed"
    EXPECTATION = "expectation"
    WELLBEING = "wellbeing"


class RequestedBy(StrEnum):
    SCHOOL = "school"
    PARENTS = "parents"


class ConversationStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class SectionKind(StrEnum):
    """The text sections of a conversation, in the order they are written and printed."""

    PRIVATE_PREPARATION = "private_preparation"
    AGENDA = "agenda"
    PARENTS_INPUT = "parents_input"
    ACADEMIC = "academic"
    SOCIAL_WELLBEING = "social_wellbeing"
    STRENGTHS_DEVELOPMENT = "strengths_development"
    CONCERNS = "concerns"
    SUMMARY = "summary"


class Responsible(StrEnum):
    SCHOOL = "school"
    HOME = "home"
    PUPIL = "pupil"


class FocusArea(StrEnum):
    LANGUAGE_AWARENESS = "language_awareness"
    MATHS_AWARENESS = "maths_awareness"
    DANISH = "danish"
    MATHS = "maths"
    ALL_ROUND = "all_round"
    FURTHER_EDUCATION = "further_education"
    OTHER_SUBJECT = "other_subject"


class FocusStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    DISCONTINUED = "discontinued"


class PresentationVia(StrEnum):
    CONVERSATION = "conversation"
    AULA = "aula"
    MEETING = "meeting"


class ContactChannel(StrEnum):
    AULA = "aula"
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    MEETING = "meeting"
    AD_HOC = "ad_hoc"


class StartedBy(StrEnum):
    PARENT = "parent"
    SCHOOL = "school"


class ContactTopic(StrEnum):
    WELLBEING = "wellbeing"
    ACADEMIC = "academic"
    PRACTICAL = "practical"
    CONFLICT = "conflict"
    OTHER = "other"


class CalledBy(StrEnum):
    """Who called a class parent meeting: the class's teachers or its parent council."""

    TEACHERS = "teachers"
    COUNCIL = "council"


class SheetKind(StrEnum):
    """A fillable sheet the program prints and reads back."""

    PARENTS = "parents"  # the parents' preparation sheet of an invitation
    COLLEAGUE = "colleague"  # a subject teacher's input before the conversation


class AulaMessageKind(StrEnum):
    """A message the teacher copies into Aula."""

    INVITATION = "invitation"
    SUMMARY = "summary"
    REMINDER = "reminder"  # of agreements due
    REPLY = "reply"  # to a parent's contact
