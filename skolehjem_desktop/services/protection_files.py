"""The files of a protection change: verified copies, the journal, and finishing the work.

Turning the protection on, off or over to a new passphrase changes the database and
every backup in ``backups/``. It goes in three steps, so that a process killed at any
moment leaves work that the next look at the folder finishes or undoes, without any
passphrase:

1. *Copies.* Each file gets a new copy beside it (``NAME.rekey-new``) with the new key,
   the database first. Every copy is read back with its key, checked (integrity, the
   rows of every table) and written to disk.
2. *The journal.* ``unfinished-protection.json`` in the data folder says which change
   is under way and the state it leads to; it never holds a passphrase. Writing it
   (atomically: a temporary file, fsync, rename) is the commit point.
3. *The swap.* Every copy is renamed over its file, the database first; the journal
   is removed last.

:func:`settle` is the next look: with a journal, every copy still beside its file is
renamed in (the change is finished); without one, every copy is removed (the change
never happened). Either way no ``.rekey-new`` file stays behind.

One process at a time: the change holds an exclusive ``flock`` on the data folder
(POSIX), and :func:`settle` takes it too, so it never meets a change still at work.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from skolehjem_desktop.config import backup_dir, database_path
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.backups.files import fsync_dir
from skolehjem_desktop.store import crypto

JOURNAL_NAME = "unfinished-protection.json"
TEMP_SUFFIX = ".rekey-new"
OLD_SUFFIX = ".rekey-old"  # the old file's copy an earlier version kept during its swap
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")

# For tests/e2e/test_kill_rekey.py only, which kills the process at a known step of a
# change: set to a step's name ("copied", "swapped" or "backups"), the change says so
# on stderr and waits there. The program never sets it and nothing else reads it;
# unset, as it always is for a teacher, the steps do nothing.
TEST_PAUSE_ENV = "SKOLEHJEM_TEST_ONLY_PAUSE_REKEY_AT"
TEST_PAUSE_SECONDS = 60  # the test kills at once; a run it missed carries on after this


class Operation(StrEnum):
    ENCRYPT = "encrypt"
    DECRYPT = "decrypt"
    REKEY = "rekey"


class Target(StrEnum):
    ENCRYPTED = "encrypted"
    PLAIN = "plain"


@dataclass(frozen=True)
class Journal:
    operation: Operation | None  # None: a journal this version cannot read
    target: Target | None


@dataclass(frozen=True)
class Settled:
    """What :func:`settle` did with an interrupted change."""

    operation: Operation | None  # None: copies without a journal (nothing had changed)
    finished: bool  # True: the change was finished; False: undone (or there was none)
    backups: int  # how many backups were swapped in (finished) or copies removed


class FolderBusy(UserError):
    """Another process is changing the protection of this folder right now."""


def journal_path(data_dir: Path) -> Path:
    return data_dir / JOURNAL_NAME


def temp_of(path: Path) -> Path:
    return path.with_name(path.name + TEMP_SUFFIX)


def test_pause(step: str) -> None:
    """Inert unless :data:`TEST_PAUSE_ENV` names ``step``: then stop here to be killed."""
    if os.environ.get(TEST_PAUSE_ENV) != step:
        return
    print(f"{TEST_PAUSE_ENV}={step}: paused", file=sys.stderr, flush=True)
    time.sleep(TEST_PAUSE_SECONDS)


# --- the lock ------------------------------------------------------------------------------


@contextlib.contextmanager
def exclusive(data_dir: Path) -> Iterator[None]:
    """Hold the folder's protection lock (POSIX ``flock`` on the folder) for the block.

    Raises :class:`FolderBusy` when another process holds it. The kernel lets go of it
    when the process ends, however it ends.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no flock; the window's single-instance lock remains
        yield
        return
    fd = os.open(data_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderBusy(
                _(
                    "The passphrase protection of this data folder is being changed by "
                    "another program right now. Wait until it is done, then try again."
                )
            ) from None
        yield
    finally:
        os.close(fd)  # closing lets go of the lock


# --- the journal ---------------------------------------------------------------------------


def read_journal(data_dir: Path) -> Journal | None:
    """The journal of an unfinished change, or None when there is none."""
    try:
        text = journal_path(data_dir).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        return Journal(None, None)
    try:
        data = json.loads(text)
        return Journal(Operation(data["operation"]), Target(data["target"]))
    except (ValueError, KeyError, TypeError):
        return Journal(None, None)


def write_journal(data_dir: Path, operation: Operation, target: Target) -> None:
    """Write the journal atomically (owner-only): the commit point of a change."""
    path = journal_path(data_dir)
    temp = path.with_name(path.name + ".tmp")
    data = {"operation": operation.value, "target": target.value, "format": 1}
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, (json.dumps(data) + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    temp.replace(path)
    fsync_dir(data_dir)


def remove_journal(data_dir: Path) -> None:
    journal_path(data_dir).unlink(missing_ok=True)
    fsync_dir(data_dir)


# --- settling an interrupted change --------------------------------------------------------


def needs_settling(data_dir: Path) -> bool:
    """True when a change left a journal or copies behind (read only, no lock)."""
    return any(p.exists() for p in _leftovers(data_dir)) or bool(
        _backup_temps(data_dir, with_sides=True)
    )


def _leftovers(data_dir: Path) -> list[Path]:
    """The journal and what a change makes beside the database (not in ``backups/``)."""
    path = database_path(data_dir)
    journal = journal_path(data_dir)
    return [
        journal,
        journal.with_name(journal.name + ".tmp"),
        temp_of(path),
        path.with_name(path.name + OLD_SUFFIX),
    ]


def settle(data_dir: Path) -> Settled | None:
    """Finish or undo an interrupted change (no passphrase needed); None: there was none."""
    if not data_dir.is_dir() or not needs_settling(data_dir):
        return None
    with exclusive(data_dir):
        return settle_locked(data_dir)


def settle_locked(data_dir: Path) -> Settled | None:
    """:func:`settle` for a caller that holds :func:`exclusive` already."""
    journal = read_journal(data_dir)
    path = database_path(data_dir)
    if journal is None:
        if not needs_settling(data_dir):
            return None
        removed = _remove_copies(data_dir)  # the change never reached its commit point
        if path.exists() and path.stat().st_size > 0 and crypto.has_plain_header(path):
            crypto.marker_path(data_dir).unlink(missing_ok=True)
        return Settled(None, finished=False, backups=removed)
    if _rolls_forward(path, journal):
        count = _swap_in(data_dir)
        finished = True
    else:
        count = _remove_copies(data_dir)
        finished = False
    _match_marker(data_dir)
    remove_journal(data_dir)
    return Settled(journal.operation, finished=finished, backups=count)


def _rolls_forward(path: Path, journal: Journal) -> bool:
    """Whether the journal's change can be finished: its copies are there and fit."""
    if not path.exists() or path.stat().st_size == 0:
        return False  # the database is gone: nothing to finish
    if temp_of(path).exists():
        # The database's copy is not in yet: it goes in unless the old file was
        # written to after the copy was made (its WAL or rollback journal has content).
        wal, _shm, rollback = _sides(path)
        return not (_has_content(wal) or _has_content(rollback))
    if journal.target is None:
        return True
    return crypto.has_plain_header(path) == (journal.target is Target.PLAIN)


def _swap_in(data_dir: Path) -> int:
    """Rename every copy over its file, the database first; returns the backups swapped.

    Safe to repeat: a copy already renamed is simply no longer there.
    """
    path = database_path(data_dir)
    temp = temp_of(path)
    if temp.exists():
        for side in _sides(path):
            side.unlink(missing_ok=True)  # empty (checked), or an index without its WAL
        with contextlib.suppress(FileNotFoundError):
            temp.replace(path)  # the database is in its new state from here on
        fsync_dir(data_dir)
        test_pause("swapped")
    _remove_with_sides(path.with_name(path.name + OLD_SUFFIX))
    swapped = 0
    for copy in _backup_temps(data_dir, with_sides=False):
        backup = copy.with_name(copy.name.removesuffix(TEMP_SUFFIX))
        for side in (*_sides(copy), *_sides(backup)):
            side.unlink(missing_ok=True)  # nothing writes a backup: never a newer write
        try:
            copy.replace(backup)
        except FileNotFoundError:
            continue
        swapped += 1
        if swapped == 1:
            test_pause("backups")
    fsync_dir(backup_dir(data_dir))
    return swapped


def _remove_copies(data_dir: Path) -> int:
    """Remove every copy: the backups' first, the database's last; returns the backups'."""
    copies = _backup_temps(data_dir, with_sides=True)
    for copy in copies:
        copy.unlink(missing_ok=True)
    _journal, journal_temp, database_copy, old_copy = _leftovers(data_dir)
    journal_temp.unlink(missing_ok=True)
    _remove_with_sides(database_copy)
    _remove_with_sides(old_copy)
    fsync_dir(backup_dir(data_dir))
    fsync_dir(data_dir)
    return sum(1 for c in copies if c.name.endswith(TEMP_SUFFIX))


def _match_marker(data_dir: Path) -> None:
    """The marker says what the database is: present when encrypted, gone when plain."""
    path = database_path(data_dir)
    marker = crypto.marker_path(data_dir)
    if not path.exists() or path.stat().st_size == 0 or crypto.has_plain_header(path):
        marker.unlink(missing_ok=True)
    elif not marker.exists():
        marker.write_text("", encoding="utf-8")


def _backup_temps(data_dir: Path, *, with_sides: bool) -> list[Path]:
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    pattern = f"*{TEMP_SUFFIX}*" if with_sides else f"*{TEMP_SUFFIX}"
    return sorted(p for p in folder.glob(pattern) if p.is_file())


# --- small file helpers --------------------------------------------------------------------


def _sides(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES]


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def _remove_with_sides(path: Path) -> None:
    for candidate in (path, *_sides(path)):
        candidate.unlink(missing_ok=True)


def remove_copy(path: Path) -> None:
    """Remove a copy and whatever SQLite left beside it."""
    _remove_with_sides(path)
