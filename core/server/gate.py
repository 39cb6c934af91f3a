"""The engine, shared: the user's own replies first, API requests queued behind them.

:class:`EngineGate` is an :class:`core.engine.seam.Engine` for the app (the window or
the headless ``serve`` command) that wraps the real one, made by ``inner_factory``.
Its other door, :meth:`EngineGate.submit`, takes API jobs.  The rules:

- One generation at a time reaches the inner engine.  A job starts only when no
  reply of the user's runs; a reply the user asks for while a job runs starts right
  after that job ends, ahead of the jobs still waiting.
- Events of a job go to that job's sink only; everything else reaches the app as the
  inner engine sent it (request ids aside: the app sees the gate's own ids, since a
  reply that waits has an id before the inner engine gives it one).
- While a job runs, or jobs wait, the app's ``read_ahead`` and ``count`` return
  ``None``, as a busy engine's do.
- Cancelling a job stops the inner engine only when that job is the one running.
  ``EngineClient.cancel`` stops every request sent up to that moment, which is why a
  user's reply never goes to the inner engine before the job ahead of it has ended,
  and why cancels and generations are sent under one lock (``_send``): nothing can be
  sent between checking what runs and cancelling it.
- Loading or unloading a model fails the waiting and running jobs (they were sent to
  the model that is going away).

Threads: events arrive on the engine's thread, jobs from the server's thread, the app
calls from its own (the GUI thread).  ``_lock`` guards the state and is held while
events are delivered (so each consumer sees them in order); ``_send`` is taken before
``_lock``, never after, and the engine's event thread never takes it: a generation
waiting on a full pipe can never hold up the thread that drains the engine's events.
Generations that follow an event start on a small thread of the gate's own
(``prosa-gate``), for the same reason.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable, Sequence

from core.conversation.types import ContextPolicy, FinishReason, Message, ThinkingSettings
from core.engine.protocol import (
    BUDGET_NOTE,
    EngineDied,
    EngineFailure,
    Event,
    GenerationFinished,
    LoadModel,
    Mode,
    ModelLoaded,
    ModelUnloaded,
    TokenBatch,
)
from core.engine.seam import Engine, EventCallback
from core.errors import Problem, ProsaError
from core.output.types import Family
from core.sampling.params import SamplingParams
from core.server.flight import (
    ENDS,
    AppKind,
    AppRequest,
    Flight,
    JobRun,
    JobTicket,
    PendingReply,
    Sequencer,
    renumbered,
)
from core.server.jobs import GateState, Job, JobEvent, JobFailed, JobSink, Refusal
from core.tools.choice import ToolOffer

log = logging.getLogger(__name__)

#: Jobs that may wait at once; more are refused (HTTP 429) rather than queued for minutes.
MAX_QUEUED = 64
CHANGING = "The model is being changed in Prosa; send the request again once it has loaded."
NO_MODEL = ("No model is loaded in Prosa (the API serves the models that run on this "
            "computer, not a remote server's).")


class EngineGate:
    """An Engine for the app that also serves API jobs (see the module docstring)."""

    def __init__(self, on_event: EventCallback,
                 inner_factory: Callable[[EventCallback], Engine], *,
                 max_queued: int = MAX_QUEUED) -> None:
        self._on_event = on_event
        self._max_queued = max_queued
        self._lock = threading.RLock()
        self._send = threading.RLock()
        self._ids = itertools.count(1)
        self._job_ids = itertools.count(1)
        self._app: dict[int, AppRequest] = {}
        self._jobs: dict[int, JobRun] = {}
        self._queue: deque[JobRun] = deque()
        self._pending: PendingReply | None = None
        self._flight: Flight | None = None
        #: Requests being handed to the inner engine, whose ids are not known yet: their
        #: events wait in ``_limbo`` (an engine may answer before its call returns).
        self._starting = 0
        self._limbo: list[Event] = []
        #: Events for the app made by the gate itself (a waiting reply's end).
        self._outbox: list[Event] = []
        #: Held events are being handed on by the gate's thread: later ones queue too,
        #: in order.  Never by the caller's thread, which would get its request's events
        #: before the id it is about to return (the window's bridge delivers events sent
        #: from the GUI thread at once).
        self._flushing = False
        self._loaded: ModelLoaded | None = None
        self._changing = False
        self._closed = False
        self._sequencer = Sequencer("prosa-gate")
        #: The engine the gate stands before.
        self.inner: Engine = inner_factory(self._on_inner_event)

    # --- jobs (the server's door) ------------------------------------------------------

    def submit(self, job: Job, sink: JobSink) -> JobTicket:
        """Queue a job; its events go to ``sink`` (a refusal at once, on this thread)."""
        with self._lock:
            refusal = self._refusal()
            if refusal is not None:
                self._to_sink(JobRun(0, job, sink), refusal)
                return JobTicket(None, 0)
            run = JobRun(next(self._job_ids), job, sink)
            self._queue.append(run)
            if self._flight is None:
                self._post_advance()
        return JobTicket(self, run.id)

    def _refusal(self) -> JobFailed | None:
        if self._closed:
            return JobFailed(Refusal.STOPPING, "The server is stopping.")
        if self._changing:
            return JobFailed(Refusal.MODEL_CHANGING, CHANGING)
        if self._loaded is None:
            return JobFailed(Refusal.NO_MODEL, NO_MODEL)
        if len(self._queue) >= self._max_queued:
            return JobFailed(Refusal.BUSY, f"{len(self._queue)} requests are waiting "
                                           "already; try again in a moment.")
        return None

    def cancel_job(self, job_id: int) -> None:
        """The client went away: forget the job if it waits, stop it if it runs."""
        with self._send:
            with self._lock:
                for run in self._queue:
                    if run.id == job_id:
                        self._queue.remove(run)
                        run.ended = True
                        return
                flight = self._flight
                if flight is None or flight.run is None or flight.run.id != job_id \
                        or flight.run.cancelled:
                    return
                flight.run.cancelled = True
                started = flight.inner is not None
            if started:  # else the start itself cancels it, once the id is known
                self.inner.cancel()

    def drop_jobs(self, reason: Refusal, message: str) -> None:
        """Fail every waiting and running job (the server stops, the model changes)."""
        with self._send:
            with self._lock:
                running = self._fail_jobs(JobFailed(reason, message))
            if running:
                self.inner.cancel()

    def _fail_jobs(self, failure: JobFailed) -> bool:
        """With both locks held: fail the jobs; whether the running one needs a cancel."""
        waiting, self._queue = list(self._queue), deque()
        for run in waiting:
            self._to_sink(run, failure)
        flight = self._flight
        if flight is None or flight.run is None or flight.run.ended:
            return False
        self._to_sink(flight.run, failure)
        flight.run.cancelled = True
        return flight.inner is not None

    def state(self) -> GateState:
        with self._lock:
            flight = self._flight
            return GateState(
                loaded=self._loaded, changing=self._changing,
                job_running=flight is not None and flight.run is not None,
                queued=len(self._queue),
                user_generating=self._pending is not None or (
                    flight is not None and flight.run is None))

    @property
    def loaded(self) -> ModelLoaded | None:
        return self._loaded

    # --- the Engine seam (the app's door) ----------------------------------------------

    @property
    def pid(self) -> int | None:
        return self.inner.pid

    @property
    def running_request(self) -> int | None:
        with self._lock:
            if self._pending is not None:
                return self._pending.outer
            flight = self._flight
            return flight.outer if flight is not None and flight.run is None else None

    def load(self, request: LoadModel) -> None:
        self._change(functools.partial(self.inner.load, request), loading=True)

    def unload(self) -> None:
        with self._lock:
            self._loaded = None  # an engine with no process sends no ModelUnloaded
        self._change(self.inner.unload, loading=False)

    def set_template(self, override: str | None, force_mode: Mode | None) -> None:
        # Another template or mode changes what a waiting job's messages become; the
        # model itself stays (a template that fails leaves the old one in use).
        self._change(functools.partial(self.inner.set_template, override, force_mode),
                     loading=False)

    def _change(self, call: Callable[[], None], *, loading: bool) -> None:
        """Fail the jobs (they were meant for what is going away), then ``call``;
        while a model loads, new jobs are refused until ``ModelLoaded`` or its failure."""
        with self._send:
            with self._lock:
                if loading:
                    self._changing = True
                    self._loaded = None
                running = self._fail_jobs(JobFailed(Refusal.MODEL_CHANGING, CHANGING))
            if running:
                self.inner.cancel()
            try:
                call()
            except BaseException:
                with self._lock:
                    self._changing = False
                raise

    def forget_model(self) -> None:
        self.inner.forget_model()

    def clear_snapshots(self) -> None:
        self.inner.clear_snapshots()

    def generate(self, messages: Sequence[Message], sampling: SamplingParams,
                 reply_prefix: Sequence[int] = (),
                 context_policy: ContextPolicy = ContextPolicy.STOP, *,
                 thinking: ThinkingSettings | None = None,
                 output_family: Family | None = None,
                 budget_note: str = BUDGET_NOTE,
                 offer: ToolOffer | None = None) -> int:
        sampling = sampling.validated()  # a bad setting is refused now, even if it waits
        start = functools.partial(
            self.inner.generate, messages, sampling, reply_prefix, context_policy,
            thinking=thinking, output_family=output_family, budget_note=budget_note,
            offer=offer)
        with self._send:
            with self._lock:
                outer = next(self._ids)
                if self._flight is not None:
                    if self._pending is not None:  # replaced: the older one never ran
                        self._to_app_later(GenerationFinished(self._pending.outer,
                                                              FinishReason.CANCELLED, ""))
                    self._pending = PendingReply(outer, start)
                    return outer
                flight = self._flight = Flight(None, outer)
            self._start(flight, start, raise_errors=True)
        return outer

    def inspect(self, messages: Sequence[Message], *,
                thinking: ThinkingSettings | None = None,
                output_family: Family | None = None,
                offer: ToolOffer | None = None) -> int:
        outer = self._app_call("inspect", functools.partial(
            self.inner.inspect, messages, thinking=thinking, output_family=output_family,
            offer=offer))
        assert outer is not None  # inspect always answers with an id
        return outer

    def read_ahead(self, messages: Sequence[Message], sampling: SamplingParams,
                   context_policy: ContextPolicy = ContextPolicy.STOP, *,
                   thinking: ThinkingSettings | None = None,
                   offer: ToolOffer | None = None) -> int | None:
        if self._jobs_busy():
            return None
        return self._app_call("read_ahead", functools.partial(
            self.inner.read_ahead, messages, sampling, context_policy, thinking=thinking,
            offer=offer))

    def count(self, messages: Sequence[Message], sampling: SamplingParams,
              context_policy: ContextPolicy = ContextPolicy.STOP, *,
              thinking: ThinkingSettings | None = None,
              offer: ToolOffer | None = None) -> int | None:
        if self._jobs_busy():
            return None
        return self._app_call("count", functools.partial(
            self.inner.count, messages, sampling, context_policy, thinking=thinking,
            offer=offer))

    def _jobs_busy(self) -> bool:
        with self._lock:
            return bool(self._queue) or (self._flight is not None
                                         and self._flight.run is not None)

    def cancel(self) -> None:
        """Stop the app's reply (a waiting one ends at once); never a job."""
        with self._send:
            with self._lock:
                pending, self._pending = self._pending, None
                if pending is not None:
                    self._to_app_later(GenerationFinished(pending.outer,
                                                          FinishReason.CANCELLED, ""))
                flight = self._flight
                if flight is None or flight.run is not None:
                    return
                flight.cancel_asked = True
                started = flight.inner is not None
            if started:
                self.inner.cancel()

    def close(self) -> None:
        with self._send, self._lock:
            self._closed = True
            self._pending = None
            self._fail_jobs(JobFailed(Refusal.STOPPING, "The server is stopping."))
        self._sequencer.stop()
        self.inner.close()
        self._flush()  # what was still held, now that no thread hands it on

    # --- starting generations --------------------------------------------------------

    def _start(self, flight: Flight, start: Callable[[], int], *,
               raise_errors: bool) -> None:
        """With ``_send`` held and ``flight`` in place: hand it to the inner engine."""
        with self._lock:
            self._starting += 1
        try:
            inner = start()
        except BaseException as exc:
            with self._lock:
                self._starting -= 1
                if self._flight is flight:
                    self._flight = None
                if not raise_errors:
                    self._start_failed(flight, exc)
                self._release()
                self._post_advance()
            if raise_errors or not isinstance(exc, Exception):
                raise
            return
        with self._lock:
            self._starting -= 1
            flight.inner = inner
            if flight.run is not None:
                self._jobs[inner] = flight.run
            else:
                self._app[inner] = AppRequest(flight.outer, "generate")
            self._release()
            stop = flight.cancel_asked or (flight.run is not None and flight.run.cancelled)
        if stop:
            self.inner.cancel()

    def _start_failed(self, flight: Flight, exc: BaseException) -> None:
        problem = exc.problem if isinstance(exc, ProsaError) else Problem.of(
            "engine.failed", "The engine failed: {error}", error=f"{type(exc).__name__}: {exc}")
        kind = type(exc).__name__
        if flight.run is None:
            self._to_app(EngineFailure(flight.outer, problem, kind))
        else:
            self._to_sink(flight.run, JobFailed(Refusal.FAILED, problem.message, problem, kind))

    def _post_advance(self) -> None:
        """Let the gate's thread start what comes next (never the engine's thread)."""
        if not self._closed:
            self._sequencer.post(self._advance)

    def _advance(self) -> None:
        with self._send:
            with self._lock:
                if self._flight is not None or self._closed:
                    return
                if self._pending is not None:
                    pending, self._pending = self._pending, None
                    flight = Flight(None, pending.outer)
                    start = pending.start
                elif self._queue and self._loaded is not None and not self._changing:
                    run = self._queue.popleft()
                    job = run.job
                    flight = Flight(run)
                    start = functools.partial(
                        self.inner.generate, job.messages, job.sampling,
                        context_policy=job.context_policy, thinking=job.thinking,
                        offer=job.offer)
                else:
                    return
                self._flight = flight
            self._start(flight, start, raise_errors=False)

    # --- events ------------------------------------------------------------------------

    def _on_inner_event(self, event: Event) -> None:
        with self._lock:
            if self._flushing:
                self._limbo.append(event)
            else:
                self._route(event)

    def _route(self, event: Event) -> None:
        if isinstance(event, ModelLoaded | ModelUnloaded):
            self._loaded = event if isinstance(event, ModelLoaded) else None
            self._changing = False
            self._to_app(event)
            return
        if isinstance(event, EngineDied):
            self._died(event)
            return
        rid = getattr(event, "request_id", None)
        if rid is None:
            if isinstance(event, EngineFailure) and self._changing:  # the load failed
                self._changing = False
                self._loaded = None
            self._to_app(event)
            return
        run = self._jobs.get(rid)
        if run is not None:
            if isinstance(event, GenerationFinished | EngineFailure):
                del self._jobs[rid]
                self._end_flight(rid)
            if isinstance(event, EngineFailure):
                self._to_sink(run, JobFailed(Refusal.FAILED, event.problem.message,
                                             event.problem, event.kind))
            elif isinstance(event, TokenBatch | GenerationFinished):
                self._to_sink(run, event)
            return
        request = self._app.get(rid)
        if request is not None:
            if isinstance(event, ENDS[request.kind]):
                del self._app[rid]
                if request.kind == "generate":
                    self._end_flight(rid)
            self._to_app(renumbered(event, request.outer))
            return
        if self._starting:
            self._limbo.append(event)
            return
        self._to_app(event)

    def _end_flight(self, inner: int) -> None:
        flight = self._flight
        if flight is not None and flight.inner == inner:
            self._flight = None
            self._post_advance()

    def _died(self, event: EngineDied) -> None:
        """The engine process ended: whatever it was doing is over (it starts again with
        the next request, loading the model again)."""
        flight = self._flight
        if flight is not None and flight.inner is None:
            flight = None  # being sent now: it goes to the fresh process
        job_died = flight is not None and flight.run is not None
        if flight is not None:
            self._flight = None
            if flight.run is not None:
                self._to_sink(flight.run, JobFailed(
                    Refusal.ENGINE_STOPPED, f"The engine stopped: {event.problem.message}",
                    event.problem))
        if event.during_load:
            self._loaded = None
            self._changing = False
            self._fail_jobs(JobFailed(Refusal.ENGINE_STOPPED, "The model could not be "
                                      "loaded: " + event.problem.message, event.problem))
        request = self._app.get(event.request_id) if event.request_id is not None else None
        self._app.clear()
        self._jobs.clear()
        if request is not None:
            self._to_app(renumbered(event, request.outer))
        elif not job_died or event.during_load or self._pending is None:
            # A job's engine died: the user hears of it, unless their own reply waits to
            # start (which starts a fresh engine).
            self._to_app(renumbered(event, None))
        self._post_advance()

    def _release(self) -> None:
        """With the lock held: let the gate's thread hand on what waits."""
        if (self._limbo or self._outbox) and not self._flushing:
            self._flushing = True
            if self._closed:
                self._flush()
            else:
                self._sequencer.post(self._flush)

    def _to_app_later(self, event: Event) -> None:
        self._outbox.append(event)
        self._release()

    def _flush(self) -> None:
        with self._lock:
            self._flushing = False
            outbox, self._outbox = self._outbox, []
            held, self._limbo = self._limbo, []
            for event in outbox:
                self._to_app(event)
            for event in held:  # those still unknown wait again, for their start
                self._route(event)

    def _to_app(self, event: Event) -> None:
        try:
            self._on_event(event)
        except Exception:  # a faulty listener must not stop the engine's thread
            log.exception("the app's engine listener failed")

    @staticmethod
    def _to_sink(run: JobRun, event: JobEvent) -> None:
        if run.ended:
            return
        if isinstance(event, JobFailed | GenerationFinished):
            run.ended = True
        try:
            run.sink(event)
        except Exception:
            log.exception("a job's listener failed")

    # --- app requests that need no queue ---------------------------------------------

    def _app_call(self, kind: AppKind, call: Callable[[], int | None]) -> int | None:
        with self._lock:
            self._starting += 1
        try:
            inner = call()
        except BaseException:
            with self._lock:
                self._starting -= 1
                self._release()
            raise
        with self._lock:
            self._starting -= 1
            outer = None
            if inner is not None:
                outer = next(self._ids)
                self._app[inner] = AppRequest(outer, kind)
            self._release()
            return outer

