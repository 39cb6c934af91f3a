"""``chat --json-schema``, ``--grammar``, ``--tools`` and ``--tool-choice`` as scripts use
them: the real CLI in a subprocess with the real SmolLM2 (the twenty-seed check of
schema replies runs in-process, in ``tests/engine/test_grammar_decoding.py``, through
the same engine code), and every bad file or option refused with one line and exit
code 2 before any model loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cli import main

ROOT = Path(__file__).resolve().parent.parent

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "city": {"type": "string", "maxLength": 16},
        "population": {"type": "integer", "minimum": 1000, "maximum": 40000000},
        "climate": {"enum": ["tropical", "temperate", "arid", "polar"]},
        "landmarks": {"type": "array", "items": {"type": "string", "maxLength": 16},
                      "minItems": 1, "maxItems": 2},
        "location": {"type": "object", "properties": {
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "lon": {"type": "number", "minimum": -180, "maximum": 180}},
            "required": ["lat", "lon"]},
    },
    "required": ["city", "population", "climate", "landmarks", "location"],
}
TOOLS = [{"type": "function", "function": {
    "name": "calculator", "description": "Evaluate an arithmetic expression.",
    "parameters": {"type": "object", "properties": {
        "expression": {"type": "string", "maxLength": 40}}, "required": ["expression"]}}},
    {"name": "clock", "description": "The time now.", "parameters": {
        "type": "object", "properties": {}}}]


def run(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


def write(folder: Path, name: str, content: Any) -> str:
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content),
                    encoding="utf-8")
    return str(path)


@pytest.mark.model
def test_a_reply_to_a_schema_validates(tmp_path: Path) -> None:
    schema = write(tmp_path, "schema.json", SCHEMA)
    result = run("chat", "--json-schema", schema, "--temperature", "1.0", "--seed", "4",
                 "--max-tokens", "200", "Describe a city.")
    assert result.returncode == 0, result.stderr
    jsonschema.validate(json.loads(result.stdout), SCHEMA)


@pytest.mark.model
def test_a_grammar_shapes_the_reply(tmp_path: Path) -> None:
    grammar = write(tmp_path, "yes-no.gbnf", 'root ::= "yes" | "no"\n')
    result = run("chat", "--grammar", grammar, "--seed", "1", "Is water wet?")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in ("yes", "no")


@pytest.mark.model
def test_a_required_call_prints_as_a_json_line(tmp_path: Path) -> None:
    tools = write(tmp_path, "tools.json", TOOLS)
    result = run("chat", "--tools", tools, "--tool-choice", "required", "--template",
                 "chatml-tools", "--seed", "2", "--max-tokens", "80", "What is 17 times 23?")
    assert result.returncode == 0, result.stderr
    calls = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert calls and {c["name"] for c in calls} <= {"calculator", "clock"}
    for call in calls:
        if call["name"] == "calculator":
            jsonschema.validate(call["arguments"], TOOLS[0]["function"]["parameters"])


@pytest.mark.model
def test_a_named_tool_with_json_prints_the_whole_reply(tmp_path: Path) -> None:
    tools = write(tmp_path, "tools.json", TOOLS)
    result = run("chat", "--tools", tools, "--tool-choice", "clock", "--template",
                 "chatml-tools", "--seed", "3", "--max-tokens", "60", "--json",
                 "What time is it?")
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert [call["name"] for call in reply["tool_calls"]][:1] == ["clock"]
    assert reply["finish"] == "stop"


@pytest.mark.model
def test_a_template_without_tools_says_how_to_fix_it(tmp_path: Path) -> None:
    tools = write(tmp_path, "tools.json", TOOLS)
    result = run("chat", "--tools", tools, "What is 2 + 2?")
    assert result.returncode == 2
    assert "does not show tools" in result.stderr
    assert "--template chatml-tools" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.model
def test_a_reply_cut_before_the_json_ends_fails(tmp_path: Path) -> None:
    schema = write(tmp_path, "schema.json", SCHEMA)
    result = run("chat", "--json-schema", schema, "--max-tokens", "4", "Describe a city.")
    assert result.returncode == 1
    assert "does not follow the JSON schema" in result.stderr
    assert "cut off by --max-tokens" in result.stderr


BAD: list[tuple[str, Any, tuple[str, ...], str]] = [
    ("schema.json", None, ("--json-schema", "{dir}/missing.json"), "cannot read"),
    ("schema.json", "{not json", ("--json-schema", "{file}"), "not valid JSON"),
    ("schema.json", [1, 2], ("--json-schema", "{file}"), "must be a JSON object"),
    ("schema.json", {"type": 5}, ("--json-schema", "{file}"), "not a valid JSON schema"),
    ("rules.gbnf", "answer ::= \"x\"", ("--grammar", "{file}"), "rule named root"),
    ("rules.gbnf", "", ("--grammar", "{file}"), "empty"),
    ("tools.json", {"tools": []}, ("--tools", "{file}"), "JSON list"),
    ("tools.json", [{"type": "function", "function": {"description": "x"}}],
     ("--tools", "{file}"), "needs a name"),
    ("tools.json", TOOLS, ("--tools", "{file}", "--tool-choice", "weather"),
     "no such tool"),
    ("tools.json", TOOLS, ("--tool-choice", "required"), "needs --tools"),
    ("schema.json", SCHEMA, ("--json-schema", "{file}", "--grammar", "{file}"),
     "not allowed with"),
    ("schema.json", SCHEMA, ("--template", "klingon"), "invalid choice"),
]


@pytest.mark.parametrize(("name", "content", "args", "says"), BAD)
def test_bad_files_and_options_exit_2_with_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: Any,
        args: tuple[str, ...], says: str) -> None:
    path = write(tmp_path, name, content) if content is not None else ""
    argv = [a.format(file=path, dir=tmp_path) for a in args]
    assert main(["chat", *argv, "hello"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and says in err, err
