"""Gemma 4 output: the ``thought`` channel and ``<|tool_call>call:NAME{...}`` calls."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.output.families import parser_for
from core.output.families.gemma4 import QUOTE, read
from core.output.types import Context, Family, Finish, ToolCall
from tests.output import cases
from tests.output.fuzz import check_any_text

CASES = cases.load("gemma4")
PARSER = parser_for(Family.GEMMA4)




def _args(inside: str) -> Any:
    found = read(inside)
    if isinstance(found, str):
        return found
    call = found[0]
    assert isinstance(call, ToolCall)
    return dict(call.arguments)


@pytest.mark.parametrize(("inside", "arguments"), [
    ("call:f{}", {}),
    ("call:f{ a : 1 , b : -2.5e3 }", {"a": 1, "b": -2500.0}),
    (f"call:f{{{QUOTE}odd key{QUOTE}:true}}", {"odd key": True}),
    (f"call:f{{m:[[1,2],[]],o:{{p:{{q:{QUOTE}{QUOTE}}}}}}}",
     {"m": [[1, 2], []], "o": {"p": {"q": ""}}}),
    (f"call:f{{s:{QUOTE}line\none \\n{QUOTE}}}", {"s": "line\none \\n"}),
])
def test_gemmas_argument_syntax(inside: str, arguments: dict[str, Any]) -> None:
    assert _args(inside) == arguments


@pytest.mark.parametrize("inside", [
    "call:f{a:1,}", "call:f{a}", "call:f{a:1 b:2}", "call:f{a:[1,}", "call:f{a:tru}",
    f"call:f{{a:{QUOTE}x}}", "call:f{a:1}}", "f{a:1}", "call:{a:1}", "call:f{:1}",
])
def test_anything_else_is_malformed(inside: str) -> None:
    assert isinstance(read(inside), str)


def test_the_thought_label_is_not_reasoning_even_while_it_streams() -> None:
    context = Context()
    for end in range(len("<|channel>thought\n") + 1):
        assert PARSER.partial("<|channel>thought\n"[:end], context).reasoning == ""
    assert PARSER.partial("<|channel>thought\nHmm", context).reasoning == "Hmm"
    assert PARSER.partial("<|channel>thoughtful", context).reasoning == "thoughtful"


def test_the_prompt_says_whether_reasoning_is_open() -> None:
    assert not PARSER.opens_reasoning("<|turn>model\n")
    assert not PARSER.opens_reasoning("<|turn>model\n<|channel>thought\n<channel|>")
    assert PARSER.opens_reasoning("<|turn>model\n<|channel>thought\n")
    assert PARSER.reasoning_close() == "<channel|>"


def test_closing_reasoning_with_the_familys_marker_ends_it() -> None:
    text = "hmm" + PARSER.reasoning_close() + "Answer."
    parsed = PARSER.parse(text, Finish.STOP, Context(starts_in_reasoning=True))
    assert (parsed.reasoning_content, parsed.content) == ("hmm", "Answer.")


MARKERS = st.sampled_from([
    "<|channel>", "<channel|>", "thought\n", "<|tool_call>", "<tool_call|>", "call:f{",
    "call:", QUOTE, "a:", "1", ",", "{", "}", "[", "]", "true", "<", "\n", "<turn|>"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(MARKERS, st.text(max_size=6)), max_size=25), st.booleans(),
       st.sampled_from(list(Finish)))
def test_any_text_parses_without_raising(parts: list[str], opened: bool,
                                         finish: Finish) -> None:
    text = "".join(parts)
    parsed = check_any_text(PARSER, text, opened, finish)
    assert len(parsed.tool_calls) <= text.count("<tool_call|>")
    for call in parsed.tool_calls:
        assert QUOTE not in call.name and all(QUOTE not in k for k in call.arguments)


def test_deep_nesting_is_malformed_not_a_crash() -> None:
    text = "<|tool_call>call:f{a:" + "[" * 5000 + "<tool_call|>"
    parsed = PARSER.parse(text, Finish.STOP, Context())
    assert parsed.tool_calls == () and parsed.content == text


def test_a_stray_close_marker_never_takes_shown_text_back() -> None:
    context = Context()
    before = PARSER.partial("a<<<channel|", context).content
    assert PARSER.partial("a<<<channel|>", context).content.startswith(before)
