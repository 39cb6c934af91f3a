"""Hermes/Qwen3 output: ``<think>`` reasoning and ``<tool_call>`` JSON blocks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.output.families import parser_for
from core.output.types import Context, Family, Finish
from tests.output import cases

CASES = cases.load("hermes")
PARSER = parser_for(Family.HERMES)




def test_the_prompt_says_whether_reasoning_is_open() -> None:
    assert PARSER.opens_reasoning("<|im_start|>assistant\n<think>\n")
    assert PARSER.opens_reasoning("<|im_start|>assistant\n<think>")
    assert not PARSER.opens_reasoning("<|im_start|>assistant\n")
    assert not PARSER.opens_reasoning("<|im_start|>assistant\n<think>\n\n</think>\n\n")
    assert not PARSER.opens_reasoning("<|im_start|>assistant\n<think>\n\n</think>\n")  # SmolLM3
    assert PARSER.reasoning_close() == "\n</think>\n\n"


def test_closing_reasoning_with_the_familys_marker_ends_it() -> None:
    text = "hmm" + PARSER.reasoning_close() + "Answer."
    parsed = PARSER.parse(text, Finish.STOP, Context(starts_in_reasoning=True))
    assert (parsed.reasoning_content, parsed.content) == ("hmm", "Answer.")


def test_live_view_holds_calls_back_and_shows_reasoning() -> None:
    context = Context()
    assert PARSER.partial("<think>\nhm", context).thinking
    assert PARSER.partial("<think>\nhm\n</thi", context).reasoning == "hm"
    shown = PARSER.partial('Ok.\n<tool_call>\n{"name": "a"', context)
    assert (shown.content, shown.thinking) == ("Ok.", False)
    assert PARSER.partial("Ok. <tool_", context).content == "Ok."


def test_a_call_gets_its_id_when_the_model_writes_one() -> None:
    text = '<tool_call>\n{"name": "a", "arguments": {}, "id": "c1"}\n</tool_call>'
    parsed = PARSER.parse(text, Finish.STOP, Context())
    assert parsed.tool_calls[0].id == "c1"


MARKERS = st.sampled_from(["<think>", "</think>", "<tool_call>", "</tool_call>", "\n",
                           '{"name": "f", "arguments": {"a": 1}}', "{", "}", '"', "<"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(MARKERS, st.text(max_size=8)), max_size=30), st.booleans(),
       st.sampled_from(list(Finish)))
def test_any_text_parses_without_raising(parts: list[str], opened: bool,
                                         finish: Finish) -> None:
    text = "".join(parts)
    context = Context(starts_in_reasoning=opened)
    parsed = PARSER.parse(text, finish, context)
    PARSER.partial(text, context)
    for field in (parsed.content or "", parsed.reasoning_content or ""):
        assert "<think>" not in field or "<think>" in text
    assert len(parsed.tool_calls) <= text.count("</tool_call>")  # only closed blocks
