"""The MCP servers the user added, and the tools they trust, kept in the config folder.

One JSON file (``mcp_servers.json``)::

    {"servers": [McpServer.to_dict(), ...],
     "trusted": [{"server": "files", "tool": "read"}, ...]}

It may hold secrets (an API token in a header or a variable), so every write is
atomic (``core.common.jsonfile``) and leaves the file readable by the user only
(0600).  A damaged file is set aside, never deleted; an entry that cannot be read is
left out and named in :attr:`McpConfig.problems`, and the file as it was is copied
aside first, so a hand edit with a typo loses nothing.

Trust ("always allow this tool") belongs to a server as the user added it: removing a
server forgets its trusted tools, and so does changing what it runs (another command,
other arguments, another URL), so a new program never inherits an old one's trust.
Which tools are on in a conversation is the conversation's, not kept here.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from core.common.jsonfile import read_json, write_json
from core.common.named_store import MAX_NAME, name_key
from core.common.problems import filled
from core.errors import BadInput, Problem
from core.paths import AppPaths
from core.tools.mcp.errors import McpUnknownServer
from core.tools.mcp.servers import McpServer, Transport

FILE_NAME = "mcp_servers.json"
#: Read and write for the user only: headers and variables may hold tokens.
FILE_MODE = 0o600

DAMAGED = Problem.of("mcp.damaged", "The list of MCP servers could not be read; it was "
                                    "kept as {kept_as} and the list starts empty.")
SKIPPED = Problem.of("mcp.skipped", "The MCP server {entry} could not be read ({reason}) "
                                    "and was left out; the old list was kept as {kept_as}.")

TrustedTool = tuple[str, str]


def config_path(paths: AppPaths) -> Path:
    return paths.config / FILE_NAME


class McpConfig:
    """The list and the trusted tools, saved at every change.  Safe to use from
    several threads (a lock); each call reads or writes one small file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._servers: list[McpServer] = []
        self._trusted: set[TrustedTool] = set()
        #: What loading left out or set aside, for the window to show once.
        self.problems: tuple[Problem, ...] = ()
        self._load()

    @classmethod
    def open(cls, paths: AppPaths) -> McpConfig:
        return cls(config_path(paths))

    @property
    def servers(self) -> tuple[McpServer, ...]:
        with self._lock:
            return tuple(self._servers)

    def get(self, name: str) -> McpServer | None:
        with self._lock:
            index = self._index(name)
            return None if index is None else self._servers[index]

    def add(self, server: McpServer) -> McpServer:
        """Add a server; raises :class:`BadInput` for a name that is taken or invalid,
        a stdio server without a command, an HTTP server without an http(s) URL."""
        server = _valid(server)
        with self._lock:
            index = self._index(server.name)
            if index is not None:
                raise BadInput("mcp.exists", "An MCP server named “{name}” already exists.",
                               name=self._servers[index].name)
            self._servers.append(server)
            self._save()
        return server

    def replace(self, name: str, server: McpServer) -> McpServer:
        """Change the server called ``name`` (it may get another name).  Its trusted
        tools follow a rename and are forgotten when what it runs changes."""
        server = _valid(server)
        with self._lock:
            index = self._require(name)
            clash = self._index(server.name)
            if clash is not None and clash != index:
                raise BadInput("mcp.exists", "An MCP server named “{name}” already exists.",
                               name=self._servers[clash].name)
            old = self._servers[index]
            kept = {tool for owner, tool in self._trusted if owner == old.name} \
                if _runs(old) == _runs(server) else set()
            self._trusted = {pair for pair in self._trusted if pair[0] != old.name}
            self._trusted |= {(server.name, tool) for tool in kept}
            self._servers[index] = server
            self._save()
        return server

    def remove(self, name: str) -> None:
        """Remove the server and forget its trusted tools."""
        with self._lock:
            server = self._servers.pop(self._require(name))
            self._trusted = {pair for pair in self._trusted if pair[0] != server.name}
            self._save()

    @property
    def trusted(self) -> frozenset[TrustedTool]:
        """(server name, tool name) pairs the user allowed always."""
        with self._lock:
            return frozenset(self._trusted)

    def is_trusted(self, server: str, tool: str) -> bool:
        with self._lock:
            return (server, tool) in self._trusted

    def trust(self, server: str, tool: str) -> None:
        """"Always allow this tool" (of a server in the list)."""
        with self._lock:
            index = self._require(server)
            pair = (self._servers[index].name, tool)
            if pair not in self._trusted:
                self._trusted.add(pair)
                self._save()

    def distrust(self, server: str, tool: str) -> None:
        """Ask again before each call of this tool."""
        with self._lock:
            if (server, tool) in self._trusted:
                self._trusted.discard((server, tool))
                self._save()

    def _index(self, name: str) -> int | None:
        key = name_key(name)
        return next((i for i, s in enumerate(self._servers) if name_key(s.name) == key), None)

    def _require(self, name: str) -> int:
        index = self._index(name)
        if index is None:
            raise McpUnknownServer(name)
        return index

    def _save(self) -> None:
        write_json(self.path, {
            "servers": [server.to_dict() for server in self._servers],
            "trusted": [{"server": server, "tool": tool}
                        for server, tool in sorted(self._trusted)]})
        _restrict(self.path)

    def _load(self) -> None:
        data, kept_as = read_json(self.path)
        if kept_as is not None:
            _restrict(kept_as)
            self.problems = (filled(DAMAGED, kept_as=kept_as.name),)
            return
        if data is None:
            return
        _restrict(self.path)
        if isinstance(data, list):  # a bare list of servers, as a hand edit may leave it
            data = {"servers": data}
        if not isinstance(data, dict) or not isinstance(data.get("servers", []), list):
            aside = _copy_aside(self.path)
            self.problems = (filled(DAMAGED, kept_as=aside.name),)
            self._save()
            return
        skipped = self._read_servers(data.get("servers", []))
        self._trusted = set(_read_trusted(data.get("trusted"),
                                          {server.name for server in self._servers}))
        if skipped:
            aside = _copy_aside(self.path)
            self.problems = tuple(filled(SKIPPED, entry=entry, reason=reason,
                                         kept_as=aside.name) for entry, reason in skipped)
            self._save()

    def _read_servers(self, entries: Iterable[Any]) -> list[tuple[str, str]]:
        """Fill the list; returns (entry, reason) for each entry left out."""
        skipped: list[tuple[str, str]] = []
        for number, entry in enumerate(entries, 1):
            label = f"#{number}"
            try:
                if not isinstance(entry, dict):
                    raise ValueError("not an object")
                if isinstance(entry.get("name"), str) and entry["name"].strip():
                    label = f"“{entry['name'].strip()}”"
                server = _valid(McpServer.from_dict(entry))
                if self._index(server.name) is not None:
                    raise ValueError("its name is used by an earlier server")
            except (ValueError, TypeError, BadInput) as error:
                skipped.append((label, str(error)))
                continue
            self._servers.append(server)
        return skipped


def _valid(server: McpServer) -> McpServer:
    """The server as kept (its name's spaces collapsed), or :class:`BadInput`."""
    name = " ".join(server.name.split())
    if not name:
        raise BadInput("mcp.no_name", "An MCP server needs a name.")
    if len(name) > MAX_NAME:
        raise BadInput("mcp.name_too_long",
                       "An MCP server's name can have at most {most} characters.", most=MAX_NAME)
    if server.transport is Transport.STDIO and not server.command.strip():
        raise BadInput("mcp.no_command", "The MCP server “{name}” needs a program to run.",
                       name=name)
    if server.transport is Transport.HTTP and not server.url.lower().startswith(
            ("http://", "https://")):
        raise BadInput("mcp.bad_url",
                       "The address of the MCP server “{name}” must start with http:// or "
                       "https://.", name=name)
    return server if name == server.name else replace(server, name=name)


def _runs(server: McpServer) -> tuple[object, ...]:
    """What a server is, for trust: the program and its arguments, or the URL."""
    return (server.transport, server.command, server.args, server.url)


def _read_trusted(data: object, names: set[str]) -> Iterable[TrustedTool]:
    """The stored pairs of servers still in the list (a pair for a name no server has
    is dropped: a server added later under that name must not inherit it)."""
    if not isinstance(data, list):
        return
    for item in data:
        if isinstance(item, dict):
            server, tool = item.get("server"), item.get("tool")
            if isinstance(server, str) and isinstance(tool, str) and server in names:
                yield server, tool


def _copy_aside(path: Path) -> Path:
    for n in range(1, 1000):
        aside = path.with_name(f"{path.name}.damaged-{n}")
        try:
            # Created private: a copy of the tokens is never readable by others, not
            # even for a moment.
            fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as copy, path.open("rb") as original:
            shutil.copyfileobj(original, copy)
        return aside
    raise OSError(f"too many damaged copies of {path}")


def _restrict(path: Path) -> None:
    """Readable by the user only (on Windows, chmod only sets the read-only flag:
    the user's profile folder is already private)."""
    with contextlib.suppress(OSError):
        os.chmod(path, FILE_MODE)
