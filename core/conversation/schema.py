"""The conversation file's schema, as ordered, named migrations.

The schema only changes through :data:`MIGRATIONS`: each is a small function that
takes the file from one version to the next, and each is recorded in the
``migrations`` table by name when it runs (see ``core.conversation.database``).
Never edit one that was released: a file already migrated by it would not get the
change, and ``tests/conversation/test_store.py`` keeps version 1 written out to catch it.
Add a new one at the end instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def m001_initial(db: sqlite3.Connection) -> None:
    db.execute("""
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            pinned INTEGER NOT NULL DEFAULT 0,
            deleted_at REAL,
            system_prompt TEXT NOT NULL DEFAULT '',
            sampling_json TEXT,
            model_path TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("""
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
            content TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'done',
            created_at REAL NOT NULL,
            model_file TEXT,
            model_sha256 TEXT,
            template_source TEXT,
            template_sha256 TEXT,
            strategy TEXT,
            sampling_json TEXT,
            seed INTEGER,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            ttft_ms REAL,
            tokens_per_s REAL
        )""")
    db.execute("CREATE INDEX messages_by_conversation ON messages(conversation_id, parent_id)")
    db.execute("CREATE INDEX messages_by_parent ON messages(parent_id)")


def m002_branch_selection(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE messages ADD COLUMN selected_seq INTEGER NOT NULL DEFAULT 0")
    # Before branches were chosen, the newest child was the one shown.
    db.execute("UPDATE messages SET selected_seq = id")


def m003_full_text_search(db: sqlite3.Connection) -> None:
    db.execute("""
        CREATE VIRTUAL TABLE messages_fts USING fts5(
            content, content='messages', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )""")
    _full_text_triggers(db)
    db.execute("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')")


def _full_text_triggers(db: sqlite3.Connection) -> None:
    db.execute("""
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
        END""")
    db.execute("""
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, content)
                VALUES ('delete', old.id, old.content);
        END""")
    db.execute("""
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, content)
                VALUES ('delete', old.id, old.content);
            INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
        END""")


def m004_context_record(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE conversations ADD COLUMN context_policy TEXT NOT NULL "
               "DEFAULT 'stop'")
    db.execute("ALTER TABLE messages ADD COLUMN tokens INTEGER")


def m005_reply_system_prompt(db: sqlite3.Connection) -> None:
    # The system prompt a reply was made with: the conversation's may change later, and
    # a record that named only the conversation's would misstate older replies.
    db.execute("ALTER TABLE messages ADD COLUMN system_prompt TEXT")


def m006_reasoning(db: sqlite3.Connection) -> None:
    # A reply's reasoning is kept apart from its answer (the answer is what is copied,
    # searched and sent back as the reply), with its token count and time; and each
    # conversation keeps its thinking settings (mode, budget, template options) as it
    # keeps its sampling settings.
    db.execute("ALTER TABLE messages ADD COLUMN reasoning TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE messages ADD COLUMN reasoning_tokens INTEGER")
    db.execute("ALTER TABLE messages ADD COLUMN reasoning_ms REAL")
    db.execute("ALTER TABLE conversations ADD COLUMN thinking_json TEXT")


def m007_tool_messages(db: sqlite3.Connection) -> None:
    # Tool calls: a reply keeps the calls it asked for (JSON), and a new role, "tool",
    # keeps each call's result and how it ran (``core.tools.runs.ToolRun`` as JSON).
    # SQLite cannot change a CHECK constraint in place, so the table is rebuilt as its
    # documented procedure says (foreign keys are off while migrations run: see
    # ``core.conversation.database``), keeping every id, and the indexes and the
    # full-text triggers are made again.
    kept = ", ".join(_MESSAGE_COLUMNS_V6)
    db.execute("""
        CREATE TABLE messages_v7 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
            content TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'done',
            created_at REAL NOT NULL,
            model_file TEXT,
            model_sha256 TEXT,
            template_source TEXT,
            template_sha256 TEXT,
            strategy TEXT,
            sampling_json TEXT,
            seed INTEGER,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            ttft_ms REAL,
            tokens_per_s REAL,
            selected_seq INTEGER NOT NULL DEFAULT 0,
            tokens INTEGER,
            system_prompt TEXT,
            reasoning TEXT NOT NULL DEFAULT '',
            reasoning_tokens INTEGER,
            reasoning_ms REAL,
            tool_calls_json TEXT,
            tool_run_json TEXT
        )""")
    db.execute(f"INSERT INTO messages_v7 ({kept}) SELECT {kept} FROM messages")
    db.execute("DROP TABLE messages")
    db.execute("ALTER TABLE messages_v7 RENAME TO messages")
    db.execute("CREATE INDEX messages_by_conversation ON messages(conversation_id, parent_id)")
    db.execute("CREATE INDEX messages_by_parent ON messages(parent_id)")
    _full_text_triggers(db)
    db.execute("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')")
    # Each conversation keeps which tools it offers, its tool choice and reply shape
    # (``core.tools.selection.ToolsState``), as it keeps its thinking settings.
    db.execute("ALTER TABLE conversations ADD COLUMN tools_json TEXT")


def m008_reply_engine(db: sqlite3.Connection) -> None:
    # Which engine made a reply: this computer's llama.cpp or a remote server (its name
    # and address), beside the model that answered.
    db.execute("ALTER TABLE messages ADD COLUMN engine TEXT")


#: The message columns after m006, copied by m007.
_MESSAGE_COLUMNS_V6 = (
    "id", "conversation_id", "parent_id", "role", "content", "status", "created_at",
    "model_file", "model_sha256", "template_source", "template_sha256", "strategy",
    "sampling_json", "seed", "prompt_tokens", "completion_tokens", "ttft_ms",
    "tokens_per_s", "selected_seq", "tokens", "system_prompt", "reasoning",
    "reasoning_tokens", "reasoning_ms",
)


#: Applied in order; version N is the file after the first N.  Append only.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    m001_initial,
    m002_branch_selection,
    m003_full_text_search,
    m004_context_record,
    m005_reply_system_prompt,
    m006_reasoning,
    m007_tool_messages,
    m008_reply_engine,
)
SCHEMA_VERSION = len(MIGRATIONS)
