"""The passphrase dialog at start, the protection dialog, and the idle lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from skolehjem_desktop.config import database_path
from skolehjem_desktop.services import Services, protection
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.database import open_database
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
from skolehjem_desktop.ui.dialogs.crypto_dialogs import IdleLock, PassphraseDialog, ProtectDialog

SECRET = "hemmelig sætning"


@pytest.fixture
def protected_dir(data_dir: Path) -> Path:
    open_database(data_dir).close()
    protection.encrypt(data_dir, SECRET)
    return data_dir


def test_passphrase_dialog_retries_on_a_wrong_passphrase(qtbot, protected_dir: Path) -> None:
    dialog = PassphraseDialog(None, protected_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.field.setText("forkert forkert")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.isVisibleTo(dialog)
    assert "wrong" in dialog.error.text()
    assert dialog.passphrase is None

    dialog.field.setText(SECRET)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert dialog.passphrase == SECRET
    assert dialog.attempts == 2


def test_guessing_is_slowed_after_three_wrong_passphrases(
    qtbot, protected_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.ui.dialogs import try_gate

    monkeypatch.setattr(try_gate, "FIRST_WAIT_MS", 300)
    dialog = PassphraseDialog(None, protected_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    for n in range(3):
        assert dialog.ok_button.isEnabled(), n
        dialog.field.setText(f"forkert gæt nummer {n}")
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert not dialog.ok_button.isEnabled() and not dialog.field.isEnabled()
    assert "Wait" in dialog.error.text()
    dialog.try_open()  # Enter while the gate is closed tries nothing
    assert dialog.attempts == 3
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=3000)
    dialog.field.setText(SECRET)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted


def _ctx(data_dir: Path, passphrase: str | None, dialogs: ScriptedDialogs) -> UiContext:
    return UiContext(Services(open_database(data_dir, passphrase)), dialogs)


def test_protect_dialog_turns_protection_on_with_the_plain_warning(qtbot, data_dir: Path) -> None:
    dialogs = ScriptedDialogs(confirms=[True])
    ctx = _ctx(data_dir, None, dialogs)
    dialog = ProtectDialog(ctx, None)
    qtbot.addWidget(dialog)
    assert "no way back" in dialog.findChild(QLabel, "warning").text()
    dialog.new.setText(SECRET)
    dialog.repeat.setText("something else")
    dialog.apply()
    assert "differ" in dialog.error.text()
    assert not crypto.is_encrypted(data_dir)

    dialog.repeat.setText(SECRET)
    dialog.apply()

    assert crypto.is_encrypted(data_dir)
    assert "no way back" in dialogs.asked[0]
    assert ctx.services.db.passphrase == SECRET
    with ctx.services.db.reading() as session:  # the open window goes on working
        assert session.connection().exec_driver_sql("SELECT 1").scalar() == 1
    ctx.services.db.close()


def test_protect_dialog_changes_and_turns_off(qtbot, protected_dir: Path) -> None:
    dialogs = ScriptedDialogs(confirms=[True])
    ctx = _ctx(protected_dir, SECRET, dialogs)
    dialog = ProtectDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.current.setText("wrong one!")
    dialog.new.setText("ny sætning her")
    dialog.repeat.setText("ny sætning her")
    dialog.apply()
    assert "wrong" in dialog.error.text()
    dialog.current.setText(SECRET)
    dialog.apply()
    assert ctx.services.db.passphrase == "ny sætning her"
    assert crypto.opens_with(database_path(protected_dir), "ny sætning her")

    off = ProtectDialog(ctx, None)
    qtbot.addWidget(off)
    off.current.setText("ny sætning her")
    off.turn_off()
    assert not crypto.is_encrypted(protected_dir)
    assert ctx.services.db.passphrase is None
    ctx.services.db.close()


class _Window(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setCentralWidget(QLabel("Anna Hansen: private notes"))


def test_idle_lock_hides_the_content_until_the_passphrase(qtbot, protected_dir: Path) -> None:
    services = Services(open_database(protected_dir, SECRET))
    window = _Window(services)
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(window, minutes=0.002)  # 120 ms

    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    assert not window.centralWidget().isVisible()
    screen = lock.screen
    assert screen is not None
    screen.field.setText("wrong words")
    screen.try_unlock()
    assert lock.locked and "wrong" in screen.error.text()

    screen.field.setText(SECRET)
    screen.try_unlock()
    assert not lock.locked
    assert window.centralWidget().isVisible()
    lock.set_minutes(0)
    services.db.close()


def test_idle_lock_does_nothing_for_a_plain_folder(qtbot, data_dir: Path) -> None:
    services = Services(open_database(data_dir))
    window = _Window(services)
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(window, minutes=10)
    lock.lock_now()
    assert not lock.locked
    assert window.centralWidget().isVisible()
    lock.set_minutes(0)
    services.db.close()


def test_the_idle_time_is_chosen_in_the_protection_dialog(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.store.database import open_database
    from skolehjem_desktop.ui.common.context import UiContext
    from skolehjem_desktop.ui.common.dialogs import ScriptedDialogs
    from skolehjem_desktop.ui.dialogs.crypto_dialogs import ProtectDialog, idle_lock_minutes

    ctx = UiContext(Services(open_database(tmp_path / "idle")), ScriptedDialogs())
    assert idle_lock_minutes(ctx) == 10
    dialog = ProtectDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.idle_minutes.setValue(25)
    assert idle_lock_minutes(ctx) == 25
    dialog.idle_minutes.setValue(0)
    assert idle_lock_minutes(ctx) == 0
    assert dialog.idle_minutes.text() == "never"
    ctx.services.db.close()


def test_the_open_button_names_the_action_in_danish(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """ "Åben" is the state (an open contact); the button says what it does: "Åbn"."""
    from skolehjem_desktop import i18n

    i18n.activate("da")
    try:
        dialog = PassphraseDialog(None, tmp_path)
        qtbot.addWidget(dialog)
        assert dialog.ok_button.text() == "&Åbn"
        assert i18n.active().gettext("Open") == "Åben"  # the contact's status stays
    finally:
        i18n.activate("en")
