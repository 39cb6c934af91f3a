"""The MCP servers the user added, as blocking calls for Prosa's threads.

The SDK is async and Prosa is threaded, so :class:`McpHub` owns one asyncio event loop
in a daemon thread, and every public method submits a coroutine to it and waits, with
a bound, for the answer.  Each server has one :class:`McpConnection` on that loop.
The methods block: call them from a worker thread, never from the GUI thread (a
server may take seconds to start or to answer).  They are safe to call from several
threads at once: all state changes happen on the loop's one thread.

A server runs only when asked: creating the hub starts nothing; :meth:`McpHub.start`,
:meth:`McpHub.list_tools` and :meth:`McpHub.call_tool` start it when it is not running
(each is a user's action: opening its tools, or a call the user allowed).  Its command
line is the user's (:class:`McpServer`), never anything a model wrote.  A server that
died is started again by the next request.  :meth:`McpHub.close` stops every server's
process.

The SDK (``mcp``, with pydantic and its protocol types: about 0.4 s of imports) is
loaded with the first connection, on the thread that asks for it, not when the window
makes the hub at start-up: most starts never use a server.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from core.about.version import app_version
from core.tools.mcp.errors import McpServerOff, McpTimeout, McpToolError, McpUnknownServer
from core.tools.mcp.servers import McpServer, ServerState
from core.tools.spec import ToolSpec

if TYPE_CHECKING:
    from core.tools.mcp.connection import McpConnection

__all__ = ["McpHub", "McpTool", "ServerState"]

T = TypeVar("T")

#: Seconds a server may take to start and answer the handshake (a first ``npx`` or
#: ``uvx`` run downloads the server, which takes a while).
START_TIMEOUT_S = 60.0
#: Seconds to list a server's tools once it runs.
LIST_TIMEOUT_S = 30.0
#: Added to the loop's own limits when a thread waits for its answer: the loop enforces
#: the limits; this only keeps a wedged loop from hanging a thread forever.
WAIT_MARGIN_S = 20.0


@dataclass(frozen=True)
class McpTool:
    """One MCP server's tool as a runner: its ``spec`` and ``run``, the shape the
    toolbox runs any tool through."""

    spec: ToolSpec
    hub: McpHub = field(repr=False, compare=False)

    def run(self, arguments: Mapping[str, Any], timeout_s: float) -> str:
        """Call the tool (blocking; a worker thread's call): the result as text, or
        an :class:`~core.tools.mcp.errors.McpError`."""
        return self.hub.call_tool(self.spec.server, self.spec.name, arguments, timeout_s)


class McpHub:
    """Every server the user added, by name.  See the module's docstring for the
    threading rules."""

    def __init__(self, servers: Sequence[McpServer] = (), *,
                 start_timeout_s: float = START_TIMEOUT_S) -> None:
        self._start_timeout_s = start_timeout_s
        self._lock = threading.Lock()
        self._closed = False
        #: The user's servers by name, and the connections made to them so far (one
        #: is made by a server's first request, which loads the SDK).
        self._servers: dict[str, McpServer] = {server.name: server for server in servers}
        self._connections: dict[str, McpConnection] = {}
        self._probes: set[McpConnection] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, name="mcp-hub", daemon=True)
        self._thread.start()

    def __enter__(self) -> McpHub:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def servers(self) -> tuple[McpServer, ...]:
        with self._lock:
            return tuple(self._servers.values())

    def state(self, name: str) -> ServerState:
        """Whether the server runs now (any thread; does not block)."""
        with self._lock:
            self._check_open()
            if name not in self._servers:
                raise McpUnknownServer(name)
            connection = self._connections.get(name)
        return connection.state if connection is not None else ServerState.STOPPED

    def update(self, servers: Sequence[McpServer]) -> None:
        """The user's list changed: servers removed or changed (another command, a
        new token, turned off) are stopped; a changed one starts again, with its new
        settings, at its next request.  Blocks while they stop."""
        wanted = {server.name: server for server in servers}
        with self._lock:
            self._check_open()
            ended = [c for name, c in self._connections.items()
                     if wanted.get(name) != c.server]
            self._connections = {name: c for name, c in self._connections.items()
                                 if c not in ended}
            self._servers = wanted
        if ended:
            self._wait(self._stop_all(ended), START_TIMEOUT_S, "")

    def start(self, name: str) -> None:
        """Start the server if it is not running (blocking, up to the start timeout).

        Raises :class:`~core.tools.mcp.errors.McpStartError` when it cannot start."""
        connection = self._usable(name)
        self._wait(connection.ensure(), self._start_timeout_s, name)

    def stop(self, name: str) -> None:
        """Stop the server's process (its calls in flight raise ``McpStopped``)."""
        with self._lock:
            self._check_open()
            if name not in self._servers:
                raise McpUnknownServer(name)
            connection = self._connections.get(name)
        if connection is not None:  # else it never started
            self._wait(connection.stop(), START_TIMEOUT_S, name)

    def list_tools(self, server_name: str, *, refresh: bool = False) -> tuple[ToolSpec, ...]:
        """The server's tools (starting it if needed), as the model would see them.
        Kept until the server restarts; ``refresh`` asks it again."""
        connection = self._usable(server_name)
        return self._wait(connection.list_tools(LIST_TIMEOUT_S, refresh),
                          self._start_timeout_s + LIST_TIMEOUT_S, server_name)

    def probe(self, server: McpServer) -> tuple[ToolSpec, ...]:
        """Start ``server`` (one not in the list yet: a form's draft), list its tools and
        stop it: the settings' "test" button.  Raises its ``McpError``."""
        connection = self._connection(server)
        with self._lock:
            self._check_open()
            self._probes.add(connection)  # close() stops it too
        try:
            return self._wait(self._probe(connection), self._start_timeout_s + LIST_TIMEOUT_S,
                              server.name)
        finally:
            with self._lock:
                self._probes.discard(connection)
            connection.join_stderr(2.0)

    def tools(self, server_name: str) -> tuple[McpTool, ...]:
        """The server's tools as runners."""
        return tuple(McpTool(spec, self) for spec in self.list_tools(server_name))

    def call_tool(self, server_name: str, tool_name: str, arguments: Mapping[str, Any],
                  timeout_s: float | None = None) -> str:
        """Run one tool and return its result as text (starting the server if
        needed).  ``timeout_s`` defaults to the server's setting.

        Raises (all :class:`~core.tools.mcp.errors.McpError`): ``McpToolError`` for
        the tool's own error result, ``McpTimeout`` (the call was cancelled; the
        server stays), ``McpServerDied`` (the next call starts it again),
        ``McpStartError``, ``McpProtocolError``, ``McpStopped``, ``McpServerOff``."""
        connection = self._usable(server_name)  # made with the SDK, if it was not
        from core.tools.mcp.results import result_text  # the SDK's result types

        seconds = timeout_s if timeout_s is not None else connection.server.timeout_s
        result = self._wait(connection.call_tool(tool_name, arguments, seconds),
                            self._start_timeout_s + seconds, server_name)
        text = result_text(result)
        if result.is_error:
            raise McpToolError(server_name, tool_name, text)
        return text

    def close(self) -> None:
        """Stop every server's process and the loop's thread (blocking; safe to call
        twice).  The hub cannot be used afterwards."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            connections = [*self._connections.values(), *self._probes]
        try:
            self._submit(self._stop_all(connections)).result(START_TIMEOUT_S)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(START_TIMEOUT_S)
            for connection in connections:
                connection.join_stderr(2.0)

    def _connection(self, server: McpServer) -> McpConnection:
        from mcp_types import Implementation

        from core.tools.mcp.connection import McpConnection

        return McpConnection(server, self._start_timeout_s,
                             Implementation(name="Prosa", version=app_version()))

    def _get(self, name: str) -> McpConnection:
        """The server's connection, made on its first request: outside the lock, which
        ``state`` takes on the GUI thread, since the first one loads the SDK."""
        while True:
            with self._lock:
                self._check_open()
                server = self._servers.get(name)
                if server is None:
                    raise McpUnknownServer(name)
                connection = self._connections.get(name)
            if connection is not None:
                return connection
            made = self._connection(server)
            with self._lock:
                if not self._closed and self._servers.get(name) == server \
                        and name not in self._connections:
                    self._connections[name] = made
                    return made
            # Another thread made one, or the list changed meanwhile: look again.

    def _usable(self, name: str) -> McpConnection:
        with self._lock:
            server = self._servers.get(name)
        if server is not None and not server.enabled:
            raise McpServerOff(name)
        return self._get(name)

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the MCP hub is closed")

    def _submit(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        if threading.current_thread() is self._thread:
            coroutine.close()
            raise RuntimeError("McpHub's blocking methods cannot run on its own loop")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    def _wait(self, coroutine: Coroutine[Any, Any, T], limit_s: float, server: str) -> T:
        future = self._submit(coroutine)
        try:
            return future.result(limit_s + WAIT_MARGIN_S)
        except TimeoutError:
            if future.done():
                raise  # the coroutine's own TimeoutError
            future.cancel()
            raise McpTimeout(server, limit_s + WAIT_MARGIN_S) from None

    @staticmethod
    async def _probe(connection: McpConnection) -> tuple[ToolSpec, ...]:
        try:
            return await connection.list_tools(LIST_TIMEOUT_S)
        finally:
            await connection.stop()

    @staticmethod
    async def _stop_all(connections: Sequence[McpConnection]) -> None:
        await asyncio.gather(*(c.stop() for c in connections), return_exceptions=True)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_forever()
        finally:
            pending = asyncio.all_tasks(self._loop)
            for task in pending:
                task.cancel()
            if pending:
                self._loop.run_until_complete(
                    asyncio.gather(*pending, return_exceptions=True))
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())
            self._loop.close()
