"""The first Prosa's socket: it takes well-formed lists of paths, ignores anything
else (the socket is the user's own, but a message is still checked), and a socket left
by a crashed instance does not stop the next start from listening."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from pytestqt.qtbot import QtBot

from ui.desktop.single_instance import MAX_MESSAGE_BYTES, InstanceServer, server_name

pytestmark = pytest.mark.gui


def talk(qtbot: QtBot, name: str, data: bytes) -> bytes:
    """Send raw bytes the way any local program could, and return the answer."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.ConnectedState,
                    timeout=2_000)
    socket.write(data)
    socket.flush()
    answer = b""
    deadline = 40
    while deadline and socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
        qtbot.wait(25)
        answer += bytes(socket.readAll().data())
        if answer.endswith(b"\n"):
            break
        deadline -= 1
    socket.abort()
    return answer


def test_a_well_formed_message_is_received_and_answered(qtbot: QtBot, tmp_path: Path) -> None:
    server = InstanceServer(server_name(tmp_path))
    assert server.listen()
    with qtbot.waitSignal(server.received, timeout=2_000) as got:
        answer = talk(qtbot, server.name,
                      json.dumps({"open": ["/models/a.gguf", 3, ""]}).encode() + b"\n")
    assert answer == b"ok\n" and got.args == [["/models/a.gguf"]]  # only real paths
    server.close()


@pytest.mark.parametrize("data", [b"not json\n", b'{"open": "a.gguf"}\n', b"[1, 2]\n",
                                  b"\xff\xfe\n"])
def test_anything_else_is_ignored(qtbot: QtBot, tmp_path: Path, data: bytes) -> None:
    server = InstanceServer(server_name(tmp_path))
    assert server.listen()
    received: list[object] = []
    server.received.connect(received.append)
    talk(qtbot, server.name, data)
    assert received == []
    server.close()


def test_an_endless_message_is_cut_off(qtbot: QtBot, tmp_path: Path) -> None:
    server = InstanceServer(server_name(tmp_path))
    assert server.listen()
    received: list[object] = []
    server.received.connect(received.append)
    assert talk(qtbot, server.name, b"x" * (MAX_MESSAGE_BYTES + 10)) == b""
    assert received == []
    server.close()


def test_names_differ_by_data_folder_and_a_stale_socket_is_replaced(
        qtbot: QtBot, tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    crashed = QLocalServer()  # a listener nobody serves, as a crash would leave
    assert crashed.listen(server_name(tmp_path))
    server = InstanceServer(server_name(tmp_path))
    assert server.listen()
    with qtbot.waitSignal(server.received, timeout=2_000):
        talk(qtbot, server.name, b'{"open": []}\n')
    server.close()
    crashed.close()
