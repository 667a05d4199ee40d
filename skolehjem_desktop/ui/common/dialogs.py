"""Message boxes and file choosers behind one small object that tests replace.

Widgets never call ``QMessageBox`` or ``QFileDialog`` directly: they ask the
``Dialogs`` they were given. Tests pass a :class:`ScriptedDialogs` that answers
from a script and records what was asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from skolehjem_desktop.i18n import _


class Dialogs:
    """The real dialogs, in the user's language."""

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        """Ask before something that cannot be undone; ``action`` names the button."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(text)
        ok = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is ok

    def error(self, parent: QWidget | None, text: str) -> None:
        QMessageBox.warning(parent, _("Skolehjem"), text)

    def info(self, parent: QWidget | None, text: str) -> None:
        QMessageBox.information(parent, _("Skolehjem"), text)

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        name, _selected = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        name, _selected = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None

    def choose_folder(self, parent: QWidget | None, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title)
        return Path(name) if name else None

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
    suggested: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)

    @staticmethod
    def _unscripted(kind: str, question: str, script: str) -> AssertionError:
        return AssertionError(
            f"ScriptedDialogs.{kind} asked {question!r}, but no answer was scripted"
            f" (add one to ScriptedDialogs.{script})"
        )

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        self.asked.append(text)
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
