"""The Learn panel in the real window, on the real starter model: Help → Learn opens it,
every lesson runs on the model and shows its result, the "?" beside a concept opens its
lesson, and each "Try it yourself" opens the real panel filled in."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from core.errors import Problem
from core.learn.catalog import LESSONS, LessonId, TryIt, TryTarget
from core.sampling.params import SamplingParams
from ui.error_texts import problem_text
from ui.learn.help_button import LessonButton

pytestmark = [pytest.mark.gui, pytest.mark.model]


def test_every_lesson_runs_on_the_model_from_the_help_menu(window: Any, qtbot: Any) -> None:
    window.learn_action.trigger()
    dialog = window.learn_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.lessons.count() == len(LESSONS)
    for row, lesson in enumerate(LESSONS):
        page = dialog.page_of[lesson]
        if not page.has_run:
            with qtbot.waitSignal(page.ran, timeout=120_000):
                dialog.lessons.setCurrentRow(row)
        else:
            qtbot.waitUntil(lambda page=page: not page.busy, timeout=120_000)
        assert page.result is not None, lesson
        assert not page.status.isVisible() or page.status.text() == "", lesson
        assert dialog.pages.currentWidget() is page
    # It ran on the chat's model, in a process of its own.
    assert dialog.engine.loaded is not None
    assert "SmolLM2" in dialog.model_line.text() or "smollm2" in dialog.model_line.text()
    assert window.controller.engine.pid != dialog.engine._engine.client.pid


def test_question_marks_open_their_lesson(window: Any, qtbot: Any) -> None:
    """Each "?" opens its lesson; here no lesson can run (as on a machine with no local
    model), which each page says in words instead of running."""
    no_model = Problem.of("learn.no_model", "The lessons need a model on this computer: "
                          "load one, or download one in Models.")
    window.lesson_setup = lambda: no_model
    buttons = [b for b in window.findChildren(LessonButton)]
    inspector = window.findChild(QWidget, "promptInspector")
    if inspector is not None:
        buttons += inspector.findChildren(LessonButton)
    assert {b.lesson for b in buttons} >= {LessonId.DECODING, LessonId.CONTEXT,
                                           LessonId.TOOLS}
    for button in buttons:
        button.click()
        dialog = window.learn_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.pages.currentWidget() is dialog.page_of[button.lesson]
        assert button.toolTip()
        page = dialog.page_of[button.lesson]
        assert not page.busy and page.status.text() == problem_text(no_model)
        assert page.run_button.isEnabled()


def test_try_it_yourself_opens_the_real_panel_filled_in(window: Any, qtbot: Any) -> None:
    window.try_lesson(TryIt(TryTarget.PROBABILITIES, draft="Why is the sky blue?"))
    assert window.composer.toPlainText() == "Why is the sky blue?"
    assert window.probabilities_action.isChecked()

    beams = SamplingParams(strategy="beam", beam_width=3, max_tokens=7)
    window.try_lesson(TryIt(TryTarget.SAMPLING, sampling=beams))
    assert window.side.currentWidget() is window.sampling
    chosen = window.sampling.params()
    assert (chosen.strategy, chosen.beam_width) == ("beam", 3)
    assert chosen.max_tokens != 7  # the lesson's reply length is not the user's
    assert window.controller.settings.sampling.strategy == "beam"

    window.try_lesson(TryIt(TryTarget.TOOLS, tools=("calculator",), draft="17 × 23?"))
    assert window.side.currentWidget() is window.tools_panel
    state = window.tools_panel.state()
    assert state.enabled and "calculator" in state.builtin
    assert window.controller.session.tools.builtin == state.builtin
    # The starter model's own template has no tools: the lesson's template is offered
    # in the editor, not saved.
    editor = window.template_editor
    assert editor is not None and editor.isVisible()
    assert "<tool_call>" in editor.editor.toPlainText()
    assert window.overrides.get(window.loaded.model_path) is None
    editor.close()

    window.try_lesson(TryIt(TryTarget.CONTEXT))
    assert window.side.currentWidget() is window.engine_page

    window.try_lesson(TryIt(TryTarget.PROMPT_INSPECTOR, draft="Olá, mundo!"))
    qtbot.waitUntil(lambda: any(w.objectName() == "promptInspector" and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=30_000)

    lesson_chat = ({"role": "system", "content": "Be brief."},
                   {"role": "user", "content": "Olá! Quem é você?"})
    window.try_lesson(TryIt(TryTarget.TEMPLATE_EDITOR, messages=lesson_chat))
    editor = window.template_editor
    assert editor.isVisible()
    # The preview shows the lesson's conversation through the model's template.
    qtbot.waitUntil(lambda: "Olá! Quem é você?" in editor.preview.toPlainText(),
                    timeout=30_000)
    assert "<|im_start|>system\nBe brief." in editor.preview.toPlainText()
    editor.close()

    window.try_lesson(TryIt(TryTarget.MODELS))
    assert window.models_dialog is not None and window.models_dialog.isVisible()
    labels = [w for w in window.findChildren(QLabel) if w.isVisible()]
    assert labels


def test_a_lesson_runs_again_on_the_chats_new_model(qtbot: Any, lesson_setup: Any,
                                                    gemma_model: Any) -> None:
    """Shown again after the chat changed models, a lesson shows the new model's tokens,
    not the old one's."""
    from dataclasses import replace

    from ui.learn.dialog import LearnDialog

    current = [lesson_setup]
    dialog = LearnDialog(lambda: current[0], lambda _t: None, lesson_setup.engine)
    qtbot.addWidget(dialog)
    page = dialog.page_of[LessonId.TOKENS]
    with qtbot.waitSignal(page.ran, timeout=120_000):
        dialog.show_lesson(LessonId.TOKENS)
    smollm_ids = [c.caption for c in page.chips.chips]
    dialog.show_lesson(LessonId.NEXT_TOKEN)
    qtbot.waitUntil(lambda: not dialog.page_of[LessonId.NEXT_TOKEN].busy, timeout=120_000)
    current[0] = replace(lesson_setup, model=replace(lesson_setup.model,
                                                     model_path=str(gemma_model)))
    with qtbot.waitSignal(page.ran, timeout=120_000):
        dialog.show_lesson(LessonId.TOKENS)
    assert page.ran_with == str(gemma_model)
    assert "gemma" in dialog.model_line.text().lower()
    assert [c.caption for c in page.chips.chips] != smollm_ids
    # Shown again on the same model: nothing runs.
    dialog.show_lesson(LessonId.NEXT_TOKEN)
    qtbot.waitUntil(lambda: not dialog.page_of[LessonId.NEXT_TOKEN].busy, timeout=120_000)
    dialog.show_lesson(LessonId.TOKENS)
    assert not page.busy
    dialog.close()
