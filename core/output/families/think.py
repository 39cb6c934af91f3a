"""Reasoning written between an open and a close marker (``<think>``…``</think>``),
split off the rest of an output: shared by every family that reasons this way.

Most reasoning models (Qwen3, SmolLM3, DeepSeek-R1, GLM, Kimi, Magistral's
``[THINK]``) write their thinking first, between two markers, and then the answer
(content and tool calls, in the family's own format).  Their templates often open the
reasoning themselves (the generation prompt ends with ``<think>\\n``), so the output
starts inside it with no open marker: :attr:`Context.starts_in_reasoning` says so.

The split follows the templates' own rendering of reasoning
(``'<think>\\n' + reasoning.strip('\\n') + '\\n</think>\\n\\n' + content``):

* reasoning is the text between the markers with newlines trimmed at both ends
  (``None`` when empty or absent);
* the answer is the text after the close marker, leading whitespace trimmed;
* the open marker counts only at the start of the output (after whitespace), where
  the templates put it; a close marker with no reasoning open is dropped (no marker
  leaks), its text staying answer, so that nothing shown live is ever taken back;
* an output that never closes its reasoning (cut off, or stopped) is all reasoning;
  cut off by max tokens, a close marker's beginning at its end is dropped.

API (small on purpose; a family parses ``answer`` in its own format and keeps
``reasoning``):

* :func:`split` for a finished output;
* :func:`partial` for a live one: it takes the family's ``shown`` function (the
  content to show of an unfinished answer, itself monotonic: what it returns for a
  text starts what it returns for any extension) and holds back a marker's beginning
  and the newlines the final trim may remove, so the result is monotonic;
* :func:`opens` for ``OutputParser.opens_reasoning``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.output.markers import held_back
from core.output.types import Context, Finish, Partial

OPEN = "<think>"
CLOSE = "</think>"


@dataclass(frozen=True)
class Split:
    """A finished output's reasoning (``None`` if absent or empty) and the answer text
    after it (to be parsed by the family); ``closed`` is False when the reasoning never
    ended (then ``answer`` is empty)."""

    reasoning: str | None
    answer: str
    closed: bool


def _opened(text: str, context: Context, open_marker: str) -> tuple[bool, int]:
    """Whether the output is inside reasoning from the start, and where its body
    begins (after the open marker when the output writes one)."""
    stripped = len(text) - len(text.lstrip())
    if text.startswith(open_marker, stripped):
        return True, stripped + len(open_marker)
    return context.starts_in_reasoning, 0


def split(text: str, context: Context, finish: Finish = Finish.STOP,
          open_marker: str = OPEN, close_marker: str = CLOSE) -> Split:
    """``text`` (a whole output) split into reasoning and the answer after it."""
    inside, start = _opened(text, context, open_marker)
    if not inside:
        return Split(None, _without(text, close_marker), True)
    end = text.find(close_marker, start)
    if end < 0:
        body = text[start:]
        if finish is Finish.LENGTH:
            body = body[:held_back(body, [close_marker])]
        return Split(body.strip("\n") or None, "", False)
    answer = text[end + len(close_marker):].lstrip()
    return Split(text[start:end].strip("\n") or None, _without(answer, close_marker), True)


def partial(text: str, context: Context, shown: Callable[[str], str],
            open_marker: str = OPEN, close_marker: str = CLOSE) -> Partial:
    """What of an unfinished output can be shown: reasoning and ``shown(answer)``
    (the family's content of the answer so far), never taken back later."""
    lead = text.lstrip()
    if not lead or (open_marker.startswith(lead) and lead != open_marker):
        # ``<thi``: an open marker or the answer, not known yet
        return Partial("", "", context.starts_in_reasoning)
    inside, start = _opened(text, context, open_marker)
    if not inside:
        return Partial("", _shown_answer(text, shown, close_marker), False)
    end = text.find(close_marker, start)
    if end < 0:
        body = text[start:]
        body = body[:held_back(body, [close_marker])]
        return Partial(body.strip("\n"), "", True)
    reasoning = text[start:end].strip("\n")
    answer = text[end + len(close_marker):].lstrip()
    return Partial(reasoning, _shown_answer(answer, shown, close_marker), False)


def opens(prompt_tail: str, open_marker: str = OPEN) -> bool:
    """Whether a generation prompt ending with ``prompt_tail`` leaves the model inside
    reasoning (``…<think>\\n``; not ``<think>\\n\\n</think>\\n\\n``, which closes it)."""
    return prompt_tail.rstrip().endswith(open_marker)


def _without(text: str, close_marker: str) -> str:
    return text.replace(close_marker, "") if close_marker in text else text


def _shown_answer(answer: str, shown: Callable[[str], str], close_marker: str) -> str:
    """The family's content of the answer so far, less a close marker's beginning at
    its end.  The beginning is held back in the text as written, before stray close
    markers are dropped: held back after, a ``<`` shown before a marker that then
    completes would be taken back (``a<</think`` shows ``a<``; ``a<</think>`` too)."""
    return shown(_without(answer[:held_back(answer, [close_marker])], close_marker))
