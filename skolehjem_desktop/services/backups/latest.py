"""The latest good backup: the newest automatic backup that passes the checks, offered
in the message about a database that cannot be opened."""

from __future__ import annotations

from pathlib import Path

from skolehjem_desktop.config import backup_dir
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.backups.checking import inspect_backup
from skolehjem_desktop.services.refusals import worded


@worded
def latest_good_backup(data_dir: Path, passphrase: str | None = None) -> Path | None:
    """The newest file in ``backups/`` that passes :func:`inspect_backup`, or None.

    Encrypted backups are checked with ``passphrase`` (without it they are skipped).
    """
    folder = backup_dir(Path(data_dir))
    if not folder.is_dir():
        return None
    candidates = sorted(
        (p for p in folder.glob("*.sqlite") if p.is_file()),
        key=lambda p: (p.stat().st_mtime, p.name),
        reverse=True,
    )
    for candidate in candidates:
        try:
            inspect_backup(candidate, passphrase)
        except (UserError, OSError):
            continue
        return candidate
    return None


def offer_latest_backup(data_dir: Path, message: str, passphrase: str | None = None) -> str:
    """``message`` (why the database was refused) followed by the latest good backup, if any."""
    good = latest_good_backup(data_dir, passphrase)
    if good is None:
        return message + " " + _("There is no good backup in the data folder.")
    return (
        message
        + " "
        + _(
            "The latest good backup is {path}. To go back to it, choose File → Restore "
            "from a backup, or run: skolehjem-desktop restore {path}"
        ).format(path=good)
    )
