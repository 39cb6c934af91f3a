"""The chat lessons (templates, base/instruct, context, tools) in the real Learn dialog
on the real models: each page shows what the engine gave (the inspector's text and
token ids, the two models' replies, the engine's counts and the policies' dropped
messages, the calculator's call and result), and "Try it yourself" opens the right
part of the app, filled in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.conversation.types import ContextPolicy
from core.engine.sync import SyncEngine
from core.learn.base_instruct import bundled_base_model, run_base_instruct
from core.learn.catalog import LessonId, TryIt, TryTarget
from core.learn.context_lesson import GREEDY, LESSON_CONTEXT
from core.paths import app_paths
from tests.ui.learn_dialog import run_lesson, try_it
from ui.format import number
from ui.learn.dialog import LearnDialog

pytestmark = [pytest.mark.gui, pytest.mark.model]




def test_templates_show_the_inspectors_text_and_tokens(qtbot: Any, dialog: LearnDialog,
                                                       tries: list[TryIt],
                                                       engine: SyncEngine) -> None:
    page: Any = run_lesson(qtbot, dialog, LessonId.TEMPLATES)
    result = page.result
    inspection = engine.inspect(result.messages)
    assert page.prompt.plain_text == inspection.text
    for message in result.messages:
        assert message["content"] in page.prompt.plain_text
        assert message["content"] in page.messages.text()
    chips = page.tokens.chips
    assert [c.caption for c in chips] == [str(t.id) for t in inspection.tokens]
    assert [c.piece for c in chips] == [t.piece for t in inspection.tokens]
    # Special tokens are drawn in the special style, as many as the engine marks.
    assert [c.special for c in chips] == [t.special for t in inspection.tokens]
    assert any(c.special for c in chips)
    assert "SmolLM2" in page.template_line.text()
    assert number(len(inspection.tokens)) in page.tokens_note.text()
    target = try_it(page, tries)
    assert target == TryIt(TryTarget.TEMPLATE_EDITOR, messages=result.messages)


def test_base_and_instruct_show_both_models_replies(qtbot: Any, dialog: LearnDialog,
                                                    tries: list[TryIt], gemma_model: Path,
                                                    lesson_setup: Any) -> None:
    # The base model is where the app keeps bundled models once joined (this test's
    # own models folder): the lesson finds it there and does not copy it again.
    model = bundled_base_model()
    assert model is not None
    joined = model.path_in(app_paths().models)
    joined.parent.mkdir(parents=True)
    joined.symlink_to(gemma_model)
    page: Any = run_lesson(qtbot, dialog, LessonId.BASE_INSTRUCT)
    result = page.result
    assert result.base is not None and result.base.model_name.startswith("gemma-3-270m")
    assert not page.base_box["frame"].isHidden() and page.missing.isHidden()
    assert page.base_box["reply"].text() == result.base.reply.strip()
    assert page.base_box["prompt"].plain_text == page.question.text()
    assert page.instruct_box["reply"].text() == result.instruct.reply.strip()
    assert "<|im_start|>user" in page.instruct_box["prompt"].plain_text
    assert "Paris" in page.instruct_box["reply"].text()
    assert page.chat_note.isHidden()
    assert "limit of 40 tokens" in page.base_box["ending"].text()
    assert "stopped by itself" in page.instruct_box["ending"].text()
    assert try_it(page, tries) == TryIt(TryTarget.MODELS)
    # An install without the base model: the lesson says so in words.
    page.finish(run_base_instruct(lesson_setup, page.question.text(), None))
    assert page.base_box["frame"].isHidden() and not page.missing.isHidden()
    assert "not installed" in page.missing.text()


def test_context_shows_the_engines_counts_and_the_policies_drops(
        qtbot: Any, dialog: LearnDialog, tries: list[TryIt], lesson_setup: Any) -> None:
    page: Any = run_lesson(qtbot, dialog, LessonId.CONTEXT)
    result = page.result
    with lesson_setup.engine.using(lesson_setup.model, n_ctx=LESSON_CONTEXT) as sync:
        counted = sync.count(result.messages, GREEDY)
    assert page.bar.total == counted.tokens == result.total_tokens
    assert number(counted.tokens) in page.fill_line.text()
    assert number(counted.budget) in page.fill_line.text()
    for count in result.message_tokens:
        assert f"{count} tokens" in page.messages.text()
    stop = page.policy_rows[ContextPolicy.STOP][2].text()
    assert "needs " + number(counted.tokens) + " tokens" in stop
    oldest = page.policy_rows[ContextPolicy.DROP_OLDEST][2].text()
    dropped = result.outcome(ContextPolicy.DROP_OLDEST).dropped
    assert ", ".join(str(i) for i in dropped) in oldest and "gone" in oldest
    middle = page.policy_rows[ContextPolicy.DROP_MIDDLE][2].text()
    assert "still read" in middle and "system prompt" in middle
    assert try_it(page, tries) == TryIt(TryTarget.CONTEXT)


def test_tools_show_the_four_steps(qtbot: Any, dialog: LearnDialog,
                                   tries: list[TryIt]) -> None:
    page: Any = run_lesson(qtbot, dialog, LessonId.TOOLS)
    result = page.result
    assert '"calculator"' in page.spec.plain_text
    assert page.offer.highlight is not None
    start, end = page.offer.highlight
    assert page.offer.plain_text[start:end].startswith("<tools>")
    assert page.call_text.plain_text == result.call_text
    assert "<b>calculator</b>" in page.parsed.text()
    assert "<b>391</b>" in page.run_line.text()
    assert "<tool_response>\n391\n</tool_response>" in page.answer_prompt.plain_text
    assert result.answer in page.answer.text()
    assert try_it(page, tries) == TryIt(TryTarget.TOOLS, draft="What is 17 times 23?",
                                        tools=("calculator",))
