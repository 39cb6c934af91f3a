"""A conversation's tool choices as stored: a round trip, and damaged data read part by
part without losing the parts that are fine."""

from __future__ import annotations

import json
from typing import Any

import pytest

from core.tools.builtin import text_file
from core.tools.choice import OutputConstraint, ToolChoice, ToolChoiceMode
from core.tools.selection import (
    DEFAULT_MAX_CALLS,
    MAX_CALLS_RANGE,
    READ_FILE_TOOL,
    ToolsState,
)

FULL = ToolsState(enabled=True, builtin=frozenset({"calculator", "read_text_file"}),
                  mcp=frozenset({("files", "list_directory"), ("web", "fetch")}),
                  picked_files=("/home/ana/notes.txt", "/home/ana/b.md"),
                  choice=ToolChoice(ToolChoiceMode.NAMED, "fetch"), max_calls=12,
                  constraint=OutputConstraint(json_schema={"type": "object"}))


def test_a_state_survives_json() -> None:
    stored = json.loads(json.dumps(FULL.to_dict()))
    assert ToolsState.from_dict(stored) == FULL
    grammar = ToolsState(constraint=OutputConstraint(grammar='root ::= "a"'),
                         choice=ToolChoice(ToolChoiceMode.REQUIRED))
    assert ToolsState.from_dict(json.loads(json.dumps(grammar.to_dict()))) == grammar
    assert ToolsState.from_dict(ToolsState().to_dict()) == ToolsState()


@pytest.mark.parametrize("data", [None, [], "tools", 3, {}])
def test_nothing_readable_is_the_default(data: Any) -> None:
    assert ToolsState.from_dict(data) == ToolsState()


def test_each_damaged_part_falls_back_alone() -> None:
    good = FULL.to_dict()
    for key, bad in (("enabled", "yes"), ("builtin", "calculator"), ("mcp", [["files"]]),
                     ("picked_files", {"a": 1}), ("choice", {"mode": "always"}),
                     ("max_calls", "many"), ("constraint", {"json_schema": [1]})):
        state = ToolsState.from_dict({**good, key: bad})
        default = getattr(ToolsState(), key if key != "picked_files" else "picked_files")
        assert getattr(state, key) == default, key
        others = {k for k in good if k != key}
        assert all(getattr(state, k) == getattr(FULL, k) for k in others), key


def test_bad_entries_inside_lists_are_left_out() -> None:
    state = ToolsState.from_dict({
        "builtin": ["calculator", 3, "", None],
        "mcp": [["files", "list_directory"], ["files"], ["", "x"], "web/fetch", [1, 2]],
        "picked_files": ["/a.txt", "/a.txt", 7, "/b.txt"],
        "choice": {"mode": "named"}})
    assert state.builtin == {"calculator"}
    assert state.mcp == {("files", "list_directory")}
    assert state.picked_files == ("/a.txt", "/b.txt")
    assert state.choice == ToolChoice()  # a named choice without a name


def test_calls_per_reply_stay_in_range() -> None:
    low, high = MAX_CALLS_RANGE
    assert ToolsState.from_dict({"max_calls": 0}).max_calls == low
    assert ToolsState.from_dict({"max_calls": 10**6}).max_calls == high
    assert ToolsState.from_dict({"max_calls": True}).max_calls == DEFAULT_MAX_CALLS


def test_active_needs_the_switch_and_a_tool() -> None:
    assert FULL.active
    assert not ToolsState(enabled=True).active
    assert not ToolsState(enabled=False, builtin=frozenset({"calculator"})).active


def test_the_file_tool_is_the_one_the_builtin_module_names() -> None:
    assert READ_FILE_TOOL == text_file.NAME
