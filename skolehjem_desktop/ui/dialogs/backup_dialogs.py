"""File → "Back up to a file…" and "Restore from a backup…".

Both run their work off the GUI thread (:func:`run_task`). A restore shows what the
chosen file holds and asks first; the window's database is closed for the swap and
the restored one is opened in its place (see :func:`restore_in_window`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.backups import (
    BackupInfo,
    backup_to,
    default_backup_name,
    describe_backup,
)
from skolehjem_desktop.services.data_folder import DataFolder, Restored
from skolehjem_desktop.ui.common.context import UiContext
from skolehjem_desktop.ui.common.tasks import Cancelled, Progress, run_task

if TYPE_CHECKING:
    from skolehjem_desktop.ui.common.host import Host

FILTERS = "Skolehjem backup (*.sqlite);;All files (*)"


def _say(parent: QWidget | None, ctx: UiContext, text: str) -> None:
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(text)
    ctx.dialogs.info(parent, text)


def backup_now(ctx: UiContext, parent: QWidget | None) -> bool:
    """Ask where, write the backup there; True when a backup was written."""
    target = ctx.dialogs.save_file(
        parent,
        _("Back up to a file"),
        default_backup_name(ctx.services.today()),
        _("Skolehjem backup (*.sqlite)"),
    )
    if target is None:
        return False
    if target.suffix == "":
        target = target.with_suffix(".sqlite")
    services = ctx.services

    def work(progress: Progress) -> BackupInfo:
        progress(0, 0, _("Writing the backup…"))
        return backup_to(services, target)

    try:
        info = run_task(parent, _("Backing up…"), work)
    except Cancelled:
        return False
    except UserError as exc:
        ctx.dialogs.error(parent, exc.message)
        return False
    _say(parent, ctx, _("Backup written: {what}").format(what=describe_backup(info)))
    return True


def restore(
    ctx: UiContext,
    parent: QWidget | None,
    replace: Callable[[Services], None],
) -> bool:
    """Choose a backup, show what it holds, ask, and restore it; True when restored.

    The data open now (``ctx.services``) is closed just before the swap, off the GUI
    thread; ``replace`` is given the restored data to work on from then on. If the
    restore fails after the close, the data folder opens the old data again.
    """
    path = ctx.dialogs.open_file(parent, _("Restore from a backup"), FILTERS)
    if path is None:
        return False
    # A protected folder's passphrase opens its encrypted backups and locks the restored data.
    current = ctx.services
    folder = DataFolder(current.data_dir)
    passphrase = current.passphrase

    def check(progress: Progress) -> BackupInfo:
        progress(0, 0, _("Checking the backup…"))
        return folder.inspect(path, passphrase)

    try:
        info = run_task(parent, _("Checking the backup…"), check)
    except Cancelled:
        return False
    except UserError as exc:
        ctx.dialogs.error(parent, exc.message)
        return False
    question = (
        describe_backup(info)
        + "\n\n"
        + _(
            "Restoring replaces all the data now in Skolehjem by what this file holds. "
            "The data now in Skolehjem is kept as a backup first."
        )
    )
    if not ctx.dialogs.confirm(parent, _("Restore from a backup"), question, _("Restore")):
        return False

    def swap(progress: Progress) -> Restored:
        progress(0, 0, _("Restoring…"))
        return folder.restore(Path(path), current=current)

    try:
        result = run_task(parent, _("Restoring…"), swap)
    except (UserError, OSError, Cancelled) as exc:
        if isinstance(exc, UserError):
            ctx.dialogs.error(parent, exc.message)
        elif isinstance(exc, OSError):
            ctx.dialogs.error(
                parent, _("The backup could not be restored ({error}).").format(error=exc)
            )
        return False
    replace(result.services)
    text = _("Restored: {what}").format(what=describe_backup(result.info))
    if result.replaced_copy is not None:
        text += " " + _("The data it replaced was kept in {path}.").format(
            path=result.replaced_copy
        )
    _say(parent, ctx, text)
    return True


def restore_in_window(host: Host) -> bool:
    """Restore over the window's data folder: close its data, swap, work on the new."""
    if not host.can_leave():  # what is being typed is saved first
        return False
    return restore(host.ctx, host.widget(), host.replace_services)


def add_actions(host: Host) -> list[QAction]:
    """The two File-menu actions, created on the window (the caller puts them in a menu)."""
    window = host.widget()
    backup = QAction(_("Back up to a file…"), window)
    backup.setObjectName("backup")
    backup.triggered.connect(lambda _checked=False: backup_now(host.ctx, window))
    restore_action = QAction(_("Restore from a backup…"), window)
    restore_action.setObjectName("restore")
    restore_action.triggered.connect(lambda _checked=False: restore_in_window(host))
    for action in (backup, restore_action):
        window.addAction(action)
    return [backup, restore_action]
