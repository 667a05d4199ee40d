"""Help → About: version, licence, where the data and logs live, the third-party licences."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from skolehjem_desktop import __version__
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs.about_dialog import (
    COMPONENTS,
    NO_VERSION,
    AboutDialog,
    LicenceDialog,
    licence_path,
)


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def about(qtbot, services, dialogs) -> AboutDialog:  # type: ignore[no-untyped-def]
    box = AboutDialog(UiContext(services, dialogs), None)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    return box


def test_name_version_licence_and_places(about: AboutDialog, data_dir: Path) -> None:
    assert about.title.text() == f"Skolehjem {__version__}"
    assert "GPL-3.0-or-later" in about.licence.text()
    assert about.data_label.text() == str(data_dir)
    assert about.logs_label.text() == str(data_dir / "logs")


def test_the_data_folder_opens_in_the_file_manager(qtbot, about, dialogs, data_dir) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(about.open_data_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == [data_dir]


def test_no_file_manager_shows_the_path_to_copy(qtbot, about, dialogs, data_dir) -> None:  # type: ignore[no-untyped-def]
    about.ctx.launcher = lambda path: False
    qtbot.mouseClick(about.open_data_button, Qt.MouseButton.LeftButton)
    assert dialogs.paths == [data_dir]
    assert "select it and copy it" in dialogs.infos[-1]


def test_components_show_the_versions_installed(about: AboutDialog) -> None:
    shown = about.versions()
    assert shown["Skolehjem"] == __version__
    assert shown["SQLAlchemy"] == metadata.version("SQLAlchemy")
    assert shown["ReportLab"] == metadata.version("reportlab")
    assert shown["PySide6 / Shiboken6"] == metadata.version("PySide6_Essentials")
    assert shown["Qt"].startswith("6.")
    assert shown["SQLCipher / SQLite"].startswith("4.")
    assert shown["Python"].count(".") == 2
    assert shown["OpenSSL"].startswith("3.")
    for name in ("Alembic", "Babel", "openpyxl", "Pillow", "platformdirs", "sqlcipher3"):
        assert shown[name] != NO_VERSION, name


def test_every_licence_text_is_shipped() -> None:
    for component in COMPONENTS:
        text = licence_path(component).read_text(encoding="utf-8")
        assert len(text) > 500, component.name


def test_a_licence_is_shown_from_the_table(qtbot, about: AboutDialog) -> None:  # type: ignore[no-untyped-def]
    row = next(i for i, c in enumerate(COMPONENTS, start=1) if c.name == "SQLAlchemy")
    about.table.selectRow(row)
    box = about.licence_dialog()
    qtbot.addWidget(box)
    assert "SQLAlchemy" in box.windowTitle()
    assert "Permission is hereby granted" in box.text.toPlainText()

    seen: list[str] = []

    def close_it() -> None:
        shown = QApplication.activeModalWidget()
        assert isinstance(shown, LicenceDialog)
        seen.append(shown.text.toPlainText())
        shown.reject()

    about.table.selectRow(0)
    QTimer.singleShot(0, close_it)
    qtbot.mouseClick(about.licence_button, Qt.MouseButton.LeftButton)
    assert "GNU GENERAL PUBLIC LICENSE" in seen[0]


def test_help_about_opens_the_dialog(qtbot, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.app import create_main_window

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = create_main_window(data_dir, "en", dialogs=ScriptedDialogs(), settings=settings)
    qtbot.addWidget(window)
    found: list[AboutDialog] = []

    def close_it() -> None:
        shown = QApplication.activeModalWidget()
        assert isinstance(shown, AboutDialog)
        found.append(shown)
        shown.reject()

    QTimer.singleShot(0, close_it)
    window.about()
    assert found and found[0].data_dir == data_dir


def test_the_program_command_starts_the_source_or_the_frozen_app(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from skolehjem_desktop.resources import program_command

    assert program_command() == [sys.executable, "-m", "skolehjem_desktop"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/skolehjem/skolehjem")
    assert program_command() == ["/opt/skolehjem/skolehjem"]
