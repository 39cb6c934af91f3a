"""A streamed chat completion, put back together chunk by chunk.

Each server-sent event of ``/chat/completions`` carries a delta: answer text
(``content``), reasoning (``reasoning_content`` from llama-server and DeepSeek,
``reasoning`` from vLLM and Ollama), pieces of tool calls (an id and a name first,
then the arguments' JSON a few characters at a time, by ``index``), and at the end a
``finish_reason`` and, when asked for, the token ``usage``.  :class:`ReplyAssembly`
keeps what arrived, so a stream that breaks off keeps every character already shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from core.errors import Problem
from core.output.types import ToolCall

#: What a call with arguments that are not a JSON object becomes: a note, and its
#: text kept (the model's words are never dropped silently).
BAD_CALL = Problem.of("remote.bad_call", "The server sent a call of “{name}” whose "
                                         "arguments are not a JSON object; it was kept "
                                         "as text.")


@dataclass
class _CallParts:
    id: str | None = None
    name: str = ""
    arguments: str = ""


@dataclass(frozen=True)
class Delta:
    """What one chunk added."""

    text: str = ""
    reasoning: str = ""
    #: The chunk carried generated output (one token, on the servers Prosa knows).
    token: bool = False


@dataclass
class ReplyAssembly:
    text: str = ""
    reasoning: str = ""
    finish_reason: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    #: Output chunks seen: the token count when the server sends no usage.
    chunks: int = 0
    #: Of those, the chunks that carried reasoning only.
    reasoning_chunks: int = 0
    #: Timings some servers add (llama-server's ``timings``), as they sent them.
    timings: dict[str, Any] = field(default_factory=dict)
    _calls: dict[int, _CallParts] = field(default_factory=dict)

    def feed(self, data: Any) -> Delta:
        """Take one event's JSON; raises ``ValueError`` for one that is not a chunk."""
        if not isinstance(data, dict):
            raise ValueError("an event that is not a JSON object")
        usage = data.get("usage")
        if isinstance(usage, dict):
            self.prompt_tokens = _count(usage.get("prompt_tokens"), self.prompt_tokens)
            self.completion_tokens = _count(usage.get("completion_tokens"),
                                            self.completion_tokens)
        if isinstance(data.get("timings"), dict):
            self.timings = data["timings"]
        choices = data.get("choices")
        if not isinstance(choices, list):
            if usage is None and "timings" not in data:
                raise ValueError("a chunk without choices")
            return Delta()
        if not choices:
            return Delta()
        choice = choices[0]
        if not isinstance(choice, dict):
            raise ValueError("a choice that is not a JSON object")
        if isinstance(choice.get("finish_reason"), str):
            self.finish_reason = choice["finish_reason"]
        delta = choice.get("delta") or choice.get("message") or {}
        if not isinstance(delta, dict):
            raise ValueError("a delta that is not a JSON object")
        text = _text(delta.get("content"))
        reasoning = _text(delta.get("reasoning_content")) or _text(delta.get("reasoning"))
        calls = delta.get("tool_calls")
        if isinstance(calls, list):
            for number, call in enumerate(calls):
                self._feed_call(number, call)
        self.text += text
        self.reasoning += reasoning
        token = bool(text or reasoning or calls)
        self.chunks += token
        self.reasoning_chunks += bool(reasoning and not text)
        return Delta(text, reasoning, token)

    def _feed_call(self, number: int, call: Any) -> None:
        if not isinstance(call, dict):
            return
        index = call.get("index", number)
        parts = self._calls.setdefault(index if isinstance(index, int) else number,
                                       _CallParts())
        if isinstance(call.get("id"), str) and call["id"]:
            parts.id = call["id"]
        function = call.get("function")
        if isinstance(function, dict):
            parts.name += _text(function.get("name"))
            arguments = function.get("arguments")
            if isinstance(arguments, dict):
                parts.arguments = json.dumps(arguments)
            else:
                parts.arguments += _text(arguments)

    def tool_calls(self) -> tuple[tuple[ToolCall, ...], tuple[Problem, ...], str]:
        """The calls that arrived whole; notes and text for those that did not."""
        calls: list[ToolCall] = []
        notes: list[Problem] = []
        spilled = ""
        for _, parts in sorted(self._calls.items()):
            try:
                arguments = json.loads(parts.arguments or "{}")
            except ValueError:
                arguments = None
            if not parts.name or not isinstance(arguments, dict):
                notes.append(Problem.of(BAD_CALL.code, BAD_CALL.template,
                                        name=parts.name or "?"))
                spilled += f"\n{parts.name}({parts.arguments})"
                continue
            calls.append(ToolCall(parts.name, arguments, parts.id))
        return tuple(calls), tuple(notes), spilled

    @property
    def tokens(self) -> int:
        return self.completion_tokens if self.completion_tokens is not None else self.chunks


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _count(value: Any, previous: int | None) -> int | None:
    return value if isinstance(value, int) and value >= 0 else previous
