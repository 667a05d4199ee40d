"""One lock on the data folder, seen from real processes.

Every process that opens the data (the window, every command) holds the folder's lock
shared; a restore, turning the passphrase protection on or off and changing the
passphrase need it alone. While the window has the data open, a command-line restore
is refused with a message naming the window and changes nothing; an ``encrypt`` that
starts while an ``import`` runs waits for it or says who has the data, and never loses
what the import reported as done. The lock file is the user's alone and says nothing
about the machine or the person.
"""

from __future__ import annotations

import getpass
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

LOCK_NAME = "skolehjem.lock"
SECRET = "en lang og hemmelig sætning 42"

# The real window (run_gui: the single-instance claim, the data opened as a teacher's
# start opens it), which says "ready" once it shows the data and then sits idle.
WINDOW = textwrap.dedent(
    """
    import sys
    from skolehjem_desktop import app

    def ready(window, start):
        print("ready", flush=True)

    app.after_ready = ready
    sys.exit(app.run_gui(sys.argv[1], "en"))
    """
)


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1", **extra}
    env.pop("SKOLEHJEM_DATA_DIR", None)
    env.pop("SKOLEHJEM_DEBUG", None)
    return env


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


class Window:
    """The window in a process of its own, open on ``data_dir`` until stopped."""

    def __init__(self, data_dir: Path, log: Path) -> None:
        self.log = log
        self._out = log.open("w", encoding="utf-8")
        self._err = log.with_suffix(".err").open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-c", WINDOW, str(data_dir)],
            stdout=self._out,
            stderr=self._err,
            env=_env(),
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self) -> None:
        def ready() -> bool:
            assert self.process.poll() is None, self.log.with_suffix(".err").read_text()
            return "ready" in self.log.read_text(encoding="utf-8")

        _wait_for(ready, "the window to show the data", timeout=120)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self._out.close()
        self._err.close()


@pytest.fixture
def window_on(tmp_path: Path):  # type: ignore[no-untyped-def]
    started: list[Window] = []

    def start(data_dir: Path) -> Window:
        window = Window(data_dir, tmp_path / f"window{len(started)}.log")
        started.append(window)
        window.wait_ready()
        return window

    yield start
    for window in started:
        window.kill()


def _one_line_refusal(proc: subprocess.CompletedProcess[str], *words: str) -> str:
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert line.startswith("skolehjem-desktop: "), line
    for word in words:
        assert word in line, line
    return line


def _class_list(path: Path, pupils: int) -> Path:
    rows = ["Fornavn;Efternavn;Fødselsdato"]
    rows += [f"Elev{n};Ærø{n};0{1 + n % 9}-03-2016" for n in range(pupils)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _backup_names(data_dir: Path) -> set[str]:
    return {p.name for p in (data_dir / "backups").iterdir()}


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL and file modes are POSIX")
def test_a_restore_while_the_window_has_the_data_open_is_refused_and_changes_nothing(
    cli, tmp_path: Path, window_on
) -> None:  # type: ignore[no-untyped-def]
    data = cli.data_dir
    assert cli("demo").returncode == 0
    backup = tmp_path / "earlier.sqlite"
    assert cli("backup", "--out", str(backup)).returncode == 0
    window = window_on(data)
    database = data / "skolehjem.sqlite"
    before = database.read_bytes()
    backups_before = _backup_names(data)

    refused = cli("restore", str(backup), "--yes")
    line = _one_line_refusal(refused, "window", str(window.pid), "nothing was changed")
    assert "Close" in line
    danish = cli("restore", str(backup), "--yes", lang="da")
    _one_line_refusal(danish, "vinduet", str(window.pid))
    # The protection needs the data alone too.
    _one_line_refusal(cli("encrypt", SKOLEHJEM_PASSPHRASE=SECRET), "window", str(window.pid))

    assert database.read_bytes() == before
    assert _backup_names(data) == backups_before  # no before-restore copy, nothing else
    assert not any(p.name.startswith("before-restore") for p in (data / "backups").iterdir())
    leftovers = sorted(p.name for p in data.iterdir() if "staging" in p.name or "rekey" in p.name)
    assert leftovers == []
    assert not (data / "encrypted").exists()
    # Ordinary commands share the data with the window.
    listed = cli("list", "classes", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)
    assert window.process.poll() is None

    # A window that is gone (here: killed) holds nothing any more.
    window.kill()
    done = cli("restore", str(backup), "--yes")
    assert done.returncode == 0, done.stderr
    assert any(p.name.startswith("before-restore") for p in (data / "backups").iterdir())


def _holds_database_open(pid: int, database: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(str(fd.readlink()) == str(database) for fd in fds.iterdir())
    except (FileNotFoundError, ProcessLookupError):
        return False


def _pupils_of_the_import(database: Path) -> int:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return int(
            conn.execute("SELECT count(*) FROM student WHERE first_name LIKE 'Elev%'").fetchone()[0]
        )
    finally:
        conn.close()


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="reads /proc")
@pytest.mark.parametrize("other", ["encrypt", "restore"])
def test_encrypt_or_restore_while_an_import_runs_waits_or_refuses_and_loses_nothing(
    cli, tmp_path: Path, other: str
) -> None:  # type: ignore[no-untyped-def]
    data = cli.data_dir
    elsewhere = tmp_path / "elsewhere"
    assert cli("demo", data=elsewhere).returncode == 0
    backup = tmp_path / "earlier.sqlite"
    assert cli("backup", "--out", str(backup), data=elsewhere).returncode == 0
    assert cli("demo").returncode == 0
    pupils = 2000
    csv = _class_list(tmp_path / "9z.csv", pupils)
    out = tmp_path / "import.out"
    with out.open("w", encoding="utf-8") as sink:
        importing = subprocess.Popen(
            [
                sys.executable,
                *("-m", "skolehjem_desktop", "--data-dir", str(data), "--lang", "en"),
                *("import", str(csv), "--class", "9.Z"),
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=_env(),
        )
        try:
            # The import has the database open (its writes are about to begin or under way).
            _wait_for(
                lambda: (
                    _holds_database_open(importing.pid, (data / "skolehjem.sqlite").resolve())
                    or importing.poll() is not None
                ),
                "the import to open the database",
            )
            if other == "encrypt":
                second = cli("encrypt", SKOLEHJEM_PASSPHRASE=SECRET)
            else:
                second = cli("restore", str(backup), "--yes")
            importing.wait(timeout=120)
        finally:
            if importing.poll() is None:
                importing.kill()
                importing.wait()
    reported = out.read_text(encoding="utf-8")
    assert importing.returncode == 0, reported
    assert f"{pupils} pupils added" in reported
    assert second.returncode != 70, second.stderr
    if second.returncode == 1:
        _one_line_refusal(second, "import", "nothing was changed")
        assert not (data / "encrypted").exists()
        assert not any(p.name.startswith("before-restore") for p in (data / "backups").iterdir())
        assert _pupils_of_the_import(data / "skolehjem.sqlite") == pupils
        return
    assert second.returncode == 0, second.stderr
    if other == "encrypt":
        # It waited for the import, then protected the data with the import in it.
        assert (data / "encrypted").exists()
        listed = cli("list", "students", "--class", "9.Z", "--json", SKOLEHJEM_PASSPHRASE=SECRET)
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) == pupils
    else:
        # It waited for the import: what it replaced, kept first, holds the import.
        (kept,) = (data / "backups").glob("before-restore-*.sqlite")
        assert _pupils_of_the_import(kept) == pupils
        assert _pupils_of_the_import(data / "skolehjem.sqlite") == 0


def _identifying() -> list[str]:
    """What would tell whose computer this is: its name, its ids, the user, the home."""
    found = [socket.gethostname(), getpass.getuser(), str(Path.home())]
    ids = ("/etc/machine-id", "/var/lib/dbus/machine-id", "/proc/sys/kernel/random/boot_id")
    for source in ids:
        try:
            found.append(Path(source).read_text(encoding="ascii").strip())
        except OSError:
            continue
    return [text for text in found if len(text) >= 3]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_lock_file_is_private_and_says_nothing_about_the_machine(cli, window_on) -> None:  # type: ignore[no-untyped-def]
    data = cli.data_dir
    assert cli("demo").returncode == 0
    lock = data / LOCK_NAME
    window = window_on(data)
    assert lock.exists()
    assert lock.stat().st_mode & 0o777 == 0o600
    text = lock.read_text(encoding="utf-8", errors="replace")
    for secret in _identifying():
        assert secret not in text, (secret, text)
    # A command running beside the window leaves the file as private as it found it.
    assert cli("list", "classes").returncode == 0
    assert lock.stat().st_mode & 0o777 == 0o600
    window.kill()
    assert lock.stat().st_mode & 0o777 == 0o600
    text = lock.read_text(encoding="utf-8", errors="replace")
    for secret in _identifying():
        assert secret not in text, (secret, text)
