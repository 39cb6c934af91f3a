"""The MCP servers dialog's "Test and list tools": start or reach a server from the form
and list the tools it offers, or say why it could not.

The caller's ``list_tools`` runs on a worker thread (``ui.tasks``): starting a server
and listing its tools can take seconds, or until the server's timeout.  The dialog may
close meanwhile without waiting for it; the result is then dropped when it comes, and
a task runner the probe made for itself is shut down then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.errors import Problem
from core.tools.mcp.servers import McpServer
from core.tools.spec import ToolSpec
from ui.error_texts import problem_text
from ui.tasks import Tasks
from ui.theme import tint

ListTools = Callable[[McpServer], tuple[ToolSpec, ...]]


class ServerProbe(QGroupBox):
    """A Test button, what the test found, and the tools listed."""

    #: The user asked for a test of the server shown (the dialog checks it first).
    testRequested = Signal()

    def __init__(self, list_tools: ListTools, tasks: Tasks | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Tools of this server"))
        self._list_tools = list_tools
        # Not parented to the dialog: a test still running when the dialog goes must
        # find its runner alive to report to.
        self._own_tasks = tasks is None
        self._tasks = tasks if tasks is not None else Tasks(None, name="prosa-mcp-test")
        self._testing = False
        self._closed = False
        #: The server whose results are shown (results for another are dropped).
        self._shown = ""
        self.test_button = QPushButton(self.tr("Test and list tools"))
        self.test_button.setObjectName("mcpTest")
        self.test_button.setToolTip(self.tr("Start or reach the server now and list the "
                                            "tools it offers"))
        self.test_button.clicked.connect(self.testRequested)
        self.status = QLabel()
        self.status.setObjectName("mcpTestStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tool_list = QTreeWidget()
        self.tool_list.setObjectName("mcpToolList")
        self.tool_list.setAccessibleName(self.tr("Tools of this server"))
        self.tool_list.setHeaderLabels([self.tr("Tool"), self.tr("What it does")])
        self.tool_list.setRootIsDecorated(False)
        self.tool_list.setWordWrap(True)
        self.tool_list.header().resizeSection(0, self.fontMetrics().horizontalAdvance("M") * 12)
        # Seven tools or so, then it scrolls: the form above keeps the room it needs.
        self.tool_list.setFixedHeight(self.fontMetrics().height() * 9)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.tool_list, 1)

    def is_testing(self) -> bool:
        return self._testing

    def show_for(self, name: str) -> None:
        """Another server is shown: nothing found yet."""
        self._shown = name
        self.tool_list.clear()
        self.status.clear()
        self.test_button.setEnabled(not self._testing)

    def refuse(self, text: str) -> None:
        """The server cannot be tested as it is: why (in the user's language)."""
        self.tool_list.clear()
        tint(self.status, "error")
        self.status.setText(text)

    def test(self, server: McpServer) -> None:
        """Start the test of ``server`` (one at a time)."""
        if self._testing or self._closed:
            return
        self._testing = True
        self._shown = server.name
        self.test_button.setEnabled(False)
        self.tool_list.clear()
        tint(self.status, "muted")
        self.status.setText(self.tr("Connecting to “%1”…").replace("%1", server.name))
        list_tools = self._list_tools
        self._tasks.run(lambda: list_tools(server),
                        lambda tools: self._tested(server, tools),
                        lambda problem: self._tested(server, problem), lane="mcp-test")

    def _tested(self, server: McpServer, outcome: tuple[ToolSpec, ...] | Problem) -> None:
        self._testing = False
        if self._closed:
            if self._own_tasks:
                self._tasks.shutdown()
            return
        self.test_button.setEnabled(True)
        if server.name != self._shown:
            return  # another server is shown now
        if isinstance(outcome, Problem):
            self.refuse(problem_text(outcome))
            return
        tint(self.status, None)
        if not outcome:
            self.status.setText(self.tr("The server answered but offers no tools."))
        elif len(outcome) == 1:
            self.status.setText(self.tr("1 tool"))
        else:
            self.status.setText(self.tr("%1 tools").replace("%1", str(len(outcome))))
        for spec in outcome:
            item = QTreeWidgetItem([spec.name, " ".join(spec.description.split())])
            item.setToolTip(0, spec.description or spec.name)
            item.setToolTip(1, spec.description or spec.name)
            self.tool_list.addTopLevelItem(item)

    def close_probe(self) -> None:
        """The dialog closes: a test under way reports to no one."""
        self._closed = True
        if self._own_tasks and not self._testing:
            self._tasks.shutdown()
