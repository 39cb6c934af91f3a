"""What the model reads: the prompt inspector, the chat template editor, the context
policy, and counting and reading ahead in the pauses of typing.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin).
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QMainWindow

from core.chat.controller import ChatController
from core.chat.screen import Topic
from core.conversation.store import ConversationStore
from core.engine.protocol import ModelLoaded
from core.errors import Problem, ProsaError
from core.sampling.params import SamplingParams
from core.settings import Settings
from core.templates.overrides import TemplateOverrides
from ui.composer import Composer
from ui.engine_tab import EngineTab
from ui.sampling_panel import SamplingPanel
from ui.template_editor import TemplateEditor


class WindowPrompt(QMainWindow):
    """The prompt's side of the main window (see the module docstring)."""

    controller: ChatController
    composer: Composer
    engine_tab: EngineTab
    store: ConversationStore
    sampling: SamplingPanel
    overrides: TemplateOverrides
    template_editor: TemplateEditor | None
    _prompt_timer: QTimer
    settings: Settings

    # --- prompt inspector, templates, policy ----------------------------------------------

    @Slot()
    def inspect_draft(self) -> None:
        """The prompt the model would read if the composer's text were sent now."""
        self.controller.inspect_draft(self.composer.toPlainText())

    @Slot(int)
    def _on_policy(self, _index: int) -> None:
        self.controller.set_context_policy(self.engine_tab.policy())
        self.schedule_prompt_update()

    def _show_sampling(self, conversation_id: int) -> None:
        """Show the settings this conversation was last used with."""
        stored = self.store.conversation(conversation_id).sampling
        if stored:
            # Settings from a newer or damaged file: keep what the panel shows.
            with contextlib.suppress(ProsaError):
                self.sampling.set_params(SamplingParams.from_dict(stored))

    @Slot()
    def edit_template(self) -> None:
        if self.loaded is None:
            self.show_problem(Problem.of("chat.load_first", "Load a model first."),
                              Topic.TEMPLATE)
            return
        editor = TemplateEditor(self.loaded, self.overrides.get(self.loaded.model_path), self)
        editor.saved.connect(self._on_template_saved)
        self.template_editor = editor
        editor.show()

    @Slot(object)
    def _on_template_saved(self, source: object) -> None:
        self.controller.set_template(source if isinstance(source, str) else None)

    # --- counting and reading ahead ------------------------------------------------------

    @Slot()
    def schedule_prompt_update(self) -> None:
        """Count the prompt again (and read it ahead) once typing pauses: the timer
        restarts with every keystroke."""
        self._prompt_timer.start()

    @Slot()
    def prompt_changed(self) -> None:
        self._prompt_timer.stop()
        self.controller.prompt_changed(self.composer.toPlainText(), self.sampling.params())
        self._save_resume()

    @Slot(bool)
    def _on_read_ahead_toggled(self, on: bool) -> None:
        self.settings = replace(self.settings, read_ahead=on)
        self.controller.forget_read_ahead()
        if on:
            self.schedule_prompt_update()

    if TYPE_CHECKING:  # the window's own and ui.window_state's, later in its bases
        @property
        def loaded(self) -> ModelLoaded | None: ...

        def show_problem(self, problem: Problem, topic: Topic = Topic.GENERAL) -> None: ...

        def _save_resume(self) -> None: ...
