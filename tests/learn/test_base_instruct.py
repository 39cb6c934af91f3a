"""Lesson 5 on the real models: the bundled Gemma 3 270M base model continues the
question as text (completion mode: it reads the question alone), the chat's SmolLM2
answers it as a user turn through its template; both greedy, so both the same on every
run."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from core.learn.base_instruct import (
    REPLY_TOKENS,
    bundled_base_model,
    prepare_base_model,
    run_base_instruct,
    sample_question,
)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def result(lesson_setup: Any, gemma_model: Path) -> Any:
    return run_base_instruct(lesson_setup, sample_question("en"), gemma_model)


def test_the_base_model_continues_the_question_in_completion_mode(result: Any) -> None:
    base = result.base
    assert base is not None and base.model_name.startswith("gemma-3-270m")
    assert base.mode == "completion"
    # Completion mode adds only the model's BOS token to the raw question.
    assert base.prompt == "What is the capital of France?"
    assert base.prompt_tokens == 8  # <bos> What ␣is ␣the ␣capital ␣of ␣France ?
    assert base.reply.strip() and base.reply != result.instruct.reply
    assert not base.stopped  # a base model writes on, to the limit


def test_the_instruct_model_answers_through_its_template(result: Any) -> None:
    instruct = result.instruct
    assert instruct.model_name.startswith("SmolLM2") and instruct.mode == "chat"
    assert not result.chat_is_base
    assert instruct.prompt.endswith(
        "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n")
    assert "Paris" in instruct.reply
    assert instruct.stopped  # it answered and ended its turn


def test_both_replies_are_deterministic(result: Any, lesson_setup: Any,
                                        gemma_model: Path) -> None:
    again = run_base_instruct(lesson_setup, "What is the capital of France?", gemma_model)
    assert again == result
    assert result.base is not None and len(result.base.reply) > 0
    assert REPLY_TOKENS == 40


def test_without_the_base_model_the_instruct_half_still_runs(lesson_setup: Any) -> None:
    result = run_base_instruct(replace(lesson_setup, language="pt_BR"), "", None)
    assert result.base is None
    assert result.question == "Qual é a capital da França?"
    assert "Qual é a capital da França?" in result.instruct.prompt


def test_a_chat_in_completion_mode_is_said_to_be_base(lesson_setup: Any) -> None:
    setup = replace(lesson_setup, model=replace(lesson_setup.model, force_mode="completion"))
    result = run_base_instruct(setup, "The sky is", None)
    assert result.chat_is_base and result.instruct.prompt == "The sky is"


def test_the_bundled_base_model_is_joined_into_the_models_folder(tmp_path: Path,
                                                                 gemma_model: Path) -> None:
    model = bundled_base_model()
    assert model is not None and model.is_split
    # Already joined where the app keeps it: found at once, not copied again.
    folder = tmp_path / "models"
    (folder / "bundled").mkdir(parents=True)
    (folder / "bundled" / model.file_name).symlink_to(gemma_model)
    assert prepare_base_model(folder) == folder / "bundled" / model.file_name
