"""The API server in the window: the gate before the engine, the service that follows
the settings, the Preferences page, the status-bar indicator and the log of requests.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin).  The
window's local engine is made through :meth:`WindowServer.gated`, so API requests
queue behind the user's own replies (``core.server.gate``); everything slow (binding
the port, stopping, the keyring) runs on the service's own thread.  The server's page
joins the Preferences dialog the window opens, and applies with its Apply and OK.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from core.engine.seam import Engine, EngineFactory, EventCallback
from core.server.gate import EngineGate
from ui.desktop.window_commands import WindowCommands
from ui.icons import Icon, set_icon
from ui.server.indicator import ServerIndicator
from ui.server.log_dialog import ServerLogDialog
from ui.server.page import ServerPage
from ui.server.service import ServerService


class WindowServer(WindowCommands):
    """The API server's side of the main window (see the module docstring)."""

    gate: EngineGate

    def gated(self, factory: EngineFactory) -> EngineFactory:
        """``factory`` with the gate before the engine it makes."""
        def make(on_event: EventCallback) -> Engine:
            self.gate = EngineGate(on_event, factory)
            return self.gate

        return make

    def setup_server(self) -> None:
        """The service, the indicator and the menu entry; the server starts if the
        settings say so (on the service's thread)."""
        self.server = ServerService(self.gate, self)
        self.server_log: ServerLogDialog | None = None
        self.server_page: ServerPage | None = None
        self.server_indicator = ServerIndicator()
        self.statusBar().addPermanentWidget(self.server_indicator)
        self.server_indicator.clicked.connect(self.show_server_log)
        self.server.changed.connect(self._show_server)
        self.server.logChanged.connect(self._show_server)
        menu = self.menuBar().findChild(QMenu, "modelMenu")
        action = self.server_log_action = QAction(self.tr("API server log…"), self)
        action.setObjectName("serverLog")
        set_icon(action, Icon.LOG)
        tip = self.tr("The requests Prosa's API server answered")
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(self.show_server_log)
        self.addAction(action)  # as every command: held by the window too
        if menu is not None:
            menu.addSeparator()
            menu.addAction(action)
        if self.settings.server_enabled:
            self.server.apply(self.settings)

    @Slot()
    def show_preferences(self) -> None:
        super().show_preferences()
        dialog = self.preferences_dialog
        if dialog is None:
            return
        page = ServerPage(self.settings, self.server, dialog)
        page.logRequested.connect(self.show_server_log)
        dialog.tabs.addTab(page, self.tr("API server"))
        # After the window's own handler: the settings it applied, with the page's.
        dialog.applied.connect(lambda _chosen: self._apply_server_page(page))
        self.server_page = page

    def _apply_server_page(self, page: ServerPage) -> None:
        before = self.settings
        chosen = page.chosen(before)
        if chosen != before:
            self.settings = chosen
            self._save_settings(chosen)
        self.server.apply(chosen)

    @Slot()
    def show_server_log(self) -> None:
        if self.server_log is None:
            self.server_log = ServerLogDialog(self.server, self)
        self.server_log.show()
        self.server_log.raise_()
        self.server_log.activateWindow()

    @Slot()
    def _show_server(self) -> None:
        self.server_indicator.show_state(self.server.state, self.server.requests.active)

    def close_server(self) -> None:
        """Stop serving before the engine closes (the window is closing)."""
        self.server.close()
