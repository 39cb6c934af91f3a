"""The window's one way to run slow work off the GUI thread, and to bring events in.

:class:`Tasks` runs a call on a worker thread; its result, or its error as a
:class:`core.errors.Problem`, comes back on the GUI thread through a queued signal.
Each task may name a *lane* ("hub-search"): starting a task in a lane makes every
older task of that lane stale, and a stale task's result is dropped whatever order
the threads finish in.  So a slow old search can never overwrite a newer one; the
caller does not have to remember tickets.

:class:`Relay` carries a stream of events pushed from any thread (download progress)
to the GUI thread, in order.  The engine's token stream has its own paced relay
(``ui.engine_bridge``) because it must also decide how often the window redraws.

Unexpected exceptions (bugs) are logged with their traceback and reported as the
``app.unexpected`` problem, never swallowed.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from core.errors import Problem, ProsaError

T = TypeVar("T")
E = TypeVar("E")
log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[Problem], None]


def unexpected(exc: BaseException) -> Problem:
    """A bug or an unforeseen library error, as a problem the user can report."""
    details = "".join(traceback.format_exception(exc))
    log.error("unexpected error in a background task\n%s", details)
    return Problem.of("app.unexpected", "Something went wrong: {error}", details=details,
                      error=f"{type(exc).__name__}: {exc}")


class Tasks(QObject):
    """Calls run on a small pool of worker threads; results arrive on the GUI thread."""

    #: ticket, result or None, problem or None
    _finished = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None, workers: int = 1,
                 name: str = "prosa-task") -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._ticket = 0
        self._pending: dict[int, tuple[Done, Failed | None, str | None]] = {}
        self._newest: dict[str, int] = {}
        self._closed = False
        self._finished.connect(self._deliver)

    def run(self, call: Callable[[], T], on_done: Callable[[T], None],
            on_error: Failed | None = None, *, lane: str | None = None) -> int:
        """Start ``call``; ``on_done(result)`` or ``on_error(problem)`` runs on the GUI
        thread, unless a newer task was started in the same ``lane``."""
        if self._closed:
            return 0
        self._ticket += 1
        ticket = self._ticket
        self._pending[ticket] = (on_done, on_error, lane)
        if lane is not None:
            self._newest[lane] = ticket
        self._pool.submit(self._call, ticket, call)
        return ticket

    def is_current(self, ticket: int, lane: str) -> bool:
        return self._newest.get(lane) == ticket

    def _call(self, ticket: int, call: Callable[[], Any]) -> None:
        try:
            result = call()
        except ProsaError as exc:
            self._finished.emit(ticket, None, exc.problem)
        except Exception as exc:
            self._finished.emit(ticket, None, unexpected(exc))
        else:
            self._finished.emit(ticket, result, None)

    @Slot(int, object, object)
    def _deliver(self, ticket: int, result: object, problem: object) -> None:
        on_done, on_error, lane = self._pending.pop(ticket, (None, None, None))
        if on_done is None or self._closed:
            return
        if lane is not None and self._newest.get(lane) != ticket:
            return  # stale: a newer task of this lane was started since
        if isinstance(problem, Problem):
            if on_error is not None:
                on_error(problem)
        else:
            on_done(result)

    def shutdown(self) -> None:
        """Wait for running calls and drop every result still to come."""
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pending.clear()


class Relay(QObject, Generic[E]):
    """Events pushed from any thread, delivered in order on the GUI thread."""

    arrived = Signal(object)

    def push(self, event: E) -> None:
        self.arrived.emit(event)
