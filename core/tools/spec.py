"""A tool as the model sees it: a name, what it does, and the JSON schema of its
arguments (OpenAI's function format, which chat templates and servers expect).

Where the tool comes from (built into Prosa, or an MCP server) is kept beside it, so a
call's card can say who ran it and the right runner is found; the model never sees it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

EMPTY_PARAMETERS: Mapping[str, Any] = {"type": "object", "properties": {}}


class ToolSource(StrEnum):
    BUILTIN = "builtin"
    MCP = "mcp"


@dataclass(frozen=True)
class ToolSpec:
    name: str
    description: str
    #: The JSON schema of the arguments (an object schema).
    parameters: Mapping[str, Any] = field(default_factory=lambda: dict(EMPTY_PARAMETERS))
    source: ToolSource = ToolSource.BUILTIN
    #: The MCP server's name (``source`` MCP); "" for built-in tools.
    server: str = ""

    def to_openai(self) -> dict[str, Any]:
        """The definition templates receive in ``tools`` (and servers in requests)."""
        return {"type": "function", "function": {
            "name": self.name, "description": self.description,
            "parameters": dict(self.parameters)}}

    @classmethod
    def from_openai(cls, data: Mapping[str, Any], source: ToolSource = ToolSource.BUILTIN,
                    server: str = "") -> ToolSpec:
        """A definition in OpenAI's format (``{"type": "function", "function": {...}}``
        or the bare function object), as a file or a request gives it.

        Raises ValueError naming what is wrong: the CLI and the API say it as it is.
        """
        function = data.get("function", data) if data.get("type", "function") == "function" \
            else None
        if not isinstance(function, Mapping):
            raise ValueError("a tool must be {'type': 'function', 'function': {...}}")
        name = function.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError("a tool needs a name")
        parameters = function.get("parameters", EMPTY_PARAMETERS)
        if not isinstance(parameters, Mapping):
            raise ValueError(f"the parameters of tool {name!r} must be a JSON schema object")
        description = function.get("description", "")
        return cls(name, description if isinstance(description, str) else "",
                   dict(parameters), source, server)
