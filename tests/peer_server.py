"""llama-cpp-python's own OpenAI-compatible server, started for a test or a benchmark.

The real peer of the remote-engine tests and the baseline of the local server's
benchmark: ``python -m llama_cpp.server`` from the ``llama-cpp-python[server]`` extra.
Prosa's llama.cpp build loads its CPU backends as modules (``GGML_BACKEND_DL``), which
the bindings never do by themselves, so the server runs through a launcher that loads
them first (``core.engine.llama.backends.ensure_backends``) and then runs the server's
own ``__main__`` unchanged.

Run directly, this module is that launcher: ``python -m tests.peer_server --model M
--port P [--api_key KEY]`` (every argument is the server's own).
"""

from __future__ import annotations

import contextlib
import os
import runpy
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Seconds the server may take to load the model and answer ``/v1/models``.
START_TIMEOUT_S = 90.0


@dataclass
class PeerServer:
    """A running ``llama_cpp.server``: its address (``base_url`` ends in ``/v1``)."""

    process: subprocess.Popen[bytes]
    port: int
    api_key: str | None
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def kill(self) -> None:
        """End the server at once (SIGKILL): a server that dies mid-stream."""
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ready(server: PeerServer) -> bool:
    request = urllib.request.Request(f"{server.base_url}/models")
    if server.api_key:
        request.add_header("Authorization", f"Bearer {server.api_key}")
    try:
        with urllib.request.urlopen(request, timeout=2) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def start(model: Path, log: Path, *, api_key: str | None = None,
          n_ctx: int = 2048, port: int | None = None) -> PeerServer:
    """Start the server on 127.0.0.1 and wait until it answers (or raise)."""
    port = port or free_port()
    args = [sys.executable, "-m", "tests.peer_server", "--model", str(model),
            "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx),
            "--model_alias", model.name]
    if api_key:
        args += ["--api_key", api_key]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("wb") as sink:
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=sink,
                                   stderr=subprocess.STDOUT)
    server = PeerServer(process, port, api_key, log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited: {log.read_text(errors='replace')}")
        if _ready(server):
            return server
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"llama_cpp.server did not answer in {START_TIMEOUT_S} s")


@contextlib.contextmanager
def running(model: Path, log: Path, *, api_key: str | None = None,
            n_ctx: int = 2048) -> Iterator[PeerServer]:
    server = start(model, log, api_key=api_key, n_ctx=n_ctx)
    try:
        yield server
    finally:
        server.stop()


def _launch() -> None:
    from core.engine.llama.backends import ensure_backends

    ensure_backends()
    sys.argv[0] = "llama_cpp.server"
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    _launch()
