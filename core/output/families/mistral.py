"""Mistral and Magistral output: reasoning in ``[THINK]``…``[/THINK]``, then content
and calls after ``[TOOL_CALLS]``, in either of the two forms Mistral's tokenizers
have used:

* v11 and later (Mistral Small 3.2, Devstral, Magistral):
  ``[TOOL_CALLS]NAME[CALL_ID]ID[ARGS]{...}`` (``[CALL_ID]`` optional), one
  ``[TOOL_CALLS]`` per call, as the Mistral Small 3.2 template renders them;
* earlier (Mistral 7B v0.3, Nemo): ``[TOOL_CALLS][{"name": ..., "arguments": {...},
  "id": ...}, ...]``, a JSON list of every call.

Arguments are a JSON object; a JSON string of one (the v11 template writes
``arguments|tojson``, a string when the request held one) is read too.  Text after a
call's JSON is content, in order.  A call that does not read comes back as text with
a note, from its ``[TOOL_CALLS]`` on; one cut off by max tokens is dropped with a note
(calls completed before it stay calls, as in every family).  ``</s>`` never shows.
Magistral 2506 wrote its reasoning in ``<think>`` before the ``[THINK]`` tokens; an
output that opens with ``<think>`` is read with those markers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from core.errors import Problem
from core.output.families import _calls, think
from core.output.markers import held_back, json_object
from core.output.types import Context, Family, Finish, Parsed, Partial, ToolCall

THINK = ("[THINK]", "[/THINK]")
CALLS = "[TOOL_CALLS]"
ARGS = "[ARGS]"
CALL_ID = "[CALL_ID]"
END = ("</s>",)
_NAME = re.compile(r"\s*([^\s\[\]{}\"]+)\s*")
_DECODER = json.JSONDecoder()


class _Incomplete(ValueError):
    """The call's text ended before the call did."""


@dataclass(frozen=True)
class _Walk:
    content: str
    calls: tuple[ToolCall, ...] = ()
    notes: tuple[Problem, ...] = ()


def _markers(text: str) -> tuple[str, str]:
    return ("<think>", "</think>") if text.lstrip().startswith("<think>") else THINK


def _arguments(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = json_object(value) if value.strip() else {}
    if not isinstance(value, dict):
        raise ValueError("the arguments are not a JSON object")
    return value


def _decode(text: str, pos: int) -> tuple[Any, int]:
    try:
        return _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as error:
        raise ValueError("the call is not valid JSON") from error


def _read(text: str, pos: int) -> tuple[list[ToolCall], int]:
    """The calls written right after a ``[TOOL_CALLS]`` at ``pos``, and where they end."""
    lead = len(text) - len(text[pos:].lstrip()) if text[pos:].strip() else len(text)
    if lead >= len(text):
        raise _Incomplete("nothing after [TOOL_CALLS]")
    if text.startswith("[", lead) and not text.startswith(CALL_ID, lead) \
            and not text.startswith(ARGS, lead):
        value, end = _decode(text, lead)
        if not isinstance(value, list) or not value:
            raise ValueError("the calls are not a JSON list")
        return [_listed(item) for item in value], end
    match = _NAME.match(text, pos)
    name = match.group(1) if match else ""
    at = match.end() if match else pos
    call_id = None
    if text.startswith(CALL_ID, at):
        stop = text.find(ARGS, at)
        if stop < 0:
            raise _Incomplete("no [ARGS] after [CALL_ID]")
        call_id = text[at + len(CALL_ID):stop].strip() or None
        at = stop
    if text.startswith("{", at) and name:  # ``name{...}``: tokenizers between v3 and v11
        value, end = _decode(text, at)
        return [ToolCall(name, _arguments(value), call_id)], end
    if not text.startswith(ARGS, at):
        if len(text) - at < len(ARGS) and ARGS.startswith(text[at:]):
            raise _Incomplete("no [ARGS] yet")
        raise ValueError("the call has no [ARGS]")
    if not name:
        raise ValueError("the call has no function name")
    value, end = _decode(text, at + len(ARGS))
    return [ToolCall(name, _arguments(value), call_id)], end


def _listed(item: Any) -> ToolCall:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
        raise ValueError("a listed call has no function name")
    call_id = item.get("id")
    return ToolCall(item["name"], _arguments(item.get("arguments", {})),
                    call_id if isinstance(call_id, str) else None)


def _walk(text: str, finish: Finish | None) -> _Walk:
    """Content and calls of an answer; ``finish`` None for a live one (then the
    content is what may be shown now)."""
    if finish is None:  # a marker's beginning is held back as written, then ``</s>`` dropped
        text = text[:held_back(text, [CALLS, *END])]
    for marker in END:
        text = text.replace(marker, "")
    parts: list[str] = []
    calls: list[ToolCall] = []
    notes: list[Problem] = []
    pos = 0
    while True:
        start = text.find(CALLS, pos)
        if start < 0:
            tail = text[pos:]
            parts.append(tail if finish is not None else tail[:held_back(tail, [CALLS])])
            break
        parts.append(text[pos:start])
        try:
            found, pos = _read(text, start + len(CALLS))
        except (ValueError, TypeError, RecursionError) as error:
            # Cut off, the last call cannot be told from a broken one (JSON cut inside a
            # string reads as invalid): either way it was not finished.
            if finish is Finish.LENGTH:
                notes.append(_calls.cut_call())
            elif finish is Finish.STOP:
                parts.append(text[start:])
                notes.append(_calls.malformed(str(error) or type(error).__name__))
            break
        calls.extend(found)
    return _Walk("".join(parts).rstrip(), tuple(calls), tuple(notes))


class MistralParser:
    family = Family.MISTRAL

    def parse(self, text: str, finish: Finish, context: Context) -> Parsed:
        opener, closer = _markers(text)
        split = think.split(text, context, finish, opener, closer)
        answer = _walk(split.answer, finish)
        return Parsed(answer.content or None, split.reasoning, answer.calls, answer.notes)

    def partial(self, text: str, context: Context) -> Partial:
        opener, closer = _markers(text)
        if opener == THINK[0] and "<think>".startswith(text.lstrip()) and text.strip():
            return Partial("", "", context.starts_in_reasoning)  # ``<thi``: not known yet
        return think.partial(text, context, lambda a: _walk(a, None).content, opener, closer)

    def opens_reasoning(self, prompt_tail: str) -> bool:
        return think.opens(prompt_tail, THINK[0])

    def reasoning_close(self) -> str:
        return THINK[1]


PARSER = MistralParser()
