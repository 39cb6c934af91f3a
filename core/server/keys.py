"""The API server's key: in the system keyring (Secret Service, Keychain, Windows
Credential Locker) through the ``keyring`` package, never in the settings file.

Where no keyring exists (a bare CI machine; ``keyring`` then offers a backend of
priority 0 that stores nothing), the key lives in memory for this session only, and
:attr:`ServerKeys.persistent` says so, for the window to tell the user.  A keyring
may answer slowly (it may ask the user to unlock it): call these off the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import secrets

import keyring
from keyring.errors import KeyringError

from core.errors import Problem

log = logging.getLogger(__name__)

SERVICE = "Prosa"
ACCOUNT = "api-server-key"


def new_key() -> str:
    """A random key (192 bits), easy to tell apart from other services' keys."""
    return "prosa-" + secrets.token_urlsafe(24)


def keyring_available() -> bool:
    try:
        return float(keyring.get_keyring().priority) > 0
    except Exception:  # a broken keyring configuration is no keyring
        log.warning("the system keyring could not be opened", exc_info=True)
        return False


class ServerKeys:
    def __init__(self, service: str = SERVICE, account: str = ACCOUNT) -> None:
        self.service = service
        self.account = account
        self._memory: str | None = None
        #: Whether the key is kept across sessions (decided at the first use).
        self.persistent = keyring_available()

    def get(self) -> str | None:
        if self._memory is not None or not self.persistent:
            return self._memory
        try:
            self._memory = keyring.get_password(self.service, self.account)
        except KeyringError:
            log.warning("the API key could not be read from the keyring", exc_info=True)
        return self._memory

    def set(self, key: str) -> Problem | None:
        """Keep ``key``; a problem when the keyring refused it (it is then kept in
        memory for this session)."""
        self._memory = key
        if not self.persistent:
            return None
        try:
            keyring.set_password(self.service, self.account, key)
        except KeyringError as exc:
            self.persistent = False
            return Problem.of("server.keyring_failed", "The system keyring did not take "
                              "the API key, so it is kept only until Prosa closes.",
                              details=repr(exc))
        return None

    def clear(self) -> None:
        self._memory = None
        if self.persistent:
            with contextlib.suppress(KeyringError):  # none was kept: nothing to forget
                keyring.delete_password(self.service, self.account)
