"""``python main.py parse``: a model's raw output split into one JSON object, as
scripts and bug reports use it; bad input exits 2 with one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.output.types import Family

ROOT = Path(__file__).resolve().parent.parent

QWEN3_REPLY = ('<think>\nThe user wants the weather.\n</think>\n\nLet me check. '
               '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris", '
               '"days": 3}}\n</tool_call>')
GET_WEATHER = [{"type": "function", "function": {
    "name": "get_weather", "parameters": {"type": "object", "properties": {
        "city": {"type": "string"}, "days": {"type": "integer"}}}}}]


def parse(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "main.py", "parse", *args], cwd=ROOT,
                          capture_output=True, input=stdin, timeout=60)


def one_object(result: subprocess.CompletedProcess[bytes]) -> dict[str, object]:
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1
    found: dict[str, object] = json.loads(lines[0])
    assert list(found) == ["content", "reasoning_content", "tool_calls"]
    return found


def _file(path: Path, text: str | bytes) -> str:
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return str(path)


def test_hermes_reply_splits_into_reasoning_content_and_typed_calls(tmp_path: Path) -> None:
    found = one_object(parse("--format", "hermes", _file(tmp_path / "r.txt", QWEN3_REPLY)))
    assert found == {"content": "Let me check.", "reasoning_content": "The user wants the weather.",
                     "tool_calls": [{"name": "get_weather",
                                     "arguments": {"city": "Paris", "days": 3}}]}


def test_stdin_and_unicode_come_through_unchanged() -> None:
    text = "Olá, ação! 日本語 🙂"
    found = one_object(parse("--format", "hermes", "-", stdin=text.encode("utf-8")))
    assert found == {"content": text, "reasoning_content": None, "tool_calls": None}


def test_prompt_suffix_that_opens_thinking_makes_the_start_reasoning() -> None:
    output = b"Just a greeting.\n</think>\n\nHello!"
    with_suffix = one_object(parse("--format", "hermes", "--prompt-suffix",
                                   "<|im_start|>assistant\\n<think>\\n", "-", stdin=output))
    assert with_suffix["reasoning_content"] == "Just a greeting."
    assert with_suffix["content"] == "Hello!"
    real_newlines = one_object(parse("--format", "hermes", "--prompt-suffix",
                                     "<|im_start|>assistant\n<think>\n", "-", stdin=output))
    assert real_newlines == with_suffix
    closed = one_object(parse("--format", "hermes", "--prompt-suffix",
                              "<|im_start|>assistant\n", "-", stdin=b"Hello!"))
    assert closed == {"content": "Hello!", "reasoning_content": None, "tool_calls": None}


def test_finish_length_never_yields_a_call() -> None:
    cut = b'Checking. <tool_call>\n{"name": "get_weather", "arguments": {"ci'
    result = parse("--format", "hermes", "--finish", "length", "-", stdin=cut)
    found = one_object(result)
    assert found["tool_calls"] is None and found["content"] == "Checking."
    assert result.stderr.decode().startswith("prosa: note: ")  # said, not silent
    stopped = one_object(parse("--format", "hermes", "--finish", "stop", "-", stdin=cut))
    assert stopped["tool_calls"] is None


def test_tools_type_arguments_where_the_format_needs_them(tmp_path: Path) -> None:
    xml = ("<tool_call>\n<function=get_weather>\n<parameter=city>\n1984\n</parameter>\n"
           "<parameter=days>\n3\n</parameter>\n</function>\n</tool_call>")
    reply = _file(tmp_path / "r.txt", xml)
    bare = one_object(parse("--format", "qwen-xml", reply))
    assert bare["tool_calls"] == [{"name": "get_weather", "arguments": {"city": 1984, "days": 3}}]
    tools = _file(tmp_path / "tools.json", json.dumps(GET_WEATHER))
    typed = one_object(parse("--format", "qwen-xml", "--tools", tools, reply))
    assert typed["tool_calls"] == [{"name": "get_weather",
                                    "arguments": {"city": "1984", "days": 3}}]
    assert one_object(parse("--format", "auto", "--tools", tools, reply)) == typed


def test_auto_reads_the_family_from_the_markers(tmp_path: Path) -> None:
    assert one_object(parse("--format", "auto", _file(tmp_path / "r.txt", QWEN3_REPLY))) == \
        one_object(parse("--format", "hermes", str(tmp_path / "r.txt")))
    found = one_object(parse("--format", "auto", "--prompt-suffix", "assistant\n<think>\n",
                             "-", stdin=b"Hmm."))
    assert found == {"content": None, "reasoning_content": "Hmm.", "tool_calls": None}
    plain = one_object(parse("--format", "auto", "-", stdin=b"<b>Hi</b>"))
    assert plain == {"content": "<b>Hi</b>", "reasoning_content": None, "tool_calls": None}


def test_plain_keeps_every_marker_as_content() -> None:
    found = one_object(parse("--format", "plain", "-", stdin=QWEN3_REPLY.encode()))
    assert found == {"content": QWEN3_REPLY, "reasoning_content": None, "tool_calls": None}


@pytest.mark.parametrize("family", [f.value for f in Family])
def test_every_format_name_is_accepted(family: str) -> None:
    found = one_object(parse("--format", family, "-", stdin=b"Just an answer."))
    assert found == {"content": "Just an answer.", "reasoning_content": None,
                     "tool_calls": None}


def test_empty_output_is_absent_not_empty() -> None:
    assert one_object(parse("--format", "hermes", "-", stdin=b"")) == {
        "content": None, "reasoning_content": None, "tool_calls": None}


@pytest.mark.parametrize("make_args", [
    lambda d: ("--format", "klingon", _file(d / "r.txt", "x")),  # unknown format
    lambda d: ("--format", "hermes", str(d / "missing.txt")),  # unreadable file
    lambda d: ("--format", "hermes", str(d)),  # a folder
    lambda d: ("--format", "hermes", _file(d / "r.txt", b"caf\xe9")),  # Latin-1, not UTF-8
    lambda d: ("--format", "hermes", "--tools", _file(d / "t.json", '{"name": "f"}'),
               _file(d / "r.txt", "x")),  # tools not a list
    lambda d: ("--format", "hermes", "--tools", _file(d / "t.json", "[1, 2]"),
               _file(d / "r.txt", "x")),  # a list, but not of objects
    lambda d: ("--format", "hermes", "--tools", _file(d / "t.json", "[{"),
               _file(d / "r.txt", "x")),  # not JSON
    lambda d: ("--format", "hermes", "--tools", str(d / "none.json"), _file(d / "r.txt", "x")),
    lambda d: ("--format", "hermes", "--finish", "eos", _file(d / "r.txt", "x")),
    lambda d: (_file(d / "r.txt", "x"),),  # no --format
    lambda d: ("--format", "hermes"),  # no file
])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, make_args) -> None:  # type: ignore[no-untyped-def]
    result = parse(*make_args(tmp_path))
    stderr = result.stderr.decode()
    assert result.returncode == 2, (result.stdout, stderr)
    assert result.stdout == b""
    assert len(stderr.strip().splitlines()) == 1 and stderr.startswith("prosa: ")
    assert "Traceback" not in stderr


def test_not_utf8_on_stdin_says_where() -> None:
    result = parse("--format", "hermes", "-", stdin=b"ok\xff")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "prosa: stdin is not UTF-8 text (byte 2)"
