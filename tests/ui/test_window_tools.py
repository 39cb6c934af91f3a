"""Tools in the real window, with a scripted model: the Tools tab turns tools on for the
conversation, a call shows as a card, a built-in tool runs at once, an MCP tool of a
real MCP server (started by the test, through the servers the user set up) waits for
the user's answer on its card, and the model's next turn follows."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from core.conversation.types import Role
from core.engine.protocol import Generate
from core.engine.scripted import ScriptedEngine, ScriptedReply
from core.output.types import ToolCall
from core.tools.mcp.servers import McpServer
from core.tools.runs import RunStatus
from core.tools.selection import ToolsState

pytestmark = [pytest.mark.gui, pytest.mark.timeout(120)]

SERVER = Path(__file__).parents[1] / "tools" / "mcp_test_server.py"


def send(window: Any, qtbot: Any, text: str) -> None:
    window.composer.setPlainText(text)
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)


def generates(engine: ScriptedEngine) -> list[Generate]:
    return [r for r in engine.requests if isinstance(r, Generate)]


def test_a_built_in_tool_runs_and_its_card_shows_the_result(
        scripted: tuple[Any, ScriptedEngine], qtbot: Any) -> None:
    window, engine = scripted
    assert window.side.tabText(window.side.indexOf(window.tools_panel)) == "Tools"
    window.tools_panel.changed.emit(ToolsState(enabled=True,
                                               builtin=frozenset({"calculator"})))
    engine.script.extend([
        ScriptedReply(("",), tool_calls=(ToolCall("calculator", {"expression": "17*23"}),)),
        ScriptedReply(("17 times 23 is 391.",))])
    send(window, qtbot, "What is 17 times 23?")
    qtbot.waitUntil(lambda: len(window.session.messages) == 4
                    and window.send_button.isEnabled(), timeout=10_000)
    tool = window.session.messages[2]
    assert tool.role is Role.TOOL and tool.tool_run is not None
    assert tool.tool_run.status is RunStatus.DONE and tool.content == "391"
    shown = window.chat.toPlainText()
    assert "calculator" in shown and "391" in shown and "17 times 23 is 391." in shown
    first, second = generates(engine)
    assert [t["function"]["name"] for t in first.tools] == ["calculator"]
    assert second.messages[-1]["content"] == "391"
    # the choice is kept with the conversation
    conversation = window.store.conversation(window.session.conversation_id)
    assert conversation.tools.builtin == frozenset({"calculator"})


def test_an_mcp_tool_waits_on_its_card_until_allowed(
        scripted: tuple[Any, ScriptedEngine], qtbot: Any) -> None:
    window, engine = scripted
    window._servers_chosen((McpServer("test", command=sys.executable, args=(str(SERVER),)),))
    state = ToolsState(enabled=True, mcp=frozenset({("test", "add")}))
    window.tools_panel.changed.emit(state)
    qtbot.waitUntil(lambda: "test" in window.tool_host.listed(), timeout=60_000)
    engine.script.extend([ScriptedReply(("",), tool_calls=(ToolCall("add", {"a": 2,
                                                                            "b": 3}),)),
                          ScriptedReply(("It is 5.",))])
    send(window, qtbot, "Add 2 and 3")
    qtbot.waitUntil(lambda: len(window.session.messages) == 3, timeout=10_000)
    card = window.session.messages[2]
    assert card.tool_run is not None and card.tool_run.status is RunStatus.WAITING
    assert card.tool_run.server == "test"
    assert window.chat.tool_run(2) is not None
    assert "Allow once" in window.chat.toPlainText()
    assert window.stop_button.isEnabled()  # the reply is not over: Stop denies
    window.chat.toolApproval.emit(card.tool_run.call_id, True, False)
    qtbot.waitUntil(lambda: len(window.session.messages) == 4
                    and window.send_button.isEnabled(), timeout=30_000)
    done = window.session.messages[2].tool_run
    assert done is not None and done.status is RunStatus.DONE and done.result.strip() == "5"
    assert window.chat.tool_run(2) == done
    assert "It is 5." in window.chat.toPlainText()


def test_a_denied_mcp_call_never_reaches_the_server(
        scripted: tuple[Any, ScriptedEngine], qtbot: Any, tmp_path: Path) -> None:
    """Deny on the card: the call never goes to the server (every call to it is
    recorded on its way), the model is told, and the conversation goes on."""
    window, engine = scripted
    window._servers_chosen((McpServer("test", command=sys.executable, args=(str(SERVER),)),))
    window.tools_panel.changed.emit(ToolsState(enabled=True,
                                               mcp=frozenset({("test", "echo")})))
    qtbot.waitUntil(lambda: "test" in window.tool_host.listed(), timeout=60_000)
    sent: list[tuple[str, str]] = []
    real_call = window.mcp_hub.call_tool

    def recorded(server: str, tool: str, *args: Any, **kwargs: Any) -> str:
        sent.append((server, tool))
        return real_call(server, tool, *args, **kwargs)

    window.mcp_hub.call_tool = recorded
    engine.script.extend([ScriptedReply(("",), tool_calls=(ToolCall("echo", {"text": "x"}),)),
                          ScriptedReply(("I was not allowed.",))])
    send(window, qtbot, "Echo x")
    qtbot.waitUntil(lambda: len(window.session.messages) == 3, timeout=10_000)
    run = window.session.messages[2].tool_run
    assert run is not None and run.status is RunStatus.WAITING
    window.chat.toolApproval.emit(run.call_id, False, False)
    qtbot.waitUntil(lambda: len(window.session.messages) == 4
                    and window.send_button.isEnabled(), timeout=30_000)
    denied = window.session.messages[2].tool_run
    assert denied is not None and denied.status is RunStatus.DENIED
    assert "not allow" in generates(engine)[-1].messages[-1]["content"]
    stored = window.store.current_path(window.session.conversation_id)
    assert [m.role for m in stored] == [Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT]
    assert sent == []
