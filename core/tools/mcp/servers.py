"""The MCP servers the user added: how each is reached.

A server runs only because the user added it here and turned it on: its command line
is the user's, never anything a model wrote.  Headers and environment may hold secrets
(an API token): they stay in the user's config folder with the file's permissions
limited to the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ServerState(StrEnum):
    """Whether a server's process runs (``core.tools.mcp.client.McpHub.state``)."""

    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"


class Transport(StrEnum):
    #: A program Prosa starts, speaking MCP on its stdin and stdout.
    STDIO = "stdio"
    #: A server at a URL, over MCP's streamable HTTP transport.
    HTTP = "http"


@dataclass(frozen=True)
class McpServer:
    #: The name the user gave it: unique, shown on every card of its tools.
    name: str
    transport: Transport = Transport.STDIO
    #: STDIO: the program and its arguments, and extra environment variables.
    command: str = ""
    args: tuple[str, ...] = ()
    env: Mapping[str, str] = field(default_factory=dict)
    #: HTTP: the endpoint and extra headers (``Authorization`` ...).
    url: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    #: Seconds a call may take before it is given up.
    timeout_s: float = 30.0
    enabled: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "transport": self.transport.value,
                "command": self.command, "args": list(self.args), "env": dict(self.env),
                "url": self.url, "headers": dict(self.headers),
                "timeout_s": self.timeout_s, "enabled": self.enabled}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> McpServer:
        """As stored.  Raises ValueError naming what is wrong (the list skips that
        entry and says so)."""
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError("a server needs a name")
        transport = Transport(data.get("transport", Transport.STDIO))

        def strings(key: str) -> dict[str, str]:
            value = data.get(key) or {}
            if not isinstance(value, Mapping):
                raise ValueError(f"{key} must be an object of strings")
            return {str(k): str(v) for k, v in value.items()}

        args = data.get("args") or []
        if not isinstance(args, list | tuple):
            raise ValueError("args must be a list")
        timeout = data.get("timeout_s", 30.0)
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            timeout = 30.0
        return cls(name.strip(), transport, str(data.get("command", "")),
                   tuple(str(a) for a in args), strings("env"), str(data.get("url", "")),
                   strings("headers"), float(timeout), bool(data.get("enabled", True)))
