"""Hermes-style output (Qwen2.5, Qwen3, QwQ, Hermes 2/3, SmolLM3): reasoning in
``<think>``…``</think>``, then content and calls written as
``<tool_call>\\n{"name": ..., "arguments": {...}}\\n</tool_call>`` (one or several).

The format is the one these models' chat templates render for past calls (Qwen3's
``'\\n<tool_call>\\n{"name": "' + name + '", "arguments": ' + args | tojson +
'}\\n</tool_call>'``); vLLM's ``hermes`` tool parser and llama.cpp's Hermes 2 Pro
handler read the same.
"""

from __future__ import annotations

from typing import Any

from core.output.families import think
from core.output.families.blocks import Blocks
from core.output.markers import json_object
from core.output.types import Context, Family, Finish, Parsed, Partial, ToolCall


def read_json_call(body: str, context: Context) -> ToolCall | None:
    """``{"name": ..., "arguments": {...}}`` as a call; ``arguments`` may also be
    spelled ``parameters``, or be a JSON string of an object, as some models write."""
    value = json_object(body.strip())
    if value is None:
        return None
    name = value.get("name")
    if not isinstance(name, str) or not name:
        return None
    arguments: Any = value.get("arguments", value.get("parameters", {}))
    if isinstance(arguments, str):
        arguments = json_object(arguments) if arguments.strip() else {}
    if not isinstance(arguments, dict):
        return None
    call_id = value.get("id")
    return ToolCall(name, arguments, call_id if isinstance(call_id, str) else None)


BLOCKS = Blocks(Family.HERMES, "<tool_call>", "</tool_call>", read_json_call)


class HermesParser:
    family = Family.HERMES

    def __init__(self, blocks: Blocks = BLOCKS) -> None:
        self.blocks = blocks
        self.family = blocks.family

    def parse(self, text: str, finish: Finish, context: Context) -> Parsed:
        split = think.split(text, context, finish)
        answer = self.blocks.parse(split.answer, finish, context)
        return Parsed(answer.content, split.reasoning, answer.calls, answer.notes)

    def partial(self, text: str, context: Context) -> Partial:
        return think.partial(text, context, lambda a: self.blocks.shown(a, context))

    def opens_reasoning(self, prompt_tail: str) -> bool:
        return think.opens(prompt_tail)

    def reasoning_close(self) -> str:
        return "\n</think>\n\n"


PARSER = HermesParser()
