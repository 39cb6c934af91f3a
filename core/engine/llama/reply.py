"""A reply as it streams: token ids in, text batches out to the app.

Each token's bytes go through an incremental UTF-8 decoder (a character split across
two tokens appears once it is whole, and nothing is decoded twice), then through the
stop-string matcher (text that might begin a stop string is held back until it is
clear).  Batches leave at most every ``FLUSH_INTERVAL_S`` so a fast model does not flood
the pipe and the window.
"""

from __future__ import annotations

import codecs
import time
from collections.abc import Callable, Sequence

from core.conversation.types import TokenAlternative, TokenLogprob
from core.engine.llama.pieces import Pieces
from core.engine.llama.stopping import StopMatcher
from core.engine.protocol import Event, TokenBatch

#: Tokens are sent in batches at most this often: fast enough to look live, few enough
#: that a 2,000 tokens/s model does not flood the pipe and the GUI.
FLUSH_INTERVAL_S = 0.025

StepInfo = tuple[float, tuple[TokenAlternative, ...]]


class ReplyText:
    """Text of a token sequence without streaming (beam candidates)."""

    def __init__(self, pieces: Pieces, stops: Sequence[str]) -> None:
        self._pieces = pieces
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
        decoded = self._decoder.decode(self._pieces.raw(token))
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
    """The reply being sent to the app, batch by batch."""

    def __init__(self, request_id: int, emit: Callable[[Event], None], pieces: Pieces,
                 stops: Sequence[str], want_logprobs: bool) -> None:
        self._request_id = request_id
        self._emit = emit
        self._pieces = pieces
        self._text = ReplyText(pieces, stops)
        self._want_logprobs = want_logprobs
        self._pending_text: list[str] = []
        self._pending_ids: list[int] = []
        self._pending_logprobs: list[TokenLogprob] = []
        self._last_flush = 0.0
        #: Tokens taken so far.
        self.count = 0
        self.first_at: float | None = None
        self.last_at: float | None = None

    @property
    def stopped(self) -> bool:
        return self._text.stopped

    @property
    def text(self) -> str:
        return self._text.text

    def add(self, token: int, step: StepInfo | None = None) -> None:
        now = time.monotonic()
        if self.first_at is None:
            self.first_at = now
        self.last_at = now
        offset = self._text.chars
        shown = self._text.add(token)
        if shown:
            self._pending_text.append(shown)
        self._pending_ids.append(token)
        if self._want_logprobs and step is not None:
            prob, alternatives = step
            self._pending_logprobs.append(
                TokenLogprob(token, self._pieces.shown(token), prob, alternatives, offset))
        self.count += 1

    def tick(self) -> None:
        """Send what is pending if the first token or enough time has passed."""
        if self.count == 1 or time.monotonic() - self._last_flush >= FLUSH_INTERVAL_S:
            self.flush()

    def flush(self) -> None:
        if self._pending_text or self._pending_ids:
            logprobs = tuple(self._pending_logprobs) if self._want_logprobs else None
            self._emit(TokenBatch(self._request_id, "".join(self._pending_text),
                                  tuple(self._pending_ids), logprobs))
            self._pending_text.clear()
            self._pending_ids.clear()
            self._pending_logprobs.clear()
        self._last_flush = time.monotonic()

    def finish(self, cancelled: bool) -> str:
        """Send the rest; return the whole reply text.

        A cancelled reply keeps text held back for a possible stop string out, as it
        always did: what was shown is what is kept.
        """
        if not cancelled:
            tail = self._text.close()
            if tail:
                self._pending_text.append(tail)
        self.flush()
        return self._text.text
