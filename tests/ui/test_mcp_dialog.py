"""The MCP servers dialog with real widgets: the list round trips, every wrong entry
keeps OK disabled and says why, secrets are masked, and "Test and list tools" starts
the real MCP test server (the SDK's own server side) through the real client."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from core.errors import ProsaError
from core.tools.mcp.client import McpHub
from core.tools.mcp.servers import McpServer, Transport
from core.tools.spec import ToolSpec
from ui.tools.mcp_servers_dialog import McpServersDialog, join_args, split_args
from ui.tools.pairs_table import MASK, PairsTable

pytestmark = pytest.mark.gui

SCRIPT = Path(__file__).parents[1] / "tools" / "mcp_test_server.py"
TEST_TOOLS = {"echo", "add", "sleep", "crash", "big", "fail", "pid", "getenv"}

FILES = McpServer("files", Transport.STDIO, "npx",
                  ("-y", "@modelcontextprotocol/server-filesystem", "/home/ana/My Documents"),
                  {"GITHUB_TOKEN": "ghp_secret", "LOG_LEVEL": "info"}, timeout_s=12.0)
WEB = McpServer("web", Transport.HTTP, url="https://mcp.example.com/mcp",
                headers={"Authorization": "Bearer abc", "X-Team": "docs"}, enabled=False)


def no_tools(server: McpServer) -> tuple[ToolSpec, ...]:
    return ()


@pytest.fixture
def open_dialog(qtbot: QtBot) -> Iterator[Callable[..., McpServersDialog]]:
    opened: list[McpServersDialog] = []

    def make(servers: tuple[McpServer, ...] = (FILES, WEB),
             list_tools: Callable[[McpServer], tuple[ToolSpec, ...]] = no_tools
             ) -> McpServersDialog:
        dialog = McpServersDialog(servers, list_tools)
        qtbot.addWidget(dialog)
        dialog.show()
        opened.append(dialog)
        return dialog

    yield make
    for dialog in opened:
        if dialog.isVisible():
            dialog.reject()


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Replace a field's text as a person does (so ``textEdited`` fires)."""
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(edit, text)


def test_the_list_comes_back_as_it_went_in(open_dialog: Callable[..., McpServersDialog]
                                           ) -> None:
    dialog = open_dialog()
    assert dialog.ok_button.isEnabled() and dialog.problems() == []
    assert dialog.args.text() == "-y @modelcontextprotocol/server-filesystem " \
                                 "'/home/ana/My Documents'"
    dialog.accept()
    assert dialog.result() == McpServersDialog.DialogCode.Accepted
    assert dialog.servers() == (FILES, WEB)


def test_editing_the_form_changes_the_chosen_server(
        qtbot: QtBot, open_dialog: Callable[..., McpServersDialog]) -> None:
    dialog = open_dialog()
    retype(qtbot, dialog.name, "notes")
    retype(qtbot, dialog.args, '--root "/srv/my notes" -v')
    dialog.server_list.setCurrentRow(1)
    assert dialog.url.text() == WEB.url  # the form shows the other server
    dialog.transport.setCurrentIndex(dialog.transport.findData(Transport.STDIO))
    retype(qtbot, dialog.command, "uvx")
    dialog.server_list.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    notes, web = dialog.servers()
    assert notes.name == "notes" and notes.args == ("--root", "/srv/my notes", "-v")
    assert notes.env == FILES.env and notes.timeout_s == 12.0
    assert web.transport is Transport.STDIO and web.command == "uvx" and web.enabled
    assert dialog.server_list.item(0).text().startswith("notes")


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("name", "", "Each server needs a name."),
    ("name", "WEB", "Two servers are named “web”"),
    ("command", "", "“files”: the program to start is missing."),
    ("args", '--root "/srv/my notes', "“files”: the arguments have a quote that is not"),
])
def test_a_wrong_program_server_keeps_ok_disabled_and_says_why(
        qtbot: QtBot, open_dialog: Callable[..., McpServersDialog], field: str, value: str,
        reason: str) -> None:
    dialog = open_dialog()
    edit = getattr(dialog, field)
    before = edit.text()
    retype(qtbot, edit, value)
    assert not dialog.ok_button.isEnabled()
    assert reason in dialog.problem.text() and dialog.problem.isVisible()
    dialog.accept()  # refused
    assert dialog.isVisible()
    retype(qtbot, edit, before)
    assert dialog.ok_button.isEnabled() and not dialog.problem.isVisible()


@pytest.mark.parametrize("url", ["mcp.example.com", "ftp://mcp.example.com", "https://",
                                 "javascript:alert(1)"])
def test_an_http_server_needs_a_web_address(
        qtbot: QtBot, open_dialog: Callable[..., McpServersDialog], url: str) -> None:
    dialog = open_dialog()
    dialog.server_list.setCurrentRow(1)
    retype(qtbot, dialog.url, url)
    assert not dialog.ok_button.isEnabled()
    assert "“web”: the address must start with http:// or https://" in dialog.problem.text()
    retype(qtbot, dialog.url, "http://127.0.0.1:8000/mcp")
    assert dialog.ok_button.isEnabled()


def test_rows_without_a_name_or_with_a_bad_one_are_refused(
        open_dialog: Callable[..., McpServersDialog]) -> None:
    dialog = open_dialog()
    dialog.env.add_button.click()
    row = dialog.env.table.rowCount() - 1
    dialog.env.table.item(row, 1).setText("a value")
    assert not dialog.ok_button.isEnabled()
    assert "environment variable has a value but no name" in dialog.problem.text()
    dialog.env.table.item(row, 0).setText("API_URL")
    assert dialog.ok_button.isEnabled()
    dialog.server_list.setCurrentRow(1)
    dialog.headers.table.item(1, 0).setText("X Team:")
    assert "“web”: a header has a value but no name" in dialog.problem.text()
    dialog.headers.table.item(1, 0).setText("X-Team")
    dialog.accept()
    assert dialog.servers()[0].env["API_URL"] == "a value"


def test_secret_values_are_masked_on_screen_and_in_the_editor(
        qtbot: QtBot, open_dialog: Callable[..., McpServersDialog]) -> None:
    dialog = open_dialog()
    env: PairsTable = dialog.env
    assert env.shown_value(0) == MASK  # GITHUB_TOKEN
    assert env.shown_value(1) == "info"  # LOG_LEVEL
    dialog.server_list.setCurrentRow(1)
    headers: PairsTable = dialog.headers
    assert headers.shown_value(0) == MASK and headers.shown_value(1) == "docs"
    headers.table.editItem(headers.table.item(0, 1))
    editor = headers.table.findChild(QLineEdit)
    assert editor is not None and editor.echoMode() == QLineEdit.EchoMode.Password
    assert editor.text() == "Bearer abc"  # the value itself is kept as it is
    dialog.accept()
    assert dialog.servers()[1].headers["Authorization"] == "Bearer abc"


def test_the_warning_is_shown_for_program_servers_only(
        open_dialog: Callable[..., McpServersDialog]) -> None:
    dialog = open_dialog()
    assert dialog.warning.isVisibleTo(dialog) and "with your rights" in dialog.warning.text()
    dialog.server_list.setCurrentRow(1)
    assert not dialog.warning.isVisibleTo(dialog)
    assert dialog.url.isVisibleTo(dialog) and not dialog.command.isVisibleTo(dialog)


def test_add_and_remove(open_dialog: Callable[..., McpServersDialog]) -> None:
    dialog = open_dialog(())
    assert dialog.empty.isVisibleTo(dialog) and not dialog.remove_button.isEnabled()
    dialog.add_button.click()
    dialog.add_button.click()
    assert [s.name for s in dialog.servers()] == ["New server", "New server 2"]
    assert not dialog.ok_button.isEnabled()  # no program yet
    dialog.remove_button.click()
    dialog.remove_button.click()
    assert dialog.servers() == () and dialog.ok_button.isEnabled()


def test_turning_a_server_off_keeps_its_settings(
        open_dialog: Callable[..., McpServersDialog]) -> None:
    dialog = open_dialog()
    dialog.server_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.accept()
    assert dialog.servers()[0] == McpServer(**{**FILES.__dict__, "enabled": False})


def test_arguments_split_and_join_as_a_shell_does() -> None:
    args = ("--root", "/srv/my notes", "it's", "")
    assert split_args(join_args(args)) == args
    with pytest.raises(ValueError):
        split_args('"open')


# --- testing a server ---------------------------------------------------------------


@pytest.fixture
def hub(no_leftovers: None) -> Iterator[McpHub]:
    with McpHub() as running:
        yield running


def test_test_lists_the_tools_of_a_real_server(
        qtbot: QtBot, hub: McpHub, open_dialog: Callable[..., McpServersDialog]) -> None:
    server = McpServer("test", Transport.STDIO, sys.executable, (str(SCRIPT),))
    dialog = open_dialog((server,), hub.probe)
    dialog.test_button.click()
    assert dialog.is_testing() and "Connecting to “test”" in dialog.test_status.text()
    qtbot.waitUntil(lambda: not dialog.is_testing(), timeout=30_000)
    listed = {dialog.tool_list.topLevelItem(row).text(0): dialog.tool_list.topLevelItem(row)
              for row in range(dialog.tool_list.topLevelItemCount())}
    assert set(listed) == TEST_TOOLS
    assert listed["add"].text(1) == "Adds two whole numbers."
    assert dialog.test_status.text() == "8 tools" and dialog.test_button.isEnabled()


def test_a_server_that_cannot_start_shows_why(
        qtbot: QtBot, hub: McpHub, open_dialog: Callable[..., McpServersDialog]) -> None:
    dialog = open_dialog((McpServer("ghost", command="prosa-no-such-program"),), hub.probe)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: not dialog.is_testing(), timeout=30_000)
    assert dialog.tool_list.topLevelItemCount() == 0
    assert "prosa-no-such-program" in dialog.test_status.text()


def test_a_wrong_server_is_not_tested(open_dialog: Callable[..., McpServersDialog]) -> None:
    called: list[McpServer] = []

    def record(server: McpServer) -> tuple[ToolSpec, ...]:
        called.append(server)
        return ()

    dialog = open_dialog((McpServer("empty"),), record)
    dialog.test_button.click()
    assert not dialog.is_testing() and called == []
    assert "the program to start is missing" in dialog.test_status.text()


def test_closing_during_a_test_drops_its_result(
        qtbot: QtBot, no_leftovers: None, open_dialog: Callable[..., McpServersDialog]
        ) -> None:
    release = threading.Event()

    def slow(server: McpServer) -> tuple[ToolSpec, ...]:
        release.wait(10)
        raise ProsaError("tools.failed", "It failed late.")

    dialog = open_dialog((FILES,), slow)
    dialog.test_button.click()
    dialog.reject()  # returns at once, the test still running
    assert not dialog.isVisible() and dialog.is_testing()
    release.set()
    qtbot.waitUntil(lambda: not dialog.is_testing(), timeout=5_000)
    assert dialog.test_status.text().startswith("Connecting")  # nothing shown after close


def test_every_control_is_explained_and_reachable(
        open_dialog: Callable[..., McpServersDialog]) -> None:
    from tests.ui.test_accessibility import _check

    dialog = open_dialog()
    _check(dialog)
    dialog.server_list.setCurrentRow(1)
    _check(dialog)
