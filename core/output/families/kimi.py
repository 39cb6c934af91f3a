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

from core.output.families import _calls, think
from core.output.types import Context, Family, Finish, Parsed, Partial, ToolCall

SECTION = ("<|tool_calls_section_begin|>", "<|tool_calls_section_end|>")
PAIRS = {SECTION[0]: SECTION[1],
         "<|tool_call_section_begin|>": "<|tool_call_section_end|>"}
CALL = ("<|tool_call_begin|>", "<|tool_call_end|>")
ARGS = "<|tool_call_argument_begin|>"
END = ("<|im_end|>", "(no content)")


def read(inside: str) -> _calls.Read:
    """A section's calls, in order."""
    calls: list[ToolCall | _calls.Bad] = []
    pos = 0
    while inside[pos:].strip():
        start = inside.find(CALL[0], pos)
        if start < 0 or inside[pos:start].strip():
            return "text between the calls"
        end = inside.find(CALL[1], start)
        if end < 0:
            return "a call was not closed"
        found = _read_call(inside[start + len(CALL[0]):end])
        raw = inside[start:end + len(CALL[1])]
        calls.append(_calls.Bad(raw, found) if isinstance(found, str) else found)
        pos = end + len(CALL[1])
    return tuple(calls) if calls else "no call in the section"


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


class KimiParser:
    family = Family.KIMI

    def parse(self, text: str, finish: Finish, context: Context) -> Parsed:
        split = think.split(text, context, finish)
        answer = _calls.walk(split.answer, PAIRS, read, finish, END)
        return Parsed(answer.content, split.reasoning, answer.calls, answer.notes)

    def partial(self, text: str, context: Context) -> Partial:
        return think.partial(text, context, lambda a: _calls.shown(a, PAIRS, read, END))

    def opens_reasoning(self, prompt_tail: str) -> bool:
        return think.opens(prompt_tail)

    def reasoning_close(self) -> str:
        return "</think>"


PARSER = KimiParser()
