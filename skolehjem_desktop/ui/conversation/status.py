"""How a conversation's status and time are shown, in the list of conversations and the editor."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor

from skolehjem_desktop.domain.enums import ConversationStatus
from skolehjem_desktop.i18n import _, active

STATUS_MARKS = {
    ConversationStatus.PLANNED: "•",
    ConversationStatus.HELD: "✓",
    ConversationStatus.CANCELLED: "✗",
}
STATUS_COLOURS = {
    ConversationStatus.PLANNED: QColor("#fff3cd"),
    ConversationStatus.HELD: QColor("#dcefdc"),
    ConversationStatus.CANCELLED: QColor("#e2e3e5"),
}


def when_text(starts_at: dt.datetime, minutes: int) -> str:
    """``Tuesday 24 November 2026, 15:00–15:30`` in the UI language."""
    tr = active()
    ends = starts_at + dt.timedelta(minutes=minutes)
    return _("{date}, {start}–{end}").format(
        date=tr.format_date(starts_at.date(), "full"),
        start=tr.format_time(starts_at),
        end=tr.format_time(ends),
    )
