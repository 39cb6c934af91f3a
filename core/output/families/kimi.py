"""Kimi K2 and K2-Thinking: ``<think>`` reasoning, then an answer whose tool calls sit
in a section of their own tokens::

    <|tool_calls_section_begin|><|tool_call_begin|>functions.NAME:0
    <|tool_call_argument_begin|>{json}<|tool_call_end|><|tool_calls_section_end|>

(the official template, ``moonshotai/Kimi-K2-Thinking``'s ``render_toolcalls``, and
vLLM ``kimi_k2_tool_parser.py``).  The call's id is ``functions.NAME:INDEX``: kept as
:attr:`ToolCall.id` (the template writes it back with the tool's result, "## Return of
{id}"), the name is ``NAME``.  A call whose id is not ``functions.NAME:INDEX`` is
not read (given back as text): llama.cpp's grammar for Kimi asks for the same shape,
and vLLM's tests reject ``functions.name.0``.  vLLM also accepts the section's singular spelling
``<|tool_call_section_begin|>``; so does this parser.

K2-Thinking writes ``<think>…</think>`` first (earlier assistant turns are rendered
with an empty ``<think></think>``); the generation prompt
``<|im_assistant|>assistant<|im_middle|>`` does not open it.  Kimi sometimes writes
``(no content)`` as the text of a reply that only calls: that placeholder is not
content (vLLM's ``kimi_k2_reasoning_parser.py`` drops it too).
"""

from __future__ import annotations

from core.output.families import _calls
from core.output.families.think_calls import ThinkThenCalls, fixed
from core.output.types import Family, ToolCall

SECTION = ("<|tool_calls_section_begin|>", "<|tool_calls_section_end|>")
PAIRS = {SECTION[0]: SECTION[1],
         "<|tool_call_section_begin|>": "<|tool_call_section_end|>"}
CALL = ("<|tool_call_begin|>", "<|tool_call_end|>")
ARGS = "<|tool_call_argument_begin|>"
END = ("<|im_end|>", "(no content)")


def read(inside: str) -> _calls.Read:
    """A section's calls, in order."""
    return _calls.read_section(inside, CALL, _read_call)


def _read_call(text: str) -> ToolCall | str:
    head, sep, rest = text.partition(ARGS)
    if not sep:
        return "no arguments"
    ident = head.strip()
    name, colon, index = ident.rpartition(":")
    name = name.removeprefix("functions.")
    if not colon or not index.isdigit() or not name:
        return "the call's id is not functions.NAME:INDEX"
    arguments = _calls.json_arguments(rest)
    if isinstance(arguments, str):
        return arguments
    return ToolCall(name, arguments, ident)


PARSER = ThinkThenCalls(Family.KIMI, PAIRS, fixed(read), END, "</think>")
