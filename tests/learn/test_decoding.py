"""Lesson 3 on the real SmolLM2: five strategies on one prompt, run for real: greedy
equals beam search of width 1, the strategies that draw nothing repeat exactly, a hot
temperature wanders from greedy for the lesson's seed, and the log-probabilities are
the model's."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from core.conversation.types import FinishReason
from core.errors import BadInput
from core.learn.decoding import (
    FIRST_SEED,
    MAX_TOKENS,
    Way,
    new_seed,
    run_decoding,
    sample_prompt,
    settings,
)
from core.learn.replies import conversation, reply

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def result(lesson_setup: Any) -> Any:
    return run_decoding(lesson_setup, sample_prompt("en"), FIRST_SEED)


def test_each_row_runs_its_own_strategy(result: Any) -> None:
    assert [r.way for r in result.rows] == list(Way)
    assert result.seed == FIRST_SEED
    expected = {Way.GREEDY: ("greedy", 0.0), Way.WARM: ("sample", 0.7),
                Way.HOT: ("sample", 1.5), Way.TOP_K: ("sample", 1.0), Way.BEAM: ("beam", 0.0)}
    for row in result.rows:
        assert (row.sampling.strategy, row.sampling.temperature) == expected[row.way]
        assert row.sampling.seed == FIRST_SEED
        assert row.sampling.repeat_penalty == 1.0
        assert row.sampling.validated() == row.sampling
        assert row.text.strip()
        assert 0 < row.count <= MAX_TOKENS
        assert row.reason in (FinishReason.STOP, FinishReason.LENGTH)
    assert result.row(Way.TOP_K).sampling.top_k == 5
    assert result.row(Way.BEAM).sampling.beam_width == 4
    assert result.row(Way.BEAM).score is not None
    assert all(r.score is None for r in result.rows if r.way != Way.BEAM)


def test_log_probabilities_are_the_models(result: Any) -> None:
    for row in result.rows:
        assert row.logprob <= 0.0
        assert all(0.0 < t.prob <= 1.0 for t in row.tokens)
    # Greedy took the most likely token at every step (penalties are off).
    for token in result.row(Way.GREEDY).tokens:
        assert token.alternatives[0].id == token.id
    # A hot temperature picks tokens the model found unlikely: far lower in total.
    hot, greedy = result.row(Way.HOT), result.row(Way.GREEDY)
    assert hot.logprob / hot.count < greedy.logprob / greedy.count


def test_a_hot_temperature_wanders_from_greedy(result: Any) -> None:
    greedy = result.row(Way.GREEDY).text
    assert result.row(Way.HOT).text != greedy
    assert len({r.text for r in result.rows}) >= 4


def test_greedy_and_beam_search_repeat_while_sampling_changes(result: Any,
                                                              lesson_setup: Any) -> None:
    seed = new_seed()
    assert seed != FIRST_SEED
    again = run_decoding(lesson_setup, result.prompt, seed, ways=(Way.GREEDY, Way.BEAM, Way.HOT))
    assert again.row(Way.GREEDY).text == result.row(Way.GREEDY).text
    assert again.row(Way.BEAM).text == result.row(Way.BEAM).text
    assert again.row(Way.HOT).text != result.row(Way.HOT).text


def test_greedy_equals_beam_search_of_width_one(result: Any, lesson_setup: Any) -> None:
    narrow = replace(settings(Way.BEAM, FIRST_SEED), beam_width=1)
    messages = conversation(lesson_setup.system_prompt, result.prompt)
    with lesson_setup.engine.using(lesson_setup.model) as sync:
        one = reply(sync, messages, narrow)
    greedy = result.row(Way.GREEDY)
    assert one.text == greedy.text
    assert one.token_ids == tuple(t.id for t in greedy.tokens)


def test_an_empty_prompt_is_refused(lesson_setup: Any) -> None:
    with pytest.raises(BadInput) as raised:
        run_decoding(lesson_setup, "")
    assert raised.value.code == "learn.empty_prompt"
