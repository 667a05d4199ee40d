"""Help → About Skolehjem: version, licence, where the data and logs live, third parties.

The versions of the bundled components are read at run time (``importlib.metadata``,
else the module's own version attribute, else a dash), so the same dialog is right in
a source install and in the frozen app. Their licence texts are shipped in
``resources/licenses/`` and shown here, offline.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import import_module
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop import APP_NAME, __version__
from skolehjem_desktop.i18n import _
from skolehjem_desktop.logs import log_path
from skolehjem_desktop.resources import resources_dir
from skolehjem_desktop.services import cipher_versions

if TYPE_CHECKING:
    from skolehjem_desktop.ui.common.context import UiContext

# Skolehjem's own licence, as pyproject.toml declares it (the text is LICENSE / GPL-3.0.txt).
PROGRAM_LICENCE = "GPL-3.0-or-later"
PROGRAM_LICENCE_FILE = "GPL-3.0.txt"
NO_VERSION = "–"


@dataclass(frozen=True)
class Component:
    """A third-party part shipped with the program."""

    name: str
    licence: str
    licence_file: str  # in resources/licenses/, or a path under resources/
    distribution: str | None = None  # the name importlib.metadata knows it by
    module: str | None = None  # a module with a version attribute, the fallback
    attribute: str = "__version__"


COMPONENTS: tuple[Component, ...] = (
    Component("Python", "PSF-2.0", "Python-PSF.txt"),
    Component("Qt", "LGPL-3.0", "LGPL-3.0.txt"),
    Component("PySide6 / Shiboken6", "LGPL-3.0", "LGPL-3.0.txt", "PySide6_Essentials", "PySide6"),
    Component("SQLAlchemy", "MIT", "SQLAlchemy.txt", "SQLAlchemy", "sqlalchemy"),
    Component("Alembic", "MIT", "Alembic.txt", "alembic", "alembic"),
    Component("Mako", "MIT", "Mako.txt", "Mako", "mako"),
    Component("MarkupSafe", "BSD-3-Clause", "MarkupSafe.txt", "MarkupSafe", "markupsafe"),
    Component("ReportLab", "BSD", "ReportLab.txt", "reportlab", "reportlab", "Version"),
    Component("Babel", "BSD-3-Clause", "Babel.txt", "babel", "babel"),
    Component("openpyxl", "MIT", "openpyxl.txt", "openpyxl", "openpyxl"),
    Component("et_xmlfile", "MIT", "et_xmlfile.txt", "et_xmlfile", "et_xmlfile"),
    Component("Pillow", "MIT-CMU", "Pillow.txt", "pillow", "PIL"),
    Component("platformdirs", "MIT", "platformdirs.txt", "platformdirs", "platformdirs"),
    Component("typing_extensions", "PSF-2.0", "typing_extensions.txt", "typing_extensions", None),
    Component("sqlcipher3", "Zlib", "sqlcipher3.txt", "sqlcipher3", None),
    Component("SQLCipher / SQLite", "BSD-style / public domain", "SQLCipher.txt"),
    Component("OpenSSL", "Apache-2.0", "Apache-2.0.txt"),
    Component("DejaVu fonts", "Bitstream Vera / public domain", "fonts/DejaVu-LICENSE.txt"),
)


def component_version(component: Component) -> str:
    """The component's version at run time; a dash when it cannot be told."""
    special = _special_version(component.name)
    if special is not None:
        return special
    if component.distribution:
        try:
            return importlib_metadata.version(component.distribution)
        except importlib_metadata.PackageNotFoundError:
            pass
    if component.module:
        try:
            value = getattr(import_module(component.module), component.attribute, None)
        except ImportError:
            value = None
        if value:
            return str(value)
    return NO_VERSION


def _special_version(name: str) -> str | None:
    if name == "Python":
        return platform.python_version()
    if name == "Qt":
        from PySide6.QtCore import qVersion

        return qVersion()
    if name == "SQLCipher / SQLite":
        return cipher_versions.sqlcipher_version() or NO_VERSION
    if name == "DejaVu fonts":
        return "2.37"
    if name == "OpenSSL":
        return cipher_versions.openssl_version() or NO_VERSION
    return None


def licence_path(component: Component) -> Path:
    if component.licence_file.startswith("fonts/"):
        return resources_dir() / component.licence_file
    return resources_dir() / "licenses" / component.licence_file


def licences_dir() -> Path:
    return resources_dir() / "licenses"


class LicenceDialog(QDialog):
    """One licence text, read-only."""

    def __init__(self, parent: QWidget | None, title: str, path: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit()
        self.text.setObjectName("licence_text")
        self.text.setReadOnly(True)
        try:
            body = path.read_text(encoding="utf-8")
        except OSError:
            body = _("The licence text {name} is missing from this installation.").format(
                name=path.name
            )
        self.text.setPlainText(body)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.text.setFont(font)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 560)


class AboutDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data_dir = ctx.services.data_dir
        self.logs_dir = log_path(self.data_dir).parent
        self.setWindowTitle(_("About Skolehjem"))
        layout = QVBoxLayout(self)
        layout.addLayout(self._head())
        layout.addLayout(self._places())
        layout.addWidget(QLabel(_("Parts of other projects shipped with Skolehjem:")))
        layout.addWidget(self._components_table(), 1)
        layout.addWidget(self._buttons())
        self.table.selectRow(0)
        self.resize(760, 620)

    # --- building ------------------------------------------------------------------------

    def _head(self) -> QHBoxLayout:
        """The icon, and beside it the name and version, what it is and its licence."""
        head = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(QIcon(str(resources_dir() / "icons" / "skolehjem.svg")).pixmap(64, 64))
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        title_box = QVBoxLayout()
        self.title = QLabel(f"{APP_NAME} {__version__}")
        self.title.setObjectName("title")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        title_box.addWidget(self.title)
        description = QLabel(
            _(
                "School–home cooperation for contact teachers: the school–home conversations, "
                "the message book and the contact with the parents, kept on this computer."
            )
        )
        description.setWordWrap(True)
        title_box.addWidget(description)
        self.licence = QLabel(
            _(
                "Skolehjem is free software under the GNU General Public License, version 3 "
                "or later ({licence}). It comes with no warranty."
            ).format(licence=PROGRAM_LICENCE)
        )
        self.licence.setObjectName("licence")
        self.licence.setWordWrap(True)
        title_box.addWidget(self.licence)
        head.addLayout(title_box, 1)
        return head

    def _places(self) -> QGridLayout:
        """Where the data and the logs are; the data folder opens with a button."""
        places = QGridLayout()
        places.addWidget(QLabel(_("Your data:")), 0, 0)
        self.data_label = QLabel(str(self.data_dir))
        self.data_label.setObjectName("data_dir")
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        places.addWidget(self.data_label, 0, 1)
        self.open_data_button = QPushButton(_("Open the data &folder"))
        self.open_data_button.setObjectName("open_data")
        self.open_data_button.setAutoDefault(False)
        self.open_data_button.clicked.connect(self.open_data_folder)
        places.addWidget(self.open_data_button, 0, 2)
        places.addWidget(QLabel(_("Logs:")), 1, 0)
        self.logs_label = QLabel(str(self.logs_dir))
        self.logs_label.setObjectName("logs_dir")
        self.logs_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        places.addWidget(self.logs_label, 1, 1)
        places.setColumnStretch(1, 1)
        return places

    def _components_table(self) -> QTableWidget:
        """Skolehjem and every component shipped with it: name, version, licence."""
        self.table = QTableWidget(len(COMPONENTS) + 1, 3)
        self.table.setObjectName("components")
        self.table.setHorizontalHeaderLabels([_("Component"), _("Version"), _("Licence")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.rows: list[tuple[str, Path]] = [(APP_NAME, licences_dir() / PROGRAM_LICENCE_FILE)]
        self._set_row(0, APP_NAME, __version__, PROGRAM_LICENCE)
        for row, component in enumerate(COMPONENTS, start=1):
            self._set_row(row, component.name, component_version(component), component.licence)
            self.rows.append((component.name, licence_path(component)))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.show_licence())
        return self.table

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.licence_button = QPushButton(_("Show &licence…"))
        self.licence_button.setObjectName("show_licence")
        self.licence_button.setAutoDefault(False)
        self.licence_button.clicked.connect(self.show_licence)
        buttons.addButton(self.licence_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        return buttons

    # --- using it ------------------------------------------------------------------------

    def _set_row(self, row: int, name: str, version: str, licence: str) -> None:
        for column, text in enumerate((name, version, licence)):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def versions(self) -> dict[str, str]:
        """Component → version as shown (for tests and support)."""
        shown: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            name, version = self.table.item(row, 0), self.table.item(row, 1)
            if name is not None and version is not None:
                shown[name.text()] = version.text()
        return shown

    def open_data_folder(self) -> None:
        from skolehjem_desktop.ui.common.viewer import open_folder

        open_folder(self.ctx, self, self.data_dir)

    def licence_dialog(self) -> LicenceDialog:
        row = max(0, self.table.currentRow())
        name, path = self.rows[row]
        return LicenceDialog(self, _("Licence of {name}").format(name=name), path)

    def show_licence(self) -> None:
        self.licence_dialog().exec()


def show_about(ctx: UiContext, parent: QWidget | None) -> None:
    AboutDialog(ctx, parent).exec()
