"""One Prosa per user and data folder: a second start hands its file to the first.

Double-clicking a ``.gguf`` while Prosa runs should open it in the window already
there, not start a second app that would load a second model into memory and fight
over the same conversation file.  The first instance listens on a local socket (a
Unix domain socket or a Windows named pipe, readable by this user only) named after
the data folder; a later start connects, sends the files it was given as one JSON line,
waits for the first to confirm, and exits.  A socket left by a crashed instance answers
nothing: it is removed and the new start becomes the first.

What arrives is only ever a list of paths to open, checked by the window like any file
the user opens (a model's header is read before anything is unloaded).
"""

from __future__ import annotations

import getpass
import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

#: How long a second start waits for the first to answer.
HAND_OFF_TIMEOUT_MS = 2000
#: A message longer than this is not from Prosa.
MAX_MESSAGE_BYTES = 64 * 1024
_ACK = b"ok\n"


def server_name(data_folder: Path) -> str:
    """The socket's name: per user and data folder (a portable copy and the installed
    app are separate instances), short enough for a Unix socket path."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name (a container): the folder still separates
        user = ""
    digest = hashlib.sha256(f"{user}\0{data_folder.resolve()}".encode()).hexdigest()
    return f"prosa-{digest[:20]}"


def hand_off(name: str, files: list[str], timeout_ms: int = HAND_OFF_TIMEOUT_MS) -> bool:
    """Give ``files`` to a running instance; False when none answers (start normally)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    message = json.dumps({"open": [str(Path(f).absolute()) for f in files]}).encode() + b"\n"
    socket.write(message)
    # flush() may already write it all, and then waitForBytesWritten() says False:
    # only bytes still pending are waited for.
    socket.flush()
    written = socket.bytesToWrite() == 0 or socket.waitForBytesWritten(timeout_ms)
    answered = written and _wait_for_ack(socket, timeout_ms)
    socket.disconnectFromServer()
    return answered


def _wait_for_ack(socket: QLocalSocket, timeout_ms: int) -> bool:
    reply = b""
    while len(reply) < len(_ACK) and socket.waitForReadyRead(timeout_ms):
        reply += bytes(socket.readAll().data())
    return reply.startswith(_ACK)


class InstanceServer(QObject):
    """The first instance's side: :attr:`received` carries the files of later starts."""

    #: Paths a later start was given (possibly none: it only asks to be shown).
    received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; a stale socket of a crashed instance is removed first."""
        if self._server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        """Stop listening and drop the clients still connected (their signals would
        otherwise reach an object about to go)."""
        for socket in list(self._buffers):
            socket.blockSignals(True)
            socket.abort()
        self._buffers.clear()
        self._server.close()

    @Slot()
    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._on_ready(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _on_ready(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE_BYTES:
            socket.abort()
            self._forget(socket)
            return
        self._buffers[socket] = data
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        files = _files(line)
        socket.write(_ACK)
        socket.flush()
        self._buffers[socket] = b""
        if files is not None:
            self.received.emit(files)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def _files(line: bytes) -> list[str] | None:
    """The paths in a message, or None when it is not a well-formed one."""
    try:
        message = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(message, dict) or not isinstance(message.get("open"), list):
        return None
    return [f for f in message["open"] if isinstance(f, str) and f]
