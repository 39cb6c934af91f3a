"""A reply as it streams: token ids in, text batches out to the app.

Each token's bytes go through an incremental UTF-8 decoder (a character split across
two tokens appears once it is whole, and nothing is decoded twice), then through the
stop-string matcher (text that might begin a stop string is held back until it is
clear), then through the output family's parser (``core.engine.llama.split``), which
sends reasoning and answer apart.  Batches leave once per frame of the window
(``core.engine.pacing``), so a fast model does not flood the pipe and the window.
"""

from __future__ import annotations

import codecs
import time
from array import array
from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Literal

from core.conversation.types import TokenAlternative
from core.engine.llama.pieces import Pieces
from core.engine.llama.split import ReplySplit, Thinking
from core.engine.llama.stopping import StopMatcher
from core.engine.logprob_batch import LogprobBatch, LogprobColumns
from core.engine.pacing import FRAME_S, batch_due
from core.engine.protocol import Event, TokenBatch
from core.output.types import Parsed

if TYPE_CHECKING:
    from core.engine.llama.native import StepColumns

#: A step's probabilities: the chosen token's, and its alternatives (beam search).
StepInfo = tuple[float, tuple[TokenAlternative, ...]]
#: The same as plain numbers: the chosen token's probability, the alternatives' ids and
#: theirs (greedy decoding and sampling, which send them as arrays).
StepNumbers = tuple[float, Sequence[int], Sequence[float]]


class Written(Enum):
    """A step whose probabilities the compiled helper wrote into the reply's columns
    itself (``StepColumns.write``)."""

    STEP = "written"


#: A token's probabilities, however they were found.
Step = StepInfo | StepNumbers | Literal[Written.STEP]


class ReplyText:
    """Text of a token sequence without streaming (beam candidates)."""

    def __init__(self, pieces: Pieces, stops: Sequence[str], spelled: bool = False) -> None:
        self._piece = pieces.spelled if spelled else pieces.raw
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._matcher = StopMatcher(stops)
        self._parts: list[str] = []
        #: Characters decoded so far (before stop strings are cut): token offsets.
        self.chars = 0

    @property
    def stopped(self) -> bool:
        """A stop string appeared: the text ends before it."""
        return self._matcher.stopped

    def add(self, token: int) -> str:
        """Take one token; return the text now safe to show (may be "")."""
        decoded = self._decoder.decode(self._piece(token))
        self.chars += len(decoded)
        shown = self._matcher.feed(decoded)
        if shown:
            self._parts.append(shown)
        return shown

    def close(self) -> str:
        """The text held back for a stop string that never came; returns it too."""
        if self._matcher.stopped:
            return ""
        tail = self._matcher.feed(self._decoder.decode(b"", final=True)) + self._matcher.flush()
        if tail:
            self._parts.append(tail)
        return tail

    @property
    def text(self) -> str:
        return "".join(self._parts)


class ReplyStream:
    """The reply being sent to the app, batch by batch.

    Without :class:`Thinking` the reply is all answer, as before output families
    existed.  With it, each token's text goes through the family's parser; a token is
    a reasoning token when the model was reasoning before or after it (the markers
    that open and close reasoning count as reasoning).  A token's ``text_offset`` is
    then where its text starts in the part it belongs to (``TokenLogprob.reasoning``
    says which): the reasoning's text or the answer's.  Text the parser holds back
    (a possible marker's start) belongs to the token that releases it, so offsets
    stay ordered and cover each part exactly.
    """

    def __init__(self, request_id: int, emit: Callable[[Event], None], pieces: Pieces,
                 stops: Sequence[str], want_logprobs: bool,
                 thinking: Thinking | None = None, period: float = FRAME_S,
                 columns: StepColumns | None = None) -> None:
        self._request_id = request_id
        self._emit = emit
        self._pieces = pieces
        self._split = ReplySplit(thinking) if thinking is not None else None
        self._text = ReplyText(pieces, stops, spelled=thinking is not None
                               and thinking.spelled)
        self._pending_text: list[str] = []
        self._pending_reasoning: list[str] = []
        self._pending_ids: list[int] = []
        #: Every step's numbers (``None``: no probabilities asked for): the compiled
        #: helper's columns, which the decoding loop's steps are written into and the
        #: others added to, or their Python twin; the tokens' offsets and reasoning
        #: flags are kept here, and pieces are spelled once a batch.
        self.columns: StepColumns | LogprobColumns | None = \
            (columns if columns is not None else LogprobColumns()) if want_logprobs else None
        self._offsets: array[int] = array("q")
        self._reasoning_flags = bytearray()
        self._pending_reasoning_tokens = 0
        self._last_flush = 0.0
        #: How often a batch goes out (``core.engine.pacing.batch_period``).
        self._period = period
        #: The time between the last two tokens: when the next one is expected.
        self._step = 0.0
        #: Tokens taken so far, and of them those generated while reasoning.
        self.count = 0
        self.reasoning_count = 0
        self.first_at: float | None = None
        self.last_at: float | None = None
        #: The final split, once :meth:`finish` ran (``None`` without a parser).
        self.parsed: Parsed | None = None
        #: The answer's text as written, calls' text included (tokens after the
        #: reasoning): what a call not allowed to run is given back as.
        self._answer_parts: list[str] = []

    @property
    def stopped(self) -> bool:
        return self._text.stopped

    @property
    def text(self) -> str:
        return self._text.text

    @property
    def raw_answer(self) -> str:
        """The answer as the model wrote it, markers and calls included."""
        if self._split is None:
            return self._text.text
        return "".join(self._answer_parts)

    @property
    def answer_count(self) -> int:
        """Tokens of the answer: what ``max_tokens`` limits."""
        return self.count - self.reasoning_count

    @property
    def thinking(self) -> bool:
        """The model is inside its reasoning now."""
        return self._split is not None and self._split.thinking

    @property
    def reasoning_ms(self) -> float:
        return self._split.reasoning_ms if self._split is not None else 0.0

    def add(self, token: int, step: Step | None = None, reasoning: bool = False) -> None:
        """Take one token (``reasoning``: count it as reasoning whatever the parser says,
        for the closing the engine writes at the thinking budget)."""
        now = time.monotonic()
        if self.first_at is None:
            self.first_at = now
        elif self.last_at is not None:
            self._step = now - self.last_at
        self.last_at = now
        split = self._split
        offset = self._text.chars
        in_reasoning = False
        if split is not None:
            before = split.thinking
            offset = len(split.reasoning if before else split.content)
        shown = self._text.add(token)
        if split is None:
            if shown:
                self._pending_text.append(shown)
        else:
            delta = split.feed(shown, now)
            in_reasoning = before or delta.thinking or reasoning
            if in_reasoning and not before:  # this token opened the reasoning
                offset = len(split.reasoning) - len(delta.reasoning)
            if delta.reasoning:
                self._pending_reasoning.append(delta.reasoning)
            if delta.content:
                self._pending_text.append(delta.content)
            if in_reasoning:
                self.reasoning_count += 1
                self._pending_reasoning_tokens += 1
            elif shown:
                self._answer_parts.append(shown)
        self._pending_ids.append(token)
        columns = self.columns
        if columns is not None and step is not None:
            if step is not Written.STEP:
                columns.add(token, *_numbers(step))
            self._offsets.append(offset)
            self._reasoning_flags.append(in_reasoning)
        self.count += 1

    def tick(self) -> None:
        """Send what is pending: the first token at once, then a batch per period."""
        if self.count == 1 or batch_due(time.monotonic() - self._last_flush, self._step,
                                        self._period):
            self.flush()

    def flush(self) -> None:
        if self._pending_text or self._pending_ids or self._pending_reasoning:
            logprobs = self._take_logprobs() if self.columns is not None else None
            self._emit(TokenBatch(self._request_id, "".join(self._pending_text),
                                  tuple(self._pending_ids), logprobs,
                                  reasoning="".join(self._pending_reasoning),
                                  thinking=self.thinking,
                                  reasoning_tokens=self._pending_reasoning_tokens))
            self._pending_text.clear()
            self._pending_reasoning.clear()
            self._pending_ids.clear()
            self._pending_reasoning_tokens = 0
        self._last_flush = time.monotonic()

    def _take_logprobs(self) -> LogprobBatch:
        assert self.columns is not None
        batch = LogprobBatch.spelled(self.columns.take(), self._pieces.shown, self._offsets,
                                     bytes(self._reasoning_flags))
        self._offsets = array("q")
        self._reasoning_flags.clear()
        return batch

    def finish(self, cancelled: bool, cut: bool = False) -> str:
        """Send the rest; return the whole answer text.

        A cancelled reply keeps text held back for a possible stop string out, as it
        always did: what was shown is what is kept.  ``cut``: the reply did not end by
        itself (max tokens, a full context, Stop), so a call it was writing is not a
        call; the parser's final split is then :attr:`parsed`.
        """
        tail = "" if cancelled else self._text.close()
        split = self._split
        if split is None:
            if tail:
                self._pending_text.append(tail)
            self.flush()
            return self._text.text
        if tail and not split.thinking:
            self._answer_parts.append(tail)
        deltas = [split.feed(tail, time.monotonic())] if tail else []
        last, self.parsed = split.finish(cut or cancelled)
        for delta in (*deltas, last):
            if delta.reasoning:
                self._pending_reasoning.append(delta.reasoning)
            if delta.content:
                self._pending_text.append(delta.content)
        self.flush()
        return self.parsed.content or ""


def _numbers(step: StepInfo | StepNumbers) -> StepNumbers:
    """A step's probabilities as plain numbers (beam search's alternatives too)."""
    if len(step) == 3:
        return step
    prob, alternatives = step
    return prob, [a.id for a in alternatives], [a.prob for a in alternatives]
