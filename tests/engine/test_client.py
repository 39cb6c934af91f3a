"""The engine process with the real SmolLM2: loading, streaming, stopping, crashing."""

from __future__ import annotations

import os
import queue
import signal
import time
from pathlib import Path

import pytest

from core.engine.client import EngineClient, exit_problem
from core.engine.protocol import (
    EngineDied,
    EngineFailure,
    Event,
    GenerationFinished,
    LoadModel,
    ModelLoaded,
    TokenBatch,
)
from core.engine.sync import SyncEngine
from core.errors import BadInput, EngineCrashed, EngineError, ModelFileError
from core.sampling.params import SamplingParams

GREEDY = SamplingParams(temperature=0.0, max_tokens=48)
SYSTEM = {"role": "system", "content": "You are a helpful assistant."}
QUESTION = [SYSTEM, {"role": "user", "content": "What is the capital of France?"}]
LONG = [{"role": "user", "content": "Write a very long story about a dragon, in detail."}]


def test_loaded_model_reports_itself(engine: SyncEngine, starter_model: Path) -> None:
    loaded = engine.loaded
    assert loaded is not None
    assert loaded.model_path == str(starter_model)
    assert loaded.n_ctx == 2048
    assert loaded.n_ctx_train == 8192
    assert loaded.template_source == "model"


def test_greedy_reply_is_repeatable_and_stops_by_itself(engine: SyncEngine) -> None:
    first = engine.generate(QUESTION, SamplingParams(temperature=0.0, max_tokens=200))
    second = engine.generate(QUESTION, SamplingParams(temperature=0.0, max_tokens=200))
    assert first.text == second.text
    assert "Paris" in first.text
    # SmolLM2 ends its turn with <|im_end|>: the reply stops by itself, and no special
    # token text ever reaches the user.
    assert first.reason == "stop"
    assert first.stats.completion_tokens < 200
    assert "<|" not in first.text


def test_tokens_stream_in_batches_before_the_end(engine: SyncEngine) -> None:
    events = list(engine.stream(LONG, SamplingParams(temperature=0.0, max_tokens=64)))
    batches = [e for e in events if isinstance(e, TokenBatch)]
    final = events[-1]
    assert isinstance(final, GenerationFinished)
    assert len(batches) >= 4
    assert "".join(b.text for b in batches) == final.text
    assert sum(len(b.token_ids) for b in batches) == final.stats.completion_tokens == 64
    assert final.reason == "length"
    assert final.stats.tokens_per_s > 0
    assert final.stats.ttft_ms > 0


def test_same_seed_same_sampled_reply_other_seed_differs(engine: SyncEngine) -> None:
    def sample(seed: int) -> str:
        params = SamplingParams(temperature=1.0, top_k=0, top_p=1.0, min_p=0.0,
                                max_tokens=40, seed=seed)
        return engine.generate(LONG, params).text

    assert sample(7) == sample(7)
    assert sample(7) != sample(8)


def test_stop_string_cuts_the_reply_and_is_never_shown(engine: SyncEngine) -> None:
    unstopped = engine.generate(LONG, SamplingParams(temperature=0.0, max_tokens=60)).text
    words = unstopped.split()
    stop = words[len(words) // 2]
    result = engine.generate(LONG, SamplingParams(temperature=0.0, max_tokens=60,
                                                  stop=(stop,)))
    assert result.reason == "stop"
    assert stop not in result.text
    assert unstopped.startswith(result.text)


def test_follow_up_turn_reuses_the_cached_prefix(engine: SyncEngine) -> None:
    first = engine.generate(QUESTION, GREEDY)
    follow = [*QUESTION, {"role": "assistant", "content": first.text},
              {"role": "user", "content": "And of Spain?"}]
    second = engine.generate(follow, GREEDY)
    assert second.stats.prompt_tokens_evaluated < second.stats.prompt_tokens / 2


def test_cancel_stops_within_a_token_or_two(engine: SyncEngine) -> None:
    request_id = engine.client.generate(LONG, SamplingParams(temperature=0.0,
                                                             max_tokens=2000))
    received = 0
    final: GenerationFinished | None = None
    while final is None:
        event = engine.events.get(timeout=60)
        if isinstance(event, TokenBatch) and event.request_id == request_id:
            received += len(event.token_ids)
            if received >= 5 and engine.client.running_request == request_id:
                engine.client.cancel()
        elif isinstance(event, GenerationFinished) and event.request_id == request_id:
            final = event
    assert final.reason == "cancelled"
    assert final.stats.completion_tokens < 40


def test_conversation_longer_than_the_context_is_refused(engine: SyncEngine) -> None:
    huge = [{"role": "user", "content": "word " * 3000}]
    with pytest.raises(EngineError, match="context"):
        engine.generate(huge, GREEDY)
    # The engine keeps serving after a refused request.
    assert engine.generate(QUESTION, GREEDY).text


def test_invalid_sampling_is_rejected_before_the_engine() -> None:
    with pytest.raises(BadInput, match="temperature"):
        SamplingParams(temperature=-1.0).validated()


def test_corrupt_model_file_gives_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\xff" * 64)
    with SyncEngine() as engine, pytest.raises(ModelFileError) as caught:
        engine.load(LoadModel(str(bad)))
    assert "broken.gguf" in caught.value.message or "GGUF" in caught.value.message


def test_generate_before_any_load_is_refused() -> None:
    client = EngineClient(lambda event: None)
    with pytest.raises(EngineError, match="No model"):
        client.generate(QUESTION, GREEDY)
    client.close()


def test_killed_worker_is_reported_and_replaced(starter_model: Path) -> None:
    events: queue.Queue[Event] = queue.Queue()
    client = EngineClient(events.put)
    try:
        client.load(LoadModel(str(starter_model), n_ctx=1024))
        _wait_for(events, ModelLoaded)
        request_id = client.generate(LONG, SamplingParams(temperature=0.0, max_tokens=2000))
        _wait_for(events, TokenBatch)
        first_pid = client.pid
        assert first_pid is not None
        os.kill(first_pid, signal.SIGKILL)
        died = _wait_for(events, EngineDied)
        assert died.exit_code == -signal.SIGKILL
        assert died.request_id == request_id
        assert "SIGKILL" in died.problem.message
        assert not died.during_load
        # The next request starts a fresh worker and reloads the model by itself.
        next_id = client.generate(QUESTION, GREEDY)
        finished = _wait_for(events, GenerationFinished)
        assert finished.request_id == next_id
        assert "Paris" in finished.text
        assert client.pid != first_pid
    finally:
        client.close()


def test_exit_problems_name_signals() -> None:
    crashed = exit_problem(-signal.SIGSEGV)
    assert crashed.code == "engine.died.crashed" and "SIGSEGV" in crashed.message
    assert exit_problem(-signal.SIGABRT).code == "engine.died.aborted"
    assert exit_problem(-signal.SIGKILL).fields == {"signal": "SIGKILL"}
    assert exit_problem(3).code == "engine.died.exit" and "status 3" in exit_problem(3).message
    assert exit_problem(None).code == "engine.died.unresponsive"


def test_sync_engine_turns_a_crash_into_an_exception(starter_model: Path) -> None:
    with SyncEngine() as engine:
        engine.load(LoadModel(str(starter_model), n_ctx=512))
        stream = engine.stream(LONG, SamplingParams(temperature=0.0, max_tokens=2000))
        next(stream)
        pid = engine.client.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(EngineCrashed) as caught:
            for _ in stream:
                pass
        assert caught.value.exit_code == -signal.SIGKILL


def _wait_for(events: queue.Queue[Event], kind: type, timeout: float = 120.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        event = events.get(timeout=max(0.1, deadline - time.monotonic()))
        if isinstance(event, EngineFailure):
            problem = event.problem
            raise AssertionError(f"engine failure: {problem.message}\n{problem.details}")
        if isinstance(event, kind):
            return event
    raise AssertionError(f"no {kind.__name__} within {timeout} s")


def test_stop_kills_a_worker_stuck_in_a_runaway_template(starter_model: Path) -> None:
    """A model file's template can hang rendering inside one C call (a deep list
    comparison) where no limit is checked; Stop must still end it."""
    from core.engine import client as client_module

    bomb = ("{% set ns = namespace(a=[1], b=[1]) %}{% for i in range(64) %}"
            "{% set ns.a = [ns.a, ns.a] %}{% set ns.b = [ns.b, ns.b] %}{% endfor %}"
            "{{ ns.a == ns.b }}")
    events: queue.Queue[Event] = queue.Queue()
    client = EngineClient(events.put)
    try:
        client.load(LoadModel(str(starter_model), n_ctx=512, template_override=bomb))
        _wait_for(events, ModelLoaded)
        client.generate(QUESTION, GREEDY)
        time.sleep(0.5)
        stopped_at = time.monotonic()
        client.cancel()
        died = _wait_for(events, EngineDied, timeout=client_module.STOP_GRACE_S + 10)
        assert time.monotonic() - stopped_at < client_module.STOP_GRACE_S + 3
        assert "did not stop" in died.problem.message
        assert not died.during_load
        assert not client.alive
    finally:
        client.close()
