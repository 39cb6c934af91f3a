"""Llama 3.1–4 output: JSON calls, ``<|python_tag|>`` built-ins and code, no reasoning."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.output.families import parser_for
from core.output.types import Context, Family, Finish
from tests.output import cases

CASES = cases.load("llama3")
PARSER = parser_for(Family.LLAMA3)




def test_llama_has_no_reasoning() -> None:
    assert not PARSER.opens_reasoning("<|start_header_id|>assistant<|end_header_id|>\n\n")
    assert PARSER.reasoning_close() == ""


def test_live_view_holds_back_what_may_be_a_call() -> None:
    context = Context()
    assert PARSER.partial('Sure. {"na', context).content == "Sure."
    assert PARSER.partial("Sure. { \n", context).content == "Sure."
    assert PARSER.partial("Use {x} here", context).content == "Use {x} here"
    assert PARSER.partial("Done<|eo", context).content == "Done"
    assert PARSER.partial("Hi<|python_tag|>print(1)", context).content == "Hi"


def test_an_object_inside_a_json_answer_is_not_a_call() -> None:
    text = '{"result": {"name": "f", "parameters": {}}}'
    parsed = PARSER.parse(text, Finish.STOP, Context())
    assert parsed.tool_calls == () and parsed.content == text


MARKERS = st.sampled_from(["<|python_tag|>", "<|eom_id|>", "<|eot_id|>", ";", "\n",
                           '{"name": "f", "parameters": {"a": 1}}', '{"name":', "{", "}",
                           '"', "x.call(q=1)"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(MARKERS, st.text(max_size=8)), max_size=30),
       st.sampled_from(list(Finish)))
def test_any_text_parses_without_raising(parts: list[str], finish: Finish) -> None:
    text = "".join(parts)
    parsed = PARSER.parse(text, finish, Context())
    PARSER.partial(text, Context())
    for field in (parsed.content or "", *(str(c.arguments) for c in parsed.tool_calls)):
        assert "<|eot_id|>" not in field and "<|eom_id|>" not in field
