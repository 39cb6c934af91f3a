"""What the user lets the model do with tools, and how a reply's shape is constrained.

Plain values (no llama.cpp, no Qt), so the window, the CLI, the settings and the
engine process name them alike; the engine turns them into grammars
(``core.engine.llama.grammar``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ToolChoiceMode(StrEnum):
    """OpenAI's ``tool_choice``: the values are the CLI's ``--tool-choice`` words."""

    #: The model decides whether to call a tool (a lazy grammar keeps a call it starts
    #: well formed).
    AUTO = "auto"
    #: The model must call one of the tools offered (its output is constrained to a call).
    REQUIRED = "required"
    #: The tools are described to the model but it may not call them.
    NONE = "none"
    #: The model must call the tool named in :attr:`ToolChoice.name`.
    NAMED = "named"


@dataclass(frozen=True)
class ToolChoice:
    mode: ToolChoiceMode = ToolChoiceMode.AUTO
    #: The tool's name, for :attr:`ToolChoiceMode.NAMED` only.
    name: str | None = None

    @property
    def forces_call(self) -> bool:
        """Whether the reply must be a call (decoding is constrained from its start, or
        from the end of the reasoning for a reasoning model)."""
        return self.mode in (ToolChoiceMode.REQUIRED, ToolChoiceMode.NAMED)

    @classmethod
    def parse(cls, word: str) -> ToolChoice:
        """``auto``, ``required``, ``none`` or a tool's name (the CLI's and the API's
        spelling)."""
        try:
            mode = ToolChoiceMode(word)
        except ValueError:
            return cls(ToolChoiceMode.NAMED, word)
        if mode is ToolChoiceMode.NAMED:
            raise ValueError("name the tool itself")
        return cls(mode)


@dataclass(frozen=True)
class OutputConstraint:
    """A reply's required shape: a JSON schema, or a raw GBNF grammar (one of them)."""

    json_schema: Mapping[str, Any] | None = field(default=None)
    grammar: str | None = None

    def __post_init__(self) -> None:
        if (self.json_schema is None) == (self.grammar is None):
            raise ValueError("an output constraint is a JSON schema or a grammar")

    def to_dict(self) -> dict[str, Any]:
        if self.json_schema is not None:
            return {"json_schema": dict(self.json_schema)}
        return {"grammar": self.grammar}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> OutputConstraint | None:
        """As stored with a conversation; anything unreadable is no constraint (a file
        changed by hand must not stop a conversation from opening)."""
        if not isinstance(data, Mapping):
            return None
        schema, grammar = data.get("json_schema"), data.get("grammar")
        if isinstance(schema, Mapping) and grammar is None:
            return cls(json_schema=dict(schema))
        if isinstance(grammar, str) and grammar.strip() and schema is None:
            return cls(grammar=grammar)
        return None


@dataclass(frozen=True)
class ToolOffer:
    """What a request offers the model: tools (OpenAI's function format), whether it
    may or must call them, and the reply's shape.  One value through the engine seam,
    so every engine (local, scripted, remote) takes it the same way."""

    tools: tuple[Mapping[str, Any], ...] = ()
    choice: ToolChoice = field(default_factory=ToolChoice)
    constraint: OutputConstraint | None = None

    def request_fields(self, *, replying: bool) -> dict[str, Any]:
        """The fields of a prompt request: every request renders the tools (a count
        and an inspection see the prompt a reply would); only a reply is constrained."""
        if not replying:
            return {"tools": self.tools}
        return {"tools": self.tools, "tool_choice": self.choice,
                "constraint": self.constraint}


def offer_fields(offer: ToolOffer | None, *, replying: bool) -> dict[str, Any]:
    return (offer or ToolOffer()).request_fields(replying=replying)
