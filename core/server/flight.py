"""The gate's records of what it has in hand: a job on its way, the one generation the
inner engine has, the app's reply that waits, the app's other requests by id; and the
gate's own thread, which acts on them.

The records are mutable, and only ever touched with the gate's lock held
(``core.server.gate``).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol, cast

from core.engine.protocol import (
    EngineFailure,
    Event,
    GenerationFinished,
    PromptCount,
    PromptInspection,
    ReadAheadDone,
)
from core.server.jobs import Job, JobSink

log = logging.getLogger(__name__)


class Cancelling(Protocol):
    def cancel_job(self, job_id: int) -> None: ...


AppKind = Literal["generate", "inspect", "read_ahead", "count"]
#: The events that end each kind of the app's requests.
ENDS: dict[AppKind, tuple[type, ...]] = {
    "generate": (GenerationFinished, EngineFailure),
    "inspect": (PromptInspection, EngineFailure),
    "read_ahead": (ReadAheadDone,),
    "count": (PromptCount, EngineFailure),
}


@dataclass
class JobRun:
    id: int
    job: Job
    sink: JobSink
    #: The sink got its last event (the reply's end or a failure): nothing more goes to it.
    ended: bool = False
    cancelled: bool = False


@dataclass
class Flight:
    """The one generation the inner engine has (or is about to have)."""

    run: JobRun | None  # None: the app's reply
    outer: int = 0  # the app's id for its reply
    inner: int | None = None  # the inner engine's id, once it gave one
    cancel_asked: bool = False


@dataclass
class PendingReply:
    """The app's reply, waiting for the running job to end."""

    outer: int
    start: Callable[[], int]


@dataclass(frozen=True)
class AppRequest:
    outer: int
    kind: AppKind


class JobTicket:
    """A submitted job: :meth:`cancel` when its client goes away."""

    def __init__(self, gate: Cancelling | None, job_id: int) -> None:
        self._gate = gate
        self.id = job_id

    def cancel(self) -> None:
        if self._gate is not None:
            self._gate.cancel_job(self.id)


def renumbered(event: Event, request_id: int | None) -> Event:
    """The event with the app's id for its request (every event routed by id has one)."""
    if getattr(event, "request_id", None) == request_id:
        return event
    renumbered: Event = replace(cast(Any, event), request_id=request_id)
    return renumbered


class Sequencer:
    """A thread that runs posted actions one after the other, started at the first:
    generations that follow an event start here, never on the engine's own thread
    (which must go on draining events while a request is sent)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._actions: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def post(self, action: Callable[[], None]) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread.start()
        self._actions.put(action)

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread is not None:
            self._actions.put(None)
            self._thread.join(timeout)

    def _run(self) -> None:
        while (action := self._actions.get()) is not None:
            try:
                action()
            except Exception:  # a bug must not stop every later job
                log.exception("the engine gate failed")
