"""The gate's rules with the scripted engine (replies on cue, from threads of their own
as a real engine's events are): the user's reply goes first, a job's events reach only
its client, cancelling touches only the right request, a model change fails the jobs."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from core.conversation.types import FinishReason
from core.engine.protocol import (
    EngineDied,
    Generate,
    GenerationFinished,
    LoadModel,
    ModelLoaded,
    PromptCount,
    TokenBatch,
)
from core.engine.scripted import ScriptedEngine
from core.engine.seam import EventCallback
from core.errors import Problem
from core.sampling.params import SamplingParams
from core.server.gate import EngineGate
from core.server.jobs import Job, JobFailed, Refusal

GREEDY = SamplingParams(temperature=0.0, max_tokens=8)
MESSAGES = ({"role": "user", "content": "Hello there"},)


class Events:
    """What one consumer received, from any thread."""

    def __init__(self) -> None:
        self.items: list[object] = []
        self.lock = threading.Lock()

    def __call__(self, event: object) -> None:
        with self.lock:
            self.items.append(event)

    def of(self, kind: type) -> list[object]:
        with self.lock:
            return [e for e in self.items if isinstance(e, kind)]

    def ended(self) -> bool:
        return bool(self.of(GenerationFinished) or self.of(JobFailed))

    def text(self) -> str:
        return "".join(e.text for e in self.of(TokenBatch))  # type: ignore[attr-defined]


def wait(until: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not until():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


class Rig:
    def __init__(self, threaded: bool = True, delay: float = 0.01) -> None:
        self.app = Events()
        self.engines: list[ScriptedEngine] = []

        def factory(on_event: EventCallback) -> ScriptedEngine:
            engine = ScriptedEngine(on_event, threaded=threaded, token_delay_s=delay)
            self.engines.append(engine)
            return engine

        self.gate = EngineGate(self.app, factory, max_queued=3)
        self.engine = self.engines[0]

    def load(self) -> None:
        self.gate.load(LoadModel("/models/scripted.gguf"))
        wait(lambda: self.gate.loaded is not None)

    def submit(self, *pieces: str) -> Events:
        if pieces:
            self.engine.enqueue_reply(*pieces)
        sink = Events()
        self.ticket = self.gate.submit(Job(MESSAGES, GREEDY), sink)
        return sink

    def generates(self) -> list[Generate]:
        return [r for r in self.engine.requests if isinstance(r, Generate)]


@pytest.fixture
def rig() -> Iterator[Rig]:
    rig = Rig()
    rig.load()
    yield rig
    rig.gate.close()


def test_a_job_streams_to_its_sink_and_the_app_sees_nothing_of_it(rig: Rig) -> None:
    sink = rig.submit("Hi", " there", "!")
    wait(sink.ended)
    assert sink.text() == "Hi there!"
    (finished,) = sink.of(GenerationFinished)
    assert finished.reason is FinishReason.STOP  # type: ignore[attr-defined]
    assert rig.app.of(TokenBatch) == [] and rig.app.of(GenerationFinished) == []
    state = rig.gate.state()
    assert not state.job_running and state.queued == 0 and not state.user_generating


def test_the_user_goes_ahead_of_waiting_jobs(rig: Rig) -> None:
    # The scripted engine answers generations in the order they reach it.
    for reply in (["j1"] * 20, ["mine"], ["j2"]):
        rig.engine.enqueue_reply(*reply)
    first = rig.submit()
    wait(lambda: bool(first.of(TokenBatch)))
    second = rig.submit()
    reply = rig.gate.generate(MESSAGES, GREEDY)
    assert rig.gate.running_request == reply
    # The reply waits for the running job: nothing was sent for it yet.
    assert len(rig.generates()) == 1
    state = rig.gate.state()
    assert state.user_generating and state.job_running and state.queued == 1
    wait(second.ended)
    assert first.text() == "j1" * 20 and rig.app.text() == "mine" and second.text() == "j2"
    finished = rig.app.of(GenerationFinished)
    assert [f.request_id for f in finished] == [reply]  # type: ignore[attr-defined]
    # The app's events carry the id the gate gave, whatever the engine's was.
    assert {b.request_id for b in rig.app.of(TokenBatch)} == {reply}  # type: ignore[attr-defined]


def test_reading_ahead_and_counting_wait_while_jobs_run(rig: Rig) -> None:
    rig.engine.enqueue_reply(*["x"] * 20)
    sink = rig.submit()
    wait(lambda: bool(sink.of(TokenBatch)))
    assert rig.gate.read_ahead(MESSAGES, GREEDY) is None
    assert rig.gate.count(MESSAGES, GREEDY) is None
    wait(sink.ended)
    wait(lambda: not rig.gate.state().job_running)
    counted = rig.gate.count(MESSAGES, GREEDY)
    assert counted is not None
    wait(lambda: bool(rig.app.of(PromptCount)))
    assert rig.app.of(PromptCount)[0].request_id == counted  # type: ignore[attr-defined]


def test_cancelling_a_waiting_job_never_reaches_the_engine(rig: Rig) -> None:
    rig.engine.enqueue_reply(*["x"] * 20)
    running = rig.submit()
    waiting = rig.submit("never")
    ticket = rig.ticket
    ticket.cancel()
    wait(running.ended)
    time.sleep(0.1)
    assert len(rig.generates()) == 1
    assert waiting.items == []


def test_cancelling_the_running_job_spares_the_user_reply_behind_it(rig: Rig) -> None:
    rig.engine.enqueue_reply(*["x"] * 200)
    job = rig.submit()
    ticket = rig.ticket
    wait(lambda: bool(job.of(TokenBatch)))
    rig.engine.enqueue_reply("mine", "!")
    reply = rig.gate.generate(MESSAGES, GREEDY)
    ticket.cancel()
    wait(job.ended)
    assert job.of(GenerationFinished)[0].reason is FinishReason.CANCELLED  # type: ignore[attr-defined]
    wait(lambda: bool(rig.app.of(GenerationFinished)))
    (mine,) = rig.app.of(GenerationFinished)
    assert mine.request_id == reply  # type: ignore[attr-defined]
    assert mine.reason is FinishReason.STOP and mine.text == "mine!"  # type: ignore[attr-defined]


def test_cancelling_a_job_that_waits_behind_the_user_leaves_the_user_reply(rig: Rig) -> None:
    rig.engine.enqueue_reply(*["u"] * 30)
    reply = rig.gate.generate(MESSAGES, GREEDY)
    job = rig.submit("job")
    rig.ticket.cancel()
    wait(lambda: bool(rig.app.of(GenerationFinished)))
    (mine,) = rig.app.of(GenerationFinished)
    assert mine.request_id == reply and mine.reason is FinishReason.STOP  # type: ignore[attr-defined]
    assert job.items == [] and len(rig.generates()) == 1


def test_the_user_stop_never_stops_a_job(rig: Rig) -> None:
    rig.engine.enqueue_reply(*["x"] * 10)
    job = rig.submit()
    wait(lambda: bool(job.of(TokenBatch)))
    rig.gate.cancel()
    wait(job.ended)
    assert job.of(GenerationFinished)[0].reason is FinishReason.STOP  # type: ignore[attr-defined]
    assert job.text() == "x" * 10


def test_the_user_stop_ends_a_waiting_reply_at_once(rig: Rig) -> None:
    rig.engine.enqueue_reply(*["x"] * 20)
    job = rig.submit()
    wait(lambda: bool(job.of(TokenBatch)))
    reply = rig.gate.generate(MESSAGES, GREEDY)
    rig.gate.cancel()
    wait(lambda: bool(rig.app.of(GenerationFinished)))
    (ended,) = rig.app.of(GenerationFinished)
    assert ended.request_id == reply and ended.reason is FinishReason.CANCELLED  # type: ignore[attr-defined]
    assert rig.gate.running_request is None
    wait(job.ended)
    time.sleep(0.05)
    assert len(rig.generates()) == 1


def test_loading_a_model_fails_the_waiting_and_running_jobs(rig: Rig) -> None:
    rig.engine.enqueue_reply(*["x"] * 200)
    running = rig.submit()
    wait(lambda: bool(running.of(TokenBatch)))
    waiting = rig.submit()
    rig.gate.load(LoadModel("/models/other.gguf"))
    for sink in (running, waiting):
        (failed,) = sink.of(JobFailed)
        assert failed.reason is Refusal.MODEL_CHANGING  # type: ignore[attr-defined]
    wait(lambda: rig.gate.loaded is not None)
    assert rig.gate.loaded is not None and rig.gate.loaded.model_name == "other"
    # Nothing more reaches the failed jobs, and the next job runs on the new model.
    time.sleep(0.05)
    assert len(running.of(JobFailed)) == 1 and not running.of(GenerationFinished)
    after = rig.submit("new")
    wait(after.ended)
    assert after.text() == "new"


def test_no_model_a_full_queue_and_a_closed_gate_are_refused_at_once() -> None:
    rig = Rig()
    try:
        sink = rig.submit()
        assert [f.reason for f in sink.of(JobFailed)] == [Refusal.NO_MODEL]  # type: ignore[attr-defined]
        rig.load()
        rig.engine.enqueue_reply(*["x"] * 50)
        sinks = [rig.submit()]
        wait(lambda: rig.gate.state().job_running)
        sinks += [rig.submit() for _ in range(4)]  # three wait, one too many
        refused = [s for s in sinks if s.of(JobFailed)]
        assert len(refused) == 1
        assert refused[0].of(JobFailed)[0].reason is Refusal.BUSY  # type: ignore[attr-defined]
    finally:
        rig.gate.close()
    for sink in sinks:
        wait(sink.ended)
    assert sum(1 for s in sinks if s.of(JobFailed)
               and s.of(JobFailed)[0].reason is Refusal.STOPPING) >= 3  # type: ignore[attr-defined]
    late = Events()
    rig.gate.submit(Job(MESSAGES, GREEDY), late)
    assert late.of(JobFailed)[0].reason is Refusal.STOPPING  # type: ignore[attr-defined]


def test_a_crash_in_a_job_fails_it_and_tells_the_user(rig: Rig) -> None:
    rig.engine.enqueue_crash(Problem.of("engine.died.killed", "killed ({signal})",
                                        signal="SIGKILL"), "partial")
    job = rig.submit()
    wait(job.ended)
    (failed,) = job.of(JobFailed)
    assert failed.reason is Refusal.ENGINE_STOPPED  # type: ignore[attr-defined]
    wait(lambda: bool(rig.app.of(EngineDied)))
    assert rig.app.of(EngineDied)[0].request_id is None  # type: ignore[attr-defined]
    assert not rig.gate.state().job_running


def test_an_engine_that_answers_before_returning_its_id(tmp_path: Path) -> None:
    """The inline scripted engine emits a reply's events inside ``generate``: the gate
    holds them until it knows whose they are."""
    rig = Rig(threaded=False)
    try:
        rig.load()
        assert isinstance(rig.app.of(ModelLoaded)[0], ModelLoaded)
        rig.engine.enqueue_reply("a", "b")
        reply = rig.gate.generate(MESSAGES, GREEDY)
        # Handed on by the gate's thread, after the id was returned.
        wait(lambda: bool(rig.app.of(GenerationFinished)))
        batches = rig.app.of(TokenBatch)
        assert [b.request_id for b in batches] == [reply, reply]  # type: ignore[attr-defined]
        assert rig.app.of(GenerationFinished)[0].request_id == reply  # type: ignore[attr-defined]
        job = rig.submit("c")
        wait(job.ended)
        assert job.text() == "c" and len(rig.app.of(TokenBatch)) == 2
    finally:
        rig.gate.close()


def test_events_of_other_requests_pass_unchanged(rig: Rig) -> None:
    inspected = rig.gate.inspect(MESSAGES)
    wait(lambda: len(rig.app.items) > 3)
    kinds = [type(e).__name__ for e in rig.app.items]
    assert "PromptInspection" in kinds
    inspection = next(e for e in rig.app.items if type(e).__name__ == "PromptInspection")
    assert inspection.request_id == inspected  # type: ignore[attr-defined]

