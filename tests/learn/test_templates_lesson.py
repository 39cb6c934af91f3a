"""Lesson 4 on the real SmolLM2: the conversation, the exact text and its tokens are the
engine's own (the prompt inspector's request), and the template's markers are told
apart from the messages' words."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from core.conversation.types import Role
from core.engine.sync import SyncEngine
from core.learn.templates_lesson import run_templates, sample_conversation

pytestmark = pytest.mark.model


@pytest.fixture(scope="module", params=["en", "pt_BR"])
def result(request: pytest.FixtureRequest, lesson_setup: Any) -> Any:
    return run_templates(replace(lesson_setup, language=request.param))


def test_the_conversation_has_every_role_in_the_learners_language(lesson_setup: Any) -> None:
    english = sample_conversation("Be brief.", "en")
    portuguese = sample_conversation("Seja breve.", "pt_BR")
    assert [m["role"] for m in english] == [Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER]
    assert english[0]["content"] == "Be brief."
    assert "token" in portuguese[1]["content"] and "O que" in portuguese[1]["content"]
    assert sample_conversation("", "en")[0]["role"] == Role.USER


def test_the_text_and_tokens_are_the_inspectors(result: Any, starter_model: Any,
                                                engine: SyncEngine) -> None:
    inspection = engine.inspect(result.messages)
    assert result.text == inspection.text
    assert [t.id for t in result.tokens] == [t.id for t in inspection.tokens]
    assert [t.special for t in result.tokens] == [t.special for t in inspection.tokens]
    for message in result.messages:
        assert message["content"] in result.text
    assert result.mode == "chat" and result.template_source == "model"
    assert result.template_label == inspection.template_label


def test_the_markers_are_special_tokens_and_the_words_are_not(result: Any) -> None:
    assert "".join(run.text for run in result.runs) == result.text
    words = [run.text for run in result.runs if not run.template]
    assert words == [m["content"] for m in result.messages]
    scaffolding = "".join(run.text for run in result.runs if run.template)
    assert scaffolding.count("<|im_start|>") == len(result.messages) + 1
    specials = [t.piece for t in result.tokens if t.special]
    assert set(specials) == {"<|im_start|>", "<|im_end|>"}
    assert result.special_count == len(specials) == 2 * len(result.messages) + 1
    assert not any(t.special for t in result.tokens if t.piece in ("user", "system"))


def test_a_chat_in_completion_mode_reads_the_words_alone(lesson_setup: Any) -> None:
    setup = replace(lesson_setup, model=replace(lesson_setup.model, force_mode="completion"))
    messages = sample_conversation("Be brief.", "en")
    result = run_templates(setup, messages)
    assert result.mode == "completion"
    assert result.text == "".join(m["content"] for m in messages[1:])
    assert all(run.template is False for run in result.runs if run.text)
    assert "<|im_start|>" not in result.text and result.special_count <= 1  # BOS at most
