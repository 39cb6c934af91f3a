"""Lesson 2 on the real SmolLM2: the first token's candidates are the model's real
distribution (the greedy reply takes the top one), and the reply ends where the model
chose its end token, which is the most likely token at that step."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest

from core.conversation.types import FinishReason
from core.errors import BadInput
from core.learn.next_token import (
    MAX_REPLY,
    SAMPLES,
    TOP,
    greedy,
    run_next_token,
    sample_prompt,
)
from core.learn.replies import conversation, reply

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def result(lesson_setup: Any) -> Any:
    return run_next_token(lesson_setup, sample_prompt("en"))


def test_the_top_candidate_is_the_greedy_replys_first_token(result: Any,
                                                            lesson_setup: Any) -> None:
    assert len(result.first) == TOP
    top, first = result.first[0], result.steps[0]
    assert (top.id, top.prob) == (first.chosen.id, first.chosen.prob)
    # A reply of one token, asked for on its own, has the same most likely token.  Its
    # probability agrees to about 1%: that reply reads the prompt from the KV cache and
    # evaluates its last token alone, and llama.cpp's sums in another batch shape
    # differ in the last digits.
    messages = conversation(lesson_setup.system_prompt, result.prompt)
    with lesson_setup.engine.using(lesson_setup.model) as sync:
        one = reply(sync, messages, greedy(1))
    assert one.token_ids == (top.id,)
    assert one.logprobs[0].alternatives[0].id == top.id
    assert one.logprobs[0].prob == pytest.approx(top.prob, rel=0.05)


def test_candidates_are_sorted_probabilities(result: Any) -> None:
    for candidates in (result.first, result.end_step, *(s.candidates for s in result.steps)):
        probs = [c.prob for c in candidates]
        assert probs == sorted(probs, reverse=True)
        assert all(0.0 < p <= 1.0 for p in probs)
        assert sum(probs) <= 1.0 + 1e-9


def test_every_token_of_the_greedy_reply_was_the_most_likely(result: Any) -> None:
    assert result.text.strip()
    assert "Paris" in result.text
    for step in result.steps:
        assert step.chosen.id == step.candidates[0].id
    assert "".join(s.chosen.piece for s in result.steps) == result.text


def test_the_reply_ends_with_the_end_token_on_top(result: Any, lesson_setup: Any) -> None:
    assert result.reason == FinishReason.STOP
    assert len(result.steps) < MAX_REPLY
    assert result.eos_token == "<|im_end|>"
    end = result.end_choice
    assert end is not None and end.piece == result.eos_token
    assert end.prob == result.eos_prob == result.end_step[0].prob
    assert end.prob > max(c.prob for c in result.end_step[1:])
    # No end token is in the reply itself.
    assert all(s.chosen.id != end.id for s in result.steps)


def test_a_reply_cut_at_max_tokens_says_so(lesson_setup: Any) -> None:
    """The end step after a cut reply is the model's next choice, not an end token;
    checked on the engine directly with the lesson's settings."""
    messages = conversation(lesson_setup.system_prompt, sample_prompt("en"))
    with lesson_setup.engine.using(lesson_setup.model) as sync:
        cut = reply(sync, messages, greedy(3))
    assert cut.finished.reason == FinishReason.LENGTH
    assert len(cut.token_ids) == 3
    assert all(math.isfinite(t.prob) for t in cut.logprobs)


def test_the_portuguese_sample_runs_too(lesson_setup: Any) -> None:
    result = run_next_token(replace(lesson_setup, language="pt_BR"), SAMPLES["pt_BR"])
    assert result.prompt == "Qual é a capital da França?"
    assert result.steps and result.end_step
    assert result.first[0].id == result.steps[0].chosen.id


def test_an_empty_question_is_refused(lesson_setup: Any) -> None:
    with pytest.raises(BadInput) as raised:
        run_next_token(lesson_setup, " ")
    assert raised.value.code == "learn.empty_prompt"
