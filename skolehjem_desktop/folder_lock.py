"""One lock on a data folder, taken by every process that opens the data.

The lock is the file ``skolehjem.lock`` in the data folder (0600). Every process that
has the data open (the window, every command) holds it *shared*; restoring a backup and
the passphrase protection (protect, unprotect, a new passphrase) hold it *alone*, so a
file is never replaced or re-keyed under a process that writes to it. The one window
per data folder holds, alone, a second byte of the same file.

The locks are the operating system's byte-range locks (open file description locks on
Linux, ``fcntl`` record locks on other POSIX systems, ``LockFileEx`` on Windows) at
offsets far beyond the file's end. They go with the process, however it ends: a crash
or a kill leaves no stale lock. The file's text is one line per process that holds a
lock: its process id, what it is (``window`` or the command's name) and, while it has
the data alone, ``alone``. Nothing about the machine or the person is in it; it lets a
refusal say who has the data.

In one process the locks are counted, not taken twice: the window, which holds the
data shared, turns its lock into one of its own for its own restore and back again
without letting go in between.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from skolehjem_desktop import _lock_os
from skolehjem_desktop.config import ensure_private_dir
from skolehjem_desktop.errors import UserError
from skolehjem_desktop.i18n import _

LOCK_NAME = "skolehjem.lock"
WINDOW_ROLE = "window"
SHARED_WAIT = 10.0  # seconds an opener waits for a restore or a re-key to end
ALONE_WAIT = 5.0  # seconds a restore or re-key waits for commands to end (never the window)
POLL = 0.05

_DATA = 1 << 40  # shared by the openers, alone for a restore or a re-key
_WINDOW = _DATA + 1  # alone: the one window on the folder
_LINES = _DATA + 2  # alone for a moment: the file's lines are being rewritten
_ALIVE = _DATA + 16  # + pid: alone while that process holds the file open

_LINE = re.compile(r"^(\d+) ([a-z0-9-]{1,40})( alone)?$")
_guard = threading.RLock()
_role = ["command"]  # what this process is (set_role)


class FolderBusy(UserError):
    """Another process has the data (open, or alone); nothing was changed."""


@dataclass(frozen=True)
class Holder:
    pid: int
    role: str
    alone: bool = False


def role() -> str:
    """What this process is named in the lock file (see :func:`set_role`)."""
    return _role[0]


def set_role(name: str) -> None:
    """What this process is, as the lock file names it: ``window`` or a command's name."""
    cleaned = re.sub(r"[^a-z0-9-]", "-", name.lower())[:40].strip("-")
    _role[0] = cleaned or "command"


@dataclass
class _Folder:
    path: Path
    fd: int | None = None
    shared: int = 0
    alone: int = 0
    window: bool = False

    @property
    def idle(self) -> bool:
        return not (self.shared or self.alone or self.window)


_folders: dict[str, _Folder] = {}


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_NAME


def _folder(data_dir: Path) -> _Folder:
    path = lock_path(Path(data_dir).expanduser().resolve())
    with _guard:
        return _folders.setdefault(os.path.normcase(str(path)), _Folder(path))


# --- the file and its lines ------------------------------------------------------------------


def _open(folder: _Folder) -> int:
    """The folder's lock file, open in this process (made 0600, this process named in it)."""
    if folder.fd is not None:
        return folder.fd
    ensure_private_dir(folder.path.parent)
    fd = _lock_os.open_private(folder.path)
    folder.fd = fd
    _lock_os.try_lock(fd, _ALIVE + os.getpid(), alone=True)
    _rewrite(folder, mine=Holder(os.getpid(), _role[0]))
    return fd


def _close_if_idle(folder: _Folder) -> None:
    if not folder.idle or folder.fd is None:
        return
    fd = folder.fd
    _rewrite(folder, mine=None)
    _lock_os.unlock(fd, _ALIVE + os.getpid())
    folder.fd = None
    os.close(fd)


def _still_linked(folder: _Folder) -> bool:
    """False when the file this process has open was removed (or replaced) meanwhile."""
    assert folder.fd is not None
    try:
        return _lock_os.same_file(folder.fd, folder.path)
    except OSError:
        return False


def _alive(fd: int, pid: int) -> bool:
    if pid == os.getpid():
        return True
    if _lock_os.try_lock(fd, _ALIVE + pid, alone=True):
        _lock_os.unlock(fd, _ALIVE + pid)
        return False
    return True


def _read_lines(fd: int) -> list[Holder]:
    holders = []
    for line in _lock_os.read_text(fd).splitlines():
        match = _LINE.match(line.strip())
        if match:
            holders.append(Holder(int(match[1]), match[2], bool(match[3])))
    return holders


@contextmanager
def _lines_held(fd: int) -> Iterator[bool]:
    """The lines' own lock, for a moment (False: not had in time; the lines are left)."""
    deadline = time.monotonic() + 2.0
    while not _lock_os.try_lock(fd, _LINES, alone=True):
        if time.monotonic() > deadline:
            yield False
            return
        time.sleep(0.005)
    try:
        yield True
    finally:
        _lock_os.unlock(fd, _LINES)


def _rewrite(folder: _Folder, *, mine: Holder | None) -> None:
    """The lines: the living processes' other than this one, then ``mine`` if given.

    Anything else in the file (the lock file of an older version named the machine) is
    dropped on the way.
    """
    assert folder.fd is not None
    fd = folder.fd
    with _lines_held(fd) as held:
        if not held:
            return
        own = os.getpid()
        kept = [h for h in _read_lines(fd) if h.pid != own and _alive(fd, h.pid)]
        if mine is not None:
            kept.append(mine)
        text = "".join(f"{h.pid} {h.role}{' alone' if h.alone else ''}\n" for h in kept)
        _lock_os.write_text(fd, text)


def holders(data_dir: Path) -> list[Holder]:
    """The other processes that hold the folder's lock (as their lines say)."""
    folder = _folder(data_dir)
    with _guard:
        was_open = folder.fd is not None
        fd = _open(folder)
        try:
            with _lines_held(fd):
                own = os.getpid()
                return [h for h in _read_lines(fd) if h.pid != own and _alive(fd, h.pid)]
        finally:
            if not was_open:
                _close_if_idle(folder)


# --- taking and letting go -------------------------------------------------------------------


def _take(folder: _Folder, offset: int, *, alone: bool) -> bool:
    """One try at a byte of the lock; a file removed meanwhile is opened anew."""
    for _attempt in range(3):
        was_idle = folder.idle
        fd = _open(folder)
        if not _lock_os.try_lock(fd, offset, alone=alone):
            return False
        if not was_idle or _still_linked(folder):
            return True
        _lock_os.unlock(fd, offset)
        _close_if_idle(folder)
    return False


class Hold:
    """The data open in this process: a shared hold on the folder's lock."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._folder = _folder(data_dir)
        self.held = False

    def acquire(self, wait: float | None = None) -> None:
        """Hold the lock shared (nothing when held already); :class:`FolderBusy` if not had.

        While another process has the data alone, wait up to ``wait`` seconds
        (:data:`SHARED_WAIT`) for it to finish.
        """
        if self.held:
            return
        folder = self._folder
        deadline = time.monotonic() + (SHARED_WAIT if wait is None else wait)
        while True:
            with _guard:
                if folder.shared or folder.alone:
                    folder.shared += 1
                    self.held = True
                    return
                if _take(folder, _DATA, alone=False):
                    folder.shared = 1
                    self.held = True
                    return
                if time.monotonic() >= deadline:
                    others = holders(self.data_dir)
                    _close_if_idle(folder)
                    raise FolderBusy(being_changed_message(others))
            time.sleep(POLL)

    def release(self) -> None:
        if not self.held:
            return
        folder = self._folder
        with _guard:
            self.held = False
            folder.shared -= 1
            if folder.shared == 0 and not folder.alone:
                assert folder.fd is not None
                _lock_os.unlock(folder.fd, _DATA)
            _close_if_idle(folder)


def hold_shared(data_dir: Path, wait: float | None = None) -> Hold:
    """A hold on the data folder for the data open in this process (see :class:`Hold`)."""
    hold = Hold(data_dir)
    hold.acquire(wait)
    return hold


def _take_alone(folder: _Folder, data_dir: Path, wait: float | None) -> None:
    deadline = time.monotonic() + (ALONE_WAIT if wait is None else wait)
    while True:
        with _guard:
            if folder.alone:
                folder.alone += 1
                return
            # Held shared by this process, the lock is turned into one of its own at once.
            if _take(folder, _DATA, alone=True):
                folder.alone = 1
                _rewrite(folder, mine=Holder(os.getpid(), _role[0], alone=True))
                return
            others = holders(data_dir)
            window_has_it = any(h.role == WINDOW_ROLE for h in others)
            if window_has_it or time.monotonic() >= deadline:
                _close_if_idle(folder)
                raise FolderBusy(in_use_message(others))
        time.sleep(POLL)


def _let_go_alone(folder: _Folder) -> None:
    with _guard:
        folder.alone -= 1
        if folder.alone:
            return
        assert folder.fd is not None
        if folder.shared:
            # Back to shared in one step: nobody else can take it alone in between.
            _lock_os.try_lock(folder.fd, _DATA, alone=False)
        else:
            _lock_os.unlock(folder.fd, _DATA)
        _rewrite(folder, mine=Holder(os.getpid(), _role[0]))
        _close_if_idle(folder)


@contextmanager
def alone(data_dir: Path, wait: float | None = None) -> Iterator[None]:
    """The data folder for this process alone while the block runs.

    Raises :class:`FolderBusy` (nothing done) when the window has the data open, or a
    command still has it after ``wait`` seconds (:data:`ALONE_WAIT`).
    """
    folder = _folder(data_dir)
    _take_alone(folder, Path(data_dir), wait)
    try:
        yield
    finally:
        _let_go_alone(folder)


def take_window(data_dir: Path, wait: float = 0.1) -> bool:
    """The one window on the folder: True when this process now is it."""
    folder = _folder(data_dir)
    deadline = time.monotonic() + wait
    while True:
        with _guard:
            if folder.window:
                return False  # a second window in this very process
            if _take(folder, _WINDOW, alone=True):
                folder.window = True
                return True
            if time.monotonic() >= deadline:
                _close_if_idle(folder)
                return False
        time.sleep(POLL)


def release_window(data_dir: Path) -> None:
    folder = _folder(data_dir)
    with _guard:
        if folder.window and folder.fd is not None:
            _lock_os.unlock(folder.fd, _WINDOW)
        folder.window = False
        _close_if_idle(folder)


def remove_if_unused(data_dir: Path) -> bool:
    """Remove the lock file when no process (this one neither) holds it; True if removed."""
    folder = _folder(data_dir)
    with _guard:
        if not folder.idle or not folder.path.exists():
            return False
        fd = _open(folder)
        free = _lock_os.try_lock(fd, _DATA, alone=True)
        free = free and _lock_os.try_lock(fd, _WINDOW, alone=True)
        if free and not _lock_os.OPEN_FILES_STAY:
            folder.path.unlink(missing_ok=True)  # under the lock: no one else has it
        _lock_os.unlock(fd, _WINDOW)
        _lock_os.unlock(fd, _DATA)
        _close_if_idle(folder)
        if free and _lock_os.OPEN_FILES_STAY:
            try:
                folder.path.unlink(missing_ok=True)
            except OSError:
                return False  # another process opened it meanwhile: it stays
        return free


# --- what the user is told -------------------------------------------------------------------


def in_use_message(others: list[Holder]) -> str:
    """Why a restore or a re-key cannot go ahead: who has the data open."""
    window = next((h for h in others if h.role == WINDOW_ROLE), None)
    if window is not None:
        return _(
            "The data is open in the Skolehjem window (process {pid}). Close the window "
            "first and try again; nothing was changed."
        ).format(pid=window.pid)
    if others:
        return _(
            "The data is in use by another Skolehjem command, {what} (process {pid}). Wait "
            "until it is done and try again; nothing was changed."
        ).format(what=others[0].role, pid=others[0].pid)
    return _(
        "The data is in use by another Skolehjem program. Close it and try again; "
        "nothing was changed."
    )


def being_changed_message(others: list[Holder]) -> str:
    """Why the data cannot be opened now: who is restoring or re-keying it."""
    changing = [h for h in others if h.alone] or others
    if changing and changing[0].role == WINDOW_ROLE:
        return _(
            "The Skolehjem window is changing the data (process {pid}). Try again when "
            "it is done; nothing was changed."
        ).format(pid=changing[0].pid)
    if changing:
        return _(
            "The data is being changed by another Skolehjem command, {what} (process "
            "{pid}). Try again when it is done; nothing was changed."
        ).format(what=changing[0].role, pid=changing[0].pid)
    return _(
        "The data is being changed by another Skolehjem program. Try again when it is "
        "done; nothing was changed."
    )
