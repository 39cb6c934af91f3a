"""DeepSeek V3/R1/V3.1+/V3.2 output: ``<think>``, call sections in V3 and V3.1 form, DSML."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.output.families import parser_for
from core.output.families.deepseek import CALL, DSML, SECTION, SEP
from core.output.types import Context, Family, Finish
from tests.output import cases
from tests.output.fuzz import check_any_text

CASES = cases.load("deepseek")
PARSER = parser_for(Family.DEEPSEEK)




def test_the_prompt_says_whether_reasoning_is_open() -> None:
    assert PARSER.opens_reasoning("<｜User｜>Hi<｜Assistant｜><think>\n")
    assert PARSER.opens_reasoning("<｜Assistant｜><think>")
    assert not PARSER.opens_reasoning("<｜Assistant｜></think>")  # V3.1 non-thinking
    assert not PARSER.opens_reasoning("<｜Assistant｜>")
    assert PARSER.reasoning_close() == "</think>\n\n"


def test_closing_reasoning_with_the_familys_marker_ends_it() -> None:
    text = "hmm" + PARSER.reasoning_close() + "Answer."
    parsed = PARSER.parse(text, Finish.STOP, Context(starts_in_reasoning=True))
    assert (parsed.reasoning_content, parsed.content) == ("hmm", "Answer.")


def test_live_view_holds_a_section_back_until_it_closes() -> None:
    context = Context()
    text = "Ok." + SECTION[0] + CALL[0] + "f" + SEP + '{"a": 1}' + CALL[1]
    assert PARSER.partial(text, context).content == "Ok."
    assert PARSER.partial("Ok. <｜tool▁ca", context).content == "Ok."
    assert PARSER.partial(text + SECTION[1] + " Done", context).content == "Ok. Done"
    assert PARSER.partial("<think>\nhm\n</thi", context).reasoning == "hm"


def test_a_dsml_string_parameter_stays_text_even_when_it_looks_like_json() -> None:
    text = (f'<{DSML}function_calls><{DSML}invoke name="f"><{DSML}parameter name="n" '
            f'string="true">3</{DSML}parameter></{DSML}invoke></{DSML}function_calls>')
    assert PARSER.parse(text, Finish.STOP, Context()).tool_calls[0].arguments == {"n": "3"}


MARKERS = st.sampled_from([
    "<think>", "</think>", SECTION[0], SECTION[1], CALL[0], CALL[1], SEP, "function",
    "\n```json\n", "\n```", f"<{DSML}function_calls>", f"</{DSML}function_calls>",
    f'<{DSML}invoke name="f">', f"</{DSML}invoke>",
    f'<{DSML}parameter name="a" string="false">', f"</{DSML}parameter>",
    '{"a": 1}', "{", "}", '"', "<", "\n", "<｜end▁of▁sentence｜>"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(MARKERS, st.text(max_size=6)), max_size=25), st.booleans(),
       st.sampled_from(list(Finish)))
def test_any_text_parses_without_raising(parts: list[str], opened: bool,
                                         finish: Finish) -> None:
    text = "".join(parts)
    parsed = check_any_text(PARSER, text, opened, finish)
    for field in (parsed.content or "", parsed.reasoning_content or ""):
        assert "<think>" not in field or text.count("<think>") > 0
    assert len(parsed.tool_calls) <= text.count(CALL[1]) + text.count(f"</{DSML}invoke>")


def test_a_stray_close_marker_never_takes_shown_text_back() -> None:
    context = Context()
    before = PARSER.partial("a<<</think", context).content
    assert PARSER.partial("a<<</think>", context).content.startswith(before)
