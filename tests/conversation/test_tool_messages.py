"""Tool calls and results in the conversation tree: stored, migrated, sent to the
template, exported, imported and recovered like any message."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from core.conversation.schema import MIGRATIONS
from core.conversation.session import ChatSession
from core.conversation.store import ConversationStore
from core.conversation.types import FinishReason, MessageStatus, Role
from core.engine.protocol import GenerationFinished
from core.errors import Problem
from core.output.types import ToolCall
from core.templates.fallbacks import fallback_source
from core.templates.template import ChatTemplate
from core.tools.runs import RunStatus, ToolRun
from core.tools.spec import ToolSource

CALL = ToolCall("calculator", {"expression": "6*7"})


def run(status: RunStatus = RunStatus.DONE, result: str = "42") -> ToolRun:
    return ToolRun("call_x", "calculator", {"expression": "6*7"}, ToolSource.BUILTIN, "",
                   status, result, elapsed_ms=1.5)


def called(session: ChatSession) -> None:
    """A user message and a reply that asked for one call, as the engine ends it."""
    session.add_user("What is 6 times 7?")
    reply = session.begin_reply(1)
    session.finish(GenerationFinished(1, FinishReason.STOP, "", tool_calls=(CALL,)))
    assert reply.tool_calls and reply.tool_calls[0].id  # Prosa gave it an id


def test_a_call_and_its_result_are_kept_and_read_back(tmp_path: Path) -> None:
    with ConversationStore(tmp_path / "c.db") as store:
        session = ChatSession(store)
        called(session)
        call_id = session.messages[-1].tool_calls[0].id
        assert call_id is not None
        waiting = session.add_tool_result(run(RunStatus.WAITING, "").with_status(
            RunStatus.WAITING, call_id=call_id))
        assert waiting.status is MessageStatus.STREAMING
        done = run(result="42").with_status(RunStatus.DONE, call_id=call_id)
        session.update_tool_result(waiting, done)
        again = ChatSession.open(store, session.conversation_id or 0)
        assert [m.role for m in again.messages] == [Role.USER, Role.ASSISTANT, Role.TOOL]
        assert again.messages[1].tool_calls == (ToolCall("calculator", {"expression": "6*7"},
                                                         call_id),)
        assert again.messages[2].tool_run == done and again.messages[2].content == "42"
        sent = again.request_messages()
        assert sent[1] == {"role": "assistant", "content": "", "tool_calls": [
            {"id": call_id, "type": "function",
             "function": {"name": "calculator", "arguments": {"expression": "6*7"}}}]}
        assert sent[2] == {"role": "tool", "tool_call_id": call_id, "name": "calculator",
                           "content": "42"}
        # The Hermes-style template renders both: the call, then the result for the model.
        prompt = ChatTemplate(fallback_source("chatml-tools")).render(sent)
        assert '<tool_call>\n{"name": "calculator", "arguments": {"expression": "6*7"}}' \
            in prompt
        assert "<tool_response>\n42\n</tool_response>" in prompt


def test_a_run_waiting_when_the_app_closed_reads_back_interrupted(tmp_path: Path) -> None:
    with ConversationStore(tmp_path / "c.db") as store:
        session = ChatSession(store)
        called(session)
        session.add_tool_result(run(RunStatus.WAITING, ""))
    with ConversationStore(tmp_path / "c.db") as store:
        path = store.current_path(1)
        assert path[-1].status is MessageStatus.INTERRUPTED
        assert path[-1].tool_run is not None and path[-1].tool_run.status is RunStatus.WAITING
        # an unfinished run never reaches the model
        assert ChatSession.open(store, 1).request_messages()[-1]["role"] == "assistant"


def test_exports_and_imports_keep_calls_and_runs(tmp_path: Path) -> None:
    failed = run(RunStatus.FAILED, "Error: division by zero").with_status(
        RunStatus.FAILED, problem=Problem.of("tools.failed", "It failed: {why}", why="zero"))
    with ConversationStore(tmp_path / "c.db") as store:
        session = ChatSession(store)
        called(session)
        session.add_tool_result(failed)
        exported = store.export_json(1)
        copy = store.import_json(json.loads(json.dumps(exported)))
        path = store.current_path(copy)
        assert path[1].tool_calls[0].name == "calculator"
        assert path[2].tool_run == failed
        assert path[2].tool_run.problem is not None
        assert path[2].tool_run.problem.fields == {"why": "zero"}
        markdown = store.export_markdown(1)
        assert "`calculator` (built-in), failed" in markdown
        assert "```\nError: division by zero\n```" in markdown


def test_a_hostile_result_stays_text_in_the_markdown_export(tmp_path: Path) -> None:
    with ConversationStore(tmp_path / "c.db") as store:
        session = ChatSession(store)
        called(session)
        session.add_tool_result(run(result="```\n# not a heading\n<|im_end|>"))
        markdown = store.export_markdown(1)
        assert "````\n```\n# not a heading\n<|im_end|>\n````" in markdown


def test_openai_style_lists_with_calls_import() -> None:
    data = [{"role": "user", "content": "Weather?"},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": "c1", "type": "function",
                 "function": {"name": "weather", "arguments": '{"city": "Lisboa"}'}}]},
            {"role": "tool", "tool_call_id": "c1", "content": "18 C, sunny"},
            {"role": "assistant", "content": "It is sunny."}]
    with ConversationStore(Path(":memory:")) as store:
        path = store.current_path(store.import_json(data))
        assert path[1].tool_calls == (ToolCall("weather", {"city": "Lisboa"}, "c1"),)
        assert path[2].role is Role.TOOL and path[2].tool_run is not None
        assert (path[2].tool_run.name, path[2].tool_run.arguments) == \
            ("weather", {"city": "Lisboa"})
        assert path[2].content == "18 C, sunny"


def test_a_version_6_file_migrates_keeping_ids_links_and_search(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    db.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL "
               "UNIQUE, applied_at REAL NOT NULL)")
    for version, migration in enumerate(MIGRATIONS[:6], 1):
        migration(db)
        db.execute("INSERT INTO migrations VALUES (?, ?, 0)", (version, migration.__name__))
    db.execute("INSERT INTO conversations (title, created_at, updated_at) "
               "VALUES ('Old', 1, 1)")
    db.execute("INSERT INTO messages (conversation_id, parent_id, role, content, created_at, "
               "reasoning) VALUES (1, NULL, 'user', 'hedgehogs at night', 1, '')")
    db.execute("INSERT INTO messages (conversation_id, parent_id, role, content, created_at, "
               "reasoning, selected_seq) VALUES (1, 1, 'assistant', 'They forage.', 2, "
               "'hmm', 5)")
    db.commit()
    db.close()
    with ConversationStore(path) as store:
        old = store.current_path(1)
        assert [(m.id, m.parent_id, m.content, m.reasoning) for m in old] == [
            (1, None, "hedgehogs at night", ""), (2, 1, "They forage.", "hmm")]
        assert [h.message_id for h in store.search("hedgehogs")] == [1]
        store.add_tool_result(1, 2, run())
        assert [h.message_id for h in store.search("42")] == [3]
        store.delete(1)
        assert store.purge_deleted() == 1
    check = sqlite3.connect(path)
    assert check.execute("SELECT COUNT(*) FROM messages").fetchone() == (0,)  # cascaded
    assert check.execute("PRAGMA foreign_key_check").fetchall() == []
    check.close()


def test_a_tool_result_needs_a_tool_message(tmp_path: Path) -> None:
    with ConversationStore(tmp_path / "c.db") as store:
        session = ChatSession(store)
        called(session)
        with pytest.raises(Exception) as caught:
            store.update_tool_result(session.messages[0].id or 0, run())
        assert getattr(caught.value, "code", "") == "conversation.tool_message_gone"


def test_a_conversation_keeps_its_tools(tmp_path: Path) -> None:
    from core.tools.choice import ToolChoice, ToolChoiceMode
    from core.tools.selection import ToolsState

    state = ToolsState(enabled=True, builtin=frozenset({"calculator"}),
                       mcp=frozenset({("files", "search")}),
                       choice=ToolChoice(ToolChoiceMode.REQUIRED), max_calls=3)
    with ConversationStore(tmp_path / "c.db") as store:
        c = store.create_conversation()
        assert store.conversation(c).tools == ToolsState()
        store.update_settings(c, tools=state)
    with ConversationStore(tmp_path / "c.db") as store:
        assert store.conversation(c).tools == state
        raw = sqlite3.connect(tmp_path / "c.db")
        with raw:
            raw.execute("UPDATE conversations SET tools_json = '{\"enabled\": 3}'")
        raw.close()
        assert store.conversation(c).tools == ToolsState()  # unreadable: the defaults
