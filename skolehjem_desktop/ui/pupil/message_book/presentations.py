"""The bottom of the message book: whether, when and how the focus points were presented to
the parents this school year, with the buttons to record and remove a presentation.

Not presented yet shows an icon and bold text, never colour alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.focus import PresentationInfo
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.common.formatting import date_text
from skolehjem_desktop.ui.common.table_model import set_bold
from skolehjem_desktop.ui.pupil.message_book.model import PresentationListModel


class PresentationsBox(QGroupBox):
    """This school year's presentations to the parents."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Presented to the parents"), parent)
        style = self.style()
        self._warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._ok_icon = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        self.model = PresentationListModel(self)
        self.status_icon = QLabel()
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.list_view = QListView()
        self.list_view.setModel(self.model)
        self.list_view.setAccessibleName(_("Presentations this school year"))
        line = self.list_view.fontMetrics().lineSpacing()
        self.list_view.setMaximumHeight(line * 3 + 12)
        self.record_button = QPushButton(_("Recor&d presentation to the parents…"))
        self.remove_button = QPushButton(_("Remove presentation…"))
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_icon)
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.record_button)
        status_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(status_row)
        layout.addWidget(self.list_view)

    def clear(self) -> None:
        """No pupil: no presentations, nothing said about them."""
        self.model.set_rows([])
        self.status_label.clear()
        self.status_icon.clear()

    def current(self) -> PresentationInfo | None:
        """The presentation chosen in the list, if any."""
        index = self.list_view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def show_rows(self, rows: Sequence[PresentationInfo], school_year: int, today: dt.date) -> None:
        """Show a school year's presentations, the latest chosen, and say whether there are any."""
        self.model.set_rows(rows)
        if rows:
            self.list_view.setCurrentIndex(self.model.index(len(rows) - 1, 0))
        size = self.status_label.fontMetrics().height()
        year = SchoolYear(school_year).label
        if rows:
            self.status_icon.setPixmap(self._ok_icon.pixmap(size, size))
            self.status_label.setText(
                _("Presented to the parents in {year}, latest on {date}.").format(
                    year=year, date=date_text(rows[-1].presented_on)
                )
            )
        else:
            self.status_icon.setPixmap(self._warning_icon.pixmap(size, size))
            self.status_label.setText(
                _("Not yet presented to the parents this school year ({year}).").format(year=year)
            )
        set_bold(self.status_label, not rows)
        self.list_view.setVisible(bool(rows))
        self.remove_button.setVisible(bool(rows))
        future = SchoolYear(school_year).first_day > today
        self.record_button.setEnabled(not future)
        self.record_button.setToolTip(
            _("A presentation cannot be recorded for a school year to come.") if future else ""
        )
