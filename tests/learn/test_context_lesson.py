"""Lesson 6 on the real SmolLM2 with a 256-token context: the counts are the engine's,
"stop" refuses, each dropping policy leaves out exactly what ``core.conversation.context``
decides with the engine's own count, and the system prompt and the question stay."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest

from core.conversation.context import fit
from core.conversation.types import ContextPolicy, Message, Role
from core.learn.context_lesson import (
    FACT,
    GREEDY,
    LESSON_CONTEXT,
    run_context,
    sample_conversation,
)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module", params=["en", "pt_BR"])
def result(request: pytest.FixtureRequest, lesson_setup: Any) -> Any:
    return run_context(replace(lesson_setup, language=request.param))


def engine_count(lesson_setup: Any, messages: Sequence[Message]) -> int:
    with lesson_setup.engine.using(lesson_setup.model, n_ctx=LESSON_CONTEXT) as sync:
        return sync.count(messages, GREEDY).tokens


def test_the_conversation_holds_the_fact_first_and_asks_for_it_last() -> None:
    for language in ("en", "pt_BR"):
        messages = sample_conversation("System.", language)
        assert messages[0] == {"role": Role.SYSTEM, "content": "System."}
        assert 8 <= len(messages) - 1 <= 12
        assert FACT in messages[1]["content"] and messages[-1]["role"] == Role.USER
        assert all(FACT not in m["content"] for m in messages[3:])


def test_the_counts_are_the_engines(result: Any, lesson_setup: Any) -> None:
    assert result.n_ctx == LESSON_CONTEXT and result.reply_room == GREEDY.max_tokens
    assert result.total_tokens == engine_count(lesson_setup, result.messages)
    assert result.total_tokens > result.budget  # too long on purpose
    assert len(result.message_tokens) == len(result.messages)
    with lesson_setup.engine.using(lesson_setup.model, n_ctx=LESSON_CONTEXT) as sync:
        inspection = sync.inspect(result.messages[1:2])
    # A message's own count is its words alone: fewer than the prompt around it.
    assert 0 < result.message_tokens[1] < len(inspection.tokens)


def test_stop_refuses_and_says_why(result: Any) -> None:
    stop = result.outcome(ContextPolicy.STOP)
    assert stop.refused is not None and stop.refused.code == "conversation.context_full"
    assert stop.reply == "" and stop.dropped == ()


@pytest.mark.parametrize("policy", [ContextPolicy.DROP_OLDEST, ContextPolicy.DROP_MIDDLE])
def test_the_dropped_messages_are_the_policys(result: Any, lesson_setup: Any,
                                              policy: ContextPolicy) -> None:
    outcome = result.outcome(policy)
    expected = fit(result.messages, policy, result.budget,
                   lambda kept: engine_count(lesson_setup, kept))
    assert outcome.dropped == expected.dropped and outcome.dropped
    assert outcome.prompt_tokens == expected.tokens <= result.budget
    assert 0 not in outcome.dropped  # the system prompt stays
    assert len(result.messages) - 1 not in outcome.dropped  # so does the question
    assert outcome.reply and outcome.refused is None


def test_drop_oldest_loses_the_name_and_drop_middle_keeps_it(result: Any) -> None:
    assert 1 in result.outcome(ContextPolicy.DROP_OLDEST).dropped
    assert 1 not in result.outcome(ContextPolicy.DROP_MIDDLE).dropped
    # Without the message, the model cannot know the name (it never read it).
    assert FACT not in result.outcome(ContextPolicy.DROP_OLDEST).reply
