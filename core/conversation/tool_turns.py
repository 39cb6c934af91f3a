"""Tool calls and results as chat templates read them (OpenAI's message shape).

A reply that called tools becomes ``{"role": "assistant", "content": ...,
"tool_calls": [{"id", "type": "function", "function": {"name", "arguments"}}]}`` and
each result ``{"role": "tool", "tool_call_id", "name", "content"}``: the shape
transformers and every tool-capable template expect.  Arguments stay a JSON object
(templates write them with ``tojson``); ids are Prosa's when the model gave none, so a
result always names its call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.conversation.types import Message, Role
from core.output.types import ToolCall
from core.tools.runs import ToolRun


def call_id(call: ToolCall, reply_id: int | None, number: int) -> str:
    """The call's id: the model's own, or one made from the reply and its position
    (stable, so a conversation renders the same prompt every time)."""
    return call.id or f"call_{reply_id or 0}_{number}"


def with_ids(calls: Sequence[ToolCall], reply_id: int | None) -> tuple[ToolCall, ...]:
    return tuple(ToolCall(c.name, c.arguments, call_id(c, reply_id, n))
                 for n, c in enumerate(calls))


def assistant_turn(content: str, calls: Sequence[ToolCall], reasoning: str = "") -> Message:
    turn: Message = {"role": Role.ASSISTANT.value, "content": content,
                     "tool_calls": [_call(c) for c in calls]}
    if reasoning:
        turn["reasoning_content"] = reasoning
    return turn


def tool_turn(run: ToolRun) -> Message:
    return {"role": Role.TOOL.value, "tool_call_id": run.call_id, "name": run.name,
            "content": run.result}


def _call(call: ToolCall) -> dict[str, Any]:
    return {"id": call.id or "", "type": "function",
            "function": {"name": call.name, "arguments": dict(call.arguments)}}
