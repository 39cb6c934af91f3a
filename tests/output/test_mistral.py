"""Mistral/Magistral output: ``[THINK]`` reasoning, ``[TOOL_CALLS]`` in the v11 form
(``name[CALL_ID]id[ARGS]{...}``) and the older JSON list form."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.output.families import parser_for
from core.output.types import Context, Family, Finish
from tests.output import cases

CASES = cases.load("mistral")
PARSER = parser_for(Family.MISTRAL)




def test_call_ids_are_kept() -> None:
    text = '[TOOL_CALLS]f[CALL_ID]a1b2c3d4e[ARGS]{}'
    assert PARSER.parse(text, Finish.STOP, Context()).tool_calls[0].id == "a1b2c3d4e"
    listed = '[TOOL_CALLS][{"name": "f", "arguments": {}, "id": "abcdefghi"}]'
    assert PARSER.parse(listed, Finish.STOP, Context()).tool_calls[0].id == "abcdefghi"


def test_reasoning_opens_and_closes_with_think_tokens() -> None:
    assert PARSER.opens_reasoning("[/INST][THINK]")
    assert not PARSER.opens_reasoning("[/INST]")
    assert PARSER.reasoning_close() == "[/THINK]"
    text = "hm" + PARSER.reasoning_close() + "Answer."
    parsed = PARSER.parse(text, Finish.STOP, Context(starts_in_reasoning=True))
    assert (parsed.reasoning_content, parsed.content) == ("hm", "Answer.")


def test_live_view_holds_a_call_back() -> None:
    context = Context()
    assert PARSER.partial("[THINK]hm[/TH", context).reasoning == "hm"
    assert PARSER.partial("Ok.[TOOL_CALLS]f[ARGS]{", context).content == "Ok."
    assert PARSER.partial("Ok.[TOOL_", context).content == "Ok."
    assert PARSER.partial("Ok.</", context).content == "Ok."


MARKERS = st.sampled_from(["[THINK]", "[/THINK]", "[TOOL_CALLS]", "[ARGS]", "[CALL_ID]",
                           "</s>", "f", '{"a": 1}', "[", "]", "{", '"', "<think>"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(MARKERS, st.text(max_size=8)), max_size=30), st.booleans(),
       st.sampled_from(list(Finish)))
def test_any_text_parses_without_raising(parts: list[str], opened: bool,
                                         finish: Finish) -> None:
    text = "".join(parts)
    context = Context(starts_in_reasoning=opened)
    parsed = PARSER.parse(text, finish, context)
    PARSER.partial(text, context)
    assert "</s>" not in (parsed.content or "")
    for call in parsed.tool_calls:
        assert "[ARGS]" not in call.name and "[CALL_ID]" not in call.name
