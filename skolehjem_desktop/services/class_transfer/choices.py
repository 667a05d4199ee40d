"""The words for a class file's records: the kinds, the fields, what each record is.

Used for the import's preview (how many of each kind) and for the list of choices
(:class:`~skolehjem_desktop.services.class_transfer.Choice`): a record both teachers
changed, shown field by field, mine beside the colleague's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Final

from skolehjem_desktop.i18n import N_, _, clock, short_date
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.class_transfer import ChoiceReason, Difference
from skolehjem_desktop.services.class_transfer.records import TableInfo

# table -> (one, many)
KINDS: Final[Mapping[str, tuple[str, str]]] = {
    "school_class": (N_("Class"), N_("Class")),
    "student": (N_("Pupil"), N_("Pupils")),
    "teacher": (N_("Teacher"), N_("Teachers")),
    "guardian": (N_("Parent"), N_("Parents")),
    "student_guardian": (N_("Pupil's parent"), N_("Pupils' parents")),
    "class_teacher": (N_("Teacher of the class"), N_("Teachers of the class")),
    "enrolment": (N_("Enrolment"), N_("Enrolments")),
    "conversation": (N_("Conversation"), N_("Conversations")),
    "conversation_section": (N_("Section of a conversation"), N_("Sections of conversations")),
    "conversation_teacher": (N_("Teacher at a conversation"), N_("Teachers at conversations")),
    "conversation_guardian": (N_("Parent at a conversation"), N_("Parents at conversations")),
    "agreement": (N_("Agreement"), N_("Agreements")),
    "focus_point": (N_("Focus point"), N_("Focus points")),
    "focus_presentation": (N_("Presentation to the parents"), N_("Presentations to the parents")),
    "message_book_year": (N_("Year in the message book"), N_("Years in the message book")),
    "contact_entry": (N_("Contact"), N_("Contacts")),
    "aula_message": (N_("Aula message"), N_("Aula messages")),
    "colleague_input": (N_("Input from a colleague"), N_("Input from colleagues")),
    "sheet_import": (N_("Sheet read in"), N_("Sheets read in")),
    "family_availability": (N_("Family's times"), N_("Families' times")),
    "parent_meeting": (N_("Parent meeting"), N_("Parent meetings")),
    "parent_meeting_teacher": (
        N_("Teacher at a parent meeting"),
        N_("Teachers at parent meetings"),
    ),
    "council_member": (N_("Member of the parent council"), N_("Members of the parent council")),
    "evening_plan": (N_("Conversation evening"), N_("Conversation evenings")),
    "evening_plan_assignment": (N_("Time at an evening"), N_("Times at evenings")),
    "evening_plan_unavailable": (N_("Family away at an evening"), N_("Families away at evenings")),
}

FIELDS: Final[Mapping[str, str]] = {
    "name": N_("Name"),
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "birth_date": N_("Birth date"),
    "left_on": N_("Left the school"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "initials": N_("Initials"),
    "grade": N_("Grade"),
    "archived": N_("Archived"),
    "kind": N_("Kind"),
    "status": N_("Status"),
    "starts_at": N_("Starts"),
    "ends_at": N_("Ends"),
    "duration_minutes": N_("Duration (minutes)"),
    "place": N_("Place"),
    "parents_wishes": N_("The parents' wishes"),
    "next_conversation": N_("Next conversation"),
    "text": N_("Text"),
    "shared": N_("Shared with the parents"),
    "responsible": N_("Responsible"),
    "due": N_("Due"),
    "done": N_("Done"),
    "area": N_("Area"),
    "subject": N_("Subject"),
    "goal": N_("Goal"),
    "actions": N_("What we do"),
    "evaluation": N_("Evaluation"),
    "occurred_at": N_("When"),
    "channel": N_("How"),
    "topic": N_("Topic"),
    "summary": N_("Summary"),
    "reply_due": N_("Answer by"),
    "note": N_("Note"),
    "agenda": N_("Agenda"),
    "minutes": N_("Minutes of the meeting"),
    "academic": N_("Academic"),
    "wellbeing": N_("Wellbeing"),
    "relation": N_("Relation"),
    "has_custody": N_("Custody"),
    "is_contact_teacher": N_("Contact teacher"),
    "is_contact_parent": N_("Contact parent"),
}

# Foreign keys shown as the name of what they name (the values replaced by the caller).
SHOWN_REFS: Final = {
    "class_id": N_("Class"),
    "school_class_id": N_("Class"),
    "guardian_id": N_("Parent"),
    "teacher_id": N_("Teacher"),
}

# The columns that say which record it is, first found first.
_WHAT: Final = ("starts_at", "occurred_at", "presented_on", "name", "first_name", "goal", "text")
_SHORT: Final = 60


REASONS: Final[Mapping[ChoiceReason, str]] = {
    ChoiceReason.BOTH_CHANGED: N_("Changed both here and by your colleague"),
    ChoiceReason.DELETED_THERE: N_("Deleted by your colleague, but changed here"),
    ChoiceReason.DELETED_HERE: N_("Deleted here, but changed by your colleague"),
    ChoiceReason.NOT_PLACED: N_("Your colleague's version does not fit here as it is"),
}


def reason_label(reason: ChoiceReason) -> str:
    return _(REASONS[reason])


def kind_label(table: str, *, many: bool = False) -> str:
    one, more = KINDS.get(table, (table, table))
    return _(more if many else one)


def show(value: Any) -> str:
    """A value as the teacher reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, StrEnum):
        return label(value)
    if isinstance(value, dt.datetime):
        return f"{short_date(value.date())} {clock(value)}"
    if isinstance(value, dt.date):
        return short_date(value)
    return str(value)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def what(info: TableInfo, values: Mapping[str, Any]) -> str:
    """Which record: its kind and its date or first words."""
    kind = kind_label(info.name)
    if info.name == "student":
        return f"{kind}: {values.get('first_name', '')} {values.get('last_name', '')}".strip()
    if info.name == "conversation_section" and values.get("kind") is not None:
        return f"{kind}: {show(values['kind'])}"
    for column in _WHAT:
        value = values.get(column)
        if value not in (None, ""):
            return f"{kind}: {_short(show(value))}"
    return kind


def differences(
    info: TableInfo, mine: Mapping[str, Any] | None, theirs: Mapping[str, Any] | None
) -> tuple[Difference, ...]:
    """The fields that differ (all the record's fields when one side has none)."""
    out = []
    for column in info.compared():
        if column in info.refs and column not in SHOWN_REFS:
            continue
        a = show(mine.get(column)) if mine is not None else ""
        b = show(theirs.get(column)) if theirs is not None else ""
        if a != b:
            name = SHOWN_REFS.get(column) or FIELDS.get(column) or column.replace("_", " ")
            out.append(Difference(_(name), a, b))
    return tuple(out)
