"""One window per data folder: a second start raises the first; a stale lock is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from skolehjem_desktop.ui.app.single_instance import LOCK_NAME, SingleInstance, server_name


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("SKOLEHJEM_DATA_DIR", None)
    return env


@pytest.fixture
def first(qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    instance = SingleInstance(data_dir)
    assert instance.acquire()
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.showMinimized()
    instance.attach(window)
    yield instance, window
    instance.release()


@pytest.mark.qt_log_ignore("does not support raise")
def test_a_second_start_raises_the_first_and_ends_with_a_message(
    qtbot, first, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    instance, window = first
    requests: list[bool] = []
    instance.raise_requested.connect(lambda: requests.append(True))
    proc = subprocess.Popen(
        [sys.executable, "-m", "skolehjem_desktop", "--data-dir", str(data_dir), "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    finally:
        if proc.poll() is None:
            proc.kill()
    _out, err = proc.communicate()
    assert proc.returncode == 1
    assert "Skolehjem is already open on this data folder" in err
    assert requests == [True]
    assert not window.isMinimized() and window.isVisible()
    # The second start did not open (or create) the database.
    assert not (data_dir / "skolehjem.sqlite").exists()


def test_the_same_folder_by_another_path_is_the_same_server(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a" / ".." / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


def test_a_second_instance_in_this_process_is_refused_and_calls_the_first(
    qtbot, first, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    instance, _window = first
    second = SingleInstance(data_dir)
    assert not second.acquire()
    # The first answers once its event loop runs; here the test's loop is not running,
    # so the call times out: no answer is "busy".
    assert second.notify_running(timeout_ms=200) is None
    instance.release()
    assert second.acquire()
    second.release()


def test_a_closed_window_answers_closing_so_a_restart_waits_for_the_lock(
    qtbot, first, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    _instance, window = first
    window.close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from skolehjem_desktop.ui.app.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "s = SingleInstance(Path(sys.argv[1]))\n"
        "print(s.notify_running(), flush=True)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    out, err = proc.communicate()
    assert out.strip() == "closing", err


def test_a_stale_lock_of_a_killed_process_is_taken_over(data_dir: Path) -> None:
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from skolehjem_desktop.ui.app.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "s = SingleInstance(Path(sys.argv[1]))\n"
        "print(s.acquire(), flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "True"
        assert (data_dir / LOCK_NAME).exists()
        # While it lives, the folder is taken.
        blocked = SingleInstance(data_dir)
        assert not blocked.acquire()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        assert proc.stdout is not None
        proc.stdout.close()
    # The lock went with the process; the file stays (with its line, until the next taker).
    assert (data_dir / LOCK_NAME).exists()
    taker = SingleInstance(data_dir)
    assert taker.acquire()
    assert (data_dir / LOCK_NAME).read_text() == f"{os.getpid()} window\n"
    taker.release()
    assert (data_dir / LOCK_NAME).read_text() == ""


def test_the_lock_file_of_an_older_version_is_taken_over_and_its_machine_names_go(
    data_dir: Path,
) -> None:
    import socket

    data_dir.mkdir(parents=True)
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(proc.stdout)
    # What QLockFile wrote: pid, program, host name, machine id, boot id; 0644.
    old = f"{dead_pid}\npython3\n{socket.gethostname()}\n3d1219c7c4c5404aaa1f6d2a48adfd\n"
    (data_dir / LOCK_NAME).write_text(old)
    (data_dir / LOCK_NAME).chmod(0o644)
    instance = SingleInstance(data_dir)
    assert instance.acquire()
    assert (data_dir / LOCK_NAME).read_text() == f"{os.getpid()} window\n"
    if os.name == "posix":
        assert (data_dir / LOCK_NAME).stat().st_mode & 0o777 == 0o600
    instance.release()
    assert (data_dir / LOCK_NAME).read_text() == ""


def test_a_start_while_a_command_restores_is_refused_and_takes_nothing(
    data_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from skolehjem_desktop import folder_lock

    monkeypatch.setattr(folder_lock, "SHARED_WAIT", 0.2)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from skolehjem_desktop import folder_lock\n"
        "folder_lock.set_role('restore')\n"
        "block = folder_lock.alone(Path(sys.argv[1]))\n"
        "block.__enter__()\n"
        "print('held', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    data_dir.mkdir(parents=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert proc.stdout is not None and proc.stdin is not None
        assert proc.stdout.readline().strip() == "held"
        instance = SingleInstance(data_dir)
        with pytest.raises(folder_lock.FolderBusy) as refused:
            instance.acquire()
        assert f"command, restore (process {proc.pid})" in refused.value.message
        proc.stdin.close()
        proc.wait(timeout=30)
        # Nothing was kept of the refused start: the folder is free for the next one.
        assert instance.acquire()
        instance.release()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()
