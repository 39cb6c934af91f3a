"""The Learn panel in the window: Help → Learn, the "?" beside each concept, and what a
lesson's "Try it yourself" opens.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin).  The
window gives the lessons what they run with when each one starts (the chat's local
model and engine settings, the decoding settings and system prompt of the moment) and
owns their engine process, which starts with the first lesson and ends with the
window.  "Try it yourself" never sends anything: it fills in the real panel and leaves
the next step to the user.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QMainWindow

from core.chat.model_rules import load_request
from core.engine.seam import EngineFactory
from core.errors import Problem
from core.learn.catalog import LessonId, TryIt, TryTarget
from core.learn.engine import LessonEngine, LessonSetup
from core.models.library import starter_model_path
from core.remote.refs import is_remote
from ui.format import language


class WindowLearn(QMainWindow):
    """The lessons' side of the main window (see the module docstring)."""

    def setup_learn(self, engine_factory: EngineFactory) -> None:
        """Nothing starts until the first lesson: the dialog and its engine are made
        then."""
        self._lesson_factory = engine_factory
        self.learn_dialog = None

    @Slot()
    def open_learn(self) -> LearnDialog:
        """Help → Learn: the panel, on the lesson shown last (the first at first)."""
        if self.learn_dialog is None:
            from ui.learn.dialog import LearnDialog  # its pages load with the first lesson

            self.learn_dialog = LearnDialog(self.lesson_setup, self.try_lesson,
                                            LessonEngine(self._lesson_factory), self)
            self.learn_dialog.show_lesson(LessonId.TOKENS)
        else:
            self.learn_dialog.show()
            self.learn_dialog.raise_()
            self.learn_dialog.activateWindow()
        return self.learn_dialog

    def open_lesson(self, lesson: LessonId) -> object:
        """A "?" beside a concept: that concept's lesson."""
        return self.open_learn().show_lesson(lesson)

    def lesson_setup(self) -> LessonSetup | Problem:
        """What a lesson runs with now: the chat's local model (the starter model while
        the chat has none, or uses a server's), with the engine settings, the user's
        template for it, the decoding settings and the system prompt."""
        assert self.learn_dialog is not None
        loaded = self.controller.loaded
        path = loaded.model_path if loaded is not None and not loaded.remote else None
        override = self.overrides.get(path) if path is not None else None
        if path is None or is_remote(path):
            starter = starter_model_path()
            if starter is None:
                return Problem.of("learn.no_model", "The lessons need a model on this "
                                  "computer: load one, or download one in Models.")
            path, override = str(starter), None
        request = load_request(self.settings, path, override, None, None)
        return LessonSetup(self.learn_dialog.engine, request, self.sampling.params(),
                           self.controller.session.system_prompt, language())

    def try_lesson(self, target: TryIt) -> None:
        """Open what ``target`` names, filled in; the user takes the next step."""
        kind = target.target
        if target.draft:
            self.composer.setPlainText(target.draft)
        if kind is TryTarget.PROMPT_INSPECTOR:
            self.inspect_draft()
        elif kind is TryTarget.PROBABILITIES:
            self.probabilities_action.setChecked(True)
            self.composer.setFocus()
        elif kind is TryTarget.SAMPLING:
            if target.sampling is not None:
                self.sampling.set_params(replace(
                    target.sampling, max_tokens=self.sampling.params().max_tokens))
                self.controller.set_sampling(self.sampling.params())
            self._show_side(self.sampling)
        elif kind is TryTarget.TEMPLATE_EDITOR:
            self.edit_template()
            if target.messages and self.template_editor is not None:
                self.template_editor.preview_with(target.messages)
        elif kind is TryTarget.MODELS:
            self.show_models()
        elif kind is TryTarget.CONTEXT:
            self.show_engine_settings()
        elif kind is TryTarget.TOOLS:
            state = self.tools_panel.state()
            self.tools_panel.set_state(replace(
                state, enabled=True, builtin=state.builtin | frozenset(target.tools)))
            self._on_tools_changed(self.tools_panel.state())
            self._show_side(self.tools_panel)
            loaded = self.controller.loaded
            if loaded is not None and not loaded.remote and not loaded.tools_supported:
                # As in the lesson: the built-in template with tools, offered in the
                # editor for this model, saved only if the user saves it.
                self.edit_template()
                if self.template_editor is not None:
                    self.template_editor.start_from("chatml-tools")
        if kind in (TryTarget.PROBABILITIES, TryTarget.TOOLS) and target.draft:
            self.composer.setFocus()
        self.raise_()
        self.activateWindow()

    def _show_side(self, page: QWidget) -> None:
        if not self.side.isVisible():
            self.side_panel_action.setChecked(True)
        self.side.setCurrentWidget(page)

    def close_learn(self) -> None:
        """At exit: stop a lesson still running and end the lessons' engine."""
        if self.learn_dialog is not None:
            self.learn_dialog.shutdown()
            self.learn_dialog.close()

    if TYPE_CHECKING:  # the window's parts this mixin uses (kept last: see style.md)
        from PySide6.QtGui import QAction
        from PySide6.QtWidgets import QTabWidget, QWidget

        from core.chat.controller import ChatController
        from core.settings import Settings
        from core.templates.overrides import TemplateOverrides
        from ui.composer import Composer
        from ui.learn.dialog import LearnDialog
        from ui.sampling_panel import SamplingPanel
        from ui.template_editor import TemplateEditor
        from ui.tools.tools_panel import ToolsPanel

        learn_dialog: LearnDialog | None
        controller: ChatController
        template_editor: TemplateEditor | None
        settings: Settings
        overrides: TemplateOverrides
        sampling: SamplingPanel
        tools_panel: ToolsPanel
        composer: Composer
        side: QTabWidget
        side_panel_action: QAction
        probabilities_action: QAction

        def inspect_draft(self) -> None: ...
        def edit_template(self) -> None: ...
        def show_models(self, tab: int = 0) -> object: ...
        def show_engine_settings(self) -> None: ...
        def _on_tools_changed(self, state: object) -> None: ...
