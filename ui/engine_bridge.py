"""Engine events into the GUI thread, coalesced.

The engine client calls back on its reader thread.  Events go into a buffer, and the
GUI thread drains it: woken by one queued signal when the buffer goes from empty to
non-empty, and at most once per frame.  However fast the model, the window sees a
handful of updates a second per frame, never one signal per token.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from core.engine.client import EngineClient
from core.engine.protocol import (
    EngineDied,
    EngineFailure,
    Event,
    GenerationFinished,
    LoadModel,
    LoadProgress,
    Message,
    Mode,
    ModelLoaded,
    ModelUnloaded,
    PromptInspection,
    ReadAheadDone,
    TokenBatch,
    TokenLogprob,
)
from core.sampling import SamplingParams

#: Minimum time between two drains (30 Hz): smooth to the eye, and on a 2-core
#: laptop every GUI millisecond is taken from llama.cpp's threads.
FRAME_S = 1 / 30


class EngineBridge(QObject):
    loadProgress = Signal(float)
    modelLoaded = Signal(object)  # ModelLoaded
    modelUnloaded = Signal()
    #: request id, text since the last update, tokens since the last update, and their
    #: probabilities (a tuple of TokenLogprob, empty when not asked for)
    tokens = Signal(int, str, int, object)
    finished = Signal(object)  # GenerationFinished
    inspected = Signal(object)  # PromptInspection
    readAhead = Signal(object)  # ReadAheadDone
    failed = Signal(object)  # EngineFailure
    died = Signal(object)  # EngineDied

    _wake = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer: deque[Event] = deque()
        self._lock = threading.Lock()
        self._last_drain = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._drain)
        self._wake.connect(self._on_wake)
        self.client = EngineClient(self._on_event)
        #: Updates delivered to the view (for tests and the smoothness benchmark).
        self.drains = 0

    # --- requests (GUI thread) ----------------------------------------------------

    def load(self, request: LoadModel) -> None:
        self.client.load(request)

    def generate(self, messages: list[Message], sampling: SamplingParams,
                 reply_prefix: tuple[int, ...] = (), context_policy: str = "stop") -> int:
        return self.client.generate(messages, sampling, reply_prefix, context_policy)

    def inspect(self, messages: list[Message]) -> int:
        return self.client.inspect(messages)

    def read_ahead(self, messages: list[Message], sampling: SamplingParams,
                   context_policy: str = "stop") -> int | None:
        return self.client.read_ahead(messages, sampling, context_policy)

    def set_template(self, override: str | None, force_mode: Mode | None) -> None:
        self.client.set_template(override, force_mode)

    def cancel(self) -> None:
        self.client.cancel()

    def shutdown(self) -> None:
        self._timer.stop()
        self.client.close()
        self._drain()

    # --- events (reader thread -> GUI thread) ---------------------------------------

    def _on_event(self, event: Event) -> None:
        with self._lock:
            was_empty = not self._buffer
            self._buffer.append(event)
        if was_empty:
            self._wake.emit()

    @Slot()
    def _on_wake(self) -> None:
        wait = FRAME_S - (time.monotonic() - self._last_drain)
        if wait <= 0:
            self._drain()
        elif not self._timer.isActive():
            self._timer.start(max(1, int(wait * 1000)))

    @Slot()
    def _drain(self) -> None:
        with self._lock:
            events = list(self._buffer)
            self._buffer.clear()
        self._last_drain = time.monotonic()
        if not events:
            return
        self.drains += 1
        text: list[str] = []
        logprobs: list[TokenLogprob] = []
        count = 0
        current: int | None = None

        def flush_tokens() -> None:
            nonlocal count
            if current is not None and (text or count):
                self.tokens.emit(current, "".join(text), count, tuple(logprobs))
            text.clear()
            logprobs.clear()
            count = 0

        for event in events:
            if isinstance(event, TokenBatch):
                if current != event.request_id:
                    flush_tokens()
                    current = event.request_id
                text.append(event.text)
                count += len(event.token_ids)
                if event.logprobs:
                    logprobs.extend(event.logprobs)
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
            elif isinstance(event, EngineFailure):
                self.failed.emit(event)
            elif isinstance(event, EngineDied):
                self.died.emit(event)
        flush_tokens()
