"""GLM 4.5+ output: ``<think>`` and ``<tool_call>`` blocks of ``<arg_key>``/``<arg_value>``."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from core.output.families import parser_for
from core.output.types import Context, Family, Finish
from tests.output import cases
from tests.output.fuzz import check_any_text

CASES = cases.load("glm")
PARSER = parser_for(Family.GLM)




def _one(text: str, tools: tuple[dict[str, Any], ...] = ()) -> dict[str, Any]:
    parsed = PARSER.parse(text, Finish.STOP, Context(tools=tools))
    assert len(parsed.tool_calls) == 1
    return dict(parsed.tool_calls[0].arguments)


def test_values_follow_the_schema_when_the_tools_say_it() -> None:
    text = ("<tool_call>f<arg_key>n</arg_key><arg_value>3</arg_value>"
            "<arg_key>s</arg_key><arg_value>3</arg_value>"
            "<arg_key>x</arg_key><arg_value>2.0</arg_value></tool_call>")
    bare = {"name": "f", "parameters": {"properties": {
        "s": {"type": "string"}, "x": {"type": ["integer", "null"]}}}}
    assert _one(text) == {"n": 3, "s": 3, "x": 2.0}
    assert _one(text, (bare,)) == {"n": 3, "s": "3", "x": 2}
    # a value that does not fit its type stays the text the model wrote
    wrong = "<tool_call>f<arg_key>x</arg_key><arg_value>soon</arg_value></tool_call>"
    assert _one(wrong, (bare,)) == {"x": "soon"}


def test_the_older_json_form_is_read() -> None:
    assert _one('<tool_call>f\n{"a": [1, 2]}\n</tool_call>') == {"a": [1, 2]}


def test_the_prompt_says_whether_reasoning_is_open() -> None:
    assert not PARSER.opens_reasoning("<|assistant|>")
    assert not PARSER.opens_reasoning("<|assistant|>\n<think></think>")
    assert PARSER.opens_reasoning("<|assistant|>\n<think>")
    assert PARSER.reasoning_close() == "</think>"


def test_closing_reasoning_with_the_familys_marker_ends_it() -> None:
    text = "hmm" + PARSER.reasoning_close() + "Answer."
    parsed = PARSER.parse(text, Finish.STOP, Context(starts_in_reasoning=True))
    assert (parsed.reasoning_content, parsed.content) == ("hmm", "Answer.")


MARKERS = st.sampled_from([
    "<think>", "</think>", "<tool_call>", "</tool_call>", "<arg_key>", "</arg_key>",
    "<arg_value>", "</arg_value>", "f", "\n", "1", '"a"', "[", "{", "<", "<|user|>"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(MARKERS, st.text(max_size=6)), max_size=25), st.booleans(),
       st.sampled_from(list(Finish)))
def test_any_text_parses_without_raising(parts: list[str], opened: bool,
                                         finish: Finish) -> None:
    text = "".join(parts)
    parsed = check_any_text(PARSER, text, opened, finish)
    assert len(parsed.tool_calls) <= text.count("</tool_call>")
    for call in parsed.tool_calls:
        assert "<arg_" not in call.name and all("<arg_" not in k for k in call.arguments)


def test_a_stray_close_marker_never_takes_shown_text_back() -> None:
    context = Context()
    before = PARSER.partial("a<<</think", context).content
    assert PARSER.partial("a<<</think>", context).content.startswith(before)
