"""``chat --remote`` and ``models --remote`` against llama-cpp-python's real server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.peer_server import PeerServer, free_port, running

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
KEY = "cli-key-7"


@pytest.fixture(scope="module")
def peer(starter_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PeerServer]:
    with running(starter_model, tmp_path_factory.mktemp("peer") / "log", api_key=KEY) as server:
        yield server


def run(*args: str, key: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PROSA_API_KEY"}
    if key is not None:
        env["PROSA_API_KEY"] = key
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_models_lists_what_the_server_serves(peer: PeerServer, starter_model: Path) -> None:
    done = run("models", "--remote", peer.base_url, "--api-key", KEY, "--json")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["name"] for r in rows] == [starter_model.name]
    assert rows[0]["server"] == peer.base_url


def test_chat_streams_a_remote_reply_with_the_key_from_the_environment(
        peer: PeerServer, starter_model: Path) -> None:
    address = peer.base_url.removesuffix("/v1")  # /v1 is added
    done = run("chat", "--remote", address, "--json", "--temperature", "0",
               "--max-tokens", "8", "Say hello.", key=KEY)
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout.splitlines()[-1])
    assert reply["content"] and reply["completion_tokens"] == 8
    assert reply["finish"] == "length"
    assert f"using {starter_model.name}" in done.stderr


def test_a_wrong_key_and_an_unknown_model_fail_with_their_reason(peer: PeerServer) -> None:
    refused = run("chat", "--remote", peer.base_url, "--api-key", "wrong",
                  "--remote-model", "x", "Hi")
    assert refused.returncode == 1
    assert "refused the API key (HTTP 401)" in refused.stderr
    assert "wrong" not in refused.stderr
    unknown = run("chat", "--remote", peer.base_url, "--remote-model", "nope", "Hi", key=KEY)
    assert unknown.returncode == 1 and "no model named “nope”" in unknown.stderr


def test_nothing_listening_and_local_only_options() -> None:
    address = f"http://127.0.0.1:{free_port()}/v1"
    down = run("models", "--remote", address)
    assert down.returncode == 1 and "could not be reached" in down.stderr
    local = run("chat", "--remote", address, "--template", "chatml", "Hi")
    assert local.returncode == 2 and "--template" in local.stderr
    bad = run("chat", "--remote", "ftp://host", "Hi")
    assert bad.returncode == 2 and "http://" in bad.stderr
