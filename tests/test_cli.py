"""``python main.py ...`` as scripts and installers use it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


def test_self_test_prints_one_json_line() -> None:
    result = run("--self-test")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert report["model"] == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert report["tokens"] >= 16
    assert report["tokens_per_s"] > 0 and report["ttft_ms"] > 0


def test_chat_streams_the_reply() -> None:
    result = run("chat", "--temperature", "0", "--max-tokens", "40",
                 "What is the capital of France?")
    assert result.returncode == 0, result.stderr
    assert "Paris" in result.stdout


def test_inspect_prints_metadata(starter_model: Path) -> None:
    result = run("inspect", str(starter_model))
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["architecture"] == "llama"
    assert info["context_length"] == 8192


@pytest.mark.parametrize("args", [
    ("chat", "--temperature", "9", "hi"),
    ("chat", "--top-k", "lots", "hi"),
    ("chat", "-m", "/no/such/model.gguf", "hi"),
    ("chat", "   "),
    ("inspect", "/no/such/file.gguf"),
    ("inspect", "README.md"),
    ("frobnicate",),
    ("chat", "--ctx", "10", "hi"),
])
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...]) -> None:
    result = run(*args, timeout=60)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("prosa: ")
