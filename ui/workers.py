"""Run slow calls (file scans, Hub requests) off the GUI thread.

A call runs on a worker thread; its result or its error comes back as a queued signal
of a GUI-thread object, so the slot runs on the GUI thread.  Each call carries a
ticket, so a result that arrives after a newer request (a stale search) is dropped.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from core.errors import ProsaError


class Background(QObject):
    #: ticket, result
    done = Signal(int, object)
    #: ticket, message for the user
    failed = Signal(int, str)
    _result = Signal(int, object, object, str)

    def __init__(self, parent: QObject | None = None, workers: int = 2) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="prosa-bg")
        self._ticket = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[str], None] | None]] = {}
        self._result.connect(self._deliver)

    def run(self, call: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[str], None] | None = None) -> int:
        self._ticket += 1
        ticket = self._ticket
        self._callbacks[ticket] = (on_done, on_error)
        self._pool.submit(self._call, ticket, call)
        return ticket

    def _call(self, ticket: int, call: Callable[[], Any]) -> None:
        try:
            self._result.emit(ticket, call(), None, "")
        except ProsaError as exc:
            self._result.emit(ticket, None, exc, exc.message)
        except Exception as exc:  # a bug: say so in the window, keep the details
            traceback.print_exc()
            self._result.emit(ticket, None, exc, f"Unexpected error: {exc}")

    @Slot(int, object, object, str)
    def _deliver(self, ticket: int, result: object, error: object, message: str) -> None:
        on_done, on_error = self._callbacks.pop(ticket, (None, None))
        if error is None:
            self.done.emit(ticket, result)
            if on_done is not None:
                on_done(result)
        else:
            self.failed.emit(ticket, message)
            if on_error is not None:
                on_error(message)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
