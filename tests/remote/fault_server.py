"""An OpenAI-compatible server that misbehaves on purpose, for the failures a real
server cannot be made to show on demand: too many requests, garbage and cut streams,
a stall, a strict server refusing unknown fields, a hostile error message.

Each request is answered by the scenario set in :attr:`FaultServer.scenario`; every
request body is kept in :attr:`FaultServer.bodies`.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL = "fault-model"


def chunk(content: str = "", finish: str | None = None, **delta: Any) -> bytes:
    if content:
        delta["content"] = content
    data = {"object": "chat.completion.chunk",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(data)}\n\n".encode()


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.scenario = "ok"
        self.bodies: list[dict[str, Any]] = []
        self.headers_seen: list[dict[str, str]] = []
        self.release = threading.Event()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _Handler(BaseHTTPRequestHandler):
    server: FaultServer

    def log_message(self, format: str, *args: Any) -> None:  # the base class names it so
        pass

    def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.headers_seen.append(dict(self.headers))
        self._json(200, {"object": "list", "data": [
            {"id": MODEL, "object": "model", "max_model_len": 8192}]})

    def _stream(self, pieces: list[bytes], *, pause: float = 0.0) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for piece in pieces:
            self.wfile.write(piece)
            self.wfile.flush()
            time.sleep(pause)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length))
        self.server.bodies.append(body)
        self.server.headers_seen.append(dict(self.headers))
        scenario = self.server.scenario
        if scenario == "ok":
            self._stream([chunk("Hello"), chunk(" there"), chunk(finish="stop"),
                          b"data: [DONE]\n\n"])
        elif scenario == "reasoning":
            self._stream([chunk(reasoning_content="Let me think."),
                          chunk(reasoning_content=" Done."), chunk("Four."),
                          chunk(finish="stop"), b"data: [DONE]\n\n"])
        elif scenario == "tool_call":
            self._stream([
                chunk(tool_calls=[{"index": 0, "id": "call_1", "type": "function",
                                   "function": {"name": "calculator", "arguments": ""}}]),
                chunk(tool_calls=[{"index": 0, "function": {"arguments": '{"expression"'}}]),
                chunk(tool_calls=[{"index": 0, "function": {"arguments": ': "2+2"}'}}]),
                chunk(finish="tool_calls"), b"data: [DONE]\n\n"])
        elif scenario == "rate_limited":
            self._json(429, {"error": {"message": "slow down"}}, {"Retry-After": "7"})
        elif scenario == "garbage":
            self._stream([chunk("Partial"), b"data: {not json\n\n"])
        elif scenario == "truncated":
            self._stream([chunk("Cut"), chunk(" short")])
        elif scenario == "stall":
            self._stream([chunk("Wait")])
            self.server.release.wait(30)
        elif scenario == "slow":
            self._stream([chunk(f"w{n} ") for n in range(200)] + [chunk(finish="stop")],
                         pause=0.02)
        elif scenario == "strict":
            unknown = [k for k in ("top_k", "min_p", "repeat_penalty") if k in body]
            if unknown:
                self._json(400, {"error": {"message": f"Unrecognized argument: {unknown[0]}"}})
            else:
                self._stream([chunk("Strict ok"), chunk(finish="stop")])
        elif scenario == "hostile_error":
            self._json(500, {"error": {"message": "\x1b[31mboom\u202e" + "x" * 5000}})


@contextmanager
def fault_server() -> Iterator[FaultServer]:
    server = FaultServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
