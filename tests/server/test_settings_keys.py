"""The server's settings (off, loopback and port 8765 by default; checked when read) and
its key: in a real keyring backend when one is there, in memory for the session when
only keyring's priority-0 backend is (a bare CI machine), never in the settings file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordSetError

from core.server.config import DEFAULT_PORT, is_loopback, valid_host
from core.server.keys import ServerKeys, keyring_available, new_key
from core.settings import Settings, load_settings, save_settings


class DictKeyring(KeyringBackend):
    """A keyring backend as the ``keyring`` package defines them, keeping secrets in a
    dictionary: the real API, with no desktop service behind it."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, refuse: bool = False) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}
        self.refuse = refuse

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.refuse:
            raise PasswordSetError("locked")
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def backend() -> Iterator[DictKeyring]:
    before = keyring.get_keyring()
    ring = DictKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


def test_defaults_are_off_and_on_loopback() -> None:
    settings = Settings()
    assert not settings.server_enabled and settings.server_host == "127.0.0.1"
    assert settings.server_port == DEFAULT_PORT == 8765 and not settings.server_require_key
    assert is_loopback(settings.server_host) and is_loopback("localhost")
    assert is_loopback("::1") and not is_loopback("0.0.0.0")


def test_server_settings_round_trip_and_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    chosen = Settings(server_enabled=True, server_host="0.0.0.0", server_port=9000,
                      server_require_key=True)
    save_settings(path, chosen)
    assert load_settings(path) == chosen
    assert [p.code for p in Settings(server_port=0).problems()] == ["settings.server_port"]
    assert [p.code for p in Settings(server_host="bad host").problems()] == [
        "settings.server_host"]
    data = json.loads(path.read_text(encoding="utf-8"))
    data["server_port"] = 70000
    path.write_text(json.dumps(data), encoding="utf-8")
    reset = load_settings(path)
    assert reset.notice is not None and reset.server_port == DEFAULT_PORT
    for host in ("127.0.0.1", "::1", "[::1]", "localhost", "my-pc.lan", "0.0.0.0"):
        assert valid_host(host), host
    for host in ("", "two words", "-x.lan", "http://x", "a" * 64):
        assert not valid_host(host), host


def test_the_key_lives_in_the_keyring_where_there_is_one(backend: DictKeyring) -> None:
    assert keyring_available()
    keys = ServerKeys()
    assert keys.persistent and keys.get() is None
    key = new_key()
    assert key.startswith("prosa-") and len(key) > 30 and key != new_key()
    assert keys.set(key) is None
    assert backend.secrets == {("Prosa", "api-server-key"): key}
    assert ServerKeys().get() == key  # another session reads it back
    keys.clear()
    assert backend.secrets == {} and ServerKeys().get() is None


def test_a_keyring_that_refuses_keeps_the_key_for_the_session(backend: DictKeyring) -> None:
    backend.refuse = True
    keys = ServerKeys()
    problem = keys.set("prosa-abc")
    assert problem is not None and problem.code == "server.keyring_failed"
    assert keys.get() == "prosa-abc" and not keys.persistent


def test_without_a_keyring_the_key_stays_in_memory() -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert not keyring_available()
        keys = ServerKeys()
        assert not keys.persistent
        assert keys.set("prosa-session") is None and keys.get() == "prosa-session"
        assert ServerKeys().get() is None  # gone with the session
    finally:
        keyring.set_keyring(before)
