"""The prompt inspector, the template editor and the chat/completion switch, in the
real window with the real SmolLM2."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.engine.protocol import ModelLoaded
from core.errors import TemplateError
from ui import template_editor
from ui.main_window import MainWindow
from ui.prompt_inspector import SPECIAL_STYLE, PromptInspector
from ui.template_editor import TemplateEditor

pytestmark = pytest.mark.gui


def _wait_inspector(qtbot: QtBot, win: MainWindow) -> PromptInspector:
    qtbot.waitUntil(lambda: win.inspector is not None and win.inspector.isVisible(),
                    timeout=20_000)
    assert win.inspector is not None
    return win.inspector


def test_inspector_from_the_composer_shows_prompt_and_count(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    qtbot.keyClicks(window.composer, "What is a token?")
    qtbot.mouseClick(window.inspect_button, Qt.MouseButton.LeftButton)
    inspector = _wait_inspector(qtbot, window)
    text = inspector.plain_prompt()
    assert text.endswith("<|im_start|>user\nWhat is a token?<|im_end|>\n"
                         "<|im_start|>assistant\n")
    assert window.session.system_prompt in text
    count = len(inspector.inspection.tokens)
    assert inspector.count_label.text() == f"{count} tokens of a 4,096-token context"
    assert SPECIAL_STYLE in inspector.prompt_view.toHtml().replace(" ", "") \
        or "fde2b8" in inspector.prompt_view.toHtml()
    assert inspector.table.model().rowCount() == count
    assert "the model's own" in inspector.template_label.text()
    # Nothing was sent: the draft is still in the composer.
    assert window.composer.toPlainText() == "What is a token?"
    inspector.close()


def test_inspector_from_a_message_shows_the_prompt_behind_a_reply(qtbot: QtBot,
                                                                  window: MainWindow) -> None:
    window.sampling._spins["max_tokens"].setValue(8)
    window.sampling._spins["temperature"].setValue(0)
    window.send("Say hello.")
    qtbot.waitUntil(lambda: window.session.streaming is None, timeout=60_000)
    window.chat.inspectRequested.emit(1)
    inspector = _wait_inspector(qtbot, window)
    assert inspector.plain_prompt().endswith("Say hello.<|im_end|>\n<|im_start|>assistant\n")
    assert window.session.messages[1].content not in inspector.plain_prompt()
    assert window.chat.message_at(window.chat.document().characterCount() - 2) == 1
    inspector.close()


def test_template_editor_previews_flags_errors_and_saves(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    window.edit_template()
    editor = window.template_editor
    assert isinstance(editor, TemplateEditor)
    qtbot.waitUntil(lambda: "<|im_start|>user" in editor.preview.toPlainText(),
                    timeout=20_000)
    editor.editor.setPlainText("{% for m in messages %}\n<<{{ m.role }}>> {{ m.content }}\n"
                               "{% endfor %}")
    qtbot.waitUntil(lambda: "<<user>> Hello! Who are you?" in editor.preview.toPlainText(),
                    timeout=20_000)
    assert editor.error_label.text() == ""
    editor.editor.setPlainText("{% for m in messages %}\n{{ m.content }\n{% endfor %}")
    qtbot.waitUntil(lambda: "line 2" in editor.error_label.text(), timeout=20_000)
    assert not editor.save_button.isEnabled()
    assert editor.editor.extraSelections()
    # A template that never ends is stopped, and the window stays responsive.
    editor.editor.setPlainText("{% for i in range(100000) %}{% for j in range(100000) %}"
                               "{% endfor %}{% endfor %}")
    qtbot.waitUntil(lambda: "longer than" in editor.error_label.text(), timeout=20_000)
    editor.editor.setPlainText("{% for m in messages %}[{{ m.role }}]{{ m.content }}\n"
                               "{% endfor %}")
    qtbot.waitUntil(lambda: editor.save_button.isEnabled(), timeout=20_000)
    editor.save_button.click()
    qtbot.waitUntil(lambda: window.loaded is not None
                    and window.loaded.template_source == "override", timeout=20_000)
    assert window.template_button.text() == "Template: your override"
    editor.reset_button.click()
    qtbot.waitUntil(lambda: window.loaded is not None
                    and window.loaded.template_source == "model", timeout=20_000)
    assert window.template_button.text() == "Template: the model's own"
    editor.close()


def test_completion_mode_switch(qtbot: QtBot, window: MainWindow) -> None:
    index = window.mode_combo.findData("completion")
    window.mode_combo.setCurrentIndex(index)
    window.mode_combo.activated.emit(index)
    qtbot.waitUntil(lambda: window.loaded is not None and window.loaded.mode == "completion",
                    timeout=20_000)
    assert window.template_button.text() == "Completion mode"
    assert not window.system_prompt.isEnabled()
    window.sampling._spins["max_tokens"].setValue(6)
    window.sampling._spins["temperature"].setValue(0)
    window.send("Once upon a time")
    qtbot.waitUntil(lambda: window.session.streaming is None, timeout=60_000)
    assert window.session.messages[-1].content


class _ScriptedRenderer:
    """Stands in for the isolated renderer: the first render waits until released, and
    a source starting with "fail" raises the problem the test set."""

    release = threading.Event()
    problem: TemplateError | None = None

    def __init__(self) -> None:
        self.calls = 0

    def render(self, source: str, messages: list[Any], **_: Any) -> str:
        self.calls += 1
        if self.calls == 1:
            self.release.wait(20)
        if source.startswith("fail") and self.problem is not None:
            raise self.problem
        return f"rendered: {source}"

    def close(self) -> None:
        self.release.set()


def _loaded() -> ModelLoaded:
    return ModelLoaded(model_path="/models/m.gguf", model_name="m", n_ctx=2048,
                       n_ctx_train=2048, n_gpu_layers=0, mode="chat", template_source="model",
                       template_label="the model's own", template_reason="", template_family=None,
                       template_text="first", template_sha256="", model_template="first",
                       bos_token="<s>", eos_token="</s>", load_seconds=0.0,
                       gpu_offload_supported=False)


@pytest.fixture
def scripted_editor(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                    no_leftovers: None) -> Iterator[TemplateEditor]:
    """The editor alone, rendering with :class:`_ScriptedRenderer` (no model, no
    process); closed at the end, leaving no thread behind."""
    _ScriptedRenderer.release = threading.Event()
    _ScriptedRenderer.problem = None
    monkeypatch.setattr(template_editor, "IsolatedRenderer", _ScriptedRenderer)
    editor = TemplateEditor(_loaded(), None)
    # A first render still waiting ends when the editor closes, not 20 s later.
    qtbot.addWidget(editor, before_close_func=lambda _w: _ScriptedRenderer.release.set())
    yield editor
    editor.close()


def test_a_preview_that_ends_after_a_newer_edit_is_dropped(qtbot: QtBot,
                                                            scripted_editor: TemplateEditor,
                                                            ) -> None:
    editor = scripted_editor
    shown: list[str] = []
    editor.preview.textChanged.connect(lambda: shown.append(editor.preview.toPlainText()))
    # The first render ("first", started on opening) is still running; a newer edit
    # is rendered after it, and the older result, arriving first, is dropped.
    editor.editor.setPlainText("second")
    qtbot.waitUntil(lambda: editor._renderer.calls == 1, timeout=5_000)  # type: ignore[attr-defined]
    editor._render()
    _ScriptedRenderer.release.set()
    qtbot.waitUntil(lambda: editor.preview.toPlainText() == "rendered: second", timeout=10_000)
    qtbot.wait(400)  # the debounced render of the edit: the same text again
    assert "rendered: first" not in shown
    assert editor.preview.toPlainText() == "rendered: second"


def test_a_template_error_marks_the_line_its_problem_names(qtbot: QtBot,
                                                           scripted_editor: TemplateEditor,
                                                           ) -> None:
    editor = scripted_editor
    _ScriptedRenderer.release.set()
    qtbot.waitUntil(lambda: editor.preview.toPlainText() == "rendered: first", timeout=10_000)
    # The shown text may be translated: the line comes from the problem's field.
    _ScriptedRenderer.problem = TemplateError("test.template_line", "It fails at {where}.",
                                              where="the loop", line=2)
    editor.editor.setPlainText("fail\nhere\n")
    qtbot.waitUntil(lambda: editor.error == "It fails at the loop.", timeout=10_000)
    assert editor.error_label.text() == "It fails at the loop."
    assert not editor.save_button.isEnabled()
    marked = editor.editor.extraSelections()
    assert [s.cursor.block().blockNumber() for s in marked] == [1]
    assert editor.preview.toPlainText() == "rendered: first"  # the last good preview
    editor.editor.setPlainText("works")
    qtbot.waitUntil(lambda: editor.save_button.isEnabled(), timeout=10_000)
    assert editor.error_label.text() == "" and not editor.editor.extraSelections()
    assert editor.preview.toPlainText() == "rendered: works"


def test_a_built_in_template_with_tools_can_be_chosen(qtbot: QtBot,
                                                      scripted_editor: TemplateEditor) -> None:
    from core.templates.fallbacks import fallback_source

    combo = scripted_editor.builtin_combo
    row = combo.findData("chatml-tools")
    assert row > 0 and combo.itemText(row) == "ChatML with tools (Hermes)"
    combo.activated.emit(row)
    assert scripted_editor.editor.toPlainText() == fallback_source("chatml-tools")
    assert combo.currentIndex() == 0  # ready to choose again
