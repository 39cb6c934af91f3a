"""Events of an engine, collected from its thread, for tests to wait on."""

from __future__ import annotations

import queue
import time
from typing import TypeVar

from core.engine.protocol import Event

E = TypeVar("E")


class Events:
    def __init__(self) -> None:
        self.queue: queue.Queue[Event] = queue.Queue()
        self.seen: list[Event] = []

    def __call__(self, event: Event) -> None:
        self.queue.put(event)

    def wait_for(self, *kinds: type, timeout: float = 60.0) -> Event:
        """The next event of one of these kinds (the others are kept in ``seen``)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {kinds} in {timeout} s; seen {self.seen[-5:]}")
            event = self.queue.get(timeout=left)
            self.seen.append(event)
            if isinstance(event, kinds):
                return event

    def of(self, kind: type[E]) -> list[E]:
        return [event for event in self.seen if isinstance(event, kind)]
