"""The remote engine against a real OpenAI-compatible server: llama-cpp-python's own
(``llama_cpp.server``) serving SmolLM2 on 127.0.0.1, started here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.conversation.types import FinishReason
from core.engine.protocol import (
    EngineFailure,
    GenerationFinished,
    ModelLoaded,
    PromptInspection,
    TokenBatch,
)
from core.remote.engine import RemoteEngine
from core.remote.refs import make_ref
from core.remote.servers import RemoteServer, RemoteTarget
from core.sampling.params import SamplingParams
from tests.peer_server import PeerServer, running
from tests.remote.events import Events

pytestmark = pytest.mark.model

KEY = "test-key-123"
GREEDY = SamplingParams(temperature=0.0, max_tokens=12)
HELLO = [{"role": "user", "content": "Say hello."}]


@pytest.fixture(scope="module")
def peer(starter_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PeerServer]:
    log = tmp_path_factory.mktemp("peer") / "server.log"
    with running(starter_model, log, api_key=KEY) as server:
        yield server


@pytest.fixture
def remote(peer: PeerServer, starter_model: Path) -> Iterator[tuple[RemoteEngine, Events]]:
    events = Events()
    engine = RemoteEngine(events)
    chosen = RemoteTarget(RemoteServer("Lab box", peer.base_url), starter_model.name, KEY)
    engine.load_target(chosen, make_ref(chosen.server.id, chosen.model))
    loaded = events.wait_for(ModelLoaded, EngineFailure)
    assert isinstance(loaded, ModelLoaded), loaded
    yield engine, events
    engine.close()


def test_load_lists_the_server_and_says_it_formats_the_prompt(
        remote: tuple[RemoteEngine, Events], starter_model: Path, peer: PeerServer) -> None:
    _, events = remote
    loaded = events.of(ModelLoaded)[0]
    assert loaded.remote and loaded.mode == "chat"
    assert loaded.model_name == f"{starter_model.name} @ Lab box"
    assert loaded.engine == f"Lab box ({peer.base_url})"
    assert loaded.template_reason.code == "template.reason.server"
    assert loaded.template_text == ""


def test_a_streamed_reply_arrives_in_batches_with_its_numbers(
        remote: tuple[RemoteEngine, Events]) -> None:
    engine, events = remote
    request_id = engine.generate(HELLO, GREEDY)
    finished = events.wait_for(GenerationFinished, EngineFailure)
    assert isinstance(finished, GenerationFinished), finished
    assert finished.request_id == request_id
    batches = [b for b in events.of(TokenBatch) if b.request_id == request_id]
    assert batches and "".join(b.text for b in batches) == finished.text
    assert finished.text.strip()
    streamed = sum(len(b.token_ids) for b in batches)
    assert finished.reason in (FinishReason.STOP, FinishReason.LENGTH)
    assert 0 < streamed <= GREEDY.max_tokens
    assert finished.stats.completion_tokens == streamed  # no usage from this server
    assert finished.stats.ttft_ms > 0
    # Greedy twice: the same reply (the server applied temperature 0).
    again = engine.generate(HELLO, GREEDY)
    second = events.wait_for(GenerationFinished)
    assert isinstance(second, GenerationFinished) and second.request_id == again
    assert second.text == finished.text


def test_stop_closes_the_stream_and_keeps_what_arrived(
        remote: tuple[RemoteEngine, Events]) -> None:
    engine, events = remote
    request_id = engine.generate([{"role": "user", "content": "Count from 1 to 500."}],
                                 SamplingParams(temperature=0.0, max_tokens=400))
    first = events.wait_for(TokenBatch)
    assert isinstance(first, TokenBatch) and first.request_id == request_id
    engine.cancel()
    finished = events.wait_for(GenerationFinished)
    assert isinstance(finished, GenerationFinished)
    assert finished.reason is FinishReason.CANCELLED
    streamed = "".join(b.text for b in events.of(TokenBatch) if b.request_id == request_id)
    assert finished.text == streamed and finished.text
    assert finished.stats.completion_tokens < 400
    assert engine.running_request is None
    # The engine answers the next request normally.
    engine.generate(HELLO, GREEDY)
    assert isinstance(events.wait_for(GenerationFinished), GenerationFinished)


def test_inspection_shows_the_request_not_a_prompt(remote: tuple[RemoteEngine, Events],
                                                    starter_model: Path) -> None:
    engine, events = remote
    engine.inspect([{"role": "system", "content": "Be brief."}, *HELLO])
    inspection = events.wait_for(PromptInspection)
    assert isinstance(inspection, PromptInspection)
    assert inspection.tokens == ()
    assert '"model": "' + starter_model.name + '"' in inspection.text
    assert "Be brief." in inspection.text
    assert inspection.template_reason.code == "template.reason.server"
    assert engine.count(HELLO, GREEDY) is None and engine.read_ahead(HELLO, GREEDY) is None


def test_a_wrong_key_is_refused_clearly(peer: PeerServer, starter_model: Path) -> None:
    events = Events()
    engine = RemoteEngine(events)
    try:
        wrong = RemoteTarget(RemoteServer("Lab box", peer.base_url), starter_model.name, "nope")
        engine.load_target(wrong, make_ref(wrong.server.id, wrong.model))
        failure = events.wait_for(ModelLoaded, EngineFailure)
        assert isinstance(failure, EngineFailure)
        assert failure.problem.code == "remote.unauthorized"
        assert failure.problem.fields["status"] == 401
        assert "nope" not in failure.problem.message
    finally:
        engine.close()


def test_an_unknown_model_is_named(peer: PeerServer) -> None:
    events = Events()
    engine = RemoteEngine(events)
    try:
        missing = RemoteTarget(RemoteServer("Lab box", peer.base_url), "no-such-model", KEY)
        engine.load_target(missing, make_ref(missing.server.id, missing.model))
        failure = events.wait_for(ModelLoaded, EngineFailure)
        assert isinstance(failure, EngineFailure)
        assert failure.problem.code == "remote.model_not_found"
        assert failure.problem.fields["model"] == "no-such-model"
    finally:
        engine.close()


def test_a_server_killed_mid_stream_keeps_the_partial_reply(
        starter_model: Path, tmp_path: Path) -> None:
    events = Events()
    engine = RemoteEngine(events)
    with running(starter_model, tmp_path / "dying.log") as dying:
        try:
            chosen = RemoteTarget(RemoteServer("Dying", dying.base_url), starter_model.name)
            engine.load_target(chosen, make_ref(chosen.server.id, chosen.model))
            assert isinstance(events.wait_for(ModelLoaded, EngineFailure), ModelLoaded)
            request_id = engine.generate([{"role": "user", "content": "Count to 300."}],
                                         SamplingParams(temperature=0.0, max_tokens=400))
            first = events.wait_for(TokenBatch)
            assert isinstance(first, TokenBatch)
            dying.kill()
            failure = events.wait_for(EngineFailure, GenerationFinished)
            assert isinstance(failure, EngineFailure), failure
            assert failure.request_id == request_id
            assert failure.problem.code in ("remote.truncated", "remote.unreachable")
            streamed = "".join(b.text for b in events.of(TokenBatch))
            assert streamed.strip()
            # The next request says the server cannot be reached.
            engine.generate(HELLO, GREEDY)
            gone = events.wait_for(EngineFailure, GenerationFinished)
            assert isinstance(gone, EngineFailure)
            assert gone.problem.code == "remote.unreachable"
        finally:
            engine.close()
