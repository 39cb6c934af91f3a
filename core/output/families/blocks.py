"""Tool calls written as blocks between an open and a close marker
(``<tool_call>``…``</tool_call>``), with content around them: the walk that Hermes'
JSON bodies and Qwen's XML bodies share, each family reading its own body.

Content is the text outside the blocks, in order and verbatim, trimmed at both ends
as the templates add a newline before each block.  A block whose body cannot be read
stays in the content as written, with an ``output.malformed_call`` note.  Output cut
off by max tokens yields no call at all (a batch of parallel calls cut short is not
a batch to run): its blocks are dropped with an ``output.cut_call`` note.  At a normal
stop, a last block that never closed is still a call if its body reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.errors import Problem
from core.output.families import notes
from core.output.markers import held_back
from core.output.types import Context, Family, Finish, ToolCall

#: Reads a block's body (the text between the markers) into a call, or None.
BodyReader = Callable[[str, Context], "ToolCall | None"]


@dataclass(frozen=True)
class Answer:
    """The answer part of an output: content (``None`` when empty), calls, notes."""

    content: str | None
    calls: tuple[ToolCall, ...] = ()
    notes: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Blocks:
    family: Family
    open: str
    close: str
    read: BodyReader

    def parse(self, answer: str, finish: Finish, context: Context) -> Answer:
        content: list[str] = []
        calls: list[ToolCall] = []
        found: list[Problem] = []
        cut: list[str] = []
        pos = 0
        while True:
            start = answer.find(self.open, pos)
            if start < 0:
                content.append(answer[pos:])
                break
            content.append(answer[pos:start])
            end = answer.find(self.close, start + len(self.open))
            stop = len(answer) if end < 0 else end + len(self.close)
            raw = answer[start:stop]
            call = self._read(answer[start + len(self.open):end if end >= 0 else stop],
                              context)
            if finish is Finish.LENGTH and (call is not None or end < 0):
                cut.append(raw)
            elif call is None:
                content.append(raw)
                found.append(notes.malformed_call(self.family, raw))
            else:
                calls.append(call)
            pos = stop
        if cut:
            found.append(notes.cut_call(self.family, "".join(cut)))
        return Answer("".join(content).strip() or None, tuple(calls), tuple(found))

    def shown(self, answer: str, context: Context) -> str:
        """The content of an unfinished answer that no later text changes: text up to
        a block still open (or a marker's beginning), less trailing whitespace."""
        content: list[str] = []
        pos = 0
        while True:
            start = answer.find(self.open, pos)
            if start < 0:
                rest = answer[pos:]
                content.append(rest[:held_back(rest, [self.open])])
                break
            content.append(answer[pos:start])
            end = answer.find(self.close, start + len(self.open))
            if end < 0:
                break
            if self._read(answer[start + len(self.open):end], context) is None:
                content.append(answer[start:end + len(self.close)])
            pos = end + len(self.close)
        return "".join(content).strip()

    def _read(self, body: str, context: Context) -> ToolCall | None:
        try:
            return self.read(body, context)
        except (ValueError, TypeError, KeyError, RecursionError):
            return None
