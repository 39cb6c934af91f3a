"""Qwen XML calls (Qwen3-Coder, Qwen3.5+): ``<function=..><parameter=..>`` blocks,
values typed by the tools' schema, ``<think>`` reasoning."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.output.families import parser_for
from core.output.types import Context, Family, Finish
from tests.output import cases

CASES = cases.load("qwen_xml")
PARSER = parser_for(Family.QWEN_XML)




def test_reasoning_opens_and_closes_like_qwen3() -> None:
    assert PARSER.opens_reasoning("<|im_start|>assistant\n<think>\n")
    assert not PARSER.opens_reasoning("<|im_start|>assistant\n")
    assert PARSER.reasoning_close() == "\n</think>\n\n"


def test_live_view_holds_a_call_back_until_it_closes() -> None:
    context = Context()
    text = "Ok.\n<tool_call>\n<function=f>\n<parameter=a>\n1"
    assert PARSER.partial(text, context).content == "Ok."
    assert PARSER.partial("Ok. <func", context).content == "Ok."
    done = PARSER.partial(text + "\n</parameter>\n</function>\n</tool_call>\nNext", context)
    assert done.content == "Ok.\n\nNext"  # verbatim around the call


def test_an_integer_schema_does_not_type_text() -> None:
    tools = [{"name": "f", "parameters": {"properties": {"n": {"type": "integer"}}}}]
    text = "<tool_call>\n<function=f>\n<parameter=n>\nmany\n</parameter>\n</function>\n</tool_call>"
    parsed = PARSER.parse(text, Finish.STOP, Context(tools=tools))
    assert parsed.tool_calls[0].arguments == {"n": "many"}


MARKERS = st.sampled_from(["<think>", "</think>", "<tool_call>", "</tool_call>", "\n",
                           "<function=f>", "</function>", "<parameter=a>", "</parameter>",
                           "<function=", "<parameter=", "1", "{", "<"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(MARKERS, st.text(max_size=8)), max_size=30), st.booleans(),
       st.sampled_from(list(Finish)))
def test_any_text_parses_without_raising(parts: list[str], opened: bool,
                                         finish: Finish) -> None:
    text = "".join(parts)
    context = Context(starts_in_reasoning=opened)
    parsed = PARSER.parse(text, finish, context)
    PARSER.partial(text, context)
    for call in parsed.tool_calls:
        assert all("<parameter=" not in key for key in call.arguments)
