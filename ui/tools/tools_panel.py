"""The tools of one conversation: what the model may call, how it must call, and the
shape its reply must take.

Everything is off until the user turns it on: the master switch, then each built-in
tool and each MCP tool.  The file tool reads only the files picked here, in a file
dialog (the model never names a path).  The panel holds a
:class:`core.tools.selection.ToolsState` and emits it on every change; choices of
tools that are not available now (an MCP server not started yet) are kept in it, so
they come back with the server.  When the loaded model's template cannot describe
tools, a line says so with the fix, instead of tools being offered to a model that
cannot see them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.learn.catalog import LessonId
from core.tools.choice import ToolChoice, ToolChoiceMode
from core.tools.selection import MAX_CALLS_RANGE, READ_FILE_TOOL, ToolsState
from core.tools.spec import ToolSpec
from ui.learn.help_button import beside
from ui.theme import tint
from ui.tools.checks import visible_checks
from ui.tools.structured_output import StructuredOutputDialog

#: Item data role of a tree item's (server, tool) pair.
_PAIR = Qt.ItemDataRole.UserRole + 1


class ToolsPanel(QWidget):
    #: The state after a change the user made (a ToolsState).
    changed = Signal(object)
    #: The user asked to add or change MCP servers (the window opens the dialog).
    manageServersRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolsPanel")
        self._state = ToolsState()
        self._builtin: tuple[ToolSpec, ...] = ()
        self._mcp: dict[str, tuple[ToolSpec, ...]] = {}
        self._builtin_boxes: dict[str, QCheckBox] = {}
        self._builtin_rows: list[QWidget] = []
        self._filling = False
        # Ticking a server ticks each of its tools, one itemChanged each: they are read
        # once, after the last.
        self._read_tree = QTimer(self)
        self._read_tree.setSingleShot(True)
        self._read_tree.setInterval(0)
        self._read_tree.timeout.connect(self._on_mcp_items)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)

        self.master = QCheckBox(self.tr("Let the model use tools"))
        self.master.setObjectName("toolsEnabled")
        self.master.setToolTip(self.tr("Offer the tools turned on below to the model; "
                                       "every call shows as a card in the conversation"))
        self.master.toggled.connect(self._on_master)
        self.support_note = QLabel(self.tr(
            "The loaded model's chat template has no tool support, so no tool is offered "
            "to it. To use tools, choose a template with tools in the template editor."))
        self.support_note.setObjectName("toolsUnsupported")
        self.support_note.setWordWrap(True)
        tint(self.support_note, "warning")
        self.support_note.setVisible(False)
        layout.addWidget(beside(self.master, LessonId.TOOLS,
                                self.tr("Lesson: how a model calls a tool")))
        layout.addWidget(self.support_note)

        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(_heading(self.tr("Built-in tools")))
        self.builtin_area = QVBoxLayout()
        self.builtin_area.setSpacing(2)
        details.addLayout(self.builtin_area)
        details.addWidget(self._files_box())
        details.addWidget(_heading(self.tr("MCP servers")))
        details.addWidget(self._mcp_box())
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.choice = QComboBox()
        self.choice.setObjectName("toolChoice")
        self.choice.setToolTip(self.tr(
            "Automatic: the model decides. Required: it must call a tool. None: it sees "
            "the tools but may not call them. A tool's name: it must call that one."))
        self.choice.activated.connect(self._on_choice)
        # Its longest item must not widen the side panel: it elides instead.
        self.choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choice.setMinimumContentsLength(12)
        self.max_calls = QSpinBox()
        self.max_calls.setObjectName("maxCalls")
        self.max_calls.setRange(*MAX_CALLS_RANGE)
        self.max_calls.setToolTip(self.tr("The most tool calls one reply may make before "
                                          "the model must answer"))
        self.max_calls.valueChanged.connect(self._on_max_calls)
        form.addRow(self.tr("Tool choice"), self.choice)
        form.addRow(self.tr("Calls per reply"), self.max_calls)
        details.addLayout(form)
        layout.addWidget(self.details)
        layout.addWidget(_heading(self.tr("Reply format")))
        layout.addLayout(self._format_row())
        layout.addStretch(1)
        self._refresh()

    # --- building ----------------------------------------------------------------------

    def _files_box(self) -> QWidget:
        self.files_box = QWidget()
        self.files_box.setObjectName("pickedFiles")
        self.pick_button = QPushButton(self.tr("Choose files…"))
        self.pick_button.setObjectName("chooseFiles")
        self.pick_button.setToolTip(self.tr("Pick the text files the model may read; it "
                                            "can read these and no others"))
        self.pick_button.clicked.connect(self._pick_files)
        self.remove_file_button = QPushButton(self.tr("Remove"))
        self.remove_file_button.setObjectName("removeFile")
        self.remove_file_button.setToolTip(self.tr("The model can no longer read the "
                                                   "chosen file"))
        self.remove_file_button.clicked.connect(self._remove_files)
        self.file_list = QListWidget()
        self.file_list.setObjectName("pickedFileList")
        self.file_list.setAccessibleName(self.tr("Files the model may read"))
        self.file_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.file_list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.file_list.itemSelectionChanged.connect(
            lambda: self.remove_file_button.setEnabled(bool(self.file_list.selectedItems())))
        buttons = QHBoxLayout()
        buttons.addWidget(self.pick_button)
        buttons.addWidget(self.remove_file_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self.files_box)
        layout.setContentsMargins(24, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.file_list)
        return self.files_box

    def _mcp_box(self) -> QWidget:
        box = QWidget()
        self.mcp_tree = QTreeWidget()
        self.mcp_tree.setObjectName("mcpTools")
        self.mcp_tree.setHeaderHidden(True)
        self.mcp_tree.setAccessibleName(self.tr("Tools of MCP servers"))
        self.mcp_tree.itemChanged.connect(self._on_mcp_item)
        visible_checks(self.mcp_tree)
        self.mcp_empty = QLabel(self.tr("No MCP server is turned on. Add one to give the "
                                        "model tools from other programs."))
        self.mcp_empty.setObjectName("mcpEmptyNote")
        self.mcp_empty.setWordWrap(True)
        tint(self.mcp_empty, "muted")
        self.manage_button = QPushButton(self.tr("Manage servers…"))
        self.manage_button.setObjectName("manageServers")
        self.manage_button.setToolTip(self.tr("Add, change or test MCP servers"))
        self.manage_button.clicked.connect(self.manageServersRequested)
        row = QHBoxLayout()
        row.addWidget(self.manage_button)
        row.addStretch(1)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mcp_tree)
        layout.addWidget(self.mcp_empty)
        layout.addLayout(row)
        return box

    def _format_row(self) -> QHBoxLayout:
        self.format_summary = QLabel()
        self.format_summary.setObjectName("replyFormat")
        self.format_summary.setWordWrap(True)
        self.format_button = QPushButton(self.tr("Change…"))
        self.format_button.setObjectName("editReplyFormat")
        self.format_button.setToolTip(self.tr("Free text, JSON that matches a schema, or "
                                              "text that follows a grammar"))
        self.format_button.clicked.connect(self.edit_reply_format)
        row = QHBoxLayout()
        row.addWidget(self.format_summary, 1)
        row.addWidget(self.format_button)
        return row

    def _titles(self) -> dict[str, tuple[str, str]]:
        """The built-in tools' names and one-line descriptions, in the user's language."""
        return {
            "calculator": (self.tr("Calculator"), self.tr(
                "Computes arithmetic exactly: + − × ÷, powers, roots, sin, log …")),
            "current_datetime": (self.tr("Date and time"), self.tr(
                "Tells the model today's date, the time and the weekday, here or in "
                "another time zone.")),
            "convert_units": (self.tr("Unit conversion"), self.tr(
                "Converts lengths, weights, temperatures, speeds, volumes …")),
            READ_FILE_TOOL: (self.tr("Read a text file"), self.tr(
                "Reads the text files you pick below, and no others.")),
        }

    # --- API ---------------------------------------------------------------------------

    def set_available(self, builtin: Sequence[ToolSpec],
                      mcp: Mapping[str, Sequence[ToolSpec]]) -> None:
        """The tools that can be turned on: the built-in ones, and each turned-on MCP
        server's (by server name).  Choices of tools not listed are kept."""
        self._builtin = tuple(builtin)
        self._mcp = {server: tuple(specs) for server, specs in mcp.items()}
        for row in self._builtin_rows:
            row.setParent(None)
            row.deleteLater()
        self._builtin_rows.clear()
        self._builtin_boxes.clear()
        titles = self._titles()
        for spec in self._builtin:
            title, summary = titles.get(spec.name, (spec.name, spec.description))
            holder = QWidget()
            rows = QVBoxLayout(holder)
            rows.setContentsMargins(0, 0, 0, 0)
            rows.setSpacing(0)
            box = QCheckBox(title)
            box.setObjectName(f"builtin_{spec.name}")
            # The spec's description is written for the model, in English: the user
            # reads the summary in their language.
            box.setToolTip(summary if spec.name in titles else spec.description)
            box.toggled.connect(self._on_builtin)
            note = QLabel(summary)
            note.setWordWrap(True)
            note.setContentsMargins(24, 0, 0, 4)
            tint(note, "muted")
            rows.addWidget(box)
            rows.addWidget(note)
            self.builtin_area.addWidget(holder)
            self._builtin_rows.append(holder)
            self._builtin_boxes[spec.name] = box
        self._refresh()

    def set_state(self, state: ToolsState) -> None:
        """Show ``state`` (a conversation opened); no ``changed``."""
        self._state = state
        self._refresh()

    def state(self) -> ToolsState:
        return self._state

    def set_tools_supported(self, supported: bool) -> None:
        """Whether the loaded model's template can describe tools to it."""
        self.support_note.setVisible(not supported)

    def tools_supported(self) -> bool:
        return self.support_note.isHidden()

    def enabled_names(self) -> list[str]:
        """The names of the tools turned on and available, in the order shown."""
        names = [spec.name for spec in self._builtin if spec.name in self._state.builtin]
        for server, specs in self._mcp.items():
            names += [spec.name for spec in specs if (server, spec.name) in self._state.mcp]
        return list(dict.fromkeys(names))

    # --- showing the state -------------------------------------------------------------

    def _refresh(self) -> None:
        """Every widget from ``_state`` and what is available."""
        self._filling = True
        try:
            state = self._state
            self.master.setChecked(state.enabled)
            for name, box in self._builtin_boxes.items():
                box.setChecked(name in state.builtin)
            self._fill_tree()
            self.max_calls.setValue(state.max_calls)
        finally:
            self._filling = False
        self._sync()

    def _sync(self) -> None:
        """The widgets that follow from the others: what is enabled, the picked files,
        the tool choice's list, the reply format's summary.  (The checkboxes and the
        tree are left alone: a change comes from them, mid-signal.)"""
        self._filling = True
        try:
            state = self._state
            self.details.setEnabled(state.enabled)
            self.files_box.setVisible(READ_FILE_TOOL in self._builtin_boxes)
            self.files_box.setEnabled(READ_FILE_TOOL in state.builtin)
            self.file_list.clear()
            for path in state.picked_files:
                item = QListWidgetItem(Path(path).name)
                item.setToolTip(path)
                item.setData(Qt.ItemDataRole.UserRole, path)
                self.file_list.addItem(item)
            self.remove_file_button.setEnabled(False)
            self._fill_choice()
            self._show_format()
        finally:
            self._filling = False

    def _fill_tree(self) -> None:
        self.mcp_tree.clear()
        for server, specs in self._mcp.items():
            top = QTreeWidgetItem([server])
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable
                         | Qt.ItemFlag.ItemIsAutoTristate)
            top.setToolTip(0, self.tr("The tools of MCP server “%1”").replace("%1", server))
            for spec in specs:
                leaf = QTreeWidgetItem([spec.name])
                leaf.setFlags(leaf.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                leaf.setData(0, _PAIR, (server, spec.name))
                leaf.setToolTip(0, spec.description or spec.name)
                leaf.setCheckState(0, Qt.CheckState.Checked
                                   if (server, spec.name) in self._state.mcp
                                   else Qt.CheckState.Unchecked)
                top.addChild(leaf)
            if not specs:
                top.setCheckState(0, Qt.CheckState.Unchecked)
                top.setDisabled(True)
            self.mcp_tree.addTopLevelItem(top)
            top.setExpanded(True)
        self.mcp_tree.setVisible(bool(self._mcp))
        self.mcp_empty.setVisible(not self._mcp)
        # As tall as its rows (up to a dozen): the panel scrolls, not the tree.
        rows = len(self._mcp) + sum(len(specs) for specs in self._mcp.values())
        line = self.mcp_tree.fontMetrics().height() + 4
        self.mcp_tree.setFixedHeight(min(max(rows, 2), 12) * line + 8)

    def _fill_choice(self) -> None:
        self.choice.clear()
        self.choice.addItem(self.tr("Automatic"), ToolChoice(ToolChoiceMode.AUTO))
        self.choice.addItem(self.tr("Required: must call a tool"),
                            ToolChoice(ToolChoiceMode.REQUIRED))
        self.choice.addItem(self.tr("None: may not call tools"),
                            ToolChoice(ToolChoiceMode.NONE))
        names = self.enabled_names()
        chosen = self._state.choice
        if chosen.mode is ToolChoiceMode.NAMED and chosen.name not in names:
            names.append(chosen.name or "")  # kept while its server is away
        if names:
            self.choice.insertSeparator(self.choice.count())
        for name in names:
            self.choice.addItem(self.tr("Always call %1").replace("%1", name),
                                ToolChoice(ToolChoiceMode.NAMED, name))
        # findData cannot compare Python objects: look for it by hand.
        found = [row for row in range(self.choice.count())
                 if self.choice.itemData(row) == chosen]
        self.choice.setCurrentIndex(found[0] if found else 0)

    def _show_format(self) -> None:
        constraint = self._state.constraint
        if constraint is None:
            text = self.tr("Free text")
        elif constraint.json_schema is not None:
            text = self.tr("JSON that matches a schema")
        else:
            text = self.tr("Text that follows a grammar")
        self.format_summary.setText(text)

    # --- changes -----------------------------------------------------------------------

    def _change(self, **changes: object) -> None:
        if self._filling:
            return
        self._state = replace(self._state, **changes)  # type: ignore[arg-type]
        if self._state.choice.mode is ToolChoiceMode.NAMED \
                and self._state.choice.name not in self._known_names() \
                and self._state.choice.name in self._available_names():
            # The named tool was just turned off: back to Automatic, visibly.
            self._state = replace(self._state, choice=ToolChoice())
        self._sync()
        self.changed.emit(self._state)

    def _available_names(self) -> set[str]:
        names = {spec.name for spec in self._builtin}
        for specs in self._mcp.values():
            names |= {spec.name for spec in specs}
        return names

    def _known_names(self) -> set[str]:
        return set(self.enabled_names())

    @Slot(bool)
    def _on_master(self, on: bool) -> None:
        self._change(enabled=on)

    @Slot()
    def _on_builtin(self) -> None:
        available = set(self._builtin_boxes)
        kept = {name for name in self._state.builtin if name not in available}
        ticked = {name for name, box in self._builtin_boxes.items() if box.isChecked()}
        self._change(builtin=frozenset(kept | ticked))

    def _on_mcp_item(self, _item: QTreeWidgetItem, _column: int) -> None:
        if not self._filling:
            self._read_tree.start()

    def _on_mcp_items(self) -> None:
        shown: set[tuple[str, str]] = set()
        ticked: set[tuple[str, str]] = set()
        for row in range(self.mcp_tree.topLevelItemCount()):
            top = self.mcp_tree.topLevelItem(row)
            for number in range(top.childCount() if top is not None else 0):
                leaf = top.child(number) if top is not None else None
                pair = leaf.data(0, _PAIR) if leaf is not None else None
                if leaf is None or not isinstance(pair, tuple):
                    continue
                shown.add(pair)
                if leaf.checkState(0) == Qt.CheckState.Checked:
                    ticked.add(pair)
        kept = {pair for pair in self._state.mcp if pair not in shown}
        self._change(mcp=frozenset(kept | ticked))

    def _on_choice(self, index: int) -> None:
        choice = self.choice.itemData(index)
        if isinstance(choice, ToolChoice):
            self._change(choice=choice)

    def _on_max_calls(self, value: int) -> None:
        if value != self._state.max_calls:
            self._change(max_calls=value)

    @Slot()
    def _pick_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Files the model may read"), "",
            self.tr("Text files (*.txt *.md *.csv *.json *.log *.xml *.yaml *.yml *.py);;"
                    "All files (*)"))
        if paths:
            picked = tuple(dict.fromkeys((*self._state.picked_files,
                                          *(str(Path(p).absolute()) for p in paths))))
            self._change(picked_files=picked)

    @Slot()
    def _remove_files(self) -> None:
        gone = {item.data(Qt.ItemDataRole.UserRole) for item in self.file_list.selectedItems()}
        self._change(picked_files=tuple(p for p in self._state.picked_files if p not in gone))

    @Slot()
    def edit_reply_format(self) -> bool:
        """Open the reply format's editor; whether the user changed it."""
        dialog = StructuredOutputDialog(self._state.constraint, self)
        if dialog.exec() != StructuredOutputDialog.DialogCode.Accepted:
            return False
        constraint = dialog.constraint()
        if constraint == self._state.constraint:
            return False
        self._change(constraint=constraint)
        return True


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 8, 0, 2)
    return label
