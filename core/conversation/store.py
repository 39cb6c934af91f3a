"""Conversations that last: every message, branch and reply record in one SQLite file.

A conversation is a tree, not a list: editing a user message adds a sibling under the
same parent, and regenerating adds a sibling reply, so nothing the user saw is ever
overwritten.  Which branch is shown is decided by ``selected_seq``: each message
remembers when it was last selected (or created), and the shown path starts at the
most recently selected root and follows the most recently selected child down to a
leaf.  Switching a branch therefore restores whatever was shown below it last time.

Durability rules:

- one transaction per change (``BEGIN IMMEDIATE``, so a second writer waits instead of
  failing half-way), WAL journal, ``synchronous=NORMAL``: a killed app loses nothing
  that was committed; a power cut may lose the last commits but never corrupts;
- a reply is written while it grows (``begin_reply`` / ``append_reply`` /
  ``finish_reply``); one still marked 'streaming' at open was cut off by a crash and
  becomes 'interrupted', keeping its text;
- the schema only changes through the ordered, named migrations in :data:`MIGRATIONS`
  (never edit one that was released: add a new one), each recorded in ``migrations``,
  with a consistent copy of the file made before an existing file is migrated;
- a damaged file (or one that is not SQLite) is renamed aside, never deleted, and
  :attr:`ConversationStore.notice` says where it was kept.

Full-text search uses an FTS5 index kept in sync by triggers, so no code path can
forget to update it.  The store is used from one thread (sqlite3's default check).
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from core.conversation.types import ContextPolicy, GenerationStats, MessageStatus, Role
from core.errors import BadInput, ConversationStoreError
from core.sampling.params import SamplingParams

ROLES: tuple[str, ...] = tuple(Role)
STATUSES: tuple[str, ...] = tuple(MessageStatus)
CONTEXT_POLICIES: tuple[str, ...] = tuple(ContextPolicy)

#: Titles made from the first user message are cut to about this many characters.
TITLE_CHARS = 60
MAX_TITLE_CHARS = 200
#: Search snippets mark matched words with these (control characters never typed by
#: a person), so the view can escape the text and then style the marked parts.
MARK_START = "\x02"
MARK_END = "\x03"
EXPORT_FORMAT = "prosa.conversation"
EXPORT_VERSION = 1
BUSY_TIMEOUT_MS = 5000
#: Files SQLite keeps beside a database; a damaged database is set aside with them.
_COMPANIONS = ("-wal", "-shm", "-journal")

Sampling = SamplingParams | Mapping[str, Any] | None


# --- records -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReplyRecord:
    """What produced a reply, so two replies can be compared or one reproduced.

    Empty strings mean "not known"; ``sampling`` is :meth:`SamplingParams.to_dict`.
    """

    model_file: str = ""
    model_sha256: str = ""
    template_source: str = ""
    template_sha256: str = ""
    strategy: str = ""
    sampling: dict[str, Any] | None = None
    seed: int | None = None


@dataclass(frozen=True)
class ReplyStats:
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    ttft_ms: float | None = None
    tokens_per_s: float | None = None


@dataclass(frozen=True)
class StoredMessage:
    id: int
    conversation_id: int
    parent_id: int | None
    role: Role
    content: str
    status: MessageStatus
    created_at: float
    #: The message's token count, filled by the caller (``None``: not counted yet).
    tokens: int | None = None
    #: ``None`` for messages that were not generated here (user text, imports).
    record: ReplyRecord | None = None
    stats: ReplyStats | None = None


@dataclass(frozen=True)
class Conversation:
    id: int
    title: str
    created_at: float
    updated_at: float
    pinned: bool
    deleted_at: float | None
    system_prompt: str
    sampling: dict[str, Any] | None
    model_path: str
    context_policy: ContextPolicy


@dataclass(frozen=True)
class ConversationSummary:
    """One sidebar row.  ``title`` is "" until the first user message names it."""

    id: int
    title: str
    updated_at: float
    pinned: bool
    message_count: int
    deleted_at: float | None = None


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    message_id: int
    title: str
    #: Text around the match, matched words between :data:`MARK_START` and :data:`MARK_END`.
    snippet: str
    #: FTS5 bm25 rank: lower is a better match.
    rank: float

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as ``(text, highlighted)`` pieces, for views that style them."""
        out: list[tuple[str, bool]] = []
        for i, chunk in enumerate(re.split(f"[{MARK_START}{MARK_END}]", self.snippet)):
            if chunk:
                out.append((chunk, i % 2 == 1))
        return out


# --- schema --------------------------------------------------------------------------


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
    db.execute("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')")


def m004_context_record(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE conversations ADD COLUMN context_policy TEXT NOT NULL "
               "DEFAULT 'stop'")
    db.execute("ALTER TABLE messages ADD COLUMN tokens INTEGER")


#: Applied in order; version N is the file after the first N.  Append only.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    m001_initial,
    m002_branch_selection,
    m003_full_text_search,
    m004_context_record,
)
SCHEMA_VERSION = len(MIGRATIONS)

_MESSAGE_COLUMNS = (
    "id", "conversation_id", "parent_id", "role", "content", "status", "created_at",
    "tokens", "model_file", "model_sha256", "template_source", "template_sha256",
    "strategy", "sampling_json", "seed", "prompt_tokens", "completion_tokens", "ttft_ms",
    "tokens_per_s", "selected_seq",
)
_RECORD_COLUMNS = ("model_file", "model_sha256", "template_source", "template_sha256",
                   "strategy", "sampling_json", "seed")
_STATS_COLUMNS = ("prompt_tokens", "completion_tokens", "ttft_ms", "tokens_per_s")


def _cols(alias: str) -> str:
    return ", ".join(f"{alias}.{name}" for name in _MESSAGE_COLUMNS)


class _Keep(Enum):
    KEEP = 0


KEEP = _Keep.KEEP
"""``update_settings`` default: leave that setting as it is."""


# --- the store -----------------------------------------------------------------------


class ConversationStore:
    """All saved conversations, in the SQLite file at ``path`` (created if missing)."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self._clock = clock
        #: One sentence for the user when something at open needs telling ("" if not).
        self.notice = ""
        self._db = self._open()

    # --- opening --------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        with self._translated():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        damaged = self._damage_read_only()
        db = self._connect()
        if damaged is None:  # a read-only look was not enough (a crashed rollback journal)
            damaged = self._damage(db)
        if damaged:
            db.close()
            kept = self._set_aside()
            self.notice = (f"The saved conversations could not be read ({damaged}), so a new, "
                           f"empty history was started; the old file was kept as {kept}.")
            db = self._connect()
        try:
            with self._translated():
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("PRAGMA foreign_keys=ON")
                self._migrate(db)
                with _transaction(db):
                    db.execute("UPDATE messages SET status = 'interrupted' "
                               "WHERE status = 'streaming'")
        except BaseException:
            db.close()
            raise
        return db

    def _connect(self) -> sqlite3.Connection:
        with self._translated():
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                                 isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return db

    def _damage_read_only(self) -> str | None:
        """Check the file without changing it: a read-write connection to a damaged file
        may delete or checkpoint its -wal on close, and that is evidence to keep.

        "" when sound or missing, a reason when damaged, ``None`` when only a
        read-write connection can tell."""
        try:
            if self.path.stat().st_size == 0:
                return ""
        except FileNotFoundError:
            return ""
        except OSError as error:
            raise self._error(error) from error
        uri = self.path.absolute().as_uri() + "?mode=ro"
        with self._translated():
            db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            return self._damage(db)
        except ConversationStoreError as error:
            if isinstance(error.__cause__, sqlite3.Error) \
                    and _name(error.__cause__).startswith("SQLITE_READONLY"):
                return None
            raise
        finally:
            db.close()

    def _damage(self, db: sqlite3.Connection) -> str:
        """Why the file cannot be used ("" when it is sound).  Only corruption counts:
        a locked or unreadable file is an error to report, not a reason to move it."""
        try:
            rows = db.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as error:
            if _is_damage(error):
                return "not an SQLite database" if _name(error) == "SQLITE_NOTADB" \
                    else "the file is damaged"
            raise self._error(error) from error
        if [tuple(row) for row in rows] != [("ok",)]:
            return "the file is damaged"
        return ""

    def _set_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self._clock()))
        for n in range(1, 1000):
            suffix = f".damaged-{stamp}" + (f"-{n}" if n > 1 else "")
            aside = self.path.with_name(self.path.name + suffix)
            companions = [Path(f"{aside}{ext}") for ext in _COMPANIONS]
            if not aside.exists() and not any(p.exists() for p in companions):
                break
        else:  # pragma: no cover - a thousand damaged files in one second
            raise ConversationStoreError(f"Too many damaged copies next to {self.path}.")
        with self._translated():
            os.replace(self.path, aside)
            for ext in _COMPANIONS:
                extra = Path(f"{self.path}{ext}")
                if extra.exists():
                    os.replace(extra, Path(f"{aside}{ext}"))
        return aside

    def _migrate(self, db: sqlite3.Connection) -> None:
        db.execute("""CREATE TABLE IF NOT EXISTS migrations (
                          version INTEGER PRIMARY KEY,
                          name TEXT NOT NULL UNIQUE,
                          applied_at REAL NOT NULL)""")
        applied = [row["name"] for row in
                   db.execute("SELECT name FROM migrations ORDER BY version")]
        known = [fn.__name__ for fn in MIGRATIONS]
        if applied != known[:len(applied)]:
            raise ConversationStoreError(
                f"The saved conversations ({self.path}) were written by a newer version "
                f"of Prosa; update Prosa to open them.",
                details=f"applied migrations {applied}, known {known}")
        if len(applied) == len(known):
            return
        if applied:
            self._backup(db, len(applied))
        for version, migration in enumerate(MIGRATIONS[len(applied):], len(applied) + 1):
            with _transaction(db):
                migration(db)
                db.execute("INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                           (version, migration.__name__, self._clock()))

    def _backup(self, db: sqlite3.Connection, version: int) -> None:
        """A consistent copy of the file as it was, before its schema changes."""
        target = self.path.with_name(f"{self.path.name}.backup-v{version}")
        partial = target.with_name(target.name + ".partial")
        copy = sqlite3.connect(partial)
        try:
            db.backup(copy)
            copy.close()
            os.replace(partial, target)
        except BaseException:
            copy.close()
            partial.unlink(missing_ok=True)
            raise

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
        with self._translated(), _transaction(self._db):
            yield self._db

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise  # a bug here, not something the user can fix
        except (sqlite3.Error, OSError) as error:
            raise self._error(error) from error

    def _error(self, error: sqlite3.Error | OSError) -> ConversationStoreError:
        where = self.path
        name = _name(error) if isinstance(error, sqlite3.Error) else ""
        if name == "SQLITE_FULL" or getattr(error, "errno", None) == errno.ENOSPC:
            text = (f"The disk holding {where.parent} is full, so the conversation could "
                    f"not be saved; free some space and try again.")
        elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            text = (f"The saved conversations ({where}) are locked by another program, "
                    f"perhaps a second Prosa; close it and try again.")
        elif name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")) \
                or isinstance(error, PermissionError):
            text = (f"Prosa cannot write its saved conversations at {where}; check that "
                    f"the folder exists and that you may write to it.")
        elif name.startswith("SQLITE_CORRUPT"):
            text = (f"The saved conversations ({where}) are damaged; restart Prosa to set "
                    f"the file aside and start a new one.")
        else:
            text = f"Prosa could not read or write its saved conversations at {where}."
        return ConversationStoreError(text, details=f"{type(error).__name__}: {error}")

    # --- conversations --------------------------------------------------------------

    def create_conversation(self, *, title: str = "", system_prompt: str = "",
                            sampling: Sampling = None, model_path: str = "",
                            context_policy: ContextPolicy = ContextPolicy.STOP) -> int:
        title = _valid_title(title) if title.strip() else ""
        policy = _valid_policy(context_policy)
        sampling_json = _sampling_json(sampling)
        now = self._clock()
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO conversations (title, created_at, updated_at, system_prompt, "
                "sampling_json, model_path, context_policy) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (title, now, now, _text(system_prompt), sampling_json, _text(model_path),
                 policy))
            return _rowid(cursor)

    def conversation(self, conversation_id: int) -> Conversation:
        with self._translated():
            row = self._db.execute("SELECT * FROM conversations WHERE id = ?",
                                   (conversation_id,)).fetchone()
        if row is None:
            raise _missing_conversation()
        return Conversation(
            id=row["id"], title=row["title"], created_at=row["created_at"],
            updated_at=row["updated_at"], pinned=bool(row["pinned"]),
            deleted_at=row["deleted_at"], system_prompt=row["system_prompt"],
            sampling=_loads(row["sampling_json"]), model_path=row["model_path"],
            context_policy=row["context_policy"])

    def update_settings(self, conversation_id: int, *, system_prompt: str | _Keep = KEEP,
                        sampling: Sampling | _Keep = KEEP, model_path: str | _Keep = KEEP,
                        context_policy: ContextPolicy | _Keep = KEEP) -> None:
        """Change the settings a conversation continues with (not its old replies)."""
        changes: dict[str, Any] = {}
        if not isinstance(system_prompt, _Keep):
            changes["system_prompt"] = _text(system_prompt)
        if not isinstance(sampling, _Keep):
            changes["sampling_json"] = _sampling_json(sampling)
        if not isinstance(model_path, _Keep):
            changes["model_path"] = _text(model_path)
        if not isinstance(context_policy, _Keep):
            changes["context_policy"] = _valid_policy(context_policy)
        if changes:
            self._update_conversation(conversation_id, changes)

    def list_conversations(self, include_deleted: bool = False) -> list[ConversationSummary]:
        """Pinned first, then most recently active; ``message_count`` counts every branch."""
        where = "" if include_deleted else "WHERE c.deleted_at IS NULL"
        with self._translated():
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
            new = _valid_title(title)
        else:
            first = next((m for m in self.current_path(conversation_id) if m.role == "user"),
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
        role = _valid_choice(role, ROLES, "role")
        status = _valid_choice(status, STATUSES, "status")
        with self._write() as db:
            return self._insert(db, conversation_id, parent_id, role, content, status,
                                tokens=_valid_tokens(tokens))

    def edit(self, message_id: int, content: str) -> int:
        """A changed copy of a message, as a new branch beside it (the original stays)."""
        with self._write() as db:
            original = self._message(db, message_id)
            return self._insert(db, original.conversation_id, original.parent_id,
                                original.role, content, "done")

    def begin_reply(self, conversation_id: int, parent_id: int | None,
                    record: ReplyRecord | None = None) -> int:
        """Start saving an assistant reply (empty, 'streaming'); a second reply under the
        same parent is a regeneration: a sibling, shown in place of the first."""
        with self._write() as db:
            return self._insert(db, conversation_id, parent_id, "assistant", "", "streaming",
                                record=record or ReplyRecord())

    def append_reply(self, message_id: int, text: str) -> None:
        """Add the text generated since the last call (batch calls: one commit each)."""
        if not text:
            return
        with self._write() as db:
            cursor = db.execute("UPDATE messages SET content = content || ?, tokens = NULL "
                                "WHERE id = ?",
                                (_text(text), message_id))
            if cursor.rowcount == 0:
                raise _missing_message()

    def finish_reply(self, message_id: int, content: str, status: MessageStatus,
                     stats: GenerationStats | ReplyStats | None = None) -> None:
        """The final text (authoritative over the appended pieces), how it ended, and
        its numbers; the seed that actually ran replaces the requested one."""
        status = _valid_choice(status, STATUSES, "status")
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
                (_text(content), status, *numbers, seed, message_id))
            if cursor.rowcount == 0:
                raise _missing_message()
            db.execute("UPDATE conversations SET updated_at = ? WHERE id = "
                       "(SELECT conversation_id FROM messages WHERE id = ?)",
                       (self._clock(), message_id))

    def set_tokens(self, counts: Mapping[int, int | None]) -> None:
        """Record token counts for many messages at once (``None`` forgets a count).

        A count belongs to a text: changing a reply's text forgets it.  Ids of messages
        that no longer exist are ignored (their conversation may have been purged)."""
        values = [(_valid_tokens(n), message_id) for message_id, n in counts.items()]
        with self._write() as db:
            db.executemany("UPDATE messages SET tokens = ? WHERE id = ?", values)

    def message(self, message_id: int) -> StoredMessage:
        with self._translated():
            return self._message(self._db, message_id)

    def children(self, message_id: int) -> list[StoredMessage]:
        """Replies or follow-ups to a message, oldest first (every branch)."""
        return self._query(f"SELECT {_cols('m')} FROM messages m WHERE m.parent_id = ? "
                           f"ORDER BY m.id", (message_id,))

    def siblings(self, message_id: int) -> tuple[int, int, list[int]]:
        """``(index, count, ids)`` of the message among its alternatives, oldest first:
        what a "2 / 3" switcher needs."""
        message = self.message(message_id)
        with self._translated():
            rows = self._db.execute(
                "SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS ? "
                "ORDER BY id", (message.conversation_id, message.parent_id)).fetchall()
        ids = [row["id"] for row in rows]
        return ids.index(message_id), len(ids), ids

    def select(self, message_id: int) -> list[StoredMessage]:
        """Show the branch through this message; returns the path now shown."""
        with self._write() as db:
            message = self._message(db, message_id)
            self._mark_selected(db, message.conversation_id, message_id)
        return self.current_path(message.conversation_id)

    def path_to(self, leaf_id: int) -> list[StoredMessage]:
        """The messages from the root down to ``leaf_id``: the history it answers."""
        found = self._query(f"""
            WITH RECURSIVE up(id, depth) AS (
                SELECT ?, 0
                UNION ALL
                SELECT m.parent_id, up.depth + 1 FROM messages m JOIN up ON m.id = up.id
                WHERE m.parent_id IS NOT NULL)
            SELECT {_cols('m')} FROM up JOIN messages m ON m.id = up.id
            ORDER BY up.depth DESC""", (leaf_id,))
        if not found:
            raise _missing_message()
        return found

    def current_path(self, conversation_id: int) -> list[StoredMessage]:
        """The branch shown: from the most recently selected root, the most recently
        selected child at each step, down to a leaf."""
        return self._query(f"""
            WITH RECURSIVE down(id, depth) AS (
                SELECT (SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS NULL
                        ORDER BY selected_seq DESC, id DESC LIMIT 1), 0
                UNION ALL
                SELECT (SELECT c.id FROM messages c WHERE c.parent_id = down.id
                        ORDER BY c.selected_seq DESC, c.id DESC LIMIT 1), down.depth + 1
                FROM down WHERE down.id IS NOT NULL)
            SELECT {_cols('m')} FROM down JOIN messages m ON m.id = down.id
            ORDER BY down.depth""", (conversation_id,))

    def tree(self, conversation_id: int) -> list[StoredMessage]:
        """Every message of every branch, in creation order (parents before children)."""
        return self._query(f"SELECT {_cols('m')} FROM messages m WHERE m.conversation_id = ? "
                           f"ORDER BY m.id", (conversation_id,))

    def _query(self, sql: str, params: Sequence[Any]) -> list[StoredMessage]:
        with self._translated():
            return [_to_message(row) for row in self._db.execute(sql, params)]

    def _message(self, db: sqlite3.Connection, message_id: int) -> StoredMessage:
        row = db.execute(f"SELECT {_cols('m')} FROM messages m WHERE m.id = ?",
                         (message_id,)).fetchone()
        if row is None:
            raise _missing_message()
        return _to_message(row)

    def _insert(self, db: sqlite3.Connection, conversation_id: int, parent_id: int | None,
                role: str, content: str, status: str, *, tokens: int | None = None,
                record: ReplyRecord | None = None) -> int:
        title_row = db.execute("SELECT title FROM conversations WHERE id = ?",
                               (conversation_id,)).fetchone()
        if title_row is None:
            raise _missing_conversation()
        if parent_id is not None:
            parent = db.execute("SELECT conversation_id FROM messages WHERE id = ?",
                                (parent_id,)).fetchone()
            if parent is None or parent["conversation_id"] != conversation_id:
                raise BadInput("The message this one answers no longer exists in this "
                               "conversation.")
        now = self._clock()
        values: dict[str, Any] = {
            "conversation_id": conversation_id, "parent_id": parent_id, "role": role,
            "content": _text(content), "status": status, "created_at": now, "tokens": tokens,
        }
        if record is not None:
            values.update(_record_values(record))
        columns = ", ".join(values)
        cursor = db.execute(f"INSERT INTO messages ({columns}) VALUES "
                            f"({', '.join('?' for _ in values)})", tuple(values.values()))
        message_id = _rowid(cursor)
        self._mark_selected(db, conversation_id, message_id)
        updates: dict[str, Any] = {"updated_at": now}
        if role == "user" and not title_row["title"]:
            updates["title"] = default_title(content)
        db.execute(f"UPDATE conversations SET {', '.join(f'{k} = ?' for k in updates)} "
                   f"WHERE id = ?", (*updates.values(), conversation_id))
        return message_id

    @staticmethod
    def _mark_selected(db: sqlite3.Connection, conversation_id: int, message_id: int) -> None:
        """Make the message and all its ancestors the most recently selected among
        their siblings, so the shown path runs through it."""
        db.execute("""
            WITH RECURSIVE up(id) AS (
                SELECT ?
                UNION ALL
                SELECT m.parent_id FROM messages m JOIN up ON m.id = up.id
                WHERE m.parent_id IS NOT NULL)
            UPDATE messages SET selected_seq = (
                SELECT COALESCE(MAX(selected_seq), 0) + 1 FROM messages
                WHERE conversation_id = ?)
            WHERE id IN (SELECT id FROM up)""", (message_id, conversation_id))

    # --- search ---------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Messages containing every word of ``query`` (the last word may be the start
        of one), best first.  Any text is a valid query: it is never parsed as FTS5
        syntax, so quotes, AND, * or : are just characters."""
        match = fts_query(query)
        if not match or limit <= 0:
            return []
        with self._translated():
            rows = self._db.execute("""
                SELECT m.conversation_id, m.id, c.title,
                       snippet(messages_fts, 0, ?, ?, '…', 12) AS snippet,
                       messages_fts.rank AS rank
                FROM messages_fts
                JOIN messages m ON m.id = messages_fts.rowid
                JOIN conversations c ON c.id = m.conversation_id
                WHERE messages_fts MATCH ? AND c.deleted_at IS NULL
                ORDER BY messages_fts.rank, m.id DESC
                LIMIT ?""", (MARK_START, MARK_END, match, limit)).fetchall()
        return [SearchHit(r["conversation_id"], r["id"], r["title"], r["snippet"], r["rank"])
                for r in rows]

    # --- export and import ----------------------------------------------------------

    def export_json(self, conversation_id: int) -> dict[str, Any]:
        """The whole tree, every record and the conversation's settings, as JSON data
        that :meth:`import_json` turns back into the same conversation."""
        info = self.conversation(conversation_id)
        with self._translated():
            rows = self._db.execute(
                f"SELECT {_cols('m')} FROM messages m WHERE m.conversation_id = ? "
                f"ORDER BY m.id", (conversation_id,)).fetchall()
        messages = []
        for row in rows:
            message = _to_message(row)
            messages.append({
                "id": message.id, "parent_id": message.parent_id, "role": message.role,
                "content": message.content, "status": message.status,
                "created_at": message.created_at, "tokens": message.tokens,
                "selected": row["selected_seq"],
                "record": None if message.record is None else _record_dict(message.record),
                "stats": None if message.stats is None else _stats_dict(message.stats),
            })
        return {
            "format": EXPORT_FORMAT, "version": EXPORT_VERSION,
            "exported_at": self._clock(),
            "conversation": {
                "title": info.title, "created_at": info.created_at,
                "updated_at": info.updated_at, "pinned": info.pinned,
                "system_prompt": info.system_prompt, "sampling": info.sampling,
                "model_path": info.model_path, "context_policy": info.context_policy,
            },
            "messages": messages,
        }

    def export_markdown(self, conversation_id: int) -> str:
        """The branch shown, for people: roles, text, and how each reply was made."""
        info = self.conversation(conversation_id)
        return _markdown(info, self.current_path(conversation_id))

    def import_json(self, data: Any) -> int:
        """A new conversation from :meth:`export_json` data, or from OpenAI-style
        messages (a list, or ``{"messages": [...]}``).  Raises :class:`BadInput`."""
        parsed = _parse_import(data)
        now = self._clock()
        head = parsed.conversation
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO conversations (title, created_at, updated_at, pinned, "
                "system_prompt, sampling_json, model_path, context_policy) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (head.title, head.created_at if head.created_at is not None else now, now,
                 int(head.pinned), head.system_prompt, _sampling_json(head.sampling),
                 head.model_path, head.context_policy))
            conversation_id = _rowid(cursor)
            new_ids: dict[int, int] = {}
            for item in parsed.messages:
                values: dict[str, Any] = {
                    "conversation_id": conversation_id,
                    "parent_id": None if item.parent is None else new_ids[item.parent],
                    "role": item.role, "content": item.content, "status": item.status,
                    "created_at": item.created_at if item.created_at is not None else now,
                    "tokens": item.tokens, "selected_seq": item.selected,
                }
                if item.record is not None:
                    values.update(_record_values(item.record))
                if item.stats is not None:
                    values.update(zip(_STATS_COLUMNS, _stats_tuple(item.stats), strict=True))
                cursor = db.execute(
                    f"INSERT INTO messages ({', '.join(values)}) VALUES "
                    f"({', '.join('?' for _ in values)})", tuple(values.values()))
                new_ids[item.source_id] = _rowid(cursor)
            if not head.title:
                shown = self.current_path(conversation_id)  # this transaction's rows
                first = next((m for m in shown if m.role == "user"), None)
                if first is not None:
                    db.execute("UPDATE conversations SET title = ? WHERE id = ?",
                               (default_title(first.content), conversation_id))
        return conversation_id


# --- helpers: transactions, rows, validation -----------------------------------------


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    # IMMEDIATE takes the write lock up front: a second writer waits (busy_timeout)
    # instead of failing when it tries to upgrade a read lock half-way through.
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _name(error: sqlite3.Error) -> str:
    return str(getattr(error, "sqlite_errorname", "") or "")


def _is_damage(error: sqlite3.Error) -> bool:
    return _name(error).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def _rowid(cursor: sqlite3.Cursor) -> int:
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _missing_conversation() -> BadInput:
    return BadInput("That conversation no longer exists.")


def _missing_message() -> BadInput:
    return BadInput("That message no longer exists.")


def _to_message(row: sqlite3.Row) -> StoredMessage:
    record = None
    if any(row[name] is not None for name in _RECORD_COLUMNS):
        record = ReplyRecord(
            model_file=row["model_file"] or "", model_sha256=row["model_sha256"] or "",
            template_source=row["template_source"] or "",
            template_sha256=row["template_sha256"] or "", strategy=row["strategy"] or "",
            sampling=_loads(row["sampling_json"]), seed=row["seed"])
    stats = None
    if any(row[name] is not None for name in _STATS_COLUMNS):
        stats = ReplyStats(*(row[name] for name in _STATS_COLUMNS))
    return StoredMessage(
        id=row["id"], conversation_id=row["conversation_id"], parent_id=row["parent_id"],
        role=row["role"], content=row["content"], status=row["status"],
        created_at=row["created_at"], tokens=row["tokens"], record=record, stats=stats)


def _record_values(record: ReplyRecord) -> dict[str, Any]:
    return {
        "model_file": _text(record.model_file), "model_sha256": _text(record.model_sha256),
        "template_source": _text(record.template_source),
        "template_sha256": _text(record.template_sha256), "strategy": _text(record.strategy),
        "sampling_json": _sampling_json(record.sampling), "seed": record.seed,
    }


def _record_dict(record: ReplyRecord) -> dict[str, Any]:
    return {"model_file": record.model_file, "model_sha256": record.model_sha256,
            "template_source": record.template_source,
            "template_sha256": record.template_sha256, "strategy": record.strategy,
            "sampling": record.sampling, "seed": record.seed}


def _stats_tuple(stats: ReplyStats) -> tuple[Any, ...]:
    return (stats.prompt_tokens, stats.completion_tokens, stats.ttft_ms, stats.tokens_per_s)


def _stats_dict(stats: ReplyStats) -> dict[str, Any]:
    return dict(zip(_STATS_COLUMNS, _stats_tuple(stats), strict=True))


def _loads(text: str | None) -> dict[str, Any] | None:
    """Stored JSON settings; a value that cannot be read is treated as unknown."""
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _sampling_json(sampling: Sampling) -> str | None:
    if sampling is None:
        return None
    data = sampling.to_dict() if isinstance(sampling, SamplingParams) else dict(sampling)
    try:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise BadInput("The sampling settings could not be saved: they must be plain "
                       "numbers and text.", details=str(error)) from error


def _text(value: str) -> str:
    """Text SQLite can store: a lone surrogate (broken pasted text) becomes '?'."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def _valid_choice(value: str, allowed: tuple[str, ...], what: str) -> Any:
    if value not in allowed:
        raise BadInput(f"Unknown message {what} {value!r}; expected one of "
                       f"{', '.join(allowed)}.")
    return value


def _valid_policy(value: str) -> str:
    if value not in CONTEXT_POLICIES:
        raise BadInput(f"Unknown context policy {value!r}; expected one of "
                       f"{', '.join(CONTEXT_POLICIES)}.")
    return value


def _valid_tokens(value: int | None) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                              or value < 0):
        raise BadInput(f"A token count must be a whole number of at least 0, not {value!r}.")
    return value


def _valid_title(title: str) -> str:
    title = " ".join(_text(title).split())
    if len(title) > MAX_TITLE_CHARS:
        raise BadInput(f"That title is too long ({len(title)} characters; the limit is "
                       f"{MAX_TITLE_CHARS}).")
    return title


def default_title(text: str, limit: int = TITLE_CHARS) -> str:
    """The first non-blank line, cut at a word boundary near ``limit`` characters."""
    line = next((" ".join(part.split()) for part in text.splitlines() if part.strip()), "")
    if len(line) <= limit:
        return line
    cut = line[:limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


# --- helpers: search -----------------------------------------------------------------

_WORDY = re.compile(r"[^\W_]")


def fts_query(text: str) -> str:
    """An FTS5 query matching every whitespace-separated term of ``text`` as a quoted
    phrase (so no character is syntax), the last one as a prefix.  "" means no query.

    Terms without a letter or digit are dropped: they tokenize to nothing and would
    only make the query stricter in ways the user cannot see."""
    clean = _text(text).replace("\x00", " ")
    terms = [term for term in clean.split() if _WORDY.search(term)]
    if not terms:
        return ""
    quoted = ['"' + term.replace('"', '""') + '"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


# --- helpers: Markdown ---------------------------------------------------------------

_STATUS_NOTES = {
    "streaming": "still being written when exported",
    "interrupted": "interrupted: Prosa closed or the engine stopped while writing",
    "stopped": "stopped by the user",
    "length": "cut off at the length limit",
    "error": "failed",
}


def _markdown(info: Conversation, path: list[StoredMessage]) -> str:
    lines = [f"# {info.title or 'Conversation'}", ""]
    facts = [f"Exported from Prosa; started {_when(info.created_at)}"]
    if info.model_path:
        facts.append(f"model `{Path(info.model_path).name}`")
    facts.append(f"context policy: {info.context_policy}")
    lines += ["*" + ", ".join(facts) + ".*", ""]
    if info.system_prompt.strip():
        lines += ["## System prompt", "", info.system_prompt.strip(), ""]
    for message in path:
        lines += [f"## {message.role.capitalize()}", "", message.content.rstrip() or "*(empty)*",
                  ""]
        about = _reply_facts(message)
        if about:
            lines += ["> " + " · ".join(about), ""]
    return "\n".join(lines).rstrip() + "\n"


def _reply_facts(message: StoredMessage) -> list[str]:
    facts: list[str] = []
    if message.status in _STATUS_NOTES:
        facts.append(_STATUS_NOTES[message.status])
    record = message.record
    if record is not None:
        if record.model_file:
            facts.append(f"model `{Path(record.model_file).name}`"
                         + (f" (sha256 {record.model_sha256[:12]})" if record.model_sha256
                            else ""))
        if record.template_source:
            facts.append(f"template: {record.template_source}"
                         + (f" ({record.template_sha256[:12]})" if record.template_sha256
                            else ""))
        if record.strategy:
            facts.append(f"strategy: {record.strategy}")
        if record.sampling:
            facts.append(", ".join(f"{k} {_fmt(v)}" for k, v in record.sampling.items()
                                   if v not in ([], None)))
        if record.seed is not None:
            facts.append(f"seed {record.seed}")
    stats = message.stats
    if stats is not None:
        numbers = []
        if stats.prompt_tokens is not None:
            numbers.append(f"{stats.prompt_tokens} prompt tokens")
        if stats.completion_tokens is not None:
            numbers.append(f"{stats.completion_tokens} reply tokens")
        if stats.tokens_per_s:
            numbers.append(f"{stats.tokens_per_s:.1f} tokens/s")
        if stats.ttft_ms:
            numbers.append(f"first token after {stats.ttft_ms:.0f} ms")
        if numbers:
            facts.append(", ".join(numbers))
    return facts


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _when(timestamp: float) -> str:
    try:
        return datetime.fromtimestamp(timestamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except (OverflowError, OSError, ValueError):  # an imported file's odd date
        return "at an unknown time"


# --- helpers: import -----------------------------------------------------------------


@dataclass(frozen=True)
class _ImportedConversation:
    title: str = ""
    created_at: float | None = None
    pinned: bool = False
    system_prompt: str = ""
    sampling: dict[str, Any] | None = None
    model_path: str = ""
    context_policy: str = "stop"


@dataclass(frozen=True)
class _ImportedMessage:
    source_id: int
    parent: int | None
    role: str
    content: str
    status: str
    created_at: float | None
    tokens: int | None
    selected: int
    record: ReplyRecord | None
    stats: ReplyStats | None


@dataclass(frozen=True)
class _Imported:
    conversation: _ImportedConversation
    messages: list[_ImportedMessage]


def _parse_import(data: Any) -> _Imported:
    if isinstance(data, list):
        return _parse_openai(data, {})
    if not isinstance(data, dict):
        raise BadInput("A conversation to import must be a JSON object or a list of "
                       f"messages, not {_kind(data)}.")
    if "format" in data:
        if data["format"] != EXPORT_FORMAT:
            raise BadInput(f"This file is not a Prosa conversation (its format is "
                           f"{data['format']!r}).")
        return _parse_prosa(data)
    if "messages" in data:
        messages = data["messages"]
        if not isinstance(messages, list):
            raise BadInput("“messages” must be a list of messages.")
        return _parse_openai(messages, data)
    raise BadInput("Nothing to import: expected a Prosa conversation export, a list of "
                   "messages, or an object with “messages”.")


def _parse_openai(items: list[Any], data: Mapping[str, Any]) -> _Imported:
    if not items:
        raise BadInput("There are no messages to import.")
    title = data.get("title", "")
    if not isinstance(title, str):
        raise BadInput("The conversation's “title” must be text.")
    system_parts: list[str] = []
    messages: list[_ImportedMessage] = []
    for number, item in enumerate(items, 1):
        where = f"Message {number}"
        if not isinstance(item, dict):
            raise BadInput(f"{where} must be an object with “role” and “content”, not "
                           f"{_kind(item)}.")
        if "role" not in item:
            raise BadInput(f"{where} has no “role”.")
        role = item["role"]
        if role == "developer":
            role = "system"
        if role not in ROLES:
            raise BadInput(f"{where} has the role {role!r}; Prosa keeps only system, user "
                           f"and assistant messages.")
        content = _openai_content(item.get("content"), where)
        if role == "system" and not messages:
            system_parts.append(content)
            continue
        messages.append(_ImportedMessage(
            source_id=number, parent=messages[-1].source_id if messages else None,
            role=role, content=content, status="done", created_at=None, tokens=None,
            selected=number, record=None, stats=None))
    head = _ImportedConversation(title=_import_title(title),
                                 system_prompt="\n\n".join(system_parts))
    return _Imported(head, messages)


def _openai_content(content: Any, where: str) -> str:
    if isinstance(content, str):
        return _text(content)
    if isinstance(content, list):
        texts = []
        for part in content:
            if isinstance(part, dict) and part.get("type") == "text" \
                    and isinstance(part.get("text"), str):
                texts.append(part["text"])
            else:
                raise BadInput(f"{where} contains a part that is not text; Prosa imports "
                               f"text only.")
        return _text("\n".join(texts))
    if content is None:
        raise BadInput(f"{where} has no text “content”.")
    raise BadInput(f"{where}: “content” must be text, not {_kind(content)}.")


def _parse_prosa(data: Mapping[str, Any]) -> _Imported:
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BadInput("This Prosa conversation file has no valid “version”.")
    if version > EXPORT_VERSION:
        raise BadInput(f"This conversation was exported by a newer Prosa (format version "
                       f"{version}); update Prosa to import it.")
    head = data.get("conversation")
    if not isinstance(head, dict):
        raise BadInput("This Prosa conversation file has no “conversation” settings.")
    policy = _field(head, "context_policy", str, "the conversation", "stop")
    if policy not in CONTEXT_POLICIES:
        raise BadInput(f"Unknown context policy {policy!r} in the conversation settings.")
    conversation = _ImportedConversation(
        title=_import_title(_field(head, "title", str, "the conversation", "")),
        created_at=_number(head, "created_at", "the conversation"),
        pinned=_field(head, "pinned", bool, "the conversation", False),
        system_prompt=_text(_field(head, "system_prompt", str, "the conversation", "")),
        sampling=_optional_dict(head, "sampling", "the conversation"),
        model_path=_text(_field(head, "model_path", str, "the conversation", "")),
        context_policy=policy,
    )
    items = data.get("messages")
    if not isinstance(items, list):
        raise BadInput("This Prosa conversation file has no “messages” list.")
    parsed = [_prosa_message(item, number) for number, item in enumerate(items, 1)]
    return _Imported(conversation, _parents_first(parsed))


def _prosa_message(item: Any, number: int) -> _ImportedMessage:
    where = f"message {number}"
    if not isinstance(item, dict):
        raise BadInput(f"Message {number} must be an object, not {_kind(item)}.")
    source_id = _field(item, "id", int, where)
    parent = _field(item, "parent_id", int, where, None, optional=True)
    role = _field(item, "role", str, where)
    if role not in ROLES:
        raise BadInput(f"Message {number} has the role {role!r}; expected system, user or "
                       f"assistant.")
    status = _field(item, "status", str, where, "done")
    if status not in STATUSES:
        raise BadInput(f"Message {number} has the status {status!r}; expected one of "
                       f"{', '.join(STATUSES)}.")
    if status == "streaming":
        status = "interrupted"  # nothing is writing it any more
    tokens = _field(item, "tokens", int, where, None, optional=True)
    if tokens is not None and tokens < 0:
        raise BadInput(f"Message {number} has a negative token count.")
    selected = _field(item, "selected", int, where, number)
    record = None
    raw_record = item.get("record")
    if raw_record is not None:
        if not isinstance(raw_record, dict):
            raise BadInput(f"The record of message {number} must be an object.")
        what = f"the record of message {number}"
        record = ReplyRecord(
            model_file=_field(raw_record, "model_file", str, what, ""),
            model_sha256=_field(raw_record, "model_sha256", str, what, ""),
            template_source=_field(raw_record, "template_source", str, what, ""),
            template_sha256=_field(raw_record, "template_sha256", str, what, ""),
            strategy=_field(raw_record, "strategy", str, what, ""),
            sampling=_optional_dict(raw_record, "sampling", what),
            seed=_field(raw_record, "seed", int, what, None, optional=True))
    stats = None
    raw_stats = item.get("stats")
    if raw_stats is not None:
        if not isinstance(raw_stats, dict):
            raise BadInput(f"The stats of message {number} must be an object.")
        what = f"the stats of message {number}"
        stats = ReplyStats(
            prompt_tokens=_field(raw_stats, "prompt_tokens", int, what, None, optional=True),
            completion_tokens=_field(raw_stats, "completion_tokens", int, what, None,
                                     optional=True),
            ttft_ms=_number(raw_stats, "ttft_ms", what),
            tokens_per_s=_number(raw_stats, "tokens_per_s", what))
    return _ImportedMessage(
        source_id=source_id, parent=parent, role=role,
        content=_text(_field(item, "content", str, where)), status=status,
        created_at=_number(item, "created_at", where), tokens=tokens, selected=selected,
        record=record, stats=stats)


def _parents_first(messages: list[_ImportedMessage]) -> list[_ImportedMessage]:
    """The messages in file order, except that a parent always comes before its
    children; rejects references to missing messages, duplicate ids and cycles."""
    by_id: dict[int, _ImportedMessage] = {}
    for message in messages:
        if message.source_id in by_id:
            raise BadInput(f"Two messages share the id {message.source_id}.")
        by_id[message.source_id] = message
    placed: set[int] = set()
    ordered: list[_ImportedMessage] = []
    for message in messages:
        chain: list[_ImportedMessage] = []
        in_chain: set[int] = set()
        current: _ImportedMessage | None = message
        while current is not None and current.source_id not in placed:
            if current.source_id in in_chain:
                raise BadInput("The messages' parents form a loop, so this is not a "
                               "conversation tree.")
            chain.append(current)
            in_chain.add(current.source_id)
            if current.parent is None:
                current = None
            elif current.parent not in by_id:
                raise BadInput(f"Message {current.source_id} answers message "
                               f"{current.parent}, which is not in the file.")
            else:
                current = by_id[current.parent]
        for item in reversed(chain):
            placed.add(item.source_id)
            ordered.append(item)
    return ordered


_MISSING = object()
#: SQLite stores integers in 64 bits; JSON numbers have no limit.
_INT_LIMIT = 2**63


def _field(data: Mapping[str, Any], key: str, kind: type, where: str,
           default: Any = _MISSING, *, optional: bool = False) -> Any:
    value = data.get(key, _MISSING)
    if value is _MISSING or (value is None and optional):
        if default is _MISSING:
            raise BadInput(f"The {key!r} of {where} is missing.")
        return default
    wrong = (not isinstance(value, kind)) or (kind is int and isinstance(value, bool))
    if wrong:
        names = {str: "text", int: "a whole number", bool: "true or false"}
        raise BadInput(f"The {key!r} of {where} must be {names.get(kind, kind.__name__)}, "
                       f"not {_kind(value)}.")
    if kind is int and not -_INT_LIMIT <= value < _INT_LIMIT:
        raise BadInput(f"The {key!r} of {where} is too large a number.")
    return value


def _number(data: Mapping[str, Any], key: str, where: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadInput(f"The {key!r} of {where} must be a number, not {_kind(value)}.")
    if isinstance(value, int) and not -_INT_LIMIT <= value < _INT_LIMIT:
        raise BadInput(f"The {key!r} of {where} is too large a number.")
    if not math.isfinite(value):
        raise BadInput(f"The {key!r} of {where} must be a finite number.")
    return value


def _optional_dict(data: Mapping[str, Any], key: str, where: str) -> dict[str, Any] | None:
    value = data.get(key)
    if value is not None and not isinstance(value, dict):
        raise BadInput(f"The {key!r} of {where} must be an object, not {_kind(value)}.")
    return value


def _import_title(title: str) -> str:
    title = " ".join(_text(title).split())
    return title[:MAX_TITLE_CHARS]


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true or false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
