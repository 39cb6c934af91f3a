"""A reply's text split into reasoning and answer while it is generated.

The family's parser (``core.output.families``) is the only code that knows the
family's markers; the engine asks it, through :class:`core.output.stream.StreamParser`,
what each new piece of text adds to the reasoning and to the answer, and whether the
model is reasoning now.  That state is what the thinking budget counts: tokens
generated while reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.output.stream import Delta, StreamParser
from core.output.types import Context, Finish, OutputParser, Parsed


@dataclass(frozen=True)
class Thinking:
    """How a reply's reasoning is read and limited, as the model prepared it."""

    parser: OutputParser
    #: Whether the prompt left the model inside its reasoning, and the tools offered.
    context: Context
    #: The parser reads control tokens spelled out (families whose markers are
    #: control tokens); plain text otherwise, as replies always were.
    spelled: bool = True
    #: Reasoning tokens the model may generate before the engine closes its reasoning.
    budget: int | None = None
    #: What the engine writes then, tokenized: the budget note and the family's
    #: closing marker (empty: the family has no marker, so the budget cannot apply).
    close_tokens: tuple[int, ...] = ()


class ReplySplit:
    """The parser's running split of one reply, with the reasoning's timing."""

    def __init__(self, thinking: Thinking) -> None:
        self._stream = StreamParser(thinking.parser, thinking.context)
        self.thinking = thinking.context.starts_in_reasoning
        #: Reasoning and answer shown so far.
        self.reasoning = ""
        self.content = ""
        self._reasoning_from: float | None = None
        self._reasoning_until: float | None = None

    @property
    def reasoning_ms(self) -> float:
        if self._reasoning_from is None or self._reasoning_until is None:
            return 0.0
        return (self._reasoning_until - self._reasoning_from) * 1000.0

    def feed(self, text: str, now: float) -> Delta:
        """Take the reply's next text (may be ""), generated at ``now``."""
        was = self.thinking
        delta = self._stream.feed(text) if text else Delta(thinking=was)
        self.thinking = delta.thinking
        self.reasoning += delta.reasoning
        self.content += delta.content
        if was or delta.thinking:
            if self._reasoning_from is None:
                self._reasoning_from = now
            self._reasoning_until = now
        return delta

    def finish(self, cut: bool) -> tuple[Delta, Parsed]:
        """The last delta and the final split (``cut``: the reply did not end by
        itself, so an unfinished call is not a call)."""
        delta, parsed = self._stream.finish(Finish.LENGTH if cut else Finish.STOP)
        self.thinking = False
        self.reasoning += delta.reasoning
        self.content += delta.content
        return delta, parsed
