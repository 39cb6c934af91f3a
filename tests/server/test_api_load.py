"""A bounded load: 8 clients at once, 20 requests each, streamed and whole, against the
gate over the scripted engine (the model would add nothing but minutes: the queueing,
the threads and the HTTP are the real ones).  Every request ends in a complete answer
or a clean error in OpenAI's shape; nothing hangs, nothing is left running."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import openai
import pytest

from core.engine.protocol import LoadModel
from core.engine.scripted import ScriptedEngine
from core.engine.seam import EventCallback
from core.server.config import ServerConfig
from core.server.gate import EngineGate
from core.server.runner import ServerRunner

CLIENTS = 8
REQUESTS = 20
HI = [{"role": "user", "content": "Hello"}]


@dataclass
class Outcome:
    complete: int = 0
    refused: int = 0
    wrong: int = 0


def wait(until: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not until():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def run_load(max_queued: int) -> tuple[Outcome, ServerRunner, EngineGate]:
    def factory(on_event: EventCallback) -> ScriptedEngine:
        return ScriptedEngine(on_event, threaded=True, token_delay_s=0.001)

    gate = EngineGate(lambda _event: None, factory, max_queued=max_queued)
    gate.load(LoadModel("/models/scripted.gguf"))
    wait(lambda: gate.loaded is not None)
    runner = ServerRunner(gate, ServerConfig(port=0))
    address = runner.start()
    outcome = Outcome()
    lock = threading.Lock()

    def client(number: int) -> None:
        api = openai.OpenAI(base_url=address.base_url, api_key="none", max_retries=0,
                            timeout=60)
        for n in range(REQUESTS):
            try:
                if (number + n) % 2:
                    chunks = list(api.chat.completions.create(
                        model="", messages=HI, max_tokens=4, stream=True))
                    text = "".join(c.choices[0].delta.content or "" for c in chunks
                                   if c.choices)
                    finish = chunks[-1].choices[0].finish_reason
                else:
                    reply = api.chat.completions.create(model="", messages=HI, max_tokens=4)
                    text = reply.choices[0].message.content or ""
                    finish = reply.choices[0].finish_reason
                good = text == "Hello!" and finish == "stop"
                with lock:
                    outcome.complete += good
                    outcome.wrong += not good
            except openai.APIStatusError as exc:
                clean = 400 <= exc.status_code < 600 and isinstance(exc.body, dict) \
                    and {"message", "type", "code"} <= set(exc.body)
                with lock:
                    outcome.refused += clean
                    outcome.wrong += not clean

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(t.is_alive() for t in threads)
    return outcome, runner, gate


@pytest.mark.timeout(180)
def test_eight_clients_twenty_requests_each_all_answered() -> None:
    outcome, runner, gate = run_load(max_queued=64)
    try:
        assert outcome == Outcome(complete=CLIENTS * REQUESTS)
        wait(lambda: runner.requests.active == 0)
        assert runner.requests.served == CLIENTS * REQUESTS
        assert all(e.status == 200 for e in runner.requests.entries())
        state = gate.state()
        assert not state.job_running and state.queued == 0
    finally:
        runner.stop()
        gate.close()


@pytest.mark.timeout(180)
def test_a_short_queue_turns_the_overflow_away_cleanly() -> None:
    outcome, runner, gate = run_load(max_queued=2)
    try:
        assert outcome.wrong == 0
        assert outcome.complete + outcome.refused == CLIENTS * REQUESTS
        assert outcome.complete > 0 and outcome.refused > 0
        wait(lambda: runner.requests.active == 0)
        statuses = {e.status for e in runner.requests.entries()}
        assert statuses <= {200, 429}
    finally:
        runner.stop()
        gate.close()
