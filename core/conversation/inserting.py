"""Writing whole conversations at once: imports, and conversations read back from a
damaged file.

Both arrive as :class:`core.conversation.importers.Imported` (parents before their
children, ids of the source), and one function writes them, so an import and a
recovery follow the same rules: new ids, the tree and the shown branch kept, and a
conversation without a title named after the first user message of its shown path.

:func:`bring_back_at` writes through a connection of its own, so the window can run
it on a worker thread: the store's connection belongs to the GUI thread (sqlite3's
check), and SQLite's WAL lets the two connections share the file, a write waiting
for the other (``BEGIN IMMEDIATE`` with a busy timeout) instead of failing.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.conversation import tree
from core.conversation.database import BUSY_TIMEOUT_MS, transaction, translated
from core.conversation.importers import Imported
from core.conversation.records import default_title
from core.conversation.recovery import Recovered
from core.conversation.rows import (
    record_values,
    sampling_json,
    stats_values,
    thinking_json,
    tool_calls_json,
    tool_run_json,
)
from core.conversation.types import Role
from core.errors import ConversationStoreError


def insert_conversation(db: sqlite3.Connection, parsed: Imported, now: float) -> int:
    """Write one conversation inside the caller's transaction; its new id."""
    head = parsed.conversation
    cursor = db.execute(
        "INSERT INTO conversations (title, created_at, updated_at, pinned, "
        "system_prompt, sampling_json, model_path, context_policy, thinking_json) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (head.title, head.created_at if head.created_at is not None else now,
         head.updated_at if head.updated_at is not None else now,
         int(head.pinned), head.system_prompt, sampling_json(head.sampling),
         head.model_path, head.context_policy.value, thinking_json(head.thinking)))
    conversation_id = _rowid(cursor)
    new_ids: dict[int, int] = {}
    for item in parsed.messages:
        values: dict[str, Any] = {
            "conversation_id": conversation_id,
            "parent_id": None if item.parent is None else new_ids[item.parent],
            "role": item.role.value, "content": item.content,
            "status": item.status.value,
            "created_at": item.created_at if item.created_at is not None else now,
            "tokens": item.tokens, "selected_seq": item.selected,
            "reasoning": item.reasoning, "reasoning_tokens": item.reasoning_tokens,
            "reasoning_ms": item.reasoning_ms,
            "tool_calls_json": tool_calls_json(item.tool_calls),
            "tool_run_json": None if item.tool_run is None else tool_run_json(item.tool_run),
        }
        if item.record is not None:
            values.update(record_values(item.record))
        if item.stats is not None:
            values.update(stats_values(item.stats))
        cursor = db.execute(
            f"INSERT INTO messages ({', '.join(values)}) VALUES "
            f"({', '.join('?' for _ in values)})", tuple(values.values()))
        new_ids[item.source_id] = _rowid(cursor)
    if not head.title:
        shown = db.execute(tree.CURRENT_PATH.format(columns="m.role, m.content"),
                           (conversation_id,)).fetchall()  # this transaction's rows
        first = next((row[1] for row in shown if row[0] == Role.USER.value), None)
        if first is not None:
            db.execute("UPDATE conversations SET title = ? WHERE id = ?",
                       (default_title(first), conversation_id))
    return conversation_id


def bring_back_at(path: Path, recovered: Recovered,
                  clock: Callable[[], float] = time.time) -> int:
    """:meth:`ConversationStore.bring_back` from any thread, into the history file at
    ``path`` that a store has opened (so it exists with the current schema)."""
    if not path.is_file():
        raise ConversationStoreError(
            "conversation.bring_back.no_history",
            "The recovered conversations could not be brought back: the history file "
            "{path} is gone.", path=str(path))
    with translated(path):
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        with translated(path):
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA foreign_keys=ON")
            now = clock()
            with transaction(db):
                for conversation in recovered.conversations:
                    insert_conversation(db, conversation, now)
    finally:
        db.close()
    return len(recovered.conversations)


def _rowid(cursor: sqlite3.Cursor) -> int:
    assert cursor.lastrowid is not None
    return cursor.lastrowid
