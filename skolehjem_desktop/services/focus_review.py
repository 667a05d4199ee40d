"""Whether a conversation just held went through the pupil's focus points, so the message
book's presentation to the parents can be recorded with it.

A conversation went through them when its agenda or what was written during it names the
focus points or the message book (in Danish or English), the pupil has focus points in
that school year, and no presentation is recorded with the conversation yet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from skolehjem_desktop.domain.enums import ConversationStatus, PresentationVia, SectionKind
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.base import Service, get_or_404
from skolehjem_desktop.services.focus import FocusService, PresentationInfo
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.store.models import Conversation, FocusPoint, FocusPresentation

# The words that say the focus points were on the table; matched case-folded.
FOCUS_WORDS = re.compile(r"fokuspunkt|meddelelsesbog|focus point|message book")
# The sections read: the agenda and what was written during the conversation, never the
# teacher's private preparation (what the teacher meant to do is not what was done).
READ_SECTIONS = frozenset(SectionKind) - {SectionKind.PRIVATE_PREPARATION}


def names_focus_points(texts: Iterable[str]) -> bool:
    """True when any of ``texts`` names the focus points or the message book."""
    return any(FOCUS_WORDS.search(" ".join(text.casefold().split())) for text in texts)


@dataclass(frozen=True)
class PresentationOffer:
    """A presentation to record with a held conversation: its pupil and its day."""

    student_id: int
    conversation_id: int
    presented_on: dt.date


class FocusReviewService(Service):
    def offer_after_held(self, conversation_id: int) -> PresentationOffer | None:
        """The presentation to offer after ``conversation_id`` was held, if any."""
        with self.db.reading() as s:
            conversation = get_or_404(s, Conversation, conversation_id, _("Conversation"))
            day = conversation.starts_at.date()
            if conversation.status is not ConversationStatus.HELD or day > self.today():
                return None
            texts = [c.text for c in conversation.sections if c.kind in READ_SECTIONS]
            if not names_focus_points(texts):
                return None
            year = SchoolYear.of(day).start_year
            points = s.scalar(
                select(func.count(FocusPoint.id)).where(
                    FocusPoint.student_id == conversation.student_id,
                    FocusPoint.school_year == year,
                )
            )
            recorded = s.scalar(
                select(func.count(FocusPresentation.id)).where(
                    FocusPresentation.conversation_id == conversation_id
                )
            )
            if not points or recorded:
                return None
            return PresentationOffer(conversation.student_id, conversation_id, day)

    def record(self, offer: PresentationOffer) -> PresentationInfo:
        """Record the presentation offered: at the conversation, on its day."""
        return FocusService(self.db, self.clock).record_presentation(
            offer.student_id,
            offer.presented_on,
            PresentationVia.CONVERSATION,
            conversation_id=offer.conversation_id,
        )
