"""Everything that is not a happy reply, over real HTTP with the scripted engine: raw
malformed requests, oversized bodies, keys, routes, models, refusals, web pages and
rebound host names, a failing engine.  Each is a 4xx/5xx in OpenAI's error shape, and
the server answers the next request as before."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx2 as httpx
import openai
import pytest

from core.engine.protocol import Generate, LoadModel
from core.engine.scripted import ScriptedEngine
from core.engine.seam import EventCallback
from core.errors import Problem
from core.server.config import ServerConfig
from core.server.gate import EngineGate
from core.server.limits import MAX_BODY_BYTES
from core.server.runner import Address, ServerError, ServerRunner

KEY = "s3cret-key"
HI = [{"role": "user", "content": "Hello"}]


@dataclass
class Rig:
    gate: EngineGate
    engine: ScriptedEngine
    runner: ServerRunner
    address: Address
    client: openai.OpenAI

    def post(self, body: bytes | str, path: str = "/v1/chat/completions",
             **headers: str) -> httpx.Response:
        sent = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json",
                **{k.replace("_", "-"): v for k, v in headers.items()}}
        return httpx.post(self.address.url + path, content=body, headers=sent, timeout=30)

    def alive(self) -> None:
        """The server still answers."""
        assert [m.id for m in self.client.models.list().data] == ["scripted"]


def error_of(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"message", "type", "param",
                                                              "code"}
    assert "Traceback" not in response.text
    return dict(body["error"])


def wait(until: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not until():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


@pytest.fixture
def rig() -> Iterator[Rig]:
    engines: list[ScriptedEngine] = []

    def factory(on_event: EventCallback) -> ScriptedEngine:
        engines.append(ScriptedEngine(on_event, threaded=True, token_delay_s=0.005))
        return engines[0]

    gate = EngineGate(lambda _event: None, factory, max_queued=2)
    gate.load(LoadModel("/models/scripted.gguf"))
    wait(lambda: gate.loaded is not None)
    runner = ServerRunner(gate, ServerConfig(port=0, api_key=KEY))
    address = runner.start()
    client = openai.OpenAI(base_url=address.base_url, api_key=KEY, max_retries=0, timeout=30)
    yield Rig(gate, engines[0], runner, address, client)
    runner.stop()
    gate.close()


def test_malformed_json_and_bodies_that_are_not_objects(rig: Rig) -> None:
    for body in (b"{not json", b"\xff\xfe", b"[1, 2]", b"", b"[" * 100_000):
        response = rig.post(body)
        assert response.status_code == 400, body[:10]
        assert error_of(response)["type"] == "invalid_request_error"
    rig.alive()


@pytest.mark.parametrize(("body", "param"), [
    ({"messages": []}, "messages"),
    ({"messages": [{"role": "wizard", "content": "x"}]}, "messages[0].role"),
    ({"messages": HI, "temperature": "hot"}, "temperature"),
    ({"messages": HI, "top_p": 3}, "top_p"),
    ({"messages": HI, "max_tokens": 0}, "max_tokens"),
    ({"messages": HI, "n": 2}, "n"),
    ({"messages": HI, "stop": 5}, "stop"),
    ({"messages": HI, "tool_choice": "required"}, "tool_choice"),
    ({"messages": HI, "response_format": {"type": "xml"}}, "response_format"),
    ({"messages": HI, "response_format": {"type": "json_schema", "json_schema": {
        "name": "x", "schema": {"type": "frobnicate"}}}}, "response_format"),
    ({"messages": [{"role": "user", "content": [
        {"type": "image_url", "image_url": {"url": "data:,"}}]}]}, "messages[0].content[0]"),
    ({"messages": [{"role": "assistant", "content": None, "tool_calls": [
        {"id": "1", "type": "function", "function": {"name": "f", "arguments": "{oops"}}]}]},
     "messages[0].tool_calls[0].function.arguments"),
])
def test_invalid_fields_are_named(rig: Rig, body: dict[str, Any], param: str) -> None:
    with pytest.raises(openai.BadRequestError) as refused:
        rig.client.chat.completions.create(model="scripted", **body)
    assert refused.value.param == param, refused.value.message
    assert rig.engine.requests[1:] == []  # nothing reached the engine


def test_oversized_bodies_are_refused_as_they_arrive(rig: Rig) -> None:
    big = json.dumps({"messages": [{"role": "user", "content": "x" * (MAX_BODY_BYTES + 10)}]})
    response = rig.post(big)
    assert response.status_code == 413 and error_of(response)["code"] == "request_too_large"
    rig.alive()

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds on the stream
        yield b'{"messages": [{"role": "user", "content": "'
        for _ in range(40):
            yield b"y" * 65536
        yield b'"}]}'

    response = rig.post(chunks())  # type: ignore[arg-type]
    assert response.status_code == 413
    rig.alive()
    with socket.create_connection(("127.0.0.1", rig.address.port)) as raw:
        # An absurd declared length is refused before a byte of the body is read.
        raw.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Authorization: Bearer " + KEY.encode() + b"\r\n"
                    b"Content-Length: " + str(64 << 20).encode() + b"\r\n\r\n{}")
        assert raw.recv(4096).startswith(b"HTTP/1.1 413 ")
    rig.alive()


def test_keys(rig: Rig) -> None:
    with pytest.raises(openai.AuthenticationError) as wrong:
        openai.OpenAI(base_url=rig.address.base_url, api_key="guess", max_retries=0
                      ).models.list()
    assert wrong.value.code == "invalid_api_key"
    response = httpx.get(rig.address.base_url + "/models")
    assert response.status_code == 401 and error_of(response)["code"] == "missing_api_key"
    assert response.headers["www-authenticate"] == "Bearer"
    assert httpx.get(rig.address.url + "/health").json() == {"status": "ok"}
    rig.alive()


def test_unknown_routes_methods_and_models(rig: Rig) -> None:
    with pytest.raises(openai.NotFoundError) as unknown_model:
        rig.client.chat.completions.create(model="gpt-4o", messages=HI)
    assert unknown_model.value.code == "model_not_found"
    response = rig.post(b"{}", path="/v1/embeddings")
    assert response.status_code == 404 and error_of(response)["type"] == "not_found_error"
    response = httpx.get(rig.address.base_url + "/chat/completions",
                         headers={"Authorization": f"Bearer {KEY}"})
    assert response.status_code == 405 and error_of(response)["code"] == "method_not_allowed"
    assert "POST" in response.headers["allow"]
    rig.alive()


def test_web_pages_and_rebound_names_are_refused(rig: Rig) -> None:
    body = json.dumps({"messages": HI})
    assert rig.post(body, origin="https://evil.example").status_code == 403
    assert rig.post(body, host="evil.example:80").status_code == 403
    assert error_of(rig.post(body, origin="null"))["code"] == "forbidden_origin"
    # The server's own address as the origin is the same site: served.
    own = rig.post(body, origin=rig.address.url)
    assert own.status_code == 200, own.text


def test_no_model_and_a_model_loading_are_503(rig: Rig) -> None:
    rig.gate.unload()
    wait(lambda: rig.gate.loaded is None)
    with pytest.raises(openai.InternalServerError) as refused:
        rig.client.chat.completions.create(model="", messages=HI)
    assert refused.value.status_code == 503 and refused.value.code == "model_not_loaded"
    assert rig.client.models.list().data == []
    rig.gate.load(LoadModel("/models/scripted.gguf"))
    wait(lambda: rig.gate.loaded is not None)
    rig.alive()


def test_a_model_change_fails_the_running_request_cleanly(rig: Rig) -> None:
    rig.engine.enqueue_reply(*["x"] * 400)
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(rig.post, json.dumps({"messages": HI}))
        wait(lambda: rig.gate.state().job_running)
        rig.gate.load(LoadModel("/models/scripted.gguf"))
        response = waiting.result(30)
    assert response.status_code == 503 and error_of(response)["code"] == "model_loading"
    wait(lambda: rig.gate.loaded is not None)
    rig.alive()


def test_a_full_queue_is_429_with_retry_after(rig: Rig) -> None:
    rig.engine.enqueue_reply(*["x"] * 200)
    with ThreadPoolExecutor(3) as pool:
        running = pool.submit(rig.post, json.dumps({"messages": HI, "stream": True}))
        wait(lambda: rig.gate.state().job_running)
        queued = [pool.submit(rig.post, json.dumps({"messages": HI})) for _ in range(2)]
        wait(lambda: rig.gate.state().queued == 2)
        response = rig.post(json.dumps({"messages": HI}))
        assert response.status_code == 429 and response.headers["retry-after"] == "1"
        assert error_of(response)["type"] == "rate_limit_error"
        # Those already waiting are answered in turn.
        assert running.result(30).text.endswith("data: [DONE]\n\n")
        for reply in queued:
            assert reply.result(30).json()["choices"][0]["message"]["content"] == "Hello!"
    rig.alive()


def test_a_client_that_leaves_while_waiting_never_reaches_the_engine(rig: Rig) -> None:
    rig.engine.enqueue_reply(*["x"] * 100)
    running = httpx.stream("POST", rig.address.base_url + "/chat/completions",
                           json={"messages": HI, "stream": True},
                           headers={"Authorization": f"Bearer {KEY}"}, timeout=30)
    with running as first:
        wait(lambda: rig.gate.state().job_running)
        with socket.create_connection(("127.0.0.1", rig.address.port)) as raw:
            body = json.dumps({"messages": HI}).encode()
            raw.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        b"Authorization: Bearer " + KEY.encode() + b"\r\n"
                        b"Content-Type: application/json\r\nContent-Length: "
                        + str(len(body)).encode() + b"\r\n\r\n" + body)
            wait(lambda: rig.gate.state().queued == 1)
        wait(lambda: rig.gate.state().queued == 0)
        assert b"".join(first.iter_bytes()).endswith(b"data: [DONE]\n\n")
    generates = [r for r in rig.engine.requests if isinstance(r, Generate)]
    assert len(generates) == 1
    wait(lambda: rig.runner.requests.served == 2)
    assert rig.runner.requests.entries()[0].status == 499


def test_engine_failures_are_clean_errors(rig: Rig) -> None:
    rig.engine.enqueue_failure(Problem.of(
        "conversation.context_full", "The conversation needs {tokens:,} tokens.",
        tokens=9000))
    with pytest.raises(openai.BadRequestError) as too_long:
        rig.client.chat.completions.create(model="", messages=HI)
    assert too_long.value.code == "context_length_exceeded"
    rig.engine.enqueue_failure(Problem.of("engine.decode_failed", "llama_decode failed",
                                          details="Traceback (most recent call last): x"))
    response = rig.post(json.dumps({"messages": HI}))
    assert response.status_code == 500 and error_of(response)["type"] == "server_error"
    rig.engine.enqueue_failure(Problem.of("engine.decode_failed", "llama_decode failed"),
                               "partial ")
    streamed = rig.post(json.dumps({"messages": HI, "stream": True}))
    assert streamed.status_code == 200
    events = [line[6:] for line in streamed.text.splitlines() if line.startswith("data: ")]
    assert json.loads(events[1])["choices"][0]["delta"] == {"content": "partial "}
    assert json.loads(events[-1])["error"]["type"] == "server_error"
    rig.alive()


def test_a_bug_in_a_route_is_a_500_without_its_traceback(
        rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: EngineGate) -> None:
        raise RuntimeError("a secret in the stack")

    monkeypatch.setattr(EngineGate, "loaded", property(broken))
    response = httpx.get(rig.address.base_url + "/models",
                         headers={"Authorization": f"Bearer {KEY}"})
    assert response.status_code == 500
    assert "secret" not in response.text and error_of(response)["type"] == "server_error"
    monkeypatch.undo()
    rig.alive()


def test_reasoning_streams_as_reasoning_content(rig: Rig) -> None:
    rig.engine.enqueue_reply("Paris", ".", reasoning=("Capital ", "of France."))
    whole = rig.client.chat.completions.create(model="", messages=HI)
    message = whole.choices[0].message
    assert message.content == "Paris." and message.reasoning_content == "Capital of France."  # type: ignore[attr-defined]
    assert whole.usage is not None and whole.usage.completion_tokens_details is not None
    assert whole.usage.completion_tokens_details.reasoning_tokens == 2
    rig.engine.enqueue_reply("Paris", ".", reasoning=("Capital ", "of France."))
    deltas = [c.choices[0].delta for c in rig.client.chat.completions.create(
        model="", messages=HI, stream=True)]
    assert "".join(getattr(d, "reasoning_content", None) or "" for d in deltas) == \
        "Capital of France."
    assert "".join(d.content or "" for d in deltas) == "Paris."


def test_the_log_keeps_what_was_served(rig: Rig) -> None:
    rig.engine.enqueue_reply("Hello", "!")
    rig.client.chat.completions.create(model="scripted", messages=HI)
    with pytest.raises(openai.NotFoundError):
        rig.client.chat.completions.create(model="other", messages=HI)
    # An entry is written once the answer is sent: the client may read it first.
    wait(lambda: rig.runner.requests.served == 2)
    served, refused = rig.runner.requests.entries()
    assert (served.status, served.model, served.route) == (200, "scripted",
                                                           "/v1/chat/completions")
    assert served.prompt_tokens == 20 and served.completion_tokens == 2
    assert served.client.startswith("127.0.0.1:") and served.ms > 0
    assert refused.status == 404 and "other" in refused.error
    assert rig.runner.requests.active == 0


def test_a_port_in_use_is_a_coded_problem(rig: Rig) -> None:
    other = ServerRunner(rig.gate, ServerConfig(port=rig.address.port))
    with pytest.raises(ServerError) as taken:
        other.start()
    assert taken.value.code == "server.port_in_use"
    assert taken.value.params == {"port": rig.address.port, "host": "127.0.0.1"}
    with pytest.raises(ServerError) as nowhere:
        ServerRunner(rig.gate, ServerConfig(host="no-such-host.invalid", port=0)).start()
    assert nowhere.value.code == "server.unknown_host"
    rig.alive()
