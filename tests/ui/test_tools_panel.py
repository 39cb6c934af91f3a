"""The tools panel with real widgets: a conversation's state shown and read back, each
change the user makes emitted once, files picked in the (patched) file dialog, the tool
choice listing the tools turned on, and choices of tools that are away kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from core.tools.builtin import calculator, clock, text_file, units
from core.tools.choice import OutputConstraint, ToolChoice, ToolChoiceMode
from core.tools.selection import ToolsState
from core.tools.spec import ToolSource, ToolSpec
from core.tools.structured import EXAMPLES
from ui.tools.structured_output import StructuredOutputDialog
from ui.tools.tools_panel import ToolsPanel

pytestmark = pytest.mark.gui

BUILTIN = (calculator.SPEC, clock.SPEC, units.SPEC,
           text_file.spec_for(text_file.PickedFiles()))
MCP = {"files": (ToolSpec("list_directory", "Lists a folder.", source=ToolSource.MCP,
                          server="files"),
                 ToolSpec("search_files", "Searches file names.", source=ToolSource.MCP,
                          server="files")),
       "web": (ToolSpec("fetch", "Fetches a page as text.", source=ToolSource.MCP,
                        server="web"),)}
STATE = ToolsState(enabled=True, builtin=frozenset({"calculator", "read_text_file"}),
                   mcp=frozenset({("files", "list_directory")}),
                   picked_files=("/home/ana/notes.txt",),
                   choice=ToolChoice(ToolChoiceMode.NAMED, "list_directory"), max_calls=12,
                   constraint=OutputConstraint(json_schema=EXAMPLES["review"]))


def make_panel(qtbot: QtBot, state: ToolsState = STATE) -> ToolsPanel:
    panel = ToolsPanel()
    qtbot.addWidget(panel)
    panel.set_available(BUILTIN, MCP)
    panel.set_state(state)
    panel.resize(340, 800)
    panel.show()
    return panel


def leaf(panel: ToolsPanel, server: str, tool: str) -> object:
    tree = panel.mcp_tree
    for row in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(row)
        assert top is not None
        if top.text(0) == server:
            for number in range(top.childCount()):
                child = top.child(number)
                if child is not None and child.text(0) == tool:
                    return child
    raise AssertionError(f"{server}/{tool} is not in the tree")


def choice_texts(panel: ToolsPanel) -> list[str]:
    return [panel.choice.itemText(row) for row in range(panel.choice.count())
            if panel.choice.itemText(row)]


def test_a_state_is_shown_and_read_back(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    assert panel.state() == STATE
    assert panel.master.isChecked() and panel.details.isEnabled()
    assert panel.findChild(QWidget, "builtin_calculator").isChecked()  # type: ignore[union-attr]
    assert not panel.findChild(QWidget, "builtin_convert_units").isChecked()  # type: ignore[union-attr]
    assert leaf(panel, "files", "list_directory").checkState(0) == Qt.CheckState.Checked  # type: ignore[attr-defined]
    assert leaf(panel, "web", "fetch").checkState(0) == Qt.CheckState.Unchecked  # type: ignore[attr-defined]
    assert panel.choice.currentText() == "Always call list_directory"
    assert panel.max_calls.value() == 12
    assert panel.file_list.item(0).text() == "notes.txt"
    assert panel.format_summary.text() == "JSON that matches a schema"
    # Another conversation's state replaces it entirely, without a change signal.
    with qtbot.assertNotEmitted(panel.changed, wait=20):
        panel.set_state(ToolsState())
    assert panel.state() == ToolsState() and not panel.details.isEnabled()
    assert panel.choice.currentText() == "Automatic" and panel.max_calls.value() == 8


def test_each_change_is_emitted_with_the_new_state(qtbot: QtBot) -> None:
    panel = make_panel(qtbot, ToolsState())
    with qtbot.waitSignal(panel.changed) as changed:
        panel.master.click()
    assert changed.args == [ToolsState(enabled=True)]
    box = panel.findChild(QWidget, "builtin_current_datetime")
    with qtbot.waitSignal(panel.changed) as changed:
        box.click()  # type: ignore[union-attr]
    assert changed.args[0].builtin == {"current_datetime"}
    with qtbot.waitSignal(panel.changed) as changed:
        panel.max_calls.setValue(20)
    assert changed.args[0].max_calls == 20
    with qtbot.waitSignal(panel.changed) as changed:
        leaf(panel, "web", "fetch").setCheckState(0, Qt.CheckState.Checked)  # type: ignore[attr-defined]
    assert changed.args[0].mcp == {("web", "fetch")}


def test_ticking_a_server_turns_on_all_its_tools_in_one_change(qtbot: QtBot) -> None:
    panel = make_panel(qtbot, ToolsState(enabled=True))
    emitted: list[ToolsState] = []
    panel.changed.connect(emitted.append)
    top = panel.mcp_tree.topLevelItem(0)
    assert top is not None and top.text(0) == "files"
    top.setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: bool(emitted))
    qtbot.wait(20)
    assert len(emitted) == 1
    assert emitted[0].mcp == {("files", "list_directory"), ("files", "search_files")}


def test_choices_of_tools_that_are_away_are_kept(qtbot: QtBot) -> None:
    away = ToolsState(enabled=True, builtin=frozenset({"calculator", "retired_tool"}),
                      mcp=frozenset({("offline", "lookup"), ("files", "search_files")}),
                      choice=ToolChoice(ToolChoiceMode.NAMED, "lookup"))
    panel = make_panel(qtbot, away)
    assert panel.choice.currentText() == "Always call lookup"
    with qtbot.waitSignal(panel.changed):
        panel.findChild(QWidget, "builtin_convert_units").click()  # type: ignore[union-attr]
    with qtbot.waitSignal(panel.changed):
        leaf(panel, "files", "search_files").setCheckState(0, Qt.CheckState.Unchecked)  # type: ignore[attr-defined]
    state = panel.state()
    assert state.builtin == {"calculator", "retired_tool", "convert_units"}
    assert state.mcp == {("offline", "lookup")}
    assert state.choice == ToolChoice(ToolChoiceMode.NAMED, "lookup")


def test_the_tool_choice_lists_the_tools_turned_on(qtbot: QtBot) -> None:
    panel = make_panel(qtbot, ToolsState(enabled=True, builtin=frozenset({"calculator"}),
                                         mcp=frozenset({("web", "fetch")})))
    assert choice_texts(panel) == ["Automatic", "Required: must call a tool",
                                   "None: may not call tools", "Always call calculator",
                                   "Always call fetch"]
    with qtbot.waitSignal(panel.changed) as changed:
        panel.choice.activated.emit(choice_texts(panel).index("Always call fetch") + 1)
    assert changed.args[0].choice == ToolChoice(ToolChoiceMode.NAMED, "fetch")
    # The named tool turned off: the choice goes back to Automatic, visibly.
    with qtbot.waitSignal(panel.changed) as changed:
        leaf(panel, "web", "fetch").setCheckState(0, Qt.CheckState.Unchecked)  # type: ignore[attr-defined]
    assert changed.args[0].choice == ToolChoice()
    assert panel.choice.currentText() == "Automatic"
    assert "Always call fetch" not in choice_texts(panel)


def test_files_are_picked_in_the_file_dialog_and_removed(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notes, recipes = tmp_path / "notes.txt", tmp_path / "recipes.md"
    for path in (notes, recipes):
        path.write_text("text", encoding="utf-8")
    asked: list[str] = []

    def pick(parent: QWidget, title: str, folder: str, filters: str
             ) -> tuple[list[str], str]:
        asked.append(filters)
        return [str(notes), str(recipes), str(notes)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(pick))
    panel = make_panel(qtbot, ToolsState(enabled=True, builtin=frozenset({"read_text_file"})))
    assert panel.files_box.isEnabled()
    with qtbot.waitSignal(panel.changed) as changed:
        panel.pick_button.click()
    assert changed.args[0].picked_files == (str(notes), str(recipes))
    assert "Text files" in asked[0]
    names = [panel.file_list.item(row).text() for row in range(panel.file_list.count())]
    assert names == ["notes.txt", "recipes.md"]
    assert panel.file_list.item(1).toolTip() == str(recipes)
    panel.file_list.item(0).setSelected(True)
    assert panel.remove_file_button.isEnabled()
    with qtbot.waitSignal(panel.changed) as changed:
        panel.remove_file_button.click()
    assert changed.args[0].picked_files == (str(recipes),)


def test_the_file_buttons_wait_for_the_file_tool(qtbot: QtBot) -> None:
    panel = make_panel(qtbot, ToolsState(enabled=True))
    assert not panel.files_box.isEnabled()
    panel.findChild(QWidget, "builtin_read_text_file").click()  # type: ignore[union-attr]
    assert panel.files_box.isEnabled()


def test_a_template_without_tools_is_said_plainly(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    assert not panel.support_note.isVisibleTo(panel) and panel.tools_supported()
    panel.set_tools_supported(False)
    assert panel.support_note.isVisibleTo(panel) and not panel.tools_supported()
    assert "template editor" in panel.support_note.text()


def test_manage_servers_asks_the_window(qtbot: QtBot) -> None:
    panel = make_panel(qtbot, ToolsState(enabled=True))
    with qtbot.waitSignal(panel.manageServersRequested):
        panel.manage_button.click()
    panel.set_available(BUILTIN, {})
    assert panel.mcp_empty.isVisibleTo(panel) and not panel.mcp_tree.isVisibleTo(panel)


def in_the_dialog(act: Callable[[StructuredOutputDialog], None]) -> None:
    """Run ``act`` on the reply format's dialog once it is open (it is modal)."""
    def later() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StructuredOutputDialog)
        act(dialog)
    QTimer.singleShot(0, later)


def test_the_reply_format_is_edited_in_its_dialog(qtbot: QtBot) -> None:
    panel = make_panel(qtbot, ToolsState())

    def pick_person(dialog: StructuredOutputDialog) -> None:
        menu = dialog.editor.examples.menu()
        menu.actions()[0].trigger()
        dialog.accept()

    in_the_dialog(pick_person)
    with qtbot.waitSignal(panel.changed) as changed:
        assert panel.edit_reply_format()
    assert changed.args[0].constraint == OutputConstraint(json_schema=EXAMPLES["person"])
    assert panel.format_summary.text() == "JSON that matches a schema"
    in_the_dialog(lambda dialog: dialog.reject())
    with qtbot.assertNotEmitted(panel.changed, wait=20):
        assert not panel.edit_reply_format()
    assert panel.state().constraint == OutputConstraint(json_schema=EXAMPLES["person"])


def test_every_control_is_explained_and_reachable(qtbot: QtBot) -> None:
    from tests.ui.test_accessibility import _check

    panel = make_panel(qtbot)
    _check(panel)
    dialog = StructuredOutputDialog(OutputConstraint(json_schema=EXAMPLES["person"]))
    qtbot.addWidget(dialog)
    dialog.show()
    _check(dialog)
