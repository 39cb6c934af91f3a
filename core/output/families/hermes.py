"""Hermes-style output (Qwen2.5, Qwen3, QwQ, Hermes 2/3, SmolLM3): reasoning in
``<think>``…``</think>``, then content and calls written as
``<tool_call>\\n{"name": ..., "arguments": {...}}\\n</tool_call>`` (one or several).

The format is the one these models' chat templates render for past calls (Qwen3's
``'\\n<tool_call>\\n{"name": "' + name + '", "arguments": ' + args | tojson +
'}\\n</tool_call>'``); vLLM's ``hermes`` tool parser and llama.cpp's Hermes 2 Pro
handler read the same.  The walk over content and call blocks (and what happens to a
block that is malformed, unclosed or cut off) is the one all block families share
(``_calls``).
"""

from __future__ import annotations

from typing import Any

from core.output.families import _calls
from core.output.families.think_calls import ThinkThenCalls, fixed
from core.output.markers import json_object
from core.output.types import Family, ToolCall

PAIRS = {"<tool_call>": "</tool_call>"}
#: End-of-turn tokens an engine may pass through; never content.
END = ("<|im_end|>", "<|endoftext|>")


def read_json_call(inside: str) -> _calls.Read:
    """``{"name": ..., "arguments": {...}}`` as a call; ``arguments`` may also be
    spelled ``parameters``, or be a JSON string of an object (Qwen's templates write a
    string argument as is), as models write them."""
    value = json_object(inside.strip())
    if value is None:
        return "the call is not a JSON object"
    name = value.get("name")
    if not isinstance(name, str) or not name:
        return "the call has no function name"
    arguments: Any = value.get("arguments", value.get("parameters", {}))
    if isinstance(arguments, str):
        arguments = _calls.json_arguments(arguments) if arguments.strip() else {}
    if not isinstance(arguments, dict):
        return arguments if isinstance(arguments, str) else "the arguments are not an object"
    call_id = value.get("id")
    return (ToolCall(name, arguments, call_id if isinstance(call_id, str) else None),)


PARSER = ThinkThenCalls(Family.HERMES, PAIRS, fixed(read_json_call), END, "\n</think>\n\n")
