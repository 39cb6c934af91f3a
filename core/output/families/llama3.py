"""Llama 3.1–4 output: an answer, with calls written as JSON objects.

Llama's templates ask for calls as ``{"name": NAME, "parameters": {...}}`` (models
also write ``arguments``, or lead with ``"type": "function"``), several separated by
``;``, possibly after ``<|python_tag|>``; built-in tools are called as
``<|python_tag|>brave_search.call(query="...")`` and the code interpreter as
``<|python_tag|>`` followed by Python code (a call named ``python`` with
``{"code": ...}``, as llama.cpp names it).  The turn ends with ``<|eom_id|>`` (a
built-in call waits for its result) or ``<|eot_id|>``: neither is ever content.

No marker opens a JSON call, so a call is a JSON object that starts like one
(``{"name":`` or ``{"type":``) and reads as one; vLLM's ``llama3_json`` parser finds
them in the text the same way, and the text around them is content, verbatim.  JSON
that is not shaped like a call stays content (a model asked for JSON).  While the
output streams, text from a ``{`` that may start a call is held back until the object
is complete.  A call that starts but never completes is given back as text with a
note at a normal stop, and dropped with a note when max tokens cut it; so is code
after ``<|python_tag|>`` that max tokens cut.  There is no reasoning.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from typing import Any

from core.errors import Problem
from core.output.families import _calls
from core.output.markers import held_back, json_object
from core.output.types import Context, Family, Finish, Parsed, Partial, ToolCall

TAG = "<|python_tag|>"
END = ("<|eom_id|>", "<|eot_id|>", "<|end_of_text|>")
_START = re.compile(r'\{\s*"(?:name|type)"\s*:')
_STARTS = ('{"name":', '{"type":')
_KEYS = {"name", "parameters", "arguments", "type", "id"}
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class _Walk:
    content: str
    calls: tuple[ToolCall, ...] = ()
    notes: tuple[Problem, ...] = ()


def _clean(text: str) -> str:
    for marker in END:
        text = text.replace(marker, "")
    return text


def _call(value: Any) -> ToolCall | None:
    """A decoded object as a call, or None when it is not shaped like one."""
    if not isinstance(value, dict) or not set(value) <= _KEYS:
        return None
    name = value.get("name")
    arguments: Any = value.get("parameters", value.get("arguments", {}))
    if isinstance(arguments, str):
        arguments = json_object(arguments) if arguments.strip() else {}
    if not isinstance(name, str) or not name or not isinstance(arguments, dict):
        return None
    return ToolCall(name, arguments)


def _walk(text: str, finish: Finish | None) -> _Walk:
    """Content and JSON calls of ``text``; ``finish`` None for a live text (then the
    content is what may be shown now)."""
    parts: list[str] = []
    calls: list[ToolCall] = []
    notes: list[Problem] = []
    pos = skip = 0
    lead = len(text) - len(text.lstrip())
    if text.startswith("{", lead) and not _START.match(text, lead):
        # An answer that is JSON (``{"result": ...}``, or a call with its keys in
        # another order): whole, it is one thing; unfinished, nothing of it is sure.
        try:
            value, end = _DECODER.raw_decode(text, lead)
        except (ValueError, RecursionError):
            if finish is None:
                return _Walk("")
        else:
            call = _call(value)
            if call is not None:
                calls.append(call)
                pos = end
            skip = end
    for match in _START.finditer(text):
        start = match.start()
        if start < max(pos, skip):
            continue
        try:
            value, end = _DECODER.raw_decode(text, start)
        except (ValueError, RecursionError):
            parts.append(text[pos:start])
            if finish is Finish.STOP:
                parts.append(text[start:])
                notes.append(_calls.malformed("the call is not complete JSON"))
            elif finish is Finish.LENGTH:
                notes.append(_calls.cut_call())
            return _Walk("".join(parts).rstrip(), tuple(calls), tuple(notes))
        call = _call(value)
        if call is None:
            skip = end  # JSON the model answered with; objects inside it are its own
            continue
        parts.append(text[pos:start])
        calls.append(call)
        pos = end
        after = text[pos:].lstrip()
        if after.startswith(";"):  # the separator of parallel calls, and its spaces
            pos = len(text) - len(after[1:].lstrip())
    tail = text[pos:]
    if finish is None:
        brace = tail.rfind("{")
        if brace >= 0 and any(s.startswith(re.sub(r"\s", "", tail[brace:])) for s in _STARTS):
            tail = tail[:brace]
    parts.append(tail)
    return _Walk("".join(parts).rstrip(), tuple(calls), tuple(notes))


def read_builtin(code: str) -> ToolCall | None:
    """``brave_search.call(query="...")`` (a built-in tool) as a call, else None."""
    try:
        tree = ast.parse(code.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    node = tree.body
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "call" and isinstance(node.func.value, ast.Name)
            and not node.args):
        return None
    arguments: dict[str, Any] = {}
    for keyword in node.keywords:
        if keyword.arg is None:
            return None
        try:
            arguments[keyword.arg] = ast.literal_eval(keyword.value)
        except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
            return None
    return ToolCall(node.func.value.id, arguments)


class Llama3Parser:
    family = Family.LLAMA3

    def parse(self, text: str, finish: Finish, context: Context) -> Parsed:
        text = _clean(text)
        at = text.find(TAG)
        head = _walk(text if at < 0 else text[:at], finish)
        if at < 0:
            return Parsed(head.content or None, None, head.calls, head.notes)
        body = text[at + len(TAG):]
        if body.lstrip().startswith("{"):
            tail = _walk(body.lstrip(), finish)
        elif not body.strip():
            tail = _Walk("")
        elif finish is Finish.LENGTH:
            tail = _Walk("", notes=(_calls.cut_call(),))
        else:
            code = read_builtin(body) or ToolCall("python", {"code": body.strip()})
            tail = _Walk("", (code,))
        content = head.content + ("\n" if head.content and tail.content else "") + tail.content
        return Parsed(content or None, None, head.calls + tail.calls, head.notes + tail.notes)

    def partial(self, text: str, context: Context) -> Partial:
        text = _clean(text[:held_back(text, [TAG, *END])])
        text = text[:held_back(text, [TAG])]  # one an end token cut in two
        at = text.find(TAG)
        return Partial("", _walk(text if at < 0 else text[:at], None).content, False)

    def opens_reasoning(self, prompt_tail: str) -> bool:
        return False

    def reasoning_close(self) -> str:
        return ""


PARSER = Llama3Parser()
