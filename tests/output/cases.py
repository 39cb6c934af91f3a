"""The fixture cases of the output families (``tests/output/fixtures/*.json``) and the
check every family's tests apply to them.

A case is ``{"name", "source", "family", "text", "starts_in_reasoning"?, "finish"?,
"tools"?, "expected": {"content", "reasoning_content", "tool_calls"}, "notes"?}``:
``source`` says where the output comes from (a template, a spec, an engine's test),
``notes`` the codes of the notes the parse must give.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.output.families import parser_for
from core.output.types import Context, Family, Finish, OutputParser, Parsed

FIXTURES = Path(__file__).parent / "fixtures"


def load(name: str) -> list[dict[str, Any]]:
    """The cases of one fixture file (``hermes`` for ``fixtures/hermes.json``)."""
    cases: list[dict[str, Any]] = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    return cases


def all_cases() -> list[dict[str, Any]]:
    """Every case of every fixture file present, whoever wrote it."""
    return [case for path in sorted(FIXTURES.glob("*.json")) for case in load(path.stem)]


def ids(cases: list[dict[str, Any]]) -> list[str]:
    return [f"{case['family']}:{case['name']}" for case in cases]


def parser_of(case: dict[str, Any]) -> OutputParser:
    return parser_for(Family(case["family"]))


def context_of(case: dict[str, Any]) -> Context:
    return Context(starts_in_reasoning=bool(case.get("starts_in_reasoning", False)),
                   tools=tuple(case.get("tools") or ()))


def finish_of(case: dict[str, Any]) -> Finish:
    return Finish(case.get("finish", "stop"))


def check(case: dict[str, Any], parsed: Parsed) -> None:
    """The parse gives the case's expected object, and the notes it names."""
    found = parsed.to_json()
    for call in found["tool_calls"] or ():
        call.pop("id", None)  # ids are checked where a family gives them
    assert found == case["expected"], case["name"]
    codes = sorted(note.code for note in parsed.notes)
    assert codes == sorted(case.get("notes", [])), case["name"]
