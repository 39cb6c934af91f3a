"""Kimi K2 / K2-Thinking output: ``<think>`` and call sections with ``functions.NAME:i`` ids."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.output.families import parser_for
from core.output.families.kimi import ARGS, CALL, SECTION
from core.output.types import Context, Family, Finish
from tests.output import cases
from tests.output.fuzz import check_any_text

CASES = cases.load("kimi")
PARSER = parser_for(Family.KIMI)




def test_a_call_keeps_its_id_and_its_name_is_the_function() -> None:
    text = (SECTION[0] + CALL[0] + "functions.get_weather:0" + ARGS + '{"city": "Oslo"}'
            + CALL[1] + CALL[0] + " functions.mod.tool:12 " + ARGS + "{}" + CALL[1] + SECTION[1])
    calls = PARSER.parse(text, Finish.STOP, Context()).tool_calls
    assert [(c.name, c.id) for c in calls] == [("get_weather", "functions.get_weather:0"),
                                               ("mod.tool", "functions.mod.tool:12")]
    assert calls[0].to_json()["id"] == "functions.get_weather:0"


def test_the_prompt_says_whether_reasoning_is_open() -> None:
    assert not PARSER.opens_reasoning("<|im_assistant|>assistant<|im_middle|>")
    assert PARSER.opens_reasoning("<|im_assistant|>assistant<|im_middle|><think>")
    assert PARSER.reasoning_close() == "</think>"


def test_closing_reasoning_with_the_familys_marker_ends_it() -> None:
    text = "hmm" + PARSER.reasoning_close() + "Answer."
    parsed = PARSER.parse(text, Finish.STOP, Context(starts_in_reasoning=True))
    assert (parsed.reasoning_content, parsed.content) == ("hmm", "Answer.")


def test_live_view_holds_the_section_back() -> None:
    context = Context()
    assert PARSER.partial("<think>a", context).thinking
    assert PARSER.partial("Hi <|tool_calls_sec", context).content == "Hi"
    assert PARSER.partial("Hi " + SECTION[0] + CALL[0], context).content == "Hi"


MARKERS = st.sampled_from([
    "<think>", "</think>", *SECTION, *CALL, ARGS, "functions.f:0", "functions.g",
    '{"a": 1}', "{", "}", '"', "<", "\n", ":", "(no content)", "<|im_end|>"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(MARKERS, st.text(max_size=6)), max_size=25), st.booleans(),
       st.sampled_from(list(Finish)))
def test_any_text_parses_without_raising(parts: list[str], opened: bool,
                                         finish: Finish) -> None:
    text = "".join(parts)
    parsed = check_any_text(PARSER, text, opened, finish)
    assert len(parsed.tool_calls) <= text.count(CALL[1])
    for call in parsed.tool_calls:
        assert "<|" not in call.name


def test_a_stray_close_marker_never_takes_shown_text_back() -> None:
    context = Context()
    before = PARSER.partial("a<<</think", context).content
    assert PARSER.partial("a<<</think>", context).content.startswith(before)
