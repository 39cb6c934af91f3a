"""Tools in the window: the Tools tab, the MCP servers dialog, approvals on the cards,
and the tool host the controller runs calls through.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin).  The
rules are the controller's (``core.chat.tool_loop``); tools run on a pool of their own
(``ui.tasks``), so a slow MCP server never holds the window or the model's replies.
MCP servers start only on the user's word: accepting the servers dialog with them on,
or turning on a conversation's tools; never when the app starts or a model writes.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QMainWindow, QTabWidget

from core.chat.controller import ChatController
from core.chat.screen import Topic
from core.errors import Problem, ProsaError
from core.paths import AppPaths
from core.tools.builtin.text_file import PickedFiles
from core.tools.host import LocalToolHost
from core.tools.mcp.client import McpHub
from core.tools.mcp.config import McpConfig
from core.tools.mcp.servers import McpServer
from core.tools.runs import Approval, ToolRun
from core.tools.selection import ToolsState
from core.tools.toolbox import builtin_tools
from ui.chat_view import ChatView
from ui.tasks import Tasks
from ui.tools.mcp_servers_dialog import McpServersDialog
from ui.tools.tools_panel import ToolsPanel

if TYPE_CHECKING:
    from core.engine.protocol import ModelLoaded

log = logging.getLogger(__name__)

#: Listing a server's tools: one lane per server (a newer listing replaces an older one).
LIST_LANE = "mcp-list:"


class WindowTools(QMainWindow):
    """The Tools tab and what it drives (see the module docstring)."""

    paths: AppPaths
    controller: ChatController
    chat: ChatView
    side: QTabWidget

    def make_tool_host(self) -> LocalToolHost:
        """The host the controller is made with (before the widgets exist)."""
        self.mcp_config = McpConfig.open(self.paths)
        self.mcp_hub = McpHub(self.mcp_config.servers)
        # Two workers: a call may wait on a slow server while another lists tools.
        self.tool_tasks = Tasks(self, workers=2, name="prosa-tools")
        self.tool_host = LocalToolHost(self._in_background, self.mcp_hub, self.mcp_config)
        self.mcp_dialog: McpServersDialog | None = None
        return self.tool_host

    def setup_tools(self) -> None:
        """The Tools tab and its connections (after the widgets exist)."""
        self.tools_panel = ToolsPanel()
        self.side.addTab(self.tools_panel, self.tr("Tools"))
        self.tools_panel.changed.connect(self._on_tools_changed)
        self.tools_panel.manageServersRequested.connect(self.manage_mcp_servers)
        self.chat.toolApproval.connect(self._on_tool_approval)
        self._show_available_tools()
        for problem in self.mcp_config.problems:
            self.show_problem(problem, Topic.GENERAL)

    def show_tools_state(self) -> None:
        """The conversation shown changed: its tools in the tab."""
        self.tools_panel.set_state(self.controller.session.tools)

    def show_tools_support(self, loaded: ModelLoaded | None) -> None:
        self.tools_panel.set_tools_supported(loaded is not None and loaded.tools_supported)

    def close_tools(self) -> None:
        """At exit: stop the tool pool and every MCP server's process."""
        self.tool_tasks.shutdown()
        self.mcp_hub.close()

    # --- the Tools tab --------------------------------------------------------------------

    @Slot(object)
    def _on_tools_changed(self, state: object) -> None:
        assert isinstance(state, ToolsState)
        before = self.controller.session.tools
        self.controller.set_tools(state)
        turned_on = state.enabled and (not before.enabled or state.mcp - before.mcp)
        if turned_on and state.mcp:
            self._list_servers({server for server, _tool in state.mcp})
        self.schedule_tools_prompt_update()

    def schedule_tools_prompt_update(self) -> None:
        """The tools are part of the prompt: count it again."""
        update: Callable[[], None] | None = getattr(self, "schedule_prompt_update", None)
        if update is not None:
            update()

    @Slot(str, bool, bool)
    def _on_tool_approval(self, call_id: str, allowed: bool, always: bool) -> None:
        self.controller.approve_tool(call_id, Approval(allowed, always))

    def _show_available_tools(self) -> None:
        builtins = tuple(runner.spec for runner in builtin_tools(PickedFiles()).values())
        self.tools_panel.set_available(builtins, self.tool_host.listed())

    # --- MCP servers ----------------------------------------------------------------------

    @Slot()
    def manage_mcp_servers(self) -> None:
        if self.mcp_dialog is not None:
            self.mcp_dialog.raise_()
            self.mcp_dialog.activateWindow()
            return
        dialog = McpServersDialog(self.mcp_config.servers, self.mcp_hub.probe, self,
                                  tasks=self.tool_tasks)
        self.mcp_dialog = dialog
        dialog.accepted.connect(lambda: self._servers_chosen(dialog.servers()))
        dialog.finished.connect(lambda _result: setattr(self, "mcp_dialog", None))
        dialog.show()

    def _servers_chosen(self, servers: tuple[McpServer, ...]) -> None:
        """Keep the list, stop what was removed or changed, and start the servers that
        are on (the user just set them up): their tools appear in the tab."""
        try:
            for old in self.mcp_config.servers:
                if old.name not in {s.name for s in servers}:
                    self.mcp_config.remove(old.name)
            for server in servers:
                if self.mcp_config.get(server.name) is None:
                    self.mcp_config.add(server)
                else:
                    self.mcp_config.replace(server.name, server)
        except (ProsaError, OSError) as exc:  # shown; the list stays as it was
            self.show_problem(_problem_of(exc), Topic.GENERAL)
            return
        hub, names = self.mcp_hub, {s.name for s in servers if s.enabled}
        for name in list(self.tool_host.listed()):
            if name not in names:
                self.tool_host.forget_server(name)
        self.tool_tasks.run(lambda: hub.update(self.mcp_config.servers),
                            lambda _none: self._list_servers(names), self._tools_failed)

    def _list_servers(self, names: set[str]) -> None:
        for name in sorted(names):
            if self.mcp_config.get(name) is None:
                continue
            self.tool_tasks.run(functools.partial(self.tool_host.list_server, name),
                                lambda _specs: self._show_available_tools(),
                                self._tools_failed, lane=LIST_LANE + name)

    def _tools_failed(self, problem: Problem) -> None:
        self.show_problem(problem, Topic.GENERAL)
        self._show_available_tools()

    # --- the host's background ------------------------------------------------------------

    def _in_background(self, work: Callable[[], ToolRun],
                       done: Callable[[ToolRun], None]) -> None:
        """A call runs on the tool pool; its run comes back on the GUI thread.  The
        toolbox never raises for a tool; a bug is reported and the loop waits no more."""
        self.tool_tasks.run(work, done, lambda problem: self.show_problem(problem))

    if TYPE_CHECKING:  # the window's own (last, so lupdate reads the class's name)
        def show_problem(self, problem: Problem, topic: Topic = Topic.GENERAL) -> None: ...



def _problem_of(exc: ProsaError | OSError) -> Problem:
    if isinstance(exc, ProsaError):
        return exc.problem
    return Problem.of("app.unexpected", "Something went wrong: {error}",
                      error=f"{type(exc).__name__}: {exc}")
