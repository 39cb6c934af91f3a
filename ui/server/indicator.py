"""The API server in the status bar: where it serves, and whether a request is being
answered now; a click opens the log of requests.  Hidden while the server is off."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget

from ui.error_texts import problem_text
from ui.format import number
from ui.server.service import ServerState
from ui.theme import tint


class ServerIndicator(QToolButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverIndicator")
        self.setAutoRaise(True)
        self.setVisible(False)
        self.state = ServerState()
        self.active = 0

    def show_state(self, state: ServerState, active: int) -> None:
        self.state, self.active = state, active
        self.setVisible(state.enabled)
        if not state.enabled:
            return
        if not state.running:
            self.setText(self.tr("API server stopped"))
            tint(self, "error")
            problem = state.problem
            self.setToolTip(problem_text(problem) if problem is not None else "")
            return
        address = f"http://{state.host}:{state.port}" if ":" not in state.host \
            else f"http://[{state.host}]:{state.port}"
        if active:
            # A filled dot while a request is answered, an empty one when idle.
            self.setText(self.tr("● Serving on %1 (%2 requests)").replace("%1", address)
                         .replace("%2", number(active)) if active > 1 else
                         self.tr("● Serving on %1").replace("%1", address))
            tint(self, "assistant")
        else:
            self.setText(self.tr("○ Serving on %1").replace("%1", address))
            tint(self, None if state.loopback else "warning")
        tip = self.tr("Prosa's OpenAI-compatible server: base URL %1. Click for the log of "
                      "requests.").replace("%1", state.url)
        if not state.loopback:
            tip += " " + self.tr("Anyone who can reach this address can use the model.")
        self.setToolTip(tip)
