"""API keys of remote servers, in the system keyring and nowhere else.

The ``keyring`` package reaches the desktop's own store (Secret Service on Linux, the
macOS Keychain, the Windows Credential Locker).  Where none exists (a bare server, a
desktop without a keyring daemon) keys are kept in memory for this session only, and
:attr:`KeyStore.remembers` says so, so the window can tell the user they will be asked
again; they are never written to a file.  Keys are filed under the server's id, so
renaming a server keeps its key.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

#: The keyring's "service" for Prosa's remote servers (one entry per server id).
SERVICE = "Prosa remote engines"


def usable_backend() -> KeyringBackend | None:
    """The system's keyring, or ``None`` when only the "fail" backend is found.

    ``keyring`` is imported here, at the first use, like the backends it looks for: a
    window that never reaches a remote server does not load it (50 ms at start-up)."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration is "none"
        log.warning("the system keyring could not be opened", exc_info=True)
        return None
    priority = getattr(backend, "priority", 0)
    return backend if isinstance(priority, (int, float)) and priority > 0 else None


class KeyStore:
    """Keys by server id: the keyring when there is one, this session's memory else."""

    def __init__(self, backend: KeyringBackend | None = None, *,
                 detect: bool = True) -> None:
        self._given = backend
        #: Looked for at the first use, not at start-up (finding the system's keyring
        #: loads every backend's module: 50 ms a window start would spend for nothing).
        #: Only then is ``keyring`` imported; the methods below use it once a backend
        #: was found.
        self._detect = detect and backend is None
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()

    @property
    def _backend(self) -> KeyringBackend | None:
        if self._detect:
            self._given, self._detect = usable_backend(), False
        return self._given

    @property
    def remembers(self) -> bool:
        """Keys outlive this session (a system keyring holds them)."""
        return self._backend is not None

    def get(self, server_id: str) -> str | None:
        with self._lock:
            if server_id in self._memory:
                return self._memory[server_id]
        backend = self._backend
        if backend is None:
            return None
        from keyring.errors import KeyringError

        try:
            return backend.get_password(SERVICE, server_id)
        except KeyringError:
            log.warning("the keyring could not give a server's key", exc_info=True)
            return None

    def set(self, server_id: str, key: str | None) -> None:
        """Keep the key (``None`` or "": forget it)."""
        if not key:
            self.delete(server_id)
            return
        backend = self._backend
        if backend is not None:
            from keyring.errors import KeyringError

            try:
                backend.set_password(SERVICE, server_id, key)
                with self._lock:
                    self._memory.pop(server_id, None)
                return
            except KeyringError:
                log.warning("the keyring refused a server's key; kept for this session",
                            exc_info=True)
        with self._lock:
            self._memory[server_id] = key

    def delete(self, server_id: str) -> None:
        with self._lock:
            self._memory.pop(server_id, None)
        backend = self._backend
        if backend is not None:
            from keyring.errors import KeyringError, PasswordDeleteError

            try:
                backend.delete_password(SERVICE, server_id)
            except PasswordDeleteError:
                pass  # there was none
            except KeyringError:
                log.warning("the keyring could not forget a server's key", exc_info=True)
