"""The colleagues' input before a pupil's conversation, as read back from their sheets.

Private to the school: it is shown to the teacher in the conversation's preparation and
the message book, never printed or exported for the parents (only the pupil's access
request carries it). An input read while no conversation was planned belongs to the
pupil's next one: it shows on the conversations of that school year held after it came.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from skolehjem_desktop.domain.enums import ConversationStatus
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import Service, get_or_404
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.models import ColleagueInput, Conversation, Student

# A bullet a colleague may start a suggestion with: "- ", "• ", "* ", "1. ", "2) ".
_BULLET = re.compile(r"^\s*(?:[-•*–]+|\d{1,2}[.)])\s*")


@dataclass(frozen=True)
class ColleagueInputInfo:
    id: int
    student_id: int
    school_year: int
    conversation_id: int | None
    colleague: str
    subject: str
    academic: str
    wellbeing: str
    focus_suggestions: str
    received_at: dt.datetime

    @property
    def suggestions(self) -> tuple[str, ...]:
        """The suggested focus points, one a line, without bullets."""
        lines = (_BULLET.sub("", line).strip() for line in self.focus_suggestions.splitlines())
        return tuple(line for line in lines if line)


def _info(row: ColleagueInput) -> ColleagueInputInfo:
    return ColleagueInputInfo(
        id=row.id,
        student_id=row.student_id,
        school_year=row.school_year,
        conversation_id=row.conversation_id,
        colleague=row.colleague,
        subject=row.subject,
        academic=row.academic,
        wellbeing=row.wellbeing,
        focus_suggestions=row.focus_suggestions,
        received_at=row.received_at,
    )


def next_planned(s: Session, student_id: int, now: dt.datetime) -> Conversation | None:
    """The pupil's next planned conversation: the earliest planned one from ``now`` on."""
    return s.scalars(
        select(Conversation)
        .where(
            Conversation.student_id == student_id,
            Conversation.status == ConversationStatus.PLANNED,
            Conversation.starts_at >= now,
        )
        .order_by(Conversation.starts_at, Conversation.id)
        .limit(1)
    ).first()


class ColleagueInputService(Service):
    def for_student(
        self, student_id: int, school_year: int | None = None
    ) -> list[ColleagueInputInfo]:
        """The pupil's input from colleagues (of one school year), the oldest first."""
        with self.db.reading() as s:
            get_or_404(s, Student, student_id, _("Pupil"))
            query = select(ColleagueInput).where(ColleagueInput.student_id == student_id)
            if school_year is not None:
                query = query.where(ColleagueInput.school_year == school_year)
            rows = s.scalars(query.order_by(ColleagueInput.received_at, ColleagueInput.id))
            return [_info(r) for r in rows]

    def for_conversation(self, conversation_id: int) -> list[ColleagueInputInfo]:
        """The input for a conversation: read for it, or read for the pupil's next
        conversation (none planned then) in its school year before it took place."""
        with self.db.reading() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            year = SchoolYear.of(conversation.starts_at.date()).start_year
            rows = s.scalars(
                select(ColleagueInput)
                .where(
                    ColleagueInput.student_id == conversation.student_id,
                    or_(
                        ColleagueInput.conversation_id == conversation_id,
                        (ColleagueInput.conversation_id.is_(None))
                        & (ColleagueInput.school_year == year)
                        & (ColleagueInput.received_at <= conversation.starts_at),
                    ),
                )
                .order_by(ColleagueInput.received_at, ColleagueInput.id)
            )
            return [_info(r) for r in rows]

    def remove(self, input_id: int) -> None:
        """Delete one colleague's input (it was read for the wrong pupil, or is done with)."""
        with self.db.transaction() as s:
            s.delete(get_or_404(s, ColleagueInput, input_id, _("Input from a colleague")))
