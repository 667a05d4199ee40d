"""The data folder's lock between processes: shared for openers, alone for a re-key.

Each test puts a holder in a child process (the lock is the operating system's, so a
second process is the only true other holder) and tries the lock from this one.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from skolehjem_desktop import folder_lock
from skolehjem_desktop.folder_lock import FolderBusy
from skolehjem_desktop.services.data_folder import DataFolder

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from skolehjem_desktop import folder_lock

    how, data_dir, role = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    folder_lock.set_role(role)
    if how == "shared":
        hold = folder_lock.hold_shared(data_dir)
    elif how == "alone":
        block = folder_lock.alone(data_dir)
        block.__enter__()
    elif how == "window":
        assert folder_lock.take_window(data_dir)
        hold = folder_lock.hold_shared(data_dir)
    elif how == "services":
        from skolehjem_desktop.services.data_folder import DataFolder

        services = DataFolder(data_dir).open()
    elif how == "try-shared":
        try:
            folder_lock.hold_shared(data_dir, wait=0)
        except folder_lock.FolderBusy:
            print("refused", flush=True)
            raise SystemExit(0)
    elif how == "try-alone":
        try:
            folder_lock.alone(data_dir, wait=0).__enter__()
        except folder_lock.FolderBusy:
            print("refused", flush=True)
            raise SystemExit(0)
    print("held", flush=True)
    sys.stdin.readline()  # until the test says so (or closes the pipe)
    """
)


class Child:
    def __init__(self, how: str, data_dir: Path, role: str, expect: str = "held") -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHILD, how, str(data_dir), role],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()  # bounded: the child prints or dies
        assert line.strip() == expect, line

    @property
    def pid(self) -> int:
        return self.process.pid

    def let_go(self) -> None:
        assert self.process.stdin is not None
        if self.process.poll() is None:
            self.process.stdin.close()
        self.process.wait(timeout=30)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


@pytest.fixture
def child() -> Iterator[type[Child]]:
    made: list[Child] = []

    class Tracked(Child):
        def __init__(self, how: str, data_dir: Path, role: str, expect: str = "held") -> None:
            super().__init__(how, data_dir, role, expect)
            made.append(self)

    yield Tracked
    for one in made:
        one.kill()


@pytest.fixture(autouse=True)
def _this_process_is_a_test() -> Iterator[None]:
    before = folder_lock.role()
    folder_lock.set_role("test")
    yield
    folder_lock.set_role(before)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    return data_dir


def _lines(data_dir: Path) -> list[str]:
    return (data_dir / folder_lock.LOCK_NAME).read_text(encoding="utf-8").splitlines()


def test_openers_share_and_a_re_key_waits_then_names_the_command(folder, child) -> None:  # type: ignore[no-untyped-def]
    holder = child("shared", folder, "import")
    hold = folder_lock.hold_shared(folder, wait=0)  # two openers at once
    hold.release()
    started = time.monotonic()
    with pytest.raises(FolderBusy) as refused, folder_lock.alone(folder, wait=0.3):
        pytest.fail("had the folder alone beside an opener")
    assert time.monotonic() - started >= 0.3  # it waited for the command first
    assert refused.value.message == (
        f"The data is in use by another Skolehjem command, import (process {holder.pid}). "
        "Wait until it is done and try again; nothing was changed."
    )
    holder.let_go()
    with folder_lock.alone(folder, wait=10):
        assert _lines(folder) == [f"{os.getpid()} test alone"]


def test_a_re_key_is_refused_at_once_while_the_window_has_the_data(folder, child) -> None:  # type: ignore[no-untyped-def]
    window = child("window", folder, "window")
    started = time.monotonic()
    with pytest.raises(FolderBusy) as refused, folder_lock.alone(folder, wait=30):
        pytest.fail("had the folder alone beside the window")
    assert time.monotonic() - started < 5  # the window does not go away by itself
    assert f"open in the Skolehjem window (process {window.pid})" in refused.value.message
    assert not folder_lock.take_window(folder, wait=0)  # and it is the one window


def test_an_opener_waits_for_a_re_key_and_gets_the_data_when_it_ends(folder, child) -> None:  # type: ignore[no-untyped-def]
    rekey = child("alone", folder, "change-passphrase")
    with pytest.raises(FolderBusy) as refused:
        folder_lock.hold_shared(folder, wait=0)
    assert refused.value.message == (
        "The data is being changed by another Skolehjem command, change-passphrase "
        f"(process {rekey.pid}). Try again when it is done; nothing was changed."
    )
    assert f"{rekey.pid} change-passphrase alone" in _lines(folder)
    assert (folder / folder_lock.LOCK_NAME).read_text() == f"{rekey.pid} change-passphrase alone\n"
    rekey.let_go()
    hold = folder_lock.hold_shared(folder, wait=10)
    hold.release()


def test_the_data_open_here_turns_alone_and_back_without_letting_go(folder, child) -> None:  # type: ignore[no-untyped-def]
    hold = folder_lock.hold_shared(folder)
    with folder_lock.alone(folder, wait=0):  # this process's own restore
        inner = folder_lock.hold_shared(folder, wait=0)  # the restored data, opened
        child("try-shared", folder, "list", expect="refused")  # no other opener meanwhile
    # Shared again: others may open, nobody may have it alone.
    child("try-shared", folder, "list").let_go()
    child("try-alone", folder, "restore", expect="refused")
    inner.release()
    hold.release()
    assert _lines(folder) == []


def test_a_killed_holder_leaves_nothing_behind(folder, child) -> None:  # type: ignore[no-untyped-def]
    if os.name != "posix":
        pytest.skip("SIGKILL is POSIX")
    holder = child("window", folder, "window")
    assert _lines(folder) == [f"{holder.pid} window"]
    os.kill(holder.pid, signal.SIGKILL)
    holder.kill()
    with folder_lock.alone(folder, wait=0):
        assert _lines(folder) == [f"{os.getpid()} test alone"]
    assert _lines(folder) == []
    assert folder_lock.take_window(folder, wait=0)
    folder_lock.release_window(folder)


def test_the_lock_file_holds_a_pid_and_a_role_per_line_and_is_private(folder, child) -> None:  # type: ignore[no-untyped-def]
    child("shared", folder, "Import Class!")  # a role is reduced to a plain word
    child("window", folder, "window")
    lines = _lines(folder)
    assert len(lines) == 2
    assert all(re.fullmatch(r"\d+ [a-z0-9-]+( alone)?", line) for line in lines), lines
    assert lines[0].endswith(" import-class")
    if os.name == "posix":
        assert (folder / folder_lock.LOCK_NAME).stat().st_mode & 0o777 == 0o600


def test_a_restore_in_this_process_is_refused_while_a_command_has_the_data(
    folder, child, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(folder_lock, "ALONE_WAIT", 0.5)
    data = DataFolder(folder)
    services = data.open()
    try:
        klass = services.classes.create("5.A", services.classes.current_year())
        backup = services.db.backup_to(tmp_path / "earlier.sqlite")
        holder = child("services", folder, "pdf")
        before = data.database.read_bytes()
        started = time.monotonic()
        with pytest.raises(FolderBusy) as refused:
            data.restore(backup, current=services)
        assert time.monotonic() - started >= 0.5  # it waited for the command first
        assert f"command, pdf (process {holder.pid})" in refused.value.message
        with pytest.raises(FolderBusy):
            data.protect("en lang og hemmelig sætning 42")
        assert data.database.read_bytes() == before
        assert not list(data.backups.glob("before-restore-*"))
        assert not data.is_protected()
        # The data open here was never closed: it still takes what is typed.
        services.students.add("Søren", "Ærø", klass.id)
        assert [s.first_name for s in services.students.all(class_id=klass.id)] == ["Søren"]
        holder.let_go()
        restored = data.restore(backup, current=services)
        services = restored.services
        assert services.students.all(class_id=klass.id) == []
    finally:
        services.close()
    assert _lines(folder) == []
