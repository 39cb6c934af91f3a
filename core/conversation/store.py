"""Conversations that last: every message, branch and reply record in one SQLite file.

A conversation is a tree, not a list: editing a user message adds a sibling under the
same parent, and regenerating adds a sibling reply, so nothing the user saw is ever
overwritten.  Which branch is shown is decided by ``selected_seq``: each message
remembers when it was last selected (or created), and the shown path starts at the
most recently selected root and follows the most recently selected child down to a
leaf.  Switching a branch therefore restores whatever was shown below it last time.

A reply is written while it grows (``begin_reply`` / ``append_reply`` /
``finish_reply``), one transaction per change, so a crash keeps what was generated.
How the file is opened, checked, migrated and set aside when damaged is
``core.conversation.database``; its schema is ``core.conversation.schema``; rows and
the checks on written values are ``core.conversation.rows``; the tree's SQL (the shown
path, selecting, deleting a branch) is ``core.conversation.tree``; the export and
import formats are ``core.conversation.export`` and ``core.conversation.importers``,
and whole conversations are written by ``core.conversation.inserting``.  What can be
read back from a damaged file set aside at opening (:attr:`ConversationStore.set_aside`)
is ``core.conversation.recovery``.

Full-text search uses an FTS5 index kept in sync by triggers, so no code path can
forget to update it.  The store is used from one thread (sqlite3's default check).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from core.conversation import export, importers, search, tree
from core.conversation.database import open_database, transaction, translated
from core.conversation.inserting import insert_conversation
from core.conversation.records import (
    MARK_END,
    MARK_START,
    MAX_TITLE_CHARS,
    TITLE_CHARS,
    Conversation,
    ConversationSummary,
    ReplyRecord,
    ReplyStats,
    SearchHit,
    StoredMessage,
    default_title,
    storable_text,
)
from core.conversation.recovery import Recovered
from core.conversation.rows import (
    Sampling,
    columns,
    record_values,
    sampling_json,
    thinking_json,
    to_conversation,
    to_message,
    tools_json,
    valid_policy,
    valid_role,
    valid_status,
    valid_title,
    valid_tokens,
)
from core.conversation.schema import MIGRATIONS, SCHEMA_VERSION
from core.conversation.search import fts_query
from core.conversation.tool_store import ToolMessages
from core.conversation.types import (
    ContextPolicy,
    GenerationStats,
    MessageStatus,
    Role,
    ThinkingSettings,
)
from core.errors import BadInput, Problem
from core.tools.selection import ToolsState

# What callers imported from here before the store was split; they stay importable.
__all__ = [
    "KEEP", "MARK_END", "MARK_START", "MAX_TITLE_CHARS", "MIGRATIONS", "SCHEMA_VERSION",
    "TITLE_CHARS", "Conversation", "ConversationStore", "ConversationSummary", "ReplyRecord",
    "ReplyStats", "SearchHit", "StoredMessage", "default_title", "fts_query",
]


class _Keep(Enum):
    KEEP = 0


KEEP = _Keep.KEEP
"""``update_settings`` default: leave that setting as it is."""


class ConversationStore(ToolMessages):
    """All saved conversations, in the SQLite file at ``path`` (created if missing)."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self._clock = clock
        #: What the user should be told about the opening (a damaged file set aside),
        #: shown with ``ui.error_texts.problem_text``; ``None`` when nothing happened.
        self.notice: Problem | None
        #: The damaged file set aside at this opening (``None``: the file was sound),
        #: for :func:`core.conversation.recovery.recover` to read conversations from.
        self.set_aside: Path | None
        self._db, self.notice, self.set_aside = open_database(self.path, clock)

    # --- housekeeping ---------------------------------------------------------------

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("PRAGMA optimize")
        self._db.close()

    def __enter__(self) -> ConversationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One change, all or nothing."""
        with translated(self.path), transaction(self._db):
            yield self._db

    # --- conversations --------------------------------------------------------------

    def create_conversation(self, *, title: str = "", system_prompt: str = "",
                            sampling: Sampling = None, model_path: str = "",
                            context_policy: ContextPolicy = ContextPolicy.STOP,
                            thinking: ThinkingSettings | None = None) -> int:
        title = valid_title(title) if title.strip() else ""
        policy = valid_policy(context_policy)
        settings = sampling_json(sampling)
        thinks = thinking_json(thinking)
        now = self._clock()
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO conversations (title, created_at, updated_at, system_prompt, "
                "sampling_json, model_path, context_policy, thinking_json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (title, now, now, storable_text(system_prompt), settings,
                 storable_text(model_path), policy.value, thinks))
            return _rowid(cursor)

    def conversation(self, conversation_id: int) -> Conversation:
        with translated(self.path):
            row = self._db.execute("SELECT * FROM conversations WHERE id = ?",
                                   (conversation_id,)).fetchone()
        if row is None:
            raise _missing_conversation()
        return to_conversation(row)

    def update_settings(self, conversation_id: int, *, system_prompt: str | _Keep = KEEP,
                        sampling: Sampling | _Keep = KEEP, model_path: str | _Keep = KEEP,
                        context_policy: ContextPolicy | _Keep = KEEP,
                        thinking: ThinkingSettings | _Keep = KEEP,
                        tools: ToolsState | _Keep = KEEP) -> None:
        """Change the settings a conversation continues with (not its old replies)."""
        changes: dict[str, Any] = {}
        if not isinstance(tools, _Keep):
            changes["tools_json"] = tools_json(tools)
        if not isinstance(thinking, _Keep):
            changes["thinking_json"] = thinking_json(thinking)
        if not isinstance(system_prompt, _Keep):
            changes["system_prompt"] = storable_text(system_prompt)
        if not isinstance(sampling, _Keep):
            changes["sampling_json"] = sampling_json(sampling)
        if not isinstance(model_path, _Keep):
            changes["model_path"] = storable_text(model_path)
        if not isinstance(context_policy, _Keep):
            changes["context_policy"] = valid_policy(context_policy).value
        if changes:
            self._update_conversation(conversation_id, changes)

    def list_conversations(self, include_deleted: bool = False) -> list[ConversationSummary]:
        """Pinned first, then most recently active; ``message_count`` counts every branch."""
        where = "" if include_deleted else "WHERE c.deleted_at IS NULL"
        with translated(self.path):
            rows = self._db.execute(f"""
                SELECT c.id, c.title, c.updated_at, c.pinned, c.deleted_at,
                       (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS n
                FROM conversations c {where}
                ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC""").fetchall()
        return [ConversationSummary(r["id"], r["title"], r["updated_at"], bool(r["pinned"]),
                                    r["n"], r["deleted_at"]) for r in rows]

    def rename(self, conversation_id: int, title: str) -> None:
        """A blank title goes back to the default: the first user message's first line."""
        if title.strip():
            new = valid_title(title)
        else:
            first = next((m for m in self.current_path(conversation_id) if m.role == Role.USER),
                         None)
            new = default_title(first.content) if first else ""
        self._update_conversation(conversation_id, {"title": new})

    def pin(self, conversation_id: int, pinned: bool = True) -> None:
        self._update_conversation(conversation_id, {"pinned": int(pinned)})

    def delete(self, conversation_id: int) -> None:
        """Hide the conversation; :meth:`undo_delete` brings it back until it is purged."""
        self._update_conversation(conversation_id, {"deleted_at": self._clock()})

    def undo_delete(self, conversation_id: int) -> None:
        self._update_conversation(conversation_id, {"deleted_at": None})

    def purge_deleted(self, older_than: timedelta = timedelta(0)) -> int:
        """Remove for good conversations deleted more than ``older_than`` ago; the count."""
        cutoff = self._clock() - older_than.total_seconds()
        with self._write() as db:
            return db.execute("DELETE FROM conversations WHERE deleted_at IS NOT NULL "
                              "AND deleted_at <= ?", (cutoff,)).rowcount

    def _update_conversation(self, conversation_id: int, changes: Mapping[str, Any]) -> None:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        with self._write() as db:
            cursor = db.execute(f"UPDATE conversations SET {assignments} WHERE id = ?",
                                (*changes.values(), conversation_id))
            if cursor.rowcount == 0:
                raise _missing_conversation()

    # --- messages -------------------------------------------------------------------

    def add_message(self, conversation_id: int, parent_id: int | None, role: Role,
                    content: str, *, status: MessageStatus = MessageStatus.DONE,
                    tokens: int | None = None) -> int:
        """Add a message below ``parent_id`` (``None``: a root) and show its branch.

        The first user message of an untitled conversation names it."""
        checked_role, checked_status = valid_role(role), valid_status(status)
        with self._write() as db:
            return self._insert(db, conversation_id, parent_id, checked_role, content,
                                checked_status, tokens=valid_tokens(tokens))

    def edit(self, message_id: int, content: str) -> int:
        """A changed copy of a message, as a new branch beside it (the original stays)."""
        with self._write() as db:
            original = self._message(db, message_id)
            return self._insert(db, original.conversation_id, original.parent_id,
                                original.role, content, MessageStatus.DONE)

    def begin_reply(self, conversation_id: int, parent_id: int | None,
                    record: ReplyRecord | None = None) -> int:
        """Start saving an assistant reply (empty, 'streaming'); a second reply under the
        same parent is a regeneration: a sibling, shown in place of the first."""
        with self._write() as db:
            return self._insert(db, conversation_id, parent_id, Role.ASSISTANT, "",
                                MessageStatus.STREAMING, record=record or ReplyRecord())

    def append_reply(self, message_id: int, text: str, reasoning: str = "") -> None:
        """Add the answer and reasoning generated since the last call (batch calls: one
        commit each)."""
        if not text and not reasoning:
            return
        with self._write() as db:
            cursor = db.execute("UPDATE messages SET content = content || ?, "
                                "reasoning = reasoning || ?, tokens = NULL WHERE id = ?",
                                (storable_text(text), storable_text(reasoning), message_id))
            if cursor.rowcount == 0:
                raise _missing_message()

    def finish_reply(self, message_id: int, content: str, status: MessageStatus,
                     stats: GenerationStats | ReplyStats | None = None, *,
                     reasoning: str | None = None, reasoning_tokens: int | None = None,
                     reasoning_ms: float | None = None) -> None:
        """The final text (authoritative over the appended pieces), how it ended, and
        its numbers; the seed that actually ran replaces the requested one.  The
        reasoning is replaced too when given (``None``: kept as it is)."""
        checked = valid_status(status)
        numbers: tuple[Any, ...] = (None, None, None, None)
        seed = None
        if stats is not None:
            numbers = (stats.prompt_tokens, stats.completion_tokens, stats.ttft_ms,
                       stats.tokens_per_s)
            seed = stats.seed if isinstance(stats, GenerationStats) else None
        with self._write() as db:
            cursor = db.execute(
                "UPDATE messages SET content = ?, tokens = NULL, status = ?, prompt_tokens = ?, "
                "completion_tokens = ?, ttft_ms = ?, tokens_per_s = ?, "
                "seed = COALESCE(?, seed) WHERE id = ?",
                (storable_text(content), checked.value, *numbers, seed, message_id))
            if cursor.rowcount == 0:
                raise _missing_message()
            if reasoning is not None:
                db.execute("UPDATE messages SET reasoning = ?, reasoning_tokens = ?, "
                           "reasoning_ms = ? WHERE id = ?",
                           (storable_text(reasoning), valid_tokens(reasoning_tokens),
                            reasoning_ms, message_id))
            db.execute("UPDATE conversations SET updated_at = ? WHERE id = "
                       "(SELECT conversation_id FROM messages WHERE id = ?)",
                       (self._clock(), message_id))

    def set_tokens(self, counts: Mapping[int, int | None]) -> None:
        """Record token counts for many messages at once (``None`` forgets a count).

        A count belongs to a text: changing a reply's text forgets it.  Ids of messages
        that no longer exist are ignored (their conversation may have been purged)."""
        values = [(valid_tokens(n), message_id) for message_id, n in counts.items()]
        with self._write() as db:
            db.executemany("UPDATE messages SET tokens = ? WHERE id = ?", values)

    def message(self, message_id: int) -> StoredMessage:
        with translated(self.path):
            return self._message(self._db, message_id)

    def children(self, message_id: int) -> list[StoredMessage]:
        """Replies or follow-ups to a message, oldest first (every branch)."""
        return self._query(f"SELECT {columns('m')} FROM messages m WHERE m.parent_id = ? "
                           f"ORDER BY m.id", (message_id,))

    def siblings(self, message_id: int) -> tuple[int, int, list[int]]:
        """``(index, count, ids)`` of the message among its alternatives, oldest first:
        what a "2 / 3" switcher needs."""
        message = self.message(message_id)
        with translated(self.path):
            rows = self._db.execute(
                "SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS ? "
                "ORDER BY id", (message.conversation_id, message.parent_id)).fetchall()
        ids = [row["id"] for row in rows]
        return ids.index(message_id), len(ids), ids

    def select(self, message_id: int) -> list[StoredMessage]:
        """Show the branch through this message; returns the path now shown."""
        with self._write() as db:
            message = self._message(db, message_id)
            tree.mark_selected(db, message.conversation_id, message_id)
        return self.current_path(message.conversation_id)

    def path_to(self, leaf_id: int) -> list[StoredMessage]:
        """The messages from the root down to ``leaf_id``: the history it answers."""
        found = self._query(f"""
            WITH RECURSIVE up(id, depth) AS (
                SELECT ?, 0
                UNION ALL
                SELECT m.parent_id, up.depth + 1 FROM messages m JOIN up ON m.id = up.id
                WHERE m.parent_id IS NOT NULL)
            SELECT {columns('m')} FROM up JOIN messages m ON m.id = up.id
            ORDER BY up.depth DESC""", (leaf_id,))
        if not found:
            raise _missing_message()
        return found

    def current_path(self, conversation_id: int) -> list[StoredMessage]:
        """The branch shown: from the most recently selected root, the most recently
        selected child at each step, down to a leaf."""
        return self._query(tree.CURRENT_PATH.format(columns=columns("m")),
                           (conversation_id,))

    def delete_branch(self, message_id: int) -> None:
        """Delete a message and everything that follows from it (its replies, their
        branches, every level down), in one transaction.

        The shown path then runs through the sibling shown most recently (with the
        branch below it as last seen), or ends at the parent when there is none.
        Deleting the only root leaves an empty conversation, title and settings kept:
        the conversation is the user's to delete, not a side effect."""
        with self._write() as db:
            message = self._message(db, message_id)
            tree.delete_branch(db, message_id)
            db.execute("UPDATE conversations SET updated_at = ? WHERE id = ?",
                       (self._clock(), message.conversation_id))

    def tree(self, conversation_id: int) -> list[StoredMessage]:
        """Every message of every branch, in creation order (parents before children)."""
        return self._query(f"SELECT {columns('m')} FROM messages m WHERE m.conversation_id = ? "
                           f"ORDER BY m.id", (conversation_id,))

    def _query(self, sql: str, params: Sequence[Any]) -> list[StoredMessage]:
        with translated(self.path):
            return [to_message(row) for row in self._db.execute(sql, params)]

    def _message(self, db: sqlite3.Connection, message_id: int) -> StoredMessage:
        row = db.execute(f"SELECT {columns('m')} FROM messages m WHERE m.id = ?",
                         (message_id,)).fetchone()
        if row is None:
            raise _missing_message()
        return to_message(row)

    def _insert(self, db: sqlite3.Connection, conversation_id: int, parent_id: int | None,
                role: Role, content: str, status: MessageStatus, *,
                tokens: int | None = None,
                record: ReplyRecord | None = None) -> int:
        title_row = db.execute("SELECT title FROM conversations WHERE id = ?",
                               (conversation_id,)).fetchone()
        if title_row is None:
            raise _missing_conversation()
        if parent_id is not None:
            parent = db.execute("SELECT conversation_id FROM messages WHERE id = ?",
                                (parent_id,)).fetchone()
            if parent is None or parent["conversation_id"] != conversation_id:
                raise BadInput("conversation.parent_gone",
                               "The message this one answers no longer exists in this "
                               "conversation.")
        now = self._clock()
        values: dict[str, Any] = {
            "conversation_id": conversation_id, "parent_id": parent_id, "role": role.value,
            "content": storable_text(content), "status": status.value, "created_at": now,
            "tokens": tokens,
        }
        if record is not None:
            values.update(record_values(record))
        names = ", ".join(values)
        cursor = db.execute(f"INSERT INTO messages ({names}) VALUES "
                            f"({', '.join('?' for _ in values)})", tuple(values.values()))
        message_id = _rowid(cursor)
        tree.mark_selected(db, conversation_id, message_id)
        updates: dict[str, Any] = {"updated_at": now}
        if role == Role.USER and not title_row["title"]:
            updates["title"] = default_title(content)
        db.execute(f"UPDATE conversations SET {', '.join(f'{k} = ?' for k in updates)} "
                   f"WHERE id = ?", (*updates.values(), conversation_id))
        return message_id


    # --- search ---------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Messages containing every word of ``query`` (the last word may be the start
        of one), best first.  Any text is a valid query: it is never parsed as FTS5
        syntax, so quotes, AND, * or : are just characters."""
        with translated(self.path):
            return search.find(self._db, query, limit)

    # --- export and import ----------------------------------------------------------

    def export_json(self, conversation_id: int) -> dict[str, Any]:
        """The whole tree, every record and the conversation's settings, as JSON data
        that :meth:`import_json` turns back into the same conversation."""
        info = self.conversation(conversation_id)
        with translated(self.path):
            rows = self._db.execute(
                f"SELECT {columns('m')} FROM messages m WHERE m.conversation_id = ? "
                f"ORDER BY m.id", (conversation_id,)).fetchall()
        messages = [(to_message(row), int(row["selected_seq"])) for row in rows]
        return export.json_export(info, messages, self._clock())

    def export_markdown(self, conversation_id: int) -> str:
        """The branch shown, for people: roles, text, and how each reply was made."""
        info = self.conversation(conversation_id)
        return export.markdown(info, self.current_path(conversation_id))

    def import_json(self, data: Any) -> int:
        """A new conversation from :meth:`export_json` data, or from OpenAI-style
        messages (a list, or ``{"messages": [...]}``).  Raises :class:`BadInput`."""
        parsed = importers.parse_import(data)
        now = self._clock()
        with self._write() as db:
            return insert_conversation(db, parsed, now)

    def bring_back(self, recovered: Recovered) -> int:
        """Write what :func:`core.conversation.recovery.recover` read from a damaged
        file as new conversations, all in one transaction; how many.

        They get new ids; titles, settings, times, every branch and the branch that
        was shown are kept as found.  Titles are not marked "(recovered)": a title is
        the user's text, and the offer that brought them back already said so.  From
        another thread, :func:`core.conversation.inserting.bring_back_at`."""
        now = self._clock()
        with self._write() as db:
            for conversation in recovered.conversations:
                insert_conversation(db, conversation, now)
        return len(recovered.conversations)


# --- helpers -------------------------------------------------------------------------


def _rowid(cursor: sqlite3.Cursor) -> int:
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _missing_conversation() -> BadInput:
    return BadInput("conversation.gone", "That conversation no longer exists.")


def _missing_message() -> BadInput:
    return BadInput("conversation.message_gone", "That message no longer exists.")
