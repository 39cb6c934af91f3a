"""Engine events into the GUI thread, coalesced.

The engine client calls back on its reader thread.  Events go into a buffer, and the
GUI thread drains it: woken by one queued signal when the buffer goes from empty to
non-empty, and at most once per frame.  However fast the model, the window sees a
handful of updates a second, never one signal per token.

How many a second depends on the machine.  When llama.cpp's threads take every core
(a 2-core laptop), each millisecond the window spends drawing a reply is a
millisecond taken from the model: there the frame rate follows what an update really
costs (the GUI thread's CPU time between two updates), so that showing the reply uses
at most ``GUI_BUDGET`` of a core, from 30 frames a second down to 15 (below that a
stream no longer looks smooth).  With cores to spare the window simply runs at 30.

Token probabilities stay in the compact form the engine sent them in
(``core.engine.logprob_batch``): batches are joined array to array, and
``TokenLogprob`` objects are made only where something reads them.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from core.conversation.types import TokenLogprob
from core.engine.client import EngineClient
from core.engine.logprob_batch import LogprobBatch
from core.engine.pacing import FRAME_S, SHARED_FRAME_S, cores_to_spare
from core.engine.protocol import (
    EngineDied,
    EngineFailure,
    Event,
    GenerationFinished,
    LoadProgress,
    ModelLoaded,
    ModelUnloaded,
    PromptCount,
    PromptInspection,
    ReadAheadDone,
    TokenBatch,
)
from core.engine.seam import Engine, EngineFactory

# The minimum time between two drains is ``FRAME_S`` (30 Hz), smooth to the eye; the
# longest, however slow the updates, ``SHARED_FRAME_S`` (15 Hz), still smooth.  The local
# engine sends one batch per frame (``core.engine.pacing``).

#: Share of one core the GUI thread may spend on a streaming reply when the model's
#: threads use every core.  On a 2-core machine (docs/benchmarks.md) an update costs
#: about 1 ms, so this budget meets the 15-a-second floor: decoding ran at 0.96-0.98 of
#: plain llama-cpp-python with probabilities on, 0.99-1.0 without.
GUI_BUDGET = 0.015
#: Drains further apart than this are not one stream: their CPU time says nothing.
_STREAM_GAP_S = 0.5
#: Tokens that arrive with at most this share of a frame left are shown at once.  The
#: local engine sends one batch per frame; waiting out the rest of the frame would wake
#: the GUI thread a second time for the same update.  A stream of many small batches
#: (a remote server) still waits for the frame: its first batch after a drain comes
#: early in the frame.
_EARLY = 0.5


def joined(parts: list[Sequence[TokenLogprob]]) -> Sequence[TokenLogprob]:
    """Batches' probabilities as one sequence, still arrays when they all were."""
    if not parts:
        return ()
    if len(parts) == 1:
        return parts[0]
    if all(isinstance(part, LogprobBatch) for part in parts):
        return LogprobBatch.join(part for part in parts if isinstance(part, LogprobBatch))
    return tuple(step for part in parts for step in part)


class EngineBridge(QObject):
    loadProgress = Signal(float)
    modelLoaded = Signal(object)  # ModelLoaded
    modelUnloaded = Signal()
    #: request id, answer text since the last update, tokens since the last update,
    #: their probabilities (a sequence of TokenLogprob, empty when not asked for: a
    #: ``LogprobBatch`` when the engine sent arrays), the reasoning text since the last
    #: update, and how many of the tokens were reasoning
    tokens = Signal(int, str, int, object, str, int)
    finished = Signal(object)  # GenerationFinished
    inspected = Signal(object)  # PromptInspection
    readAhead = Signal(object)  # ReadAheadDone
    counted = Signal(object)  # PromptCount
    failed = Signal(object)  # EngineFailure
    died = Signal(object)  # EngineDied

    _wake = Signal()

    def __init__(self, parent: QObject | None = None,
                 engine_factory: EngineFactory = EngineClient) -> None:
        super().__init__(parent)
        self._buffer: deque[Event] = deque()
        self._lock = threading.Lock()
        #: The buffer holds something other than tokens: drain without waiting.
        self._urgent = False
        #: The request whose tokens are arriving (reader thread only).
        self._streaming: int | None = None
        self._last_drain = 0.0
        self._spare = cores_to_spare(None)
        #: GUI-thread CPU seconds per drain while streaming (smoothed), and the mark.
        self._drain_cost = 0.0
        self._cpu_mark = time.thread_time()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._drain)
        self._wake.connect(self._on_wake)
        #: The engine, which calls back on a thread of its own.
        self.engine: Engine = engine_factory(self._on_event)
        #: Updates delivered to the view (for tests and the smoothness benchmark).
        self.drains = 0

    # --- the engine (requests go to it directly; see core.engine.seam) ----------------

    def shutdown(self) -> None:
        self._timer.stop()
        self.engine.close()
        self._drain()

    # --- events (reader thread -> GUI thread) ---------------------------------------

    def _on_event(self, event: Event) -> None:
        if isinstance(event, ModelLoaded):
            # The frame rate depends on whether the model's threads leave a core free.
            self._spare = cores_to_spare(event.n_threads or None)
        # Tokens wait for the next frame, except a reply's first (the time to the first
        # token is what the user waits for); anything else (the end of a reply, an
        # error, load progress) is shown at once, with the tokens before it.
        urgent = not isinstance(event, TokenBatch) or event.request_id != self._streaming
        if isinstance(event, TokenBatch):
            self._streaming = event.request_id
        with self._lock:
            was_empty = not self._buffer
            self._buffer.append(event)
            self._urgent = self._urgent or urgent
        if was_empty or urgent:
            self._wake.emit()

    @property
    def frame_s(self) -> float:
        """The time between two drains now (see the module's docstring)."""
        if self._spare:
            return FRAME_S
        return min(max(self._drain_cost / GUI_BUDGET, FRAME_S), SHARED_FRAME_S)

    def _measure(self, now: float) -> None:
        """Account the GUI thread's CPU since the last drain (the previous update's
        painting included) to the cost of one update."""
        cpu = time.thread_time()
        if now - self._last_drain < _STREAM_GAP_S:
            self._drain_cost += 0.3 * ((cpu - self._cpu_mark) - self._drain_cost)
        self._cpu_mark = cpu

    @Slot()
    def _on_wake(self) -> None:
        with self._lock:
            urgent = self._urgent
        frame = self.frame_s
        wait = 0.0 if urgent else frame - (time.monotonic() - self._last_drain)
        if wait <= frame * _EARLY:
            self._drain()
        elif not self._timer.isActive():
            self._timer.start(max(1, int(wait * 1000)))

    @Slot()
    def _drain(self) -> None:
        with self._lock:
            events = list(self._buffer)
            self._buffer.clear()
            self._urgent = False
        self._timer.stop()
        now = time.monotonic()
        if not events:
            self._last_drain = now
            return
        if not self._spare:
            self._measure(now)
        self._last_drain = now
        self.drains += 1
        text: list[str] = []
        reasoning: list[str] = []
        logprobs: list[Sequence[TokenLogprob]] = []
        count = reasoning_count = 0
        current: int | None = None

        def flush_tokens() -> None:
            nonlocal count, reasoning_count
            if current is not None and (text or reasoning or count):
                self.tokens.emit(current, "".join(text), count, joined(logprobs),
                                 "".join(reasoning), reasoning_count)
            text.clear()
            reasoning.clear()
            logprobs.clear()
            count = reasoning_count = 0

        for event in events:
            if isinstance(event, TokenBatch):
                if current != event.request_id:
                    flush_tokens()
                    current = event.request_id
                text.append(event.text)
                reasoning.append(event.reasoning)
                count += len(event.token_ids)
                reasoning_count += event.reasoning_tokens
                if event.logprobs:
                    logprobs.append(event.logprobs)
                continue
            flush_tokens()
            current = None
            if isinstance(event, LoadProgress):
                self.loadProgress.emit(event.fraction)
            elif isinstance(event, ModelLoaded):
                self.modelLoaded.emit(event)
            elif isinstance(event, ModelUnloaded):
                self.modelUnloaded.emit()
            elif isinstance(event, GenerationFinished):
                self.finished.emit(event)
            elif isinstance(event, PromptInspection):
                self.inspected.emit(event)
            elif isinstance(event, ReadAheadDone):
                self.readAhead.emit(event)
            elif isinstance(event, PromptCount):
                self.counted.emit(event)
            elif isinstance(event, EngineFailure):
                self.failed.emit(event)
            elif isinstance(event, EngineDied):
                self.died.emit(event)
        flush_tokens()
