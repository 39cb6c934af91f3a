"""The store's part for tools: a reply's calls, and the ``tool`` messages that hold each
call's result and how it ran.

A mixin of :class:`core.conversation.store.ConversationStore`, kept apart so the
store's module stays about messages in general.  A tool message is an ordinary message
of the tree (its parent is the reply that asked for the call, the next reply follows
it), so branches, exports, search and deletion treat it like any other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from core.conversation.records import ReplyRecord
from core.conversation.rows import tool_calls_json, tool_run_json
from core.conversation.types import MessageStatus, Role
from core.errors import BadInput
from core.output.types import ToolCall
from core.tools.runs import ToolRun


class ToolMessages:
    if TYPE_CHECKING:
        def _write(self) -> AbstractContextManager[sqlite3.Connection]: ...

        def _insert(self, db: sqlite3.Connection, conversation_id: int,
                    parent_id: int | None, role: Role, content: str,
                    status: MessageStatus, *, tokens: int | None = None,
                    record: ReplyRecord | None = None) -> int: ...

    def set_tool_calls(self, message_id: int, calls: Sequence[ToolCall]) -> None:
        """The calls a reply asked for (replacing any kept before)."""
        with self._write() as db:
            _updated(db.execute("UPDATE messages SET tool_calls_json = ? WHERE id = ? "
                                "AND role = 'assistant'",
                                (tool_calls_json(calls), message_id)))

    def add_tool_result(self, conversation_id: int, parent_id: int | None,
                        run: ToolRun) -> int:
        """A ``tool`` message answering one call of the reply ``parent_id`` (or of the
        tool message before it, when the reply made several calls)."""
        with self._write() as db:
            message_id = self._insert(db, conversation_id, parent_id, Role.TOOL,
                                      run.result, _status(run))
            db.execute("UPDATE messages SET tool_run_json = ? WHERE id = ?",
                       (tool_run_json(run), message_id))
            return message_id

    def update_tool_result(self, message_id: int, run: ToolRun) -> None:
        """A tool message's run as it goes on (allowed, running, done)."""
        with self._write() as db:
            _updated(db.execute(
                "UPDATE messages SET content = ?, status = ?, tool_run_json = ?, "
                "tokens = NULL WHERE id = ? AND role = 'tool'",
                (run.result, _status(run).value, tool_run_json(run), message_id)))


def _status(run: ToolRun) -> MessageStatus:
    """A tool message is streaming while it waits or runs; done once it has a result
    (an error result is still a result the model reads)."""
    return MessageStatus.DONE if run.finished else MessageStatus.STREAMING


def _updated(cursor: sqlite3.Cursor) -> None:
    if cursor.rowcount == 0:
        raise BadInput("conversation.tool_message_gone",
                       "The message of that tool call no longer exists.")


