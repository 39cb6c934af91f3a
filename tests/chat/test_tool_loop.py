"""The controller's tool loop with a scripted engine: the rules of calling tools
(consent, limits, forced choice on the first turn only, stop), which the model adds
nothing to.  The real model and real tools run in tests/tools/test_tools_end_to_end.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.conversation.types import MessageStatus, Role
from core.engine.protocol import Generate, LoadModel
from core.engine.scripted import ScriptedReply
from core.output.types import ToolCall
from core.sampling.params import SamplingParams
from core.tools.choice import ToolChoice, ToolChoiceMode
from core.tools.runs import Approval, RunStatus, ToolRun
from core.tools.selection import ToolsState
from core.tools.spec import ToolSource, ToolSpec
from tests.chat.test_controller import Chat, make_chat

ADD = ToolSpec("add", "Adds two integers.",
               {"type": "object", "properties": {"a": {"type": "integer"},
                                                 "b": {"type": "integer"}},
                "required": ["a", "b"]})
REMOTE = ToolSpec("lookup", "Looks a word up.", {"type": "object"}, ToolSource.MCP, "dict")


class Host:
    """Runs ``add`` by arithmetic and ``lookup`` by a table; records consent."""

    def __init__(self) -> None:
        self.ran: list[ToolRun] = []
        self.trusted_tools: set[tuple[str, str]] = set()
        self.later: list[Callable[[], None]] = []
        self.deferred = False

    def specs(self, state: ToolsState) -> tuple[ToolSpec, ...]:
        return tuple(s for s in (ADD, REMOTE)
                     if s.name in state.builtin or (s.server, s.name) in state.mcp)

    def execute(self, run: ToolRun, state: ToolsState,
                done: Callable[[ToolRun], None]) -> None:
        self.ran.append(run)
        if run.name == "add":
            result = str(int(run.arguments["a"]) + int(run.arguments["b"]))
        else:
            result = "a small spiny mammal"
        finish = lambda: done(run.with_status(RunStatus.DONE, result=result))  # noqa: E731
        if self.deferred:
            self.later.append(finish)
        else:
            finish()

    def trusted(self, run: ToolRun) -> bool:
        return (run.server, run.name) in self.trusted_tools

    def trust(self, run: ToolRun) -> None:
        self.trusted_tools.add((run.server, run.name))


def chat_with_tools(tmp_path: Path, host: Host, state: ToolsState) -> Chat:
    chat = make_chat(tmp_path, tool_host=host)
    chat.engine.load(LoadModel(str(tmp_path / "m.gguf")))
    chat.controller.model_path = str(tmp_path / "m.gguf")
    chat.pump()
    chat.controller.set_tools(state)
    return chat


def generates(chat: Chat) -> list[Generate]:
    return [r for r in chat.engine.requests if isinstance(r, Generate)]


ON = ToolsState(enabled=True, builtin=frozenset({"add"}),
                choice=ToolChoice(ToolChoiceMode.REQUIRED))


def test_a_call_runs_and_the_model_reads_its_result(tmp_path: Path) -> None:
    host = Host()
    chat = chat_with_tools(tmp_path, host, ON)
    chat.engine.script.extend([
        ScriptedReply(("",), tool_calls=(ToolCall("add", {"a": 2, "b": 40}),)),
        ScriptedReply(("It is 42.",))])
    assert chat.controller.send("What is 2 + 40?", SamplingParams())
    chat.pump(until=lambda: len(chat.controller.session.messages) == 4
              and chat.controller.session.streaming is None)
    roles = [(m.role, m.content) for m in chat.controller.session.messages]
    assert roles == [(Role.USER, "What is 2 + 40?"), (Role.ASSISTANT, ""), (Role.TOOL, "42"),
                     (Role.ASSISTANT, "It is 42.")]
    first, second = generates(chat)
    assert [t["function"]["name"] for t in first.tools] == ["add"]
    assert first.tool_choice.mode is ToolChoiceMode.REQUIRED
    # the turn after the call may answer in words, and it sees the call and the result
    assert second.tool_choice.mode is ToolChoiceMode.AUTO
    assert second.messages[-2]["tool_calls"][0]["function"]["arguments"] == {"a": 2, "b": 40}
    assert second.messages[-1] == {"role": "tool", "name": "add", "content": "42",
                                   "tool_call_id": second.messages[-2]["tool_calls"][0]["id"]}
    assert chat.screen.busy is False
    tool_message = chat.controller.session.messages[2]
    assert tool_message.tool_run is not None
    assert tool_message.tool_run.status is RunStatus.DONE


def test_an_mcp_call_waits_for_consent_and_a_denial_goes_back_to_the_model(
        tmp_path: Path) -> None:
    host = Host()
    state = ToolsState(enabled=True, mcp=frozenset({("dict", "lookup")}))
    chat = chat_with_tools(tmp_path, host, state)
    chat.engine.script.extend([
        ScriptedReply(("",), tool_calls=(ToolCall("lookup", {"word": "hedgehog"}),)),
        ScriptedReply(("I may not look it up.",))])
    chat.controller.send("What is a hedgehog?", SamplingParams())
    chat.pump(until=lambda: len(chat.controller.session.messages) == 3)
    waiting = chat.controller.session.messages[2]
    assert waiting.tool_run is not None and waiting.tool_run.status is RunStatus.WAITING
    assert host.ran == [] and chat.screen.busy is True
    assert not chat.controller.send("another", SamplingParams())  # calls are pending
    chat.controller.approve_tool(waiting.tool_run.call_id, Approval(allowed=False))
    chat.pump(until=lambda: len(chat.controller.session.messages) == 4
              and chat.controller.session.streaming is None)
    assert host.ran == []  # never run
    denied = chat.controller.session.messages[2].tool_run
    assert denied is not None and denied.status is RunStatus.DENIED
    assert "did not allow" in generates(chat)[1].messages[-1]["content"]


def test_always_allow_trusts_the_tool_for_later_calls(tmp_path: Path) -> None:
    host = Host()
    state = ToolsState(enabled=True, mcp=frozenset({("dict", "lookup")}))
    chat = chat_with_tools(tmp_path, host, state)
    call = ToolCall("lookup", {"word": "x"})
    chat.engine.script.extend([ScriptedReply(("",), tool_calls=(call,)),
                               ScriptedReply(("",), tool_calls=(call,)),
                               ScriptedReply(("Done.",))])
    chat.controller.send("Look twice", SamplingParams())
    chat.pump(until=lambda: len(chat.controller.session.messages) == 3)
    run = chat.controller.session.messages[2].tool_run
    assert run is not None
    chat.controller.approve_tool(run.call_id, Approval(allowed=True, always=True))
    chat.pump(until=lambda: len(chat.controller.session.messages) == 6
              and chat.controller.session.streaming is None)
    assert len(host.ran) == 2  # the second call ran without asking
    assert [m.role for m in chat.controller.session.messages][-1] is Role.ASSISTANT


def test_the_calls_per_reply_are_bounded(tmp_path: Path) -> None:
    host = Host()
    state = ToolsState(enabled=True, builtin=frozenset({"add"}), max_calls=2)
    chat = chat_with_tools(tmp_path, host, state)
    calls = tuple(ToolCall("add", {"a": n, "b": 1}) for n in range(3))
    chat.engine.script.extend([ScriptedReply(("",), tool_calls=calls),
                               ScriptedReply(("Enough.",))])
    chat.controller.send("Add a lot", SamplingParams())
    chat.pump(until=lambda: len(chat.controller.session.messages) == 6
              and chat.controller.session.streaming is None)
    runs = [m.tool_run for m in chat.controller.session.messages if m.tool_run]
    assert [r.status for r in runs] == [RunStatus.DONE, RunStatus.DONE, RunStatus.LIMIT]
    assert len(host.ran) == 2
    # the model's next turn may not call tools any more
    assert generates(chat)[1].tool_choice.mode is ToolChoiceMode.NONE


def test_stop_while_a_call_runs_asks_nothing_more(tmp_path: Path) -> None:
    host = Host()
    host.deferred = True
    chat = chat_with_tools(tmp_path, host, ON)
    chat.engine.script.append(ScriptedReply(("",), tool_calls=(ToolCall("add", {"a": 1,
                                                                               "b": 1}),)))
    chat.controller.send("1+1", SamplingParams())
    chat.pump(until=lambda: len(host.later) == 1)
    chat.controller.stop()
    host.later.pop()()  # the result arrives after the stop: ignored
    chat.pump()
    assert len(generates(chat)) == 1 and chat.screen.busy is False
    stopped = chat.controller.session.messages[2]
    assert stopped.tool_run is not None and stopped.tool_run.status is RunStatus.DENIED
    assert stopped.status is MessageStatus.DONE
    assert chat.controller.send("And now?", SamplingParams())


def test_without_tools_the_request_offers_none(tmp_path: Path) -> None:
    chat = chat_with_tools(tmp_path, Host(), ToolsState())
    chat.engine.script.append(ScriptedReply(("Hi",), tool_calls=(ToolCall("add", {}),)))
    chat.controller.send("Hello", SamplingParams())
    chat.pump(until=lambda: chat.controller.session.streaming is None
              and len(chat.controller.session.messages) == 2)
    assert generates(chat)[0].tools == ()
    assert [m.role for m in chat.controller.session.messages] == [Role.USER, Role.ASSISTANT]


def test_a_template_without_tools_gets_none_and_its_calls_do_not_run(tmp_path: Path) -> None:
    """The Tools tab says the template has no tools; sending still works, plainly."""
    from dataclasses import replace

    host = Host()
    chat = chat_with_tools(tmp_path, host, ON)
    assert chat.controller.loaded is not None
    chat.controller.loaded = replace(chat.controller.loaded, tools_supported=False)
    chat.engine.script.append(ScriptedReply(("",), tool_calls=(ToolCall("add", {"a": 1,
                                                                               "b": 2}),)))
    chat.controller.send("1+2", SamplingParams())
    chat.pump(until=lambda: chat.controller.session.streaming is None
              and len(chat.controller.session.messages) == 2)
    assert generates(chat)[0].tools == () and host.ran == []
    assert chat.screen.busy is False
