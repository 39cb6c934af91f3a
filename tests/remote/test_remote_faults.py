"""The remote engine against a server that misbehaves on purpose (tests/remote/
fault_server.py): each failure a clear, coded message, and what arrived is kept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.conversation.types import FinishReason
from core.engine.protocol import EngineFailure, GenerationFinished, ModelLoaded, TokenBatch
from core.remote.engine import RemoteEngine
from core.remote.refs import make_ref
from core.remote.servers import RemoteServer, RemoteTarget
from core.sampling.params import SamplingParams
from core.tools.choice import ToolChoice, ToolChoiceMode, ToolOffer
from tests.remote.events import Events
from tests.remote.fault_server import MODEL, FaultServer, fault_server

HELLO = [{"role": "user", "content": "Hi"}]
SAMPLE = SamplingParams(temperature=0.7, max_tokens=50, seed=3)


@pytest.fixture
def served() -> Iterator[tuple[FaultServer, RemoteEngine, Events]]:
    with fault_server() as server:
        events = Events()
        engine = RemoteEngine(events, read_timeout_s=1.0)
        chosen = RemoteTarget(RemoteServer("Faulty", server.base_url), MODEL, "k-1")
        engine.load_target(chosen, make_ref(chosen.server.id, MODEL))
        loaded = events.wait_for(ModelLoaded, EngineFailure)
        assert isinstance(loaded, ModelLoaded) and loaded.n_ctx == 8192
        try:
            yield server, engine, events
        finally:
            engine.close()


def reply(served: tuple[FaultServer, RemoteEngine, Events], scenario: str,
          **kwargs: object) -> tuple[GenerationFinished | EngineFailure, str]:
    server, engine, events = served
    server.scenario = scenario
    request_id = engine.generate(HELLO, kwargs.pop("sampling", SAMPLE), **kwargs)  # type: ignore[arg-type]
    end = events.wait_for(GenerationFinished, EngineFailure)
    assert isinstance(end, GenerationFinished | EngineFailure)
    assert end.request_id == request_id
    streamed = "".join(b.text for b in events.of(TokenBatch) if b.request_id == request_id)
    return end, streamed


def test_the_key_goes_to_its_server_as_a_bearer_token(
        served: tuple[FaultServer, RemoteEngine, Events]) -> None:
    end, _ = reply(served, "ok")
    assert isinstance(end, GenerationFinished) and end.text == "Hello there"
    server = served[0]
    assert all(h.get("Authorization") == "Bearer k-1" for h in server.headers_seen)
    body = server.bodies[-1]
    assert body["model"] == MODEL and body["stream"] is True
    assert body["temperature"] == 0.7 and body["seed"] == 3 and body["top_k"] == 40
    assert body["max_tokens"] == 50


def test_rate_limits_say_how_long_to_wait(
        served: tuple[FaultServer, RemoteEngine, Events]) -> None:
    end, _ = reply(served, "rate_limited")
    assert isinstance(end, EngineFailure)
    assert end.problem.code == "remote.rate_limited_wait"
    assert end.problem.fields["seconds"] == 7


@pytest.mark.parametrize(("scenario", "code", "kept"), [
    ("garbage", "remote.bad_reply", "Partial"),
    ("truncated", "remote.truncated", "Cut short"),
    ("stall", "remote.timeout", "Wait"),
])
def test_a_broken_stream_keeps_what_arrived(
        served: tuple[FaultServer, RemoteEngine, Events], scenario: str, code: str,
        kept: str) -> None:
    end, streamed = reply(served, scenario)
    assert isinstance(end, EngineFailure)
    assert end.problem.code == code
    assert streamed == kept


def test_a_hostile_error_message_is_short_plain_text(
        served: tuple[FaultServer, RemoteEngine, Events]) -> None:
    end, _ = reply(served, "hostile_error")
    assert isinstance(end, EngineFailure)
    assert end.problem.code == "remote.server_error"
    message = str(end.problem.fields["message"])
    assert "\x1b" not in message and "\u202e" not in message
    assert len(message) <= 300 and message.startswith("[31mboom")


def test_a_strict_server_is_asked_again_without_llama_cpp_fields(
        served: tuple[FaultServer, RemoteEngine, Events]) -> None:
    end, streamed = reply(served, "strict")
    assert isinstance(end, GenerationFinished) and end.text == "Strict ok" == streamed
    assert [n.code for n in end.notes] == ["remote.extras_refused"]
    # The next reply goes without them at once.
    server = served[0]
    sent = len(server.bodies)
    end, _ = reply(served, "strict")
    assert isinstance(end, GenerationFinished) and len(server.bodies) == sent + 1


def test_beam_search_is_named_as_not_sent(
        served: tuple[FaultServer, RemoteEngine, Events]) -> None:
    beam = SamplingParams(temperature=0.0, strategy="beam", max_tokens=20)
    end, _ = reply(served, "ok", sampling=beam)
    assert isinstance(end, GenerationFinished)
    assert [(n.code, n.fields["settings"]) for n in end.notes] == [
        ("remote.ignored_settings", "beam search")]
    assert served[0].bodies[-1]["temperature"] == 0.0


def test_reasoning_and_tool_calls_are_read_from_the_stream(
        served: tuple[FaultServer, RemoteEngine, Events]) -> None:
    end, _ = reply(served, "reasoning")
    assert isinstance(end, GenerationFinished)
    assert end.reasoning == "Let me think. Done." and end.text == "Four."
    assert end.reasoning_tokens == 2
    tool = {"type": "function", "function": {"name": "calculator", "parameters": {
        "type": "object", "properties": {"expression": {"type": "string"}}}}}
    offer = ToolOffer((tool,), ToolChoice(ToolChoiceMode.REQUIRED))
    end, _ = reply(served, "tool_call", offer=offer)
    assert isinstance(end, GenerationFinished) and end.reason is FinishReason.STOP
    assert [(c.name, dict(c.arguments), c.id) for c in end.tool_calls] == [
        ("calculator", {"expression": "2+2"}, "call_1")]
    body = served[0].bodies[-1]
    assert body["tools"] == [tool] and body["tool_choice"] == "required"


def test_stop_while_the_server_says_nothing(
        served: tuple[FaultServer, RemoteEngine, Events]) -> None:
    server, engine, events = served
    server.scenario = "slow"
    request_id = engine.generate(HELLO, SAMPLE)
    assert isinstance(events.wait_for(TokenBatch), TokenBatch)
    engine.cancel()
    end = events.wait_for(GenerationFinished)
    assert isinstance(end, GenerationFinished) and end.request_id == request_id
    assert end.reason is FinishReason.CANCELLED and end.text.startswith("w0 ")


def test_an_address_where_nothing_listens(unused_port: int) -> None:
    events = Events()
    engine = RemoteEngine(events)
    try:
        chosen = RemoteTarget(RemoteServer("Nowhere", f"http://127.0.0.1:{unused_port}"), "m")
        engine.load_target(chosen, make_ref(chosen.server.id, "m"))
        failure = events.wait_for(ModelLoaded, EngineFailure)
        assert isinstance(failure, EngineFailure)
        assert failure.problem.code == "remote.unreachable"
        assert failure.problem.fields["address"] == f"http://127.0.0.1:{unused_port}/v1"
    finally:
        engine.close()


@pytest.fixture
def unused_port() -> int:
    from tests.peer_server import free_port

    return free_port()
