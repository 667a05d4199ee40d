"""``encrypt``, ``decrypt`` and ``change-passphrase`` killed at random moments, then run again.

Each command runs as its own process (the real command line) on a copy of a demo
folder with four backups. The test waits until the process starts changing the folder
(a file appears or changes in it), then kills it with SIGKILL after a random delay
within the time a whole run takes (measured once per command on a copy). Each round
kills twice in a row (the second kill lands in the run that finishes the first), then
runs the command once more and checks the folder (a run that ends before its kill ends
the round: its folder is checked the same way):

* the run finishes (exit 0);
* every file is in the target state: for a protected folder no file anywhere holds
  the plain ``SQLite format 3`` header or a pupil's name, and the database and every
  backup open with the new passphrase only; for a plain folder every one opens
  without a key and the marker is gone;
* every row is there (the rows of every table of the database and of each backup);
* nothing is left behind: the folder holds the same files as before, and no more.

``SKOLEHJEM_KILL_SEED`` repeats a run's random moments; ``SKOLEHJEM_KILL_ROUNDS``
(2 by default, to keep the file well under two minutes) makes a longer run.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from skolehjem_desktop.config import backup_dir, database_path
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.backup import backup_database
from skolehjem_desktop.store.database import open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

OLD = "first-passphrase"
NEW = "second-passphrase"
ROUNDS = int(os.environ.get("SKOLEHJEM_KILL_ROUNDS", "2"))  # per command; more for a long run
KILLS_PER_ROUND = 2
START_TIMEOUT = 60  # seconds for a process to start changing the folder


@dataclass(frozen=True)
class Case:
    command: str
    source: str  # which master folder: "plain" or "protected"
    before: str | None  # the key of the folder before (None: plain)
    after: str | None  # the key after


CASES = {
    "encrypt": Case("encrypt", "plain", None, OLD),
    "decrypt": Case("decrypt", "protected", OLD, None),
    "change-passphrase": Case("change-passphrase", "protected", OLD, NEW),
}


def _env() -> dict[str, str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SKOLEHJEM_PASSPHRASE": OLD,
        "SKOLEHJEM_NEW_PASSPHRASE": NEW,  # read by change-passphrase only
    }
    for name in ("SKOLEHJEM_DATA_DIR", "SKOLEHJEM_DEBUG"):
        env.pop(name, None)
    return env


def _args(data_dir: Path, *command: str) -> list[str]:
    program = [sys.executable, "-m", "skolehjem_desktop"]
    return [*program, "--data-dir", str(data_dir), "--lang", "en", *command]


def _run(data_dir: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _args(data_dir, *command),
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file below ``folder`` (relative name) with its size and time."""
    found: dict[str, tuple[int, int]] = {}
    for path in folder.rglob("*"):
        try:
            if path.is_file():
                stat = path.stat()
                found[str(path.relative_to(folder))] = (stat.st_size, stat.st_mtime_ns)
        except FileNotFoundError:
            continue  # removed while we looked
    return found


def _counts(path: Path, key: str | None) -> dict[str, int]:
    conn = crypto.connect(path, key, read_only=True)
    try:
        return crypto.table_counts(conn)
    finally:
        conn.close()


@dataclass(frozen=True)
class Master:
    folder: Path
    files: frozenset[str]  # every file's name below the folder
    counts: dict[str, dict[str, int]]  # rows per table, per database and backup file


def _master(folder: Path, key: str | None) -> Master:
    files = frozenset(_files(folder))
    counts = {
        name: _counts(folder / name, key)
        for name in files
        if name == database_path(folder).name or name.endswith(".sqlite")
    }
    return Master(folder, files, counts)


@pytest.fixture(scope="module")
def masters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Master]:
    """A plain demo folder with four backups, and the same protected with OLD."""
    plain = tmp_path_factory.mktemp("plain") / "data"
    done = _run(plain, "demo")
    assert done.returncode == 0, done.stderr
    open_database(plain).close()  # a start: the day's and the week's rolling backups
    for day in ("2020-01-06", "2020-01-07"):  # and two older ones
        backup_database(database_path(plain), backup_dir(plain) / f"daily-{day}.sqlite")
    assert len(list(backup_dir(plain).glob("*.sqlite"))) == 4
    protected = tmp_path_factory.mktemp("protected") / "data"
    shutil.copytree(plain, protected)
    done = _run(protected, "encrypt")
    assert done.returncode == 0, done.stderr
    return {"plain": _master(plain, None), "protected": _master(protected, OLD)}


@pytest.fixture(scope="module")
def pupil_names(masters: dict[str, Master]) -> list[bytes]:
    """Some pupils' names: what must not be readable anywhere in a protected folder."""
    conn = crypto.connect(database_path(masters["plain"].folder), None, read_only=True)
    try:
        rows = conn.execute("SELECT DISTINCT last_name FROM student").fetchall()
    finally:
        conn.close()
    names = sorted({str(r[0]) for r in rows if len(str(r[0])) >= 6})
    assert len(names) >= 5
    return [n.encode() for n in names[:10]]


@pytest.fixture
def rng() -> random.Random:
    seed = int(os.environ.get("SKOLEHJEM_KILL_SEED", time.time_ns() % 10_000))
    print(f"kill seed {seed}")
    return random.Random(seed)


def _started(
    data_dir: Path, before: dict[str, tuple[int, int]], process: subprocess.Popen[bytes]
) -> float:
    """Wait until the process changes the folder (or ends); the moment it did."""
    deadline = time.monotonic() + START_TIMEOUT
    while _files(data_dir) == before and process.poll() is None:
        assert time.monotonic() < deadline, "the command never started"
        time.sleep(0.005)
    return time.monotonic()


def _run_and_kill(data_dir: Path, command: str, delay: float, log: Path) -> str:
    """Run ``command``, kill it ``delay`` seconds after it starts changing the folder.

    Returns what happened: "killed", or "exit N" when it ended before the kill.
    """
    before = _files(data_dir)
    with log.open("wb") as out:
        process = subprocess.Popen(
            _args(data_dir, command),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_env(),
        )
        try:
            started = _started(data_dir, before, process)
            while process.poll() is None and time.monotonic() < started + delay:
                time.sleep(0.002)
            if process.poll() is not None:
                return f"exit {process.returncode}"
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            assert process.returncode == -signal.SIGKILL
            return "killed"
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)


def _measure(master: Master, case: Case, tmp_path: Path) -> float:
    """Seconds a whole run takes from its first change of the folder to its end."""
    data_dir = tmp_path / "measure"
    shutil.copytree(master.folder, data_dir)
    before = _files(data_dir)
    process = subprocess.Popen(
        _args(data_dir, case.command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(),
    )
    started = _started(data_dir, before, process)
    assert process.wait(timeout=120) == 0
    shutil.rmtree(data_dir)
    return time.monotonic() - started


def _check_folder(data_dir: Path, master: Master, case: Case, names: list[bytes]) -> None:
    """Every file in the target state, every row there, nothing more and nothing less."""
    marker = crypto.marker_path(data_dir).name
    # The master's WAL (the demo's last write) is folded into the database by then.
    expected = {n for n in master.files if not n.endswith(("-wal", "-shm", "-journal"))}
    expected.discard(marker)
    if case.after is not None:
        expected.add(marker)
    found = set(_files(data_dir))
    assert found == expected, (sorted(found - expected), sorted(expected - found))
    for name in sorted(found):
        path = data_dir / name
        data = path.read_bytes()
        if case.after is not None:
            assert not data.startswith(crypto.SQLITE_HEADER), f"{name} is plain"
            assert not any(n in data for n in names), f"a pupil's name is readable in {name}"
        if name not in master.counts:
            continue
        assert crypto.has_plain_header(path) == (case.after is None), name
        if case.before is not None and case.before != case.after:
            assert not crypto.opens_with(path, case.before), f"{name} opens with the old key"
        assert _counts(path, case.after) == master.counts[name], name


@pytest.mark.parametrize("command", list(CASES))
def test_a_killed_protection_is_finished_by_running_it_again(
    masters: dict[str, Master],
    pupil_names: list[bytes],
    tmp_path: Path,
    rng: random.Random,
    command: str,
) -> None:
    case = CASES[command]
    master = masters[case.source]
    span = _measure(master, case, tmp_path)
    outcomes: list[str] = []
    for round_ in range(ROUNDS):
        data_dir = tmp_path / f"round{round_}"
        shutil.copytree(master.folder, data_dir)
        for kill in range(KILLS_PER_ROUND):
            log = tmp_path / f"round{round_}-kill{kill}.log"
            outcome = _run_and_kill(data_dir, command, rng.uniform(0, span), log)
            outcomes.append(outcome)
            if outcome != "killed":  # it ended first: done, or refused (said in its log)
                assert outcome == "exit 0", (outcomes, log.read_text())
                break
        else:
            done = _run(data_dir, command)  # after the last kill: run once more to the end
            assert done.returncode == 0, (outcomes, done.stdout, done.stderr)
            outcomes.append("again: exit 0")
        _check_folder(data_dir, master, case, pupil_names)
    print(f"{command}: a whole run takes {span:.2f} s; {outcomes}")
    assert "killed" in outcomes  # at least one kill landed in the middle of the work
