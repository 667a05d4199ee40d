"""One window per data folder: a lock file in the folder and a local server beside it.

The first start takes a :class:`QLockFile` in the data folder and listens on a
:class:`QLocalServer` whose name comes from a hash of the folder's path. A second start
on the same folder finds the lock, connects to that server and sends ``raise``; the
first window comes forward and the second start ends with a clear message.

A lock left behind by a crashed or killed process is taken over: Qt checks whether the
process named in the lock file is still alive (on this host), and a lock of a dead
process is removed. Age alone never makes a lock stale (the window may be open for
days), so the stale lock time is 0.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from skolehjem_desktop.i18n import _

LOCK_NAME = "skolehjem.lock"
RAISE = b"raise\n"
ANSWER = b"ok\n"
CLOSING = b"closing\n"  # the window was closed; the folder is free in a moment (a restart)
TIMEOUT_MS = 2000


def server_name(data_dir: Path) -> str:
    """The local server's name for this data folder: the same for every path to it."""
    resolved = os.path.normcase(str(Path(data_dir).expanduser().resolve()))
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:20]
    return f"skolehjem-{digest}"


def already_open_message() -> str:
    return _("Skolehjem is already open on this data folder.")


class SingleInstance(QObject):
    """The lock on a data folder, and the line a second start calls the first on."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.name = server_name(self.data_dir)
        self._lock = QLockFile(str(self.data_dir / LOCK_NAME))
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self._window: QWidget | None = None
        self._created: list[Path] = []  # the folders acquire() had to make, deepest first

    @property
    def lock_path(self) -> Path:
        return self.data_dir / LOCK_NAME

    def acquire(self, wait_ms: int = 100) -> bool:
        """Take the folder; True when this is the only instance on it (the server listens)."""
        from skolehjem_desktop.config import ensure_private_dir

        missing = self.data_dir
        while not missing.exists() and missing != missing.parent:
            self._created.append(missing)
            missing = missing.parent
        ensure_private_dir(self.data_dir)
        if not self._lock.tryLock(wait_ms):
            if not self._owner_is_dead():
                return False
            # The owner is gone (a crash, a kill): the lock is stale, take it over.
            self._lock.removeStaleLockFile()
            if not self._lock.tryLock(100):
                return False
        self._listen()
        return True

    def _owner_is_dead(self) -> bool:
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            return False
        # PySide gives (pid, hostname, appname), or (0, "", "") for an unreadable file.
        info = self._lock.getLockInfo()
        pid, hostname = int(info[0]), str(info[1])
        if pid <= 0:
            return False  # unreadable: maybe being written this very moment; leave it
        import socket

        if hostname and hostname != socket.gethostname():
            return False  # another machine's process (a shared folder): never take over
        return not _pid_alive(pid)

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # We hold the lock, so a socket left behind by a crashed owner can go.
        QLocalServer.removeServer(self.name)
        server.newConnection.connect(self._on_connection)
        if server.listen(self.name):
            self._server = server

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                break
            socket.readyRead.connect(lambda s=socket: self._on_ready(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_ready(socket)

    def _on_ready(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        if line == RAISE:
            closing = self._window is not None and not self._window.isVisible()
            socket.write(QByteArray(CLOSING if closing else ANSWER))
            socket.flush()
            if not closing:
                self.raise_requested.emit()
                self._raise_window()
        socket.disconnectFromServer()

    def attach(self, window: QWidget) -> None:
        """The window to bring forward when a second start asks."""
        self._window = window

    def _raise_window(self) -> None:
        window = self._window
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def notify_running(self, timeout_ms: int = TIMEOUT_MS) -> str | None:
        """Ask the instance that holds the folder to come forward.

        ``"ok"`` when it did, ``"closing"`` when its window was closed (it is ending, as
        in a restart), None when it did not answer.
        """
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return None
        socket.write(QByteArray(RAISE))
        socket.flush()
        socket.waitForBytesWritten(timeout_ms)
        answer: str | None = None
        while socket.waitForReadyRead(timeout_ms):
            if socket.canReadLine():
                line = bytes(socket.readLine().data())
                answer = {ANSWER: "ok", CLOSING: "closing"}.get(line)
                break
        socket.disconnectFromServer()
        return answer

    def claim(self) -> str:
        """Take the folder, or call the instance on it: ``"mine"``, ``"raised"`` or ``"busy"``.

        When the instance on it is just closing (a restart), wait for it to let go.
        """
        if self.acquire():
            return "mine"
        answer = self.notify_running()
        if answer == "closing" and self.acquire(wait_ms=15_000):
            return "mine"
        return "raised" if answer == "ok" else "busy"

    def release(self, *, tidy: bool = False) -> None:
        """Let the folder go; ``tidy`` also removes the folders acquire() made, if empty."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()
        if tidy:
            for folder in self._created:
                try:
                    folder.rmdir()  # only an empty folder: anything in it stays
                except OSError:
                    break
            self._created = []


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows: QLockFile itself checks the PID there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
