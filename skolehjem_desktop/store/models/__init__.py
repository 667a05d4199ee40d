"""The typed SQLAlchemy models of the whole domain (see the glossary in DESIGN.md).

Rules that the database itself can keep are kept here: foreign keys, CHECK
constraints for every closed vocabulary, sane ranges and text lengths, and the
rule that the teacher's private preparation is never shared. No CPR number is
stored anywhere, by design.

The models are in modules by area: :mod:`.base` (the declarative base, the names the
constraints get), :mod:`.school` (settings, teachers, classes, enrolment),
:mod:`.people` (pupils and guardians), :mod:`.conversations`, :mod:`.focus` (the
message book), :mod:`.contacts`, :mod:`.principles`, :mod:`.class_records` (parent
meetings and councils)
and :mod:`.evening_plans`; :mod:`.sync` is what a class file exchange remembers, and
every table gets the stamp columns of :mod:`skolehjem_desktop.store.stamps`. Importing
this package imports them all, so that the relationships between them, named by
string, resolve; every model is re-exported here.
"""

from __future__ import annotations

from skolehjem_desktop.store.models.base import NAMING, Base
from skolehjem_desktop.store.models.class_records import (
    CouncilMember,
    ParentMeeting,
    ParentMeetingTeacher,
)
from skolehjem_desktop.store.models.contacts import ContactEntry
from skolehjem_desktop.store.models.conversations import (
    Agreement,
    Conversation,
    ConversationGuardian,
    ConversationSection,
    ConversationTeacher,
)
from skolehjem_desktop.store.models.evening_plans import (
    EveningPlan,
    EveningPlanAssignment,
    EveningPlanUnavailable,
)
from skolehjem_desktop.store.models.focus import FocusPoint, FocusPresentation, MessageBookYear
from skolehjem_desktop.store.models.people import Guardian, Student, StudentGuardian
from skolehjem_desktop.store.models.principles import Principle
from skolehjem_desktop.store.models.school import (
    ClassTeacher,
    Enrolment,
    SchoolClass,
    Setting,
    Teacher,
)
from skolehjem_desktop.store.models.sheets import (
    AulaMessage,
    ColleagueInput,
    FamilyAvailability,
    SheetImport,
)
from skolehjem_desktop.store.models.sync import (
    SyncAlias,
    SyncConflict,
    SyncReceived,
    SyncTombstone,
)
from skolehjem_desktop.store.stamps import add_stamp_columns

add_stamp_columns(Base.metadata)

__all__ = [
    "NAMING",
    "Agreement",
    "AulaMessage",
    "Base",
    "ClassTeacher",
    "ColleagueInput",
    "ContactEntry",
    "Conversation",
    "ConversationGuardian",
    "ConversationSection",
    "ConversationTeacher",
    "CouncilMember",
    "Enrolment",
    "EveningPlan",
    "EveningPlanAssignment",
    "EveningPlanUnavailable",
    "FamilyAvailability",
    "FocusPoint",
    "FocusPresentation",
    "Guardian",
    "MessageBookYear",
    "ParentMeeting",
    "ParentMeetingTeacher",
    "Principle",
    "SchoolClass",
    "Setting",
    "SheetImport",
    "Student",
    "StudentGuardian",
    "SyncAlias",
    "SyncConflict",
    "SyncReceived",
    "SyncTombstone",
    "Teacher",
]
