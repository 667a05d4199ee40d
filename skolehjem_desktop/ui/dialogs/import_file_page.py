"""The import wizard's first page: the class list file, and the class the pupils go in.

An existing class of the school year (the one the wizard was opened on, else the
first), a new class by name, or the classes the list names in its Class column. Part
of :class:`~skolehjem_desktop.ui.dialogs.import_wizard.ImportWizard`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.ui.pupil.student_dialogs import buddy_label, hint_label

if TYPE_CHECKING:
    from skolehjem_desktop.ui.dialogs.import_wizard import ImportWizard

FILE_FILTER = "*.csv *.xlsx *.txt *.tsv"


class FilePage(QWizardPage):
    """Page 1: the file, and which class the pupils go in."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Choose the class list"))
        self.setSubTitle(_("A CSV or Excel (.xlsx) file with one row per pupil."))
        self.columns_text = QLabel(
            _(
                "The first row holds the column names: Fornavn, Efternavn, Fødselsdato, "
                "Klasse, Forælder 1, Forælder 1 e-mail, Forælder 1 telefon… (English column "
                "names work too). A CPR column is ignored."
            )
        )
        self.columns_text.setObjectName("columns_text")
        self.columns_text.setWordWrap(True)
        file_row = self._file_row()
        year = SchoolYear(wizard.school_year).label
        target = self._target_grid()

        layout = QVBoxLayout(self)
        layout.addWidget(self.columns_text)
        layout.addSpacing(6)
        layout.addWidget(buddy_label(_("&File:"), self.path_edit))
        layout.addLayout(file_row)
        layout.addSpacing(12)
        target_label = QLabel(
            _("The pupils go in a class of the school year {year}:").format(year=year)
        )
        target_label.setWordWrap(True)
        layout.addWidget(target_label)
        layout.addLayout(target)
        layout.addStretch(1)
        layout.addWidget(hint_label(_("Nothing is imported before you confirm on the last page.")))

        self._first_target()
        self.setTabOrder(self.path_edit, self.browse_button)
        self.setTabOrder(self.browse_button, self.existing_radio)
        self.setTabOrder(self.existing_radio, self.class_combo)
        self.setTabOrder(self.class_combo, self.new_radio)
        self.setTabOrder(self.new_radio, self.new_edit)
        self.setTabOrder(self.new_edit, self.column_radio)

        self.path_edit.textChanged.connect(self.completeChanged)
        self.new_edit.textChanged.connect(self._new_name_typed)
        self.group.buttonToggled.connect(lambda *_args: self._sync())
        self._sync()

    # --- building ------------------------------------------------------------------------

    def _file_row(self) -> QHBoxLayout:
        """The path of the file, and a button to browse for it."""
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("The class list file"))
        self.browse_button = QPushButton(_("B&rowse…"))
        self.browse_button.setAccessibleName(_("Browse for the class list file"))
        self.browse_button.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        return file_row

    def _target_grid(self) -> QGridLayout:
        """Where the pupils go: an existing class, a new one, or the list's Class column."""
        self.existing_radio = QRadioButton(_("Into the &existing class:"))
        self.class_combo = QComboBox()
        self.class_combo.setAccessibleName(_("Existing class"))
        for info in self.wiz.ctx.services.classes.all(school_year=self.wiz.school_year):
            self.class_combo.addItem(info.name, info.id)
        self.new_radio = QRadioButton(_("Into a ne&w class:"))
        self.new_edit = QLineEdit()
        self.new_edit.setPlaceholderText(_("e.g. 5.A"))
        self.new_edit.setAccessibleName(_("Name of the new class"))
        self.new_edit.setMaxLength(32)
        self.column_radio = QRadioButton(_("Into the classes the list names in its &Class column"))
        self.group = QButtonGroup(self)
        for button in (self.existing_radio, self.new_radio, self.column_radio):
            self.group.addButton(button)

        target = QGridLayout()
        target.addWidget(self.existing_radio, 0, 0)
        target.addWidget(self.class_combo, 0, 1)
        target.addWidget(self.new_radio, 1, 0)
        target.addWidget(self.new_edit, 1, 1)
        target.addWidget(self.column_radio, 2, 0, 1, 2)
        target.setColumnStretch(1, 1)
        return target

    def _first_target(self) -> None:
        """The class the wizard was opened on (else the first); a new one when none exists."""
        if self.class_combo.count():
            index = self.class_combo.findData(self.wiz.class_id) if self.wiz.class_id else 0
            self.class_combo.setCurrentIndex(max(index, 0))
            self.existing_radio.setChecked(True)
        else:
            self.existing_radio.setEnabled(False)
            self.class_combo.setEnabled(False)
            self.new_radio.setChecked(True)

    # --- using it ------------------------------------------------------------------------

    def _new_name_typed(self, text: str) -> None:
        if text.strip() and not self.new_radio.isChecked():
            self.new_radio.setChecked(True)
        self.completeChanged.emit()

    def _sync(self) -> None:
        self.class_combo.setEnabled(self.existing_radio.isChecked())
        self.completeChanged.emit()

    def browse(self) -> None:
        path = self.wiz.ctx.dialogs.open_file(
            self,
            _("Choose a class list"),
            _("Class lists ({patterns});;All files (*)").format(patterns=FILE_FILTER),
        )
        if path is not None:
            self.path_edit.setText(str(path))

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def class_name(self) -> str | None:
        """The class for the whole list, or None when the list's column decides."""
        if self.existing_radio.isChecked():
            return self.class_combo.currentText() or None
        if self.new_radio.isChecked():
            return self.new_edit.text().strip() or None
        return None

    def target_text(self) -> str:
        name = self.class_name()
        year = SchoolYear(self.wiz.school_year).label
        if self.column_radio.isChecked():
            return _("the classes the list names, in {year}").format(year=year)
        if self.new_radio.isChecked():
            return _("the new class {name} ({year})").format(name=name, year=year)
        return _("class {name} ({year})").format(name=name, year=year)

    def isComplete(self) -> bool:
        if self.path() is None:
            return False
        if self.existing_radio.isChecked():
            return self.class_combo.count() > 0
        if self.new_radio.isChecked():
            return bool(self.new_edit.text().strip())
        return self.column_radio.isChecked()
