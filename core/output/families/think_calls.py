"""The shape most families share: optional ``<think>`` reasoning, then an answer whose
tool calls sit in blocks between the family's own markers.

Hermes, Qwen's XML calls, DeepSeek, GLM and Kimi differ only in their call markers,
in how a block's inside reads as calls (JSON, XML parameters, ``<arg_key>`` pairs,
section tokens) and in the text that closes reasoning; the reasoning split
(``think``) and the walk over call blocks (``_calls``) are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from core.output.families import _calls, think
from core.output.types import Context, Family, Finish, Parsed, Partial

#: How a block's inside reads as calls, given what the parser knows (the tools offered
#: type some families' arguments).
Reader = Callable[[Context], Callable[[str], _calls.Read]]


class ThinkThenCalls:
    """A family's parser from its call markers (``pairs``: opening → closing), its
    block reader, the end tokens it may write, and its reasoning's closing text."""

    def __init__(self, family: Family, pairs: Mapping[str, str], reader: Reader,
                 end: tuple[str, ...], close: str) -> None:
        self.family = family
        self._pairs = pairs
        self._reader = reader
        self._end = end
        self._close = close

    def parse(self, text: str, finish: Finish, context: Context) -> Parsed:
        split = think.split(text, context, finish)
        answer = _calls.walk(split.answer, self._pairs, self._reader(context), finish,
                             self._end)
        return Parsed(answer.content, split.reasoning, answer.calls, answer.notes)

    def partial(self, text: str, context: Context) -> Partial:
        read = self._reader(context)
        return think.partial(text, context,
                             lambda a: _calls.shown(a, self._pairs, read, self._end))

    def opens_reasoning(self, prompt_tail: str) -> bool:
        return think.opens(prompt_tail)

    def reasoning_close(self) -> str:
        return self._close


def fixed(read: Callable[[str], _calls.Read]) -> Reader:
    """A reader that needs nothing from the context."""
    return lambda _context: read
