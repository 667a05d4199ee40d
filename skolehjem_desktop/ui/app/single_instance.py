"""One window per data folder: a lock in the folder and a local server beside it.

The first start takes the window's byte of the data folder's lock file
(:mod:`skolehjem_desktop.folder_lock`) and listens on a :class:`QLocalServer` whose
name comes from a hash of the folder's path. A second start on the same folder finds
the byte taken, connects to that server and sends ``raise``; the first window comes
forward and the second start ends with a clear message.

While it has the folder, the window also holds the data's lock shared, from before the
data is opened until the program ends: no command restores or re-keys the data under
it. The locks go with the process, however it ends, so a crashed or killed window
leaves nothing to take over.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from skolehjem_desktop import folder_lock
from skolehjem_desktop.i18n import _

LOCK_NAME = folder_lock.LOCK_NAME
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
        self._hold: folder_lock.Hold | None = None
        self._taken = False  # this process is the window on the folder
        self._server: QLocalServer | None = None
        self._window: QWidget | None = None
        self._created: list[Path] = []  # the folders acquire() had to make, deepest first

    @property
    def lock_path(self) -> Path:
        return folder_lock.lock_path(self.data_dir)

    def acquire(self, wait_ms: int = 100) -> bool:
        """Take the folder; True when this is the only window on it (the server listens).

        Raises :class:`~skolehjem_desktop.folder_lock.FolderBusy` (nothing taken) while a
        command restores or re-keys the data.
        """
        from skolehjem_desktop.config import ensure_private_dir

        missing = self.data_dir
        while not missing.exists() and missing != missing.parent:
            self._created.append(missing)
            missing = missing.parent
        ensure_private_dir(self.data_dir)
        folder_lock.set_role(folder_lock.WINDOW_ROLE)
        if not folder_lock.take_window(self.data_dir, wait_ms / 1000):
            return False
        self._taken = True
        try:
            self._hold = folder_lock.hold_shared(self.data_dir)
        except folder_lock.FolderBusy:
            self._let_go()
            raise
        self._listen()
        return True

    def _let_go(self) -> None:
        if self._hold is not None:
            self._hold.release()
            self._hold = None
        if self._taken:
            folder_lock.release_window(self.data_dir)
            self._taken = False

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
        self._let_go()
        if tidy:
            folder_lock.remove_if_unused(self.data_dir)
            for folder in self._created:
                try:
                    folder.rmdir()  # only an empty folder: anything in it stays
                except OSError:
                    break
            self._created = []
