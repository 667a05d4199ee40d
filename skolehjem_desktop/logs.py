"""A log of technical events only: never a name, a note or an exception's message.

Exception messages can carry data (a pupil's name in a failed statement), so a bug
is logged as its type and the code locations it passed through, nothing more.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path
from types import TracebackType

LOG_DIRNAME = "logs"
LOG_FILENAME = "skolehjem.log"
MAX_BYTES = 512_000


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_DIRNAME / LOG_FILENAME


def describe_bug(
    kind: type[BaseException], tb: TracebackType | None, when: dt.datetime | None = None
) -> str:
    """The exception's type and where it happened: file, line and function per frame."""
    stamp = (when or dt.datetime.now()).isoformat(timespec="seconds")
    frames = [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in traceback.extract_tb(tb)]
    return "\n".join([f"{stamp} bug: {kind.__module__}.{kind.__qualname__}", *frames]) + "\n"


def write_log(data_dir: Path, text: str) -> Path:
    """Append to the log (readable by the user alone); a log over its size starts anew."""
    path = log_path(data_dir)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > MAX_BYTES:
        path.replace(path.with_suffix(".log.1"))
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)
    if os.name == "posix":
        path.chmod(0o600)
    return path
