"""What can go wrong with an MCP server, as coded problems the window translates.

Each failure a caller must treat differently has its own class: a tool that reported
an error (its text goes back to the model), a call that took too long (the server may
still be fine), a server that stopped (it is started again on the next call), and a
server that could not be started at all (the user must fix its settings).  Each code
is raised in one place, with one English template (``tests/ui/test_error_texts``).
"""

from __future__ import annotations

from core.errors import ProsaError
from core.tools.problems import ToolTimeout


class McpError(ProsaError):
    """Anything an MCP server or its connection did wrong."""


class McpToolError(McpError):
    """The tool ran and answered with an error result (MCP's ``isError``).

    ``text`` is what it said: the model is told so, to correct itself."""

    def __init__(self, server: str, tool: str, text: str) -> None:
        super().__init__("mcp.tool_error", "The tool “{tool}” reported an error: {text}",
                         server=server, tool=tool, text=text)
        self.text = text


class McpTimeout(McpError, ToolTimeout):
    """The server did not answer in time; the call was cancelled, the connection kept.
    A :class:`ToolTimeout` too, so the toolbox ends the call as timed out."""

    def __init__(self, server: str, seconds: float) -> None:
        super().__init__("mcp.timeout",
                         "The MCP server “{server}” did not answer within {seconds:g} seconds.",
                         server=server, seconds=seconds)


class McpServerDied(McpError):
    """The server's process ended (or its stream closed) while a call waited for it.

    ``exit_code`` is the process's exit status when known: the SDK's stdio transport
    does not expose its process, so it is ``None`` there.  ``details`` holds the last
    lines the server wrote to its stderr."""

    def __init__(self, server: str, exit_code: int | None = None, details: str = "") -> None:
        super().__init__("mcp.server_died",
                         "The MCP server “{server}” stopped unexpectedly; it will be "
                         "started again on the next call.",
                         details=details, server=server, exit_code=exit_code)
        self.exit_code = exit_code


class McpStopped(McpError):
    """The server was stopped (by the user, or because its settings changed) while a
    call waited for it."""

    def __init__(self, server: str) -> None:
        super().__init__("mcp.stopped",
                         "The MCP server “{server}” was stopped before the call finished.",
                         server=server)


class McpStartError(McpError):
    """The server could not be started or reached: a program that is not there, a URL
    nobody answers, a handshake that failed.  ``reason`` is in English (the system's
    words, such as "No such file or directory")."""

    def __init__(self, server: str, reason: str, details: str = "") -> None:
        super().__init__("mcp.start_failed",
                         "The MCP server “{server}” could not be started: {reason}",
                         details=details, server=server, reason=reason)
        self.reason = reason


class McpProtocolError(McpError):
    """The server answered a request with an MCP error (not a tool's error result):
    an unknown method, arguments it refused, a malformed answer."""

    def __init__(self, server: str, reason: str, details: str = "") -> None:
        super().__init__("mcp.protocol",
                         "The MCP server “{server}” answered with an error: {reason}",
                         details=details, server=server, reason=reason)


class McpServerOff(McpError):
    """The user turned this server off: nothing of it runs."""

    def __init__(self, server: str) -> None:
        super().__init__("mcp.server_off", "The MCP server “{server}” is turned off.",
                         server=server)


class McpUnknownServer(McpError):
    """No server of that name was added."""

    def __init__(self, name: str) -> None:
        super().__init__("mcp.missing", "There is no MCP server named “{name}”.", name=name)
