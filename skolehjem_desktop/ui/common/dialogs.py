"""Message boxes and file choosers behind one small object that tests replace.

Widgets never call ``QMessageBox`` or ``QFileDialog`` directly: they ask the
``Dialogs`` they were given. Tests pass a :class:`ScriptedDialogs` that answers
from a script and records what was asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from skolehjem_desktop.i18n import _


def confirm_box(
    parent: QWidget | None, title: str, text: str, action: str, *, harmless: bool = False
) -> tuple[QMessageBox, QPushButton]:
    """The question and its ``action`` button. A warning before what cannot be undone,
    with Cancel the default; a plain question (``harmless``) with the action the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question if harmless else QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    role = QMessageBox.ButtonRole.AcceptRole if harmless else QMessageBox.ButtonRole.DestructiveRole
    ok = box.addButton(action, role)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(ok if harmless else cancel)
    return box, ok


class FileMode(Enum):
    """What a file dialog is for."""

    OPEN = "open"
    SAVE = "save"
    FOLDER = "folder"


def file_dialog(
    parent: QWidget | None, title: str, mode: FileMode, filters: str = "", suggested: str = ""
) -> QFileDialog:
    """A file dialog whose every text speaks the user's language.

    The system's own dialog where there is one; Qt's dialog otherwise, whose "Look in"
    and "Files of type" Qt's Danish translation leaves in English, so all its labels
    come from our catalogue.
    """
    dialog = QFileDialog(parent, title, "", filters)
    if mode is FileMode.SAVE:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        if suggested:
            dialog.selectFile(suggested)
        accept = _("&Save")
    elif mode is FileMode.FOLDER:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        accept = _("&Choose")
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        accept = _("&Open")
    labels = {
        QFileDialog.DialogLabel.LookIn: _("Look &in:"),
        QFileDialog.DialogLabel.FileName: _("File &name:")
        if mode is not FileMode.FOLDER
        else _("&Folder:"),
        QFileDialog.DialogLabel.FileType: _("Files of &type:"),
        QFileDialog.DialogLabel.Accept: accept,
        QFileDialog.DialogLabel.Reject: _("Cancel"),
    }
    for which, text in labels.items():
        dialog.setLabelText(which, text)
    return dialog


def _run_file_dialog(dialog: QFileDialog) -> Path | None:
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return None
    chosen = dialog.selectedFiles()
    return Path(chosen[0]) if chosen and chosen[0] else None


class Dialogs:
    """The real dialogs, in the user's language."""

    def confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        action: str,
        *,
        harmless: bool = False,
    ) -> bool:
        """Ask before something that cannot be undone; ``action`` names the button.
        A ``harmless`` question (restart now, create the planned conversations) gets a
        question mark, not a warning."""
        box, ok = confirm_box(parent, title, text, action, harmless=harmless)
        box.exec()
        return box.clickedButton() is ok

    def error(self, parent: QWidget | None, text: str) -> None:
        QMessageBox.warning(parent, _("Skolehjem"), text)

    def info(self, parent: QWidget | None, text: str) -> None:
        QMessageBox.information(parent, _("Skolehjem"), text)

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        return _run_file_dialog(file_dialog(parent, title, FileMode.OPEN, filters))

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        return _run_file_dialog(file_dialog(parent, title, FileMode.SAVE, filters, suggested))

    def choose_folder(self, parent: QWidget | None, title: str) -> Path | None:
        return _run_file_dialog(file_dialog(parent, title, FileMode.FOLDER))

    def choose(
        self, parent: QWidget | None, title: str, text: str, options: list[str]
    ) -> int | None:
        """One of ``options`` (button texts), or None when the teacher cancels."""
        box = QMessageBox(parent)
        box.setWindowTitle(title)
        box.setText(text)
        buttons = [box.addButton(o, QMessageBox.ButtonRole.AcceptRole) for o in options]
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return next((i for i, b in enumerate(buttons) if b is clicked), None)

    def show_path(self, parent: QWidget | None, text: str, path: Path) -> None:
        """A message with a file or folder's path the teacher can select and copy."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(_("Skolehjem"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"{text}\n\n{path}")
        box.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        box.exec()

    def open_document(self, path: Path) -> bool:
        """Show a file in the system's viewer (a PDF in the PDF reader), a folder in the
        file manager; False when nothing opened it (no launcher, no viewer)."""
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


@dataclass
class ScriptedDialogs(Dialogs):
    """For tests: answers from lists, records every question and message.

    Every answer must be scripted. A question whose list has run out (``confirms``
    for :meth:`confirm`, ``choices`` for :meth:`choose`, ``files`` for the file
    and folder choosers) raises :class:`AssertionError` naming the question, so a
    test that forgets to script an answer fails instead of hearing "no". A "no" is
    scripted as ``False`` in ``confirms``, a cancel as ``None`` in ``choices`` or
    ``files``.
    """

    confirms: list[bool] = field(default_factory=list)
    files: list[Path | None] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    choices: list[int | None] = field(default_factory=list)
    opened: list[Path] = field(default_factory=list)
    harmless: list[str] = field(default_factory=list)
    suggested: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)

    @staticmethod
    def _unscripted(kind: str, question: str, script: str) -> AssertionError:
        return AssertionError(
            f"ScriptedDialogs.{kind} asked {question!r}, but no answer was scripted"
            f" (add one to ScriptedDialogs.{script})"
        )

    def confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        action: str,
        *,
        harmless: bool = False,
    ) -> bool:
        self.asked.append(text)
        if harmless:
            self.harmless.append(text)
        if not self.confirms:
            raise self._unscripted("confirm", text, "confirms")
        return self.confirms.pop(0)

    def error(self, parent: QWidget | None, text: str) -> None:
        self.errors.append(text)

    def info(self, parent: QWidget | None, text: str) -> None:
        self.infos.append(text)

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        if not self.files:
            raise self._unscripted("open_file", title, "files")
        return self.files.pop(0)

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        self.suggested.append(suggested)
        if not self.files:
            raise self._unscripted("save_file", title, "files")
        return self.files.pop(0)

    def choose_folder(self, parent: QWidget | None, title: str) -> Path | None:
        if not self.files:
            raise self._unscripted("choose_folder", title, "files")
        return self.files.pop(0)

    def choose(
        self, parent: QWidget | None, title: str, text: str, options: list[str]
    ) -> int | None:
        self.asked.append(text)
        if not self.choices:
            raise self._unscripted("choose", text, "choices")
        return self.choices.pop(0)

    def show_path(self, parent: QWidget | None, text: str, path: Path) -> None:
        self.infos.append(text)
        self.paths.append(path)

    def open_document(self, path: Path) -> bool:
        self.opened.append(path)
        return True
