"""Lesson 7 on the real SmolLM2 with the built-in ChatML-with-tools template: the
calculator is offered in the prompt, the model's call names it with arguments valid
against its schema, the real toolbox computes the true product, and the answer is
generated from a prompt that holds the result."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import jsonschema
import pytest

from core.learn.tools_lesson import TOOLS_TEMPLATE_LABEL, run_tools, sample_question
from core.tools.builtin import calculator
from core.tools.runs import RunStatus

pytestmark = pytest.mark.model


@pytest.fixture(scope="module", params=["en", "pt_BR"])
def result(request: pytest.FixtureRequest, lesson_setup: Any) -> Any:
    return run_tools(replace(lesson_setup, language=request.param))


def test_the_tool_is_offered_in_the_prompt(result: Any) -> None:
    assert result.tool_spec == calculator.SPEC.to_openai()
    assert result.tools_span is not None
    start, end = result.tools_span
    shown = result.offer_prompt[start:end]
    assert shown.startswith("<tools>") and shown.endswith("</tools>")
    assert json.loads(shown.removeprefix("<tools>").removesuffix("</tools>")) \
        == result.tool_spec
    assert result.question in result.offer_prompt
    assert result.template_source == "override"
    assert TOOLS_TEMPLATE_LABEL == "ChatML with tools (Hermes)"


def test_the_call_names_the_calculator_with_valid_arguments(result: Any) -> None:
    assert result.call_name == "calculator"
    jsonschema.validate(result.call_arguments, calculator.SPEC.parameters)
    assert result.call_text.startswith("<tool_call>")
    assert result.call_text.rstrip().endswith("</tool_call>")
    written = result.call_text.removeprefix("<tool_call>").rstrip()
    assert json.loads(written.removesuffix("</tool_call>")) == {
        "name": "calculator", "arguments": result.call_arguments}


def test_the_toolbox_computes_the_true_product(result: Any) -> None:
    assert result.run.status == RunStatus.DONE
    assert result.run.result.strip() == str(17 * 23)


def test_the_answer_is_written_after_reading_the_result(result: Any) -> None:
    assert "<tool_response>\n391\n</tool_response>" in result.answer_prompt
    assert result.answer_prompt.index("<tool_call>") \
        < result.answer_prompt.index("<tool_response>")
    assert result.answer_prompt.endswith("<|im_start|>assistant\n")
    assert result.answer


def test_the_sample_question_is_in_the_learners_language() -> None:
    assert "17" in sample_question("en") and "23" in sample_question("en")
    assert sample_question("pt_BR").startswith("Quanto")
