"""The passphrase in the window: asked at start, set/changed/removed, and the idle lock."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from skolehjem_desktop.domain.limits import PASSPHRASE_MIN
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.data_folder import DataFolder
from skolehjem_desktop.services.protection import check_passphrase
from skolehjem_desktop.ui.dialogs.try_gate import TryGate

if TYPE_CHECKING:
    from skolehjem_desktop.ui.common.context import UiContext


def no_way_back() -> str:
    return _(
        "Keep the passphrase safe. There is no way back without it: if it is forgotten, "
        "nobody can open the data or its backups again, not even with this program."
    )


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setObjectName(name)
    return field


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


class PassphraseDialog(QDialog):
    """Asks for the passphrase of a protected folder; stays open on a wrong one."""

    def __init__(self, parent: QWidget | None, data_dir: Path) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.passphrase: str | None = None
        self.setWindowTitle(_("Skolehjem is protected"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _("The data in {path} is protected. Write the passphrase to open it.").format(
                path=data_dir
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.field = _password_field("passphrase")
        layout.addWidget(self.field)
        self.error = _error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Open"))
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.attempts = 0
        self.gate = TryGate(self, self.field, self.ok_button)

    def try_open(self) -> None:
        if not self.ok_button.isEnabled():
            return  # the gate is closed: Enter in the field does not try either
        text = self.field.text()
        self.attempts += 1
        try:
            DataFolder(self.data_dir).check_passphrase(text)
        except UserError as exc:
            self.error.setText(exc.message)
            self.error.show()
            self.field.selectAll()
            self.field.setFocus()
            self.gate.failed(self.error)
            return
        self.passphrase = text
        self.accept()


def ask_passphrase(parent: QWidget | None, data_dir: Path) -> str | None:
    """The passphrase that opens ``data_dir``, or None when the teacher cancels."""
    dialog = PassphraseDialog(parent, data_dir)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.passphrase
    return None


IDLE_LOCK_SETTING = "idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 10


def idle_lock_minutes(ctx: UiContext) -> int:
    """The idle minutes after which a protected window locks (0: never)."""
    value = ctx.services.school.setting(IDLE_LOCK_SETTING, str(DEFAULT_IDLE_MINUTES))
    return int(value) if value.isdigit() else DEFAULT_IDLE_MINUTES


class ProtectDialog(QDialog):
    """Turn protection on, change the passphrase, or turn it off."""

    def __init__(self, ctx: UiContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.protected = ctx.services.protected
        self.setWindowTitle(_("Passphrase protection"))
        layout = QVBoxLayout(self)
        if self.protected:
            text = _(
                "The data and its backups are protected with a passphrase. "
                "You can change the passphrase or turn the protection off."
            )
        else:
            text = _(
                "Protect the data and its backups with a passphrase, so no one who gets "
                "hold of this computer can read them. Recommended on a laptop."
            )
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        warning = QLabel(no_way_back())
        warning.setObjectName("warning")
        warning.setWordWrap(True)
        warning.setStyleSheet("font-weight: bold;")
        layout.addWidget(warning)
        layout.addLayout(self._passphrase_form())
        hint = QLabel(
            _("At least {n} characters. A short sentence is easy to remember.").format(
                n=PASSPHRASE_MIN
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.error = _error_label()
        layout.addWidget(self.error)
        layout.addLayout(self._idle_form())
        layout.addWidget(self._buttons())

    def _passphrase_form(self) -> QFormLayout:
        """The new passphrase twice, after the current one when there is one."""
        form = QFormLayout()
        self.current = _password_field("current")
        self.new = _password_field("new")
        self.repeat = _password_field("repeat")
        if self.protected:
            form.addRow(_("Current passphrase:"), self.current)
        form.addRow(_("New passphrase:"), self.new)
        form.addRow(_("New passphrase again:"), self.repeat)
        return form

    def _idle_form(self) -> QFormLayout:
        """The idle lock: saved at once, it needs no passphrase to change."""
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setSuffix(" " + _("min"))
        self.idle_minutes.setSpecialValueText(_("never"))
        self.idle_minutes.setValue(idle_lock_minutes(self.ctx))
        idle_form = QFormLayout()
        idle_label = QLabel(_("&Lock the window after being idle for:"))
        idle_label.setBuddy(self.idle_minutes)
        idle_form.addRow(idle_label, self.idle_minutes)
        self.idle_minutes.valueChanged.connect(self._idle_changed)
        return idle_form

    def _buttons(self) -> QDialogButtonBox:
        """Protect (or change), turn protection off when it is on, and Cancel."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = QPushButton(
            _("Change passphrase") if self.protected else _("Protect with passphrase")
        )
        self.apply_button.setObjectName("apply")
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.clicked.connect(self.apply)
        self.off_button: QPushButton | None = None
        if self.protected:
            self.off_button = QPushButton(_("Turn protection off"))
            self.off_button.setObjectName("off")
            buttons.addButton(self.off_button, QDialogButtonBox.ButtonRole.DestructiveRole)
            self.off_button.clicked.connect(self.turn_off)
        buttons.rejected.connect(self.reject)
        return buttons

    def _idle_changed(self, minutes: int) -> None:
        self.ctx.services.school.set_setting(IDLE_LOCK_SETTING, str(minutes))
        lock = getattr(self.parent(), "idle_lock", None)
        if isinstance(lock, IdleLock):
            lock.set_minutes(minutes)

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _new_passphrase(self) -> str | None:
        new = self.new.text()
        if new != self.repeat.text():
            self._fail(_("The two new passphrases differ."))
            return None
        try:
            check_passphrase(new)
        except UserError as exc:
            self._fail(exc.message)
            return None
        return new

    def _current_ok(self) -> bool:
        if not self.ctx.services.passphrase_matches(self.current.text()):
            self._fail(_("The current passphrase is wrong."))
            return False
        return True

    def _run(self, key_after: str | None, work: object) -> bool:
        """Close the data, run ``work``, open it again with the key that holds."""
        from collections.abc import Callable

        assert callable(work)
        job: Callable[[], object] = work
        services = self.ctx.services
        key_before = services.passphrase
        services.close()
        try:
            job()
        except UserError as exc:
            services.reopen(key_before)
            self._fail(exc.message)
            return False
        except BaseException:
            self._reopen_whatever(key_before, key_after)
            raise
        services.reopen(key_after)
        return True

    def _reopen_whatever(self, first: str | None, second: str | None) -> None:
        for key in (first, second):
            try:
                self.ctx.services.reopen(key)
                return
            except Exception:
                continue

    def apply(self) -> None:
        if self.protected and not self._current_ok():
            return
        new = self._new_passphrase()
        if new is None:
            return
        folder = DataFolder(self.ctx.services.data_dir)
        if self.protected:
            old = self.current.text()
            done = self._run(new, lambda: folder.change_passphrase(old, new))
            message = _("The passphrase was changed.")
        else:
            if not self.ctx.dialogs.confirm(
                self,
                _("Protect with passphrase"),
                no_way_back(),
                _("Protect with passphrase"),
            ):
                return
            done = self._run(new, lambda: folder.protect(new))
            message = _("The data and its backups are now protected with the passphrase.")
        if done:
            self.ctx.dialogs.info(self, message + " " + no_way_back())
            self.accept()

    def turn_off(self) -> None:
        if not self._current_ok():
            return
        if not self.ctx.dialogs.confirm(
            self,
            _("Turn protection off"),
            _(
                "Anyone who gets hold of this computer will be able to read the notes "
                "about the pupils. Turn the protection off?"
            ),
            _("Turn protection off"),
        ):
            return
        folder = DataFolder(self.ctx.services.data_dir)
        old = self.current.text()
        if self._run(None, lambda: folder.unprotect(old)):
            self.ctx.dialogs.info(self, _("The data is no longer protected."))
            self.accept()


def protect_dialog(ctx: UiContext, parent: QWidget | None) -> bool:
    """Show the protection dialog; True when something was changed."""
    dialog = ProtectDialog(ctx, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


class LockScreen(QWidget):
    """What covers the window while it is locked: one passphrase field."""

    def __init__(self, parent: QWidget, check: object) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.setAutoFillBackground(True)
        self._check = check
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(_("Skolehjem is locked"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 18pt;")
        layout.addWidget(title)
        note = QLabel(_("Write the passphrase to go on. Nothing you wrote was lost."))
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.field = _password_field("unlock_passphrase")
        self.field.setMaximumWidth(320)
        layout.addWidget(self.field, 0, Qt.AlignmentFlag.AlignHCenter)
        self.button = QPushButton(_("Unlock"))
        self.button.setObjectName("unlock")
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.error = _error_label()
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.error)
        layout.addStretch(2)
        self.button.clicked.connect(self.try_unlock)
        self.field.returnPressed.connect(self.try_unlock)
        self.gate = TryGate(self, self.field, self.button)

    def try_unlock(self) -> None:
        check = self._check
        assert callable(check)
        if not self.button.isEnabled():
            return
        if check(self.field.text()):
            self.field.clear()
            self.error.hide()
            self.gate.wrong = 0
        else:
            self.error.setText(_("The passphrase is wrong."))
            self.error.show()
            self.field.selectAll()
            self.gate.failed(self.error)


INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleLock(QObject):
    """Covers the window's content with a passphrase prompt after ``minutes`` idle.

    Only a protected folder is locked (the passphrase is what unlocks it). Any key,
    click, mouse move or wheel in the application restarts the count.
    """

    def __init__(self, window: QMainWindow, minutes: float) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        self.screen: LockScreen | None = None
        self._hidden: list[QWidget] = []
        self._disabled: list[QAction] = []
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.destroyed.connect(self._remove_filter)

    def _remove_filter(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        """0 turns the lock off."""
        self.minutes = minutes
        self.timer.stop()
        if minutes > 0:
            self.timer.setInterval(max(1, int(minutes * 60_000)))
            self.timer.start()

    def _services(self) -> Services | None:
        services = getattr(self.window, "services", None)
        return services if isinstance(services, Services) else None

    def _protected(self) -> bool:
        services = self._services()
        return services is not None and services.protected

    @property
    def locked(self) -> bool:
        return self.screen is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and not self.locked and self.minutes > 0:
            self.timer.start()
        if event.type() == QEvent.Type.Resize and watched is self.window and self.screen:
            self.screen.setGeometry(self.window.rect())
        return False

    def lock_now(self) -> None:
        if self.locked or not self._protected():
            if self.minutes > 0 and not self.locked:
                self.timer.start()
            return
        self._hidden = [
            w
            for w in (
                self.window.centralWidget(),
                self.window.menuBar(),
                self.window.statusBar(),
                *self.window.findChildren(QToolBar),
                *self.window.findChildren(QDockWidget),
            )
            if w is not None and w.isVisible()
        ]
        # Shortcuts of the window's actions must not work behind the lock.
        self._disabled = [a for a in self.window.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)
        for widget in self._hidden:
            widget.hide()
        for child in self.window.findChildren(QWidget):
            if child.isWindow() and child.isVisible() and child is not self.window:
                child.hide()
                self._hidden.append(child)
        self.window.setEnabled(True)
        self.screen = LockScreen(self.window, self._unlock)
        self.screen.setGeometry(self.window.rect())
        self.screen.show()
        self.screen.raise_()
        self.screen.field.setFocus()

    def _unlock(self, text: str) -> bool:
        services = self._services()
        if services is None or not services.passphrase_matches(text):
            return False
        screen = self.screen
        self.screen = None
        if screen is not None:
            screen.hide()
            screen.deleteLater()
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        if self.minutes > 0:
            self.timer.start()
        return True
