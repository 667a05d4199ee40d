"""The operating system's byte-range locks on one open file (see :mod:`.folder_lock`).

``try_lock`` never waits: it takes one byte shared or alone, or says it could not.
Taken again by the same open file, a lock changes its kind in one step on POSIX (a
shared lock becomes one of its own, or back, and a refused change keeps the old one).
Linux has open file description locks, which belong to the open file and not to the
whole process; other POSIX systems get ``fcntl`` record locks, which is why the folder
lock opens the file once per process. Windows gets ``LockFileEx``.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

_BUSY = {errno.EACCES, errno.EAGAIN}
_MAX_TEXT = 65536
# Windows removes no file that a process has open, so there an open lock file is never
# one that was removed meanwhile (and removing it waits until it is closed).
OPEN_FILES_STAY = sys.platform == "win32"


def open_private(path: Path) -> int:
    """``path`` open for reading and writing, made if missing; the user's alone (0600)."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    if sys.platform != "win32" and os.fstat(fd).st_mode & 0o777 != 0o600:
        os.fchmod(fd, 0o600)  # a file left by an older version was 0644
    return fd


def same_file(fd: int, path: Path) -> bool:
    """True unless the file open as ``fd`` was removed or replaced at ``path``."""
    if OPEN_FILES_STAY:
        return True
    mine, there = os.fstat(fd), path.stat()
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def read_text(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, _MAX_TEXT).decode("utf-8", errors="replace")


def write_text(fd: int, text: str) -> None:
    data = text.encode("utf-8")
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)
    os.ftruncate(fd, len(data))


if sys.platform == "win32":  # pragma: no cover - run on Windows only
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _overlapped_p = ctypes.POINTER(_Overlapped)
    _kernel32.LockFileEx.argtypes = [
        *(wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD),
        *(wintypes.DWORD, wintypes.DWORD, _overlapped_p),
    ]
    _kernel32.LockFileEx.restype = wintypes.BOOL
    _kernel32.UnlockFileEx.argtypes = [
        *(wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD, _overlapped_p),
    ]
    _kernel32.UnlockFileEx.restype = wintypes.BOOL
    _EXCLUSIVE, _NO_WAIT = 0x2, 0x1
    _held: dict[tuple[int, int], bool] = {}  # (fd, offset) -> alone

    def _overlapped(offset: int) -> _Overlapped:
        return _Overlapped(0, 0, offset & 0xFFFFFFFF, offset >> 32, None)

    def _lock(fd: int, offset: int, alone: bool) -> bool:
        flags = _NO_WAIT | (_EXCLUSIVE if alone else 0)
        handle = msvcrt.get_osfhandle(fd)
        ov = _overlapped(offset)
        return bool(_kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(ov)))

    def _unlock(fd: int, offset: int) -> None:
        ov = _overlapped(offset)
        _kernel32.UnlockFileEx(msvcrt.get_osfhandle(fd), 0, 1, 0, ctypes.byref(ov))

    def try_lock(fd: int, offset: int, *, alone: bool) -> bool:
        before = _held.get((fd, offset))
        if before == alone:
            return True
        if before is not None:
            # Windows cannot change a lock's kind: let go and take anew (or the old back).
            _unlock(fd, offset)
        if _lock(fd, offset, alone):
            _held[(fd, offset)] = alone
            return True
        if before is not None and not _lock(fd, offset, before):
            _held.pop((fd, offset), None)
        return False

    def unlock(fd: int, offset: int) -> None:
        if _held.pop((fd, offset), None) is not None:
            _unlock(fd, offset)

else:
    import fcntl
    import struct

    # Open file description locks (Linux); None once the kernel turned them down.
    _ofd: list[int | None] = [getattr(fcntl, "F_OFD_SETLK", None)]

    def _set(fd: int, kind: int, offset: int) -> bool:
        command = _ofd[0]
        if command is not None:
            # struct flock: l_type, l_whence, l_start, l_len, l_pid (0 for these locks).
            request = struct.pack("hhqqi4x", kind, os.SEEK_SET, offset, 1, 0)
            try:
                fcntl.fcntl(fd, command, request)
                return True
            except OSError as exc:
                if exc.errno in _BUSY:
                    return False
                if exc.errno != errno.EINVAL:
                    raise
                _ofd[0] = None  # a kernel without them: record locks from now on
        how = {fcntl.F_RDLCK: fcntl.LOCK_SH, fcntl.F_WRLCK: fcntl.LOCK_EX}.get(kind, fcntl.LOCK_UN)
        try:
            fcntl.lockf(fd, how | (fcntl.LOCK_NB if how != fcntl.LOCK_UN else 0), 1, offset)
        except OSError as exc:
            if exc.errno in _BUSY:
                return False
            raise
        return True

    def try_lock(fd: int, offset: int, *, alone: bool) -> bool:
        return _set(fd, fcntl.F_WRLCK if alone else fcntl.F_RDLCK, offset)

    def unlock(fd: int, offset: int) -> None:
        _set(fd, fcntl.F_UNLCK, offset)
