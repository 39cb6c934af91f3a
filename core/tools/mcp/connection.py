"""One MCP server's connection, living on the hub's event loop.

The SDK's client is a set of async context managers whose task groups and cancel
scopes must be entered and left by the same task.  So each connection has an *owner*
task that enters the client, says it is ready, and waits until the connection must end
(stopped by the user, or its stream ended because the server died); every request
runs in its own task beside it.  Everything here runs on the hub's loop thread, so the
state needs no lock but the one that keeps two callers from starting two processes.

Failures become the coded errors of :mod:`core.tools.mcp.errors`:

- a call that takes too long is cancelled (the SDK tells the server so) and raises
  :class:`McpTimeout`; the connection stays;
- a stream that ends (the process died, the HTTP server went away) fails the calls in
  flight with :class:`McpServerDied` and ends the connection (the SDK stops and reaps
  the process); the next request starts a new one;
- a server that cannot be started raises :class:`McpStartError` with the reason.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import traceback
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from types import TracebackType
from typing import Any, Self

import anyio
import httpx2
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from mcp_types import CONNECTION_CLOSED, CallToolResult, Implementation
from pydantic import ValidationError

from core.tools.mcp.errors import (
    McpError,
    McpProtocolError,
    McpServerDied,
    McpStartError,
    McpStopped,
    McpTimeout,
)
from core.tools.mcp.servers import McpServer, ServerState, Transport
from core.tools.mcp.stderr import StderrPipe
from core.tools.spec import ToolSource, ToolSpec

log = logging.getLogger(__name__)

#: Variables a server gets from Prosa's environment besides the SDK's own short list
#: (PATH, HOME, USER, SHELL, TERM, LOGNAME; the Windows equivalents): the language and
#: temporary folders, nothing else.  Tokens in Prosa's environment (HF_TOKEN ...) stay
#: out; a server that needs a variable gets it from its own settings.
SAFE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "TMPDIR",
                  "TEMP", "TMP")
#: How long a connection may take to end (the SDK gives a stdio server 2 s to leave
#: after its stdin closes, then 2 s after SIGTERM before SIGKILL).
END_TIMEOUT_S = 15.0
#: How long a dead server's stderr may take to reach its end (a child of the server
#: that outlived it may hold it open).
STDERR_WAIT_S = 1.0
#: The most pages of tools read from one server: a server whose pages never end must
#: not hang the settings page.
MAX_TOOL_PAGES = 100


def server_environment(server: McpServer) -> dict[str, str]:
    """What the server's process gets besides the SDK's minimal environment."""
    inherited = {key: os.environ[key] for key in SAFE_VARIABLES if key in os.environ}
    return inherited | dict(server.env)


class McpConnection:
    """One server: started on first use, ended by :meth:`stop` or by its death.

    All methods are coroutines for the hub's loop (see :class:`core.tools.mcp.client.
    McpHub` for the blocking ones); ``state`` may be read from any thread.
    """

    def __init__(self, server: McpServer, start_timeout_s: float,
                 client_info: Implementation) -> None:
        self.server = server
        self.state = ServerState.STOPPED
        self._start_timeout_s = start_timeout_s
        self._client_info = client_info
        self._client: Client | None = None
        self._owner: asyncio.Task[None] | None = None
        self._scope: anyio.CancelScope | None = None
        self._done: anyio.Event | None = None
        self._lost = False
        self._stopping = False
        #: Each start's number, and the last one :meth:`stop` ended: a call that lost
        #: its connection knows whether the user stopped it or it died.
        self._generation = 0
        self._stopped_generation = -1
        self._start_lock: asyncio.Lock | None = None
        self._tools: tuple[ToolSpec, ...] | None = None
        self._stderr: StderrPipe | None = None
        self._pipes: list[StderrPipe] = []

    @property
    def name(self) -> str:
        return self.server.name

    async def ensure(self) -> Client:
        """The running client, starting the server if it is not running (or died)."""
        if self._start_lock is None:
            self._start_lock = asyncio.Lock()
        async with self._start_lock:
            if self._client is not None and not self._lost:
                return self._client
            await self._end()
            return await self._start()

    async def stop(self) -> None:
        """End the connection (and the server's process); calls in flight raise
        :class:`McpStopped`.  A later request starts it again."""
        self._stopping = True
        self._stopped_generation = self._generation
        await self._end()

    async def list_tools(self, timeout_s: float, refresh: bool = False) -> tuple[ToolSpec, ...]:
        client = await self.ensure()
        generation, stderr = self._generation, self._stderr
        if self._tools is not None and not refresh:
            return self._tools
        tools: list[ToolSpec] = []
        cursor: str | None = None
        try:
            with anyio.fail_after(timeout_s):
                for _ in range(MAX_TOOL_PAGES):
                    page = await client.list_tools(cursor=cursor)
                    tools += [ToolSpec(tool.name, tool.description or tool.title or "",
                                       dict(tool.input_schema), ToolSource.MCP, self.name)
                              for tool in page.tools]
                    cursor = page.next_cursor
                    if cursor is None:
                        break
        except Exception as error:
            raise await self._failure(error, generation, stderr, timeout_s) from None
        if self._client is client:
            self._tools = tuple(tools)
        return tuple(tools)

    async def call_tool(self, tool: str, arguments: Mapping[str, Any],
                        timeout_s: float) -> CallToolResult:
        client = await self.ensure()
        generation, stderr = self._generation, self._stderr
        try:
            with anyio.fail_after(timeout_s):
                return await client.call_tool(tool, dict(arguments))
        except Exception as error:
            raise await self._failure(error, generation, stderr, timeout_s) from None

    def join_stderr(self, timeout_s: float) -> None:
        """Wait for the stderr readers of ended processes (any thread but the loop's)."""
        for pipe in self._pipes:
            pipe.join(timeout_s)

    async def _failure(self, error: Exception, generation: int, stderr: StderrPipe | None,
                       timeout_s: float) -> McpError:
        """The coded error for a failed request on the connection ``generation``
        (whose server writes to ``stderr``)."""
        if isinstance(error, TimeoutError):
            return McpTimeout(self.name, timeout_s)
        if isinstance(error, MCPError) and error.code == CONNECTION_CLOSED:
            if self._stopped_generation == generation:
                return McpStopped(self.name)
            if self._generation == generation:
                # The stream may have broken on a write before the reader saw its end.
                self._lost = True
                if self._done is not None:
                    self._done.set()
                await self._wait_owner()
            log.warning("MCP server %r stopped during a request", self.name)
            if stderr is None:
                return McpServerDied(self.name)
            # Its last words (a traceback) may still be in the pipe: read to the end.
            deadline = anyio.current_time() + STDERR_WAIT_S
            while stderr.alive and anyio.current_time() < deadline:
                await anyio.sleep(0.01)
            return McpServerDied(self.name, None, stderr.tail())
        if isinstance(error, MCPError):
            return McpProtocolError(self.name, error.message, details=repr(error))
        if isinstance(error, ValidationError):
            return McpProtocolError(self.name, "the answer does not follow the protocol",
                                    details=str(error))
        if isinstance(error, McpError):
            return error
        log.exception("MCP server %r: a request failed", self.name, exc_info=error)
        return McpProtocolError(self.name, _describe(error), details=repr(error))

    async def _start(self) -> Client:
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[Client] = loop.create_future()
        self._lost = self._stopping = False
        self._generation += 1
        self._tools = None
        self._done = anyio.Event()
        self.state = ServerState.STARTING
        self._owner = loop.create_task(self._own(ready), name=f"mcp {self.name}")
        return await asyncio.shield(ready)

    async def _end(self) -> None:
        owner = self._owner
        if owner is None:
            return
        if self._done is not None:
            self._done.set()
        if self._client is None and self._scope is not None:
            self._scope.cancel()  # still starting
        await self._wait_owner()

    async def _wait_owner(self) -> None:
        owner = self._owner
        if owner is None or owner is asyncio.current_task():
            return
        # asyncio.wait, not await: a caller cancelled here must not cancel the owner
        # natively, which could cut the SDK's shielded clean-up short.
        await asyncio.wait({owner}, timeout=END_TIMEOUT_S)
        if not owner.done():
            log.error("MCP server %r did not end in %g s", self.name, END_TIMEOUT_S)
            owner.cancel()

    async def _own(self, ready: asyncio.Future[Client]) -> None:
        """The connection's lifetime, in one task: enter, serve, leave."""
        assert self._done is not None
        done, generation = self._done, self._generation
        stderr = self._stderr = StderrPipe(self.name) \
            if self.server.transport is Transport.STDIO else None
        if stderr is not None:
            self._pipes = [p for p in self._pipes if p.alive] + [stderr]
        try:
            with anyio.CancelScope() as scope:
                self._scope = scope
                scope.deadline = anyio.current_time() + self._start_timeout_s
                async with AsyncExitStack() as stack:
                    client = Client(await self._transport(stack, stderr, generation), cache=None,
                                    client_info=self._client_info)
                    try:
                        await stack.enter_async_context(client)
                    finally:
                        if stderr is not None:
                            stderr.close_writer()
                    scope.deadline = math.inf
                    self._client = client
                    self.state = ServerState.RUNNING
                    ready.set_result(client)
                    log.info("MCP server %r started", self.name)
                    await done.wait()
            if not ready.done():
                ready.set_exception(
                    McpStopped(self.name) if self._stopping else McpStartError(
                        self.name, f"no answer within {self._start_timeout_s:g} seconds",
                        details=stderr.tail() if stderr else ""))
        except Exception as error:
            if not ready.done():
                ready.set_exception(McpStartError(self.name, self._start_reason(error),
                                                  details=_details(error, stderr)))
            else:
                log.warning("MCP server %r: the connection ended: %s", self.name,
                            _describe(_leaf(error)))
                log.debug("MCP server %r: the connection's error", self.name, exc_info=error)
        finally:
            if stderr is not None:
                stderr.close_writer()
            if not ready.done():
                ready.cancel()
            self._client = None
            self._scope = None
            self._tools = None
            if self.state is ServerState.RUNNING:
                log.info("MCP server %r ended", self.name)
            self.state = ServerState.STOPPED

    async def _transport(self, stack: AsyncExitStack, stderr: StderrPipe | None,
                         generation: int) -> Any:
        server = self.server
        if server.transport is Transport.HTTP:
            http = await stack.enter_async_context(httpx2.AsyncClient(
                headers=dict(server.headers),
                timeout=httpx2.Timeout(30.0, read=300.0)))
            return self._watched(streamable_http_client(server.url, http_client=http),
                                 generation)
        assert stderr is not None
        if not server.command.strip():
            raise McpStartError(self.name, "no program to run")
        parameters = StdioServerParameters(command=server.command, args=list(server.args),
                                           env=server_environment(server))
        return self._watched(stdio_client(parameters, errlog=stderr.writer), generation)

    @asynccontextmanager
    async def _watched(self, transport: Any,
                       generation: int) -> AsyncIterator[tuple[Any, Any]]:
        """The transport's streams, with the read side telling us when it ends."""
        async with transport as (read, write):
            yield _WatchedRead(read, lambda: self._on_stream_end(generation)), write

    def _on_stream_end(self, generation: int) -> None:
        if generation != self._generation:
            return  # a connection that has already been replaced
        if not self._lost and not self._stopping and self._client is not None:
            log.warning("MCP server %r: its stream ended", self.name)
        self._lost = True
        if self._done is not None:
            self._done.set()

    def _start_reason(self, error: BaseException) -> str:
        leaf = _leaf(error)
        if isinstance(leaf, McpStartError):
            return leaf.reason
        if isinstance(leaf, FileNotFoundError) and self.server.transport is Transport.STDIO:
            return f"the program “{self.server.command}” was not found"
        if isinstance(leaf, PermissionError):
            return f"the program “{self.server.command}” may not be run"
        if isinstance(leaf, httpx2.HTTPError):
            return f"{self.server.url} could not be reached ({_describe(leaf)})"
        if isinstance(leaf, MCPError) and leaf.code == CONNECTION_CLOSED:
            return "the server ended before it was ready"
        return _describe(leaf)


class _WatchedRead:
    """A transport's read stream that calls ``on_end`` when the stream ends."""

    def __init__(self, inner: Any, on_end: Any) -> None:
        self._inner = inner
        self._on_end = on_end

    async def receive(self) -> Any:
        try:
            return await self._inner.receive()
        except (anyio.EndOfStream, anyio.ClosedResourceError, anyio.BrokenResourceError):
            self._on_end()
            raise

    async def aclose(self) -> None:
        await self._inner.aclose()

    def __getattr__(self, name: str) -> Any:
        # The rest of the stream's interface (``last_context``, which the dispatcher
        # reads from the HTTP transport's streams) is the inner stream's.
        return getattr(self._inner, name)

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> Any:
        try:
            return await self.receive()
        except anyio.EndOfStream:
            raise StopAsyncIteration from None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, value: BaseException | None,
                        tb: TracebackType | None) -> bool | None:
        await self.aclose()
        return None


def _leaf(error: BaseException) -> BaseException:
    """The first real error inside task groups' exception groups."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return error


def _describe(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _details(error: BaseException, stderr: StderrPipe | None) -> str:
    parts = ["".join(traceback.format_exception(error)).strip()]
    if stderr is not None and stderr.tail():
        parts.append("stderr:\n" + stderr.tail())
    return "\n\n".join(parts)

