"""The app's side of the engine: starts, talks to, watches and restarts the worker.

No Qt here.  Events arrive on a reader thread and go to the ``on_event`` callback from
that thread; the UI bridge turns them into GUI-thread updates.
"""

from __future__ import annotations

import itertools
import multiprocessing
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from multiprocessing.sharedctypes import Synchronized
from typing import Any

from core.conversation.types import ContextPolicy, Message, ThinkingSettings
from core.engine.protocol import (
    BUDGET_NOTE,
    ClearSnapshots,
    CountPrompt,
    EngineDied,
    EngineFailure,
    Event,
    Generate,
    GenerationFinished,
    InspectPrompt,
    LoadModel,
    Mode,
    ModelLoaded,
    ReadAhead,
    Request,
    SetTemplate,
    Shutdown,
    UnloadModel,
    thinking_fields,
)
from core.errors import EngineError, Problem
from core.output.types import Family
from core.sampling.params import SamplingParams
from core.tools.choice import ToolOffer, offer_fields

EventCallback = Callable[[Event], None]


def _engine_process(requests: Connection, events: Connection,
                    cancel_through: Synchronized[int]) -> None:
    """The engine process's entry point.  ``spawn`` names it by reference, so the
    window's process imports only this module, never the worker's (which loads
    llama.cpp in the child)."""
    from core.engine.worker import worker_main

    worker_main(requests, events, cancel_through)

#: How long Stop waits for the worker before killing it.  The worker checks for Stop
#: between tokens; only something stuck outside that loop (a runaway chat template
#: from a model file, a hung native call) ever needs the kill.
STOP_GRACE_S = 5.0


def exit_problem(exit_code: int | None) -> Problem:
    """Why the engine process ended, from its exit status (negative: a signal)."""
    if exit_code is None:
        return Problem.of(
            "engine.died.unresponsive", "The engine process stopped responding. Your "
            "conversation is safe; the next message starts a fresh engine.")
    if exit_code >= 0:
        return Problem.of(
            "engine.died.exit", "The engine process exited with status {status}. Your "
            "conversation is safe; the next message starts a fresh engine.", status=exit_code)
    try:
        name = signal.Signals(-exit_code).name
    except ValueError:
        name = f"signal {-exit_code}"
    if name == "SIGKILL":
        return Problem.of(
            "engine.died.killed", "The engine process was killed ({signal}), often by the "
            "system when memory runs out. Your conversation is safe; the next message "
            "starts a fresh engine.", signal=name)
    if name == "SIGSEGV":
        return Problem.of(
            "engine.died.crashed", "The engine process crashed ({signal}) in the native "
            "inference code. Your conversation is safe; the next message starts a fresh "
            "engine.", signal=name)
    if name == "SIGABRT":
        return Problem.of(
            "engine.died.aborted", "The native inference code aborted ({signal}). Your "
            "conversation is safe; the next message starts a fresh engine.", signal=name)
    if name == "SIGBUS":
        return Problem.of(
            "engine.died.disk", "The engine process stopped ({signal}): the model file "
            "could not be read from disk. Your conversation is safe; the next message "
            "starts a fresh engine.", signal=name)
    return Problem.of(
        "engine.died.signal", "The engine process was stopped by {signal}. Your "
        "conversation is safe; the next message starts a fresh engine.", signal=name)


class EngineClient:
    """Thread-safe handle on one engine process.

    Requests are sent in order over a pipe; ``cancel`` works out of band through a
    shared counter, so Stop takes effect within one token instead of waiting behind
    the generation it should stop.
    """

    def __init__(self, on_event: EventCallback) -> None:
        self._on_event = on_event
        self._ctx = multiprocessing.get_context("spawn")
        self._lock = threading.RLock()
        self._ids = itertools.count(1)
        self._process: SpawnProcess | None = None
        self._requests: Connection | None = None
        self._reader: threading.Thread | None = None
        self._cancel_through: Synchronized[int] = self._ctx.Value("q", 0)
        self._load: LoadModel | None = None
        self._loaded = False
        self._loading = False
        self._running: int | None = None
        self._last_id = 0
        self._forced_stop = False
        self._closing = False
        #: The watch on a cancelled reply (``cancel``): ended when the reply ends.
        self._stop_timer: threading.Timer | None = None

    # --- public API ------------------------------------------------------------------

    @property
    def alive(self) -> bool:
        process = self._process
        return process is not None and process.is_alive()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running_request(self) -> int | None:
        return self._running

    def load(self, request: LoadModel) -> None:
        """Load a model (replacing any loaded one); the result arrives as an event."""
        with self._lock:
            self._load = request
            self._loaded = False
            self._loading = True
            self._send(request)

    def generate(self, messages: Sequence[Message], sampling: SamplingParams,
                 reply_prefix: Sequence[int] = (),
                 context_policy: ContextPolicy = ContextPolicy.STOP, *,
                 thinking: ThinkingSettings | None = None,
                 output_family: Family | None = None,
                 budget_note: str = BUDGET_NOTE,
                 offer: ToolOffer | None = None) -> int:
        """Start a reply; returns its request id.  Raises :class:`EngineError` when no
        model was ever loaded.  After a crash the model is loaded again first."""
        sampling = sampling.validated()
        with self._lock:
            self._ensure_loaded()
            request_id = next(self._ids)
            self._last_id = request_id
            self._running = request_id
            self._send(Generate(request_id, tuple(dict(m) for m in messages), sampling,
                                reply_prefix=tuple(reply_prefix),
                                context_policy=context_policy,
                                output_family=output_family, budget_note=budget_note,
                                **thinking_fields(thinking),
                                **offer_fields(offer, replying=True)))
            return request_id

    def set_template(self, override: str | None, force_mode: Mode | None) -> None:
        """Use another template (or mode) for the loaded model; kept across restarts."""
        with self._lock:
            if self._load is None:
                raise EngineError("engine.no_model", "No model is loaded. Pick a model first.")
            self._load = replace(self._load, template_override=override,
                                 force_mode=force_mode)
            if self.alive:
                self._send(SetTemplate(override, force_mode))
            else:
                self._ensure_loaded()  # the fresh worker loads with the new template

    def inspect(self, messages: Sequence[Message], *,
                thinking: ThinkingSettings | None = None,
                output_family: Family | None = None,
                offer: ToolOffer | None = None) -> int:
        """Ask for the exact prompt and tokens of these messages; returns the request id
        of the ``PromptInspection`` (or ``EngineFailure``) event to come."""
        with self._lock:
            self._ensure_loaded()
            request_id = next(self._ids)
            self._send(InspectPrompt(request_id, tuple(dict(m) for m in messages),
                                     output_family=output_family,
                                     **thinking_fields(thinking),
                                     **offer_fields(offer, replying=False)))
            return request_id

    def read_ahead(self, messages: Sequence[Message], sampling: SamplingParams,
                   context_policy: ContextPolicy = ContextPolicy.STOP, *,
                   thinking: ThinkingSettings | None = None,
                   offer: ToolOffer | None = None) -> int | None:
        """Let an idle engine evaluate the settled part of this prompt (the user is still
        typing); the result arrives as ``ReadAheadDone``.  Returns its request id, or
        ``None`` when the engine is busy, loading or not running: reading ahead never
        starts an engine or waits for one."""
        with self._lock:
            if not (self.alive and self._loaded) or self._running is not None:
                return None
            request_id = next(self._ids)
            self._send(ReadAhead(request_id, tuple(dict(m) for m in messages), sampling,
                                 context_policy, **thinking_fields(thinking),
                                 **offer_fields(offer, replying=False)))
            return request_id

    def count(self, messages: Sequence[Message], sampling: SamplingParams,
              context_policy: ContextPolicy = ContextPolicy.STOP, *,
              thinking: ThinkingSettings | None = None,
              offer: ToolOffer | None = None) -> int | None:
        """Ask how many tokens these messages make (``PromptCount``); ``None`` when the
        engine is busy, loading or not running: a count never waits for one."""
        with self._lock:
            if not (self.alive and self._loaded) or self._running is not None:
                return None
            request_id = next(self._ids)
            self._send(CountPrompt(request_id, tuple(dict(m) for m in messages), sampling,
                                   context_policy, **thinking_fields(thinking),
                                   **offer_fields(offer, replying=False)))
            return request_id

    def _ensure_loaded(self) -> None:
        """With the lock held: a model was chosen, and a live worker has it (after a
        crash, a fresh worker is started and loads it again, before the request)."""
        if self._load is None:
            raise EngineError("engine.no_model", "No model is loaded. Pick a model first.")
        if not self.alive:
            self._send(replace(self._load))
            self._loading = True

    def cancel(self) -> None:
        """Stop the running reply (and any queued before this call) within one token.

        If the worker has not finished the reply ``STOP_GRACE_S`` later, it is killed
        and reported; the next request starts a fresh one."""
        with self._cancel_through.get_lock():
            self._cancel_through.value = max(self._cancel_through.value, self._last_id)
        with self._lock:
            running, process = self._running, self._process
        if running is not None and process is not None:
            timer = threading.Timer(STOP_GRACE_S, self._force_stop, args=(running, process))
            timer.daemon = True
            with self._lock:
                if self._stop_timer is not None:
                    self._stop_timer.cancel()
                self._stop_timer = timer
            timer.start()

    def _force_stop(self, request_id: int, process: SpawnProcess) -> None:
        with self._lock:
            if self._running != request_id or process is not self._process \
                    or not process.is_alive():
                return
            self._forced_stop = True
        process.kill()

    def unload(self) -> None:
        with self._lock:
            self._load = None
            self._loaded = False
            if self.alive:
                self._send(UnloadModel())

    def clear_snapshots(self) -> None:
        with self._lock:
            if self.alive and self._loaded:
                self._send(ClearSnapshots())

    def forget_model(self) -> None:
        """Do not reload the last model automatically (it crashed while loading)."""
        with self._lock:
            self._load = None

    def close(self, timeout: float = 5.0) -> None:
        """Shut the worker down, killing it if it does not exit in time."""
        with self._lock:
            self._closing = True
            process, requests = self._process, self._requests
        if process is None:
            return
        self.cancel()
        try:
            if requests is not None:
                requests.send(Shutdown())
        except (OSError, ValueError):
            pass
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join(timeout)
        if self._reader is not None:
            self._reader.join(timeout)
        if requests is not None:
            requests.close()
        with self._lock:
            self._end_stop_timer()
            self._process = None
            self._requests = None
            self._reader = None
            self._closing = False

    # --- internals -------------------------------------------------------------------

    def _send(self, request: Request) -> None:
        if not self.alive:
            self._start()
        assert self._requests is not None
        try:
            self._requests.send(request)
        except (OSError, ValueError) as exc:
            raise EngineError("engine.unreachable", "The engine process is not reachable.",
                              details=repr(exc)) from exc

    def _start(self) -> None:
        old = self._process
        if old is not None:
            old.join(1.0)
        # Pipe(duplex=False) returns (receiving end, sending end).
        requests_rx, requests_tx = self._ctx.Pipe(duplex=False)
        events_rx, events_tx = self._ctx.Pipe(duplex=False)
        process = self._ctx.Process(
            target=_engine_process, args=(requests_rx, events_tx, self._cancel_through),
            name="prosa-engine", daemon=True,
        )
        process.start()
        # Close our copies of the child's ends, so a dead child means EOF for the reader.
        requests_rx.close()
        events_tx.close()
        self._process = process
        self._requests = requests_tx
        self._reader = threading.Thread(
            target=self._read_events, args=(process, events_rx), name="prosa-engine-reader",
            daemon=True,
        )
        self._reader.start()

    def _read_events(self, process: SpawnProcess, events: Connection) -> None:
        while True:
            try:
                event: Event = events.recv()
            except (EOFError, OSError):
                break
            except Exception as exc:  # an unpicklable event: report it, keep reading
                self._dispatch(EngineFailure(None, Problem.of(
                    "engine.bad_event", "The engine sent a message that could not be read.",
                    details=repr(exc))))
                continue
            self._track(event)
            self._dispatch(event)
        events.close()
        process.join(5.0)
        with self._lock:
            expected = self._closing or process is not self._process
            running, during_load = self._running, self._loading
            forced, self._forced_stop = self._forced_stop, False
            self._running = None
            self._loading = False
            self._loaded = False
        if not expected:
            problem = exit_problem(process.exitcode) if not forced else Problem.of(
                "engine.stuck", "The engine did not stop within {seconds} s (a runaway chat "
                "template or a stuck model), so it was restarted. Your conversation is safe; "
                "the next message starts a fresh engine.",
                seconds=round(STOP_GRACE_S))
            self._dispatch(EngineDied(process.exitcode, problem, request_id=running,
                                      during_load=during_load and not forced))

    def _track(self, event: Event) -> None:
        with self._lock:
            if isinstance(event, ModelLoaded):
                self._loaded, self._loading = True, False
            elif isinstance(event, EngineFailure) and event.request_id is None:
                self._loading = False
            elif isinstance(event, GenerationFinished | EngineFailure) \
                    and event.request_id == self._running:
                self._running = None
                self._end_stop_timer()

    def _end_stop_timer(self) -> None:
        """With the lock held: the reply the timer watched ended; its thread goes now
        rather than STOP_GRACE_S later."""
        if self._stop_timer is not None:
            self._stop_timer.cancel()
            self._stop_timer = None

    def _dispatch(self, event: Event) -> None:
        try:
            self._on_event(event)
        except Exception:  # a faulty listener must not kill the reader thread
            import traceback

            traceback.print_exc()

    def __enter__(self) -> EngineClient:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
