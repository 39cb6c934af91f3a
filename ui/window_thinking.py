"""A conversation's thinking in the window: the Thinking tab beside the chat.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin).  The
tab (``ui.thinking_panel``) shows the conversation's thinking mode and budget and the
switches the model's chat template declares (``core.templates.switches``); a change
goes to the controller, which keeps it with the conversation and sends it with every
request, and the prompt is counted again so the inspector and the counter show its
effect.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QMainWindow

from core.chat.controller import ChatController
from core.engine.protocol import ModelLoaded
from core.output.types import ThinkingMode
from core.templates.switches import Switch, find_switches
from ui.engine_tab import EngineTab
from ui.tasks import Tasks
from ui.thinking_panel import ThinkingPanel

#: Reading a template's switches: a newer model's result replaces an older one's.
SWITCHES_LANE = "template-switches"
#: Template variables the Thinking choice and the budget already set: not shown twice.
COVERED = frozenset({"enable_thinking", "thinking", "thinking_budget"})


def shown_switches(template_text: str) -> list[Switch]:
    """The template's switches the tab offers besides the mode and the budget."""
    return [s for s in find_switches(template_text) if s.name not in COVERED]


class WindowThinking(QMainWindow):
    """The Thinking tab's side of the main window (see the module docstring)."""

    controller: ChatController
    thinking_panel: ThinkingPanel
    tasks: Tasks
    engine_tab: EngineTab

    def schedule_prompt_update(self) -> None:
        raise NotImplementedError

    def show_thinking_switches(self, loaded: ModelLoaded | None) -> None:
        """The switches of the model just loaded (none without a model or template),
        read off the GUI thread: walking a large template takes tens of milliseconds."""
        text = loaded.template_text if loaded is not None else ""
        self.tasks.run(lambda: shown_switches(text) if text else [],
                       self.thinking_panel.set_switches, lane=SWITCHES_LANE)

    def show_thinking(self) -> None:
        """The conversation's choices, after opening one or starting a new one."""
        thinking = self.controller.thinking
        self.thinking_panel.set_values(thinking.mode, thinking.budget, thinking.options)

    @Slot(int)
    def _on_family(self, _index: int) -> None:
        """The output format named in the Engine tab: replies from now on are read so."""
        self.controller.force_family = self.engine_tab.family()
        self.schedule_prompt_update()

    @Slot(object, object, object)
    def _on_thinking_changed(self, mode: object, budget: object, options: object) -> None:
        assert isinstance(mode, ThinkingMode) and isinstance(options, Mapping)
        chosen: Mapping[str, Any] = options
        self.controller.set_thinking(mode, budget if isinstance(budget, int) else None,
                                     chosen)
        self.schedule_prompt_update()
