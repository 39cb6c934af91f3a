"""Qwen's XML tool calls (Qwen3-Coder, Qwen3.5 and later): reasoning in ``<think>``,
then content and calls written as::

    <tool_call>
    <function=NAME>
    <parameter=P>
    VALUE
    </parameter>
    </function>
    </tool_call>

as Qwen3-Coder's chat template renders past calls (``'<parameter=' + name + '>\\n' +
value + '\\n</parameter>\\n'``, a non-string value written as JSON).  A value is text
in the output, so its type comes from the tools offered (the parameter's JSON Schema
``type``) when they say it, else it is JSON when it reads as JSON, else text; vLLM's
``qwen3_coder`` parser types the same way.  Models sometimes leave out the
``<tool_call>`` wrapper or a ``</parameter>``: both still read, as vLLM reads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from core.output.families import _calls
from core.output.families.think_calls import ThinkThenCalls
from core.output.types import Context, Family, ToolCall

FUNCTION = "<function="
PAIRS = {"<tool_call>": "</tool_call>", FUNCTION: "</function>"}
END = ("<|im_end|>", "<|endoftext|>")

_FUNCTION = re.compile(r"\s*<function=([^>\n]*)>(.*?)(?:</function>\s*|\Z)", re.DOTALL)
_PARAMETER = re.compile(r"<parameter=([^>\n]*)>(.*?)(?:</parameter>|(?=<parameter=)|\Z)",
                        re.DOTALL)


def read(inside: str, tools: Sequence[Mapping[str, Any]]) -> _calls.Read:
    """A ``<tool_call>`` block's calls, or a bare ``<function=`` block's (its inside
    then starts with the name)."""
    if not inside.lstrip().startswith(FUNCTION):
        inside = FUNCTION + inside + "</function>"
    calls: list[ToolCall] = []
    pos = 0
    while pos < len(inside) and inside[pos:].strip():
        match = _FUNCTION.match(inside, pos)
        if match is None:
            return "text outside the function"
        found = _read_function(match.group(1).strip(), match.group(2), tools)
        if isinstance(found, str):
            return found
        calls.append(found)
        pos = match.end()
    return tuple(calls) if calls else "no function in the call"


def _read_function(name: str, body: str, tools: Sequence[Mapping[str, Any]]) -> ToolCall | str:
    if not name:
        return "the call has no function name"
    types = _calls.parameter_types(tools, name)
    arguments: dict[str, Any] = {}
    pos = 0
    for match in _PARAMETER.finditer(body):
        if body[pos:match.start()].strip():
            return "text between the parameters"
        key = match.group(1).strip()
        if not key:
            return "a parameter has no name"
        arguments[key] = _calls.typed(_value(match.group(2)), types.get(key))
        pos = match.end()
    if body[pos:].strip():
        return "text between the parameters"
    return ToolCall(name, arguments)


def _value(text: str) -> str:
    """The value as written: the template puts it on lines of its own."""
    if text.startswith("\n"):
        text = text[1:]
    if text.endswith("\n"):
        text = text[:-1]
    return text


def _reader(context: Context) -> Callable[[str], _calls.Read]:
    """Parameters are typed from the tools offered."""
    return lambda inside: read(inside, context.tools)


PARSER = ThinkThenCalls(Family.QWEN_XML, PAIRS, _reader, END, "\n</think>\n\n")
