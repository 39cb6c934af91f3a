"""Split a rendered prompt into template scaffolding and message text.

The engine tokenizes scaffolding with special-token parsing on (``<|im_start|>`` in the
template must become the control token) but message text with it off, so that a user,
a pasted document or a tool result containing ``<|im_start|>system`` stays plain text
and cannot forge a turn.  A template gives no record of where it put each message, so
the contents are found again in the rendered string:

* Each message's texts (a string content, or every text part of a list content) are
  looked for in order, from where the previous match ended, as-is or stripped (many
  templates ``| trim`` contents), never starting or ending inside a control token.
  A short text may be taken from the scaffolding before its real place ("a" in a
  default system prompt); without markers in it that is harmless, as it tokenizes the
  same either way.  A text found nowhere after that point is looked for from the
  start, for templates that move a message (Mistral Nemo puts the system prompt
  into the last user turn).
* A text that holds a special-looking marker is marked at every place it occurs: if
  the in-order search took a copy inside the scaffolding (content ``<|im_start|>``
  matches the turn header first), the real one is still covered.  This can demote a
  scaffolding token to text when a content repeats scaffolding exactly; that only
  degrades a prompt, whereas the opposite mistake would let a turn be forged.
* Limitation: a content the template transforms (``content.split('</think>')[-1]``,
  a replace, a translation) is not found and stays in the trusted text.  Pass
  ``template_source`` to also demote every marker that a message contains but the
  template source never spells out (such a marker in the output can only have come
  from a message).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Segment", "split_prompt"]

# Shapes of control tokens across model families: <|im_start|>, <｜end▁of▁sentence｜>,
# [INST], [/AVAILABLE_TOOLS], <start_of_turn>, </s>, <seed:bos>.  Over-matching only
# makes more text untrusted where a message already contains it.
_MARKER = re.compile(
    r"<\|[^<>|\s]{1,64}\|>"
    r"|<｜[^<>｜]{1,64}｜>"
    r"|\[/?[A-Z][A-Z_]{1,31}\]"
    r"|</?[A-Za-z][\w:.\-]{0,40}>"
)


@dataclass(frozen=True)
class Segment:
    """A run of the prompt; ``trusted`` means template scaffolding (parse special
    tokens), otherwise message text (never parse them)."""

    text: str
    trusted: bool


def split_prompt(
    rendered: str,
    messages: Sequence[Mapping[str, Any]],
    *,
    template_source: str | None = None,
) -> list[Segment]:
    """Splits ``rendered`` so that the joined segment texts equal it exactly."""
    texts = [text for message in messages for text in _message_texts(message)]
    spans = _in_order_spans(rendered, texts)
    spans += _marker_text_spans(rendered, texts)
    if template_source is not None:
        spans += _foreign_marker_spans(rendered, texts, template_source)
    return _segments(rendered, _merged(spans))


#: Where a message keeps its reasoning (templates print it before the content).
_REASONING_FIELDS = ("reasoning_content", "thinking", "reasoning")


def _message_texts(message: Mapping[str, Any]) -> Iterator[str]:
    """The text a message carries: its reasoning (a model's own output, passed back to
    the template: as untrusted as any message), then a string content or the text of
    each part."""
    reasoning = next((message[k] for k in _REASONING_FIELDS
                      if isinstance(message.get(k), str)), None)
    if reasoning is not None and reasoning.strip():
        yield reasoning
    content = message.get("content")
    if isinstance(content, str):
        if content.strip():
            yield content
    elif isinstance(content, Sequence):
        for part in content:
            text = part.get("text") if isinstance(part, Mapping) else None
            if isinstance(text, str) and text.strip():
                yield text
    # A reply's tool calls are the model's output too: their names and every string
    # in their arguments, as templates write them out (``tojson`` keeps strings whole
    # unless they need escaping; an escaped one has no marker left to forge).
    calls = message.get("tool_calls")
    for call in calls if isinstance(calls, Sequence) and not isinstance(calls, str) else ():
        function = call.get("function", call) if isinstance(call, Mapping) else None
        if isinstance(function, Mapping):
            yield from _strings_in((function.get("name"), function.get("arguments")))


def _strings_in(value: Any) -> Iterator[str]:
    """Every non-blank string in a JSON-like value, in order (keys before values)."""
    if isinstance(value, str):
        if value.strip():
            yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings_in(key)
            yield from _strings_in(item)
    elif isinstance(value, Sequence):
        for item in value:
            yield from _strings_in(item)


def _marker_interiors(rendered: str) -> bytearray:
    """1 at each boundary strictly inside a special-looking marker of the prompt."""
    interior = bytearray(len(rendered) + 1)
    for match in _MARKER.finditer(rendered):
        interior[match.start() + 1 : match.end()] = b"\x01" * (match.end() - match.start() - 1)
    return interior


def _find(rendered: str, text: str, start: int, interior: bytearray) -> tuple[int, int] | None:
    """Earliest occurrence from start of text as-is or stripped (a tie goes to as-is).

    An occurrence that begins or ends inside a marker is skipped: content "a" or "end"
    must not be matched inside ``<|start_header_id|>``, which would cut that control
    token in two and stop it from being parsed.
    """
    best: tuple[int, int] | None = None
    for candidate in (text, text.strip()):
        index = rendered.find(candidate, start)
        while index >= 0 and (interior[index] or interior[index + len(candidate)]):
            index = rendered.find(candidate, index + 1)
        if index >= 0 and (best is None or index < best[0]):
            best = (index, index + len(candidate))
    return best


def _in_order_spans(rendered: str, texts: Sequence[str]) -> list[tuple[int, int]]:
    interior = _marker_interiors(rendered)
    spans: list[tuple[int, int]] = []
    position = 0
    for text in texts:
        span = _find(rendered, text, position, interior)
        if span is not None:
            position = span[1]
        else:
            span = _find(rendered, text, 0, interior)  # a template that moved this message
        if span is not None:
            spans.append(span)
    return spans


def _occurrences(rendered: str, needle: str) -> Iterator[tuple[int, int]]:
    index = rendered.find(needle)
    while index >= 0:
        yield index, index + len(needle)
        index = rendered.find(needle, index + 1)


def _marker_text_spans(rendered: str, texts: Sequence[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for text in texts:
        if _MARKER.search(text):
            for variant in {text, text.strip()}:
                spans.extend(_occurrences(rendered, variant))
    return spans


def _foreign_marker_spans(
    rendered: str, texts: Sequence[str], template_source: str
) -> list[tuple[int, int]]:
    markers = {m.group() for text in texts for m in _MARKER.finditer(text)}
    spans: list[tuple[int, int]] = []
    for marker in markers:
        if marker not in template_source:
            spans.extend(_occurrences(rendered, marker))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping, non-touching spans covering the same characters."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _segments(rendered: str, untrusted: list[tuple[int, int]]) -> list[Segment]:
    segments: list[Segment] = []
    position = 0
    for start, end in untrusted:
        if start > position:
            segments.append(Segment(rendered[position:start], trusted=True))
        segments.append(Segment(rendered[start:end], trusted=False))
        position = end
    if position < len(rendered):
        segments.append(Segment(rendered[position:], trusted=True))
    return segments
