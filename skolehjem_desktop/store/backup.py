"""Copies of the database made with SQLite's backup API (never a file copy of a live DB)."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

from skolehjem_desktop.leftovers import pid_tag, remove_stale
from skolehjem_desktop.store.refusals import DatabaseRefused, DiskFull, Refusal, is_disk_full


def partial_of(target: Path) -> Path:
    """Where :func:`backup_database` writes ``target`` first (named by its writer's id)."""
    return target.with_name(f"{target.name}.{pid_tag()}.partial")


def backup_database(source: Path, target: Path, passphrase: str | None = None) -> Path:
    """Copy ``source`` into ``target`` consistently, even while it is in use.

    The copy is written beside the target and renamed into place, so a
    half-written backup never carries the target's name. An encrypted ``source``
    (``passphrase`` given) gives a backup encrypted with the same passphrase.
    """
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = partial_of(target)
    partial.unlink(missing_ok=True)
    if os.name == "posix":  # the user's alone from its first byte, not once it is whole
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    src = _connect(source, passphrase, read_only=True)
    try:
        dst = _connect(partial, passphrase)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    if os.name == "posix":
        partial.chmod(0o600)
    partial.replace(target)
    return target


def _connect(path: Path, passphrase: str | None, *, read_only: bool = False) -> Any:
    if passphrase is None:
        if read_only:
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        return sqlite3.connect(path)
    from skolehjem_desktop.store.crypto import connect

    return connect(path, passphrase, read_only=read_only)


def timestamped_name(prefix: str, now: dt.datetime | None = None) -> str:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{prefix}-{stamp}.sqlite"


DAILY_KEEP = 7
WEEKLY_KEEP = 4


def quick_problems(path: Path, passphrase: str | None = None) -> list[str]:
    """What SQLite's ``quick_check`` finds in ``path`` (empty when the file is whole).

    Fast enough for every open (it reads each page once, without the cross-checks of
    ``integrity_check``); a file the driver cannot read at all is one problem too.
    """
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    had_side_files = wal.exists() or shm.exists()
    try:
        conn = _connect(path, passphrase, read_only=True)
        try:
            lines = [str(row[0]) for row in conn.execute("PRAGMA quick_check(5)")]
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if is_disk_full(exc, path.parent):
            raise DiskFull(reason=Refusal.DISK_FULL, path=path.parent) from exc
        return [str(exc)]
    except Exception as exc:  # SQLCipher's driver has errors of its own
        if is_disk_full(exc, path.parent):
            raise DiskFull(reason=Refusal.DISK_FULL, path=path.parent) from exc
        if type(exc).__name__.endswith("Error"):
            return [str(exc)]
        raise
    finally:
        # A read-only look at a WAL database leaves an empty journal and its index.
        if not had_side_files and (not wal.exists() or wal.stat().st_size == 0):
            wal.unlink(missing_ok=True)
            shm.unlink(missing_ok=True)
    return [line for line in lines if line != "ok"]


def rolling_backup(
    source: Path,
    folder: Path,
    today: dt.date | None = None,
    passphrase: str | None = None,
    *,
    checked: bool = False,
) -> list[Path]:
    """Keep a copy per day (the last 7) and per ISO week (the last 4); returns new copies.

    Made when the program opens its data, before anything is changed that day. A damaged
    ``source`` is never copied over the good backups: :class:`DatabaseRefused` instead,
    and the older copies all stay. ``checked``: the caller has just checked it.
    """
    day = today or dt.date.today()
    year, week, _weekday = day.isocalendar()
    made = []
    targets = [
        folder / name
        for name in (f"daily-{day.isoformat()}.sqlite", f"weekly-{year}-W{week:02d}.sqlite")
        if not (folder / name).exists()
    ]
    if targets and not checked:
        problems = quick_problems(source, passphrase)
        if problems:
            raise DatabaseRefused(reason=Refusal.DAMAGED, path=source, error=problems[0])
    for target in targets:
        made.append(backup_database(source, target, passphrase))
    _prune(folder, "daily-", DAILY_KEEP)
    _prune(folder, "weekly-", WEEKLY_KEEP)
    prune_by_age(folder, day)
    remove_leftovers(folder)
    return made


# The copies made before a restore or an upgrade are kept as long as the weekly ones, so
# that a deleted pupil is in no backup after four weeks (the README's promise).
KEEP_DAYS = 7 * WEEKLY_KEEP
_STAMP = re.compile(r"-(\d{8})-\d{6}\.sqlite$")


def prune_by_age(folder: Path, today: dt.date) -> None:
    """Delete the before-restore and before-upgrade copies older than :data:`KEEP_DAYS`."""
    for copy in [*folder.glob("before-restore-*.sqlite"), *folder.glob("before-upgrade-*.sqlite")]:
        match = _STAMP.search(copy.name)
        if match is None:
            continue
        try:
            made = dt.datetime.strptime(match.group(1), "%Y%m%d").date()
        except ValueError:
            continue
        if (today - made).days > KEEP_DAYS:
            copy.unlink(missing_ok=True)


def remove_leftovers(folder: Path) -> None:
    """Remove the half-written copies a killed process left (``*.partial``, ``*.part``)."""
    remove_stale([*folder.glob("*.partial"), *folder.glob("*.part")])


def _prune(folder: Path, prefix: str, keep: int) -> None:
    copies = sorted(folder.glob(f"{prefix}*.sqlite"))
    for old in copies[:-keep] if len(copies) > keep else []:
        old.unlink(missing_ok=True)
