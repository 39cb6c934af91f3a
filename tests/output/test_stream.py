"""The streaming split adds up to the finished parse, however the text is grouped."""

from __future__ import annotations

from core.output.families import parser_for
from core.output.markers import held_back, json_object
from core.output.stream import StreamParser
from core.output.types import Context, Family, Finish


def test_plain_output_streams_to_its_parse() -> None:
    stream = StreamParser(parser_for(Family.PLAIN))
    shown = "".join(stream.feed(piece).content for piece in ("Hel", "lo", " there"))
    last, parsed = stream.finish(Finish.STOP)
    assert shown + last.content == "Hello there" == parsed.content
    assert parsed.to_json() == {"content": "Hello there", "reasoning_content": None,
                                "tool_calls": None}


def test_a_prompt_that_opened_reasoning_makes_it_reasoning() -> None:
    stream = StreamParser(parser_for(Family.PLAIN), Context(starts_in_reasoning=True))
    delta = stream.feed("hmm")
    assert delta.thinking and delta.reasoning == "hmm"
    _last, parsed = stream.finish()
    assert parsed.reasoning_content == "hmm" and parsed.content is None


def test_a_marker_beginning_is_held_back_until_it_is_known() -> None:
    assert held_back("answer <thi", ["<think>"]) == len("answer ")
    assert held_back("answer <b", ["<think>"]) == len("answer <b")
    assert held_back("x[TOOL", ["[TOOL_CALLS]", "<tool_call>"]) == 1


def test_json_objects_keep_their_types() -> None:
    assert json_object('{"n": 3, "s": "3", "ok": true}') == {"n": 3, "s": "3", "ok": True}
    assert json_object("[1]") is None and json_object("{") is None
    assert json_object("[" * 100_000) is None  # too deep: not JSON, no crash
