"""The command line killed (SIGKILL) in the middle of a re-key: the data opens and is whole.

``encrypt`` and ``change-passphrase`` run as separate processes on a copy of a demo
folder (its database and a backup; two backups for the kill between them).
``SKOLEHJEM_TEST_ONLY_PAUSE_REKEY_AT`` (see ``services/protection.py``) makes the
process stop at a named step of the re-key and say so on stderr; the test kills it
there, so every kill lands in the middle of the work, where it is meant to:

``copied``
    the database's new copy is written and checked beside it; nothing committed yet;
``swapped``
    every copy is made and the journal written (the commit point), the database's
    copy renamed in, the backups' copies still beside them;
``backups``
    the database is done, one backup converted, the other not yet.

After the kill the test checks the files the kill left (proof of where it landed),
that the database opens with the passphrase of its side of the commit point and not
with the other, that it is intact and holds every row of every table, and that the
use case run again finishes the job: every backup in the final state.
"""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from skolehjem_desktop.config import backup_dir, database_path
from skolehjem_desktop.services import protection
from skolehjem_desktop.services import protection_files as files
from skolehjem_desktop.services.demo import generate_demo
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.database import integrity_problems, open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

OLD = "first-passphrase"
NEW = "second-passphrase"
PAUSE_TIMEOUT = 30  # seconds for the child to reach its step (it takes about one)


def _counts(path: Path, key: str | None) -> dict[str, int]:
    """Rows per table of the file, read with ``key``; fails if the key does not open it."""
    conn = crypto.connect(path, key, read_only=True)
    try:
        return crypto.table_counts(conn)
    finally:
        conn.close()


def _keyed(path: Path, key: str | None) -> bool:
    """True when ``path`` is in the state ``key`` means: plain for None, else that key."""
    return crypto.has_plain_header(path) == (key is None) and crypto.opens_with(path, key)


@dataclass(frozen=True)
class Master:
    folder: Path
    counts: dict[str, int]  # rows per table of its database


@pytest.fixture(scope="module")
def masters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Master]:
    """A plain demo folder (for ``encrypt``) and the same protected with OLD (for a change)."""
    plain = tmp_path_factory.mktemp("plain") / "data"
    db = open_database(plain)
    generate_demo(db)
    db.close()
    open_database(plain).close()  # the rolling backups of a start
    assert len(list(backup_dir(plain).glob("*.sqlite"))) == 2
    counts = _counts(database_path(plain), None)
    assert all(counts[table] > 0 for table in ("student", "guardian", "conversation"))
    protected = tmp_path_factory.mktemp("protected") / "data"
    shutil.copytree(plain, protected)
    protection.encrypt(protected, OLD)
    return {"encrypt": Master(plain, counts), "change-passphrase": Master(protected, counts)}


def _kill_at(step: str, command: str, data_dir: Path, out: Path) -> None:
    """Run ``command`` on ``data_dir`` until it says it paused at ``step``; kill it there."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SKOLEHJEM_PASSPHRASE": OLD,
        "SKOLEHJEM_NEW_PASSPHRASE": NEW,  # read by change-passphrase only
        protection.TEST_PAUSE_ENV: step,
    }
    env.pop("SKOLEHJEM_DATA_DIR", None)
    env.pop("SKOLEHJEM_DEBUG", None)
    args = [sys.executable, "-m", "skolehjem_desktop", "--data-dir", str(data_dir)]
    with out.open("wb") as stdout:
        process = subprocess.Popen(
            [*args, "--lang", "en", command],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=env,
        )
    assert process.stderr is not None
    said = b""
    paused = f"{protection.TEST_PAUSE_ENV}={step}: paused\n".encode()
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(process.stderr, selectors.EVENT_READ)
            deadline = time.monotonic() + PAUSE_TIMEOUT
            while paused not in said:
                left = deadline - time.monotonic()
                assert left > 0, f"no pause at {step} within {PAUSE_TIMEOUT} s: {said!r}"
                if selector.select(timeout=left):
                    chunk = os.read(process.stderr.fileno(), 4096)
                    assert chunk, f"{command} ended before {step}: {said!r}, {process.wait()}"
                    said += chunk
        # It said so and waits there, still running: the kill lands at the step.
        assert process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        process.stderr.close()


# Every step of change-passphrase; of encrypt the two where the folder is left
# half-protected: its plain old copy beside the new file, its backups still plain.
# (encrypt killed at "copied" is change-passphrase's case with a plain old file; each
# case costs some seconds of key derivation, and the file stays under 30 seconds.)
KILLS = [
    ("change-passphrase", "copied"),
    ("change-passphrase", "swapped"),
    ("change-passphrase", "backups"),
    ("encrypt", "swapped"),
    ("encrypt", "backups"),
]


@pytest.mark.parametrize(("command", "step"), KILLS)
def test_a_kill_in_the_middle_of_a_rekey_leaves_the_old_or_the_new_data_whole(
    masters: dict[str, Master], tmp_path: Path, command: str, step: str
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(masters[command].folder, data_dir)
    counts = masters[command].counts
    before, after = (None, OLD) if command == "encrypt" else (OLD, NEW)
    path = database_path(data_dir)
    backups = sorted(backup_dir(data_dir).glob("*.sqlite"))
    if step != "backups":  # one backup is enough here (each costs a second to convert)
        for extra in backups[1:]:
            extra.unlink()
        backups = backups[:1]

    out = tmp_path / "stdout.txt"
    _kill_at(step, command, data_dir, out)

    # Where the kill landed, from the files it left.
    assert out.read_bytes() == b"", "the command said it was done before the kill"
    new_copy = path.with_name(path.name + protection.TEMP_SUFFIX)
    old_copy = path.with_name(path.name + protection.OLD_SUFFIX)
    journal = files.journal_path(data_dir)
    assert not old_copy.exists()  # the swap is a rename: no copy of the old file is kept
    if step == "copied":  # the new copy is whole beside the old file, not committed
        assert new_copy.exists() and not journal.exists()
        assert not crypto.has_plain_header(new_copy)
        assert _counts(new_copy, after) == counts
    elif step == "swapped":  # committed; the database is in, the backups' copies beside them
        assert journal.exists() and not new_copy.exists()
        for backup in backups:
            copy = files.temp_of(backup)
            assert _keyed(backup, before) and _keyed(copy, after), backup.name
    else:  # one backup converted, the other not yet
        assert journal.exists() and not new_copy.exists()
        states = sorted(
            "new" if _keyed(b, after) else "old" if _keyed(b, before) else "?" for b in backups
        )
        assert states == ["new", "old"], [b.name for b in backups]

    # The database is on one side of the commit point: it opens with that key, not the
    # other, and holds every row of every table, intact.
    key, other = (before, after) if step == "copied" else (after, before)
    assert crypto.has_plain_header(path) == (key is None)
    assert not crypto.opens_with(path, other)
    db = open_database(data_dir, key)
    try:
        assert integrity_problems(db) == []
        with db.engine.connect() as conn:
            assert crypto.table_counts(conn.connection.driver_connection) == counts
    finally:
        db.close()

    # The use case run again finishes the job (in this process; the command line does
    # the same, see test_kill_protection.py).
    if command == "encrypt":
        protection.encrypt(data_dir, OLD)
    else:
        protection.change_passphrase(data_dir, OLD, NEW)
    assert not crypto.has_plain_header(path)
    assert _counts(path, after) == counts
    assert not new_copy.exists() and not old_copy.exists() and not journal.exists()
    for backup in backups:
        assert _keyed(backup, after), backup.name
        assert not files.temp_of(backup).exists()
