"""The pupil's school year at a glance: what is owed, the next conversation, open
agreements and the latest contacts."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from skolehjem_desktop.domain.enums import ConversationStatus
from skolehjem_desktop.i18n import _
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.due import Urgency, agreement_urgency, reply_urgency
from skolehjem_desktop.services.owed import OwedRow
from skolehjem_desktop.services.owed_text import pupil_lines
from skolehjem_desktop.ui.classes.owed_model import (
    DUE_SOON_SIGN,
    OVERDUE_SIGN,
    agreement_lines,
    due_text,
    due_tooltip,
    reply_lines,
)
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.formatting import date_text, datetime_text

LATEST_CONTACTS = 5
# The signs' colours on the page: red for overdue, amber for due soon (text says it too).
SIGN_COLOURS = {OVERDUE_SIGN: "#b3261e", DUE_SOON_SIGN: "#a35a00", "⚠": "#a35a00"}


def _e(text: str) -> str:
    return html.escape(text)


# Messages are passed in as ``_("…")`` arguments, never inside f-strings, which
# Babel's extraction cannot see into on Python 3.11.
def _h3(text: str) -> str:
    return f"<h3>{_e(text)}</h3>"


def _p(text: str) -> str:
    return f"<p>{_e(text)}</p>"


def signed_html(text: str) -> str:
    """``text`` escaped, its ✗ and ◷ signs in their colours."""
    escaped = _e(text)
    for sign, colour in SIGN_COLOURS.items():
        escaped = escaped.replace(sign, f"<span style='color:{colour}'>{sign}</span>")
    return escaped


def due_signs(owed: OwedRow | None) -> tuple[str, str]:
    """The pupil page's signs of what is overdue or due soon (rich text), and its tooltip."""
    if owed is None:
        return "", ""
    parts: list[str] = []
    lines: list[str] = []
    if owed.agreements_overdue or owed.agreements_due_soon:
        parts.append(
            _("Agreements: {state}").format(
                state=due_text(owed.agreements_overdue, owed.agreements_due_soon)
            )
        )
        lines += agreement_lines(owed.agreements_overdue, owed.agreements_due_soon)
    if owed.replies_overdue or owed.replies_due_soon:
        parts.append(
            _("Replies to parents: {state}").format(
                state=due_text(owed.replies_overdue, owed.replies_due_soon)
            )
        )
        lines += reply_lines(owed.replies_overdue, owed.replies_due_soon)
    return signed_html("  ·  ".join(parts)), due_tooltip(*lines) or ""


def _mark(urgency: Urgency | None, overdue: str, soon: str) -> str:
    """The mark before an open item: "✗ Overdue: ", "◷ Due soon: ", or nothing."""
    if urgency is Urgency.OVERDUE:
        return signed_html(f"{OVERDUE_SIGN} {overdue}: ")
    if urgency is Urgency.DUE_SOON:
        return signed_html(f"{DUE_SOON_SIGN} {soon}: ")
    return ""


class OverviewTab(QScrollArea):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.setWidget(body)

    def set_student(self, student_id: int | None, school_year: int) -> None:
        if student_id is None:
            self.text.setText("")
            return
        today = self.ctx.services.today()
        parts: list[str] = []
        parts += self._school_year(student_id, school_year)
        parts += self._next_conversation(student_id, today)
        parts += self._open_agreements(student_id, today)
        parts += self._latest_contacts(student_id, today)
        self.text.setText("".join(parts))

    # --- the parts, each a heading and what is under it -----------------------------------

    def _school_year(self, student_id: int, school_year: int) -> list[str]:
        owed = self.ctx.services.owed.for_student(student_id, school_year)
        parts = [_h3(_("This school year"))]
        if owed is None:
            parts.append(_p(_("The pupil is in no class this school year.")))
        else:
            items = _owed_items(owed)
            parts.append("<ul>" + "".join(f"<li>{signed_html(i)}</li>" for i in items) + "</ul>")
        return parts

    def _next_conversation(self, student_id: int, today: dt.date) -> list[str]:
        upcoming = [
            c
            for c in self.ctx.services.conversations.all(student_id=student_id)
            if c.status is ConversationStatus.PLANNED
            and c.starts_at >= dt.datetime.combine(today, dt.time())
        ]
        parts = [_h3(_("Next conversation"))]
        if upcoming:
            nxt = min(upcoming, key=lambda c: c.starts_at)
            place = f", {nxt.place}" if nxt.place else ""
            parts.append(
                f"<p>{_e(datetime_text(nxt.starts_at))}{_e(place)} – {_e(label(nxt.kind))}</p>"
            )
        else:
            parts.append(_p(_("None planned.")))
        return parts

    def _open_agreements(self, student_id: int, today: dt.date) -> list[str]:
        agreements = self.ctx.services.conversations.open_agreements(student_id)
        parts = [_h3(_("Open agreements"))]
        if agreements:
            rows = []
            for a in agreements:
                due = date_text(a.due) if a.due else _("no due date")
                mark = _mark(
                    agreement_urgency(a.due, today, done=a.done), _("Overdue"), _("Due soon")
                )
                who = label(a.responsible)
                rows.append(f"<li>{mark}{_e(a.text)} <i>({_e(who)}, {_e(due)})</i></li>")
            parts.append("<ul>" + "".join(rows) + "</ul>")
        else:
            parts.append(_p(_("None.")))
        return parts

    def _latest_contacts(self, student_id: int, today: dt.date) -> list[str]:
        contacts = self.ctx.services.contacts.all(student_id)[:LATEST_CONTACTS]
        weekdays = self.ctx.services.principles.active().working_weekdays
        parts = [_h3(_("Latest contacts"))]
        if contacts:
            rows = []
            for c in contacts:
                summary = c.summary.splitlines()[0] if c.summary else ""
                mark = _mark(
                    reply_urgency(c.reply_due, today, done=c.done, weekdays=weekdays),
                    _("Reply overdue"),
                    _("Reply due soon"),
                )
                rows.append(
                    f"<li>{mark}{_e(datetime_text(c.occurred_at))} – {_e(label(c.channel))},"
                    f" {_e(label(c.topic))}: {_e(summary)}</li>"
                )
            parts.append("<ul>" + "".join(rows) + "</ul>")
        else:
            parts.append(_p(_("None.")))
        return parts


def _owed_items(owed: OwedRow) -> list[str]:
    """What the pupil is owed this school year, each line marked ✓, • or ✗; what is due
    soon marked ◷, more focus points than the principles' "few" ⚠."""
    items = pupil_lines(owed, date_text, datetime_text)
    for line in agreement_lines(owed.agreements_overdue, 0):
        items.append(f"{OVERDUE_SIGN} {line}")
    for line in agreement_lines(0, owed.agreements_due_soon):
        items.append(f"{DUE_SOON_SIGN} {line}")
    for line in reply_lines(owed.replies_overdue, 0):
        items.append(f"{OVERDUE_SIGN} {line}")
    for line in reply_lines(0, owed.replies_due_soon):
        items.append(f"{DUE_SOON_SIGN} {line}")
    return items
