"""Gemma 4: reasoning in a ``thought`` channel, tool calls in Gemma's own syntax.

Reasoning is ``<|channel>thought\\n…<channel|>``, written first; ``thought`` is the
channel's label, not reasoning (vLLM ``gemma4_reasoning_parser.py`` strips it too).
The template (llama.cpp ``models/templates/gemma4.jinja``) turns thinking off by
ending the generation prompt with an empty ``<|channel>thought\\n<channel|>``; a
prompt that ends inside the channel leaves the output in reasoning.

A call is ``<|tool_call>call:NAME{ARGS}<tool_call|>``, one block per call, parallel
calls one after another.  ARGS is the syntax the template's ``format_argument``
writes, which is what the model learnt:

* ``key:value`` pairs joined by ``,``; keys bare (``escape_keys=False`` for calls),
  though a key quoted as a string is read too;
* strings between ``<|"|>`` delimiters, verbatim (no escapes: the delimiter is one
  token that ordinary text never holds);
* ``true``/``false``, ``null``, numbers as JSON writes them (``3`` an int, ``2.5`` a
  float), objects ``{…}`` of the same pairs, arrays ``[…]`` of values.

This is a strict reader (vLLM's is lenient: it takes a bare word as a string and an
unterminated string to the end): anything else, a bare word included, makes the call
malformed, so a call is made only with arguments that were written as Gemma writes
them, and otherwise its text is shown, with a note, never guessed at.
"""

from __future__ import annotations

import json
import re
from typing import Any

from core.output.families import _calls, think
from core.output.types import Context, Family, Finish, Parsed, Partial, ToolCall

OPEN, CLOSE = "<|channel>", "<channel|>"
LABEL = "thought"
PAIRS = {"<|tool_call>": "<tool_call|>"}
QUOTE = '<|"|>'
END = ("<turn|>", "<|tool_response>")
_NAME = re.compile(r"call:([^{}\s]+)\{")
_BARE = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null")
_KEY = re.compile(r"[^:{}\[\],<>\s]+")


class _Malformed(ValueError):
    """Why the arguments cannot be read."""


def read(inside: str) -> _calls.Read:
    """One call block's call."""
    head = _NAME.match(inside.strip())
    if head is None:
        return "no call:NAME{…}"
    body = inside.strip()
    try:
        arguments, end = _object(body, head.end())
    except _Malformed as why:
        return str(why)
    if body[end:].strip():
        return "text after the arguments"
    return (ToolCall(head.group(1), arguments),)


def _object(text: str, pos: int) -> tuple[dict[str, Any], int]:
    """The pairs from ``pos`` (just after ``{``) to the matching ``}``."""
    found: dict[str, Any] = {}
    pos = _space(text, pos)
    if text.startswith("}", pos):
        return found, pos + 1
    while True:
        if text.startswith(QUOTE, pos):
            key, pos = _string(text, pos)
        else:
            bare = _KEY.match(text, pos)
            if bare is None:
                raise _Malformed("a key is missing")
            key, pos = bare.group(), bare.end()
        pos = _space(text, pos)
        if not text.startswith(":", pos):
            raise _Malformed("a key has no value")
        found[key], pos = _value(text, _space(text, pos + 1))
        pos = _space(text, pos)
        if text.startswith("}", pos):
            return found, pos + 1
        if not text.startswith(",", pos):
            raise _Malformed("a value is not followed by , or }")
        pos = _space(text, pos + 1)


def _value(text: str, pos: int) -> tuple[Any, int]:
    if text.startswith(QUOTE, pos):
        return _string(text, pos)
    if text.startswith("{", pos):
        return _object(text, pos + 1)
    if text.startswith("[", pos):
        return _array(text, pos + 1)
    bare = _BARE.match(text, pos)
    if bare is None:
        raise _Malformed("a value is not a string, number, object or array")
    return json.loads(bare.group()), bare.end()


def _array(text: str, pos: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    pos = _space(text, pos)
    if text.startswith("]", pos):
        return items, pos + 1
    while True:
        item, pos = _value(text, pos)
        items.append(item)
        pos = _space(text, pos)
        if text.startswith("]", pos):
            return items, pos + 1
        if not text.startswith(",", pos):
            raise _Malformed("an item is not followed by , or ]")
        pos = _space(text, pos + 1)


def _string(text: str, pos: int) -> tuple[str, int]:
    end = text.find(QUOTE, pos + len(QUOTE))
    if end < 0:
        raise _Malformed("a string is not closed")
    return text[pos + len(QUOTE):end], end + len(QUOTE)


def _space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _unlabelled(reasoning: str) -> str:
    """Reasoning less the channel's ``thought`` label (held back while it may be one)."""
    if LABEL.startswith(reasoning):
        return ""
    if reasoning.startswith(LABEL) and reasoning[len(LABEL)] == "\n":
        return reasoning[len(LABEL):].lstrip("\n")
    return reasoning


class Gemma4Parser:
    family = Family.GEMMA4

    def parse(self, text: str, finish: Finish, context: Context) -> Parsed:
        split = think.split(text, context, finish, OPEN, CLOSE)
        answer = _calls.walk(split.answer, PAIRS, read, finish, END)
        reasoning = _unlabelled(split.reasoning or "") or None
        return Parsed(answer.content, reasoning, answer.calls, answer.notes)

    def partial(self, text: str, context: Context) -> Partial:
        found = think.partial(text, context, lambda a: _calls.shown(a, PAIRS, read, END),
                              OPEN, CLOSE)
        return Partial(_unlabelled(found.reasoning), found.content, found.thinking)

    def opens_reasoning(self, prompt_tail: str) -> bool:
        tail = prompt_tail.rstrip()
        return tail.endswith(OPEN) or tail.endswith(OPEN + LABEL)

    def reasoning_close(self) -> str:
        return CLOSE


PARSER = Gemma4Parser()
