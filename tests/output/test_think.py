"""The shared split of ``<think>``-style reasoning (``core.output.families.think``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.output.families import think
from core.output.types import Context, Finish

OPEN, INSIDE = Context(), Context(starts_in_reasoning=True)


def test_reasoning_is_trimmed_as_templates_render_it() -> None:
    split = think.split("<think>\nhm\n\n</think>\n\nHi", OPEN)
    assert (split.reasoning, split.answer, split.closed) == ("hm", "Hi", True)
    assert think.split("<think>\n\n</think>\n\nHi", OPEN).reasoning is None


def test_a_prompt_that_opened_reasoning_needs_no_open_marker() -> None:
    assert think.split("hm\n</think>\n\nHi", INSIDE).reasoning == "hm"
    assert think.split("<think>\nhm</think>Hi", INSIDE).reasoning == "hm"  # written again
    unclosed = think.split("still thinking", INSIDE)
    assert (unclosed.reasoning, unclosed.answer, unclosed.closed) == ("still thinking", "", False)


def test_markers_count_only_where_templates_put_them() -> None:
    assert think.split("Use <think> tags", OPEN).answer == "Use <think> tags"
    assert think.split("Hi </think> there", OPEN).answer == "Hi  there"  # stray: dropped


def test_a_cut_leaves_no_half_marker() -> None:
    assert think.split("hm </thi", INSIDE, Finish.LENGTH).reasoning == "hm "
    assert think.split("[THINK]a[/TH", OPEN, Finish.LENGTH, "[THINK]", "[/THINK]").reasoning == "a"


def test_the_live_split_holds_back_what_is_not_known_yet() -> None:
    same = str
    assert think.partial("<thi", OPEN, same) == think.partial("", OPEN, same)
    assert think.partial("<thi", INSIDE, same).thinking
    assert think.partial("<think>\nhm\n</th", OPEN, same).reasoning == "hm"
    done = think.partial("<think>hm</think>\n\nHi", OPEN, same)
    assert (done.reasoning, done.content, done.thinking) == ("hm", "Hi", False)


def test_opens_knows_a_prompt_that_closes_reasoning_again() -> None:
    assert think.opens("<|im_start|>assistant\n<think>\n")
    assert not think.opens("<|im_start|>assistant\n<think>\n\n</think>\n\n")
    assert think.opens("[INST]hi[/INST][THINK]", "[THINK]")


PIECES = st.sampled_from(["<think>", "</think>", "<", "</", "\n", "a", " ", "<thi", "nk>", "</thi"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=20), st.booleans())
def test_the_live_split_never_takes_back_what_it_showed(parts: list[str], inside: bool) -> None:
    context = INSIDE if inside else OPEN
    text = ""
    before = think.partial(text, context, str)
    for part in parts:
        text += part
        now = think.partial(text, context, str)
        assert now.reasoning.startswith(before.reasoning)
        assert now.content.startswith(before.content)
        before = now
    final = think.split(text, context)
    assert (final.reasoning or "").startswith(before.reasoning)
    assert final.answer.startswith(before.content)


def test_a_stray_close_marker_never_takes_shown_text_back() -> None:
    before = think.partial("a<<</think", OPEN, str).content
    after = think.partial("a<<</think>", OPEN, str).content
    assert after.startswith(before) and after == "a<<"
    inside = think.partial("<think>x</think>b<</think", OPEN, str).content
    assert think.partial("<think>x</think>b<</think>", OPEN, str).content.startswith(inside)
