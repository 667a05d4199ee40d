"""What the window does once the teacher sees the data: the day's backup, old previews."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from skolehjem_desktop.services import Services
    from skolehjem_desktop.ui.common.dialogs import Dialogs


def after_open(window: QMainWindow, services: Services, dialogs: Dialogs) -> None:
    """The rolling backup ``open_database(defer_backup=True)`` left, and old previews."""
    from skolehjem_desktop.services.data_folder import DataFolder
    from skolehjem_desktop.services.refusals import DatabaseRefused
    from skolehjem_desktop.ui.app.printing import clean_previews

    try:
        services.keep_rolling_backup()
    except DatabaseRefused as exc:
        # Damaged since it was opened: no copy was made over the good backups; say which
        # one to go back to.
        folder = DataFolder(services.data_dir)
        dialogs.error(window, folder.refusal_with_backup(exc.message, services.db.passphrase))
    except (UserError, OSError) as exc:
        message = exc.message if isinstance(exc, UserError) else str(exc)
        window.statusBar().showMessage(
            _("The daily backup could not be made: {reason}").format(reason=message)
        )
    clean_previews(services.data_dir)
