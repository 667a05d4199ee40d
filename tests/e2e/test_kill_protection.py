"""``encrypt``, ``decrypt`` and ``change-passphrase`` killed at random moments, then run again.

Each command runs as its own process (the real command line) on a copy of a demo
folder with four backups. The test waits until the process starts changing the folder
(a file appears or changes in it), then kills it with SIGKILL after a random delay
within the time a whole run takes (measured once per command on a copy), or at a
random moment of the short swap after the change's journal appears (its commit point).
Rounds take turns (:data:`PATTERNS`): two kills in a row (the second in the run that
finishes the first), or one; in some, another command then opens the data first
(``list classes``: the open finishes or undoes the change, and the folder must be
wholly in one state or the other). Then the command runs once more and the folder is
checked (a run that ends before its kill ends the round, checked the same way):

* the run finishes (exit 0), or, when the kill before it came after the last step,
  says there is nothing left to do ("already protected", "not protected");
* every file is in the target state: for a protected folder no file anywhere holds
  the plain ``SQLite format 3`` header or a pupil's name, and the database and every
  backup open with the new passphrase only; for a plain folder every one opens
  without a key and the marker is gone;
* every row is there (the rows of every table of the database and of each backup);
* nothing is left behind: the folder holds the same files as before, and no more.

``SKOLEHJEM_KILL_SEED`` repeats a run's random draws; ``SKOLEHJEM_KILL_ROUNDS``
(3 by default, to keep the file well under two minutes) makes a longer run.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from skolehjem_desktop.config import backup_dir, database_path
from skolehjem_desktop.services.protection_files import JOURNAL_NAME
from skolehjem_desktop.store import crypto
from skolehjem_desktop.store.backup import backup_database
from skolehjem_desktop.store.database import open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

OLD = "first-passphrase"
NEW = "second-passphrase"
ROUNDS = int(os.environ.get("SKOLEHJEM_KILL_ROUNDS", "3"))  # per command; more for a long run
# Per round, in turn: where each kill lands ("anywhere" in the work, or in the swap just
# after the "commit"), and whether another command opens the data before the re-run.
PATTERNS = [
    (("anywhere", "commit"), False),  # the command run again finishes it
    (("anywhere",), True),  # the open undoes it (or finishes it), the command does it
    (("anywhere", "commit"), True),  # the open finishes it
    (("anywhere", "anywhere"), False),
]
START_TIMEOUT = 60  # seconds for a process to start changing the folder
COMMIT_WINDOW = 0.015  # seconds after the journal appears: the swap of the copies


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


def _run(
    data_dir: Path, *command: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _args(data_dir, *command),
        capture_output=True,
        text=True,
        env={**_env(), **(env or {})},
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


def _started(data_dir: Path, process: subprocess.Popen[bytes], *, journal: bool = False) -> float:
    """Wait until the process changes the folder (or ends); the moment it did.

    With ``journal``: until the change's journal appears (its commit point), instead.
    """
    before = _files(data_dir)
    marker = data_dir / JOURNAL_NAME
    deadline = time.monotonic() + START_TIMEOUT
    while process.poll() is None:
        if marker.exists() if journal else _files(data_dir) != before:
            break
        assert time.monotonic() < deadline, "the command never started"
        time.sleep(0.001 if journal else 0.005)
    return time.monotonic()


def _run_and_kill(
    data_dir: Path, command: str, delay: float, log: Path, *, at_commit: bool = False
) -> str:
    """Run ``command``, kill it ``delay`` seconds after it starts changing the folder
    (``at_commit``: after its journal appears).

    Returns what happened: "killed", or "exit N" when it ended before the kill.
    """
    with log.open("wb") as out:
        process = subprocess.Popen(
            _args(data_dir, command),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_env(),
        )
        try:
            started = _started(data_dir, process, journal=at_commit)
            while process.poll() is None and time.monotonic() < started + delay:
                time.sleep(0.001)
            if process.poll() is not None:
                return f"exit {process.returncode}"
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            assert process.returncode == -signal.SIGKILL
            return "killed at the commit" if at_commit else "killed"
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)


def _measure(master: Master, case: Case, tmp_path: Path) -> float:
    """Seconds a whole run takes from its first change of the folder to its end."""
    data_dir = tmp_path / "measure"
    shutil.copytree(master.folder, data_dir)
    process = subprocess.Popen(
        _args(data_dir, case.command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(),
    )
    started = _started(data_dir, process)
    assert process.wait(timeout=120) == 0
    shutil.rmtree(data_dir)
    return time.monotonic() - started


SIDES = ("-wal", "-shm", "-journal")


def _check_folder(
    data_dir: Path,
    master: Master,
    key: str | None,
    wrong: str | None,
    names: list[bytes],
    *,
    opened: bool = False,
) -> None:
    """Every file in the state ``key`` means (not ``wrong``), every row there, no leftovers.

    ``opened``: a command opened the data since: the database's WAL and index may stay
    beside it, as after any start (checked for readable names like every file).
    """
    marker = crypto.marker_path(data_dir).name
    # The master's WAL (the demo's last write) is folded into the database by then.
    expected = {n for n in master.files if not n.endswith(SIDES)} - {marker}
    if key is not None:
        expected.add(marker)
    found = set(_files(data_dir))
    # An open (the look in between) keeps the day's rolling backup: made after midnight,
    # it is a new file, and welcome.
    extra = {n for n in found - expected if n.startswith(("backups/daily-", "backups/weekly-"))}
    if opened:
        extra |= {n for n in found if n.startswith(database_path(data_dir).name + "-")}
    assert found - extra == expected, (sorted(found - expected), sorted(expected - found))
    for name in sorted(found):
        path = data_dir / name
        data = path.read_bytes()
        if key is not None:
            assert not data.startswith(crypto.SQLITE_HEADER), f"{name} is plain"
            assert not any(n in data for n in names), f"a pupil's name is readable in {name}"
        if not name.endswith(".sqlite"):
            continue
        assert crypto.has_plain_header(path) == (key is None), name
        if wrong is not None and wrong != key:
            assert not crypto.opens_with(path, wrong), f"{name} opens with the other key"
        counts = _counts(path, key)
        assert counts == master.counts.get(name, counts), name
        assert counts["student"] > 0, name


def _look(data_dir: Path, case: Case) -> str:
    """Open the data as any command does (``list classes``); which state it is in now."""
    env = {"SKOLEHJEM_PASSPHRASE": case.after or OLD}
    listed = _run(data_dir, "list", "classes", env=env)
    path = database_path(data_dir)
    now_after = crypto.has_plain_header(path) == (case.after is None) and (
        case.after is None or crypto.opens_with(path, case.after)
    )
    # With the other passphrase (a change of passphrase undone) only the open is refused.
    assert listed.returncode == 0 or not now_after, listed.stderr
    return "after" if now_after else "before"


# What a command run again says when its killed run had done all its work already.
NOTHING_LEFT = {"encrypt": "already protected", "decrypt": "not protected"}


def _again(data_dir: Path, command: str) -> str:
    """Run ``command`` once more, to the end: it finishes (or finds nothing left to do)."""
    done = _run(data_dir, command)
    if done.returncode == 0:
        return "again: exit 0"
    # Killed after its last step, before it ended: the folder check says it is whole.
    assert NOTHING_LEFT.get(command, "-") in done.stderr, (done.stdout, done.stderr)
    return "again: nothing left to do"


def _round(
    data_dir: Path,
    case: Case,
    span: float,
    rng: random.Random,
    *,
    kills: tuple[str, ...],
    look: Callable[[str], None] | None,
) -> list[str]:
    """Kill ``case.command`` on ``data_dir`` at ``kills``, maybe look, run it to the end.

    ``look``: open the data with another command after the kills and call ``look``
    with the state found ("before" or "after"). Returns what happened, in order; the
    folder is left for the final check.
    """
    outcomes: list[str] = []
    for kill, where in enumerate(kills):
        log = data_dir.with_name(f"{data_dir.name}-kill{kill}.log")
        at_commit = where == "commit"
        delay = rng.uniform(0, COMMIT_WINDOW if at_commit else span)
        outcome = _run_and_kill(data_dir, case.command, delay, log, at_commit=at_commit)
        outcomes.append(outcome)
        if not outcome.startswith("killed"):  # it ended first
            if outcome != "exit 0":  # the kill before landed after the last step
                assert kill > 0 and NOTHING_LEFT.get(case.command, "-") in log.read_text()
            return outcomes
    if look is not None:
        state = _look(data_dir, case)
        outcomes.append(f"open: {state}")
        look(state)
        if state == "after":
            return outcomes  # finished by the open: nothing left for the command
    outcomes.append(_again(data_dir, case.command))
    return outcomes


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

        def whole(state: str, data_dir: Path = data_dir) -> None:
            """The open finished the change or undid it: the folder is wholly in one state."""
            key, wrong = (case.after, case.before)
            if state == "before":
                key, wrong = wrong, key
            _check_folder(data_dir, master, key, wrong, pupil_names, opened=True)

        kills, opened = PATTERNS[round_ % len(PATTERNS)]
        look = whole if opened else None
        outcomes += _round(data_dir, case, span, rng, kills=kills, look=look)
        _check_folder(data_dir, master, case.after, case.before, pupil_names, opened=opened)
    print(f"{command}: a whole run takes {span:.2f} s; {outcomes}")
    assert "killed" in outcomes  # at least one kill landed in the middle of the work
