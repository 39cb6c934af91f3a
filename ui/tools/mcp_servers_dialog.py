"""The MCP servers the user added: a list on the left, the chosen server's settings on
the right, and a test that connects to it and lists its tools.

The dialog edits copies and hands the list back (:meth:`McpServersDialog.servers`)
after OK; cancelling changes nothing.  OK stays disabled while a server is not usable
(no name, a name twice, no program, an address that is not http or https), with the
reason shown under the form, so a broken entry is never saved.

"Test and list tools" (``ui.tools.server_probe``) runs the caller's ``list_tools`` on a
worker thread; closing the dialog meanwhile does not wait for it.

A program server runs on this computer with the user's rights, so the form says so
where its command is written: what runs is only ever the command typed here.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.tools.mcp.servers import McpServer, Transport
from ui.dialog_buttons import ok_cancel
from ui.icons import Icon, set_icon
from ui.tasks import Tasks
from ui.theme import tint
from ui.tools.checks import visible_checks
from ui.tools.pairs_table import PairsTable
from ui.tools.server_probe import ListTools, ServerProbe

#: Seconds a call may take, as the form offers them.
TIMEOUT_RANGE = (1.0, 3600.0)
#: Characters a header's name may not contain (RFC 9110 tokens have none of these).
_NOT_IN_HEADER_NAME = set(' \t:()<>@,;\\"/[]?={}')


@dataclass
class _Draft:
    """A server as the form holds it: the arguments as typed, until they are split."""

    server: McpServer
    args_text: str


def split_args(text: str) -> tuple[str, ...]:
    """The arguments typed on one line, split as a shell would (quotes group words);
    raises ValueError for an unclosed quote."""
    return tuple(shlex.split(text))


def join_args(args: Sequence[str]) -> str:
    """Arguments as one line that :func:`split_args` reads back the same."""
    return shlex.join(args)


class McpServersDialog(QDialog):
    """Edit the list of MCP servers; :meth:`servers` after ``accept``."""

    def __init__(self, servers: Sequence[McpServer], list_tools: ListTools,
                 parent: QWidget | None = None, *, tasks: Tasks | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mcpServersDialog")
        self.setWindowTitle(self.tr("MCP servers"))
        self.probe = ServerProbe(list_tools, tasks)
        self.probe.testRequested.connect(self._test)
        self.test_button, self.test_status = self.probe.test_button, self.probe.status
        self.tool_list = self.probe.tool_list
        self._drafts = [_Draft(server, join_args(server.args)) for server in servers]
        self._loading = False

        intro = QLabel(self.tr(
            "Servers give the model more tools. Turn on the ones you use here, then "
            "choose their tools per conversation in the Tools panel."))
        intro.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._list_side())
        splitter.addWidget(self._form_side())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 600])
        self.problem = QLabel()
        self.problem.setObjectName("mcpProblem")
        self.problem.setWordWrap(True)
        tint(self.problem, "error")
        self.buttons, self.ok_button = ok_cancel(self, self.tr("Keep these servers"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 72,
                    self.fontMetrics().height() * 50)
        for draft in self._drafts:
            self._add_item(draft)
        if self._drafts:
            self.server_list.setCurrentRow(0)
        self._show_current()
        self._validate()

    # --- building ----------------------------------------------------------------------

    def _list_side(self) -> QWidget:
        self.server_list = QListWidget()
        self.server_list.setObjectName("mcpServerList")
        self.server_list.setAccessibleName(self.tr("Servers"))
        self.server_list.setToolTip(self.tr("Tick a server to turn it on; turned-off "
                                            "servers keep their settings"))
        self.server_list.currentRowChanged.connect(lambda _row: self._show_current())
        self.server_list.itemChanged.connect(self._on_item_changed)
        visible_checks(self.server_list)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setObjectName("mcpAdd")
        self.add_button.setToolTip(self.tr("Add a server"))
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("mcpRemove")
        self.remove_button.setToolTip(self.tr("Remove the chosen server"))
        self.remove_button.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.server_list, 1)
        layout.addLayout(buttons)
        return side

    def _form_side(self) -> QWidget:
        self.name = QLineEdit()
        self.name.setObjectName("mcpName")
        self.name.setToolTip(self.tr("Shown on the card of every call to its tools"))
        self.transport = QComboBox()
        self.transport.setObjectName("mcpTransport")
        self.transport.addItem(self.tr("A program on this computer (stdio)"), Transport.STDIO)
        self.transport.addItem(self.tr("A web address (streamable HTTP)"), Transport.HTTP)
        self.transport.setToolTip(self.tr("How Prosa reaches the server: a program it "
                                          "starts, or an address on the web"))
        self.warning = QLabel(self.tr(
            "⚠ A program server runs on this computer with your rights: it can read and "
            "change your files. Add only programs you trust."))
        self.warning.setObjectName("mcpStdioWarning")
        self.warning.setWordWrap(True)
        tint(self.warning, "warning")
        self.command = QLineEdit()
        self.command.setObjectName("mcpCommand")
        self.command.setPlaceholderText(self.tr("for example: npx, uvx, python"))
        self.command.setToolTip(self.tr("The program to start; it speaks MCP on its "
                                        "standard input and output"))
        browse = QToolButton()
        browse.setObjectName("mcpBrowse")
        set_icon(browse, Icon.OPEN)
        browse.setToolTip(self.tr("Choose the program"))
        browse.setAccessibleName(self.tr("Choose the program"))
        browse.clicked.connect(self._browse)
        command_row = QHBoxLayout()
        command_row.setContentsMargins(0, 0, 0, 0)
        command_row.addWidget(self.command, 1)
        command_row.addWidget(browse)
        self.args = QLineEdit()
        self.args.setObjectName("mcpArguments")
        self.args.setPlaceholderText(self.tr("as in a terminal: quotes group words"))
        self.args.setToolTip(self.tr("The program's arguments on one line; put an "
                                     "argument with spaces in quotes"))
        self.env = PairsTable(self.tr("Variable"), self.tr("Value"))
        self.env.setObjectName("mcpEnvironment")
        self.env.setToolTip(self.tr("Environment variables added for the program (an "
                                    "API key ...); values of secrets are masked"))
        self.url = QLineEdit()
        self.url.setObjectName("mcpUrl")
        self.url.setPlaceholderText("https://example.com/mcp")
        self.url.setToolTip(self.tr("The server's MCP endpoint"))
        self.headers = PairsTable(self.tr("Header"), self.tr("Value"))
        self.headers.setObjectName("mcpHeaders")
        self.headers.setToolTip(self.tr("Headers sent with every request (Authorization "
                                        "...); values of secrets are masked"))
        self.secrets_note = QLabel(self.tr(
            "Tokens in headers and variables are kept in your settings folder, readable "
            "only by you, and sent only to this server."))
        self.secrets_note.setObjectName("mcpSecretsNote")
        self.secrets_note.setWordWrap(True)
        tint(self.secrets_note, "muted")
        self.timeout = QDoubleSpinBox()
        self.timeout.setObjectName("mcpTimeout")
        self.timeout.setRange(*TIMEOUT_RANGE)
        self.timeout.setDecimals(0)
        self.timeout.setSuffix(self.tr(" s"))
        self.timeout.setToolTip(self.tr("How long a call may take before it is given up "
                                        "(a server that hangs)"))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Kind"), self.transport)
        self.form.addRow(self.warning)
        self.form.addRow(self.tr("Program"), command_row)
        self.form.addRow(self.tr("Arguments"), self.args)
        self.form.addRow(self.tr("Environment"), self.env)
        self.form.addRow(self.tr("Address"), self.url)
        self.form.addRow(self.tr("Headers"), self.headers)
        self.form.addRow(self.tr("Time limit"), self.timeout)
        self.form.addRow(self.secrets_note)
        self._rows = {Transport.STDIO: (self.warning, command_row, self.args, self.env),
                      Transport.HTTP: (self.url, self.headers)}
        for edit in (self.name, self.command, self.args, self.url):
            edit.textEdited.connect(self._on_form_changed)
        self.transport.currentIndexChanged.connect(self._on_form_changed)
        self.timeout.valueChanged.connect(self._on_form_changed)
        self.env.changed.connect(self._on_form_changed)
        self.headers.changed.connect(self._on_form_changed)

        form_widget = QWidget()
        form_widget.setLayout(self.form)
        # Scrolls rather than being squeezed: the tools listed below take their share.
        self.form_holder = QScrollArea()
        self.form_holder.setWidgetResizable(True)
        self.form_holder.setFrameShape(QFrame.Shape.NoFrame)
        self.form_holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_holder.setWidget(form_widget)
        self.empty = QLabel(self.tr("No server yet. Add one with Add: a program such as "
                                    "an MCP file server, or the address of one on the web."))
        self.empty.setObjectName("mcpEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.form_holder, 1)
        layout.addWidget(self.probe)
        return side

    # --- the list ----------------------------------------------------------------------

    def _item_text(self, server: McpServer) -> str:
        kind = self.tr("program") if server.transport is Transport.STDIO else "HTTP"
        return f"{server.name or self.tr('(no name)')}  ·  {kind}"

    def _add_item(self, draft: _Draft) -> None:
        item = QListWidgetItem(self._item_text(draft.server))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if draft.server.enabled
                           else Qt.CheckState.Unchecked)
        self.server_list.addItem(item)

    def _current(self) -> _Draft | None:
        row = self.server_list.currentRow()
        return self._drafts[row] if 0 <= row < len(self._drafts) else None

    @Slot()
    def _add(self) -> None:
        taken = {draft.server.name for draft in self._drafts}
        name, number = self.tr("New server"), 2
        base = name
        while name in taken:
            name, number = f"{base} {number}", number + 1
        draft = _Draft(McpServer(name), "")
        self._drafts.append(draft)
        self._add_item(draft)
        self.server_list.setCurrentRow(len(self._drafts) - 1)
        self.name.setFocus()
        self.name.selectAll()
        self._validate()

    @Slot()
    def _remove(self) -> None:
        row = self.server_list.currentRow()
        if not 0 <= row < len(self._drafts):
            return
        del self._drafts[row]
        self.server_list.takeItem(row)
        self._show_current()
        self._validate()

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        row = self.server_list.row(item)
        if self._loading or not 0 <= row < len(self._drafts):
            return
        draft = self._drafts[row]
        enabled = item.checkState() == Qt.CheckState.Checked
        if enabled != draft.server.enabled:
            draft.server = replace(draft.server, enabled=enabled)

    # --- the form ----------------------------------------------------------------------

    def _show_current(self) -> None:
        """Fill the form with the chosen server (or show the empty state)."""
        draft = self._current()
        self.empty.setVisible(draft is None)
        self.form_holder.setVisible(draft is not None)
        self.probe.setVisible(draft is not None)
        self.remove_button.setEnabled(draft is not None)
        self.probe.show_for(draft.server.name if draft is not None else "")
        if draft is None:
            return
        server = draft.server
        self._loading = True
        try:
            self.name.setText(server.name)
            self.transport.setCurrentIndex(self.transport.findData(server.transport))
            self.command.setText(server.command)
            self.args.setText(draft.args_text)
            for edit in (self.command, self.args):
                edit.setCursorPosition(0)  # the start of a long line, not its end
            self.env.set_pairs(server.env)
            self.url.setText(server.url)
            self.headers.set_pairs(server.headers)
            self.timeout.setValue(server.timeout_s)
        finally:
            self._loading = False
        self._show_rows(server.transport)

    def _show_rows(self, transport: Transport) -> None:
        for kind, rows in self._rows.items():
            for row in rows:
                self.form.setRowVisible(row, kind is transport)

    def _on_form_changed(self) -> None:
        draft = self._current()
        if self._loading or draft is None:
            return
        transport = Transport(self.transport.currentData())
        draft.args_text = self.args.text()
        try:
            args = split_args(draft.args_text)
        except ValueError:
            args = draft.server.args
        draft.server = McpServer(
            name=self.name.text().strip(), transport=transport,
            command=self.command.text().strip(), args=args, env=self.env.pairs(),
            url=self.url.text().strip(), headers=self.headers.pairs(),
            timeout_s=self.timeout.value(), enabled=draft.server.enabled)
        item = self.server_list.currentItem()
        if item is not None:
            item.setText(self._item_text(draft.server))
        self._show_rows(transport)
        self._validate()

    @Slot()
    def _browse(self) -> None:
        program, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the program"),
                                                 self.command.text())
        if program:
            self.command.setText(program)
            self._on_form_changed()

    # --- checking ----------------------------------------------------------------------

    def problems(self) -> list[str]:
        """Why the list cannot be saved as it is, in the user's language ([] if it can)."""
        found: list[str] = []
        seen: set[str] = set()
        for draft in self._drafts:
            server = draft.server
            name = server.name
            if not name:
                found.append(self.tr("Each server needs a name."))
                continue
            if name.casefold() in seen:
                found.append(self.tr("Two servers are named “%1”: each needs a name of "
                                     "its own.").replace("%1", name))
            seen.add(name.casefold())
            found += [text.replace("%1", name) for text in self._server_problems(draft)]
        return found

    def _server_problems(self, draft: _Draft) -> list[str]:
        server = draft.server
        found = []
        if server.transport is Transport.STDIO:
            if not server.command:
                found.append(self.tr("“%1”: the program to start is missing."))
            try:
                split_args(draft.args_text)
            except ValueError:
                found.append(self.tr("“%1”: the arguments have a quote that is not "
                                     "closed."))
            pairs, what = self._all_rows(draft, "env"), self.tr(
                "“%1”: an environment variable has a value but no name, or a name with "
                "“=” or a space.")
            if any(not key or "=" in key or " " in key for key, _ in pairs):
                found.append(what)
        else:
            parts = urlsplit(server.url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                found.append(self.tr("“%1”: the address must start with http:// or "
                                     "https:// and name a server."))
            if any(not key or _NOT_IN_HEADER_NAME & set(key)
                   for key, _ in self._all_rows(draft, "headers")):
                found.append(self.tr("“%1”: a header has a value but no name, or a name "
                                     "with a space, a colon or another sign headers "
                                     "cannot have."))
        return found

    def _all_rows(self, draft: _Draft, which: str) -> list[tuple[str, str]]:
        """Rows of the environment or headers, with the empty names the form shows
        for the server being edited (kept servers hold only named rows)."""
        if draft is self._current():
            table = self.env if which == "env" else self.headers
            return table.rows()
        return list((draft.server.env if which == "env" else draft.server.headers).items())

    def _validate(self) -> None:
        problems = self.problems()
        self.problem.setText("\n".join(problems[:3]))
        self.problem.setVisible(bool(problems))
        self.ok_button.setEnabled(not problems)

    # --- testing -----------------------------------------------------------------------

    @Slot()
    def _test(self) -> None:
        draft = self._current()
        if draft is None:
            return
        problems = self._server_problems(draft)
        if problems:
            self.probe.refuse(problems[0].replace("%1", draft.server.name))
        else:
            self.probe.test(draft.server)

    def is_testing(self) -> bool:
        """Whether a test is under way."""
        return self.probe.is_testing()

    # --- result ------------------------------------------------------------------------

    def servers(self) -> tuple[McpServer, ...]:
        """The servers as the dialog has them (check :meth:`problems` first, or call
        after ``accept``, which is refused while there are any)."""
        return tuple(draft.server for draft in self._drafts)

    def accept(self) -> None:
        if self.problems():
            self._validate()
            return
        super().accept()

    def done(self, result: int) -> None:
        self.probe.close_probe()
        super().done(result)
