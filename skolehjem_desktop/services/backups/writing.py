"""Backing up the open database to a file the teacher chooses.

The copy is made with SQLite's backup API into a temporary file beside the target,
flushed to the disk and renamed into place: a half-written backup never carries the
chosen name, and a failure (a full USB stick) leaves no temporary file behind.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.leftovers import remove_stale
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.backups.checking import BackupInfo, inspect_backup
from skolehjem_desktop.services.backups.files import (
    fsync_dir,
    fsync_file,
    remove_quietly,
    same_file,
    side_files,
    write_errors,
    write_failed,
)
from skolehjem_desktop.services.refusals import worded
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.backup import backup_database, partial_of
from skolehjem_desktop.store.database import SQLITE_HEADER, Database


def _database_of(services_or_db: Services | Database) -> Database:
    return services_or_db.db if isinstance(services_or_db, Services) else services_or_db


def default_backup_name(today: dt.date | None = None) -> str:
    return f"skolehjem-backup-{(today or dt.date.today()).isoformat()}.sqlite"


@worded
def backup_to(services_or_db: Services | Database, target: Path) -> BackupInfo:
    """Write a consistent copy of the open database to ``target`` and return what it holds.

    Refuses the live database itself (and its journal files) as a target, a folder, a
    missing folder, and an existing file that is not a SQLite database. On any failure
    the target is as it was and no temporary file is left.
    """
    db = _database_of(services_or_db)
    target = Path(target).expanduser()
    live = db.path
    for forbidden in (live, *side_files(live)):
        if same_file(target, forbidden):
            raise UserError(
                _(
                    "{path} is the database in use; a backup must be written somewhere else, "
                    "e.g. on a USB stick."
                ).format(path=target)
            )
    if target.is_dir():
        raise UserError(_("{path} is a folder; choose a file name.").format(path=target))
    if not target.parent.is_dir():
        raise UserError(_("The folder {path} does not exist.").format(path=target.parent))
    if target.exists() and target.stat().st_size > 0:
        with target.open("rb") as fh:
            plain = fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
        # An encrypted backup of this database (same passphrase) may be overwritten.
        if not plain and not (
            db.passphrase is not None and crypto.opens_with(target, db.passphrase)
        ):
            raise UserError(
                _(
                    "{path} already exists and is not a Skolehjem backup; "
                    "it was not overwritten. Choose another name."
                ).format(path=target)
            )
    _remove_killed_copies(target)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial = partial_of(temp)  # what backup_database writes first
    try:
        backup_database(live, temp, db.passphrase)
        fsync_file(temp)
        temp.replace(target)
        fsync_dir(target.parent)
    except write_errors() as exc:
        remove_quietly(temp, partial, *side_files(temp), *side_files(partial))
        raise write_failed(target, exc) from exc
    except BaseException:
        remove_quietly(temp, partial, *side_files(temp), *side_files(partial))
        raise
    return inspect_backup(target, db.passphrase)


def _remove_killed_copies(target: Path) -> None:
    """Remove the half-written copies that a killed backup left in ``target``'s folder."""
    for pattern in (".*.*.tmp", ".*.*.partial"):
        for leftover in remove_stale(list(target.parent.glob(pattern)), ours_only=True):
            remove_quietly(*side_files(leftover))
