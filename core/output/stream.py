"""Splitting an output while it streams, into exactly what the finished parse gives.

The window shows reasoning and answer live, token by token; the saved reply is the
parse of the whole text.  Both come from the same family parser, so they cannot
disagree: each step asks the parser for the :class:`Partial` of the text so far and
hands on only what is new, and :meth:`StreamParser.finish` hands on the rest of the
final :class:`Parsed`.  However the text arrives (a token at a time, a batch, one
piece), the deltas add up to the final reasoning and content.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.output.types import Context, Finish, OutputParser, Parsed


@dataclass(frozen=True)
class Delta:
    """New text since the last step, and whether the model is reasoning now."""

    reasoning: str = ""
    content: str = ""
    thinking: bool = False


class StreamParser:
    """Feed text as it arrives; :meth:`finish` once it ends."""

    def __init__(self, parser: OutputParser, context: Context | None = None) -> None:
        self.parser = parser
        self.context = context or Context()
        self.text = ""
        self._reasoning = ""
        self._content = ""

    def feed(self, text: str) -> Delta:
        self.text += text
        partial = self.parser.partial(self.text, self.context)
        delta = Delta(_after(partial.reasoning, self._reasoning),
                      _after(partial.content, self._content), partial.thinking)
        self._reasoning, self._content = partial.reasoning, partial.content
        return delta

    def finish(self, finish: Finish = Finish.STOP) -> tuple[Delta, Parsed]:
        """The last delta and the final parse of everything fed."""
        parsed = self.parser.parse(self.text, finish, self.context)
        delta = Delta(_after(parsed.reasoning_content or "", self._reasoning),
                      _after(parsed.content or "", self._content), False)
        return delta, parsed


def _after(now: str, shown: str) -> str:
    """What ``now`` adds to what was ``shown``.  A parser that took text back breaks
    its contract; the tests catch it, and here the newest text still reaches the view
    (nothing is shown twice)."""
    return now[len(shown):] if now.startswith(shown) else now[len(_common(now, shown)):]


def _common(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]
