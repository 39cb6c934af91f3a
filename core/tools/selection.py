"""What one conversation lets the model use: the tools turned on, the files it may read,
how it must call them, and the shape its reply must take.

Kept with the conversation (``to_dict``), shown and edited by the tools panel
(``ui.tools.tools_panel``), and read by whoever builds the request.  Choices naming a
tool that is not available now (an MCP server not started yet, a built-in tool a later
version renamed) are kept, not dropped: the server's tools come back when it starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from core.tools.choice import OutputConstraint, ToolChoice, ToolChoiceMode

#: The bounds of the calls one reply may make, and the default.
MAX_CALLS_RANGE = (1, 50)
DEFAULT_MAX_CALLS = 8
#: The built-in tool that reads a file the user picked (its files are
#: :attr:`ToolsState.picked_files`; the model never names a path).
READ_FILE_TOOL = "read_text_file"


@dataclass(frozen=True)
class ToolsState:
    #: The master switch: no tool is offered while it is off (the choices are kept).
    enabled: bool = False
    #: Built-in tools turned on, by name.
    builtin: frozenset[str] = frozenset()
    #: MCP tools turned on: (server name, tool name).
    mcp: frozenset[tuple[str, str]] = frozenset()
    #: The files the read-a-text-file tool may read (absolute paths the user picked).
    picked_files: tuple[str, ...] = ()
    choice: ToolChoice = field(default_factory=ToolChoice)
    #: The most tool calls one reply may make before it must answer.
    max_calls: int = DEFAULT_MAX_CALLS
    #: The reply's shape (a JSON schema or a grammar), None for free text.
    constraint: OutputConstraint | None = None

    @property
    def active(self) -> bool:
        """Whether any tool is offered to the model."""
        return self.enabled and bool(self.builtin or self.mcp)

    def to_dict(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled, "builtin": sorted(self.builtin),
            "mcp": [list(pair) for pair in sorted(self.mcp)],
            "picked_files": list(self.picked_files),
            "choice": {"mode": self.choice.mode.value, "name": self.choice.name},
            "max_calls": self.max_calls,
            "constraint": None if self.constraint is None else self.constraint.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> ToolsState:
        """As stored; each part that cannot be read falls back to its default on its
        own (a file changed by hand must not stop a conversation from opening, nor lose
        the parts that are fine)."""
        if not isinstance(data, Mapping):
            return cls()
        enabled = data.get("enabled")
        return cls(
            enabled=enabled if isinstance(enabled, bool) else False,
            builtin=frozenset(_strings(data.get("builtin"))),
            mcp=frozenset(_pairs(data.get("mcp"))),
            picked_files=tuple(dict.fromkeys(_strings(data.get("picked_files")))),
            choice=_choice(data.get("choice")),
            max_calls=_max_calls(data.get("max_calls")),
            constraint=OutputConstraint.from_dict(data.get("constraint")))


def _strings(value: object) -> Iterable[str]:
    if not isinstance(value, list | tuple):
        return ()
    return (item for item in value if isinstance(item, str) and item)


def _pairs(value: object) -> Iterable[tuple[str, str]]:
    if not isinstance(value, list | tuple):
        return ()
    return ((item[0], item[1]) for item in value
            if isinstance(item, list | tuple) and len(item) == 2
            and all(isinstance(part, str) and part for part in item))


def _choice(value: object) -> ToolChoice:
    if not isinstance(value, Mapping):
        return ToolChoice()
    try:
        mode = ToolChoiceMode(value.get("mode", ToolChoiceMode.AUTO.value))
    except ValueError:
        return ToolChoice()
    name = value.get("name")
    if mode is ToolChoiceMode.NAMED:
        return ToolChoice(mode, name) if isinstance(name, str) and name else ToolChoice()
    return ToolChoice(mode)


def _max_calls(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        return DEFAULT_MAX_CALLS
    low, high = MAX_CALLS_RANGE
    return max(low, min(high, value))
