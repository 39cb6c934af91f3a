"""The list of remote servers, kept in the config folder (``remote_servers.json``).

No key is ever written here (``core.remote.secrets``).  Writes are atomic; a damaged
file is set aside and the list starts empty, with a problem for the window to show;
an entry that cannot be read is left out and named.
"""

from __future__ import annotations

import threading
from pathlib import Path

from core.common.jsonfile import read_json, write_json
from core.common.named_store import name_key
from core.common.problems import filled
from core.errors import BadInput, Problem
from core.paths import AppPaths
from core.remote.servers import RemoteServer

FILE_NAME = "remote_servers.json"

DAMAGED = Problem.of("remote.damaged", "The list of remote servers could not be read; it "
                                       "was kept as {kept_as} and the list starts empty.")


class RemoteConfig:
    """The servers, saved at every change; safe from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._servers: list[RemoteServer] = []
        #: What loading left out or set aside, for the window to show once.
        self.problems: tuple[Problem, ...] = ()
        self._load()

    @classmethod
    def open(cls, paths: AppPaths) -> RemoteConfig:
        return cls(paths.config / FILE_NAME)

    @property
    def servers(self) -> tuple[RemoteServer, ...]:
        with self._lock:
            return tuple(self._servers)

    def get(self, server_id: str) -> RemoteServer | None:
        with self._lock:
            return next((s for s in self._servers if s.id == server_id), None)

    def put(self, server: RemoteServer) -> RemoteServer:
        """Add the server, or change the one with its id; raises :class:`BadInput` for
        an invalid entry or a name another server has."""
        server = server.validated()
        with self._lock:
            for other in self._servers:
                if other.id != server.id and name_key(other.name) == name_key(server.name):
                    raise BadInput("remote.exists", "A server named “{name}” already "
                                   "exists.", name=other.name)
            index = next((n for n, s in enumerate(self._servers) if s.id == server.id), None)
            if index is None:
                self._servers.append(server)
            else:
                self._servers[index] = server
            self._save()
        return server

    def remove(self, server_id: str) -> None:
        with self._lock:
            self._servers = [s for s in self._servers if s.id != server_id]
            self._save()

    def _save(self) -> None:
        write_json(self.path, {"servers": [s.to_dict() for s in self._servers]})

    def _load(self) -> None:
        data, kept_as = read_json(self.path)
        if kept_as is not None:
            self.problems = (filled(DAMAGED, kept_as=str(kept_as)),)
            return
        entries = data.get("servers") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            return
        problems: list[Problem] = []
        for entry in entries:
            try:
                self._servers.append(RemoteServer.from_dict(entry))
            except BadInput as exc:
                problems.append(exc.problem)
        self.problems = tuple(problems)
