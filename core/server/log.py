"""What the server served: a bounded record of requests the window lists.

Written from the server's thread, read from the window's: a lock around a ring buffer,
nothing else.  A listener (the window's relay) hears of each change, so nothing polls.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

#: Requests kept: the latest ones are what a person looks for.
LOG_SIZE = 500


@dataclass(frozen=True)
class LogEntry:
    #: When the request arrived (seconds since the epoch).
    time: float
    #: The client's address and port.
    client: str
    method: str
    route: str
    #: The model the request named ("" when none or not a model route).
    model: str
    status: int
    prompt_tokens: int = 0
    completion_tokens: int = 0
    #: From arrival to the last byte of the answer.
    ms: float = 0.0
    #: The error's message, for a 4xx or 5xx.
    error: str = ""
    #: A streamed answer (server-sent events).
    stream: bool = False


class RequestLog:
    """A thread-safe ring buffer of :class:`LogEntry`, with a count of requests open."""

    def __init__(self, size: int = LOG_SIZE) -> None:
        self._lock = threading.Lock()
        self._entries: deque[LogEntry] = deque(maxlen=size)
        self._active = 0
        self._served = 0
        #: Called (from the server's thread) after every change; must not block.
        self.on_change: Callable[[], None] | None = None
        #: Called with each request's entry as it ends (the command line prints it).
        self.on_entry: Callable[[LogEntry], None] | None = None

    def begin(self) -> float:
        """A request arrived; returns the clock reading :meth:`end` measures from."""
        with self._lock:
            self._active += 1
        self._changed()
        return time.monotonic()

    def end(self, entry: LogEntry, started: float) -> LogEntry:
        entry = LogEntry(entry.time, entry.client, entry.method, entry.route, entry.model,
                         entry.status, entry.prompt_tokens, entry.completion_tokens,
                         (time.monotonic() - started) * 1000.0, entry.error, entry.stream)
        with self._lock:
            self._active -= 1
            self._served += 1
            self._entries.append(entry)
        self._changed()
        listener = self.on_entry
        if listener is not None:
            with contextlib.suppress(Exception):
                listener(entry)
        return entry

    def entries(self) -> list[LogEntry]:
        """Oldest first."""
        with self._lock:
            return list(self._entries)

    @property
    def active(self) -> int:
        """Requests being served now."""
        with self._lock:
            return self._active

    @property
    def served(self) -> int:
        """Requests answered since the log was made (also those no longer kept)."""
        with self._lock:
            return self._served

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
        self._changed()

    def _changed(self) -> None:
        listener = self.on_change
        if listener is not None:
            with contextlib.suppress(Exception):  # the window went away: serve on
                listener()
