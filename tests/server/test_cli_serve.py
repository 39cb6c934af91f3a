"""``python main.py serve`` as a user runs it: the starter model served until Ctrl+C
(which reaches the whole process group, as a terminal sends it), a key asked of
clients, a port in use and bad arguments as one line on stderr."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.model, pytest.mark.timeout(240)]


def serve(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    # The server starts as from a terminal, with Ctrl+C's default action, even when this
    # test run was started with SIGINT ignored (a background job, nohup), which a child
    # would inherit: a handled signal goes back to its default in the child, an ignored
    # one stays ignored.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen([sys.executable, "main.py", "serve", *args], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, **(env or {})}, start_new_session=True)
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.fixture
def server() -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = serve("--port", "0", "--ctx", "1024",
                    env={"PROSA_SERVER_KEY": "from-the-environment"})
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("Serving "), first + (process.stderr.read()
                                                      if process.stderr else "")
        yield process, first.split(" at ")[1].strip()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def test_serves_until_ctrl_c_and_stops_cleanly(
        server: tuple[subprocess.Popen[str], str]) -> None:
    process, base_url = server
    assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
    client = openai.OpenAI(base_url=base_url, api_key="from-the-environment", max_retries=0,
                           timeout=120)
    (model,) = client.models.list().data
    assert model.id.startswith("SmolLM2")
    reply = client.chat.completions.create(
        model=model.id, messages=[{"role": "user", "content": "Hi"}], max_tokens=4,
        temperature=0)
    assert reply.choices[0].message.content
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=base_url, api_key="nope", max_retries=0).models.list()
    os.killpg(process.pid, signal.SIGINT)  # Ctrl+C in a terminal: the whole group
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.read(), process.stderr.read()  # the lines buffered too
    process.wait(60)
    assert process.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "API key: required" in out and out.rstrip().endswith("Stopped.")
    assert "POST /v1/chat/completions 200 " in out and " 401 " in out


def test_a_port_in_use_is_one_line(starter_model: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = serve("--port", str(port), "--quiet")
        _out, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert err.strip() == (f"prosa: Port {port} on 127.0.0.1 is in use by another "
                           "program: choose another port.")


@pytest.mark.parametrize(("args", "message"), [
    (("--port", "70000"), "--port must be between 0 (any free port) and 65535"),
    (("--host", "not a host"), "--host must be an IP address or a host name"),
    (("-m", "/no/such/model.gguf"), "no such model file: /no/such/model.gguf"),
])
def test_bad_arguments_are_one_line(args: tuple[str, ...], message: str) -> None:
    process = serve(*args)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 2 and err.strip() == f"prosa: {message}"
