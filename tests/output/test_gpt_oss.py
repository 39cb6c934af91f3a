"""gpt-oss (Harmony) output: analysis, commentary and final messages, calls by recipient."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.output.families import parser_for
from core.output.types import Context, Family, Finish
from tests.output import cases
from tests.output.fuzz import check_any_text

CASES = cases.load("gpt_oss")
PARSER = parser_for(Family.GPT_OSS)
ANALYSIS = "<|channel|>analysis<|message|>"




def test_a_builtin_recipient_is_kept_whole() -> None:
    text = '<|channel|>analysis to=browser.search<|message|>{"query": "x"}<|call|>'
    assert PARSER.parse(text, Finish.STOP, Context()).tool_calls[0].name == "browser.search"


def test_live_view_follows_the_channels() -> None:
    context = Context()
    assert PARSER.partial("<|chan", context) == PARSER.partial("", context)
    now = PARSER.partial(ANALYSIS + "Think<|e", context)
    assert (now.reasoning, now.content, now.thinking) == ("Think", "", True)
    text = ANALYSIS + "Think<|end|><|start|>assistant<|channel|>final<|message|>Hi"
    now = PARSER.partial(text, context)
    assert (now.reasoning, now.content, now.thinking) == ("Think", "Hi", False)
    call = "<|start|>assistant<|channel|>commentary to=functions.f<|message|>{\"a\""
    assert PARSER.partial(ANALYSIS + "x<|end|>" + call, context).content == ""


def test_the_prompt_says_whether_reasoning_is_open() -> None:
    assert not PARSER.opens_reasoning("<|start|>assistant")
    assert PARSER.opens_reasoning("<|start|>assistant" + ANALYSIS)
    assert PARSER.reasoning_close() == (
        "<|end|><|start|>assistant<|channel|>final<|message|>")


def test_closing_reasoning_with_the_familys_marker_ends_it() -> None:
    text = "hmm" + PARSER.reasoning_close() + "Answer."
    parsed = PARSER.parse(text, Finish.STOP, Context(starts_in_reasoning=True))
    assert (parsed.reasoning_content, parsed.content) == ("hmm", "Answer.")


MARKERS = st.sampled_from([
    "<|start|>", "assistant", "<|channel|>", "analysis", "final", "commentary",
    " to=functions.f", "to=", " <|constrain|>json", "<|message|>", "<|end|>", "<|call|>",
    "<|return|>", '{"a": 1}', "{", "}", "<", "\n", " "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(MARKERS, st.text(max_size=6)), max_size=25), st.booleans(),
       st.sampled_from(list(Finish)))
def test_any_text_parses_without_raising(parts: list[str], opened: bool,
                                         finish: Finish) -> None:
    text = "".join(parts)
    parsed = check_any_text(PARSER, text, opened, finish)
    assert len(parsed.tool_calls) <= text.count("to=")
    for call in parsed.tool_calls:
        assert "<|" not in call.name
