"""What a killed process left behind: a half-written file that nothing will finish.

Every temporary file the program writes carries the writing process's id in its name
(``.Referat.pdf.4242.x7.part``, ``daily-2026-12-04.sqlite.4242.partial``). At the next
start, or the next write beside it, such a file is removed when that process is gone;
a file without an id in its name is removed once it is older than any write takes.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Final

STALE_SECONDS: Final = 10 * 60
_PID = re.compile(r"\.(\d{1,9})\.(?:[^.]*\.)?(?:part|partial|tmp(?:\.partial)?)$")


def pid_tag() -> str:
    """The part of a temporary file's name that says who writes it."""
    return str(os.getpid())


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone's: not ours to judge
    return True


def writer_gone(pid: int) -> bool:
    """Whether the process ``pid`` that wrote a temporary file has ended."""
    return not _alive(pid)


def is_stale(path: Path, *, now: float | None = None) -> bool:
    """Whether ``path`` was left by a process that is gone (or is too old to be written)."""
    match = _PID.search(path.name)
    if match is not None:
        return not _alive(int(match.group(1)))
    try:
        return path.stat().st_mtime < (now or time.time()) - STALE_SECONDS
    except OSError:
        return False


def names_a_writer(path: Path) -> bool:
    """Whether ``path``'s name carries the id of the process writing it (ours, then)."""
    return _PID.search(path.name) is not None


def remove_stale(paths: list[Path], *, ours_only: bool = False) -> list[Path]:
    """Remove the stale ones of ``paths``; returns what was removed.

    ``ours_only``: only files whose name names their writer (a folder the teacher chose
    may hold others' temporary files, which are not ours to remove).
    """
    removed = []
    for path in paths:
        try:
            if ours_only and not names_a_writer(path):
                continue
            if is_stale(path):
                path.unlink(missing_ok=True)
                removed.append(path)
        except OSError:
            continue
    return removed
