"""Backing up to a file the teacher chooses, checking such a file, and restoring from it.

* :func:`backup_to` copies the open database with SQLite's backup API into a temporary
  file beside the target, flushes it to the disk and renames it into place: a
  half-written backup never carries the chosen name, and a failure (a full USB stick)
  leaves no temporary file behind.
* :func:`inspect_backup` checks a file without touching it: it is a SQLite file, it is
  ours, its schema is one this program knows (or can migrate), and a copy of it passes
  ``PRAGMA integrity_check``. It says what the file holds: classes, pupils, school years
  and the file's date.
* :func:`restore_from` puts a checked file in place of the data folder's database,
  keeping a copy of what it replaces in ``backups/before-restore-<time>.sqlite``.
* :func:`latest_good_backup` finds the newest automatic backup that passes the checks,
  for the message about a corrupt database.

Restoring and a killed process: the chosen file is first copied (backup API) into a
staging file in the data folder and flushed; only then is the database closed (the
caller's ``engine_closer``), its write-ahead log folded back in, and the staging file
renamed over the database. The rename is the commit point: a process killed before it
leaves the old database, killed after it the new one. A staging file left by a killed
restore holds nothing the teacher needs and is removed by the next restore.

Passphrases (see :mod:`skolehjem_desktop.store.crypto`): a backup of a protected
database is encrypted with the same passphrase. :func:`inspect_backup` opens an
encrypted file with the passphrase it is given (none or a wrong one: refused, the file
untouched). A restore writes the data with the key of the *data folder*: a protected
folder gets its passphrase whether the backup was plain or encrypted; a plain folder
gets a plain database, even from an encrypted backup (protect it again afterwards).

The package, one job a module: :mod:`.writing` (backing up), :mod:`.checking` (checking
a file), :mod:`.restoring` (restoring), :mod:`.latest` (the latest good backup), and
:mod:`.files` (the small file helpers they share).
"""

from __future__ import annotations

from skolehjem_desktop.services.backups.checking import (
    MIN_ENCRYPTED_SIZE,
    BackupInfo,
    BackupRefused,
    describe_backup,
    inspect_backup,
    is_encrypted_file,
)
from skolehjem_desktop.services.backups.files import SIDE_SUFFIXES
from skolehjem_desktop.services.backups.latest import latest_good_backup, offer_latest_backup
from skolehjem_desktop.services.backups.restoring import (
    STAGING_SUFFIX,
    RestoreResult,
    restore_from,
)
from skolehjem_desktop.services.backups.writing import backup_to, default_backup_name

__all__ = [
    "MIN_ENCRYPTED_SIZE",
    "SIDE_SUFFIXES",
    "STAGING_SUFFIX",
    "BackupInfo",
    "BackupRefused",
    "RestoreResult",
    "backup_to",
    "default_backup_name",
    "describe_backup",
    "inspect_backup",
    "is_encrypted_file",
    "latest_good_backup",
    "offer_latest_backup",
    "restore_from",
]
