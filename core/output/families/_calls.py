"""Tool calls written as blocks between two markers, found in an answer: shared by the
families whose calls open and close with their own tokens (DeepSeek, GLM, Kimi,
Gemma 4).

Each of those families writes its answer as plain text with call blocks in it
(``<|tool_calls_section_begin|>…<|tool_calls_section_end|>``, ``<tool_call>…
</tool_call>``); only what is inside a block differs.  So the walk over the answer is
one piece of code, and each family gives the pairs of markers and a function that
reads one block's inside (``read``: the calls, or why they cannot be read).  One walk
for both the finished parse and the live one is what keeps them in agreement:

* text between blocks is content, kept verbatim and in order; trailing whitespace is
  dropped (it is what separated the content from a call or the end), and so is
  whitespace-only content (``None``);
* a block that reads is its calls, in order; one that does not is given back as
  content, verbatim, with an ``output.malformed_call`` note (in a section of several
  calls, only the call that does not read is given back: the others are made);
* a block never closed: while streaming, held back (nothing of it is shown); cut off
  by max tokens, dropped with an ``output.cut_call`` note (a partial call is not a
  call, and its text is only markers and half-written arguments); stopped, given
  back as content with an ``output.malformed_call`` note.  Blocks closed before the
  cut stay calls: their closing marker says the model finished them;
* the family's end-of-turn tokens (``drop``) never reach the content.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.errors import Problem
from core.output.markers import held_back
from core.output.types import Finish, ToolCall


@dataclass(frozen=True)
class Bad:
    """One call of a block that could not be read: its text, and why."""

    raw: str
    reason: str


#: What a block's reader gives: its calls in order (a call that could not be read
#: as :class:`Bad`, the others still made), or why the whole block cannot be read.
Read = tuple[ToolCall | Bad, ...] | str


def malformed(reason: str) -> Problem:
    """The note of a call given back as text (``reason``: short, technical)."""
    return Problem.of("output.malformed_call",
                      "A tool call could not be read ({reason}); its text is shown as it came.",
                      reason=reason)


def cut_call() -> Problem:
    """The note of a call left unfinished by max tokens (and so not made)."""
    return Problem.of("output.cut_call",
                      "The reply was cut off inside a tool call; the call was not made.")


@dataclass(frozen=True)
class Answer:
    """An answer's content (``None`` when empty), its calls and what was off."""

    content: str | None
    calls: tuple[ToolCall, ...] = ()
    notes: tuple[Problem, ...] = ()


def walk(answer: str, pairs: Mapping[str, str], read: Callable[[str], Read],
         finish: Finish | None, drop: Sequence[str] = ()) -> Answer:
    """``answer`` split into content and calls; ``finish`` None for a live answer (then
    ``content`` is what may be shown now, never taken back later)."""
    content: list[str] = []
    calls: list[ToolCall] = []
    notes: list[Problem] = []
    pos = 0
    while True:
        start, opener = _next(answer, pairs, pos)
        if start < 0:
            tail = answer[pos:]
            if finish is None:
                tail = tail[:held_back(tail, [*pairs, *drop])]
            content.append(tail)
            break
        content.append(answer[pos:start])
        closer = pairs[opener]
        end = answer.find(closer, start + len(opener))
        if end < 0:
            if finish is Finish.LENGTH:
                notes.append(cut_call())
            elif finish is Finish.STOP:
                content.append(answer[start:])
                notes.append(malformed("it was not closed"))
            break
        found = _read(read, answer[start + len(opener):end])
        if isinstance(found, str):
            content.append(answer[start:end + len(closer)])
            notes.append(malformed(found))
        else:
            for call in found:
                if isinstance(call, Bad):
                    content.append(call.raw)
                    notes.append(malformed(call.reason))
                else:
                    calls.append(call)
        pos = end + len(closer)
    text = "".join(content)
    for marker in drop:
        text = text.replace(marker, "")
    text = text.rstrip()
    return Answer(text or None, tuple(calls), tuple(notes))


def shown(answer: str, pairs: Mapping[str, str], read: Callable[[str], Read],
          drop: Sequence[str] = ()) -> str:
    """The content of a live answer that may be shown now (for ``think.partial``)."""
    return walk(answer, pairs, read, None, drop).content or ""


def _next(text: str, pairs: Mapping[str, str], pos: int) -> tuple[int, str]:
    """The first opening marker at or after ``pos`` (-1 if none)."""
    best, which = -1, ""
    for opener in pairs:
        at = text.find(opener, pos)
        if at >= 0 and (best < 0 or at < best):
            best, which = at, opener
    return best, which


def _read(read: Callable[[str], Read], inside: str) -> Read:
    """A reader never raises (a model can write anything): an error is a reason."""
    try:
        return read(inside)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError) as error:
        return f"{type(error).__name__}"


def json_arguments(text: str) -> dict[str, Any] | str:
    """``text`` as the arguments object, typed as written, or why not."""
    try:
        value = json.loads(text)
    except RecursionError:
        return "the arguments are nested too deep"
    except ValueError:
        return "the arguments are not JSON"
    if not isinstance(value, dict):
        return "the arguments are not a JSON object"
    return value


def json_value(text: str) -> tuple[bool, Any]:
    """``text`` as one JSON value: whether it is one, and the value."""
    try:
        return True, json.loads(text)
    except (ValueError, RecursionError):
        return False, None


def parameter_types(tools: Sequence[object], name: str) -> dict[str, str]:
    """The JSON Schema type of each parameter of tool ``name``, from the tools offered
    (OpenAI form ``{"type": "function", "function": {...}}`` or the bare function)."""
    for tool in tools:
        if not isinstance(tool, Mapping):
            continue
        function = tool.get("function", tool)
        if not isinstance(function, Mapping) or function.get("name") != name:
            continue
        parameters = function.get("parameters")
        properties = parameters.get("properties") if isinstance(parameters, Mapping) else None
        if not isinstance(properties, Mapping):
            return {}
        types: dict[str, str] = {}
        for key, schema in properties.items():
            kind = schema.get("type") if isinstance(schema, Mapping) else None
            if isinstance(kind, list):
                kind = next((k for k in kind if k != "null"), None)
            if isinstance(kind, str):
                types[str(key)] = kind
        return types
    return {}


def typed(value: str, kind: str | None) -> Any:
    """A value written as text, typed: by its parameter's schema type when the tools
    say it, else as JSON when it is JSON, else the text itself."""
    if kind == "string":
        return value
    try:
        decoded = json.loads(value)
    except (ValueError, RecursionError):
        return value
    if kind in ("integer", "number") and not isinstance(decoded, (int, float)):
        return value
    if kind == "integer" and isinstance(decoded, float) and decoded.is_integer():
        return int(decoded)
    if kind == "boolean" and not isinstance(decoded, bool):
        return value
    if kind == "object" and not isinstance(decoded, dict):
        return value
    if kind == "array" and not isinstance(decoded, list):
        return value
    return decoded


def read_section(inside: str, call: tuple[str, str],
                 read_call: Callable[[str], ToolCall | str]) -> Read:
    """A section of calls each between ``call``'s markers (DeepSeek's and Kimi's
    sections), in order; only whitespace may sit between them.  A call that does not
    read comes back as text (a :class:`Bad`) while the others are still made."""
    calls: list[ToolCall | Bad] = []
    pos = 0
    while inside[pos:].strip():
        start = inside.find(call[0], pos)
        if start < 0 or inside[pos:start].strip():
            return "text between the calls"
        end = inside.find(call[1], start)
        if end < 0:
            return "a call was not closed"
        found = read_call(inside[start + len(call[0]):end])
        raw = inside[start:end + len(call[1])]
        calls.append(Bad(raw, found) if isinstance(found, str) else found)
        pos = end + len(call[1])
    return tuple(calls) if calls else "no call in the section"
