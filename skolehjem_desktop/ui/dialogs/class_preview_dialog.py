"""What a colleague's class file would bring, shown before anything is written.

Who sent it, from which school, the class and its school year, when the file was
written and whether the colleague's private preparation is in it; the pupils (new here,
or here already) and a table of the kinds of record: how many are new, updated,
unchanged, to choose between, deleted. A class from another school needs a tick first.
*Import* imports (``services.class_transfer.apply``); *Cancel* writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.i18n import _, ngettext
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.common.formatting import datetime_text
from skolehjem_desktop.ui.common.sizing import resize_to_fit
from skolehjem_desktop.ui.common.table_model import read_only_table
from skolehjem_desktop.ui.dialogs.class_file_parts import (
    ERROR_STYLE,
    cell,
    fill,
    fit_columns,
    heading_label,
    wrapped_label,
)

if TYPE_CHECKING:
    from skolehjem_desktop.services.class_transfer import ImportCounts, ImportPreview

NOUGHT = "#8a8a8a"


def written_when(stamp: str) -> str:
    """The file's ISO time (UTC) as the teacher's clock shows it; the stamp if unreadable."""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return datetime_text(moment)


def count_cells(counts: ImportCounts) -> list[int]:
    """New, updated, unchanged, to choose (both changed, or kept after a deletion), deleted."""
    return [
        counts.new,
        counts.updated,
        counts.unchanged,
        counts.choices + counts.kept,
        counts.deleted,
    ]


def count_cell(n: int, *, bold: bool = False) -> QTableWidgetItem:
    """A count; a nought in grey, so the counts that say something stand out."""
    item = cell(str(n), number=True, bold=bold)
    if not n:
        item.setForeground(QBrush(QColor(NOUGHT)))
    return item


class ClassPreviewDialog(QDialog):
    """The preview; :attr:`other_school_ok` says the teacher ticked the other school."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        cf = preview.file
        self.setObjectName("ClassPreviewDialog")
        self.setWindowTitle(_("Receive a class"))
        layout = QVBoxLayout(self)
        year = SchoolYear(cf.school_year).label
        sender = cf.sender or _("an unnamed teacher")
        layout.addWidget(
            heading_label(
                _("The class {name} ({year}) from {sender}").format(
                    name=cf.class_name, year=year, sender=sender
                )
            )
        )
        layout.addLayout(self._facts(preview))
        self.note = wrapped_label(self._note(preview))
        self.note.setObjectName("note")
        layout.addWidget(self.note)
        tables = QHBoxLayout()
        tables.addLayout(self._pupils(preview), 2)
        tables.addLayout(self._kinds(preview), 3)
        layout.addLayout(tables, 1)
        self.other_school = QCheckBox()
        self.other_school.setObjectName("other_school")
        if preview.other_school is not None:
            self.other_school.setText(
                _("The class comes from another school ({school}). Import it &anyway").format(
                    school=preview.other_school
                )
            )
            self.other_school.setStyleSheet(ERROR_STYLE)
            layout.addWidget(self.other_school)
        else:
            self.other_school.hide()
        layout.addWidget(self._buttons())
        self.other_school.toggled.connect(self._update)
        self._update()
        if preview.other_school is not None:
            self.other_school.setFocus()  # the question to answer first
        elif self.import_button.isEnabled():
            self.import_button.setFocus()
        resize_to_fit(self, 980, 620)

    def _facts(self, preview: ImportPreview) -> QFormLayout:
        cf = preview.file
        form = QFormLayout()
        rows = (
            (_("From:"), cf.sender or _("an unnamed teacher")),
            (_("School:"), cf.school or "—"),
            (
                _("Class:"),
                _("{name}, school year {year}").format(
                    name=cf.class_name, year=SchoolYear(cf.school_year).label
                ),
            ),
            (_("Saved:"), written_when(cf.exported_at)),
            (
                _("Private preparation:"),
                _("Included (your colleague's own notes before the conversations)")
                if cf.include_private
                else _("Not included"),
            ),
        )
        for caption, value in rows:
            shown = QLabel(value)
            shown.setObjectName("fact")
            form.addRow(caption, shown)
        return form

    def _note(self, preview: ImportPreview) -> str:
        lines = []
        if preview.counts.changes == 0:
            lines.append(_("You have everything in this file already: importing changes nothing."))
        elif preview.class_here:
            lines.append(
                _(
                    "The class is here already. What only your colleague changed comes in; "
                    "what you changed here is kept."
                )
            )
        else:
            lines.append(_("The class is new here."))
        counts = preview.counts
        lines.append(
            _(
                "In all: {new} new, {updated} updated, {choose} to choose, {deleted} deleted, "
                "{unchanged} unchanged."
            ).format(
                new=counts.new,
                updated=counts.updated,
                choose=counts.choices + counts.kept,
                deleted=counts.deleted,
                unchanged=counts.unchanged,
            )
        )
        waiting = counts.choices + counts.kept
        if waiting:
            lines.append(
                ngettext(
                    "{n} record was changed both here and by your colleague: both versions "
                    "are kept, and you choose afterwards.",
                    "{n} records were changed both here and by your colleague: both versions "
                    "are kept, and you choose afterwards.",
                    waiting,
                ).format(n=waiting)
            )
        if preview.becomes_contact_teacher:
            lines[0] += " " + _("You become a contact teacher of the class.")
        else:
            lines[0] += " " + _(
                "Say who you are in the settings to become a contact teacher of the class."
            )
        return "\n".join(lines)

    def _pupils(self, preview: ImportPreview) -> QVBoxLayout:
        self.pupils = read_only_table([_("Pupil"), _("Status")], _("Pupils in the class file"))
        fill(
            self.pupils,
            [
                [cell(p.name), cell(_("here already") if p.here else _("new"))]
                for p in preview.pupils
            ],
        )
        fit_columns(self.pupils, stretch=1)
        return self._titled(_("P&upils:"), self.pupils)

    def _kinds(self, preview: ImportPreview) -> QVBoxLayout:
        headers = [
            _("Records"),
            _("New"),
            _("Updated"),
            _("Unchanged"),
            _("To choose"),
            _("Deleted"),
        ]
        self.kinds = read_only_table(headers, _("What the class file holds"))
        rows = [
            [cell(k.label), *(count_cell(n) for n in count_cells(k.counts))] for k in preview.kinds
        ]
        rows.append(
            [
                cell(_("In all"), bold=True),
                *(count_cell(n, bold=True) for n in count_cells(preview.counts)),
            ]
        )
        fill(self.kinds, rows)
        fit_columns(self.kinds, stretch=0)
        return self._titled(_("&Contents of the file:"), self.kinds)

    @staticmethod
    def _titled(caption: str, table: QTableWidget) -> QVBoxLayout:
        label = QLabel(caption)
        label.setBuddy(table)
        box = QVBoxLayout()
        box.addWidget(label)
        box.addWidget(table, 1)
        return box

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton(_("&Import"))
        self.import_button.setObjectName("import")
        self.import_button.setDefault(True)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    @property
    def other_school_ok(self) -> bool:
        return self.preview.other_school is not None and self.other_school.isChecked()

    def _update(self) -> None:
        gated = self.preview.other_school is not None and not self.other_school.isChecked()
        self.import_button.setEnabled(self.preview.counts.changes > 0 and not gated)
