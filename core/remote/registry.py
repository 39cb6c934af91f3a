"""The remote servers as the app uses them: the saved list, their keys, and the two
things asked of them outside a chat (resolving a model's reference at load, and
listing a server's models for the user to pick).

Listing blocks (a network round trip): call :meth:`RemoteRegistry.list_models` from a
worker thread, never the GUI thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from core.errors import BadInput
from core.remote import api
from core.remote.config import RemoteConfig
from core.remote.refs import RemoteRef
from core.remote.secrets import KeyStore
from core.remote.servers import RemoteServer, RemoteTarget

#: Seconds a listing may take before it is reported as a timeout.
LIST_TIMEOUT_S = 20.0


def list_server_models(server: RemoteServer, api_key: str | None) -> list[api.RemoteModel]:
    """A server's models (blocking: a worker thread's call, or the CLI's)."""

    async def listing() -> list[api.RemoteModel]:
        async with api.new_client(LIST_TIMEOUT_S) as client:
            return await api.list_models(client, server, api_key)

    return asyncio.run(listing())


class RemoteRegistry:
    def __init__(self, config: RemoteConfig, keys: KeyStore,
                 offline: Callable[[], bool] = lambda: False) -> None:
        self.config = config
        self.keys = keys
        self._offline = offline

    def resolve(self, ref: RemoteRef) -> RemoteTarget:
        """The server, model and key a reference names; raises :class:`BadInput` when
        the server was removed or Prosa is offline."""
        server = self.config.get(ref.server_id)
        if server is None:
            raise BadInput("remote.unknown_server", "The server of “{model}” was removed "
                           "from Prosa's remote servers.", model=ref.model)
        self._check_online(server)
        return RemoteTarget(server, ref.model, self.keys.get(server.id))

    def list_models(self, server: RemoteServer, api_key: str | None = None, *,
                    use_saved_key: bool = True) -> list[api.RemoteModel]:
        """The server's models (blocking).  ``api_key``: the key to try (a key being
        typed); otherwise the saved one."""
        server = server.validated()
        self._check_online(server)
        key = api_key if api_key or not use_saved_key else self.keys.get(server.id)
        return list_server_models(server, key)

    def _check_online(self, server: RemoteServer) -> None:
        if self._offline():
            raise BadInput("remote.offline", "Prosa is set to work offline, so it does not "
                           "connect to the server “{server}”. Turn off offline mode in "
                           "Preferences to use it.", server=server.name)
