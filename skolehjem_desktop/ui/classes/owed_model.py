"""The class overview as a Qt table model, fed plain rows (never a query)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from skolehjem_desktop.collation import sort_key
from skolehjem_desktop.i18n import N_, _, ngettext
from skolehjem_desktop.i18n.labels import label
from skolehjem_desktop.services.owed import OrdinaryState, OwedRow
from skolehjem_desktop.services.owed_text import (
    contact_cell,
    message_book_cell,
    message_book_missing_words,
    no_contact_line,
    ordinary_cell,
    ordinary_notes,
    presented_cell,
)
from skolehjem_desktop.ui.common.formatting import date_text
from skolehjem_desktop.ui.common.table_model import Index, RowTableModel

GOOD = QColor("#dcefdc")
WAITING = QColor("#fff3cd")
OWED = QColor("#f8d7da")
DUE_SOON = QColor("#ffe2a8")  # amber: not owed yet, but soon (stronger than WAITING)
INK = QColor("#1b1b1b")
OVERDUE_SIGN = "✗"
DUE_SOON_SIGN = "◷"
NOTICED = QColor("#e3ecf7")  # a soft blue: not owed, worth a look
AGREEMENTS, REPLIES, CONTACT = 4, 5, 6


class OwedTableModel(RowTableModel[OwedRow]):
    """One row per pupil: what is still owed. Colour is never the only signal: text says it."""

    HEADERS: ClassVar[list[str]] = [
        N_("Pupil"),
        N_("Ordinary conversation"),
        N_("Message book"),
        N_("Presented"),
        N_("Agreements"),
        N_("Replies to parents"),
        N_("Last contact"),
    ]
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1
    FILTER_ROLE = Qt.ItemDataRole.UserRole + 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == self.SORT_ROLE:
            return self._sort_key(row, column)
        if role == self.FILTER_ROLE:
            return sort_key(row.full_name)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self._colour(row, column)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and self._colour(row, column) is not None:
            # The tints are light: keep their text dark in a dark palette too.
            return QBrush(INK)
        if role == Qt.ItemDataRole.ToolTipRole:
            # a narrowed column elides its text: the tooltip gives all of it
            return self._tooltip(row, column) or self._text(row, column)
        return None

    def _tooltip(self, row: OwedRow, column: int) -> str | None:
        if column == 1:
            return "\n".join(ordinary_notes(row, date_text)) or None
        if column == 2 and (row.missing_areas or row.message_book_missing or row.crowded_areas):
            lines = []
            if row.missing_areas or row.message_book_missing:
                lines.append(
                    _("Missing: {areas}").format(areas=", ".join(message_book_missing_words(row)))
                )
            if row.crowded_areas:
                lines.append(
                    _("More focus points than the school's principles' few in: {areas}").format(
                        areas=", ".join(label(a) for a in row.crowded_areas)
                    )
                )
            return "\n".join(lines)
        if column == CONTACT:
            return no_contact_line(row, date_text)
        if column == AGREEMENTS:
            return due_tooltip(*agreement_lines(row.agreements_overdue, row.agreements_due_soon))
        if column == REPLIES:
            return due_tooltip(*reply_lines(row.replies_overdue, row.replies_due_soon))
        return None

    def _text(self, row: OwedRow, column: int) -> str:
        if column == 0:
            return row.full_name
        if column == 1:
            return ordinary_cell(row, date_text)
        if column == 2:
            return message_book_cell(row)
        if column == 3:
            return presented_cell(row, date_text)
        if column == AGREEMENTS:
            return due_text(row.agreements_overdue, row.agreements_due_soon)
        if column == REPLIES:
            return due_text(row.replies_overdue, row.replies_due_soon)
        return contact_cell(row, date_text)

    def _sort_key(self, row: OwedRow, column: int) -> Any:
        keys: list[Any] = [
            sort_key(row.full_name),
            [OrdinaryState.MISSING, OrdinaryState.PLANNED, OrdinaryState.HELD].index(row.ordinary),
            (-len(row.missing_areas), -len(row.message_book_missing)),
            (row.presented, row.presented_on or dt.date.min),
            (-row.agreements_overdue, -row.agreements_due_soon),
            (-row.replies_overdue, -row.replies_due_soon),
            (row.no_contact_since is None, row.last_contact or dt.date.min),
        ]
        return keys[column]

    def _colour(self, row: OwedRow, column: int) -> QColor | None:
        if column == 1:
            if row.ordinary_overdue:
                return OWED
            return {OrdinaryState.HELD: GOOD, OrdinaryState.PLANNED: WAITING}.get(
                row.ordinary, OWED
            )
        if column == 2:
            return OWED if row.missing_areas or row.message_book_missing else GOOD
        if column == 3:
            return GOOD if row.presented else OWED
        if column == CONTACT:
            return NOTICED if row.no_contact_since is not None else None
        if column == AGREEMENTS:
            return due_colour(row.agreements_overdue, row.agreements_due_soon)
        if column == REPLIES:
            return due_colour(row.replies_overdue, row.replies_due_soon)
        return None


def due_text(overdue: int, soon: int) -> str:
    """The cell: ✗ 2 overdue · ◷ 1 due soon, one of the two, or ✓ 0 when nothing is close."""
    parts = []
    if overdue:
        parts.append(_("{sign} {n} overdue").format(sign=OVERDUE_SIGN, n=overdue))
    if soon:
        parts.append(_("{sign} {n} due soon").format(sign=DUE_SOON_SIGN, n=soon))
    return " · ".join(parts) or "✓ 0"


def due_colour(overdue: int, soon: int) -> QColor | None:
    """Red when something is overdue, amber when something is only due soon."""
    if overdue:
        return OWED
    return DUE_SOON if soon else None


def agreement_lines(overdue: int, soon: int) -> tuple[str, ...]:
    """The agreements overdue and due soon, in words (empty when none)."""
    lines = []
    if overdue:
        lines.append(
            ngettext("{n} agreement is overdue.", "{n} agreements are overdue.", overdue).format(
                n=overdue
            )
        )
    if soon:
        lines.append(
            ngettext(
                "{n} agreement is due within a week.", "{n} agreements are due within a week.", soon
            ).format(n=soon)
        )
    return tuple(lines)


def reply_lines(overdue: int, soon: int) -> tuple[str, ...]:
    """The replies to the parents overdue and due soon, in words (empty when none)."""
    lines = []
    if overdue:
        lines.append(
            ngettext(
                "{n} reply to the parents is overdue.",
                "{n} replies to the parents are overdue.",
                overdue,
            ).format(n=overdue)
        )
    if soon:
        lines.append(
            ngettext(
                "{n} reply to the parents is due by the end of the next working day.",
                "{n} replies to the parents are due by the end of the next working day.",
                soon,
            ).format(n=soon)
        )
    return tuple(lines)


def due_tooltip(*lines: str) -> str | None:
    """The lines, and where to see them all; None when there is nothing to say."""
    if not lines:
        return None
    return "\n".join((*lines, _("Class ▸ Waiting for me lists them all.")))
